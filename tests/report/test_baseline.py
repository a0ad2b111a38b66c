"""Baselines: known findings are accepted, the gate fails only on new ones."""
from __future__ import annotations

import json

import pytest

from audit import baseline
from audit.document import make_document
from audit.engine import audit_document
from audit.glossary import parse_native

from .conftest import GLOSSARY

DOC = (
    "1. The delegation arrived at Humphreys Camp on Monday.\n"
    "\n"
    "2. Secretary of State Antony Blinken met the Joint Chiefs of Staff.\n"
    "\n"
    "3. The Nordic Fishing Council reviewed UN Security Council resolutions.\n"
)


def audit(text, path="batch/doc.txt"):
    return audit_document(make_document(text, path), parse_native(GLOSSARY, "<g>"))


def accept(report, known):
    return baseline.apply(report, known, max_errors=0)


def test_baseline_accepts_known_findings_and_passes_the_gate():
    r = audit(DOC)
    assert {f.text for f in r.findings if f.rule == "TERM001"} == {"Humphreys Camp", "Nordic Fishing Council"}
    assert not r.passed and r.errors == 2
    known = baseline.parse(baseline.dump([r]))
    again = accept(r, known)
    assert again.passed and again.errors == 0
    assert again.findings == r.findings and again.score == r.score  # nothing hidden, score unchanged
    assert again.extra["baseline"]["accepted"] == len(r.findings)


def test_unrelated_edit_elsewhere_keeps_the_finding_suppressed():
    known = baseline.parse(baseline.dump([audit(DOC)]))
    edited = DOC.replace("met the Joint Chiefs of Staff.", "met the Joint Chiefs of Staff in Oslo.\n\n4. A new paragraph.")
    edited = "Released today\n\n" + edited  # also shifts every offset and adds paragraphs
    r = accept(audit(edited), known)
    assert r.passed and r.errors == 0, [f.text for f in r.findings]


def test_moved_folder_and_renumbered_paragraph_still_match():
    known = baseline.parse(baseline.dump([audit(DOC)]))
    moved = DOC.replace("3. The Nordic", "7. The Nordic")
    r = accept(audit(moved, "elsewhere/deeper/doc.txt"), known)
    assert r.passed


def test_changed_flagged_text_comes_back_as_new():
    known = baseline.parse(baseline.dump([audit(DOC)]))
    changed = DOC.replace("Humphreys Camp on Monday", "Camp Humphreys on Monday").replace(
        "The Nordic Fishing Council reviewed", "The Nordic Fishing Council then reviewed")
    r = accept(audit(changed), known)
    assert not r.passed and r.errors == 1  # the council, whose surroundings changed
    new = [f for f in r.findings if f"f-{f.start}-{f.end}-{f.rule}" not in r.extra["baseline"]["accepted_ids"]]
    assert [f.text for f in new] == ["Nordic Fishing Council"]


def test_flagged_text_replaced_by_another_wrong_form_is_new():
    known = baseline.parse(baseline.dump([audit(DOC)]))
    r = accept(audit(DOC.replace("Nordic Fishing Council", "Nordic Fish Council")), known)
    assert r.errors == 1 and not r.passed
    new = [f for f in r.findings if f"f-{f.start}-{f.end}-{f.rule}" not in r.extra["baseline"]["accepted_ids"]]
    assert [(f.rule, f.text) for f in new] == [("TERM001", "Nordic Fish Council")]


def test_a_second_occurrence_is_new_and_other_documents_are_not_covered():
    known = baseline.parse(baseline.dump([audit(DOC)]))
    doubled = DOC + "\n4. The Nordic Fishing Council reviewed UN Security Council resolutions.\n"
    r = accept(audit(doubled), known)
    assert r.errors == 1
    other = accept(audit(DOC, "batch/other.txt"), known)
    assert other.errors == 2


def test_bad_baseline_files_are_reported(tmp_path):
    with pytest.raises(baseline.BaselineError, match="not found"):
        baseline.load(tmp_path / "missing.json")
    p = tmp_path / "b.json"
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match="not JSON"):
        baseline.load(p)
    p.write_text(json.dumps({"schema": "other"}), encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match="not an audit baseline"):
        baseline.load(p)
    p.write_text(json.dumps({"schema": baseline.SCHEMA, "findings": [{"rule": "X"}]}), encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match="entry 1"):
        baseline.load(p)


def test_cli_write_baseline_then_gate_only_on_new_findings(tmp_path, run_cli):
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / "memo.txt"
    doc.write_text(DOC, encoding="utf-8")
    gl = tmp_path / "g.toml"
    gl.write_text(GLOSSARY, encoding="utf-8")
    base = tmp_path / "audit-baseline.json"
    out = tmp_path / "r"
    code, _, err = run_cli("run", docs, "-g", gl, "-o", out, "-q", "--write-baseline", base)
    assert code == 1, err
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["schema"] == baseline.SCHEMA
    assert {e["text"] for e in data["findings"]} >= {"Humphreys Camp", "Nordic Fishing Council"}

    code, _, err = run_cli("run", docs, "-g", gl, "-o", out, "-q", "--baseline", base)
    assert code == 0, err
    report = json.loads((out / "memo.json").read_text(encoding="utf-8"))
    assert report["summary"]["passed"] is True and report["summary"]["baseline"]["accepted"] == len(report["findings"])

    doc.write_text(DOC.replace("Antony Blinken met", "Antony Blinken later met"), encoding="utf-8")
    code, _, err = run_cli("run", docs, "-g", gl, "-o", out, "-q", "--baseline", base)
    assert code == 0, err

    doc.write_text(DOC + "\n4. Troops left Humphreys Camp in May.\n", encoding="utf-8")
    code, out_text, err = run_cli("run", docs, "-g", gl, "-o", out, "--baseline", base, "-f", "github,sarif")
    assert code == 1
    lines = [l for l in out_text.splitlines() if l.startswith("::")]
    assert sum(l.startswith("::error") for l in lines) == 1 and "line=7" in next(l for l in lines if l.startswith("::error"))
    sarif = json.loads((out / "audit.sarif").read_text(encoding="utf-8"))
    states = [r["baselineState"] for r in sarif["runs"][0]["results"]]
    assert states.count("new") == 1 and states.count("unchanged") == len(states) - 1


def test_cli_missing_baseline_is_a_usage_error(tmp_path, run_cli):
    doc = tmp_path / "a.txt"
    doc.write_text("Fine text.\n", encoding="utf-8")
    code, _, err = run_cli("run", doc, "--no-glossary", "-o", tmp_path / "r", "-q", "--baseline", tmp_path / "nope.json")
    assert code == 2 and "baseline not found" in err


def test_json_report_with_a_baseline_still_matches_the_report_schema(report_schema):
    jsonschema = pytest.importorskip("jsonschema")
    from audit.report.json import to_dict

    r = audit(DOC)
    data = to_dict(accept(r, baseline.parse(baseline.dump([r]))))
    jsonschema.validate(data, report_schema)
    assert data["summary"]["baseline"]["accepted"] == len(data["findings"]) and data["summary"]["errors"] == 0
