"""End to end through the CLI: reports, the JSON contract, determinism, config, gate, exit codes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from .conftest import SEED

CLEAN = "1. The ministers met in the capital.\n\nThey agreed to meet again next year.\n"
DIRTY = "1. The ministers met in the capital .\n\nThey agreed,, to meet again.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def _load(out: Path, stem: str) -> dict:
    return json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))


def test_seed_reports_validate_and_offsets_hold(tmp_path, run_cli, report_schema):
    out = tmp_path / "reports"
    code, stdout, err = run_cli("run", SEED, "--out", out)
    assert code in (0, 1), err
    assert "gate" in stdout and SEED.name in stdout
    data = _load(out, SEED.stem)
    jsonschema.validate(data, report_schema)
    text = SEED.read_bytes().decode("utf-8")
    assert data["findings"], "the seed must produce findings"
    for f in data["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    for p in data["paragraphs"]:
        assert 0 <= p["start"] <= p["end"] <= len(text)
    assert (out / f"{SEED.stem}.html").is_file() and (out / "index.html").is_file()
    assert data["summary"]["passed"] is (code == 0)


def test_output_is_deterministic(tmp_path, run_cli):
    a, b = tmp_path / "a", tmp_path / "b"
    run_cli("run", SEED, "--out", a, "-f", "json,html,md", "-q")
    run_cli("run", SEED, "--out", b, "-f", "json,html,md", "-q")
    for name in sorted(p.name for p in a.iterdir()):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_exit_codes_and_gate(tmp_path, run_cli):
    docs = tmp_path / "docs"
    _write(docs, "clean.txt", CLEAN)
    code, out, err = run_cli("run", docs / "clean.txt", "--out", tmp_path / "r1", "--no-glossary")
    assert code == 0, err
    _write(docs, "dirty.txt", DIRTY)
    # only minor findings: passes the default gate (major), fails --fail-on minor
    assert run_cli("run", docs / "dirty.txt", "--out", tmp_path / "r2", "--no-glossary")[0] == 0
    assert run_cli("run", docs / "dirty.txt", "--out", tmp_path / "r3", "--no-glossary", "--fail-on", "minor")[0] == 1
    assert run_cli("run", docs / "dirty.txt", "--out", tmp_path / "r4", "--no-glossary", "--fail-on", "minor", "--max-errors", "5")[0] == 0
    assert run_cli("run", docs / "dirty.txt", "--out", tmp_path / "r5", "--no-glossary", "--fail-on", "minor", "--exit-zero")[0] == 0
    data = _load(tmp_path / "r3", "dirty")
    assert data["summary"]["errors"] == len(data["findings"]) >= 2
    assert data["summary"]["passed"] is False


def test_bad_input_is_one_line_and_batch_goes_on(tmp_path, run_cli):
    docs = tmp_path / "docs"
    _write(docs, "good.txt", CLEAN)
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02\x03PNG\x00")
    out = tmp_path / "out"
    code, stdout, err = run_cli("run", docs, tmp_path / "missing.txt", "--out", out, "--no-glossary")
    assert code == 2
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 2, err
    assert any("binary.txt" in l and "binary" in l for l in lines)
    assert any("missing.txt" in l for l in lines)
    assert "Traceback" not in err
    assert (out / "good.json").is_file() and not (out / "binary.json").exists()


def test_usage_errors_exit_2(tmp_path, run_cli):
    _write(tmp_path, "d.txt", CLEAN)
    assert run_cli("run", tmp_path / "d.txt", "--fail-on", "fatal", "--out", tmp_path / "o")[0] == 2
    assert run_cli("run", tmp_path / "d.txt", "--format", "pdf", "--out", tmp_path / "o")[0] == 2
    assert run_cli("run", tmp_path / "d.txt", "--glossary", tmp_path / "nope.toml", "--out", tmp_path / "o")[0] == 2
    assert run_cli("frobnicate")[0] == 2
    assert run_cli("rules", "NOPE999")[0] == 2


def test_select_and_ignore_from_cli(tmp_path, run_cli):
    doc = _write(tmp_path, "dirty.txt", DIRTY)
    run_cli("run", doc, "--out", tmp_path / "a", "--no-glossary", "--select", "PUNC001")
    assert {f["rule"] for f in _load(tmp_path / "a", "dirty")["findings"]} == {"PUNC001"}
    run_cli("run", doc, "--out", tmp_path / "b", "--no-glossary", "--ignore", "PUNC")
    assert not {f["rule"] for f in _load(tmp_path / "b", "dirty")["findings"]} & {"PUNC001", "PUNC002"}
    # names work as well as codes; the more specific pattern wins
    run_cli("run", doc, "--out", tmp_path / "c", "--no-glossary", "--select", "PUNC", "--ignore", "punctuation-run")
    assert {f["rule"] for f in _load(tmp_path / "c", "dirty")["findings"]} == {"PUNC001"}


@pytest.mark.parametrize("kind", ["audit.toml", "pyproject.toml"])
def test_config_file_next_to_documents(tmp_path, run_cli, kind):
    docs = tmp_path / "proj"
    doc = _write(docs, "dirty.txt", DIRTY)
    body = 'select = ["PUNC"]\nignore = ["PUNC002"]\nfail-on = "minor"\n[severity]\nPUNC001 = "critical"\n'
    if kind == "pyproject.toml":
        body = "[tool.audit]\n" + body.replace("[severity]", "[tool.audit.severity]")
    _write(docs, kind, body)
    code, _, err = run_cli("run", doc, "--out", tmp_path / "o")
    assert code == 1, err
    data = _load(tmp_path / "o", "dirty")
    assert {f["rule"] for f in data["findings"]} == {"PUNC001"}
    assert {f["severity"] for f in data["findings"]} == {"critical"}
    assert "sev:PUNC001=critical" in data["summary"]["signature"]


def test_bad_config_names_file(tmp_path, run_cli):
    doc = _write(tmp_path, "d.txt", CLEAN)
    _write(tmp_path, "audit.toml", "selec = ['X']\n")
    code, _, err = run_cli("run", doc, "--out", tmp_path / "o")
    assert code == 2 and "audit.toml" in err and "selec" in err


def test_same_stem_in_two_folders_does_not_overwrite(tmp_path, run_cli):
    _write(tmp_path / "in" / "a", "doc.txt", CLEAN)
    _write(tmp_path / "in" / "b", "doc.txt", DIRTY)
    out = tmp_path / "out"
    run_cli("run", tmp_path / "in", "--out", out, "--no-glossary", "-f", "json")
    files = sorted(p.name for p in out.glob("*.json"))
    assert len(files) == 2
    docs = {json.loads((out / f).read_text())["document"] for f in files}
    assert len(docs) == 2


def test_glob_and_folders(tmp_path, run_cli):
    _write(tmp_path / "in", "a.txt", CLEAN)
    _write(tmp_path / "in", "b.md", CLEAN)
    _write(tmp_path / "in", "c.rst", CLEAN)
    out = tmp_path / "out"
    run_cli("run", tmp_path / "in", "--out", out, "--no-glossary", "-f", "json")
    assert sorted(p.stem for p in out.glob("*.json")) == ["a", "b"]
    out2 = tmp_path / "out2"
    run_cli("run", tmp_path / "in", "--out", out2, "--no-glossary", "-f", "json", "--glob", "*.rst")
    assert sorted(p.stem for p in out2.glob("*.json")) == ["c"]


def test_rules_listing_and_explain(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0 and "PUNC001" in out
    code, out, _ = run_cli("rules", "PUNC001")
    assert code == 0 and "## What it checks" in out and "## Preferred" in out
    code, out, _ = run_cli("rules", "space-before-punctuation")
    assert code == 0 and "PUNC001" in out
    code, out, _ = run_cli("rules", "--format", "json")
    assert any(r["code"] == "PUNC001" for r in json.loads(out))


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "audit", "rules"], capture_output=True, text=True)
    assert r.returncode == 0 and "PUNC001" in r.stdout
