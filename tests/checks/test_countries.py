"""The country table (audit/checks/_country_table.py) and the views the families read from it."""
from __future__ import annotations

import pytest

from audit.checks import _country_table as T
from audit.checks import confusable as cf
from audit.checks.entity import _country_keys, _iso
from audit.checks.titles import country_names, norm
from audit.glossary.matching import form_keys

ALPHA_2 = {c.alpha_3: c.alpha_2 for c in T.countries()}


def _token_key(name: str) -> tuple[str, ...]:
    """The confusable view's key of an ISO name: reading order, no leading article."""
    return form_keys(T._ARTICLE.sub("", T.flip(name)))


def test_one_record_per_iso_country_and_every_alias_names_one():
    codes = [c.alpha_2 for c in T.countries()]
    assert len(codes) == len(set(codes)) >= 249
    assert set(T.COUNTRY_ALIASES) <= set(codes)  # an alias of an unknown code would be dropped silently
    for c in T.countries():
        assert c.aliases == T.COUNTRY_ALIASES.get(c.alpha_2, ())
        assert c.iso_names and set(c.iso_names) <= set(c.names)


def test_the_families_read_the_table_views():
    assert country_names() is T.country_names()
    assert _country_keys is T.written_keys
    assert _iso("Republic of Korea") is T.iso_codes()["republic of korea"]
    built, abbrev = cf.build_countries()
    table, table_abbrev = T.token_codes()
    assert abbrev is table_abbrev and built is not table  # a copy: the cached view stays as built
    assert {k: v for k, v in built.items() if isinstance(k, tuple)} == table


def test_every_iso_name_gives_its_country_in_every_view():
    names, iso, (tok, _) = T.country_names(), T.iso_codes(), T.token_codes()
    for c in T.countries():
        for n in c.names:
            assert norm(n) in names and c.alpha_3 in iso[norm(n)], (c, n)
        for n in c.iso_names:
            assert c.alpha_2 in tok[_token_key(n)], (c, n)
            # the same countries in the entity and the confusable view; an alias may add one
            assert {ALPHA_2[x] for x in iso[norm(n)]} <= tok[_token_key(n)], (c, n)
        for a in c.aliases:
            assert c.alpha_2 in tok[form_keys(a)], (c, a)
        assert iso[c.alpha_2.lower()] >= {c.alpha_3} and iso[c.alpha_3.lower()] >= {c.alpha_3}
        assert c.alpha_2 in tok[(c.alpha_3.lower(),)]


def test_views_hold_only_table_countries():
    assert set().union(*T.iso_codes().values()) == set(ALPHA_2)
    assert set().union(*T.token_codes()[0].values()) == set(ALPHA_2.values())
    assert T.country_names() <= set(T.iso_codes())
    table, abbrev = T.token_codes()
    assert abbrev <= set(table)


def test_entity_and_confusable_views_differ_only_on_abbreviations():
    """Names never disagree; initials do, as documented in _country_table: entity reads the
    initials of every word and alpha-2 codes, confusable the initials without of/the/and and
    takes ROK, DPRK, PRC, ROC from the aliases."""
    iso, (tok, abbrev) = T.iso_codes(), T.token_codes()
    differ = {" ".join(k) for k, v in tok.items()
              if " ".join(k) in iso and {ALPHA_2[x] for x in iso[" ".join(k)]} != v}
    assert differ and all((k,) in abbrev for k in differ)
    assert iso["rok"] == {"KOR", "KAZ", "KEN", "KIR"} and tok[("rok",)] == {"KR"}
    assert "TWN" not in iso["roc"] and tok[("roc",)] == {"TW"}
    assert iso["dprk"] == {"PRK"} and tok[("dprk",)] == {"KP"}
    assert iso["gr"] == {"GRC", "GAB"} and tok[("gr",)] == {"GA"}  # confusable has no alpha-2 codes
    assert ("rk",) in abbrev and "KR" in tok[("rk",)]


@pytest.mark.parametrize("name, expected", [
    ("Korea, Republic of", "Republic of Korea"),
    ("Korea, Democratic People's Republic of", "Democratic People's Republic of Korea"),
    ("Japan", "Japan"),
])
def test_flip(name, expected):
    assert T.flip(name) == expected


def test_initials_and_demonyms():
    assert T.initials("republic of korea".split()) == "rok"
    assert T.initials("Republic of Korea".split(), {"of", "the", "and"}) == "RK"
    assert T.demonyms("Korea") == ["Korean", "Koreese", "Koreian"]  # regular endings, not a dictionary
    assert "Japanese" in T.demonyms("Japan") and "North Korean" in T.demonyms("North Korea")
    assert T.demonyms("Côte d'Ivoire") == [] and T.demonyms("USA") == []  # not letters, too short


def test_written_keys_meet_through_demonym_stems_and_initials():
    assert T.written_keys("Korean") & T.written_keys("Korea")
    assert T.written_keys("Southern") >= {"south"}
    assert "rok" in T.written_keys("Republic of Korea")
    assert not T.written_keys("China") & T.written_keys("US")


def test_build_countries_indexes_every_short_expression_by_its_first_word():
    built, _ = cf.build_countries()
    for k in (k for k in built if isinstance(k, tuple)):
        if len(k) <= cf.MAX_COUNTRY:
            assert len(k) in built[k[0]], k
    for w, lens in ((w, n) for w, n in built.items() if isinstance(w, str)):
        assert list(lens) == sorted(lens, reverse=True)
        assert all(any(isinstance(k, tuple) and k[0] == w and len(k) == n for k in built) for n in lens)
