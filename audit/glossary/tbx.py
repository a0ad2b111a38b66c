"""TBX (ISO 30042) glossaries: TBX 2 (``martif``/``termEntry``/``langSet``/``tig``)
and TBX 3 (``tbx``/``conceptEntry``/``langSec``/``termSec``), with or without XML
namespaces, in the DCA style (``<termNote type="administrativeStatus">``) and the
DCT style (``<administrativeStatus>``).

Mapping, per entry:

* preferred and admitted terms (``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``
  or no status) are official forms: the first preferred one is ``term``, the
  others are ``variants``;
* ``deprecatedTerm-admn-sts`` / ``supersededTerm-admn-sts`` (and
  ``notRecommendedTerm-admn-sts``) terms are ``replaces`` of the preferred term;
* a ``termType`` of ``acronym``/``abbreviation``/``initialism`` together with a
  ``fullForm`` (or any other official term) in the same entry also gives an
  acronym entry whose ``expands`` is the full form;
* the kind comes from ``<descrip type="subjectField">`` (or a ``kind``/``entryKind``
  note) when its value names a kind (``person``, ``organization``, ``place``,
  ``event``, ``title``...), else it is ``term``;
* ``<descrip type="definition">`` or ``<note>`` becomes the note; an optional
  ``<descrip type="titles">A|B</descrip>`` gives a person's titles;
* only English language sections are read when there are several languages
  (``xml:lang`` starting with ``en``), else the first one.

Parsing is safe: defusedxml refuses entity declarations (so no entity-expansion
bomb and no external entity is ever expanded), any document type declaration with
an internal subset, and external references; nothing is fetched or read.  A plain
``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`` line, common in TBX 2 files,
is accepted and ignored (the DTD is not loaded).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .model import KINDS, Glossary, GlossaryError, Term, content_hash, slug

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ENTRY = {"termEntry", "conceptEntry"}
_LANG = {"langSet", "langSec"}
_TERM_GROUP = {"tig", "ntig", "termSec"}
_SHORT = {"acronym", "abbreviation", "initialism"}
_FORBIDDEN = {"deprecatedterm", "supersededterm", "notrecommendedterm"}
_KIND_NOTES = {"kind", "entrykind", "concepttype", "subjectfield"}
_KIND_ALIASES = {
    "people": "person", "persons": "person", "personal name": "person", "name": "person",
    "organization": "org", "organisation": "org", "organizations": "org", "institution": "org",
    "agency": "org", "company": "org",
    "location": "place", "geography": "place", "geographical name": "place", "toponym": "place",
    "meeting": "event", "conference": "event",
    "job title": "title", "role": "title", "rank": "title",
    "abbreviation": "acronym",
}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(elem) -> str:
    return re.sub(r"\s+", " ", "".join(elem.itertext())).strip()


class _LineTarget:
    """A TreeBuilder target that remembers the line of every element's start tag."""

    def __init__(self):
        self.builder = ET.TreeBuilder()
        self.lines: dict[int, int] = {}
        self.parser = None

    def start(self, tag, attrs):
        elem = self.builder.start(tag, attrs)
        self.lines[id(elem)] = self.parser.parser.CurrentLineNumber if self.parser else 0
        return elem

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


