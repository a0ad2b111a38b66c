"""Bounded fuzzing of every glossary loader: any input gives a Glossary or a GlossaryError, nothing else."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.glossary import GlossaryError

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CSV_PIECES = ["term,kind,replaces,titles,expands,note\n", "Suh Wook,person,Xu Xu|Su,Minister,,\n", "SCM,acronym,,,Security Consultative Meeting,\n",
              ",,,,,\n", '"a,b",org,,,,"x""y"\n', "x;y;z\n", '"unterminated\n', "\x00", "\ufeff", ",,,,,,,,\n", "|||", "\r\n"]
TOML_PIECES = ["[[person]]\n", 'term = "Suh Wook"\n', 'titles = ["Minister"]\n', "[[acronym]]\n", 'term = "SCM"\n', 'expands = "x"\n', "[[bogus]]\n",
               "term = 3\n", 'variants = "a"\n', "= =\n", "[person]\n", 'note = """\n', "specs = [{from='a', to='b'}]\n", "\x00"]
TBX_PIECES = ['<?xml version="1.0"?>', "<tbx>", "<martif>", "<text><body>", "<conceptEntry id='c1'>", "<termEntry id='t1'>", "<langSec xml:lang='en'>",
              "<langSet xml:lang='en'>", "<termSec>", "<tig>", "<term>Suh Wook</term>", "<term></term>", "<termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote>",
              "<termNote type='termType'>acronym</termNote>", "</termSec>", "</tig>", "</langSec>", "</langSet>", "</conceptEntry>", "</termEntry>",
              "</body></text>", "</tbx>", "</martif>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "<", "&", "\x00"]


def pieces(items):
    return st.lists(st.one_of(st.sampled_from(items), st.text(max_size=6)), max_size=25).map("".join)


def _ok_or_glossary_error(fn, data):
    try:
        g = fn(data, "<fuzz>")
    except GlossaryError as e:
        assert "<fuzz>" in str(e), f"error does not name the file: {e}"
        return
    for t in g.terms:
        assert t.term and t.term == t.term.strip()


@FUZZ
@given(pieces(CSV_PIECES))
def test_fuzz_csv(data):
    from audit.glossary.csv import parse_csv

    _ok_or_glossary_error(parse_csv, data)


@FUZZ
@given(pieces(TOML_PIECES))
def test_fuzz_native(data):
    from audit.glossary.native import parse_native

    _ok_or_glossary_error(parse_native, data)


@FUZZ
@given(pieces(TBX_PIECES))
def test_fuzz_tbx(data):
    from audit.glossary.tbx import parse_tbx

    _ok_or_glossary_error(parse_tbx, data.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary(max_size=200))
def test_fuzz_tbx_bytes(data):
    from audit.glossary.tbx import parse_tbx

    _ok_or_glossary_error(parse_tbx, data)
