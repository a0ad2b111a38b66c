"""MQM raw scoring against hand-computed tables (audit/score.py and the engine's use of it)."""
from __future__ import annotations

import json

import pytest

from audit.config import DEFAULT_WEIGHTS, ConfigError, from_mapping
from audit.document import count_words
from audit.model import Finding, Severity
from audit.score import passes_score, penalty, penalty_per_word, quality_score, scored, weight

from .conftest import audit_str

MAJOR = {"REP001": Severity.MAJOR}


def filler(n: int, start: int = 0) -> str:
    """``n`` distinct words that no rule flags."""
    return " ".join(f"w{i}" for i in range(start, start + n))


def sized(core: str, total: int) -> str:
    """``core`` padded with filler to exactly ``total`` words."""
    text = core + " " + filler(total - count_words(core)) + "."
    assert count_words(text) == total
    return text


# two PUNC001 (minor, Fluency/Punctuation) + one REP001 (minor Fluency/Grammar, or major when overridden)
CORE = "The delegates met officials . They met the ministers . They agreed the the plan"


def f(sev: str, cat: str, check: str = "x", rule: str = "X001") -> Finding:
    return Finding(rule=rule, check=check, category=cat, severity=Severity.parse(sev), paragraph="p1",
                   start=0, end=0, text="", message="m")


# ---------------------------------------------------------------- pure functions

@pytest.mark.parametrize(
    "sev,cat,weights,expected",
    [
        ("minor", "Fluency/Punctuation", DEFAULT_WEIGHTS, 1.0),
        ("major", "Accuracy/Mistranslation", DEFAULT_WEIGHTS, 5.0),
        ("critical", "Accuracy/Mistranslation", DEFAULT_WEIGHTS, 25.0),
        ("neutral", "Style/Awkward", DEFAULT_WEIGHTS, 0.0),
        # per-category override
        ("minor", "Fluency/Punctuation", {**DEFAULT_WEIGHTS, "minor/Fluency/Punctuation": 0.1}, 0.1),
        # the override is for minor only: a major punctuation error keeps the severity weight
        ("major", "Fluency/Punctuation", {**DEFAULT_WEIGHTS, "minor/Fluency/Punctuation": 0.1}, 5.0),
        # prefix by whole path segment: Fluency covers Fluency/Grammar
        ("minor", "Fluency/Grammar", {**DEFAULT_WEIGHTS, "minor/Fluency": 2}, 2.0),
        # most specific wins, whatever the order of the keys
        ("minor", "Fluency/Punctuation", {"minor/Fluency/Punctuation": 0.1, "minor/Fluency": 2, "minor": 1}, 0.1),
        ("minor", "Fluency/Punctuation", {"minor": 1, "minor/Fluency": 2, "minor/Fluency/Punctuation": 0.1}, 0.1),
        ("minor", "Fluency/Spelling", {"minor": 1, "minor/Fluency": 2, "minor/Fluency/Punctuation": 0.1}, 2.0),
        # not a segment prefix: 'Flu' does not cover 'Fluency'
        ("minor", "Fluency/Grammar", {**DEFAULT_WEIGHTS, "minor/Flu": 9}, 1.0),
        # category matching ignores case
        ("major", "Terminology/Wrong term", {**DEFAULT_WEIGHTS, "major/terminology": 8}, 8.0),
        # a severity missing from the table falls back to the MQM default
        ("critical", "Accuracy/Omission", {"minor": 0.5}, 25.0),
        ("major", "Accuracy/Omission", {"major/Accuracy/Omission": 0}, 0.0),
    ],
)
def test_weight_table(sev, cat, weights, expected):
    assert weight(f(sev, cat), weights) == pytest.approx(expected)


