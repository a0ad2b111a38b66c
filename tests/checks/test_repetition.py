"""Repetition family: repeated words (REP001), repeated phrases (REP002), 'X and X' (REP003)."""
from __future__ import annotations

import pytest

from ..conftest import assert_offsets, audit_str


def rep(text, select=("REP",), **kw):
    report = audit_str(text, select=list(select), **kw)
    assert_offsets(report)
    return [(f.rule, f.text, f.suggestion) for f in report.findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The delegation met the the press.", [("REP001", "the the", "the")]),
        ("The the delegation met.", [("REP001", "The the", "The")]),
        ("They signed it in in Canberra.", [("REP001", "in in", "in")]),
        ("Deputy Minister Park Ji-won Ji-won arrived.", [("REP001", "Ji-won Ji-won", "Ji-won")]),
        ("They will will meet.", [("REP001", "will will", "will")]),
        ("It was a a a mistake.", [("REP001", "a a a", "a")]),
        ("The talks covered\nthe\nthe agenda.", [("REP001", "the\nthe", "the")]),
        ("They met the\r\nthe envoy.", [("REP001", "the\r\nthe", "the")]),
        ("NATO NATO allies", [("REP001", "NATO NATO", "NATO")]),
    ],
)
def test_repeated_word_flagged(text, expected):
    assert rep(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She had had enough of the delay.",
        "He said that that proposal was final.",
        "What it is is a question of timing.",
        "Walla Walla and Bora Bora are far apart; Pago Pago too.",
        "Bye bye, said the envoy.",
        "Scores were 10 10 9 and items 1 1 2 3.",
        "Thank you, thank you.",  # punctuation breaks the repetition
        "The end. The next day the talks resumed.",
        "The delegation met the press.\n\nThe press asked questions.",  # separate paragraphs
        "UN Security Council resolutions and the Joint Chiefs of Staff.",
        "Secretary of State Antony Blinken met Foreign Minister Penny Wong.",
        "Boutros Boutros-Ghali served as Secretary-General.",
    ],
)
def test_repeated_word_clean(text):
    assert rep(text) == []


def test_blank_line_is_not_a_repetition_gap():
    assert rep("They reached the\n\nthe end.") == []


def test_name_like_double_has_lower_confidence():
    report = audit_str("Foreign Minister Wang Wang arrived.", select=["REP001"])
    (f,) = report.findings
    assert f.text == "Wang Wang" and f.confidence < 0.9
    report = audit_str("the delegation arrived at at noon.", select=["REP001"])
    assert report.findings[0].confidence >= 0.9


def test_allowlist_option_extends_defaults():
    text = "The village of Baden Baden hosted them; she had had enough."
    assert rep(text) == []  # 'baden' is in the default allowlist
    assert rep("They visited Tutti Tutti bay.") != []
    assert rep("They visited Tutti Tutti bay.", options={"repetition": {"allow": ["tutti"]}}) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Minister the Minister reviewed the plan.", [("REP002", "The Minister the Minister", "The Minister")]),
        ("to coordinate and effective and effective use", [("REP002", "and effective and effective", "and effective")]),
        ("They met in the in the capital.", [("REP002", "in the in the", "in the")]),
        ("the joint study of the joint study of COTP", [("REP002", "the joint study of the joint study of", "the joint study of")]),
        ("a six word phrase is here a six word phrase is here now",
         [("REP002", "a six word phrase is here a six word phrase is here", "a six word phrase is here")]),
        ("the Council the Council the Council met", [("REP002", "the Council the Council the Council", "the Council")]),
        ("the Minister\nthe Minister agreed", [("REP002", "the Minister\nthe Minister", "the Minister")]),
    ],
)
def test_repeated_phrase_flagged(text, expected):
    assert rep(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Minister and the Minister of Unification met.",  # not immediate
        "It went on and on and on; over and over and over.",
        "They tried again and again and again.",
        "Paragraphs 12 3 12 3 were cited.",  # numbers only
        "The Minister, the Minister said, agreed.",  # punctuation between copies
        "seven words in a row are not checked here seven words in a row are not checked here",
        "the year 2021 the year 2022",
    ],
)
def test_repeated_phrase_clean(text):
    assert [r for r in rep(text) if r[0] == "REP002"] == []


