"""Entity family (ENT001-003) on documents and glossaries written for these tests.

The glossaries hold official forms only; every wrong entity is found from the
components of the official entries (ordinal, country pair, head noun, acronym,
and the titles of the persons linked to an institution).
"""
from __future__ import annotations

import pytest

from audit.checks.entity import _country_keys, _iso, entity_index, split_countries
from audit.glossary import parse_native

from ..conftest import assert_offsets, audit_str
from .test_titles import AUKMIN, FRANCE_INDIA, SCM

SCM_EVENTS = SCM + """
[[event]]
term = "46th ROK-U.S. Military Committee Meeting"
variants = ["MCM"]

[[event]]
term = "Korea-U.S. Integrated Defense Dialogue"
variants = ["KIDD"]

[[org]]
term = "Combined Forces Command"
variants = ["ROK-U.S. Combined Forces Command", "CFC"]

[[org]]
term = "United Nations Command"
variants = ["UNC"]
"""

# An invented forum between two invented ministries, to show nothing is seed-specific.
NORDIC = """
[[person]]
term = "Ingrid Dahl"
variants = ["Dahl"]
titles = ["Minister of Defence", "Defence Minister", "Minister"]

[[person]]
term = "Pekka Virtanen"
variants = ["Virtanen"]
titles = ["Secretary of Defence", "Secretary"]

[[org]]
term = "Ministry of Defence"
variants = ["Norwegian Ministry of Defence"]

[[org]]
term = "Department of Defence"
variants = ["Finnish Department of Defence"]

[[event]]
term = "7th Norway-Finland Defence Forum"

[[place]]
term = "Norway"
variants = ["Norwegian"]

[[place]]
term = "Finland"
variants = ["Finnish"]
"""


def found(text, glossary, code):
    report = audit_str(text, glossary, select=[code])
    assert_offsets(report)
    return [(f.text, f.suggestion) for f in report.findings if f.rule == code]


# --------------------------------------------------------------------------- ENT001

@pytest.mark.parametrize("glossary,text,expected", [
    (SCM_EVENTS, "The discussions at the 53rd China-US Defense Conference helped.",
     [("53rd China-US Defense Conference", "53rd ROK-U.S. Security Consultative Meeting")]),
    (SCM_EVENTS, "The 46th China-US Military Exchange Conference met in Seoul.",
     [("46th China-US Military Exchange Conference", "46th ROK-U.S. Military Committee Meeting")]),
    (FRANCE_INDIA, "The 12th China-India Strategic Dialogue ended.",
     [("12th China-India Strategic Dialogue", "12th France-India Strategic Dialogue")]),
    (NORDIC, "The 7th Sweden-Finland Defence Forum opened.",
     [("7th Sweden-Finland Defence Forum", "7th Norway-Finland Defence Forum")]),
    # the counterpart institution, named with the other country
    (SCM_EVENTS, "They thanked the U.S. Ministry of National Defense.", [("Ministry of National Defense", "Department of Defense")]),
    (NORDIC, "The Finnish Ministry of Defence hosted it.", [("Ministry of Defence", "Department of Defence")]),
    # the speaker's own institution, given the other side's name
    (SCM_EVENTS, "Secretary Austin said the region is a priority theater of the Ministry of National Defense.",
     [("Ministry of National Defense", "Department of Defense")]),
    (NORDIC, "Minister Dahl said the Arctic is a priority of the Department of Defence.",
     [("Department of Defence", "Ministry of Defence")]),
])
def test_ent001_wrong_entity(glossary, text, expected):
    assert found(text, glossary, "ENT001") == expected


def test_ent001_message_and_severity():
    report = audit_str("At the 53rd China-US Defense Conference.", SCM_EVENTS, select=["ENT001"])
    (f,) = report.findings
    assert f.severity.value == "critical" and f.category == "Accuracy/Mistranslation"
    assert "53rd ROK-U.S. Security Consultative Meeting" in f.message and "'China'" in f.message


# --------------------------------------------------------------------------- ENT002

