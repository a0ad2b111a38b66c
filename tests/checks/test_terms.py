"""TERM001 forbidden-form and the shared matching helpers, on glossaries written for these tests."""
from __future__ import annotations

import pytest

from audit.glossary import parse_native
from audit.glossary.matching import (
    compile_alternation,
    forbidden_regex,
    form_keys,
    person_short_forms,
    person_variants,
    surface,
    tokenize,
)

from ..conftest import assert_offsets, audit_str

GLOSSARY = """
[[place]]
term = "Camp Foster"
replaces = ["Foster Camp", "Camp Forster"]

[[place]]
term = "Zürich Airport"
replaces = ["Zurich Aeroport"]

[[org]]
term = "Australian Defence Force"
replaces = ["Australian Defense Forces"]
note = "Australian spelling, singular."

[[org]]
term = "U.S. Forces Japan"
replaces = ["US Forces in Japan"]

[[person]]
term = "Richard Marles"
titles = ["Defence Minister"]
replaces = ["Richard Marls"]

[[acronym]]
term = "AUKUS"
expands = "Australia-United Kingdom-United States partnership"
replaces = ["AUUKUS"]
"""


def _run(text, glossary=GLOSSARY):
    rep = audit_str(text, glossary, select=["TERM001"])
    assert_offsets(rep)
    return list(rep.findings)


@pytest.mark.parametrize(
    "text,span,suggestion",
    [
        ("Marines returned to Foster Camp on Monday.", "Foster Camp", "Camp Foster"),
        ("Marines returned to foster camp on Monday.", "foster camp", "Camp Foster"),
        ("Marines returned to Foster-Camp on Monday.", "Foster-Camp", "Camp Foster"),
        ("Marines returned to Foster \u2013 Camp on Monday.", "Foster \u2013 Camp", "Camp Foster"),
        ("Marines returned to Foster\u00a0Camp on Monday.", "Foster\u00a0Camp", "Camp Foster"),
        ("Foster Camp's gate opened.", "Foster Camp's", "Camp Foster's"),
        ("Foster Camp\u2019s gate opened.", "Foster Camp\u2019s", "Camp Foster\u2019s"),
        ("Both Foster Camps were closed.", "Foster Camps", "Camp Fosters"),
        ("They reached Camp Forster.", "Camp Forster", "Camp Foster"),
        ("The Australian Defense Forces deployed.", "Australian Defense Forces", "Australian Defence Force"),
        ("Flights left ZURICH AEROPORT.", "ZURICH AEROPORT", "Zürich Airport"),
        ("The U.S. Forces in Japan commander spoke.", "U.S. Forces in Japan", "U.S. Forces Japan"),
        ("Richard Marls spoke.", "Richard Marls", "Richard Marles"),
        ("The AUUKUS pact.", "AUUKUS", "AUKUS"),
    ],
)
def test_forbidden_form_flagged(text, span, suggestion):
    fs = _run(text)
    assert [f.text for f in fs] == [span]
    f = fs[0]
    assert f.rule == "TERM001" and f.suggestion == suggestion
    assert f.category == "Terminology/Wrong term" and f.severity.value == "major"
    assert f"'{span}'" in f.message and "official form" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Marines returned to Camp Foster on Monday; Camp Foster's gate opened.",
        "The Foster Campus library and the Fosters Camp brewery.",  # word boundaries
        "A camp was set up by the foster family.",
        "The Australian Defence Force and U.S. Forces Japan trained at Zürich Airport.",
        "Defence Minister Richard Marles spoke about AUKUS.",
        "UN Security Council resolutions and the Joint Chiefs of Staff.",
        "Richard Marlsson spoke.",
    ],
)
def test_forbidden_form_clean(text):
    assert _run(text) == []


def test_note_in_message():
    (f,) = _run("The Australian Defense Forces deployed.")
    assert "Australian spelling, singular." in f.message


def test_form_both_forbidden_and_admitted_is_never_flagged():
    gl = """
[[place]]
term = "Camp Foster"
variants = ["Foster Camp"]
replaces = ["Foster Camp"]
"""
    assert _run("They went to Foster Camp.", gl) == []


def test_forbidden_form_without_glossary_is_silent():
    rep = audit_str("Marines returned to Foster Camp.", None, select=["TERM001"])
    assert rep.findings == ()


def test_one_regex_per_glossary_is_cached():
    g = parse_native(GLOSSARY, "<t>")
    a = forbidden_regex(g)
    b = forbidden_regex(g)
    assert a is b and a[0] is not None


# ---------------------------------------------------------------- matching helpers


def test_trie_alternation_prefers_longest_and_respects_boundaries():
    rx = compile_alternation(["Camp", "Camp Foster", "Camp Foster East", "Fort Liberty"])
    got = [m.group(0) for m in rx.finditer("Camp Foster East, camp-foster, Camp Fosters, Campus, Fort  Liberty")]
    assert got == ["Camp Foster East", "camp-foster", "Camp Fosters", "Fort  Liberty"]


def test_alternation_scales_to_many_forms():
    forms = [f"Zorvan Base {i}" for i in range(3000)] + ["Kadena Air Base"]
    rx = compile_alternation(forms)
    assert [m.group(0) for m in rx.finditer("at kadena air base and Zorvan Base 2999.")] == [
        "kadena air base", "Zorvan Base 2999"]


@pytest.mark.parametrize(
    "name,variants",
    [
        ("Lloyd J. Austin III", ["Lloyd Austin III", "Lloyd J Austin", "Lloyd Austin"]),
        ("Mark A. Milley", ["Mark Milley"]),
        ("Richard Marles", []),
        ("Martin Luther King Jr.", ["Martin Luther King"]),
    ],
)
def test_person_variants(name, variants):
    assert person_variants(name) == variants


@pytest.mark.parametrize(
    "name,short",
    [
        ("Won In-choul", ["Won"]),
        ("Kim Seung-kyum", ["Kim"]),
        ("Richard Marles", ["Marles"]),
        ("Paul J. LaCamera", ["LaCamera"]),
        ("Lloyd J. Austin III", ["Austin"]),
        ("Ana Smith-Jones", ["Smith-Jones"]),
    ],
)
def test_person_short_forms(name, short):
    assert person_short_forms(name) == short


def test_tokens_keys_and_gaps():
    toks = tokenize("Gen. Kim Seung-kyum's U.S.-ROK talks, Washington, D.C.")
    assert [t.key for t in toks] == ["gen", "kim", "seung", "kyum", "us", "rok", "talks", "washington", "dc"]
    assert [t.gap for t in toks] == ["start", "break", "space", "hyphen", "space", "hyphen", "space", "comma", "comma"]
    assert toks[3].poss and not toks[2].poss
    assert form_keys("U.S. Forces  Korea") == form_keys("US Forces\u2011Korea") == ("us", "forces", "korea")
    assert surface("Camp  Foster\u2019s") == surface("Camp Foster") == "Camp Foster"
