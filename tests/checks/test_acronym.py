"""Acronym family: letter alignment, official expansions, undefined and inconsistent acronyms."""
from __future__ import annotations

import pytest

from audit.checks.acronym import acronym_letters, align, fits, normalize

from ..conftest import assert_offsets, audit_str, codes

NATO_GLOSSARY = """
[[acronym]]
term = "NAC"
expands = "North Atlantic Council"

[[acronym]]
term = "SACEUR"
expands = "Supreme Allied Commander Europe"

[[acronym]]
term = "G7"
expands = "Group of Seven"

[[acronym]]
term = "E-NATO"
expands = "Enhanced-North Atlantic Treaty Organization"

[[person]]
term = "Antony Blinken"
titles = ["Secretary of State"]
"""


def findings(text, glossary=None, select=("ACR",), **cfg):
    report = audit_str(text, glossary, select=select, **cfg)
    assert_offsets(report)
    return report.findings


# -- the alignment itself ------------------------------------------------------------------

FITS = [
    ("COTP", "Conditions-based OPCON Transition Plan"),
    ("CWMDC", "Counter Weapons of Mass Destruction Committee"),
    ("ASEAN", "Association of Southeast Asian Nations"),
    ("PKO", "Peacekeeping Operations"),
    ("THAAD", "Terminal High Altitude Area Defense"),
    ("OPCON", "operational control"),
    ("OPLANs", "Operational Plans"),
    ("F-CFC", "Future-Combined Forces Command"),
    ("Tri-CHOD", "Trilateral Chiefs of Defense"),
    ("R&D", "research and development"),
    ("SOFA", "Status of Forces Agreement"),
    ("TTX", "Tabletop Exercise"),
    ("NATO", "North Atlantic Treaty Organization"),
    ("AUKUS", "Australia-UK-US"),
    ("OECD", "Organisation for Economic Co-operation and Development"),
    ("G7", "Group of Seven"),  # digits: never checked against letters
    ("6G", "next-generation mobile communications"),
    ("U.S.", "United States"),
]

MISFITS = [
    ("PSI", "Non-Proliferation Security Initiative"),
    ("CCPT", "Joint Command Post Training"),
    ("NLL", "Northern Limit"),
    ("NPG", "Nuclear Planning Council"),
    ("IPEF", "Indo-Pacific Economic Forum Framework"),
    ("CWMD", "weapons of mass destruction"),
]


@pytest.mark.parametrize("acr,expansion", FITS)
def test_correct_expansions_fit(acr, expansion):
    assert fits(acr, expansion)


@pytest.mark.parametrize("acr,expansion", MISFITS)
def test_wrong_expansions_do_not_fit(acr, expansion):
    assert not fits(acr, expansion)


def test_acronym_letters_conventions():
    assert acronym_letters("OPLANs") == "oplan"
    assert acronym_letters("R&D") == "rd"
    assert acronym_letters("F-CFC") == "fcfc"
    assert acronym_letters("G7") is None
    assert align("nll", ["Northern", "Limit"]) == (1, 2)  # one letter missing


def test_normalize_ignores_case_hyphens_plurals_and_the():
    assert normalize("the North-Atlantic Councils") == normalize("North Atlantic Council")
    assert normalize("Korea-U.S. Combined Forces Command") == "korea us combined force command"
    # a possessive before the acronym ("the Construction, Forestry, Mining and Energy Union's (CFMEU) secretary")
    assert normalize("Construction, Forestry, Mining and Energy Union’s") == normalize("Construction Forestry Mining and Energy Union")


# -- ACR001: expansion and letters disagree -------------------------------------------------

