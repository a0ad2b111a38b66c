"""The native TOML format: entry line numbers, the 'acronym' shortcut, errors naming the entry."""
from __future__ import annotations

import pytest

from audit.glossary import GlossaryError, parse_native

TOML = '''\
[glossary]
title = "Australia-Japan"

[[person]]
term = "Richard Marles"
variants = ["Marles"]
titles = ["Deputy Prime Minister", "Minister for Defence"]

[[org]]
term = "Japan Self-Defense Forces"
acronym = ["JSDF", "SDF"]

[[person]]
id = "hamada"
term = "Yasukazu Hamada"
titles = ["Minister of Defense"]
'''


def test_entries_sources_and_acronym_shortcut():
    g = parse_native(TOML, "aj.toml")
    marles, jsdf_org, jsdf, hamada = g.terms
    assert (marles.kind, marles.variants, marles.titles) == ("person", ("Marles",), ("Deputy Prime Minister", "Minister for Defence"))
    # sources are the lines of the [[kind]] headers, in file order per kind
    assert (marles.source, jsdf_org.source, hamada.source) == ("aj.toml:4", "aj.toml:9", "aj.toml:13")
    assert (jsdf.id, jsdf.kind, jsdf.term, jsdf.variants, jsdf.expands) == (
        "acronym:jsdf", "acronym", "JSDF", ("SDF",), "Japan Self-Defense Forces")
    assert hamada.id == "hamada" and jsdf_org.id == "org:japan-self-defense-forces"


def test_inline_tables_fall_back_to_entry_names():
    g = parse_native('place = [{ term = "Camp Foster" }, { term = "Camp Kinser" }]\n', "p.toml")
    assert [t.source for t in g.terms] == ["p.toml#camp-foster", "p.toml#camp-kinser"]


@pytest.mark.parametrize(
    "text,words",
    [
        ("[[person]\nterm = 'x'\n", "p.toml: TOML syntax error"),
        ("[[building]]\nterm = 'Pentagon'\n", "p.toml: unknown kind [[building]]"),
        ("[[place]]\nterm = 'Camp Foster'\n\n[[place]]\nterm = ' '\n", "p.toml:4: missing 'term'"),
        ("[[place]]\nterm = 'Camp Foster'\ncolour = 'red'\n", "p.toml:1: unknown field(s) colour"),
        ("[[acronym]]\nterm = 'JSDF'\nacronym = 'SDF'\n", "p.toml:1: 'acronym' belongs on the entry it abbreviates"),
        ("[[org]]\nterm = 'Japan Self-Defense Forces'\nacronym = 3\n", "p.toml:1: 'acronym' must be a string"),
    ],
)
def test_errors_name_file_and_entry(text, words):
    with pytest.raises(GlossaryError) as e:
        parse_native(text, "p.toml")
    assert words in str(e.value), str(e.value)
