"""Renderers: each takes Report(s) and returns text.  They never filter or score.

``RENDERERS`` maps a format name to ``(suffix, render(report) -> str)``;
``render_index(reports)`` renders the batch index page.

``BATCH_RENDERERS`` maps the formats that `audit run` writes once per batch to
``(file name or None for stdout, render_many(reports) -> str)``: one SARIF
file (code-scanning services want one run per tool), one CSV for a
spreadsheet, GitHub annotations on stdout.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..model import Report


def _lazy(module: str, attr: str) -> Callable:
    """``audit.report.<module>.<attr>``, imported on first call (keeps start-up light)."""

    def call(arg):
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)(arg)

    call.__name__ = f"{module}_{attr}"
    return call


RENDERERS: dict[str, tuple[str, Callable[[Report], str]]] = {
    "json": (".json", _lazy("json", "render")),
    "html": (".html", _lazy("html", "render")),
    "md": (".md", _lazy("markdown", "render")),
    "sarif": (".sarif", _lazy("sarif", "render")),
    "csv": (".csv", _lazy("csv", "render")),
    "github": ("", _lazy("github", "render")),
}

BATCH_RENDERERS: dict[str, tuple[Optional[str], Callable[[list[Report]], str]]] = {
    "sarif": ("audit.sarif", _lazy("sarif", "render_many")),
    "csv": ("findings.csv", _lazy("csv", "render_many")),
    "github": (None, _lazy("github", "render_many")),
}


BATCH_KEY = "batch:"  # key prefix of per-document parts that are merged once per batch


def render_outputs(report: Report, formats, write_baseline: bool = False) -> dict[str, str]:
    """Render one report for `audit run`: ``{suffix: text}`` for per-document files, and
    ``{"batch:<fmt>": part}`` for the batch formats (and the baseline), merged by :func:`finish_batch`."""
    out: dict[str, str] = {}
    for fmt in formats:
        if fmt in BATCH_RENDERERS:
            out[BATCH_KEY + fmt] = RENDERERS[fmt][1](report)
        else:
            out[RENDERERS[fmt][0]] = RENDERERS[fmt][1](report)
    if write_baseline:
        from ..baseline import dump

        out[BATCH_KEY + "baseline"] = dump([report])
    return out


def finish_batch(parts: dict[str, list[str]], out_dir, baseline_path=None) -> list[tuple[object, str]]:
    """Merge the batch parts collected from every document: ``[(path or None for stdout, text)]``."""
    from pathlib import Path

    result: list[tuple[object, str]] = []
    for key, texts in parts.items():
        fmt = key[len(BATCH_KEY):]
        if fmt == "baseline":
            if baseline_path:
                from ..baseline import merge

                result.append((Path(baseline_path), merge(texts)))
            continue
        name = BATCH_RENDERERS[fmt][0]
        if fmt == "sarif":
            from .sarif import merge as merge_sarif

            text = merge_sarif(texts)
        elif fmt == "csv":
            text = texts[0].split("\r\n", 1)[0] + "\r\n" + "".join(t.split("\r\n", 1)[1] for t in texts)
        else:
            text = "".join(texts)
        result.append((None if name is None else Path(out_dir) / name, text))
    return result