@pytest.mark.parametrize("glossary,text,expected", [
    (SCM_EVENTS, "On December 2, the 53rd South Korea-US Security Consultation Meeting was held.",
     [("53rd South Korea-US Security Consultation Meeting", "53rd ROK-U.S. Security Consultative Meeting")]),
    (SCM_EVENTS, "The exercise held at the 20th Korea-U.S. Comprehensive Defense Dialogue helped.",
     [("20th Korea-U.S. Comprehensive Defense Dialogue", "20th Korea-U.S. Integrated Defense Dialogue")]),
    (FRANCE_INDIA, "The 12th France-India Strategic Talks opened.",
     [("12th France-India Strategic Talks", "12th France-India Strategic Dialogue")]),
    (AUKMIN, "The Australia-UK Ministerial Meeting Consultations followed.",
     [("Australia-UK Ministerial Meeting Consultations", "Australia-UK Ministerial Consultations")]),
])
def test_ent002_not_the_official_name(glossary, text, expected):
    assert found(text, glossary, "ENT002") == expected


# --------------------------------------------------------------------------- ENT003

US_JAPAN = """
[[person]]
term = "Gen Nakatani"
variants = ["Nakatani"]
titles = ["Minister of Defense", "Defense Minister", "Minister"]

[[event]]
term = "U.S.-Japan Security Consultative Committee"
variants = ["2+2"]

[[org]]
term = "U.S. Forces Japan"
acronym = "USFJ"
"""

NATO_UKRAINE = """
[[org]]
term = "NATO-Ukraine Council"
acronym = "NUC"

[[acronym]]
term = "NATO"
expands = "North Atlantic Treaty Organization"
"""

AUKMIN_ONLY = """
[[event]]
term = "Australia-UK Ministerial Consultations"
variants = ["AUKMIN"]
"""


@pytest.mark.parametrize("glossary,text,expected", [
    (SCM_EVENTS, "They co-chaired the 46th South Korea-US Military Committee meeting.",
     [("46th South Korea-US Military Committee meeting", "46th ROK-U.S. Military Committee Meeting")]),
    # the same parties in the other order and unofficial spellings: the glossary's form
    (SCM_EVENTS, "They co-chaired the 46th US-South Korea Military Committee Meeting.",
     [("46th US-South Korea Military Committee Meeting", "46th ROK-U.S. Military Committee Meeting")]),
    (SCM_EVENTS, "General LaCamera leads the Republic of Korea-US Combined Forces Command; the South Korea-US Combined "
                 "Forces Command moved.",
     [("South Korea-US Combined Forces Command", "ROK-U.S. Combined Forces Command")]),
    (US_JAPAN, "The US-Japan Security Consultative Committee met in Tokyo.",
     [("US-Japan Security Consultative Committee", "U.S.-Japan Security Consultative Committee")]),
    (US_JAPAN, "The Japan-US Security Consultative Committee met in Tokyo.",
     [("Japan-US Security Consultative Committee", "U.S.-Japan Security Consultative Committee")]),
    (US_JAPAN, "The United States-Japan Security Consultative Committee met.",
     [("United States-Japan Security Consultative Committee", "U.S.-Japan Security Consultative Committee")]),
    (NATO_UKRAINE, "The Nato-Ukraine Council met in Brussels.", [("Nato-Ukraine Council", "NATO-Ukraine Council")]),
    (AUKMIN_ONLY, "The Australia-United Kingdom Ministerial Consultations followed.",
     [("Australia-United Kingdom Ministerial Consultations", "Australia-UK Ministerial Consultations")]),
])
def test_ent003_unofficial_qualifier(glossary, text, expected):
    assert found(text, glossary, "ENT003") == expected


@pytest.mark.parametrize("glossary,text", [
    # the official forms, and the official spellings in the other party's order
    (SCM_EVENTS, "The 46th ROK-U.S. Military Committee Meeting and the ROK-U.S. Combined Forces Command."),
    (US_JAPAN, "The U.S.-Japan Security Consultative Committee, also called the Japan-U.S. Security Consultative "
               "Committee, met."),
    (NATO_UKRAINE, "The NATO-Ukraine Council met; the North Atlantic Treaty Organization (NATO) hosted."),
    (AUKMIN_ONLY, "The Australia-UK Ministerial Consultations followed; Australia-UK relations are close."),
    # the qualifier outside a glossary name, before an acronym, or in prose
    (SCM_EVENTS, "South Korea-US relations improved; the South Korea-US alliance and the US-ROK Alliance are strong."),
    (SCM_EVENTS, "The South Korea-US MCM and the Korea-U.S. SCM went well; South Korea and the US agreed."),
    (US_JAPAN, "US-Japan ties deepened after the 2+2; Japan and the US agreed. US Forces Japan moved."),
    (NATO_UKRAINE, "Nato and Ukraine met; the Nato-Ukraine summit went well."),
    # the same words with another state: not a spelling of the same countries
    (US_JAPAN, "The US-Korea Security Consultative Committee met."),
    # UN Security Council resolutions, Joint Chiefs of Staff, ordinary English
    (SCM_EVENTS, "They urged all to implement UN Security Council resolutions; the Joint Chiefs of Staff agreed."),
])
def test_ent003_clean(glossary, text):
    report = audit_str(text, glossary, select=["ENT003"])
    assert [(f.rule, f.text) for f in report.findings] == []


