"""Semantic validation: validate() problems, load_glossary refusing errors, 'audit glossary check'."""
from __future__ import annotations

import pytest

from audit.glossary import Glossary, GlossaryError, Term, load_glossary, parse_native
from audit.glossary.validate import apply_replacements, validate

CLEAN = '''\
[[person]]
term = "Antony Blinken"
variants = ["Blinken"]
titles = ["Secretary of State"]

[[org]]
term = "UN Security Council"
variants = ["United Nations Security Council"]
acronym = "UNSC"

[[org]]
term = "Joint Chiefs of Staff"
acronym = "JCS"

[[place]]
term = "Camp Foster"
replaces = ["Foster Camp"]
specs = [{ from = "Marines at Foster Camp.", to = "Marines at Camp Foster." }]
'''


def problems(text: str):
    return [str(p) for p in validate(parse_native(text, "g.toml"))]


def test_clean_glossary_has_no_problem():
    assert problems(CLEAN) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # an acronym without expansion is a warning
        ("[[acronym]]\nterm = 'AUKUS'\n", "g.toml:1: warning: acronym 'AUKUS' has no expansion"),
        # the same form official and forbidden, in one entry (case and hyphens do not matter)
        ("[[place]]\nterm = 'Camp Foster'\nreplaces = ['camp-foster']\n",
         "g.toml:1: 'camp-foster' is both an official form and a forbidden form of 'Camp Foster'"),
        # ... and across entries
        ("[[place]]\nterm = 'Camp Foster'\n\n[[place]]\nterm = 'Camp Kinser'\nreplaces = ['Camp Foster']\n",
         "g.toml:4: forbidden form 'Camp Foster' of 'Camp Kinser' is an official form of 'Camp Foster' (g.toml:1)"),
        # periods of abbreviations do not matter either (the checks read US as U.S.)
        ("[[org]]\nterm = 'U.S. Forces Japan'\nreplaces = ['US Forces Japan']\n",
         "g.toml:1: 'US Forces Japan' is both an official form and a forbidden form"),
        # duplicates that disagree
        ("[[acronym]]\nterm = 'JSDF'\nexpands = 'Japan Self-Defense Forces'\n\n[[acronym]]\nterm = 'JSDF'\nexpands = 'Japan Self Defence Force'\n",
         "g.toml:5: duplicate entry 'JSDF' disagrees with g.toml:1: expansion"),
        ("[[person]]\nterm = 'Richard Marles'\ntitles = ['Minister for Defence']\n\n[[person]]\nterm = 'Richard Marles'\ntitles = ['Treasurer']\n",
         "g.toml:5: duplicate entry 'Richard Marles' disagrees with g.toml:1: titles"),
        ("[[place]]\nterm = 'Canberra'\n\n[[org]]\nterm = 'canberra'\n",
         "g.toml:4: duplicate entry 'canberra' disagrees with g.toml:1: kind 'place' vs 'org'"),
        # duplicates that agree: a warning
        ("[[place]]\nterm = 'Canberra'\n\n[[place]]\nterm = 'Canberra'\n",
         "g.toml:4: warning: duplicate entry 'Canberra' (also at g.toml:1)"),
        # pathological forms
        ("[[term]]\nterm = 'X'\n", "g.toml:1: form 'X' of 'X' is a single character"),
        ("[[term]]\nterm = 'Camp Foster'\nvariants = ['--']\n", "g.toml:1: form '--' of 'Camp Foster' is only punctuation"),
        ("[[term]]\nterm = 'Camp Foster'\nreplaces = ['" + "Foster " * 80 + "']\n", "is longer than 200 characters"),
        ("[[person]]\nterm = 'Richard Marles'\ntitles = ['.']\n", "g.toml:1: title '.' of 'Richard Marles' is only punctuation"),
        ("[[place]]\nterm = \"Camp\\u0000Foster\"\n", "g.toml:1: form 'Camp\\x00Foster' of 'Camp\\x00Foster' contains control characters"),
        # prh-style specs
        ("[[place]]\nterm = 'Camp Foster'\nreplaces = ['Foster Camp']\nspecs = [{from = 'at Foster Camp', to = 'at Camp Kinser'}]\n",
         "g.toml:1: spec 'at Foster Camp' -> 'at Camp Kinser' fails: the replacement gives 'at Camp Foster'"),
        ("[[place]]\nterm = 'Camp Foster'\nreplaces = ['Foster Camp']\nspecs = [{from = 'at Camp Foster', to = 'at Foster Camp'}]\n",
         "fails: the replacement gives 'at Camp Foster'"),
    ],
)
def test_each_problem_is_reported_with_its_entry(text, expected):
    got = problems(text)
    assert any(expected in p for p in got), got


def test_missing_term_and_unknown_kind_on_programmatic_glossaries():
    g = Glossary((Term(id="a", term="  ", source="mem:1"), Term(id="b", term="Canberra", kind="city", source="mem:2")))
    got = [str(p) for p in validate(g)]
    assert got == ["mem:1: missing term", "mem:2: 'Canberra': unknown kind 'city' (expected one of: person, org, place, event, acronym, title, term)"]


def test_replacement_is_word_bounded_and_normalises_case_and_hyphens():
    t = parse_native("[[place]]\nterm = 'Camp Foster'\nreplaces = ['Foster Camp']\n", "g").terms[0]
    assert apply_replacements(t, "foster-camp and Foster  Camp") == "Camp Foster and Camp Foster"
    assert apply_replacements(t, "Fosters Camp, Foster Camper") == "Fosters Camp, Foster Camper"


def test_load_glossary_refuses_errors_and_keeps_warnings(tmp_path, caplog):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[place]]\nterm = 'Camp Foster'\nreplaces = ['Camp Foster']\n\n[[term]]\nterm = '?'\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as e:
        load_glossary(bad)
    assert str(e.value).startswith(f"{bad}:1: 'Camp Foster' is both an official form and a forbidden form")
    assert "and 1 more error(s)" in str(e.value)
    warn = tmp_path / "warn.toml"
    warn.write_text("[[acronym]]\nterm = 'AUKUS'\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="audit"):
        g = load_glossary(warn)
    assert [t.term for t in g.terms] == ["AUKUS"]
    assert "has no expansion" in caplog.text


def test_merged_glossaries_are_validated_together(tmp_path):
    a = tmp_path / "a.toml"
    a.write_text("[[place]]\nterm = 'Camp Foster'\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text("term,kind,replaces,titles,expands,note\nCamp Kinser,place,Camp Foster,,,\n", encoding="utf-8")
    load_glossary(a), load_glossary(b)  # each is fine alone
    with pytest.raises(GlossaryError, match=r"b\.csv:2: forbidden form 'Camp Foster' of 'Camp Kinser' is an official form"):
        load_glossary([a, b])
