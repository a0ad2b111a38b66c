"""HTML review pages (Jinja2, autoescaping on).  Self-contained: CSS and JS inline.

All document and glossary text reaches the page through autoescaped template
variables only.  The inline script is allowed by its SHA-256 hash in a
Content-Security-Policy, so even an injected inline handler could not run, and
``default-src 'none'`` forbids every network load.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from ..model import Report
from . import view


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
    return env


@lru_cache(maxsize=4)
def _asset(name: str):
    """A static asset (CSS or JS) as markup, and its CSP hash source."""
    from markupsafe import Markup

    env = _env()
    text = env.loader.get_source(env, name)[0]
    if "</" in text and name.endswith(".js"):
        raise ValueError(f"{name}: inline script must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"sha256-{digest}"


def render(report: Report) -> str:
    css, _ = _asset("base.css")
    script, script_hash = _asset("report.js")
    return _env().get_template("report.html.j2").render(
        v=view.page(report), css=css, script=script, script_hash=script_hash)


def render_index(entries: list[dict]) -> str:
    """``entries``: dicts with document, href, score, passed, errors, by_severity, findings."""
    css, _ = _asset("base.css")
    script, script_hash = _asset("index.js")
    return _env().get_template("index.html.j2").render(
        v=view.index(entries), css=css, script=script, script_hash=script_hash)