def test_ent003_admitted_variant_is_clean():
    glossary = US_JAPAN.replace('variants = ["2+2"]', 'variants = ["2+2", "US-Japan Security Consultative Committee"]')
    assert found("The US-Japan Security Consultative Committee met.", glossary, "ENT003") == []
    assert found("The US-Japan Security Consultative Committee met.", US_JAPAN, "ENT003") != []


def test_ent003_other_state_is_a_wrong_entity_not_a_spelling():
    # "North Korea" shares "Korea" with ROK, but ISO 3166 names two different states
    text = "They co-chaired the 46th North Korea-US Military Committee Meeting."
    report = audit_str(text, SCM_EVENTS, select=["ENT"])
    assert [(f.rule, f.text, f.suggestion) for f in report.findings] == [
        ("ENT001", "46th North Korea-US Military Committee Meeting", "46th ROK-U.S. Military Committee Meeting")]


def test_ent003_message_severity_and_one_finding_with_name_drift():
    text = "They co-chaired the 46th South Korea-US Military Committee meeting."
    report = audit_str(text, SCM_EVENTS)  # every family: the NAME005 case drift inside is not reported again
    assert_offsets(report)
    (f,) = [f for f in report.findings if f.end > text.index("46th")]
    assert (f.rule, f.severity.value, f.category) == ("ENT003", "minor", "Terminology/Wrong term")
    assert "'South Korea-US' is not the official qualifier" in f.message and "'ROK-U.S.'" in f.message
    assert "capitals" in f.message


def test_iso_and_aliases():
    assert _iso("South Korea") == {"KOR"} and _iso("North Korea") == {"PRK"} and _iso("US") == _iso("U.S.") == {"USA"}
    assert "KOR" in _iso("ROK") and _iso("DPRK") == {"PRK"} and _iso("NATO") == frozenset()
    eidx = entity_index(parse_native(SCM_EVENTS, "<test>"))
    assert eidx.alias_of("South Korea", "ROK") and eidx.alias_of("US", "U.S.") and eidx.alias_of("Korea", "ROK")
    assert eidx.same_country("North Korea", "ROK") and not eidx.alias_of("North Korea", "ROK")
    assert not eidx.alias_of("China", "ROK")


# --------------------------------------------------------------------------- clean

@pytest.mark.parametrize("glossary,text", [
    (SCM_EVENTS, "The 53rd ROK-U.S. Security Consultative Meeting was held in Seoul; the 46th ROK-U.S. Military "
                 "Committee Meeting preceded it."),
    (SCM_EVENTS, "Both parties expect to hold the 54th SCM and 47th MCM in Washington."),
    (SCM_EVENTS, "The 46th ROK-U.S. Military Committee Meeting and the Korea-U.S. MCM went well."),
    (SCM_EVENTS, "General LaCamera commands the ROK-U.S. Combined Forces Command (CFC) and the United Nations Command (UNC)."),
    (SCM_EVENTS, "Minister Suh and Secretary Austin met. The South Korean Ministry of National Defense (MND) and the "
                 "U.S. Department of Defense will cooperate."),
    (SCM_EVENTS, "Secretary Austin thanked the Ministry of National Defense for its hospitality."),
    (SCM_EVENTS, "Minister Suh praised the Department of Defense. The ROK Ministry of National Defense agreed."),
    (SCM_EVENTS, "They urged all to implement UN Security Council resolutions; the Joint Chiefs of Staff agreed."),
    (SCM_EVENTS, "The Korea-U.S. Mutual Defense Treaty and the Korea-US SOFA Joint Committee remain."),
    (SCM_EVENTS, "The U.S.-South Korea alliance and the North-South Korea talks; the 53rd Infantry Division."),
    (AUKMIN, "The Australia-UK Ministerial Consultations followed the Australia-US Ministerial Consultations (AUSMIN)."),
    (AUKMIN, "Building on the Australia-US Ministerial Consultations, AUKMIN met in London."),
    (FRANCE_INDIA, "The 12th France-India Strategic Dialogue continued; the 13th France-India Strategic Dialogue is planned."),
    (NORDIC, "The Norwegian Ministry of Defence and the Finnish Department of Defence signed the 7th Norway-Finland "
             "Defence Forum declaration."),
])
def test_entities_clean(glossary, text):
    report = audit_str(text, glossary, select=["ENT"])
    assert [(f.rule, f.text) for f in report.findings] == []