@pytest.mark.parametrize(
    "sevs,words,pen,per_word,score",
    [
        (["minor", "minor", "major"], 100, 7.0, 0.07, 93.0),
        (["minor"] * 10, 1000, 10.0, 0.01, 99.0),
        (["critical"], 50, 25.0, 0.5, 50.0),
        (["major", "major"], 10, 10.0, 1.0, 0.0),
        (["critical"], 10, 25.0, 2.5, -150.0),  # MQM raw scores are not clamped
        ([], 250, 0.0, 0.0, 100.0),
        ([], 0, 0.0, None, 100.0),  # nothing evaluated, nothing wrong
        (["minor"], 0, 1.0, None, 0.0),  # nothing evaluated but penalised
    ],
)
def test_penalty_and_score_table(sevs, words, pen, per_word, score):
    findings = [f(s, "Accuracy/Mistranslation") for s in sevs]
    total = penalty(findings, DEFAULT_WEIGHTS)
    assert total == pytest.approx(pen)
    ppw = penalty_per_word(total, words)
    assert ppw == (None if per_word is None else pytest.approx(per_word))
    assert quality_score(total, words) == pytest.approx(score)


def test_scored_keeps_only_chrome_findings_in_chrome_paragraphs():
    chrome = f("minor", "Accuracy/Addition", check="chrome")
    other = f("major", "Terminology/Wrong term", check="terms")
    assert scored([chrome, other], chrome=False) == [chrome, other]
    assert scored([chrome, other], chrome=True) == [chrome]


@pytest.mark.parametrize("score,threshold,ok", [(93.0, None, True), (93.0, 93.0, True), (93.0, 93.01, False), (-5.0, 0, False)])
def test_passes_score(score, threshold, ok):
    assert passes_score(score, threshold) is ok


# ---------------------------------------------------------------- through the engine (audit_str)

def test_two_minor_one_major_over_100_words():
    r = audit_str(sized(CORE, 100), select=["PUNC001", "REP001"], severity=MAJOR)
    assert sorted(x.severity.value for x in r.findings) == ["major", "minor", "minor"]
    assert (r.words, r.evaluated_words) == (100, 100)
    assert r.penalty == 7.0
    assert r.penalty / r.evaluated_words == pytest.approx(0.07)
    assert r.score == 93.0
    assert r.paragraphs[0].penalty == 7.0 and r.paragraphs[0].score == 93.0


@pytest.mark.parametrize(
    "weights,pen,score",
    [
        ({"minor": 0.5, "major": 10}, 11.0, 89.0),  # 2 x 0.5 + 10
        ({"minor/Fluency/Punctuation": 0.1}, 5.2, 94.8),  # 2 x 0.1 + 5
        ({"minor/Fluency/Punctuation": 0.1, "major/Fluency": 3}, 3.2, 96.8),  # 2 x 0.1 + 3
        ({"major/Fluency/Grammar": 1, "major/Fluency": 20}, 3.0, 97.0),  # most specific wins: 1 + 1 + 1
        ({"minor": 0, "major": 0}, 0.0, 100.0),
    ],
)
def test_custom_weights_from_config(weights, pen, score):
    cfg = from_mapping({"weights": weights, "severity": {"REP001": "major"}}, "<test>")
    r = audit_str(sized(CORE, 100), select=["PUNC001", "REP001"], severity=cfg.severity, weights=cfg.weights)
    assert r.penalty == pytest.approx(pen)
    assert r.score == score
    assert "w:mqm-default" not in r.signature


def test_config_rejects_bad_weights():
    with pytest.raises(ConfigError):
        from_mapping({"weights": {"minor": -1}}, "<test>")
    with pytest.raises(ConfigError):
        from_mapping({"weights": {"serious/Accuracy": 3}}, "<test>")


def test_per_paragraph_and_document_scores():
    p1 = sized("The delegates met officials .", 10)  # 1 minor over 10 words
    p2 = sized("The ministers agreed on the plan", 20)  # clean
    p3 = sized("They met the the envoy and the ministers . Then", 40)  # 1 major (REP001) + 1 minor
    r = audit_str(f"1. {p1}\n\n2. {p2}\n\n3. {p3}", select=["PUNC001", "REP001"], severity=MAJOR)
    table = [(pr.paragraph.id, pr.words, pr.penalty, pr.score) for pr in r.paragraphs]
    assert table == [("1", 11, 1.0, 90.91), ("2", 21, 0.0, 100.0), ("3", 41, 6.0, 85.37)]
    # document: (1 + 0 + 6) over 73 words
    assert (r.words, r.evaluated_words, r.penalty) == (73, 73, 7.0)
    assert r.score == round(100 * (1 - 7 / 73), 2) == 90.41