class _Parser(DefusedXMLParser):
    def __init__(self, target):
        super().__init__(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        self.parser.StartDoctypeDeclHandler = self._check_doctype

    def _check_doctype(self, name, sysid, pubid, has_internal_subset):  # not "_doctype": XMLParser uses that name
        if has_internal_subset:
            raise _Refused("document type declaration with an internal subset (DTD) is not allowed")


class _Refused(Exception):
    pass


def _parse_xml(data: bytes, source: str):
    target = _LineTarget()
    parser = _Parser(target)
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        msg = str(e).split(": line")[0]
        raise GlossaryError(f"{source}:{line}:{col + 1}: not well-formed XML: {msg}") from None
    except DefusedXmlException as e:
        line = parser.parser.CurrentLineNumber
        what = type(e).__name__
        reason = {
            "EntitiesForbidden": "entity declarations are not allowed (entity expansion and external entities are refused)",
            "ExternalReferenceForbidden": "external references are not allowed",
            "DTDForbidden": "document type declarations are not allowed",
        }.get(what, str(e))
        raise GlossaryError(f"{source}:{line}: refused unsafe XML: {reason}") from None
    except LookupError as e:  # an unknown encoding in the XML declaration
        raise GlossaryError(f"{source}:1: cannot read the XML: {e}") from None
    except _Refused as e:
        raise GlossaryError(f"{source}:{parser.parser.CurrentLineNumber}: refused unsafe XML: {e}") from None
    return root, target.lines


def _notes(elem):
    """(type, value) pairs of the DCA (``<termNote type=..>``) and DCT (``<termType>``) styles."""
    for e in elem.iter():
        name = _local(e.tag)
        if name in ("termNote", "descrip", "admin", "note") and e.get("type"):
            yield e.get("type"), _text(e)
        elif name in ("administrativeStatus", "termType", "subjectField", "normativeAuthorization"):
            yield name, _text(e)


def _kind_of(value: str) -> str | None:
    v = value.strip().lower()
    if v in KINDS:
        return v
    return _KIND_ALIASES.get(v)


def _status(value: str) -> str:
    v = value.strip().lower()
    for suffix in ("-admn-sts", "-admin-sts"):
        if v.endswith(suffix):
            v = v[: -len(suffix)]
    return "forbidden" if v in _FORBIDDEN else ("preferred" if v == "preferredterm" else "admitted")


def parse_tbx(data: bytes, source: str = "<glossary>") -> Glossary:
    """Parse a TBX 2 or TBX 3 termbase.  Raises GlossaryError naming the file and line or entry."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root, lines = _parse_xml(data, source)
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"{source}:{lines.get(id(root), 1)}: not a TBX file (root element <{_local(root.tag)}>, "
                            "expected <martif> (TBX 2) or <tbx> (TBX 3))")
    entries = [e for e in root.iter() if _local(e.tag) in _ENTRY]
    if not entries:
        raise GlossaryError(f"{source}: no <termEntry> (TBX 2) or <conceptEntry> (TBX 3) found")
    terms: list[Term] = []
    for entry in entries:
        terms.extend(_entry_terms(entry, lines, source))
    return Glossary(tuple(terms), (source,), content_hash([data]))


def _entry_terms(entry, lines: dict[int, int], source: str) -> list[Term]:
    line = lines.get(id(entry), 0)
    eid = entry.get("id") or entry.get(_XML_ID)
    where = f"{source}:{line}"
    label = f"entry #{eid}" if eid else "entry"

    langs = [e for e in entry if _local(e.tag) in _LANG]
    if not langs:
        raise GlossaryError(f"{where}: {label} has no <langSet>/<langSec>")
    english = [e for e in langs if (e.get(_XML_LANG) or e.get("lang") or "").lower().startswith("en")]
    chosen = english or langs[:1]

    # entry-level notes (outside the term groups): kind, note, titles
    kind, note, titles = None, None, ()
    groups = [g for lang in chosen for g in lang.iter() if _local(g.tag) in _TERM_GROUP]
    skip = {id(e) for g in groups for e in g.iter()}
    skip |= {id(e) for lang in langs if lang not in chosen for e in lang.iter()}
    for e in entry.iter():
        if id(e) in skip:
            continue
        name = _local(e.tag)
        typ = (e.get("type") or (name if name == "subjectField" else "")).lower()
        val = _text(e)
        if not val:
            continue
        if typ in _KIND_NOTES and kind is None:
            kind = _kind_of(val)
        elif typ == "titles" and not titles:
            titles = tuple(p.strip() for p in val.split("|") if p.strip())
        elif (typ == "definition" or (name == "note" and not typ)) and note is None:
            note = val

    official: list[tuple[str, str, str]] = []  # (text, status, termType)
    forbidden: list[tuple[str, str]] = []
    for g in groups:
        term_elems = [e for e in g.iter() if _local(e.tag) == "term"]
        gline = lines.get(id(g), line)
        if not term_elems:
            raise GlossaryError(f"{source}:{gline}: {label}: <{_local(g.tag)}> without a <term>")
        text = _text(term_elems[0])
        if not text:
            raise GlossaryError(f"{source}:{lines.get(id(term_elems[0]), gline)}: {label}: empty <term>")
        status, ttype = "admitted", ""
        for typ, val in _notes(g):
            t = typ.lower()
            if t in ("administrativestatus", "normativeauthorization"):
                status = _status(val)
            elif t == "termtype":
                ttype = val.strip().lower().replace("-", "").replace(" ", "")
        ttype = "short" if ttype in _SHORT else ("full" if ttype == "fullform" else "")
        if status == "forbidden":
            forbidden.append((text, ttype))
        else:
            official.append((text, status, ttype))
    if not official:
        what = "no preferred or admitted term" if forbidden else "no term"
        raise GlossaryError(f"{where}: {label} has {what}")

    def ordered(items):
        pref = [t for t in items if t[1] == "preferred"]
        rest = [t for t in items if t[1] != "preferred"]
        return [t[0] for t in pref + rest]

    full = [t for t in official if t[2] != "short"]
    short = [t for t in official if t[2] == "short"]
    bad_full = [t for t, ty in forbidden if ty != "short"]
    bad_short = [t for t, ty in forbidden if ty == "short"]
    out: list[Term] = []
    if kind == "acronym" and short:  # declared an acronym concept: its full form is only the expansion
        explicit = [t[0] for t in full if t[2] == "full"] or [t[0] for t in full]
        acr = ordered(short)
        return [Term(
            id=eid or f"acronym:{slug(acr[0])}", term=acr[0], kind="acronym", variants=tuple(_unique(acr[1:])),
            replaces=tuple(_unique(bad_short + bad_full)), expands=explicit[0] if explicit else None,
            note=note, source=where,
        )]
    if full:
        forms = ordered(full)
        k = kind if kind and kind != "acronym" else "term"
        main_id = eid or f"{k}:{slug(forms[0])}"
        out.append(Term(
            id=main_id, term=forms[0], kind=k, variants=tuple(_unique(forms[1:])),
            replaces=tuple(_unique(bad_full + ([] if short else bad_short))),
            titles=titles, note=note, source=where,
        ))
        if short:
            explicit = [t[0] for t in full if t[2] == "full"]
            acr = ordered(short)
            out.append(Term(
                id=f"{main_id}:acronym", term=acr[0], kind="acronym", variants=tuple(_unique(acr[1:])),
                replaces=tuple(_unique(bad_short)), expands=(explicit or forms)[0], source=where,
            ))
    else:  # only acronyms: an acronym entry without an expansion
        acr = ordered(short)
        out.append(Term(
            id=eid or f"acronym:{slug(acr[0])}", term=acr[0], kind="acronym",
            variants=tuple(_unique(acr[1:])), replaces=tuple(_unique(bad_full + bad_short)),
            note=note, source=where,
        ))
    return out


def _unique(items):
    seen, out = set(), []
    for i in items:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def to_tbx(glossary: Glossary, title: str = "audit glossary") -> bytes:
    """Write a glossary as TBX 3 (TBX-Basic, DCA style), one ``conceptEntry`` per entry.

    An acronym entry whose expansion is the term of another entry is written
    inside that entry (``termType`` acronym next to the ``fullForm``).  Titles go
    to ``<descrip type="titles">``; specs are not written (TBX has no place for them).
    """
    from xml.sax.saxutils import escape, quoteattr

    full_entries = {t.term: t for t in glossary.terms if t.kind != "acronym"}
    attached: dict[str, list[Term]] = {}
    for t in glossary.terms:
        if t.kind == "acronym" and t.expands in full_entries:
            attached.setdefault(t.expands, []).append(t)

    def term_sec(text: str, status: str | None = None, ttype: str | None = None) -> str:
        notes = "".join(
            f'<termNote type="{k}">{v}</termNote>'
            for k, v in (("termType", ttype), ("administrativeStatus", status and f"{status}Term-admn-sts")) if v
        )
        return f"        <termSec><term>{escape(text)}</term>{notes}</termSec>\n"

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n',
        f"  <tbxHeader><fileDesc><sourceDesc><p>{escape(title)}</p></sourceDesc></fileDesc></tbxHeader>\n",
        "  <text><body>\n",
    ]
    for t in glossary.terms:
        if t.kind == "acronym" and t.expands in full_entries:
            continue  # written inside its full form's entry
        out.append(f"    <conceptEntry id={quoteattr(t.id)}>\n")
        out.append(f'      <descrip type="subjectField">{t.kind}</descrip>\n')
        if t.titles:
            out.append(f'      <descrip type="titles">{escape("|".join(t.titles))}</descrip>\n')
        if t.note:
            out.append(f"      <note>{escape(t.note)}</note>\n")
        out.append('      <langSec xml:lang="en">\n')
        acronyms = attached.get(t.term, []) if t.kind != "acronym" else []
        if t.kind == "acronym":
            out.append(term_sec(t.term, "preferred", "acronym"))
            out += [term_sec(v, "admitted", "acronym") for v in t.variants]
            out += [term_sec(r, "deprecated", "acronym") for r in t.replaces]
            if t.expands:
                out.append(term_sec(t.expands, "admitted", "fullForm"))
        else:
            out.append(term_sec(t.term, "preferred", "fullForm" if acronyms else None))
            out += [term_sec(v, "admitted") for v in t.variants]
            out += [term_sec(r, "deprecated") for r in t.replaces]
            for a in acronyms[:1]:  # one acronym per concept: the reader pairs it with this entry
                out.append(term_sec(a.term, "preferred", "acronym"))
                out += [term_sec(v, "admitted", "acronym") for v in a.variants]
                out += [term_sec(r, "deprecated", "acronym") for r in a.replaces]
        out.append("      </langSec>\n    </conceptEntry>\n")
        for a in acronyms[1:]:  # further acronyms of the same full form get their own concept
            out.append(f"    <conceptEntry id={quoteattr(a.id)}>\n      <langSec xml:lang=\"en\">\n")
            out.append(term_sec(a.term, "preferred", "acronym"))
            out.append(term_sec(a.expands, "admitted", "fullForm"))
            out.append("      </langSec>\n    </conceptEntry>\n")
    out.append("  </body></text>\n</tbx>\n")
    return "".join(out).encode("utf-8")


if __name__ == "__main__":  # python -m audit.glossary.tbx GLOSSARY > glossary.tbx
    import sys

    from . import load_one

    sys.stdout.buffer.write(to_tbx(load_one(sys.argv[1]), title=sys.argv[2] if len(sys.argv) > 2 else "audit glossary"))
