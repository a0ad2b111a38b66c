"""TERM003 confusable-substitution: composed glossaries and documents, positives and negatives."""
from __future__ import annotations

import pytest

from audit.checks import confusable as cf
from audit.checks.confusables_data import GROUPS
from audit.glossary import load_glossary, parse_native

from ..conftest import ROOT, SEED, assert_offsets, audit_str

REF = load_glossary([ROOT / "reference" / "glossary.toml"])


def term3(text, glossary):
    report = audit_str(text, glossary, select=["TERM003"])
    assert_offsets(report)
    return [f for f in report.findings if f.rule == "TERM003"]


def flagged(text, glossary):
    return [(f.text, f.suggestion) for f in term3(text, glossary)]


US_JAPAN = """
[[org]]
term = "Japan Self-Defense Forces"
acronym = "JSDF"

[[org]]
term = "Japan Maritime Self-Defense Force"
acronym = "JMSDF"

[[org]]
term = "National Diet"
note = "The legislature of Japan."

[[org]]
term = "Ministry of Foreign Affairs"
variants = ["Japanese Ministry of Foreign Affairs"]
acronym = "MOFA"

[[org]]
term = "Department of State"
variants = ["U.S. Department of State"]

[[event]]
term = "Security Consultative Committee"
variants = ["U.S.-Japan Security Consultative Committee"]
acronym = "SCC"

[[person]]
term = "Antony Blinken"
titles = ["Secretary of State"]
"""

NATO = """
[[org]]
term = "North Atlantic Council"
acronym = "NAC"

[[org]]
term = "Supreme Headquarters Allied Powers Europe"
acronym = "SHAPE"

[[term]]
term = "collective defence"
"""

FORUMS = """
[[event]]
term = "Quadrilateral Security Dialogue"
acronym = "Quad"

[[org]]
term = "Joint Staff"

[[org]]
term = "National Assembly"
variants = ["ROK National Assembly"]

[[event]]
term = "Trilateral Chiefs of Defense"
acronym = "Tri-CHOD"

[[term]]
term = "cyber commands"
variants = ["cyber command"]
"""


# ------------------------------------------------------------------ the seed's three misses


@pytest.mark.parametrize("phrase,official", [
    ("exchanges between their respective network commands to discuss", ("network commands", "cyber commands")),
    ("defense trilateral talks (DTT) and three Chief of Border Defense-Joint exercises",
     ("three Chief of Border Defense", "Trilateral Chiefs of Defense")),
    ('approval of the "Special Measures Agreement No. 11" by the South Korean Congress.',
     ("South Korean Congress", "ROK National Assembly")),
])
def test_seed_phrases_with_the_reference_glossary(phrase, official):
    assert flagged(phrase, REF) == [official]


def test_seed_gets_exactly_the_three_phrases_no_other_finding_changes():
    """With every rule on, TERM003 adds the three semantic substitutions and nothing else:
    where a spelling, acronym or entity rule already reports a span, that finding stays."""
    from audit.config import AuditConfig
    from audit.document import read_document
    from audit.engine import audit_document

    doc = read_document(SEED)
    key = lambda f: (f.rule, f.start, f.end, f.suggestion)  # noqa: E731
    without = {key(f) for f in audit_document(doc, REF, AuditConfig(ignore=("TERM003",))).findings}
    full = audit_document(doc, REF, AuditConfig()).findings
    assert without <= {key(f) for f in full}
    assert [(f.rule, f.text, f.suggestion) for f in full if key(f) not in without] == [
        ("TERM003", "network commands", "cyber commands"),
        ("TERM003", "three Chief of Border Defense", "Trilateral Chiefs of Defense"),
        ("TERM003", "South Korean Congress", "ROK National Assembly"),
    ]
    alone = audit_document(doc, REF, AuditConfig(select=("TERM003",))).findings
    assert {f.text for f in alone} >= {"network commands", "South Korean Congress", "Joint Command Post Training",
                                       "Korea-US Comprehensive Defense Dialogue"}


