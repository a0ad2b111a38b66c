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


def _json(report: Report) -> str:
    from .json import render

    return render(report)


def _html(report: Report) -> str:
    from .html import render

    return render(report)


def _md(report: Report) -> str:
    from .markdown import render

    return render(report)


def _sarif(report: Report) -> str:
    from .sarif import render

    return render(report)


def _csv(report: Report) -> str:
    from .csv import render

    return render(report)


def _github(report: Report) -> str:
    from .github import render

    return render(report)


def _many(module: str):
    def render_many(reports: list[Report]) -> str:
        import importlib

        return importlib.import_module(f"{__name__}.{module}").render_many(list(reports))

    return render_many


RENDERERS: dict[str, tuple[str, Callable[[Report], str]]] = {
    "json": (".json", _json),
    "html": (".html", _html),
    "md": (".md", _md),
    "sarif": (".sarif", _sarif),
    "csv": (".csv", _csv),
    "github": ("", _github),
}

BATCH_RENDERERS: dict[str, tuple[Optional[str], Callable[[list[Report]], str]]] = {
    "sarif": ("audit.sarif", _many("sarif")),
    "csv": ("findings.csv", _many("csv")),
    "github": (None, _many("github")),
}
