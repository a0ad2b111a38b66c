"""Auto-fix: which suggestions apply, overlap resolution, byte-identity outside spans,
post-edit TER, line endings, `audit fix` / `audit run --fix` / `--in-place`."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.config import AuditConfig
from audit.document import make_document
from audit.engine import audit_document
from audit.fix import apply, attach, fix_document, fix_iteratively, newline_style, plan
from audit.model import Finding, Severity

from .conftest import ROOT, SEED, audit_str

FIXABLE = {"AAA001": True, "BBB001": True, "CCC001": False}


def F(start, end, text, suggestion, rule="AAA001", severity="minor", confidence=0.9, paragraph="p1"):
    return Finding(rule=rule, check="t", category="Fluency/Spelling", severity=Severity.parse(severity),
                   paragraph=paragraph, start=start, end=end, text=text[start:end], message="m",
                   suggestion=suggestion, confidence=confidence, name="x")


TEXT = "The Minister of Defence met Foster Camp staff on 3 May ."


# -- eligibility ---------------------------------------------------------------------------

def test_policy_threshold_fixable_and_certainty():
    a = F(28, 39, TEXT, "Camp Foster", confidence=0.9)  # fixable rule, above threshold
    b = F(54, 56, TEXT, ".", rule="CCC001", confidence=0.9)  # rule not fixable, not certain
    c = F(54, 56, TEXT, ".", rule="CCC001", confidence=1.0)  # not fixable but certain
    d = F(4, 12, TEXT, "Secretary", confidence=0.5)  # below threshold
    e = F(0, 3, TEXT, None)  # no suggestion: not a candidate at all
    g = F(13, 15, TEXT, "of")  # no-op
    accepted, skipped = plan([a, b, d, e, g], fixable=FIXABLE)
    assert accepted == [a]
    assert sorted(s.reason for s in skipped) == ["low-confidence", "no-op", "not-fixable"]
    accepted, _ = plan([c], fixable=FIXABLE)
    assert accepted == [c]
    accepted, _ = plan([d], threshold=0.5, fixable=FIXABLE)
    assert accepted == [d]
    with pytest.raises(ValueError):
        plan([a], threshold=1.5, fixable=FIXABLE)


# -- overlaps ------------------------------------------------------------------------------

def test_overlap_higher_severity_wins():
    lo = F(28, 39, TEXT, "Camp Foster", severity="minor", confidence=1.0)
    hi = F(35, 44, TEXT, "Camp staff", severity="major", confidence=0.8, rule="BBB001")
    accepted, skipped = plan([lo, hi], fixable=FIXABLE)
    assert accepted == [hi] and skipped[0].finding == lo and skipped[0].reason == "overlap" and skipped[0].by == "BBB001"


def test_overlap_then_confidence_then_longer_span_then_earlier_start():
    x = F(28, 39, TEXT, "Camp Foster", confidence=0.85)
    y = F(35, 39, TEXT, "Base", confidence=0.95)
    assert plan([x, y], fixable=FIXABLE)[0] == [y]
    y2 = F(35, 39, TEXT, "Base", confidence=0.85)
    assert plan([y2, x], fixable=FIXABLE)[0] == [x]  # same confidence: longer span
    p = F(28, 34, TEXT, "Fostr")
    q = F(31, 37, TEXT, "ter Cx")
    assert plan([q, p], fixable=FIXABLE)[0] == [p]  # same length: earlier start
    assert plan([p, q], fixable=FIXABLE)[0] == [p]  # order of input does not matter


def test_touching_spans_both_apply_and_same_point_insertions_conflict():
    a = F(0, 3, TEXT, "A")
    b = F(3, 4, TEXT, "_")
    assert plan([a, b], fixable=FIXABLE)[0] == [a, b]
    i1 = F(10, 10, TEXT, "X")
    i2 = F(10, 10, TEXT, "Y", rule="BBB001")
    acc, sk = plan([i1, i2], fixable=FIXABLE)
    assert len(acc) == 1 and sk[0].reason == "overlap"


# -- applying --------------------------------------------------------------------------------

def test_apply_replaces_exact_spans_and_records_offsets():
    fixed, edits = apply(TEXT, [F(28, 39, TEXT, "Camp Foster"), F(54, 56, TEXT, ".")])
    assert fixed == "The Minister of Defence met Camp Foster staff on 3 May."
    for e in edits:
        assert fixed[e.new_start:e.new_end] == e.new and TEXT[e.start:e.end] == e.old


def test_apply_refuses_stale_findings():
    with pytest.raises(ValueError):
        apply("something else entirely", [F(28, 39, TEXT, "Camp Foster")])


def test_crlf_is_kept_and_suggested_newlines_follow_the_document():
    text = "First line .\r\nSecond line.\r\n\r\nThird ,, line.\r\n"
    assert newline_style(text) == "\r\n"
    fs = [F(10, 12, text, "."), F(text.index(",,"), text.index(",,") + 2, text, ",\n--")]
    fixed, _ = apply(text, fs)
    assert fixed == "First line.\r\nSecond line.\r\n\r\nThird ,\r\n-- line.\r\n"
    assert "\n" not in fixed.replace("\r\n", "")


@st.composite
def _text_and_findings(draw):
    text = draw(st.text(alphabet="ab \r\n.,é—", min_size=1, max_size=60))
    n = draw(st.integers(0, 6))
    fs = []
    for k in range(n):
        s = draw(st.integers(0, len(text)))
        e = draw(st.integers(s, min(len(text), s + 8)))
        sugg = draw(st.text(alphabet="xyz\n", max_size=5))
        sev = draw(st.sampled_from(["minor", "major", "critical"]))
        conf = draw(st.sampled_from([0.8, 0.9, 1.0]))
        fs.append(F(s, e, text, sugg, severity=sev, confidence=conf, rule=f"AAA{k:03d}"))
    return text, fs


@settings(max_examples=200, deadline=None)
@given(_text_and_findings())
def test_property_text_outside_applied_spans_is_byte_identical(case):
    text, fs = case
    fixable = {f.rule: True for f in fs}
    accepted, skipped = plan(fs, fixable=fixable)
    # accepted spans never overlap
    for a, b in zip(accepted, accepted[1:]):
        assert a.end <= b.start and not (a.start == a.end == b.start)
    fixed, edits = apply(text, accepted)
    # rebuild: original gaps must appear unchanged between the new spans
    pos = npos = 0
    for e in edits:
        assert fixed[npos:e.new_start] == text[pos:e.start]
        assert fixed[e.new_start:e.new_end] == e.new
        pos, npos = e.end, e.new_end
    assert fixed[npos:] == text[pos:]
    assert len(accepted) + len(skipped) == len(fs)


# -- post-edit distance -----------------------------------------------------------------------

def test_paragraph_and_document_ter():
    text = "1. The ministers met in Oslo .\n\n2. Nothing to change here."
    d = make_document(text)
    s = text.index(" .")
    res = fix_document(d, [F(s, s + 2, text, ".", paragraph="1")], fixable=FIXABLE)
    assert res.text == "1. The ministers met in Oslo.\n\n2. Nothing to change here."
    assert res.paragraphs["2"] == {"ter": 0.0, "edits": 0, "applied": 0}
    assert res.paragraphs["1"]["applied"] == 1 and res.paragraphs["1"]["ter"] > 0
    assert res.paragraphs["1"]["text"] == "1. The ministers met in Oslo."
    assert 0 < res.summary["ter"] < res.paragraphs["1"]["ter"]
    assert res.summary["applied"] == 1 and res.summary["skipped"] == 0
    assert res.summary["signature"].startswith("nrefs:1|case:lc|tok:tercom")


def test_no_fix_means_ter_zero_and_identical_text():
    text = "The ministers met in Oslo. They agreed on a plan."
    rep = audit_str(text)
    res = fix_document(rep.document, rep.findings)
    assert res.text == text and res.summary["ter"] == 0.0 and res.summary["applied"] == 0


def test_iterative_fixing_applies_what_a_first_pass_could_not():
    text = "They left ,, then."  # PUNC002 ',,' -> ',' then PUNC001 ' ,' -> ','
    d = make_document(text)
    cfg = AuditConfig(select=("PUNC",))
    res, final = fix_iteratively(d, lambda x: audit_document(x, None, cfg))
    assert res.text == "They left, then."
    assert res.summary["passes"] == 2 and [e.round for e in res.edits] == [1, 2]
    assert final.findings == () and res.summary["remaining"] == {"minor": 0, "major": 0, "critical": 0}
    one, _ = fix_iteratively(d, lambda x: audit_document(x, None, cfg), passes=1)
    assert one.text == "They left , then."


def test_glossary_fixes_on_another_event():
    glossary = """