def test_message_says_which_word_replaced_which_and_why():
    (f,) = term3("They met their respective network commands.", REF)
    assert "'network' and the official 'cyber' are machine translations of one source word" in f.message
    assert "网络" in f.message and f.severity.value == "major" and f.term_id == "term:cyber-commands"
    (f,) = term3("Approved by the South Korean Congress.", REF)
    assert "'South Korean' names the same country as 'ROK'" in f.message
    assert "'Congress'" in f.message and "'National Assembly'" in f.message
    (f,) = term3("Three Chief of Border Defense exercises.", REF)
    assert "the extra word 'Border'" in f.message and "(Tri-CHOD)" in f.message


# ------------------------------------------------------------------ other glossaries


@pytest.mark.parametrize("text,expected", [
    ("Ships of the Japan Naval Self-Defense Force sailed.",
     ("Japan Naval Self-Defense Force", "Japan Maritime Self-Defense Force")),
    ("Units of the Japan Self-Defense Troops took part.", ("Japan Self-Defense Troops", "Japan Self-Defense Forces")),
    ("The National Parliament approved the budget.", ("National Parliament", "National Diet")),
    ("A spokesman for the Ministry of External Affairs said so.", ("Ministry of External Affairs", "Ministry of Foreign Affairs")),
    ("The Security Consultation Committee met in Tokyo.", ("Security Consultation Committee", "Security Consultative Committee")),
    ("The Japanese Ministry of Diplomatic Affairs said so.",
     ("Japanese Ministry of Diplomatic Affairs", "Japanese Ministry of Foreign Affairs")),
    ("The U.S. Ministry of State replied.", ("U.S. Ministry of State", "U.S. Department of State")),
])
def test_us_japan_positives(text, expected):
    assert flagged(text, US_JAPAN) == [expected]


def test_us_japan_negatives():
    text = ("Secretary of State Antony Blinken met the Japan Maritime Self-Defense Force and the Japan Self-Defense "
            "Forces; the National Diet and the Ministry of Foreign Affairs; the U.S.-Japan Security Consultative "
            "Committee (SCC) met; the U.S. Congress and Congress; the Department of State. Naval forces, the "
            "Department of National Defense, a joint statement, the foreign ministry, diplomatic affairs.")
    assert flagged(text, US_JAPAN) == []


@pytest.mark.parametrize("text,expected", [
    ("The North Atlantic Committee met in Brussels.", ("North Atlantic Committee", "North Atlantic Council")),
    ("The North Atlantic Commission (NAC) met.", ("North Atlantic Commission", "North Atlantic Council")),
    ("Allies reaffirmed their commitment to collective protection.", ("collective protection", "collective defence")),
])
def test_nato_positives(text, expected):
    assert flagged(text, NATO) == [expected]


def test_nato_negatives():
    text = ("The North Atlantic Council met; the North Atlantic Treaty; collective defence and collective defense; "
            "the Supreme Headquarters Allied Powers Europe; combined arms; the UN Security Council resolutions.")
    assert flagged(text, NATO) == []


@pytest.mark.parametrize("text,expected", [
    ("Ministers met at the four-way Security Dialogue in Tokyo.", ("four-way Security Dialogue", "Quadrilateral Security Dialogue")),
    ("The Combined Staff reviewed the plan.", ("Combined Staff", "Joint Staff")),
    ("The Korean Parliament approved it.", ("Korean Parliament", "ROK National Assembly")),
    ("The Republic of Korea Congress approved it.", ("Republic of Korea Congress", "ROK National Assembly")),
    ("The National Congress approved it.", ("National Congress", "National Assembly")),
    ("Network commands were set up.", ("Network commands", "Cyber commands")),
    ("They held three Chiefs of Defense talks.", ("three Chiefs of Defense", "Trilateral Chiefs of Defense")),
])
def test_forum_positives(text, expected):
    assert flagged(text, FORUMS) == [expected]