def test_entities_need_a_glossary():
    report = audit_str("The 53rd China-US Defense Conference.", None, select=["ENT"])
    assert report.findings == ()


@pytest.mark.parametrize("qual,parts", [
    ("ROK-U.S.", ["ROK", "U.S."]), ("South Korea-US", ["South Korea", "US"]), ("China-US", ["China", "US"]),
    ("U.S.-North Korea-Singapore", ["U.S.", "North Korea", "Singapore"]),
])
def test_split_countries(qual, parts):
    assert split_countries(qual) == parts


def test_country_keys_match_forms_and_demonyms():
    assert _country_keys("U.S.") & _country_keys("US")
    assert _country_keys("South Korea") & _country_keys("Korean")
    assert not _country_keys("China") & _country_keys("US")


# --------------------------------------------------------------------------- the seed

def test_seed_entity_errors_caught_and_nothing_correct_flagged():
    from .test_titles import _seed_report

    report = _seed_report(["ENT"])
    assert_offsets(report)
    got = {(f.rule, f.text, f.suggestion) for f in report.findings}
    assert got == {
        ("ENT001", "53rd China-US Defense Conference", "53rd ROK-U.S. Security Consultative Meeting"),
        ("ENT001", "46th China-US Military Exchange Conference", "46th ROK-U.S. Military Committee Meeting"),
        # "a priority theater of the Ministry of National Defense" in Secretary Austin's sentence
        ("ENT001", "Ministry of National Defense", "Department of Defense"),
        ("ENT002", "53rd South Korea-US Security Consultation Meeting", "53rd ROK-U.S. Security Consultative Meeting"),
        ("ENT002", "53rd Security Consultation Meeting", "53rd Security Consultative Meeting"),
        ("ENT002", "20th Korea-U.S. Comprehensive Defense Dialogue", "20th Korea-U.S. Integrated Defense Dialogue"),
        ("ENT002", "Korea-US Comprehensive Defense Dialogue", "Korea-U.S. Integrated Defense Dialogue"),
        # paragraph 1: the official event, its qualifier written "South Korea-US" and "meeting" in lower case
        ("ENT003", "46th South Korea-US Military Committee meeting", "46th ROK-U.S. Military Committee Meeting"),
    }
    text = report.document.text
    mnd = [f for f in report.findings if f.text == "Ministry of National Defense"]
    assert len(mnd) == 2 and "priority theater of the" in text[mnd[0].start - 30:mnd[0].start]
    # the page's footer speaks for its publisher, whose breadcrumb names the U.S. Department of Defense
    assert text[mnd[1].start - 4:mnd[1].end + 9] == "The Ministry of National Defense provides"
    assert "breadcrumb names" in mnd[1].message


def test_seed_mcm_reported_once_by_the_whole_audit():
    from .test_titles import _seed_report

    report = _seed_report([])
    text = report.document.text
    start = text.index("46th South Korea-US Military Committee meeting")
    end = start + len("46th South Korea-US Military Committee meeting")
    touching = [(f.rule, f.text, f.suggestion) for f in report.findings if f.start < end and f.end > start]
    assert touching == [("ENT003", "46th South Korea-US Military Committee meeting", "46th ROK-U.S. Military Committee Meeting")]


# a glossary like the reference one (no ordinal on the meeting) plus distractors
NO_ORDINAL = """
[[event]]
term = "Security Consultative Meeting"
variants = ["ROK-U.S. Security Consultative Meeting"]
acronym = "SCM"

[[event]]
term = "53rd Vantor-Bel Planning Forum"

[[org]]
term = "Ramme Defense Treaty"

[[person]]
term = "Moon Jae-in"
note = "President of the Republic of Korea"
"""


