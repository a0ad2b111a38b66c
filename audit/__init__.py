"""audit: audit machine-translated documents against a glossary of official terms."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "audit_text", "load_glossary", "render", "Finding", "Report", "Severity"]


def __getattr__(name):  # lazy public API keeps `audit --help` fast
    if name in ("Finding", "Report", "Severity"):
        from . import model

        return getattr(model, name)
    if name == "load_glossary":
        from .glossary import load_glossary

        return load_glossary
    raise AttributeError(name)


def audit_text(text, glossary=None, config=None, reference=None, path="<text>"):
    """Audit a text string and return a :class:`audit.model.Report`.

    ``glossary`` is a Glossary (see :func:`load_glossary`), a glossary file path
    (str or Path, loaded with :func:`load_glossary`), or None for no glossary;
    ``config`` an :class:`audit.config.AuditConfig` or None; ``reference`` the
    official text (str) or None.  See docs/api.md.
    """
    from pathlib import Path

    from .document import make_document
    from .engine import audit_document

    if isinstance(glossary, (str, Path)):
        from .glossary import load_glossary as _load

        glossary = _load(glossary)

    ref = make_document(reference, "<reference>") if isinstance(reference, str) else reference
    return audit_document(make_document(text, path), glossary, config, ref)


def render(report, format: str = "json") -> str:
    """Render a report in one of the `audit run` formats (json, html, md, sarif, csv, github)."""
    from .report import RENDERERS

    try:
        return RENDERERS[format][1](report)
    except KeyError:
        raise ValueError(f"unknown format {format!r} (choose from {', '.join(RENDERERS)})") from None