MISMATCH = [
    ("Allies praised the Non-Proliferation Security Initiative (PSI) today.",
     "Non-Proliferation Security Initiative (PSI)"),
    ("Both conducted the 22-1 Joint Command Post Training (CCPT) in spring.", "Joint Command Post Training (CCPT)"),
    ("So far the Northern Limit (NLL) has kept forces apart.", "Northern Limit (NLL)"),
    ("NATO ministers met the Nuclear Planning Council (NPG) in Brussels.", "Nuclear Planning Council (NPG)"),
    ("The partners launched the Indo-Pacific Economic Forum Framework (IPEF) in Tokyo.",
     "Indo-Pacific Economic Forum Framework (IPEF)"),
    ("They improved capabilities against weapons of mass destruction (CWMD) last year.",
     "weapons of mass destruction (CWMD)"),
    ("The leaders welcomed the NPG (Nuclear Planning Council) report.", "NPG (Nuclear Planning Council)"),
]


@pytest.mark.parametrize("text,span", MISMATCH)
def test_acr001_flags_letter_mismatch(text, span):
    got = [f for f in findings(text) if f.rule == "ACR001"]
    assert [f.text for f in got] == [span]
    assert got[0].category == "Accuracy/Mistranslation"
    assert text[got[0].start:got[0].end] == span


CLEAN_DEFINITIONS = [
    "The Conditions-based OPCON Transition Plan (COTP) guides the transition.",
    "The Counter Weapons of Mass Destruction Committee (CWMDC) met in Seoul.",
    "They support the centrality of the Association of Southeast Asian Nations (ASEAN).",
    "They support UN Peacekeeping Operations (PKO) and the UN Security Council resolutions.",
    "Allies deployed the Terminal High Altitude Area Defense (THAAD) battery.",
    "They updated operational plans (OPLANs) and the Future-Combined Forces Command (F-CFC).",
    "The Trilateral Chiefs of Defense (Tri-CHOD) met, and the Joint Chiefs of Staff (JCS) agreed.",
    "Cooperation covers research and development (R&D), 5G and next-generation mobile communications (6G).",
    "The Group of Seven (G7) and the North Atlantic Treaty Organization (NATO) issued statements.",
    "Australia, UK and US (AUKUS) and the Organisation for Economic Co-operation and Development (OECD).",
    "The Deterrence Strategy Committee (DSC) Tabletop Exercise (TTX) was held.",
    "The Construction, Forestry, Mining and Energy Union (CFMEU) secretary spoke.",
    "Secretary of State Antony Blinken met John Smith (ALP) and Tony Blair (UK).",
    "The aircraft came down just before midnight (ACDT) near the swamp.",
    "The SOFA (Status of Forces Agreement) Joint Committee met.",
]


@pytest.mark.parametrize("text", CLEAN_DEFINITIONS)
def test_correct_definitions_stay_clean(text):
    assert [f for f in findings(text) if f.rule in ("ACR001", "ACR002", "ACR004", "ACR005")] == []


def test_acr001_suggests_official_form_when_acr002_is_not_selected():
    text = "The ministers met in the North Atlantic Assembly (NAC) on Tuesday."
    got = findings(text, NATO_GLOSSARY, select=("ACR001",))
    assert [f.rule for f in got] == ["ACR001"]
    assert got[0].suggestion == "North Atlantic Council (NAC)"


# -- ACR002: expansion differs from the glossary -------------------------------------------

OFFICIAL = [
    ("The ministers met in the North Atlantic Committee (NAC) on Tuesday.", "North Atlantic Committee",
     "North Atlantic Council"),
    ("He briefed the Supreme Allied Commander of Europe (SACEUR) on the plan.", "Supreme Allied Commander of Europe",
     "Supreme Allied Commander Europe"),
    ("Leaders of the Group of Eight (G7) met in Hiroshima.", "Group of Eight", "Group of Seven"),
    ("They met the SACEUR (Supreme Allied Commander for Europe) today.", "Supreme Allied Commander for Europe",
     "Supreme Allied Commander Europe"),
    ("The Enhanced North Atlantic Organization (E-NATO) was discussed.", "Enhanced North Atlantic Organization",
     "Enhanced-North Atlantic Treaty Organization"),
]


