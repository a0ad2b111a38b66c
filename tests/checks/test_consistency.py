"""CONS001 inconsistent-form: with glossary people, and without any glossary entry."""
from __future__ import annotations

import pytest

from ..conftest import assert_offsets, audit_str

GLOSSARY = """
[[person]]
term = "Lee Jong-sup"
titles = ["Minister of National Defense", "Defense Minister", "Minister"]

[[person]]
term = "Richard Marles"
titles = ["Deputy Prime Minister", "Defence Minister", "Minister"]

[[person]]
term = "Minoru Kihara"
titles = ["Defense Minister", "Minister"]

[[person]]
term = "Antony J. Blinken"
titles = ["Secretary of State", "Secretary"]

[[person]]
term = "Moon Jae-in"
titles = ["President"]

[[place]]
term = "Camp Foster"
"""


def run(text, glossary=GLOSSARY):
    rep = audit_str(text, glossary, select=["CONS001"])
    assert_offsets(rep)
    return list(rep.findings)


FLAGGED = [
    # a glossary person written with a drifting short form after a title
    ("Lee Jong-sup met Minoru Kihara. Minister Li then spoke, and Minister Lee closed.",
     ["Li"], "Lee"),
    ("Richard Marles met Minoru Kihara. Later Minister Marls spoke, and Minister Marles left.",
     ["Marls"], "Marles"),
    ("Minister Kihara met Richard Marles. Defense Minister Kiharra Kiharra said so; Minister Kihara agreed.",
     ["Kiharra Kiharra"], "Minoru Kihara"),
    ("Minister Marles spoke. Minister Marels replied. Secretary Marels added.",
     ["Marels", "Marels"], "Marles"),
    # names without a glossary entry: order, spacing, hyphen and case variants
    ("Troops left Camp Ellis in May. In June, Ellis Camp was closed; Camp Ellis reopened.",
     ["Ellis Camp"], "Camp Ellis"),
    ("Envoy Park Ji-won arrived. Park Jiwon left. Park Ji-won returned.",
     ["Park Jiwon"], "Park Ji-won"),
    ("Envoy Park Ji-won arrived. Park Ji Won left. Park Ji-won returned.",
     ["Park Ji Won"], "Park Ji-won"),
    ("The LaSalle Institute and the Lasalle Institute and the LaSalle Institute.",
     ["Lasalle Institute"], "LaSalle Institute"),
]


@pytest.mark.parametrize("text,spans,suggestion", FLAGGED, ids=[s[0] for _, s, _ in FLAGGED])
def test_inconsistent_forms_flagged(text, spans, suggestion):
    fs = run(text)
    assert [f.text for f in fs] == spans, [(f.text, f.message) for f in fs]
    for f in fs:
        assert f.rule == "CONS001" and f.category == "Terminology/Inconsistent use"
        assert f.suggestion == suggestion
        assert f"'{f.text}'" in f.message


CLEAN = [
    # admitted short forms are not inconsistencies
    "Richard Marles met Minoru Kihara. Minister Marles and Minister Kihara spoke; Marles left.",
    "President Moon Jae-in met Secretary Blinken. Moon and Blinken agreed.",
    # a short form that drifts, but the person is never written otherwise: not an inconsistency
    "Minister Li spoke.",
    # another person after a title, not close to anyone mentioned
    "Richard Marles met Minister Penny Wong and Minister Tanaka.",
    "President Moon met Minister Min.",  # Min is another Korean surname, not a drift of Moon
    # abbreviation periods, coordinations in either order, admitted forms
    "The Korea-U.S. alliance and the U.S.-Korea alliance; the US Army and the U.S. Army.",
    "Camp Foster and Camp Foster's gate; the Foster family.",
    "New York and New York; Kim Jong Un and Kim Jong Un.",
    # a lowercase word after a name may be a verb: "Park Ji won the race" is not "Park Ji-won"
    "Envoy Park Ji-won arrived. Later Park Ji won the race.",
    "The Joint Chiefs of Staff and the UN Security Council resolutions.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_consistent_text_stays_clean(text):
    fs = run(text)
    assert fs == [], [(f.text, f.message) for f in fs]


def test_message_lists_the_other_forms():
    (f,) = run("Lee Jong-sup met Minoru Kihara. Minister Li then spoke, and Minister Lee closed.")
    assert "Lee Jong-sup" in f.message and "'Lee'" in f.message and "phonetic similarity" in f.message
    assert f.term_id == "person:lee-jong-sup"
    assert f.severity.value == "minor"


def test_dominant_form_without_glossary():
    text = "Ellis Camp opened. Ellis Camp grew. Camp Ellis closed."
    (f,) = run(text, glossary=None)
    assert f.text == "Camp Ellis" and f.suggestion == "Ellis Camp"
    assert "2 times" in f.message


def test_glossary_official_form_wins_over_the_majority():
    text = "Foster Camp opened. Foster Camp grew. Camp Foster closed."
    fs = run(text)
    # NAME002 reports 'Foster Camp' against the glossary; consistency does not repeat it
    assert fs == []
    rep = audit_str(text, GLOSSARY, select=["NAME002", "CONS001"])
    assert [(f.rule, f.text) for f in rep.findings] == [("NAME002", "Foster Camp"), ("NAME002", "Foster Camp")]


def test_a_drifted_surname_alone_before_a_reporting_verb():
    from ..conftest import audit_str

    glossary = '[[person]]\nterm = "Fumio Kishida"\nvariants = ["Kishida"]\n\n[[person]]\nterm = "Narendra Modi"\nvariants = ["Modi"]\n'
    text = ("Prime Minister Fumio Kishida and Prime Minister Narendra Modi met. Later, Kishda said the talks went "
            "well. Mody said it was good. Kishida said it too; then Suzuki said no.")
    r = audit_str(text, glossary, select=["CONS001"])
    assert [(f.text, f.suggestion) for f in r.findings] == [("Kishda", "Kishida"), ("Mody", "Modi")]
    # a person the document never names otherwise: no inconsistency to report
    assert audit_str("Kishda said it.", glossary, select=["CONS001"]).findings == ()


def test_headings_in_capitals_and_two_admitted_orders_are_no_inconsistency():
    from ..conftest import audit_str

    glossary = ('[[org]]\nterm = "United States Southern Command"\n\n'
                '[[person]]\nterm = "Minoru Kihara"\nvariants = ["KIHARA Minoru", "Kihara"]\n')
    text = ("STATEMENT OF THE UNITED STATES SOUTHERN COMMAND\n\nFACT SHEET\n\nThe United States Southern Command met "
            "Minister of Defense KIHARA Minoru. Minoru Kihara then spoke. The Fact Sheet followed.")
    assert audit_str(text, glossary, select=["CONS001"]).findings == ()
    # a real order drift of a name the glossary does not admit in both orders is still one
    r = audit_str("Camp Foster is large. Marines left Foster Camp.", "", select=["CONS001"])
    assert [f.text for f in r.findings] == ["Foster Camp"]