def test_ordinal_taken_from_the_document_not_from_a_distractor():
    text = ("The 53rd South Korea-US Security Consultation Meeting was held. The 53rd China-US Defense Conference helped. "
            "The Korea-U.S. Mutual Defense Treaty stands.")
    report = audit_str(text, NO_ORDINAL, select=["ENT"])
    got = [(f.rule, f.text, f.suggestion) for f in report.findings]
    assert got == [
        ("ENT002", "53rd South Korea-US Security Consultation Meeting", "53rd ROK-U.S. Security Consultative Meeting"),
        ("ENT001", "53rd China-US Defense Conference", "53rd ROK-U.S. Security Consultative Meeting"),
    ]


# --------------------------------------------------------------------------- the candidate scan

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from audit.checks.entity import _CAND, _candidates  # noqa: E402

_TOKENS = ["53rd", "1st", "46th", "South", "Korea-US", "ROK-U.S.", "U.S.", "-", "Military", "Committee", "meeting",
           "Meeting", "of", "the", "and", "on", "for", "The", "(MCM)", "(", ")", "talks", "held", "a", "one", ",", ".",
           "\n", "Japan-US", "Nato-Ukraine", "Council", "in", "\t", "(CFC)", "2+2", "Korea\u2013U.S.", "Korea-U", "S",
           "Defense", "Ministry", "Indo-Pacific", "co-chaired", "In-choul", "’s", "Fourth", "twenty-first", "+", "2+"]


def _scanned(matches):
    return [(m.span(), m.groupdict()) for m in matches if m.group("ord") or m.group("qual")]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_TOKENS), st.sampled_from(["", " ", " ", "  ", "\t"])), max_size=30))
def test_candidate_scan_equals_the_whole_text_scan(parts):
    text = "".join(t + sep for t, sep in parts)
    assert _scanned(_candidates(text)) == _scanned(_CAND.finditer(text))


def test_candidate_scan_on_the_seed_and_benchmark_corpus():
    from ..conftest import ROOT, SEED

    paths = [SEED] + sorted((ROOT / "benchmarks" / "out").glob("corpus-*/*.txt"))[:60]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _scanned(_candidates(text)) == _scanned(_CAND.finditer(text)), path


def test_mentions_found_by_lines_equal_the_whole_document():
    """ENT001's sentence check looks for titles and names in the lines around a sentence only."""
    from audit.checks.entity import _mentions_between, _sentences
    from audit.checks.titles import find_mentions, title_index
    from audit.glossary import load_glossary

    from ..conftest import ROOT, SEED

    cases = [(SEED.read_text(encoding="utf-8"), load_glossary(ROOT / "reference" / "glossary.toml")),
             ("Secretary Austin said.\nThe Minister of National Defense, Suh, and Defense Minister Suh Wook\nmet "
              "General Milley. U.S. Secretary of Defense Lloyd Austin\n\nthanked the ROK Minister.", parse_native(SCM_EVENTS, "t")),
             ("Minister Dahl said the Arctic is a priority.\nSecretary Virtanen agreed, and Secretary of Defence\nVirtanen "
              "spoke.", parse_native(NORDIC, "t"))]
    for text, glossary in cases:
        tidx = title_index(glossary)
        whole = [(m.start, m.key, m.persons, m.has_name) for m in find_mentions(text, tidx)]
        found: dict = {}
        by_lines = [(st, m.key, m.persons, m.has_name)
                    for s0, s1 in _sentences(text) for st, m in _mentions_between(text, tidx, s0, s1, found)]
        assert by_lines == whole and whole


_SENT_TOKENS = ["Ministry of Defense", "Department of Defense", "said", "it.", "U.S.", "No.", "2", "a)", "b]", "!", "?",
                ".", "\"", "'", "\u201c", "\u201d", "\n", "\n\n", " \n \n", "The", "the", "Korea", "x" * 300, "53rd"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_SENT_TOKENS), st.sampled_from(["", " ", "  ", "\n"])), max_size=40))
def test_sentences_around_names_equal_the_whole_text_split(parts):
    import re

    from audit.checks.entity import _sentences, _sentences_with

    text = "".join(t + sep for t, sep in parts)
    hits = [m.span() for m in re.finditer(r"(?<![\w\-])(?:Ministry of Defense|Department of Defense)(?![\w\-])", text)]
    plain = [(s0, s1) for s0, s1 in _sentences(text) if any(a < s1 and b > s0 for a, b in hits)]
    assert _sentences_with(text, hits) == plain


# --------------------------------------------------------------------------- the publisher's voice

_PAGE = "Joint Statement on Arctic Security> {site}> News Releases\n\nMinister Dahl and Secretary Virtanen met in Oslo.\n\n{footer}\n"


