"""The TBX loader: TBX 2 and TBX 3, namespaced or not, DCA and DCT styles; safe XML."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from audit.glossary import GlossaryError, load_glossary, parse_tbx
from audit.glossary.validate import validate

DATA = Path(__file__).parent / "data"


def load(name: str):
    return parse_tbx((DATA / name).read_bytes(), name)


def by_id(g):
    return {t.id: t for t in g.terms}


def test_tbx2_statuses_acronym_and_english_only():
    g = by_id(load("tbx2.tbx"))
    nato = g["nato"]
    assert nato.term == "North Atlantic Treaty Organization" and nato.kind == "org"
    assert nato.variants == ("North Atlantic Alliance",)  # admitted
    assert nato.replaces == ("North Atlantic Treaty Organisation Alliance",)  # deprecated
    assert nato.note == "Intergovernmental military alliance."
    assert "Organisation du traité de l'Atlantique nord" not in nato.forms  # French langSet ignored
    acr = g["nato:acronym"]
    assert (acr.term, acr.kind, acr.expands) == ("NATO", "acronym", "North Atlantic Treaty Organization")
    assert acr.replaces == ("NATO Org",)  # a superseded abbreviation replaces the acronym
    assert "OTAN" not in acr.forms
    camp = g["lejeune"]
    # the preferred term wins even when a deprecated one comes first; a subject field that is no kind -> "term"
    assert (camp.term, camp.replaces, camp.kind) == ("Camp Lejeune", ("Lejeune Camp",), "term")
    # no English section: the first language section is taken
    assert g["seoul-only"].term == "국방부"
    assert nato.source == "tbx2.tbx:7" and camp.source == "tbx2.tbx:26"


def test_tbx2_with_prefixed_namespace_kind_and_titles():
    (marles,) = load("tbx2_ns.tbx").terms
    assert (marles.id, marles.term, marles.kind) == ("marles", "Richard Marles", "person")
    assert marles.variants == ("Marles",)  # no status: admitted
    assert marles.titles == ("Deputy Prime Minister", "Minister for Defence")


def test_tbx3_default_namespace_dca():
    g = by_id(load("tbx3.tbx"))
    ausmin = g["ausmin"]
    assert (ausmin.term, ausmin.kind, ausmin.replaces) == (
        "Australia-United States Ministerial Consultations", "event", ("Australia-US Ministerial Talks",))
    assert g["ausmin:acronym"].expands == "Australia-United States Ministerial Consultations"
    # an acronym without an explicit fullForm pairs with the entry's other official term
    assert g["adf"].term == "Australian Defence Force" and g["adf:acronym"].expands == "Australian Defence Force"
    assert "Australische Streitkräfte" not in g["adf"].forms
    fms = g["fms"]  # an acronym alone: an acronym entry without expansion (a validation warning)
    assert (fms.term, fms.kind, fms.expands) == ("FMS", "acronym", None)
    warnings = [p for p in validate(load("tbx3.tbx")) if not p.is_error]
    assert any("'FMS' has no expansion" in str(p) and p.where == "tbx3.tbx:26" for p in warnings), warnings


def test_tbx3_dct_style_and_without_namespace():
    (camp,) = load("tbx3_dct.tbx").terms
    assert (camp.id, camp.term, camp.kind, camp.replaces) == ("c7", "Camp Foster", "place", ("Foster Camp",))
    (quad,) = load("tbx3_nons.tbx").terms
    assert (quad.id, quad.term, quad.kind) == ("quad", "Quadrilateral Security Dialogue", "term")


def test_load_glossary_by_suffix(tmp_path):
    p = tmp_path / "allies.tbx"
    p.write_bytes((DATA / "tbx3.tbx").read_bytes())
    g = load_glossary(p)
    assert "AUSMIN" in {t.term for t in g.terms}


WRAP = '<martif><text><body>{}</body></text></martif>'


@pytest.mark.parametrize(
    "xml,prefix,words",
    [
        (b"<martif><text>\n<body>\n<termEntry id='a'>\n</body></text></martif>", "x.tbx:4:3:", "not well-formed"),
        (b"<glossary><entry/></glossary>", "x.tbx:1:", "not a TBX file"),
        (b"<?xml version='1.0' encoding='klingon'?><martif/>", "x.tbx:1:", "unknown encoding"),
        (WRAP.format("").encode(), "x.tbx:", "no <termEntry>"),
        (WRAP.format('\n<termEntry id="e9"><descrip type="x">y</descrip></termEntry>').encode(), "x.tbx:2:", "#e9 has no <langSet>"),
        (WRAP.format('\n\n<termEntry id="e2"><langSet xml:lang="en"><tig><term> </term></tig></langSet></termEntry>').encode(),
         "x.tbx:3:", "entry #e2: empty <term>"),
        (WRAP.format('<termEntry id="old"><langSet xml:lang="en"><tig><term>Foster Camp</term>'
                     '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>').encode(),
         "x.tbx:1:", "entry #old has no preferred or admitted term"),
        (WRAP.format('<termEntry id="t"><langSet xml:lang="en"><tig><note>x</note></tig></langSet></termEntry>').encode(),
         "x.tbx:1:", "#t: <tig> without a <term>"),
    ],
)
def test_errors_name_file_and_line_or_entry(xml, prefix, words):
    with pytest.raises(GlossaryError) as e:
        parse_tbx(xml, "x.tbx")
    assert str(e.value).startswith(prefix), str(e.value)
    assert words in str(e.value), str(e.value)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<martif><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>&f;</term></tig></langSet></termEntry></body></text></martif>
"""


def _secret(tmp_path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text("TOP-SECRET-7f3a9c", encoding="utf-8")
    return p


def _external_general(secret: Path) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE martif [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
            + WRAP.format('<termEntry id="x"><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry>')).encode()


def _external_parameter(secret: Path) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE martif [ <!ENTITY % p SYSTEM "{secret.as_uri()}"> %p; ]>\n'
            + WRAP.format("")).encode()


def _internal_subset(secret: Path) -> bytes:
    return ('<?xml version="1.0"?>\n<!DOCTYPE martif [ <!ELEMENT martif ANY> ]>\n' + WRAP.format("")).encode()


@pytest.mark.parametrize("make", [lambda s: BOMB, _external_general, _external_parameter, _internal_subset],
                         ids=["entity-bomb", "external-entity", "external-parameter-entity", "internal-dtd-subset"])
def test_unsafe_xml_is_refused_fast_without_reading_files(tmp_path, make):
    secret = _secret(tmp_path)
    path = tmp_path / "evil.tbx"
    path.write_bytes(make(secret))
    t0 = time.perf_counter()
    with pytest.raises(GlossaryError) as e:
        load_glossary(path)
    assert time.perf_counter() - t0 < 2.0
    msg = str(e.value)
    assert msg.startswith(f"{path}:") and "refused unsafe XML" in msg, msg
    assert "TOP-SECRET" not in msg


def test_external_dtd_reference_is_not_fetched(tmp_path):
    secret = _secret(tmp_path)
    # a TBX 2 style DOCTYPE pointing at a file: accepted, but the file is never read into the glossary
    xml = (f'<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "{secret.as_uri()}">\n'
           + WRAP.format('<termEntry id="x"><langSet xml:lang="en"><tig><term>Camp Foster</term></tig></langSet></termEntry>'))
    g = parse_tbx(xml.encode(), "ok.tbx")
    assert [t.term for t in g.terms] == ["Camp Foster"]
    assert all("TOP-SECRET" not in repr(t) for t in g.terms)