@pytest.mark.parametrize("text", [
    "Congress approved it.",  # a legislature with no country
    "The U.S. Congress approved it.",  # another country's legislature
    "The Japanese Diet approved it.",
    "The North Korean Parliament met.",  # DPRK is not ROK
    "The National People's Congress met in Beijing.",  # one exact word only, with an extra word
    "Network security and network operations matter.",  # shares no word of the official form but the confusable
    "A joint statement, combined arms and combined staff work; three sides agreed.",
    "The Joint Chiefs of Staff, the Joint Staff, the ROK National Assembly, cyber commands, a cyber command.",
    "The Quadrilateral Security Dialogue and the Trilateral Chiefs of Defense (Tri-CHOD).",
    "The four-party security talks resumed.",  # lower-case words do not name the capitalised forum
])
def test_forum_negatives(text):
    assert flagged(text, FORUMS) == []


def test_reference_glossary_negatives():
    text = ("The Joint Chiefs of Staff, UN Security Council resolutions, the U.S. Congress, Congress, the Japanese Diet, "
            "a joint statement, combined arms, three sides, network security, the Ministry of National Defense, "
            "the Department of Defense, the National Assembly, Combined Forces Command, cyber and space capabilities.")
    assert flagged(text, REF) == []


# ------------------------------------------------------------------ confidence and suggestions


def test_extra_word_and_acronym_change_the_confidence():
    clean = term3("They held three Chiefs of Defense talks.", FORUMS)[0]
    extra = term3("They held three Chiefs of Border Defense talks.", FORUMS)[0]
    assert extra.confidence < clean.confidence
    plain = term3("Ministers met at the four-way Security Dialogue in Tokyo.", FORUMS)[0]
    confirmed = term3("Ministers met at the four-way Security Dialogue (Quad) in Tokyo.", FORUMS)[0]
    assert confirmed.confidence > plain.confidence


def test_listed_forbidden_form_is_left_to_term001():
    glossary = FORUMS + '\n[[org]]\nterm = "North Atlantic Council"\nreplaces = ["North Atlantic Committee"]\n'
    report = audit_str("The North Atlantic Committee met.", glossary, select=["TERM001", "TERM003"])
    assert [f.rule for f in report.findings] == ["TERM001"]


def test_part_of_a_longer_name_is_not_flagged():
    glossary = '[[org]]\nterm = "Department of State"\n'
    assert flagged("The Department of National Defense replied.", glossary) == []
    assert flagged("The Ministry of State replied.", glossary) == [("Ministry of State", "Department of State")]
    assert flagged("The Department of Foreign Affairs and Trade (DFAT) said.", US_JAPAN) == []
    assert flagged("The Department of Foreign Affairs said.", US_JAPAN) == [
        ("Department of Foreign Affairs", "Ministry of Foreign Affairs")]


def test_admitted_forms_of_other_entries_are_never_flagged():
    glossary = '[[org]]\nterm = "Combined Forces Command"\n[[org]]\nterm = "Joint Forces Command"\n'
    assert flagged("The Joint Forces Command and the Combined Forces Command.", glossary) == []
    assert flagged("The Allied Forces Command.", '[[org]]\nterm = "Combined Forces Command"\n') == [
        ("Allied Forces Command", "Combined Forces Command")]


def test_spelling_and_inflection_are_not_substitutions():
    assert flagged("The Trilateral Chief of Defence met.", FORUMS) == []
    assert cf.stem("chiefs") == "chief" and cf.stem("capabilities") == "capability" and cf.stem("defence") == "defense"
    assert cf.stem("status") == "status" and cf.stem("congress") == "congress"


# ------------------------------------------------------------------ countries, lexicon, index


