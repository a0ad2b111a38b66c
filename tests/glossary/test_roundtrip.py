"""The same small glossary in TOML, CSV and TBX gives the same content; the reference glossary is clean."""
from __future__ import annotations

from pathlib import Path

from audit.glossary import default_glossary_path, load_glossary, load_one, parse_csv, parse_native, parse_tbx
from audit.glossary.csv import to_csv
from audit.glossary.validate import validate

ROOT = Path(__file__).resolve().parents[2]

TOML = """\
[[person]]
term = "Penny Wong"
titles = ["Minister for Foreign Affairs", "Foreign Minister"]

[[org]]
term = "Australian Defence Force"
acronym = "ADF"

[[place]]
term = "Camp Foster"
replaces = ["Foster Camp", "Camp Forster"]
note = "Okinawa, Japan"

[[acronym]]
term = "AUKUS"
expands = "Australia, United Kingdom, United States"
"""

CSV = """\
term,kind,replaces,titles,expands,note
Penny Wong,person,,Minister for Foreign Affairs|Foreign Minister,,
Australian Defence Force,org,,,,
ADF,acronym,,,Australian Defence Force,
Camp Foster,place,Foster Camp|Camp Forster,,,"Okinawa, Japan"
AUKUS,acronym,,,"Australia, United Kingdom, United States",
"""

TBX = b"""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="person:penny-wong"><descrip type="subjectField">person</descrip>
  <descrip type="titles">Minister for Foreign Affairs|Foreign Minister</descrip>
  <langSec xml:lang="en"><termSec><term>Penny Wong</term></termSec></langSec></conceptEntry>
<conceptEntry id="org:australian-defence-force"><descrip type="subjectField">organization</descrip>
  <langSec xml:lang="en"><termSec><term>Australian Defence Force</term><termNote type="termType">fullForm</termNote></termSec>
  <termSec><term>ADF</term><termNote type="termType">acronym</termNote></termSec></langSec></conceptEntry>
<conceptEntry id="place:camp-foster"><descrip type="subjectField">place</descrip><note>Okinawa, Japan</note>
  <langSec xml:lang="en"><termSec><term>Camp Foster</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
  <termSec><term>Foster Camp</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  <termSec><term>Camp Forster</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec></langSec></conceptEntry>
<conceptEntry id="acronym:aukus"><descrip type="subjectField">acronym</descrip><langSec xml:lang="en">
  <termSec><term>AUKUS</term><termNote type="termType">acronym</termNote></termSec>
  <termSec><term>Australia, United Kingdom, United States</term><termNote type="termType">fullForm</termNote></termSec></langSec></conceptEntry>
</body></text></tbx>
"""


def content(g, with_ids=True):
    return [((t.id,) if with_ids else ()) + (t.term, t.kind, t.variants, t.replaces, t.titles, t.expands, t.note, t.specs)
            for t in g.terms]


def test_toml_and_csv_give_the_same_glossary():
    assert content(parse_native(TOML, "g.toml")) == content(parse_csv(CSV, "g.csv"))


def test_tbx_gives_the_same_forms_kinds_and_expansions():
    def essentials(g):
        return sorted((t.term, t.kind, t.variants, t.replaces, t.titles, t.expands) for t in g.terms)

    tbx = parse_tbx(TBX, "g.tbx")
    assert essentials(tbx) == essentials(parse_native(TOML, "g.toml"))
    # without the subject field "acronym", the full form of a full form + acronym pair is an entry too
    plain = parse_tbx(TBX.replace(b'<descrip type="subjectField">acronym</descrip>', b""), "g.tbx")
    extra = [t for t in plain.terms if t.term == "Australia, United Kingdom, United States"]
    assert [t.kind for t in extra] == ["term"]
    assert essentials(type(tbx)(tuple(t for t in plain.terms if t not in extra))) == essentials(tbx)


def test_csv_writer_round_trips_toml():
    g = parse_native(TOML, "g.toml")
    assert content(parse_csv(to_csv(g), "w.csv")) == content(g)


def test_reference_glossary_is_the_default_and_validates_clean():
    assert default_glossary_path() == ROOT / "reference" / "glossary.toml"
    g = load_glossary(ROOT / "reference" / "glossary.toml")
    assert validate(g) == []  # no error and no warning
    assert len(g.terms) >= 80


def test_reference_csv_is_in_sync_with_the_toml():
    toml = load_one(ROOT / "reference" / "glossary.toml")
    csv = load_one(ROOT / "reference" / "glossary.csv")
    assert content(csv) == content(toml)
    assert (ROOT / "reference" / "glossary.csv").read_text(encoding="utf-8") == to_csv(toml)


