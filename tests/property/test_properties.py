"""Property-based tests (hypothesis) over random Unicode documents and small glossaries."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.config import AuditConfig
from audit.document import make_document
from audit.engine import audit_document
from audit.glossary import Glossary, Term

NAMES = ["Suh Wook", "Lloyd J. Austin III", "Camp Humphreys", "Marles", "Won In-choul", "Yongsan Garrison"]
TITLES = ["Minister", "Secretary of Defense", "Defence Minister", "Chairman"]
WORDS = NAMES + TITLES + ["the", "and", "of", "Secretary", "Minister", "(SCM)", "SCM", "Seoul", ".", ",", "-", ">", "2021", "12.", "\n", "\n\n", "\r\n\r\n", " ", "\u200b", "é", "Xu Xu", "Lacamella"]

tokens = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=0, max_size=8)), max_size=60)
documents = tokens.map(lambda ws: " ".join(ws))


@st.composite
def glossaries(draw):
    terms = []
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["person", "org", "place", "event", "acronym", "term", "title"]))
        term = draw(st.one_of(st.sampled_from(NAMES + TITLES + ["SCM", "CFC"]), st.text(min_size=1, max_size=20).filter(lambda s: s.strip())))
        terms.append(Term(
            id=f"t{i}", term=term.strip(), kind=kind,
            variants=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2))),
            replaces=tuple(s for s in draw(st.lists(st.text(min_size=1, max_size=12), max_size=2)) if s.strip()),
            titles=tuple(draw(st.lists(st.sampled_from(TITLES), max_size=2))) if kind == "person" else (),
            expands=draw(st.sampled_from(["Security Consultative Meeting", "Combined Forces Command", None])) if kind == "acronym" else None,
        ))
    return Glossary(tuple(terms), ("<hypothesis>",), "0" * 64)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, glossary=glossaries())
def test_findings_are_well_formed_sorted_and_deterministic(text, glossary):
    doc = make_document(text, "<prop>")
    r1 = audit_document(doc, glossary, AuditConfig())
    r2 = audit_document(make_document(text, "<prop>"), Glossary(glossary.terms, glossary.sources, glossary.sha256), AuditConfig())
    assert [f.to_dict() for f in r1.findings] == [f.to_dict() for f in r2.findings]
    keys = [f.sort_key for f in r1.findings]
    assert keys == sorted(keys)
    ids = {p.id for p in doc.paragraphs}
    for f in r1.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert f.paragraph in ids
        assert 0.0 <= f.confidence <= 1.0
        assert f.message


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab1. \n\r\t\u2028")), max_size=80))
def test_segmentation_covers_text_exactly(text):
    doc = make_document(text)
    last = 0
    for p in doc.paragraphs:
        assert last <= p.start <= p.end <= len(text)
        assert text[p.start:p.end] == p.text
        last = p.end
    assert len({p.id for p in doc.paragraphs}) == len(doc.paragraphs)