@pytest.mark.parametrize("site,footer,expected", [
    # the page's breadcrumb names the Finnish department; its footer speaks in the first person
    ("Finnish Department of Defence", "The Ministry of Defence provides the forces needed to deter war and ensure our security.",
     [("Ministry of Defence", "Department of Defence")]),
    ("Department of Defence", "Our partners at the Ministry of Defence provide the forces we need.", []),  # not the subject
    ("Department of Defence", "The Ministry of Defence provides the forces we need.", [("Ministry of Defence", "Department of Defence")]),
    # correct: the publisher's own institution, or the counterpart named without the publisher's voice
    ("Finnish Department of Defence", "The Department of Defence provides the forces needed to ensure our security.", []),
    ("Norwegian Ministry of Defence", "The Ministry of Defence provides the forces needed to ensure our security.", []),
    ("Department of Defence", "The Ministry of Defence provides the forces needed to ensure Norway's security.", []),
    ("Department of Defence", "We thank the Ministry of Defence for our fruitful talks.", []),
    ("Department of Defence", "The Ministry of Defence and Secretary Virtanen pledged to deepen our cooperation.", []),
    ("Department of Defence", "The Ministry of Defence and the Department of Defence deepen our cooperation.", []),
    # no breadcrumb, or one that names no institution: no publisher
    ("Arctic News", "The Ministry of Defence provides the forces needed to ensure our security.", []),
    # the publisher's voice also as 'We at the ...', after a lead-in
    ("Department of Defence", "We at the Ministry of Defence provide the forces we need.", [("Ministry of Defence", "Department of Defence")]),
    ("Department of Defence", "Our mission: we at the Ministry of Defence provide the forces we need.",
     [("Ministry of Defence", "Department of Defence")]),
    # another voice: the institution's own country after it, or a transcript's speaker label
    ("Department of Defence", "The Ministry of Defence (MOD) of Norway will continue our cooperation.", []),
    ("Department of Defence", "MINISTER DAHL: Thank you. The Ministry of Defence will continue our cooperation.", []),
])
def test_ent001_the_page_speaks_for_its_publisher(site, footer, expected):
    text = _PAGE.format(site=site, footer=footer)
    assert found(text, NORDIC, "ENT001") == expected


def test_ent001_publisher_needs_a_breadcrumb_line():
    text = ("The Finnish Department of Defence released this statement.\n\n"
            "The Ministry of Defence provides the forces needed to ensure our security.\n")
    assert found(text, NORDIC, "ENT001") == []


# --------------------------------------------------------------------------- ordinals and qualifiers in suggestions

# the term is the bare name; only a variant carries the ordinal
_ORDINAL_IN_VARIANT = """
[[event]]
term = "Canada-Mexico Strategic Dialogue"
variants = ["9th Canada-Mexico Strategic Dialogue"]

[[event]]
term = "United Kingdom-Norway Energy Dialogue"
"""


def _fixed(text, glossary):
    from audit.fix import apply, plan

    report = audit_str(text, glossary, select=["ENT"])
    assert_offsets(report)
    accepted, _ = plan(report.findings)
    return apply(text, accepted)[0]


@pytest.mark.parametrize("text,code,span,suggestion", [
    ("The 9th Canada-Chile Strategic Dialogue opened in Ottawa.", "ENT001",
     "9th Canada-Chile Strategic Dialogue", "9th Canada-Mexico Strategic Dialogue"),
    ("The 9th Canada-Mexico Strategic Talks opened in Ottawa.", "ENT002",
     "9th Canada-Mexico Strategic Talks", "9th Canada-Mexico Strategic Dialogue"),
])
def test_the_entity_s_own_ordinal_is_kept_in_the_suggestion(text, code, span, suggestion):
    """A mention with the entity's ordinal is replaced by the numbered form, even when the glossary's term
    is the bare name: the fix gives '9th Canada-Mexico ...', never drops '9th'."""
    assert found(text, _ORDINAL_IN_VARIANT, code) == [(span, suggestion)]
    assert _fixed(text, _ORDINAL_IN_VARIANT) == text.replace(span, suggestion)


@pytest.mark.parametrize("text", [
    "The 9th Canada-Mexico Strategic Dialogue opened; the Canada-Mexico Strategic Dialogue meets yearly.",
    "The United Kingdom-Norway Energy Dialogue met in Oslo.",
])
def test_official_numbered_and_bare_forms_stay_clean(text):
    assert audit_str(text, _ORDINAL_IN_VARIANT, select=["ENT"]).findings == ()


