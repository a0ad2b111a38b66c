"""HTML review pages (Jinja2, autoescaping on).  Self-contained: CSS and JS inline."""
from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

from ..model import Report
from .view import finding_id, pieces


@lru_cache(maxsize=1)
def _env():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("audit.report", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["pieces"] = pieces
    env.globals["finding_id"] = finding_id
    return env


def render(report: Report) -> str:
    return _env().get_template("report.html.j2").render(r=report, title=PurePath(report.document.path).name)


def render_index(entries: list[dict]) -> str:
    """``entries``: dicts with document, href, score, passed, errors, by_severity, findings."""
    return _env().get_template("index.html.j2").render(entries=entries)
