"""Hostile and broken inputs: each is audited correctly or refused with one clear line.

Every case here is also a row of docs/RELIABILITY.md.  The table is produced by this
test run: ``AUDIT_UPDATE_DOCS=1 pytest tests/test_reliability.py`` rewrites it, and a
plain run fails when the committed table no longer matches what the code does.
"""
from __future__ import annotations

import codecs
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from audit.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "RELIABILITY.md"

GOOD = "1. Minister Suh Wook met Secretary of Defense Lloyd J. Austin III in Seoul.\n\nThey agreed.\n"


@dataclass
class Case:
    kind: str  # "document" or "glossary"
    name: str
    make: Callable[[Path], list]  # returns the CLI arguments after "audit"
    expect: str  # "audited" or "refused"
    check: Callable[[Path, dict], None] | None = None  # extra assertions on the report


def _file(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / "in" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def _run_doc(name: str, data: bytes):
    return lambda tmp: ["run", _file(tmp, name, data), "--no-glossary"]


def _offsets_hold(tmp: Path, report: dict) -> None:
    """offsets index the decoded text exactly"""
    src = Path(report["document"])
    from audit.document import decode

    text = decode(src.read_bytes())
    for f in report["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    for p in report["paragraphs"]:
        assert text[p["start"]:p["end"]].strip() == text[p["start"]:p["end"]]


def _contains(needle: str):
    def check(tmp: Path, report: dict) -> None:
        """decoded correctly; offsets index the decoded text exactly"""
        from audit.document import decode

        assert needle in decode(Path(report["document"]).read_bytes())
        _offsets_hold(tmp, report)

    return check


def _hidden_name_found(tmp: Path, report: dict) -> None:
    """Suh U+200B Wook is flagged as a variant of Suh Wook; offsets index the decoded text exactly"""
    _offsets_hold(tmp, report)
    assert any(f["suggestion"] == "Suh Wook" for f in report["findings"]), report["findings"]
    assert any(f["suggestion"] == "Secretary" for f in report["findings"]), report["findings"]


def _symlink(target: str, name: str):
    def make(tmp: Path):
        d = tmp / "in"
        d.mkdir(parents=True, exist_ok=True)
        os.symlink(target, d / name)
        return ["run", d / name, "--no-glossary"]

    return make


def _loop(tmp: Path):
    d = tmp / "in"
    d.mkdir(parents=True, exist_ok=True)
    os.symlink(d / "b.txt", d / "a.txt")
    os.symlink(d / "a.txt", d / "b.txt")
    return ["run", d / "a.txt", "--no-glossary"]


def _dir_loop(tmp: Path):
    d = tmp / "in" / "sub"
    d.mkdir(parents=True, exist_ok=True)
    (d / "doc.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp / "in", d / "back")  # folder symlink pointing to its parent
    return ["run", tmp / "in", "--no-glossary"]


def _fifo(tmp: Path):
    d = tmp / "in"
    d.mkdir(parents=True, exist_ok=True)
    os.mkfifo(d / "pipe.txt")
    return ["run", d / "pipe.txt", "--no-glossary"]


def _unreadable(tmp: Path):
    p = _file(tmp, "secret.txt", GOOD.encode())
    p.chmod(0)
    return ["run", p, "--no-glossary"]


def _big(tmp: Path):
    para = ("The ministers reaffirmed the alliance and agreed to deepen cooperation on regional security. " * 8).strip()
    block = "\n\n".join(f"{i}. {para}" for i in range(1, 1001)) + "\n\n"
    data = block.encode("utf-8")
    reps = (50 * 1024 * 1024) // len(data) + 1
    return ["run", _file(tmp, "big.txt", data * reps), "--no-glossary", "-f", "json"]


DOC_CASES = [
    Case("document", "empty file", _run_doc("empty.txt", b""), "audited"),
    Case("document", "whitespace-only file", _run_doc("blank.txt", b" \n\t\n\r\n"), "audited"),
    Case("document", "binary file named .txt (PNG header)", _run_doc("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), "refused"),
    Case("document", "UTF-8 with BOM", _run_doc("bom.txt", codecs.BOM_UTF8 + GOOD.encode()), "audited", _contains("Suh Wook")),
    Case("document", "UTF-16 LE with BOM", _run_doc("u16le.txt", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")), "audited", _contains("Suh Wook")),
    Case("document", "UTF-16 BE with BOM", _run_doc("u16be.txt", codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be")), "audited", _contains("Suh Wook")),
    Case("document", "Windows-1252 curly quotes and dashes", _run_doc("cp1252.txt", "1. The “alliance” – Seoul’s view .\n".encode("cp1252")), "audited", _contains("“alliance” – Seoul’s")),
    Case("document", "CRLF newlines", _run_doc("crlf.txt", GOOD.replace("\n", "\r\n").replace("Seoul.", "Seoul .").encode()), "audited", _offsets_hold),
    Case("document", "lone CR newlines", _run_doc("cr.txt", GOOD.replace("\n", "\r").replace("Seoul.", "Seoul .").encode()), "audited", _offsets_hold),
    Case("document", "100,000-character line without spaces", _run_doc("longline.txt", (b"x" * 100_000) + b"\n\n1. Done ."), "audited", _offsets_hold),
    Case("document", "control and zero-width characters inside names (default glossary)",
         lambda tmp: ["run", _file(tmp, "zw.txt", "1. Minister Suh\u200bWook and Sec\u00adretary Austin\x07 met .\n".encode())],
         "audited", _hidden_name_found),
    Case("document", "right-to-left text (Arabic, Hebrew) with bidi controls", _run_doc("rtl.txt", "1. \u202bوزير الدفاع\u202c met שר הביטחון .\n".encode()), "audited", _offsets_hold),
    Case("document", "file name with spaces and non-ASCII", _run_doc("Communiqué final (copie).txt", GOOD.encode()), "audited"),
    Case("document", "file name with HTML/script characters", _run_doc("<img src=x onerror=alert(1)>.txt", GOOD.encode()), "audited"),
    Case("document", "unreadable file (mode 000)" + (": root may read it" if os.geteuid() == 0 else ""), _unreadable, "audited" if os.geteuid() == 0 else "refused"),
    Case("document", "broken symbolic link", _symlink("/nonexistent/target.txt", "broken.txt"), "refused"),
    Case("document", "symbolic link loop (file)", _loop, "refused"),
    Case("document", "symbolic link loop (folder)", _dir_loop, "audited"),
    Case("document", "named pipe with a .txt name", _fifo, "refused"),
    Case("document", "missing path", lambda tmp: ["run", tmp / "no" / "such.txt", "--no-glossary"], "refused"),
    Case("document", "50 MB document", _big, "audited"),
]

def _gloss(name: str, data: bytes):
    def make(tmp: Path):
        doc = _file(tmp, "doc.txt", GOOD.encode())
        return ["run", doc, "-g", _file(tmp, name, data)]

    return make


_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;">]>
<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&lol9;</term></termSec></langSec></conceptEntry></body></text></tbx>"""
_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry></body></text></tbx>"""
_HEADER = b"term,kind,replaces,titles,expands,note\n"

GLOSSARY_CASES = [
    Case("glossary", "CSV with a missing column", _gloss("g.csv", b"term,kind,replaces,titles,expands\nSuh Wook,person,,,\n"), "refused"),
    Case("glossary", "CSV with the wrong delimiter (;)", _gloss("g.csv", b"term;kind;replaces;titles;expands;note\nSuh Wook;person;;;;\n"), "refused"),
    Case("glossary", "CSV with bad quoting", _gloss("g.csv", _HEADER + b'"Suh Wook,person,,,,\n'), "refused"),
    Case("glossary", "CSV row with too many cells", _gloss("g.csv", _HEADER + b"Suh Wook,person,,,,,extra,more,cells\n"), "refused"),
    Case("glossary", "TOML syntax error", _gloss("g.toml", b'[[person]]\nterm = "Suh Wook\n'), "refused"),
    Case("glossary", "TOML unknown kind", _gloss("g.toml", b'[[persn]]\nterm = "Suh Wook"\n'), "refused"),
    Case("glossary", "TBX that is not well-formed", _gloss("g.tbx", b"<tbx><text><body><conceptEntry>"), "refused"),
    Case("glossary", "TBX entity-expansion bomb", _gloss("g.tbx", _BOMB), "refused"),
    Case("glossary", "TBX external entity (file:///etc/passwd)", _gloss("g.tbx", _XXE), "refused"),
    Case("glossary", "conflicting duplicate entries", _gloss("g.csv", _HEADER + b"SCM,acronym,,,Security Consultative Meeting,\nSCM,acronym,,,Special Committee Meeting,\n"), "refused"),
    Case("glossary", "same form official and forbidden", _gloss("g.csv", _HEADER + b"Camp Humphreys,place,Camp Humphreys,,,\n"), "refused"),
    Case("glossary", "empty term", _gloss("g.csv", _HEADER + b",person,,Minister,,\n"), "refused"),
    Case("glossary", "one-letter term", _gloss("g.csv", _HEADER + b"X,term,,,,\n"), "refused"),
    Case("glossary", "500-character term", _gloss("g.csv", _HEADER + b"A" * 500 + b",term,,,,\n"), "refused"),
    Case("glossary", "punctuation-only term", _gloss("g.csv", _HEADER + b"?!.,term,,,,\n"), "refused"),
    Case("glossary", "binary file named .csv", _gloss("g.csv", b"\x00\x01PK\x03\x04"), "refused"),
]

ALL_CASES = DOC_CASES + GLOSSARY_CASES


def run_case(case: Case, tmp: Path, capsys) -> dict:
    args = case.make(tmp)
    out = tmp / "reports"
    if args and args[0] == "run":
        args = [*args, "--out", out, "-q"]
        if "-f" not in args:
            args += ["-f", "json"]
    code = main([str(a) for a in args])
    cap = capsys.readouterr()
    err_lines = [l for l in cap.err.splitlines() if l.strip()]
    reports = sorted(out.glob("*.json")) if out.exists() else []
    leftovers = sorted(p.name for p in out.glob(".*.tmp")) if out.exists() else []
    return {"code": code, "err": err_lines, "reports": reports, "leftovers": leftovers}


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_input(case, tmp_path, capsys, request):
    res = run_case(case, tmp_path, capsys)
    assert not any("Traceback" in l for l in res["err"]), res["err"]
    assert not res["leftovers"], res["leftovers"]
    if case.expect.startswith("audited"):
        assert res["code"] in (0, 1), res["err"]
        assert res["reports"], "a report must be written"
        report = json.loads(res["reports"][0].read_text(encoding="utf-8"))
        if case.check:
            case.check(tmp_path, report)
        observed = f"audited (exit {res['code']}), report written" + (f"; {case.check.__doc__.strip()}" if case.check and case.check.__doc__ else "")
    else:
        assert res["code"] == 2
        assert len(res["err"]) == 1, res["err"]
        observed = f"refused, exit 2: `{_redact(res['err'][0], tmp_path)}`"
    request.config.stash.setdefault(_ROWS, {})[case.name] = (case.kind, case.name, observed)


def _redact(line: str, tmp: Path) -> str:
    return line.replace(str(tmp), "…").replace("|", "\\|")


_ROWS = pytest.StashKey[dict]()


def test_reliability_table_is_current(request):
    """Runs last in this module: rewrites or checks docs/RELIABILITY.md."""
    rows = request.config.stash.get(_ROWS, {})
    if len(rows) < len(ALL_CASES):
        pytest.skip("run the whole module to check the table")
    lines = [
        "# Reliability: bad inputs and what `audit` does with them",
        "",
        "Produced by `AUDIT_UPDATE_DOCS=1 pytest tests/test_reliability.py`; a plain test run",
        "fails when this table no longer matches the observed behaviour.  In every case the rest",
        "of the batch goes on, no traceback is printed and no half-written report is left.",
        "",
        "| input | kind | observed |",
        "|---|---|---|",
    ]
    for c in ALL_CASES:
        kind, name, observed = rows[c.name]
        lines.append(f"| {name} | {kind} | {observed} |")
    table = "\n".join(lines) + "\n"
    if os.environ.get("AUDIT_UPDATE_DOCS"):
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(table, encoding="utf-8")
    assert DOC.is_file() and DOC.read_text(encoding="utf-8") == table, "docs/RELIABILITY.md is stale: rerun with AUDIT_UPDATE_DOCS=1"