def test_ent003_message_quotes_only_the_countries_of_the_official_qualifier():
    """'United Kingdom-Norway Energy Dialogue': the official qualifier is 'United Kingdom-Norway'; 'Energy'
    belongs to the name."""
    text = "The UK-Norway Energy Dialogue met in Oslo."
    report = audit_str(text, _ORDINAL_IN_VARIANT, select=["ENT003"])
    (f,) = report.findings
    assert (f.text, f.suggestion) == ("UK-Norway Energy Dialogue", "United Kingdom-Norway Energy Dialogue")
    assert "written 'United Kingdom-Norway' in its official name" in f.message
    assert "Norway Energy'" not in f.message


# --------------------------------------------------------------------------- written ordinals, adjectives

_FORUMS = NORDIC + """
[[event]]
term = "4th Norway-Finland Ministerial Dialogue"

[[event]]
term = "UK-France Nuclear Steering Group"
"""


@pytest.mark.parametrize("text,expected", [
    # a written ordinal is the series number: the wrong countries are a wrong entity ...
    ("The Fourth Sweden-Finland Ministerial Dialogue met.",
     [("ENT001", "Fourth Sweden-Finland Ministerial Dialogue", "4th Norway-Finland Ministerial Dialogue")]),
    # ... and never a country ('Fourth Norway' is no country), so the fix keeps the ordinal
    ("The Fourth Norway-Finland Ministerial Dialogue met.", []),
    ("The Twenty-first Sweden-Finland Ministerial Dialogue met.", []),  # another meeting of the series
    # the countries as adjectives: the same countries, not the official qualifier
    ("The British-French Nuclear Steering Group met.",
     [("ENT003", "British-French Nuclear Steering Group", "UK-France Nuclear Steering Group")]),
    ("The 4th Norwegian-Finnish Ministerial Dialogue met.",
     [("ENT003", "4th Norwegian-Finnish Ministerial Dialogue", "4th Norway-Finland Ministerial Dialogue")]),
    ("The German-French Nuclear Steering Group met.", []),  # other countries, no ordinal: another forum
])
def test_written_ordinals_and_country_adjectives(text, expected):
    r = audit_str(text, _FORUMS, select=["ENT"])
    assert [(f.rule, f.text, f.suggestion) for f in r.findings] == expected
    assert_offsets(r)


def test_a_format_in_the_name_such_as_2_plus_2():
    glossary = '[[event]]\nterm = "4th United States-Philippines 2+2 Ministerial Dialogue"\n'
    r = audit_str("The Fourth China-Philippines 2+2 Ministerial Dialogue met in Manila.", glossary, select=["ENT"])
    assert [(f.rule, f.text, f.suggestion) for f in r.findings] == [
        ("ENT001", "Fourth China-Philippines 2+2 Ministerial Dialogue", "4th United States-Philippines 2+2 Ministerial Dialogue")]
    clean = "The 4th United States-Philippines 2+2 Ministerial Dialogue met; 2+2 talks and a 3+1 format followed."
    assert audit_str(clean, glossary, select=["ENT"]).findings == ()


def test_counterparts_match_across_british_and_american_spelling():
    glossary = """
[[person]]
term = "Rajnath Singh"
titles = ["Minister of Defence", "Defence Minister"]

[[person]]
term = "Lloyd J. Austin III"
titles = ["Secretary of Defense"]

[[org]]
term = "Ministry of Defence"
variants = ["Indian Ministry of Defence"]

[[org]]
term = "Department of Defense"
variants = ["U.S. Department of Defense"]
"""
    page = ("Joint Statement> U.S. Department of Defense> Releases\n\nMinister Singh met Secretary Austin.\n\n"
            "The Ministry of Defence provides the forces needed to ensure our nation's security.\n")
    r = audit_str(page, glossary, select=["ENT001"])
    assert [(f.text, f.suggestion) for f in r.findings] == [("Ministry of Defence", "Department of Defense")]
    assert r.findings[0].message.endswith("is its counterpart (Indian).")
    r = audit_str("They thanked the U.S. Ministry of Defence.", glossary, select=["ENT001"])
    assert [(f.text, f.suggestion) for f in r.findings] == [("Ministry of Defence", "Department of Defense")]


# --------------------------------------------------------------------------- a wrong country without an ordinal