@pytest.mark.parametrize("text,span,official", OFFICIAL)
def test_acr002_flags_unofficial_expansion(text, span, official):
    got = findings(text, NATO_GLOSSARY)
    assert [f.rule for f in got] == ["ACR002"]
    f = got[0]
    assert f.text == span and text[f.start:f.end] == span
    assert f.suggestion == official
    assert f.category == "Terminology/Wrong term" and f.severity.value == "major"


OFFICIAL_CLEAN = [
    "The ministers met in the North Atlantic Council (NAC) on Tuesday.",
    "The ministers met in the north atlantic council (NAC) on Tuesday.",
    "The ministers met in the North-Atlantic Councils (NAC) on Tuesday.",
    "Leaders of the Group of Seven (G7) met in Hiroshima with Secretary of State Antony Blinken.",
    "They met the SACEUR (Supreme Allied Commander Europe) today.",
    "The NAC met; the SACEUR and the G7 agreed.",
    "Secretary of State Antony Blinken (NAC) spoke.",  # not an expansion at all
]


@pytest.mark.parametrize("text", OFFICIAL_CLEAN)
def test_acr002_clean_on_official_forms(text):
    assert findings(text, NATO_GLOSSARY) == ()


def test_acr002_needs_a_glossary():
    text = "The ministers met in the North Atlantic Committee (NAC) on Tuesday."
    assert "ACR002" not in codes(audit_str(text, select=["ACR"]))


# -- ACR003: used but never expanded -----------------------------------------------------------


def test_acr003_flags_first_use_only():
    text = "The North Atlantic Council (NAC) met. The JEF and the JEF again briefed allies."
    got = findings(text)
    assert [(f.rule, f.text) for f in got] == [("ACR003", "JEF")]
    assert got[0].start == text.index("JEF")


@pytest.mark.parametrize(
    "text",
    [
        "The North Atlantic Council (NAC) met with the UN, the EU and NATO on COVID-19 and R&D.",
        "The North Atlantic Council (NAC) met at HQ in Washington, DC, under Article V and World War II rules.",
        "The North Atlantic Council (NAC) met. THE SUMMIT COMMUNIQUE WAS ISSUED BY ALL ALLIES TODAY.",
        "The JEF briefed allies on the AUKUS plan.",  # defines no acronym at all: news-style text
        "The North Atlantic Council (NAC) met the QC and the PM.",  # two letters: too often generic
    ],
)
def test_acr003_clean(text):
    assert "ACR003" not in codes(audit_str(text, select=["ACR"]))


def test_acr003_glossary_and_option_make_acronyms_known():
    text = "The North Atlantic Council (NAC) met. The SACEUR and the JEF briefed allies."
    assert [f.text for f in findings(text) if f.rule == "ACR003"] == ["SACEUR", "JEF"]
    assert [f.text for f in findings(text, NATO_GLOSSARY) if f.rule == "ACR003"] == ["JEF"]
    opts = {"acronym": {"known": ["JEF", "SACEUR"]}}
    assert [f for f in findings(text, options=opts) if f.rule == "ACR003"] == []


def test_acr003_options_require_definitions_and_min_length():
    text = "The JEF briefed the QC."
    assert [f.text for f in findings(text, options={"acronym": {"require_definitions": False}})] == ["JEF"]
    opts = {"acronym": {"require_definitions": False, "min_length": 2}}
    assert [f.text for f in findings(text, options=opts)] == ["JEF", "QC"]


# -- ACR004 / ACR005 ------------------------------------------------------------------------------


def test_acr004_flags_second_different_expansion():
    text = ("The Indo-Pacific Economic Framework (IPEF) was launched. "
            "Later the Indo-Pacific Economic Forum (IPEF) met again.")
    got = findings(text)
    assert [(f.rule, f.text) for f in got] == [("ACR004", "Indo-Pacific Economic Forum")]
    assert got[0].suggestion == "Indo-Pacific Economic Framework"


