"""NAME001-NAME005 near misses, on glossaries with official forms only (no 'replaces')."""
from __future__ import annotations

import pytest

from ..conftest import assert_offsets, audit_str

# A Japan-Australia defence ministerial, a NATO meeting, a Korean general and a few places.
GLOSSARY = """
[[person]]
term = "Richard Marles"
titles = ["Deputy Prime Minister", "Minister for Defence", "Defence Minister", "Minister"]

[[person]]
term = "Minoru Kihara"
titles = ["Minister of Defense", "Defense Minister", "Minister"]

[[person]]
term = "Jens Stoltenberg"
titles = ["Secretary General"]

[[person]]
term = "Mark Rutte"
titles = ["Secretary General"]

[[person]]
term = "Antony J. Blinken"
titles = ["Secretary of State", "Secretary"]

[[person]]
term = "Kim Seung-kyum"
titles = ["Chairman of the Joint Chiefs of Staff", "General"]

[[person]]
term = "Xavier T. LaBrecque Jr."
titles = ["Admiral"]

[[title]]
term = "Chairman of the Joint Chiefs of Staff"

[[place]]
term = "Camp Foster"

[[place]]
term = "Fort Liberty"

[[place]]
term = "Kadena Air Base"

[[event]]
term = "Australia-Japan Defence Ministers' Meeting"

[[org]]
term = "Japan Ground Self-Defense Force"

[[org]]
term = "U.S. Department of Defense"

[[org]]
term = "Trilateral Chiefs of Defense"

[[org]]
term = "UN Command"

[[acronym]]
term = "NAC"
expands = "North Atlantic Council"

[[acronym]]
term = "RAAF"
expands = "Royal Australian Air Force"

[[term]]
term = "Conditions-based Transition Plan"

[[term]]
term = "extended deterrence"
"""


def run(text, glossary=GLOSSARY, select=("NAME",), **cfg):
    rep = audit_str(text, glossary, select=list(select), **cfg)
    assert_offsets(rep)
    return list(rep.findings)


FLAGGED = [
    # misspelt / drifted person names
    ("Defence Minister Richard Marls met his counterpart.", "NAME001", "Richard Marls", "Richard Marles"),
    ("Minister Minoru Kiharra arrived.", "NAME001", "Minoru Kiharra", "Minoru Kihara"),
    ("Secretary General Jens Stoltenburg spoke.", "NAME001", "Jens Stoltenburg", "Jens Stoltenberg"),
    ("Secretary Antony Blinkin spoke.", "NAME001", "Antony Blinkin", "Antony J. Blinken"),
    ("General Kim Seung-kyung attended.", "NAME001", "Kim Seung-kyung", "Kim Seung-kyum"),
    ("General Kim Sung-kyum attended.", "NAME001", "Kim Sung-kyum", "Kim Seung-kyum"),
    ("Admiral Xavier Labreck spoke.", "NAME001", "Xavier Labreck", "Xavier T. LaBrecque Jr."),
    # word order
    ("Marines returned to Foster Camp on Monday.", "NAME002", "Foster Camp", "Camp Foster"),
    ("Soldiers at Liberty Fort trained.", "NAME002", "Liberty Fort", "Fort Liberty"),
    # duplicated part
    ("General Seung-kyum Seung-kyum attended.", "NAME003", "Seung-kyum Seung-kyum", "Kim Seung-kyum"),
    ("General Kim Seung-kyum Seung-kyum attended.", "NAME003", "Kim Seung-kyum Seung-kyum", "Kim Seung-kyum"),
    # a drifted, replaced or dropped word inside a multiword name
    ("The North Atlantic Counsel met in Brussels.", "NAME004", "North Atlantic Counsel", "North Atlantic Council"),
    ("Jets flew from Kadena Air Bass.", "NAME004", "Kadena Air Bass", "Kadena Air Base"),
    ("Jets flew from Kadina Air Base.", "NAME004", "Kadina Air Base", "Kadena Air Base"),
    ("The Australia-Japan Defence Minister Meeting ended.", "NAME004",
     "Australia-Japan Defence Minister Meeting", "Australia-Japan Defence Ministers' Meeting"),
    ("The Japan Ground Self-Protection Force (JGSDF) deployed.", "NAME004",
     "Japan Ground Self-Protection Force", "Japan Ground Self-Defense Force"),
    ("The Royal Australian Navy Force (RAAF) flew.", "NAME004", "Royal Australian Navy Force", "Royal Australian Air Force"),
    ("The Royal Australian Force (RAAF) flew.", "NAME004", "Royal Australian Force", "Royal Australian Air Force"),
    ("The Condition-Based Transition Plan was updated.", "NAME004",
     "Condition-Based Transition Plan", "Conditions-based Transition Plan"),
    # case, spacing and hyphen drift
    ("Soldiers at Fort liberty trained.", "NAME005", "Fort liberty", "Fort Liberty"),
    ("General Kim Seung kyum attended.", "NAME005", "Kim Seung kyum", "Kim Seung-kyum"),
    ("General Kim Seungkyum attended.", "NAME005", "Kim Seungkyum", "Kim Seung-kyum"),
    ("Admiral Labrecque spoke.", "NAME005", "Labrecque", "LaBrecque"),
    ("The council, or north atlantic council (NAC), met.", "NAME005", "north atlantic council", "North Atlantic Council"),
]