def test_chrome_paragraph_excluded_from_evaluated_words():
    body = sized("The delegates met officials .", 50)  # 1 minor
    text = "Home › News › Press Releases\n\n" + body + "\n\nSubscribe to our newsletter\n"
    r = audit_str(text, select=["PUNC001", "CHROME"])
    chrome = [(pr.paragraph.id, pr.chrome, pr.score) for pr in r.paragraphs]
    assert chrome == [("p1", True, None), ("p2", False, 98.0), ("p3", True, None)]
    assert r.words == 50 + 4 + 4 and r.evaluated_words == 50
    # 1 punctuation error + 2 chrome additions, over the 50 evaluated words
    assert r.penalty == 3.0
    assert r.score == 94.0


def test_non_chrome_findings_inside_chrome_are_reported_but_not_scored():
    body = sized("The ministers agreed on the plan", 50)
    text = "Home › News › The the Report\n\n" + body
    r = audit_str(text, select=["REP001", "CHROME"], severity=MAJOR)
    assert sorted(x.rule for x in r.findings) == ["CHROME001", "REP001"]  # both reported
    assert r.paragraphs[0].chrome is True and r.paragraphs[0].penalty == 1.0  # only the chrome line counts
    assert r.penalty == 1.0 and r.score == 98.0
    assert r.errors == 1  # the gate still counts the major finding


def test_chrome_exclusion_needs_the_chrome_rules():
    body = sized("The ministers agreed on the plan", 50)
    r = audit_str("Home › News › Press Releases\n\n" + body, select=["REP001"])
    assert r.evaluated_words == r.words == 54


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_zero_word_document(text):
    r = audit_str(text)
    assert (r.words, r.evaluated_words, r.penalty, r.score, r.passed) == (0, 0, 0.0, 100.0, True)


def test_penalised_document_without_evaluated_words_scores_zero():
    r = audit_str("Home › News › Press Releases", select=["CHROME"])
    assert (r.words, r.evaluated_words, r.penalty, r.score) == (4, 0, 1.0, 0.0)
    assert r.passed  # one minor finding, default gate fail-on=major
    assert not audit_str("Home › News › Press Releases", select=["CHROME"], min_score=50).passed


@pytest.mark.parametrize(
    "min_score,fail_on,max_errors,passed",
    [
        (None, Severity.CRITICAL, 0, True),  # score 93, no threshold
        (93.0, Severity.CRITICAL, 0, True),  # at the threshold passes
        (93.5, Severity.CRITICAL, 0, False),  # below the threshold fails
        (90.0, Severity.MAJOR, 0, False),  # the score passes, the major error fails the gate
        (90.0, Severity.MAJOR, 1, True),
        (95.0, Severity.MAJOR, 1, False),  # errors within budget, score below threshold
    ],
)
def test_min_score_gate_flips_passed(min_score, fail_on, max_errors, passed):
    r = audit_str(sized(CORE, 100), select=["PUNC001", "REP001"], severity=MAJOR,
                  min_score=min_score, fail_on=fail_on, max_errors=max_errors)
    assert r.score == 93.0
    assert r.passed is passed


# ---------------------------------------------------------------- through the CLI

@pytest.fixture
def doc100(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "note.txt").write_text(sized(CORE, 100) + "\n", encoding="utf-8")
    cfg = tmp_path / "audit.toml"
    cfg.write_text('select = ["PUNC001", "REP001"]\n[severity]\nREP001 = "major"\n', encoding="utf-8")
    return d, cfg, tmp_path / "out"