def test_acr004_clean_on_case_and_plural_variants():
    text = ("The Indo-Pacific Economic Framework (IPEF) was launched. "
            "Later the Indo-Pacific economic frameworks (IPEF) met again.")
    assert findings(text) == ()


def test_acr005_flags_use_before_definition():
    text = "The IPEF opened talks. Later the Indo-Pacific Economic Framework (IPEF) met in Tokyo."
    got = findings(text)
    assert [(f.rule, f.text, f.start) for f in got] == [("ACR005", "IPEF", 4)]


def test_seed_like_paragraph_findings():
    text = (
        "The Minister received a report from the commander of the Korea-U.S. Joint Command (CFC). "
        "They discussed the transition from OPCON to Future Joint Force Command (F-CFC) and the "
        "Conditions-based OPCON Transition Plan (COTP)."
    )
    glossary = """
[[acronym]]
term = "CFC"
expands = "Combined Forces Command"
[[acronym]]
term = "F-CFC"
expands = "Future-Combined Forces Command"
[[acronym]]
term = "COTP"
expands = "Conditions-based OPCON Transition Plan"
[[acronym]]
term = "OPCON"
expands = "operational control"
"""
    got = findings(text, glossary)
    assert [(f.rule, f.text, f.suggestion) for f in got] == [
        ("ACR002", "Joint Command", "Combined Forces Command"),
        ("ACR002", "Future Joint Force Command", "Future-Combined Forces Command"),
    ]


def test_seed_without_glossary_catches_wrong_expansions_and_spares_correct_ones():
    from ..conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    got = findings(text)
    acr001 = {f.text for f in got if f.rule == "ACR001"}
    assert {
        "Northern Limit (NLL)",
        "Joint Command Post Training (CCPT)",
        "Non-Proliferation Security Initiative (PSI)",
        "Future Joint Force Command (F-CFC)",
        "US military in Korea (USFK)",
        "weapons of mass destruction (CWMD)",
    } <= acr001
    flagged = " ".join(f.text for f in got)
    for correct in ("(ASEAN)", "(PKO)", "(CMA)", "(UNC)", "(DSC)", "(TTX)", "(SOFA)", "(MND)", "(HQ)",
                    "(OPLANs)", "(SPG)", "(FOC)", "(DTT)", "(CTR)", "(6G)"):
        assert correct not in flagged, correct
    assert {f.text for f in got if f.rule == "ACR003"} == {"SCM", "MCM", "OPCON", "SMA"}


# -- ACR002 on the repeats of a wrong rendering ------------------------------------------------

_RENDER = """
[[acronym]]
term = "JSDF"
expands = "Japan Self-Defense Forces"

[[acronym]]
term = "CWMD"
expands = "Counter Weapons of Mass Destruction"

[[acronym]]
term = "CFC"
expands = "Combined Forces Command"
"""


def test_a_wrong_rendering_is_flagged_where_it_is_repeated_without_the_acronym():
    text = ("The Japan Self-Defense Army (JSDF) trained with U.S. forces. Later the Japan Self-Defense Army "
            "hosted a drill.\n\nThe Japan Self-Defense Army said so.")
    r = audit_str(text, _RENDER, select=["ACR002"])
    assert [(f.text, f.suggestion) for f in r.findings] == [("Japan Self-Defense Army", "Japan Self-Defense Forces")] * 3
    assert "how this document renders JSDF" in r.findings[1].message
    assert_offsets(r)


def test_shortened_renderings_names_that_run_on_and_other_cases_are_not_repeated():
    text = ("They fight weapons of mass destruction (CWMD) and the use of weapons of mass destruction. "
            "He met the Joint Command (CFC) staff, planned the Joint Command Post Training with the Korea-U.S. "
            "Joint Command, and a joint command post exercise.")
    r = audit_str(text, _RENDER, select=["ACR002"])
    assert [f.text for f in r.findings] == ["weapons of mass destruction", "Joint Command"]  # the two definitions only