def test_reference_glossary_holds_the_communique_facts():
    g = load_glossary(ROOT / "reference" / "glossary.toml")
    people = {t.term: t for t in g.of_kind("person")}
    assert set(people) == {"Suh Wook", "Lloyd J. Austin III", "Won In-choul", "Mark A. Milley", "Paul J. LaCamera",
                           "Moon Jae-in", "Joe Biden"}
    assert {"Minister of National Defense", "Defense Minister", "Minister"} <= set(people["Suh Wook"].titles)
    assert {"Secretary of Defense", "Defense Secretary", "Secretary"} <= set(people["Lloyd J. Austin III"].titles)
    assert "Secretary of State" not in {x for p in people.values() for x in p.titles}
    for surname, person in [("Suh", "Suh Wook"), ("Austin", "Lloyd J. Austin III"), ("Milley", "Mark A. Milley"),
                            ("LaCamera", "Paul J. LaCamera"), ("Won", "Won In-choul")]:
        assert surname in people[person].variants
    acronyms = {t.term: t.expands for t in g.of_kind("acronym")}
    expected = {
        "SCM": "Security Consultative Meeting", "MCM": "Military Committee Meeting",
        "KIDD": "Korea-U.S. Integrated Defense Dialogue", "CFC": "Combined Forces Command",
        "F-CFC": "Future-Combined Forces Command", "UNC": "United Nations Command", "USFK": "U.S. Forces Korea",
        "MND": "Ministry of National Defense", "DoD": "Department of Defense", "DSC": "Deterrence Strategy Committee",
        "TTX": "Tabletop Exercise", "TDS": "Tailored Deterrence Strategy", "COTP": "Conditions-based OPCON Transition Plan",
        "OPCON": "operational control", "FOC": "Full Operational Capability", "CCPT": "Combined Command Post Training",
        "SPG": "Strategic Planning Guidance", "OPLANs": "Operational Plans", "CMA": "Comprehensive Military Agreement",
        "NLL": "Northern Limit Line", "THAAD": "Terminal High Altitude Area Defense",
        "PSI": "Proliferation Security Initiative", "CWMD": "Counter Weapons of Mass Destruction",
        "CWMDC": "Counter Weapons of Mass Destruction Committee", "CTR": "Cooperative Threat Reduction",
        "DTT": "Defense Trilateral Talks", "Tri-CHOD": "Trilateral Chiefs of Defense", "SOFA": "Status of Forces Agreement",
        "SMA": "Special Measures Agreement", "ASEAN": "Association of Southeast Asian Nations", "PKO": "Peacekeeping Operations",
    }
    assert {k: acronyms.get(k) for k in expected} == expected
    official = {f for t in g.terms for f in t.forms}
    assert {"Camp Humphreys", "Camp Carroll", "Yongsan Garrison", "Seoul", "Washington, D.C.", "National Assembly",
            "extended deterrence", "wartime operational control", "cyber commands"} <= official
    # official forms only, except a few forbidden forms a terminologist listed
    assert sum(bool(t.replaces) for t in g.terms) <= 5


def _blocks(lang: str) -> list[str]:
    import re

    doc = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", doc, re.S)


def test_documented_examples_load_and_validate_clean():
    (toml,) = _blocks("toml")
    g = parse_native(toml, "doc.toml")
    assert validate(g) == []
    assert {"JSDF", "ADF", "AUKUS"} <= {t.term for t in g.of_kind("acronym")}
    csv_block = _blocks("csv")[0]
    assert validate(parse_csv(csv_block, "doc.csv")) == []
    (xml,) = _blocks("xml")
    tbx = parse_tbx(xml.encode(), "doc.tbx")
    assert [(t.term, t.kind, t.replaces, t.expands) for t in tbx.terms] == [
        ("Australian Defence Force", "org", ("Australian Defense Forces",), None),
        ("ADF", "acronym", (), "Australian Defence Force"),
    ]


def essentials(g):
    return sorted((t.term, t.kind, t.variants, t.replaces, t.titles, t.expands, t.note) for t in g.terms)


def test_tbx_writer_round_trips_and_reference_tbx_is_in_sync():
    from audit.glossary.tbx import to_tbx

    small = parse_native(TOML, "g.toml")
    assert essentials(parse_tbx(to_tbx(small), "w.tbx")) == essentials(small)
    toml = load_one(ROOT / "reference" / "glossary.toml")
    tbx = load_one(ROOT / "reference" / "glossary.tbx")
    assert essentials(tbx) == essentials(toml)
    assert validate(tbx) == []
    # only the acronym ids differ: in TBX they hang off their full form's concept
    assert {t.id for t in tbx.terms if t.kind != "acronym"} == {t.id for t in toml.terms if t.kind != "acronym"}
