"""Renderers: each takes Report(s) and returns text.  They never filter or score.

``RENDERERS`` maps a format name to ``(suffix, render(report) -> str)``;
``render_index(reports)`` renders the batch index page.
"""
from __future__ import annotations

from typing import Callable

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


RENDERERS: dict[str, tuple[str, Callable[[Report], str]]] = {
    "json": (".json", _json),
    "html": (".html", _html),
    "md": (".md", _md),
}