@pytest.mark.parametrize("text,expected", [
    # the document names the forum with its parties, and the other country nowhere but in the wrong name
    ("The 7th Norway-Finland Defence Forum opened in Oslo. Ministers said the Sweden-Finland Defence Forum "
     "would continue.", [("Sweden-Finland Defence Forum", "Norway-Finland Defence Forum")]),
    # the other country is named elsewhere: a real forum of its own, most likely
    ("The 7th Norway-Finland Defence Forum opened in Oslo. Sweden sent observers; the Sweden-Finland Defence "
     "Forum would meet later.", []),
    # the forum with its parties is never named: nothing to compare with
    ("Ministers said the Sweden-Finland Defence Forum would continue.", []),
    # an acronym of its own: another body
    ("The 7th Norway-Finland Defence Forum opened. The Sweden-Finland Defence Forum (SFDF) met too.", []),
    # the same head, other words: another forum
    ("The 7th Norway-Finland Defence Forum opened. The Sweden-Finland Defence Council met.", []),
])
def test_ent001_wrong_country_without_ordinal(text, expected):
    r = audit_str(text, NORDIC, select=["ENT001"])
    assert [(f.text, f.suggestion) for f in r.findings] == expected
    if expected:
        assert r.findings[0].confidence == 0.7 and "nowhere but in such names" in r.findings[0].message


def test_ent001_its_own_acronym_beside_a_wrong_country():
    glossary = ('[[event]]\nterm = "Australia-United States Ministerial Consultations"\n\n'
                '[[acronym]]\nterm = "AUSMIN"\nexpands = "Australia-United States Ministerial Consultations"\n')
    text = "They recalled the 33rd Australia-United Kingdom Ministerial Consultations (AUSMIN) in Brisbane."
    r = audit_str(text, glossary)  # the whole audit: one finding, the wrong entity (not ACR002's expansion)
    assert [(f.rule, f.text, f.suggestion) for f in r.findings] == [
        ("ENT001", "33rd Australia-United Kingdom Ministerial Consultations",
         "33rd Australia-United States Ministerial Consultations")]


def test_a_written_ordinal_in_the_glossary_form():
    glossary = '[[event]]\nterm = "Fourth United States-Philippines 2+2 Ministerial Dialogue"\n'
    r = audit_str("The 4th China-Philippines 2+2 Ministerial Dialogue met.", glossary, select=["ENT"])
    assert [(f.rule, f.suggestion) for f in r.findings] == [("ENT001", "Fourth United States-Philippines 2+2 Ministerial Dialogue")]
    assert audit_str("The Fifth China-Philippines 2+2 Ministerial Dialogue met.", glossary, select=["ENT"]).findings == ()


def test_a_name_with_the_commas_of_a_list():
    glossary = '[[event]]\nterm = "U.S.-Vietnam Political, Security, and Defense Dialogue"\n'
    r = audit_str("They held the annual Vietnam-America Political, Security, and Defense Dialogue.", glossary, select=["ENT"])
    assert [(f.rule, f.text, f.suggestion) for f in r.findings] == [
        ("ENT003", "Vietnam-America Political, Security, and Defense Dialogue",
         "U.S.-Vietnam Political, Security, and Defense Dialogue")]
    for ok in ("They held the annual U.S.-Vietnam Political, Security, and Defense Dialogue.",
               "The U.S.-Vietnam Political, Security and Defense Dialogue, in Hanoi, Hue and Da Nang, met."):
        assert audit_str(ok, glossary, select=["ENT"]).findings == ()


def test_a_qualifier_ends_at_the_first_part_that_is_no_country():
    from audit.checks.entity import trim_qualifier

    assert trim_qualifier("EU-Japan High-Level") == ("EU-Japan", "High-Level")
    assert trim_qualifier("Japan Self-Defense") == ("Japan", "Self-Defense")
    assert trim_qualifier("South Korea-US") == ("South Korea-US", "")
    glossary = '[[org]]\nterm = "Japan Self-Defense Forces"\n\n[[event]]\nterm = "EU-Japan High-Level Economic Dialogue"\n'
    e = entity_index(parse_native(glossary))
    assert [x.countries for x in e.entities] == [("Japan",), ("EU", "Japan")]
    # British spelling is no wrong country ('whose parties are Japan Self-Defense, not Defence' before)
    assert audit_str("The Japan Self-Defence Forces trained.", glossary, select=["ENT"]).findings == ()
    assert audit_str("The EU-Japan High Level Economic Dialogue met.", glossary, select=["ENT"]).findings == ()