@pytest.mark.parametrize("text,code,span,suggestion", FLAGGED, ids=[f"{c}-{s}" for _, c, s, _ in FLAGGED])
def test_near_miss_flagged(text, code, span, suggestion):
    fs = run(text)
    assert [(f.rule, f.text) for f in fs] == [(code, span)], [(f.rule, f.text, f.message) for f in fs]
    f = fs[0]
    assert f.suggestion == suggestion
    assert f"'{span}'" in f.message and suggestion.split()[0] in f.message
    assert 0.5 <= f.confidence <= 1.0
    assert f.category in ("Terminology/Wrong term", "Fluency/Spelling")


CLEAN = [
    # correct official forms, admitted and derived variants, short forms
    "Defence Minister Richard Marles met Defense Minister Minoru Kihara at Camp Foster.",
    "Secretary of State Antony Blinken and Antony J. Blinken's deputy; Blinken spoke.",
    "Secretary General Mark Rutte thanked Jens Stoltenberg; Rutte and Stoltenberg agreed.",
    "General Kim Seung-kyum, Chairman of the Joint Chiefs of Staff, met Kim. Admiral Xavier LaBrecque spoke.",
    "The North Atlantic Council (NAC) met; the Royal Australian Air Force (RAAF) flew from Kadena Air Base.",
    "The Australia-Japan Defence Ministers' Meeting and the Japan Ground Self-Defense Force.",
    # other official or real bodies that share words with glossary entries
    "UN Security Council resolutions were cited by the UN Command.",
    "The Joint Chiefs of Staff met the Trilateral Chiefs of Defense.",
    "The U.S. Department of State and the U.S. Department of Energy briefed the U.S. Department of Defense.",
    "The Japan Maritime Self-Defense Force and the Japan Air Self-Defense Force exercised.",
    "The Royal Australian Navy and the Royal Australian Air Force exercised.",
    "The North Atlantic Treaty Organization and the North Atlantic Cooperation Council met.",
    "Soldiers moved from Fort Bragg to Fort Hood and Camp Zama; Camp Foster stayed open.",
    "Mark Milley, Mark Esper and Richard Branson attended; Kim Jong Un did not.",
    "Minister Kim Yong-hyun and General Kim Myung-soo met.",
    # ordinary English and sentence-initial capitals
    "They won the camp fight; the fort was at liberty to mark the foster home.",
    "Extended deterrence remains the basis of extended deterrence.",
    "FORT LIBERTY AND CAMP FOSTER. Trilateral talks followed.",
    "The Transition Plan was discussed under conditions based on readiness.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_correct_text_stays_clean(text):
    fs = run(text)
    assert fs == [], [(f.rule, f.text, f.message) for f in fs]


def test_message_names_official_form_and_similarity():
    (f,) = run("Defence Minister Richard Marls met his counterpart.")
    assert f.message.startswith("'Richard Marls' looks like a misspelling of the official name 'Richard Marles'")
    assert "similarity 0." in f.message
    assert f.term_id == "person:richard-marles"


def test_severity_follows_confidence():
    (f,) = run("Soldiers at Fort liberty trained.")
    assert f.severity.value == "minor"
    (g,) = run("Minister Minoru Kiharra arrived.")
    assert g.severity.value == "major" and g.confidence >= 0.85


def test_threshold_is_configurable():
    text = "Secretary General Jens Stoltenburg spoke."
    assert run(text)
    assert run(text, options={"names": {"threshold": 0.99}}) == []
    assert run(text, options={"fuzzy": {"threshold": 99}}) == []
    assert run("The North Atlantic Counsel met.", options={"names": {"word_threshold": 0.95}}) == []


def test_several_findings_in_one_document_with_offsets():
    text = ("1. Minister Richard Marls and Minister Minoru Kiharra met at Foster Camp.\n\n"
            "2. Then the North Atlantic Counsel met at Fort liberty.\n")
    fs = run(text)
    assert [(f.rule, f.text) for f in fs] == [
        ("NAME001", "Richard Marls"), ("NAME001", "Minoru Kiharra"), ("NAME002", "Foster Camp"),
        ("NAME004", "North Atlantic Counsel"), ("NAME005", "Fort liberty")]
    assert fs[-1].paragraph != fs[0].paragraph


def test_no_glossary_no_findings():
    assert run("General Kim Seung kyum at Foster Camp.", glossary=None) == []


def test_listed_forbidden_form_is_left_to_term001():
    gl = GLOSSARY.replace('term = "Camp Foster"', 'term = "Camp Foster"\nreplaces = ["Foster Camp"]')
    fs = run("Marines returned to Foster Camp.", glossary=gl, select=("NAME", "TERM"))
    assert [(f.rule, f.text) for f in fs] == [("TERM001", "Foster Camp")]


SCM = """
[[person]]
term = "Suh Wook"
variants = ["Suh"]
titles = ["Minister of National Defense", "Minister"]

[[person]]
term = "Won In-choul"
titles = ["General"]

[[person]]
term = "Mark A. Milley"
titles = ["General"]

[[person]]
term = "Paul J. LaCamera"
titles = ["General"]

[[event]]
term = "Security Consultative Meeting"

[[place]]
term = "Camp Humphreys"

[[place]]
term = "Camp Carroll"

[[place]]
term = "Yongsan Garrison"
"""

ISSUE_EXAMPLES = [
    ("Minister Suh Wuk arrived.", "NAME001", "Suh Wuk"),
    ("General Mark Milli arrived.", "NAME001", "Mark Milli"),
    ("General Paul Lacamella arrived.", "NAME001", "Paul Lacamella"),
    ("General Won Inchu arrived.", "NAME001", "Won Inchu"),
    ("General Won In choul arrived.", "NAME005", "Won In choul"),
    ("General Lacamera arrived.", "NAME005", "Lacamera"),
    ("They reached Carroll Camp.", "NAME002", "Carroll Camp"),
    ("They reached Humphreys Camp.", "NAME002", "Humphreys Camp"),
    ("General In-choul In-choul arrived.", "NAME003", "In-choul In-choul"),
    ("The Security Consultation Meeting ended.", "NAME004", "Security Consultation Meeting"),
    ("Land of the Longshan Garrison was returned.", "NAME004", "Longshan Garrison"),
]


@pytest.mark.parametrize("text,code,span", ISSUE_EXAMPLES, ids=[s for _, _, s in ISSUE_EXAMPLES])
def test_issue_examples_with_official_forms_only(text, code, span):
    assert [(f.rule, f.text) for f in run(text, glossary=SCM)] == [(code, span)]


def test_issue_negatives_with_official_forms_only():
    text = ("General Mark A. Milley, General Paul J. LaCamera, Minister Suh and General Won In-choul met at "
            "Camp Humphreys and Camp Carroll near Yongsan Garrison for the Security Consultative Meeting; "
            "UN Security Council resolutions and the Joint Chiefs of Staff were discussed.")
    assert run(text, glossary=SCM, select=("NAME", "TERM", "CONS")) == []


# -- one-word names: 'Wisbaden' for 'Wiesbaden' ---------------------------------------------------

_PLACES = """
[[place]]
term = "Wiesbaden"

[[place]]
term = "Tasmania"

[[place]]
term = "Philippines"

[[place]]
term = "Australia"

[[org]]
term = "Bundeswehr"

[[person]]
term = "Mark Rutte"
variants = ["Rutte"]
"""


@pytest.mark.parametrize("text,span,suggestion", [
    ("The new command will be headquartered in Wisbaden.", "Wisbaden", "Wiesbaden"),
    ("Bushfires burned across Tasmanai last week.", "Tasmanai", "Tasmania"),
    ("Troops of the Bundeswher trained there.", "Bundeswher", "Bundeswehr"),
])
def test_one_word_name_misspelled(text, span, suggestion):
    from ..conftest import audit_str

    r = audit_str(text, _PLACES, select=["NAME001"])
    assert [(f.text, f.suggestion) for f in r.findings] == [(span, suggestion)]
    assert_offsets(r)


@pytest.mark.parametrize("text", [
    "Wiesbaden and Tasmania hosted them.",
    "Philippine forces met Austrian and Australian officers.",  # derived forms, a country
    "The Wiesbadener Kurier and the Tasmanian devil.",  # derived forms
    "WISBADEN",  # a heading in capitals
    "Ruttes and Wisba met.",  # too short to compare
    "Colombia and Columbia are both right here.",  # neither is in the glossary
])
def test_one_word_name_negatives(text):
    from ..conftest import audit_str

    assert audit_str(text, _PLACES, select=["NAME001"]).findings == ()


def test_british_and_american_spellings_are_the_same_word():
    from ..conftest import audit_str

    glossary = '[[term]]\nterm = "Major Defense Partner"\n\n[[org]]\nterm = "Defence Research Programme"\n'
    clean = "India is a Major Defence Partner; the Defense Research Program and the Defence Research Programme met."
    assert audit_str(clean, glossary, select=["NAME"]).findings == ()
    r = audit_str("India is a Major Defense Partnr.", glossary, select=["NAME"])
    assert [f.text for f in r.findings] == ["Major Defense Partnr"]  # a real drift is still one


def test_plurals_deletions_and_spacing_of_one_word_names():
    from ..conftest import audit_str

    glossary = ('[[term]]\nterm = "Patriot air defense system"\n\n[[org]]\nterm = "Bundeswehr"\n\n'
                '[[place]]\nterm = "Hanoi"\n\n[[place]]\nterm = "Philippines"\n')
    # a plural of the official form is the same name, not a drift (audit fix wrote "three ... system")
    assert audit_str("Germany sent three Patriot air defense systems.", glossary, select=["NAME"]).findings == ()
    # a letter dropped near the end is left alone: 'Cameron' / 'Cameroon' are two real names (measured)
    assert audit_str("Troops of the Bundeswer trained with Philippine forces.", glossary, select=["NAME"]).findings == ()
    # a one-word name written in two
    r = audit_str("They met in Ha Noi, then in Ha-noi; in Hanoi they rested. In Ha there is noi.", glossary, select=["NAME"])
    assert [(f.rule, f.text, f.suggestion) for f in r.findings] == [("NAME005", "Ha Noi", "Hanoi"), ("NAME005", "Ha-noi", "Hanoi")]
    assert_offsets(r)


def test_a_short_one_word_name_written_in_two():
    from ..conftest import audit_str

    r = audit_str("Biden paid an official visit to Ha Noi.", '[[place]]\nterm = "Hanoi"\n', select=["NAME"])
    assert [(f.rule, f.text, f.suggestion) for f in r.findings] == [("NAME005", "Ha Noi", "Hanoi")]


def test_a_function_word_opening_a_sentence_is_no_first_name():
    from ..conftest import audit_str

    glossary = '[[person]]\nterm = "Fumio Kishida"\nvariants = ["Kishida"]\n'
    assert audit_str("For Kishida, who steps down, it was the last summit.", glossary, select=["NAME"]).findings == ()
    r = audit_str("Fumio Kishda spoke.", glossary, select=["NAME"])
    assert [f.text for f in r.findings] == ["Fumio Kishda"]


def test_a_name_with_lower_case_particles():
    from ..conftest import audit_str

    glossary = '[[person]]\nterm = "Ursula von der Leyen"\nvariants = ["von der Leyen"]\n'
    r = audit_str("Ms Ursula von der Leyden spoke.", glossary, select=["NAME"])
    assert [(f.text, f.suggestion) for f in r.findings] == [("Ursula von der Leyden", "Ursula von der Leyen")]
    assert audit_str("Ms Ursula von der Leyen spoke; Ursula and der Leyden did not.", glossary, select=["NAME"]).findings == ()


def test_a_misspelt_name_keeps_the_documents_name_order():
    from ..conftest import audit_str

    glossary = ('[[person]]\nterm = "Minoru Kihara"\nvariants = ["KIHARA Minoru", "Kihara"]\n\n'
                '[[person]]\nterm = "Mark A. Milley"\nvariants = ["Mark Milley", "Milley"]\n')
    got = lambda t: [(f.text, f.suggestion) for f in audit_str(t, glossary, select=["NAME"]).findings]  # noqa: E731
    assert got("Minister of Defense KIHARA Minoro spoke.") == [("KIHARA Minoro", "KIHARA Minoru")]
    assert got("Minister Minoro Kihara spoke.") == [("Minoro Kihara", "Minoru Kihara")]
    assert got("General Mark Milli spoke.") == [("Mark Milli", "Mark A. Milley")]  # same order: the official name