def test_a_repeat_may_write_its_country_another_way_but_not_name_another_country():
    glossary = (_RENDER + '[[acronym]]\nterm = "USFJ"\nexpands = "U.S. Forces Japan"\n'
                '[[acronym]]\nterm = "ROK"\nexpands = "Republic of Korea"\n')
    text = ("The U.S. army in Japan (USFJ) trained. Later the U.S. army in Japan hosted a drill, the U.S. army "
            "in USA did not, and the U.S. army in Korea stayed.\n\nThe US army in Japan said so.")
    r = audit_str(text, glossary, select=["ACR002"])
    assert [f.text for f in r.findings] == ["U.S. army in Japan", "U.S. army in Japan", "US army in Japan"]
    korea = ("The Korean army in Korea (KAK) met. The Korean army in South Korea trained; the Korean army in ROK "
             "hosted it; the Korean army in North Korea did not; nor did the Korean army in Japan.")
    gl = glossary + '[[acronym]]\nterm = "KAK"\nexpands = "Korea Army Korea"\n'
    r = audit_str(korea, gl, select=["ACR002"])
    assert [f.text for f in r.findings] == ["Korean army in Korea", "Korean army in South Korea", "Korean army in ROK"]
    assert_offsets(r)


def test_no_repeats_without_a_wrong_definition():
    text = "The Japan Self-Defense Forces (JSDF) trained. The Japan Self-Defense Army is another name in this story."
    assert audit_str(text, _RENDER, select=["ACR002"]).findings == ()


def test_an_official_expansion_with_initials_inside_is_read_whole():
    """'Australia-U.S. Ministerial Consultations (AUSMIN)': the period of 'U.S.' before a capitalised
    word is not a sentence end when the official expansion holds it."""
    glossary = '[[acronym]]\nterm = "AUSMIN"\nexpands = "Australia-U.S. Ministerial Consultations"\n'
    ok = "Ministers met for the Australia-U.S. Ministerial Consultations (AUSMIN) in Sydney."
    assert audit_str(ok, glossary, select=["ACR"]).findings == ()
    bad = "Ministers met for the Australia-U.S. Ministerial Consultation Meeting (AUSMIN) in Sydney."
    r = audit_str(bad, glossary, select=["ACR002"])
    assert [(f.text, f.suggestion) for f in r.findings] == [
        ("Australia-U.S. Ministerial Consultation Meeting", "Australia-U.S. Ministerial Consultations")]


# -- ACR006: another body whose initials spell a defined glossary acronym ---------------------

_BODIES = """
[[acronym]]
term = "UNC"
expands = "United Nations Command"

[[acronym]]
term = "UNHCR"
expands = "United Nations High Commissioner for Refugees"

[[acronym]]
term = "EDA"
expands = "European Defence Agency"

[[org]]
term = "UN Security Council"
"""


@pytest.mark.parametrize("text,expected", [
    # MT expanded the acronym it met alone into another body of the same organization
    ("They praised the United Nations Command (UNC). Since 1953 the UN Commission has kept the peace.",
     [("UN Commission", "United Nations Command")]),
    ("They thanked the United Nations High Commissioner for Refugees (UNHCR) for its work. The UN High Council "
     "for Refugees will continue to help.", [("UN High Council for Refugees", "United Nations High Commissioner for Refugees")]),
    ("Ministers welcomed the European Defence Agency (EDA) report. The European Defense Association has asked for more.",
     [("European Defense Association", "European Defence Agency")]),
])
def test_acr006_other_body_with_the_acronyms_initials(text, expected):
    r = audit_str(text, _BODIES, select=["ACR006"])
    assert [(f.text, f.suggestion) for f in r.findings] == expected
    assert r.findings[0].confidence == 0.55 and "initials" in r.findings[0].message
    assert_offsets(r)