def test_country_aliases():
    countries, abbrev = cf.build_countries()

    def code(text):
        from audit.glossary.matching import tokenize
        toks = tokenize(text)
        got = cf.country_run(toks, 0, countries, abbrev)
        return got and (got[0] == len(toks)) and set().union(*got[1])

    assert code("ROK") == code("South Korean") == code("Republic of Korea") == code("Korea") == {"KR"}
    assert code("North Korean") == code("DPRK") == {"KP"}
    assert code("U.S.") == code("United States") == code("American") == {"US"}
    assert code("Japanese") == {"JP"} and code("Chinese") == {"CN"}
    assert code("ROK-U.S.") == {"KR", "US"}
    assert not code("us") and not code("National")


def test_lexicon_is_documented_and_well_formed():
    assert len(GROUPS) >= 40
    assert len({g.id for g in GROUPS}) == len(GROUPS)
    for g in GROUPS:
        assert len(g.words) >= 2 and g.source.strip(), g
        assert len(set(g.words)) == len(g.words), g
    lex = cf.build_lexicon()
    assert lex[("congress",)] & lex[("national", "assembly")]
    assert lex[("three",)] & lex[("trilateral",)]


def test_index_is_keyed_by_word_pairs():
    """Candidates come from (replaceable official phrase, another word of the form) pairs:
    a glossary of many 'Combined X Command' entries gives 'Joint Y Command' only the Y entry."""
    rows = "".join(f'[[org]]\nterm = "Combined {w} Command"\n' for w in
                   ("Naval", "Air", "Special", "Logistics", "Medical", "Signal", "Engineer", "Training"))
    g = parse_native(rows)
    idx = cf.confusable_index(g)
    from audit.glossary.matching import tokenize
    p = cf._Para(tokenize("The Joint Medical Command met."), idx)
    cands = cf._candidates(p, idx, 1)
    assert {idx.targets[i].text for i in cands} == {"Combined Medical Command"}
    assert flagged("The Joint Medical Command met.", g) == [("Joint Medical Command", "Combined Medical Command")]


def test_docs_page_lists_every_group():
    page = (ROOT / "docs" / "checks-confusable.md").read_text(encoding="utf-8")
    missing = [g.id for g in GROUPS if f"| `{g.id}` |" not in page]
    assert missing == [], f"docs/checks-confusable.md lacks groups {missing}"


def test_official_communique_is_clean():
    """The official English text of the seed's communique: every name as the glossary writes it."""
    text = (ROOT / "tests" / "data" / "reference" / "official" / "000_ebdd1e0c9e0a145d.txt").read_text(encoding="utf-8")
    assert "Security Consultative Meeting" in text and "Integrated Defense Dialogue" in text
    assert flagged(text, REF) == []


def test_configured_groups_extend_the_lexicon():
    glossary = '[[org]]\nterm = "Self-Defense Forces"\n[[org]]\nterm = "Foreign Intelligence Service"\n'
    text = "The Self-Defense Military and the Foreign Secret Service."
    assert flagged(text, glossary) == [("Self-Defense Military", "Self-Defense Forces")]  # built-in 'forces' group
    report = audit_str(text, glossary, select=["TERM003"],
                       options={"confusable": {"groups": [["intelligence", "secret"], "junk", ["one"]]}})
    got = [(f.text, f.suggestion) for f in report.findings]
    assert got == [("Self-Defense Military", "Self-Defense Forces"),
                   ("Foreign Secret Service", "Foreign Intelligence Service")]
    assert "configuration" in report.findings[1].message
    assert cf.extra_groups([["a", "b"], ["c"], 3, ["d", 4]]) == (cf.Group("config-1", ("a", "b"), cf.extra_groups([["a", "b"]])[0].source),)


