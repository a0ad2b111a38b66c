"""The public Python API documented in docs/api.md."""
from __future__ import annotations

import json

import pytest

import audit
from audit.glossary import GlossaryError

from .conftest import GLOSSARY


@pytest.fixture
def glossary_file(tmp_path):
    p = tmp_path / "official.toml"
    p.write_text(GLOSSARY, encoding="utf-8")
    return p


def test_audit_text_with_a_loaded_glossary(glossary_file):
    gl = audit.load_glossary(glossary_file)
    assert gl and any(t.term == "Camp Humphreys" for t in gl.terms)
    report = audit.audit_text("Troops reached Humphreys Camp at dawn.", gl)
    assert isinstance(report, audit.Report)
    [f] = [f for f in report.findings if f.rule == "TERM001"]
    assert isinstance(f, audit.Finding) and f.severity is audit.Severity.MAJOR
    assert report.document.text[f.start:f.end] == f.text == "Humphreys Camp"
    assert f.suggestion == "Camp Humphreys"
    assert not report.passed and report.errors == 1


def test_audit_text_accepts_a_glossary_path_and_stays_clean_on_correct_text(glossary_file):
    report = audit.audit_text("Secretary of State Antony Blinken visited Camp Humphreys and discussed "
                              "UN Security Council resolutions with the Joint Chiefs of Staff.", str(glossary_file))
    assert report.findings == () and report.passed and report.score == 100.0


def test_audit_text_config_and_reference(glossary_file):
    from audit.config import AuditConfig
    from audit.model import Severity

    text = "Troops reached Humphreys Camp at dawn ."
    only_punct = audit.audit_text(text, glossary_file, config=AuditConfig(select=("PUNC",)))
    assert {f.rule for f in only_punct.findings} == {"PUNC001"}
    lenient = audit.audit_text(text, glossary_file, config=AuditConfig(fail_on=Severity.CRITICAL))
    assert lenient.passed and lenient.errors == 0
    with_ref = audit.audit_text(text, glossary_file, reference="Troops reached Camp Humphreys at dawn.")
    assert with_ref.signature.split("|")[-1].startswith("ref:")


def test_load_glossary_merges_files_and_reports_errors(tmp_path, glossary_file):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[acronym]]\nterm = "NFC"\nexpands = "Nordic Fisheries Council"\n', encoding="utf-8")
    merged = audit.load_glossary([glossary_file, extra])
    assert {"Camp Humphreys", "NFC"} <= {t.term for t in merged.terms}
    broken = tmp_path / "broken.toml"
    broken.write_text("[[place]\nterm = \n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="broken.toml"):
        audit.load_glossary(broken)


def test_render_every_format(glossary_file):
    report = audit.audit_text("Troops reached Humphreys Camp at dawn.", glossary_file, path="memo.txt")
    data = json.loads(audit.render(report))
    assert data["schema"] == "audit-report/1" and data["document"] == "memo.txt"
    assert "<mark" in audit.render(report, "html")
    assert json.loads(audit.render(report, "sarif"))["version"] == "2.1.0"
    assert audit.render(report, "github").startswith("::error file=memo.txt,line=1,")
    assert audit.render(report, "csv").startswith("document,")
    assert "| `TERM001` |" in audit.render(report, "md")
    with pytest.raises(ValueError, match="unknown format"):
        audit.render(report, "pdf")