@pytest.mark.parametrize("text", [
    # the glossary knows the UN Security Council (see test_acr006_seed_like_without_the_council_entry for the seed case)
    "They praised the United Nations Command (UNC). The UN Security Council has kept the peace.",
    # a modifier, not the subject of a clause
    "They praised the United Nations Command (UNC) and urged respect for UN Commission resolutions.",
    # initials that end otherwise, or do not start like the official name
    "They praised the United Nations Command (UNC). The UN General Assembly has met since.",
    "They praised the United Nations Command (UNC). The Unified Naval Command has met since.",
    # the sentence names the defined body too
    "They praised the United Nations Command (UNC). The UNC and the UN Commission have kept the peace.",
    # another paragraph
    "They praised the United Nations Command (UNC).\n\nThe UN Commission has kept the peace.",
    # the defined body itself, with or without 'the', in other capitals
    "They praised the United Nations Command (UNC). The United Nations Command has kept the peace.",
    "They praised the United Nations Command (UNC). The UNC has kept the peace; the United Nations command has too.",
    # an acronym the glossary does not know
    "They praised the Nordic Naval Command (NNC). The Nordic Naval Council has met since.",
])
def test_acr006_clean(text):
    assert audit_str(text, _BODIES, select=["ACR006"]).findings == ()


def test_acr006_seed_like_without_the_council_entry():
    """The seed's paragraph 5, composed: the glossary has the UNC, not the Security Council."""
    glossary = '[[acronym]]\nterm = "UNC"\nexpands = "United Nations Command"\n'
    text = ("The Minister and the Secretary reaffirmed the role of the United Nations Command (UNC) in maintaining the "
            "armistice. They reiterated that the UN Security Council has contributed to peace, and called for UN "
            "Security Council resolutions to be implemented.")
    r = audit_str(text, glossary, select=["ACR006"])
    assert [f.text for f in r.findings] == ["UN Security Council"]
    assert text[r.findings[0].end:].startswith(" has contributed")


def test_seed_with_the_reference_glossary_usfk_repeats_and_the_un_command():
    """The seed's USFK renderings (paragraph 6 ties 'US military in Korea' to USFK; paragraph 10 writes
    'the US military in South Korea' three times) and paragraph 5's 'UN Security Council' for the UNC;
    paragraph 3's 'relevant UN Security Council resolutions' is correct and stays clean."""
    from .test_titles import _seed_report

    report = _seed_report(["ACR002", "ACR006"])
    assert_offsets(report)
    text = report.document.text
    usfk = [f for f in report.findings if f.suggestion == "U.S. Forces Korea"]
    assert [f.text for f in usfk] == ["US military in Korea"] * 2 + ["US military in South Korea"] * 3
    (unc,) = [f for f in report.findings if f.rule == "ACR006"]
    assert unc.text == "UN Security Council" and text[unc.end:].startswith(" has made contributions")
    assert unc.suggestion == "United Nations Command"
    resolutions = text.index("UN Security Council resolutions")
    assert not any(f.start <= resolutions < f.end for f in report.findings)


# -- newcomer-check fixes: glossary-carried acronyms, compounds, spans that a fix can apply ---------

def test_acronyms_the_glossary_carries_inside_its_forms_and_compounds_are_not_undefined():
    glossary = ('[[place]]\nterm = "RAF Lossiemouth"\n\n[[event]]\nterm = "Joint Declaration on EU-NATO Cooperation"\n\n'
                '[[acronym]]\nterm = "JEF"\nexpands = "Joint Expeditionary Force"\n')
    text = ("The Joint Expeditionary Force (JEF) met at RAF Lossiemouth. RAF crews and EU-NATO staff joined them; "
            "the UKDI team did not.")
    r = audit_str(text, glossary, select=["ACR003"])
    assert [f.text for f in r.findings] == ["UKDI"]  # a real unknown stays reported


