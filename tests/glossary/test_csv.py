"""The CSV loader: the fixed header, |-separated lists, and errors that name file and line."""
from __future__ import annotations

import pytest

from audit.glossary import GlossaryError, load_glossary, parse_csv
from audit.glossary.csv import HEADER, to_csv

H = "term,kind,replaces,titles,expands,note\n"


def test_header_is_exactly_the_documented_one():
    assert ",".join(HEADER) == "term,kind,replaces,titles,expands,note"


def test_rows_lists_and_empty_cells():
    text = H + (
        'Richard Marles,person,,"Deputy Prime Minister|Minister for Defence",,\n'
        "Camp Lejeune,place,Lejeune Camp|Camp Lejuene,,,Marine Corps base\n"
        "NATO,acronym,,,North Atlantic Treaty Organization,\n"
        "Bundeswehr,,,,,\n"
    )
    g = parse_csv(text, "allies.csv")
    marles, camp, nato, bw = g.terms
    assert (marles.kind, marles.titles) == ("person", ("Deputy Prime Minister", "Minister for Defence"))
    assert marles.replaces == () and marles.expands is None and marles.note is None
    assert camp.replaces == ("Lejeune Camp", "Camp Lejuene") and camp.note == "Marine Corps base"
    assert (nato.kind, nato.expands) == ("acronym", "North Atlantic Treaty Organization")
    assert (bw.kind, bw.id) == ("term", "term:bundeswehr")  # an empty kind means "term"
    assert [t.source for t in g.terms] == ["allies.csv:2", "allies.csv:3", "allies.csv:4", "allies.csv:5"]
    assert g.sources == ("allies.csv",) and len(g.sha256) == 64


def test_optional_columns_quoted_commas_bom_blank_and_comment_rows():
    text = "\ufeff" + H.strip() + ",variants,id,spec_bad,spec_ok\n" + (
        "# a comment row, skipped\n"
        ",,,,,,,,\n"
        '"Washington, D.C.",place,,,,,"Washington|Washington, DC",dc,,\n'
        'Camp Lejeune,place,Lejeune Camp,,,,,,to Lejeune Camp.,to Camp Lejeune.\n'
    )
    dc, camp = parse_csv(text, "x.csv").terms
    assert dc.term == "Washington, D.C." and dc.variants == ("Washington", "Washington, DC") and dc.id == "dc"
    assert dc.source == "x.csv:4"
    assert camp.specs == (("to Lejeune Camp.", "to Camp Lejeune."),)


@pytest.mark.parametrize(
    "text,where,words",
    [
        ("term;kind;replaces;titles;expands;note\nA b;place;;;;\n", "g.csv:1", "wrong delimiter ';'"),
        ("term\tkind\treplaces\ttitles\texpands\tnote\nA b\tplace\t\t\t\t\n", "g.csv:1", "wrong delimiter TAB"),
        ("term,kind,replaces\nCamp Lejeune,place,\n", "g.csv:1", "missing column(s) titles, expands, note"),
        ("kind,term,replaces,titles,expands,note\n", "g.csv:1", "bad header"),
        (H.strip() + ",colour\n", "g.csv:1", "unknown column(s) 'colour'"),
        (H + "Camp Lejeune,place,,,\n", "g.csv:2", "missing column"),
        (H + "Camp Lejeune,place,,,,,,\n", "g.csv:2", "extra column"),
        (H + 'ok,place,,,,\n"Camp "Lejeune" x",place,,,,\n', "g.csv:3", "bad quoting"),
        (H + 'ok,place,,,,\n\n"Camp Lejeune,place,,,,\n', "g.csv:4", "bad quoting"),
        (H + "Camp Lejeune,building,,,,\n", "g.csv:2", "unknown kind 'building'"),
        (H + 'a,place,,,,"two\nlines"\n,place,Lejeune Camp,,,\n', "g.csv:4", "empty term"),
        ("", "g.csv:1", "empty file"),
        (H + "Camp Foster,place,,,," + "x" * 200000 + "\n", "g.csv:2", "malformed CSV: field larger than field limit"),
        (H.strip() + ",spec_bad,spec_ok\nCamp X,place,,,,,a|b,a\n", "g.csv:2", "spec_bad has 2 item(s)"),
    ],
)
def test_errors_name_file_and_line(text, where, words):
    with pytest.raises(GlossaryError) as e:
        parse_csv(text, "g.csv")
    msg = str(e.value)
    assert msg.startswith(where + ":"), msg
    assert words in msg, msg


def test_writer_round_trips():
    text = H + (
        'Richard Marles,person,,Deputy Prime Minister|Minister for Defence,,"Australia, ALP"\n'
        "AUKUS,acronym,,,\"Australia, United Kingdom, United States\",\n"
    )
    g = parse_csv(text, "a.csv")
    again = parse_csv(to_csv(g), "b.csv")
    assert [(t.id, t.term, t.kind, t.titles, t.expands, t.note) for t in again.terms] == [
        (t.id, t.term, t.kind, t.titles, t.expands, t.note) for t in g.terms
    ]
    assert to_csv(g).splitlines()[0] == H.strip()  # no optional column when none is used


def test_load_glossary_reads_csv_by_suffix(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text(H + "Camp Lejeune,place,Lejeune Camp,,,\n", encoding="utf-8")
    g = load_glossary(p)
    assert [t.term for t in g.terms] == ["Camp Lejeune"]
    bad = tmp_path / "bad.csv"
    bad.write_text("term;kind;replaces;titles;expands;note\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.csv:1: wrong delimiter"):
        load_glossary(bad)