@pytest.mark.parametrize("text,expected", [
    ("The Korea-US Joint Forces Command held a drill.", ("Korea-US Joint Forces Command", "ROK-U.S. Combined Forces Command")),
    ("They ran a Desktop Exercise (TTX).", ("Desktop Exercise", "Tabletop Exercise")),
    ("The Customized Deterrence Strategy was adopted.", ("Customized Deterrence Strategy", "Tailored Deterrence Strategy")),
    ("North of the Northern Boundary Line.", ("Northern Boundary Line", "Northern Limit Line")),
    ("The Proliferation Safety Initiative met.", ("Proliferation Safety Initiative", "Proliferation Security Initiative")),
    ("Under the Conditions-based OPCON Transfer Plan.", ("Conditions-based OPCON Transfer Plan", "Conditions-based OPCON Transition Plan")),
    ("The ROK Parliament approved the SMA.", ("ROK Parliament", "ROK National Assembly")),
])
def test_more_reference_glossary_positives(text, expected):
    assert flagged(text, REF) == [expected]


@pytest.mark.parametrize("text", [
    "The U.S. Department of Defence said.",  # spelling only
    "The Republic of Korea Ministry of National Defense said.",  # country alias only
    "The trilateral chiefs of defense meeting.",  # capitals only (NAME005)
    "The Security Consultation Conference.",  # two substitutions, one exact word
    "The Japanese Diet and the Korean National Assembly.",
])
def test_more_reference_glossary_negatives(text):
    assert flagged(text, REF) == []


# -- the country moved first: 'Australian Congress' for 'Parliament of Australia' ------------------

LEGISLATURES = """
[[org]]
term = "Parliament of Australia"

[[org]]
term = "National Assembly of the Republic of Korea"

[[org]]
term = "Ministry of Defence of Japan"
"""


@pytest.mark.parametrize("text,expected", [
    ("The bill passed the Australian Congress last week.", [("Australian Congress", "Parliament of Australia")]),
    ("The Australian Assembly debated it.", [("Australian Assembly", "Parliament of Australia")]),
    ("The South Korean Congress approved the agreement.",
     [("South Korean Congress", "National Assembly of the Republic of Korea")]),
])
def test_country_moved_first(text, expected):
    assert flagged(text, LEGISLATURES) == expected
    (f,) = term3(text, LEGISLATURES)
    assert "which the official name puts last" in f.message


@pytest.mark.parametrize("text", [
    "The bill passed the Australian Parliament last week.",  # the same words, only reordered: an accepted name
    "The Parliament of Australia and the Korean National Assembly met.",
    "The Japanese Congress and the U.S. Congress are other bodies.",  # another country's legislature
    "The Australian Senate approved it.",  # not a confusable of 'Parliament'
    "Australian defence ministers met Japan's Ministry of Defence.",
    "An Australian congress of unions met.",  # no capital: not a name
])
def test_country_moved_first_negatives(text):
    assert flagged(text, LEGISLATURES) == []


# -- a two-word name swapped and one word replaced: 'Humphreys Base' for 'Camp Humphreys' -----------

BASES = """
[[place]]
term = "Camp Humphreys"

[[place]]
term = "Robertson Barracks"

[[place]]
term = "Camp Carroll"
"""


@pytest.mark.parametrize("text,expected", [
    ("The headquarters moved to Humphreys Base.", [("Humphreys Base", "Camp Humphreys")]),
    ("US Marines rotate through Robertson Camp each year.", [("Robertson Camp", "Robertson Barracks")]),
    ("They reached Base Humphreys.", [("Base Humphreys", "Camp Humphreys")]),
])
def test_two_word_name_swapped_or_replaced(text, expected):
    assert flagged(text, BASES) == expected


def test_swapped_message():
    (f,) = term3("The headquarters moved to Humphreys Base.", BASES)
    assert f.message.endswith("the two words are in the reverse order.")


@pytest.mark.parametrize("text", [
    "The headquarters moved to Camp Humphreys, near the Humphreys post office.",  # lower case: no name
    "The Humphreys Base Camp opened.",  # part of a longer name
    "They met at Robertson Barracks and at Camp Carroll.",
    "the humphreys base",
])
def test_two_word_name_swapped_negatives(text):
    assert flagged(text, BASES) == []