def test_universally_known_acronym_used_before_its_definition_is_not_late():
    text = "Issued by NATO leaders.\n\nThe North Atlantic Treaty Organization (NATO) met. The Joint Force (JFC) met. JFC rose."
    assert audit_str(text, "", select=["ACR005"]).findings == ()
    late = "The JFC met first. Later the Joint Force Command (JFC) met."
    assert [f.text for f in audit_str(late, "", select=["ACR005"]).findings] == ["JFC"]


@pytest.mark.parametrize("text,span,fixed", [
    # the official name's words in another order: the whole rendering, not 'armed attack on the ...'
    ("They said an armed attack on the Philippine Armed Forces (AFP) would invoke the treaty.",
     "Philippine Armed Forces", "an armed attack on the Armed Forces of the Philippines (AFP)"),
    # a capitalised word before the best span that renders a word of the official name belongs to it
    ("They met the General Directorate of Armaments (DGA) in Paris.",
     "General Directorate of Armaments", "the Direction générale de l'armement (DGA)"),
    # a country qualifier before it does not
    ("He led the Korea-U.S. Joint Command (CFC) for two years.", "Joint Command", "the Korea-U.S. Combined Forces Command (CFC)"),
])
def test_acr002_span_is_the_whole_rendering_and_its_fix_reads_right(text, span, fixed):
    glossary = ('[[acronym]]\nterm = "AFP"\nexpands = "Armed Forces of the Philippines"\n\n'
                '[[acronym]]\nterm = "DGA"\nexpands = "Direction générale de l\'armement"\n\n'
                '[[acronym]]\nterm = "CFC"\nexpands = "Combined Forces Command"\n')
    (f,) = audit_str(text, glossary, select=["ACR002"]).findings
    assert f.text == span
    assert fixed in text[:f.start] + f.suggestion + text[f.end:]


def test_a_comma_after_a_name_closes_an_apposition_but_not_a_title_case_list():
    text = ("They thanked General Jane Q. Doe, Supreme Commander of Allied Forces in Europe (SACEUR), for her work. "
            "The Joint Analysis, Training and Education Centre (JATEC) opened.")
    got = [f.text for f in findings(text) if f.rule == "ACR001"]
    assert got == ["Supreme Commander of Allied Forces in Europe (SACEUR)"]  # JATEC's list fits its letters


def test_a_repeat_may_write_its_country_as_the_name_or_the_adjective():
    glossary = '[[acronym]]\nterm = "AFP"\nexpands = "Armed Forces of the Philippines"\n'
    text = ("An attack on the Philippine Armed Forces (AFP) would invoke the treaty. The Philippines Armed Forces "
            "trained; the Indonesian Armed Forces did not.")
    r = audit_str(text, glossary, select=["ACR002"])
    assert [f.text for f in r.findings] == ["Philippine Armed Forces", "Philippines Armed Forces"]


def test_a_shortened_rendering_written_as_a_name_is_repeated_a_lower_case_one_is_not():
    glossary = ('[[acronym]]\nterm = "CJEF"\nexpands = "Combined Joint Expeditionary Force"\n\n'
                '[[acronym]]\nterm = "CWMD"\nexpands = "Counter Weapons of Mass Destruction"\n')
    text = ("They tested the Joint Expeditionary Force (CJEF) and efforts against weapons of mass destruction (CWMD). "
            "The Joint Expeditionary Force will deploy; weapons of mass destruction remain a threat.")
    r = audit_str(text, glossary, select=["ACR002"])
    assert [f.text for f in r.findings] == ["Joint Expeditionary Force", "weapons of mass destruction",
                                            "Joint Expeditionary Force"]


