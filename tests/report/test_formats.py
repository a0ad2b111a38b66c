"""Each machine format checked by a real consumer: Markdown rendered, SARIF against the
official 2.1.0 schema, CSV read back, GitHub annotations parsed as the runner parses them."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audit.report import BATCH_RENDERERS, RENDERERS, finish_batch, render_outputs
from audit.report import csv as csv_report
from audit.report import github, markdown, sarif
from audit.report.view import LineIndex

from ..conftest import audit_str
from .conftest import GLOSSARY, TEXT

SARIF_SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")


class Cells(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.rows, self.tags, self._cell = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _md_tables(text):
    from markdown_it import MarkdownIt

    return Cells(MarkdownIt("commonmark", {"html": True}).enable("table").render(text))


# ----------------------------------------------------------------------------- Markdown

def test_markdown_renders_a_table_with_one_row_per_finding(report):
    parsed = _md_tables(markdown.render(report))
    rows = [r for r in parsed.rows if r and r[0] != "¶" and len(r) == 8]
    assert len(rows) == len(report.findings)
    header = next(r for r in parsed.rows if r and r[0] == "¶")
    assert header == ["¶", "Line:Col", "Rule", "Severity", "Category", "Text", "Message", "Suggestion"]
    li = LineIndex(report.document.text)
    for row, f in zip(rows, report.findings):
        line, col = li.position(f.start)
        assert row[0] == f.paragraph and row[1] == f"{line}:{col}" and row[2] == f.rule
        assert row[5].strip() == f.text.strip() or (not f.text.strip())
        assert row[6] == f.message
        if f.suggestion:
            assert row[7] == f.suggestion


def test_markdown_keeps_pipes_backticks_and_markup_literal():
    gl = '[[org]]\nterm = "A|B `Board` Ltd"\nreplaces = ["A|B <b>Bord</b> Co"]\n'
    r = audit_str("We met A|B <b>Bord</b> Co today.", gl)
    assert [f.rule for f in r.findings] == ["TERM001"], r.findings
    parsed = _md_tables(markdown.render(r))
    assert "b" not in parsed.tags and "script" not in parsed.tags
    row = next(r for r in parsed.rows if len(r) == 8 and r[2] == "TERM001")
    assert row[5] == "A|B <b>Bord</b> Co"
    assert row[7] == "A|B `Board` Ltd"
    assert "A|B <b>Bord</b> Co" in row[6]


def test_markdown_clean_document_and_long_reports():
    r = audit_str("Secretary of State Antony Blinken met the Joint Chiefs of Staff.", GLOSSARY)
    out = markdown.render(r)
    assert "No findings." in out and "PASS" in out
    many = audit_str("Word ,\n\n" * (markdown.MAX_ROWS + 5))
    assert len(many.findings) > markdown.MAX_ROWS
    text = markdown.render(many)
    assert f"and {len(many.findings) - markdown.MAX_ROWS} more finding" in text
    assert sum(1 for row in _md_tables(text).rows if len(row) == 8) == markdown.MAX_ROWS + 1  # + header


def test_markdown_batch_summary(report):
    other = audit_str("Nothing to see.", GLOSSARY)
    parsed = _md_tables(markdown.render_many([report, other]))
    summary = [r for r in parsed.rows if len(r) == 5]
    assert summary[0] == ["Document", "Score", "Errors", "Findings", "Gate"]
    assert [r[4].split()[-1] for r in summary[1:]] == ["FAIL", "PASS"]


# ----------------------------------------------------------------------------- SARIF

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_is_valid_against_the_official_schema(report, sarif_validator):
    log = json.loads(sarif.render(report))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[:3]
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(report.findings)
    li = LineIndex(report.document.text)
    rules = run["tool"]["driver"]["rules"]
    for res, f in zip(run["results"], report.findings):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.rule
        reg = res["locations"][0]["physicalLocation"]["region"]
        assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == li.span(f.start, f.end)
        assert report.document.text[reg["charOffset"]:reg["charOffset"] + reg["charLength"]] == f.text
        assert res["level"] == ("error" if f.severity.rank >= report.fail_on.rank else "warning")
        if f.suggestion is not None:
            rep = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
            assert rep["insertedContent"]["text"] == f.suggestion
    term = next(r for r in run["results"] if r["ruleId"] == "TERM001")
    assert term["level"] == "error" and term["properties"]["category"] == "Terminology/Wrong term"


def test_sarif_batch_merges_into_one_run_with_reindexed_artifacts(report, sarif_validator):
    other = audit_str("The Nordic Fishing Council met ,, again.", GLOSSARY)
    other = type(other)(**{**{k: getattr(other, k) for k in other.__dataclass_fields__},
                          "document": type(other.document)("docs/second file.txt", other.document.text,
                                                           other.document.paragraphs, other.document.sha256)})
    parts = [render_outputs(r, ("sarif",))["batch:sarif"] for r in (report, other)]
    log = json.loads(sarif.merge(parts))
    assert not list(sarif_validator.iter_errors(log))
    run = log["runs"][0]
    assert len(log["runs"]) == 1
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["%3Ctest%3E", "docs/second%20file.txt"]
    assert len(run["results"]) == len(report.findings) + len(other.findings)
    for res in run["results"]:
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    last = run["results"][-1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert last == {"uri": "docs/second%20file.txt", "index": 1}
    assert json.loads(sarif.merge(parts)) == json.loads(BATCH_RENDERERS["sarif"][1]([report, other]))


def test_sarif_artifact_uris():
    assert sarif.artifact_uri("docs/a b.txt") == "docs/a%20b.txt"
    assert sarif.artifact_uri("/srv/docs/memo.txt") == "file:///srv/docs/memo.txt"
    assert sarif.artifact_uri("<text>") == "%3Ctext%3E"


def test_sarif_of_a_clean_document_is_valid(sarif_validator):
    log = json.loads(sarif.render(audit_str("All is well here.", GLOSSARY)))
    assert not list(sarif_validator.iter_errors(log))
    assert log["runs"][0]["results"] == []


# ----------------------------------------------------------------------------- GitHub annotations

_ANNOT = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _parse_annotations(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        m = _ANNOT.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        out.append({"level": m.group(1), **{k: _unescape(v) for k, v in props.items()}, "message": _unescape(m.group(3))})
    return out


def test_github_annotations_carry_file_line_columns_title_and_message(report):
    anns = _parse_annotations(github.render(report))
    assert len(anns) == len(report.findings)
    li = LineIndex(report.document.text)
    for a, f in zip(anns, report.findings):
        line, col, end_line, end_col = li.span(f.start, f.end)
        assert a["file"] == "<test>" and int(a["line"]) == line and int(a["endLine"]) == end_line
        assert int(a["col"]) == col and int(a["endColumn"]) == end_col
        assert a["title"].startswith(f.rule)
        assert f.message in a["message"]
    term = next(a for a in anns if a["title"].startswith("TERM001"))
    assert term["level"] == "error" and "Camp Humphreys" in term["message"]
    assert next(a for a in anns if a["title"].startswith("PUNC001"))["level"] == "warning"


def test_github_annotations_escape_newlines_percent_and_property_separators():
    gl = '[[org]]\nterm = "Board, Inc: 100%"\nreplaces = ["Bord, Inc: 100%"]\n'
    text = "Intro line.\r\nThe Bord, Inc: 100% met.\n"
    r = audit_str(text, gl)
    r = type(r)(**{**{k: getattr(r, k) for k in r.__dataclass_fields__},
                   "document": type(r.document)("dir, with: colon/50%.txt", r.document.text, r.document.paragraphs, "")})
    out = github.render(r)
    assert out.count("\n") == len(r.findings)  # one physical line per annotation
    ann = next(a for a in _parse_annotations(out) if a["title"].startswith("TERM001"))
    assert ann["file"] == "dir, with: colon/50%.txt"
    assert ann["line"] == "2" and ann["col"] == "5"  # CRLF counted as one line break
    assert "Board, Inc: 100%" in ann["message"]


# ----------------------------------------------------------------------------- CSV

def test_csv_reads_back_with_the_csv_module(report):
    text = csv_report.render(report)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(report.findings)
    assert tuple(rows[0].keys()) == csv_report.COLUMNS
    li = LineIndex(report.document.text)
    for row, f in zip(rows, report.findings):
        assert row["rule"] == f.rule and row["text"] == f.text and row["message"] == f.message
        assert (int(row["line"]), int(row["column"])) == li.position(f.start)
        assert int(row["start"]) == f.start and int(row["end"]) == f.end
        assert row["suggestion"] == (f.suggestion or "")
        assert float(row["confidence"]) == pytest.approx(f.confidence, abs=1e-3)


def test_csv_defuses_formulas_and_keeps_quotes_commas_and_newlines():
    gl = '[[org]]\nterm = "=HYPERLINK(\\"x\\", 1)"\nreplaces = ["Bad, Board"]\n'
    r = audit_str('Here the Bad, Board met.\r\nNext line.', gl)
    rows = list(csv.DictReader(io.StringIO(csv_report.render(r), newline="")))
    row = next(x for x in rows if x["rule"] == "TERM001")
    assert row["text"] == "Bad, Board"
    assert row["suggestion"] == "'=HYPERLINK(\"x\", 1)"  # never a live formula in a spreadsheet


def test_batch_csv_has_one_header_and_every_document(report):
    other = audit_str("The Nordic Fishing Council met.", GLOSSARY)
    parts = {"batch:csv": [render_outputs(r, ("csv",))["batch:csv"] for r in (report, other)]}
    [(target, text)] = finish_batch(parts, Path("out"))
    assert target == Path("out") / "findings.csv"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(report.findings) + len(other.findings)
    assert text.count("document,paragraph") == 1


def test_every_cli_format_has_a_renderer():
    from audit.cli import FORMATS

    assert set(FORMATS) <= set(RENDERERS)
    assert {"sarif", "csv", "github", "md", "html", "json"} <= set(FORMATS)



def test_cli_batch_formats_write_one_file_each_and_annotations_to_stdout(tmp_path, run_cli, sarif_validator):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Troops reached Humphreys Camp .\r\n", encoding="utf-8")
    (docs / "b.md").write_text("Secretary of State Antony Blinken met the Joint Chiefs of Staff.\n", encoding="utf-8")
    gl = tmp_path / "g.toml"
    gl.write_text(GLOSSARY, encoding="utf-8")
    out = tmp_path / "r"
    code, stdout, err = run_cli("run", docs, "-g", gl, "-o", out, "-q", "-f", "sarif,csv,github")
    assert code == 1, err
    assert sorted(p.name for p in out.iterdir()) == ["audit.sarif", "findings.csv"]
    anns = _parse_annotations(stdout)
    assert {a["title"].split()[0] for a in anns} == {"TERM001", "PUNC001"}
    assert all(a["file"] == str(docs / "a.txt") for a in anns)
    log = json.loads((out / "audit.sarif").read_text(encoding="utf-8"))
    assert not list(sarif_validator.iter_errors(log))
    assert len(log["runs"][0]["artifacts"]) == 2 and len(log["runs"][0]["results"]) == len(anns)
    rows = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(anns)