def test_plain_swap_is_left_to_name002():
    from ..conftest import audit_str

    r = audit_str("They reached Carroll Camp.", BASES)
    assert [(f.rule, f.text) for f in r.findings] == [("NAME002", "Carroll Camp")]


def test_a_form_with_a_comma_is_aligned_across_it():
    glossary = '[[term]]\nterm = "conventionally armed, nuclear-powered submarines"\n\n[[term]]\nterm = "cyber commands"\n'
    assert flagged("Australia will acquire conventionally armed, atomic-powered submarines.", glossary) == [
        ("conventionally armed, atomic-powered submarines", "conventionally armed, nuclear-powered submarines")]
    assert flagged("Australia will acquire conventionally armed, nuclear-powered submarines.", glossary) == []
    assert flagged("They built network, commands and more.", glossary) == []  # no comma in that form


def test_a_long_form_of_nine_words():
    glossary = '[[term]]\nterm = "United Nations Convention on the Law of the Sea"\n'
    assert flagged("as reflected in the 1982 United Nations Convention on the Law of the Ocean.", glossary) == [
        ("United Nations Convention on the Law of the Ocean", "United Nations Convention on the Law of the Sea")]
    assert flagged("as reflected in the United Nations Convention on the Law of the Sea.", glossary) == []


def test_an_air_base_rendered_as_an_airport():
    glossary = '[[place]]\nterm = "Bien Hoa Air Base"\n\n[[place]]\nterm = "Ramstein Air Base"\n'
    assert flagged("Dioxin remediation at Bien Hoa Airport continued.", glossary) == [("Bien Hoa Airport", "Bien Hoa Air Base")]
    assert flagged("They landed at Ramstein Air Base and at Frankfurt Airport.", glossary) == []


def test_a_shoal_rendered_as_a_reef():
    glossary = '[[place]]\nterm = "Scarborough Shoal"\n\n[[place]]\nterm = "Second Thomas Shoal"\n'
    assert flagged("How will it affect Scarborough Reef?", glossary) == [("Scarborough Reef", "Scarborough Shoal")]
    assert flagged("The Great Barrier Reef and Second Thomas Shoal are far apart.", glossary) == []


def test_ocean_is_no_navy_and_operational_command_is_a_term_of_its_own():
    glossary = ('[[org]]\nterm = "Indian Navy"\n\n[[org]]\nterm = "Japan Maritime Self-Defense Force"\n\n'
                '[[term]]\nterm = "operational control"\n')
    assert flagged("The Indian Ocean is vast; forces served under the operational command of CJOC.", glossary) == []
    assert flagged("The Japan Naval Self-Defense Force sailed.", glossary) == [
        ("Japan Naval Self-Defense Force", "Japan Maritime Self-Defense Force")]


def test_an_institution_of_a_country_the_document_is_not_about():
    glossary = '[[org]]\nterm = "Ministry of National Defense"\nvariants = ["ROK Ministry of National Defense"]\n'
    canadian = ("Canada's Department of National Defence deployed Canadian ships. Canada and Canadian forces led; "
                "Canada also exercised with the Republic of Korea once.")
    assert flagged(canadian, glossary) == []
    korean = ("South Korea's Department of National Defense met Korean officials; the Republic of Korea and "
              "Canada agreed.")
    assert flagged(korean, glossary) == [("South Korea's Department of National Defense", "ROK Ministry of National Defense")]
    # a place named after a country is no institution of it
    assert flagged("Japan and Korea and Korea again sailed the South China Ocean.", '[[place]]\nterm = "South China Sea"\n') == [
        ("South China Ocean", "South China Sea")]


def test_a_coast_guard_rendered_as_maritime_police():
    glossary = '[[org]]\nterm = "Japan Coast Guard"\n'
    assert flagged("The Japan Maritime Guard sailed.", glossary) == [("Japan Maritime Guard", "Japan Coast Guard")]
    assert flagged("The Japan Coast Guard and the maritime police of Vietnam sailed.", glossary) == []