[[place]]
term = "Camp Foster"
replaces = ["Foster Camp"]

[[org]]
term = "Australian Defence Force"
replaces = ["Australian Defense Forces"]
"""
    text = ("The Australian Defense Forces sent officers to Foster Camp in Okinawa .\n\n"
            "The Joint Chiefs of Staff welcomed UN Security Council resolutions.")
    rep = audit_str(text, glossary, select=["TERM", "PUNC"])
    res, fixed_rep = fix_report_with(rep)
    assert res.text == ("The Australian Defence Force sent officers to Camp Foster in Okinawa.\n\n"
                        "The Joint Chiefs of Staff welcomed UN Security Council resolutions.")
    assert fixed_rep.extra["fix"]["applied"] == 3


def fix_report_with(rep):
    res = fix_document(rep.document, rep.findings)
    return res, attach(rep, res)


def test_json_with_fix_validates(report_schema):
    import jsonschema

    from audit.report.json import to_dict

    rep = audit_str("The ministers met .\n\nThey left ,, then.", select=["PUNC"])
    res = fix_document(rep.document, rep.findings)
    data = to_dict(attach(rep, res))
    jsonschema.validate(data, report_schema)
    assert data["summary"]["fix"]["applied"] == 2
    assert all("fix" in p for p in data["paragraphs"])


# -- command line -----------------------------------------------------------------------------

def test_audit_fix_writes_fixed_copy_and_leaves_input(tmp_path, run_cli):
    src = tmp_path / "memo.txt"
    original = "The ministers met .\r\nThey left ,, then.\r\n"
    src.write_bytes(original.encode("utf-8"))
    out = tmp_path / "out"
    code, _, err = run_cli("fix", src, "--no-glossary", "-o", out, "-q")
    assert code == 0, err
    assert src.read_bytes() == original.encode("utf-8")
    assert (out / "memo.fixed.txt").read_bytes() == b"The ministers met.\r\nThey left, then.\r\n"
    assert not (out / "memo.json").exists()  # audit fix writes reports only with -f
    assert not (tmp_path / "memo.txt.orig").exists()


def test_run_fix_in_place_keeps_original_and_encoding(tmp_path, run_cli):
    src = tmp_path / "note.txt"
    original = "Café talks ended .\n".encode("cp1252")
    src.write_bytes(original)
    out = tmp_path / "out"
    code, _, err = run_cli("run", src, "--no-glossary", "--fix", "--in-place", "-o", out, "-f", "json", "-q", "--exit-zero")
    assert code == 0, err
    assert (tmp_path / "note.txt.orig").read_bytes() == original
    assert src.read_bytes() == "Café talks ended.\n".encode("cp1252")
    data = json.loads((out / "note.json").read_text(encoding="utf-8"))
    assert data["summary"]["fix"]["applied"] == 1 and data["paragraphs"][0]["fix"]["applied"] == 1
    # a second run must not overwrite the first original
    src.write_bytes("Café talks ended ,, then.\n".encode("cp1252"))
    run_cli("run", src, "--no-glossary", "--fix", "--in-place", "-o", out, "-f", "json", "-q", "--exit-zero")
    assert (tmp_path / "note.txt.orig").read_bytes() == original


def test_in_place_needs_fix(tmp_path, run_cli):
    src = tmp_path / "a.txt"
    src.write_text("Fine text.", encoding="utf-8")
    code, _, err = run_cli("run", src, "--in-place", "-o", tmp_path / "o")
    assert code == 2 and "--fix" in err


def test_fix_threshold_is_validated(tmp_path, run_cli):
    src = tmp_path / "a.txt"
    src.write_text("Fine text.", encoding="utf-8")
    code, _, err = run_cli("fix", src, "--fix-threshold", "2", "-o", tmp_path / "o")
    assert code == 2 and "threshold" in err


# -- done when: the fixed seed has no critical findings left ---------------------------------------

GLOSSARY = ROOT / "reference" / "glossary.toml"


@pytest.mark.skipif(not GLOSSARY.is_file(), reason="reference/glossary.toml (the default glossary) is missing")
def test_fixed_seed_has_no_critical_findings_left():
    from audit.checks import registry
    from audit.glossary import load_glossary

    glossary = load_glossary([str(GLOSSARY)])
    cfg = AuditConfig()
    doc = make_document(SEED.read_text(encoding="utf-8"), str(SEED))
    res, final = fix_iteratively(doc, lambda d: audit_document(d, glossary, cfg))
    assert res.summary["applied"] > 0 and res.text != doc.text
    critical = [f for f in final.findings if f.severity is Severity.CRITICAL]
    # what the fixer is responsible for: a definite suggestion that was left unapplied
    ours = [f for f in critical if f.suggestion is not None and f.confidence >= 0.8
            and (registry.RULES[f.rule].fixable or f.confidence >= 1.0)]
    assert ours == []
    assert critical == [], [(f.rule, f.text) for f in critical]


def test_fixed_text_is_never_refixed_by_a_rule_that_rejects_its_own_output():
    """A non-idempotent suggestion ('Korea' -> 'Forces Korea', flagged again) must not snowball."""
    from types import SimpleNamespace

    def audit(d):
        fs = []
        pos = d.text.find("Korea")
        while pos != -1:
            fs.append(F(pos, pos + 5, d.text, "Forces Korea", rule="AAA001", confidence=0.9))
            pos = d.text.find("Korea", pos + 1)
        return SimpleNamespace(findings=tuple(fs), by_severity={"minor": len(fs)})

    d = make_document("Troops in Korea and in Japan.")
    res, _ = fix_iteratively(d, audit, fixable=FIXABLE)
    assert res.text == "Troops in Forces Korea and in Japan."
    assert [s.reason for s in res.skipped] == ["refix"]


def test_audit_fix_applies_reference_corrections(tmp_path, run_cli):
    data = ROOT / "tests" / "data" / "reference"
    src = tmp_path / "nordic_baltic.txt"
    src.write_bytes((data / "mt" / "nordic_baltic.txt").read_bytes())
    out = tmp_path / "out"
    code, _, err = run_cli("fix", src, "--no-glossary", "--select", "REF", "-r", data / "official", "-o", out, "-q")
    assert code == 0, err
    fixed = (out / "nordic_baltic.fixed.txt").read_text(encoding="utf-8")
    original = src.read_text(encoding="utf-8")
    assert fixed == original.replace("On 15 March", "On 14 March").replace("(JFE)", "(JEF)")


def test_fix_no_cache_writes_no_glossary_cache(tmp_path, monkeypatch, run_cli):
    """`audit fix --no-cache` neither reads nor writes the compiled-glossary cache; without it, it fills it."""
    doc = tmp_path / "doc.txt"
    doc.write_text("The Minister met General Mark Milli in Seoul.\n", encoding="utf-8")
    for flag, expect in ((["--no-cache"], 0), ([], 1)):
        cache = tmp_path / f"cache{len(flag)}"
        monkeypatch.setenv("AUDIT_CACHE_DIR", str(cache))
        code, _, err = run_cli("fix", doc, "-o", tmp_path / "out", "-q", *flag)
        assert code in (0, 1), err
        assert (tmp_path / "out" / "doc.fixed.txt").read_text(encoding="utf-8").count("Mark A. Milley") == 1
        assert len(list(cache.glob("*.glossary.pickle")) if cache.exists() else []) == expect