@pytest.mark.parametrize("min_score,code", [("93", 0), ("92.5", 0), ("93.01", 1), ("99", 1)])
def test_cli_min_score_exit_code(run_cli, doc100, min_score, code):
    d, cfg, out = doc100
    rc, _, err = run_cli("run", d, "--config", cfg, "--no-glossary", "--out", out, "--format", "json",
                         "--fail-on", "critical", "--min-score", min_score, "-q")
    assert rc == code, err
    rep = json.loads((out / "note.json").read_text(encoding="utf-8"))
    assert rep["summary"]["score"] == 93.0 and rep["summary"]["penalty"] == 7.0
    assert rep["summary"]["evaluated_words"] == 100
    assert rep["summary"]["passed"] is (code == 0)
    assert rep["paragraphs"][0]["score"] == 93.0


def test_cli_weights_and_min_score_from_config_file(run_cli, doc100):
    d, cfg, out = doc100
    cfg.write_text(
        'select = ["PUNC001", "REP001"]\nfail-on = "critical"\nmin-score = 95\n'
        '[severity]\nREP001 = "major"\n[weights]\n"minor/Fluency/Punctuation" = 0.1\n"major" = 4\n',
        encoding="utf-8",
    )
    rc, _, err = run_cli("run", d, "--config", cfg, "--no-glossary", "--out", out, "--format", "json", "-q")
    rep = json.loads((out / "note.json").read_text(encoding="utf-8"))
    assert rep["summary"]["penalty"] == pytest.approx(4.2)  # 2 x 0.1 + 4
    assert rep["summary"]["score"] == 95.8
    assert rc == 0, err
    # the CLI threshold overrides the file's
    rc, _, _ = run_cli("run", d, "--config", cfg, "--no-glossary", "--out", out, "--format", "json", "-q", "--min-score", "96")
    assert rc == 1


def test_cli_pyproject_tool_audit_weights(run_cli, doc100):
    d, _, out = doc100
    py = d.parent / "pyproject.toml"
    py.write_text('[tool.audit]\nselect = ["PUNC001"]\nmin-score = 99.9\n[tool.audit.weights]\n"minor/Fluency/Punctuation" = 0.05\n',
                  encoding="utf-8")
    rc, _, err = run_cli("run", d, "--config", py, "--no-glossary", "--out", out, "--format", "json", "-q")
    rep = json.loads((out / "note.json").read_text(encoding="utf-8"))
    assert rep["summary"]["penalty"] == pytest.approx(0.1)
    assert rep["summary"]["score"] == 99.9
    assert rc == 0, err


def test_docs_worked_example_with_breadcrumb():
    """docs/scoring.md: the 100-word example plus a breadcrumb paragraph scores 92.0."""
    text = "Home › News › Press Releases\n\n" + sized(CORE, 100)
    r = audit_str(text, select=["PUNC001", "REP001", "CHROME"], severity=MAJOR)
    assert (r.words, r.evaluated_words, r.penalty, r.score) == (104, 100, 8.0, 92.0)
    sig = audit_str(text, select=["PUNC001"], weights={**DEFAULT_WEIGHTS, "major/Terminology": 10.0}).signature
    assert "|w:critical=25,major=5,major/Terminology=10,minor=1,neutral=0|" in sig


MQM_CATEGORIES = {
    "Terminology/Wrong term", "Terminology/Inconsistent use", "Accuracy/Mistranslation", "Accuracy/Addition",
    "Accuracy/Omission", "Fluency/Grammar", "Fluency/Spelling", "Fluency/Punctuation", "Fluency/Inconsistency",
    "Fluency/Character encoding", "Style/Awkward",
}


def test_every_rule_has_a_scorable_category_and_severity():
    """Category weights only work when every rule uses the project's MQM paths."""
    from audit.checks import registry

    registry.load_all()
    bad = {r.code: (r.category, r.severity.value) for r in registry.RULES.values()
           if r.category not in MQM_CATEGORIES or r.severity not in (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)}
    assert bad == {}
