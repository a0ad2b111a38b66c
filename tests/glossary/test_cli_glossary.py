"""End to end: 'audit glossary check' output and exit codes; '-g' given twice merges glossaries."""
from __future__ import annotations

import json

H = "term,kind,replaces,titles,expands,note\n"
TOML = """\
[[place]]
term = "Camp Foster"
replaces = ["Foster Camp"]

[[person]]
term = "Antony Blinken"
variants = ["Blinken"]
titles = ["Secretary of State"]
"""
CSV = H + "Australian Defence Force,org,Australian Defense Forces,,,\nADF,acronym,,,Australian Defence Force,\n"


def _files(tmp_path):
    a = tmp_path / "a.toml"
    a.write_text(TOML, encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(CSV, encoding="utf-8")
    return a, b


def test_check_clean_files_exit_0(tmp_path, run_cli):
    a, b = _files(tmp_path)
    code, out, err = run_cli("glossary", "check", a, b)
    assert code == 0, out + err
    assert out.splitlines() == [f"{a}: ok (2 entries)", f"{b}: ok (2 entries)"]


def test_check_reports_one_line_per_problem_and_exits_2(tmp_path, run_cli):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        "[[place]]\nterm = 'Camp Foster'\nreplaces = ['Camp-Foster']\n\n"
        "[[acronym]]\nterm = 'AUKUS'\n\n"
        "[[term]]\nterm = '!!'\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.csv"
    broken.write_text("term;kind;replaces;titles;expands;note\n", encoding="utf-8")
    warn = tmp_path / "warn.toml"
    warn.write_text("[[acronym]]\nterm = 'AUKUS'\n", encoding="utf-8")
    code, out, err = run_cli("glossary", "check", bad, broken, warn)
    assert code == 2
    lines = out.splitlines()
    assert f"{bad}:1: 'Camp-Foster' is both an official form and a forbidden form of 'Camp Foster'" in lines
    assert f"{bad}:5: warning: acronym 'AUKUS' has no expansion ('expands')" in lines
    assert f"{bad}:8: form '!!' of '!!' is only punctuation" in lines
    assert f"{broken}:1: wrong delimiter ';': the columns must be separated by commas" in lines
    assert f"{warn}: ok (1 entries, 1 warning(s))" in lines
    assert not any(line.startswith(f"{bad}: ok") for line in lines)
    assert "errors" in err


def test_check_warnings_alone_exit_0(tmp_path, run_cli):
    warn = tmp_path / "warn.toml"
    warn.write_text("[[acronym]]\nterm = 'AUKUS'\n", encoding="utf-8")
    code, out, _ = run_cli("glossary", "check", warn)
    assert code == 0 and "warning: acronym 'AUKUS' has no expansion" in out


def test_check_finds_conflicts_across_files(tmp_path, run_cli):
    a, _ = _files(tmp_path)
    c = tmp_path / "c.csv"
    c.write_text(H + "Camp Foster,org,,,,\n", encoding="utf-8")
    code, out, _ = run_cli("glossary", "check", a, c)
    assert code == 2
    assert f"{c}:2: duplicate entry 'Camp Foster' disagrees with {a}:1: kind 'place' vs 'org'" in out.splitlines()


def test_check_unreadable_and_unknown_suffix(tmp_path, run_cli):
    y = tmp_path / "g.yaml"
    y.write_text("x: 1\n", encoding="utf-8")
    code, out, _ = run_cli("glossary", "check", y, tmp_path / "missing.toml")
    assert code == 2
    assert f"{y}: unknown glossary format '.yaml'" in out
    assert f"{tmp_path / 'missing.toml'}: " in out


def test_run_merges_glossaries_given_twice(tmp_path, run_cli):
    a, b = _files(tmp_path)
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "Secretary of State Antony Blinken visited Foster Camp with the Australian Defense Forces.\n\n"
        "The UN Security Council resolutions were discussed with the Joint Chiefs of Staff.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, stdout, err = run_cli("run", doc, "-g", a, "-g", b, "--out", out, "-f", "json", "-q")
    assert code in (0, 1), err
    data = json.loads((out / "doc.json").read_text(encoding="utf-8"))
    found = {(f["text"], f["suggestion"]) for f in data["findings"]}
    assert ("Foster Camp", "Camp Foster") in found  # from a.toml
    assert ("Australian Defense Forces", "Australian Defence Force") in found  # from b.csv
    flagged = {f["text"] for f in data["findings"]}
    # correct text stays clean
    assert not flagged & {"Secretary of State", "Antony Blinken", "UN Security Council", "Joint Chiefs of Staff"}


def test_run_refuses_a_bad_glossary_naming_file_and_line(tmp_path, run_cli):
    a, _ = _files(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(H + "Camp Kinser,base,,,,\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("Marines at Camp Foster.\n", encoding="utf-8")
    code, _, err = run_cli("run", doc, "-g", a, "-g", bad, "--out", tmp_path / "out", "-q")
    assert code == 2
    assert f"{bad}:2: unknown kind 'base'" in err