def test_seven_word_repeat_is_out_of_range():
    text = "one two three four five six seven one two three four five six seven"
    assert rep(text, select=["REP002"]) == []


@pytest.mark.parametrize(
    "text,flag",
    [
        ("the more effective and effective joint use", "effective and effective"),
        ("a safe or safe option", "safe or safe"),
        ("comprehensive and comprehensive measures", "comprehensive and comprehensive"),
    ],
)
def test_coordinated_duplicate_flagged(text, flag):
    assert rep(text, select=["REP003"]) == [("REP003", flag, None)]


@pytest.mark.parametrize(
    "text",
    [
        "more and more states joined; it got better and better",
        "they waited for years and years, miles and miles away",
        "time and time again, through and through, by and by",
        "Johnson and Johnson supplied vaccines.",  # a company name
        "safe and effective, efficient and effective",
        "closer and closer cooperation",
    ],
)
def test_coordinated_duplicate_clean(text):
    assert rep(text, select=["REP003"]) == []


def test_phrase_repeat_not_also_reported_as_coordination():
    out = rep("to coordinate and effective and effective use")
    assert [r[0] for r in out] == ["REP002"]


def test_seed_like_paragraph_finds_only_real_repetitions():
    text = (
        "10. The Minister and Secretary of State emphasized that training is essential. They agreed to "
        "coordinate the more effective and effective joint use of facilities and airspace. The leaders of "
        "the two countries also pledged to continue to cooperate.\n\n"
        "11. General Kim In-choul In-choul, Chairman of the Joint Chiefs of Staff, met the the press."
    )
    out = rep(text)
    assert out == [
        ("REP003", "effective and effective", None),
        ("REP001", "In-choul In-choul", "In-choul"),
        ("REP001", "the the", "the"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Run it:\n\n```\npip install tool\ntool install\n```\n\nDone.",  # fenced code
        "The call `fuzz.ratio(\"fuzzy fuzzy\")` returns a number.",  # inline code
        "  -t THRESHOLD, --threshold THRESHOLD   set the limit",  # metavariable
        "name        Name of the delegation",  # table columns (wide gap)
        "   stmt_list ::= stmt\n      stmt ::= simple",  # indented continuation is layout
        "### Scorers\nScorers are listed below.",  # heading alone on its line
        "Whether they may or may not attend is unclear; it is or is not binding.",
    ],
)
def test_layout_and_code_are_not_repetitions(text):
    assert rep(text) == []


def test_one_lowercase_word_alone_on_a_line_is_still_a_typo():
    assert rep("They reviewed\nthe\nthe agenda.") == [("REP001", "the\nthe", "the")]


def test_no_false_alarms_on_python_reference_prose():
    """64,000 words of clean technical English (stdlib pydoc topics): zero findings.  Measured 2026-11-28."""
    import pydoc_data.topics as t

    text = "\n\n".join(t.topics[k] for k in sorted(t.topics))
    report = audit_str(text, select=["REP", "CHROME"])
    assert report.words > 60000
    assert [(f.rule, f.text) for f in report.findings] == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The consul gave her her passport back.", []),
        ("Whatever happens happens after the vote.", []),
        ("They said it happens happens often.", [("REP001", "happens happens", "happens")]),
    ],
)
def test_clause_boundary_doubles(text, expected):
    assert rep(text) == expected


def test_autofix_applies_definite_repeats_and_chrome_deletions():
    """docs/checks-general.md '--fix': definite repeats collapse, chrome lines go, names and REP003 stay."""
    from audit.fix import apply, plan

    text = ("Home › News › Press Releases\n\n1. The the ministers met Minister Wang Wang and agreed on the more "
            "effective and effective use of the plan the plan.\n\nShare this:\n")
    report = audit_str(text, select=["REP", "CHROME"])
    accepted, _ = plan(report.findings)
    assert sorted(f.rule for f in accepted) == ["CHROME001", "CHROME003", "REP001", "REP002"]
    fixed, _ = apply(text, accepted)
    assert fixed == ("\n\n1. The ministers met Minister Wang Wang and agreed on the more effective and effective "
                     "use of the plan.\n\n\n")