def test_a_repeat_may_write_the_countries_of_a_pair_another_way():
    glossary = '[[acronym]]\nterm = "INDUS-X"\nexpands = "India-U.S. Defense Acceleration Ecosystem"\n'
    text = ("They launched the US-India Defense Accelerated Ecosystem (INDUS-X). The America-India Defense "
            "Accelerated Ecosystem grew; the China-India Defense Accelerated Ecosystem did not.")
    r = audit_str(text, glossary, select=["ACR002"])
    assert [f.text for f in r.findings] == ["US-India Defense Accelerated Ecosystem",
                                            "America-India Defense Accelerated Ecosystem"]


def test_an_acronym_with_a_lower_case_first_letter():
    glossary = '[[acronym]]\nterm = "iCET"\nexpands = "initiative on Critical and Emerging Technology"\n'
    bad = "They hailed the initiative on Crucial and Emerging Technology (iCET)."
    assert [(f.text, f.suggestion) for f in audit_str(bad, glossary, select=["ACR"]).findings] == [
        ("initiative on Crucial and Emerging Technology", "initiative on Critical and Emerging Technology")]
    ok = "They hailed the initiative on Critical and Emerging Technology (iCET) and the (iPhone) case."
    assert audit_str(ok, glossary, select=["ACR"]).findings == ()


def test_speaker_labels_and_capital_headings_are_not_acronyms():
    text = ("TRANSCRIPT\nManila, July 8\n\nThe Reciprocal Access Agreement (RAA) was signed.\n\n"
            "SECRETARY TEODORO: Thank you. The RAA helps.\n\nQ: Will the JSDF come?\n\n"
            "MINISTER KIHARA: Yes. The UKDI team will also come.")
    got = [f.text for f in findings(text) if f.rule == "ACR003"]
    assert got == ["JSDF", "UKDI"]  # real undefined acronyms still reported


def test_acr002_span_takes_no_title_before_the_rendering_and_acr006_reads_hyphenated_initials():
    glossary = ('[[acronym]]\nterm = "EUCOM"\nexpands = "U.S. European Command"\n\n'
                '[[acronym]]\nterm = "APEC"\nexpands = "Asia-Pacific Economic Cooperation"\n')
    text = "General Cavoli, Commander of U.S. Europe Headquarters (EUCOM), spoke."
    (f,) = audit_str(text, glossary, select=["ACR"]).findings
    assert (f.text, f.suggestion) == ("U.S. Europe Headquarters", "U.S. European Command")  # 'Commander of' stays
    text = "They backed Asia-Pacific Economic Cooperation (APEC). The Asia-Pacific Economic Council has met since."
    assert [f.text for f in audit_str(text, glossary, select=["ACR006"]).findings] == ["Asia-Pacific Economic Council"]


def test_datelines_code_names_and_lower_case_acronyms_are_no_findings():
    text = ("WILMINGTON, Del. (Reuters) - Leaders met. The Quad Leaders' Summit (QLS) opened.\n\n"
            "Troops deployed on Operation LENTUS and Exercise NANOOK. The enhanced Forward Presence (eFP) grew. "
            "The UKDI joined.")
    assert [(f.rule, f.text) for f in findings(text)] == [("ACR003", "UKDI")]


def test_acr001_message_counts_one_letter_in_the_singular():
    (f,) = [f for f in findings("They discussed the Northern Limit (NLL) again.") if f.rule == "ACR001"]
    assert "1 letter of NLL comes from no word" in f.message


def test_an_acronym_the_glossary_gives_as_a_variant_of_the_named_entry():
    glossary = '[[event]]\nterm = "Central American Security Conference"\nvariants = ["17th Central American Security Conference", "CENTSEC"]\n'
    ok = "They attended the Central American Security Conference (CENTSEC) in May; CENTSEC met again."
    assert audit_str(ok, glossary, select=["ACR"]).findings == ()
    bad = "They attended the Central America Safety Conference (CENTSEC)."
    assert [f.rule for f in audit_str(bad, glossary, select=["ACR"]).findings] == ["ACR001"]
