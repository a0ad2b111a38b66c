"""Shared helpers: audit a string with an inline glossary, run the CLI in-process."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.config import AuditConfig
from audit.document import make_document
from audit.engine import audit_document
from audit.glossary import Glossary, parse_native

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ebdd1e0c9e0a145d.txt"
SCHEMA = ROOT / "audit" / "schema" / "report.schema.json"


def audit_str(text: str, glossary: "str | Glossary | None" = None, select=(), ignore=(), reference: str | None = None, **cfg):
    """Audit ``text``; ``glossary`` may be native TOML text.  Returns the Report."""
    if isinstance(glossary, str):
        glossary = parse_native(glossary, "<test>")
    config = AuditConfig(select=tuple(select), ignore=tuple(ignore), **cfg)
    ref = make_document(reference, "<reference>") if reference is not None else None
    return audit_document(make_document(text, "<test>"), glossary or Glossary(), config, ref)


def codes(report) -> list[str]:
    return [f.rule for f in report.findings]


def assert_offsets(report) -> None:
    text = report.document.text
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start:f.end] == f.text, f
        para = next(p for p in report.document.paragraphs if p.id == f.paragraph)
        assert para.start <= f.start <= para.end, (f, para)


@pytest.fixture(autouse=True)
def _glossary_cache_in_tmp(tmp_path_factory, monkeypatch):
    """The compiled-glossary cache of the test session lives under pytest's temporary folder,
    never in the user's ~/.cache/audit (tests/glossary/test_cache.py points it elsewhere)."""
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "glossary-cache"))


@pytest.fixture
def report_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture
def run_cli(capsys):
    from audit.cli import main

    def run(*argv):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
