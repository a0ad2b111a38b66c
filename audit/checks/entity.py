"""Entity family: official events and organizations named with a wrong country,
a wrong body, or words that are not the official name.

Every cue comes from the glossary's ``org`` and ``event`` entries (and ``acronym``
entries, whose expansion is an official name), split into components:

* an ordinal (``53rd``), which identifies one meeting in a series;
* a country qualifier (``ROK-U.S.``, ``U.S.``), compared country by country, with
  aliases from the glossary (an acronym and its expansion, a place and its variants);
* a head noun (``Meeting``, ``Command``) and content words;
* acronyms (``SCM``, ``(CFC)`` after the name);
* for institutions named ``X of Y`` (``Ministry of National Defense``), the glossary
  persons whose title has the same complement (``Minister of National Defense``):
  two such institutions of different people are counterparts (``Department of
  Defense``), and using one for the other's country is a wrong entity.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from ._country_table import codes_of
from ._country_table import iso_codes
from ._country_table import written_keys as _country_keys  # the form, last word, initials, demonym stem
from .registry import Example, checker, make_finding, rule
from .titles import STOPWORDS, content_words, country_names, find_mentions, is_countryish, norm_token, title_index
from .titles import norm as _norm


@functools.lru_cache(maxsize=1 << 14)
def norm(text: str) -> str:
    """The titles family's comparison key, with commas as spaces (a list's commas in a name,
    'Political, Security, and Defense Dialogue', are punctuation) and American spelling
    ('Self-Defence' = 'Self-Defense')."""
    from .confusables_data import SPELLING

    key = _norm(text.replace(",", " ")) if "," in text else _norm(text)
    return " ".join(SPELLING.get(w, w) for w in key.split(" "))

FAMILY = "entity"

_ORD = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
# ordinals written out, 1st to 99th ("Fourth", "Twenty-first", "Fiftieth")
_UNITS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
          "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS = "twent thirt fort fift sixt sevent eight ninet".split()
_WRITTEN = {w: i + 1 for i, w in enumerate(_UNITS)}
_WRITTEN.update({t + "ieth": 20 + 10 * i for i, t in enumerate(_TENS)})
_WRITTEN.update({f"{t}y-{u}": 20 + 10 * i + j + 1 for i, t in enumerate(_TENS) for j, u in enumerate(_UNITS[:9])})
_WRITTEN_ORD = "(?i:" + "|".join(sorted(_WRITTEN, key=len, reverse=True)) + ")"
_NOT_CTRY = r"(?!(?:The|A|An|Both|This|That|These|Those|In|On|At|For|Of|And|By|With|From|To)\b)"
_CTRY = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]{{2,5}}\b|{_NOT_CTRY}[A-Z][a-z]+(?:[ \t]+{_NOT_CTRY}[A-Z][a-z]+)?)"
_QUAL = rf"{_CTRY}(?:[\-\u2010\u2011\u2013]{_CTRY})+"
_QUAL_RE = re.compile(rf"^(?P<qual>{_QUAL})[ \t]+")
_SINGLE_Q_RE = re.compile(r"^(?P<qual>(?:[A-Z]\.){2,}|[A-Z]{2,5})[ \t]+(?=[A-Z])")
_W = r"(?:[A-Z][\w\u2019'\-]*|\d\+\d)"  # a word of a name, or a format such as '2+2'
# words of a name, joined by spaces, connectors, or the commas of a list ('Political, Security, and Defense')
_NAME = rf"{_NOT_CTRY}{_W}(?:(?:,?[ \t]+(?:(?:of|for|and|on|the)[ \t]+)*){_W})*"
_CAND = re.compile(
    # a written ordinal only before a country pair: the fast scan finds candidates by their pair's hyphen
    rf"(?<![\w\-.])(?:(?P<ord>\d{{1,3}}(?:st|nd|rd|th)|{_WRITTEN_ORD}(?=[ \t]+{_QUAL}[ \t]))[ \t]+)?"
    rf"(?:(?P<qual>{_QUAL})[ \t]+)?(?P<name>{_NAME})"
    rf"(?:[ \t]+(?P<lhead>[a-z]+))?(?:[ \t]*\((?P<acr>[A-Z][A-Za-z0-9\-]{{1,9}})\))?"
)
_AND = re.compile(r"[ \t]+and[ \t]+")
# Every candidate with an ordinal or a country pair holds one of these: a digit before st/nd/rd/th, or a
# hyphen before a capital (a superset is fine).  A candidate never holds a character outside _IN_CAND,
# so the text between two such characters can be scanned on its own with the same matches.
_ANCHOR = re.compile(r"[\d\-\u2010\u2011\u2013](?:st|nd|rd|th|[A-Z])")
_NOT_IN_CAND = re.compile(r"[^\w'\u2019\-\u2010\u2011\u2013. \t()+,]")
# A safe cut: after a lower-case word that is not a name connector, and its spaces, before anything but
# "(": a candidate holding that word ends with it (it can only be the trailing head noun), so no candidate
# runs across the cut.  _CUT_BACK is the same cut searched in the reversed text.
_CUT = re.compile(r"(?<=[ \t])(?!(?:of|for|and|on|the)[ \t])[a-z]+[ \t]+(?=[^(\s])")
_CUT_BACK = re.compile(r"(?<=[^(\s])[ \t]+(?!(?:fo|rof|dna|no|eht)[ \t])[a-z]+(?=[ \t])")
# the nearer of the two bounds in one search (neither kind of match holds a character of the other)
_BOUND_AFTER = re.compile(_NOT_IN_CAND.pattern + "|" + _CUT.pattern)
_BOUND_BEFORE = re.compile(_NOT_IN_CAND.pattern + "|" + _CUT_BACK.pattern)
_QUAL_BEFORE = re.compile(rf"(?P<q>{_CTRY}|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)(?:['\u2019]s)?[ \t]+(?:the[ \t]+)?$")
_DIGITS = re.compile(r"\d+")
# an official form's leading ordinal, in figures or written out ("53rd", "Fourth")
_ORD_PREFIX = re.compile(rf"^(\d{{1,3}}(?:st|nd|rd|th)|{_WRITTEN_ORD})[ \t]+", re.I)
_COUNTRY_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")
_WORD_QUAL = re.compile(r"^(?P<qual>[A-Z][a-z]+)[ \t]+(?=[A-Z])")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9\-]+)\)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")


def _is_acronym(form: str) -> bool:
    return " " not in form and bool(_ACRONYM.match(form)) and sum(c.isupper() for c in form) >= 2


def _same_stem(lead: str, heads) -> bool:
    """Ministry ~ Minister, Secretariat ~ Secretary: a shared stem of five letters or more."""
    return any(len(h) >= 5 and len(lead) >= 5 and h[:6] == lead[:6] for h in heads)


_QUAL_SEP = re.compile(r"(?<=[\w.])[\-\u2010\u2011\u2013](?=[A-Z])")


def split_countries(qual: str) -> list[str]:
    return list(_split_countries(qual))


@functools.lru_cache(maxsize=4096)
def _split_countries(qual: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in _QUAL_SEP.split(qual) if c.strip())


_COMPASS = frozenset("north south east west new united".split())


@functools.lru_cache(maxsize=4096)
def trim_qualifier(qual: str, places: frozenset = frozenset()) -> tuple[str, str]:
    """(qualifier, words given back to the name): the last country of ``U.S.-Japan Security`` is
    ``Japan``; two words stay a country only when they name one together (``South Korea``,
    ``United States``, a glossary place).  The qualifier ends at the first part that is no country:
    ``EU-Japan High-Level`` is ``EU-Japan`` before ``High-Level``, ``Japan Self-Defense`` is ``Japan``
    before ``Self-Defense``."""
    pos = 0
    for part in _split_countries(qual):
        at = qual.index(part, pos)
        words = part.split()
        if len(words) == 2:
            k = norm(part)
            if not (k in places or norm_token(words[0]) in _COMPASS or k in country_names()):
                second = at + part.index(words[1], len(words[0]))
                return qual[:second].rstrip(" \t"), qual[second:]
        pos = at + len(part)
    return qual, ""


def _iso(c: str) -> frozenset[str]:
    """ISO 3166 alpha-3 codes a country as written may stand for (empty: not a country pycountry knows)."""
    return iso_codes().get(norm(c), frozenset())


@dataclass(frozen=True)
class Entity:
    id: str
    term: str
    kind: str
    ordinal: Optional[str]
    countries: tuple[str, ...]
    core_keys: frozenset[str]
    acronyms: frozenset[str]
    head: str
    words: frozenset[str]
    bare: str  # the official form without ordinal (qualifier kept)
    complement: str  # "national defense" for "Ministry of National Defense"
    lead: str  # "ministry" for "Ministry of National Defense"
    qualified: str  # the official form with its country qualifier, without ordinal
    long_forms: tuple[str, ...]
    # (countries as written, the form without ordinal) of every long form with a country qualifier
    qualifiers: tuple[tuple[tuple[str, ...], str], ...] = ()


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[Entity, ...]
    by_core: dict
    by_acronym: dict
    by_ordinal: dict
    heads: frozenset[str]
    by_head: dict
    by_word: dict  # content word -> entity indexes
    alias_groups: dict  # country key -> numbers of the alias groups it belongs to
    places: frozenset  # the glossary's place names (normalised), for two-word countries
    group_iso: tuple  # alias group number -> ISO 3166 codes of its written forms
    links: dict  # entity index -> frozenset of person indexes
    counterparts: dict  # entity index -> tuple of entity indexes
    mention_re: Optional[re.Pattern]
    form_owner: dict

    def same_country(self, a: str, b: str) -> bool:
        ka, kb = _country_keys(a), _country_keys(b)
        if ka & kb:
            return True
        ga = {g for k in ka for g in self.alias_groups.get(k, ())}
        return any(g in ga for k in kb for g in self.alias_groups.get(k, ()))

    def alias_of(self, a: str, b: str) -> bool:
        """``a`` is ``b`` written another way: the same country for the glossary's aliases, and not two
        different ISO 3166 countries (``North Korea`` shares ``Korea`` with ``ROK`` but is another state).
        Two forms the shared country table knows (names, common short forms, adjectives: ``British`` =
        ``UK``, ``French`` = ``France``) are the same country when their codes meet."""
        ca, cb = codes_of(a), codes_of(b)
        if ca and cb:
            return bool(ca & cb)
        if not self.same_country(a, b):
            return False
        ia, ib = _iso(a), _iso(b)
        if ia and not ib:  # "ROK" is unknown to ISO: compare with the glossary aliases that ISO knows
            ib = self.iso_of(b)
        elif ib and not ia:
            ia = self.iso_of(a)
        return not (ia and ib and not ia & ib)

    def iso_of(self, c: str) -> frozenset[str]:
        """ISO codes of a country through the glossary's alias groups (ROK -> Republic of Korea -> KOR)."""
        codes = _iso(c)
        if codes:
            return codes
        out: set[str] = set()
        for k in _country_keys(c):
            for g in self.alias_groups.get(k, ()):
                out |= self.group_iso[g]
        return frozenset(out)


def _parse_form(form: str, places: frozenset = frozenset()) -> tuple[Optional[str], tuple[str, ...], str]:
    """(ordinal, countries, core) of an official form."""
    s = form.strip()
    ordinal = None
    m = _ORD_PREFIX.match(s)
    if m:
        ordinal, s = _ordinal_number(m.group(1)), s[m.end():]
    countries: tuple[str, ...] = ()
    q = _QUAL_RE.match(s) or _SINGLE_Q_RE.match(s)
    if q and len(s[q.end():].split()) >= 1:
        qual, back = trim_qualifier(q.group("qual"), places)
        countries, s = _split_countries(qual), (f"{back} " if back else "") + s[q.end():]
    else:
        w = _WORD_QUAL.match(s)
        if w and is_countryish(w.group("qual"), places) and len(s[w.end():].split()) >= 1:
            countries, s = (w.group("qual"),), s[w.end():]
    return ordinal, countries, s


def _complement(words) -> str:
    """The field of an 'X of Y' title or institution, spelling made one ('Defence' = 'Defense')."""
    from .confusables_data import SPELLING

    return " ".join(SPELLING.get(w, w) for w in words if w != "the")


def build_entity_index(glossary) -> EntityIndex:
    tidx = title_index(glossary)
    raw = list(glossary.of_kind("org", "event"))
    ents: list[dict] = []
    for t in raw:
        ordinal, countries, cores, acrs, long_forms, stripped, quals = None, [], set(), set(), [], set(), []
        for f in t.forms:
            if _is_acronym(f):
                acrs.add(f)
                continue
            long_forms.append(f)
            o, c, core = _parse_form(f, tidx.places)
            ordinal = ordinal or o
            countries.extend(x for x in c if x not in countries)
            cores.add(norm(core))
            stripped.add(norm(core))
            if c:
                cores.add(norm(f[m.end():] if m else f) if (m := _ORD_PREFIX.match(f)) else norm(f))
                quals.append((c, _ORD_PREFIX.sub("", f)))
            pm = _PAREN_ACRONYM.search(core)
            if pm:
                acrs.add(pm.group(1))
                cores.add(norm(core[: pm.start()]))
        ents.append(dict(id=t.id, term=t.term, kind=t.kind, ordinal=ordinal, countries=countries,
                         cores=cores, acrs=acrs, long_forms=long_forms, stripped=stripped, quals=quals))
    alias_groups = []
    alias_iso: list[frozenset[str]] = []  # ISO codes of each group's written forms (ROK / Republic of Korea -> KOR)
    ents_by_core: dict[str, list[dict]] = {}
    for e in ents:
        for c in e["cores"]:
            ents_by_core.setdefault(c, []).append(e)
    for t in glossary.of_kind("acronym"):
        if not t.expands:
            continue
        ek = norm(t.expands)
        hit = ents_by_core.get(ek, [])
        for e in hit:
            e["acrs"].add(t.term)
        if not hit and _COUNTRY_ACRONYM.fullmatch(t.term):
            g = set()
            for x in (t.term, t.expands):
                g |= _country_keys(x)
            alias_groups.append(frozenset(g))
            alias_iso.append(_iso(t.term) | _iso(t.expands))
    country_acrs = {c for e in ents for c in e["countries"] if _COUNTRY_ACRONYM.fullmatch(c)}
    if country_acrs:
        blob = "\n".join(x for t in glossary.terms for x in (t.term, *t.variants, t.expands or "", t.note or ""))
        by_initials: dict[str, set[str]] = {}
        for ph in set(re.findall(r"\b[A-Z][a-z]+(?:[ \t]+(?:of|the|and)?[ \t]*[A-Z][a-z]+){1,3}", blob)):
            by_initials.setdefault("".join(w[0] for w in ph.lower().split()), set()).add(ph)
        for c in country_acrs:
            for ph in sorted(by_initials.get(c.replace(".", "").lower(), ())):
                alias_groups.append(frozenset(_country_keys(c) | _country_keys(ph)))
                alias_iso.append(_iso(c) | _iso(ph))
    for t in glossary.of_kind("place"):
        g = set()
        for x in t.forms:
            g |= _country_keys(x)
        alias_groups.append(frozenset(g))
        alias_iso.append(frozenset().union(*(_iso(x) for x in t.forms)))
    alias_lists: dict[str, list[int]] = {}
    for n, g in enumerate(alias_groups):
        for k in g:
            alias_lists.setdefault(k, []).append(n)
    alias_map = {k: tuple(v) for k, v in alias_lists.items()}
    entities = []
    for e in ents:
        main = sorted(e["stripped"], key=len, reverse=True)[0] if e["stripped"] else norm(e["term"])
        words = set()
        for c in e["stripped"]:
            words |= content_words(c)
        bare = e["term"]
        m = _ORD_PREFIX.match(bare)
        if m:
            bare = bare[m.end():]
        qualified = next((f for f in e["long_forms"] if _QUAL_RE.match(_ORD_PREFIX.sub("", f))), bare)
        qualified = _ORD_PREFIX.sub("", qualified)
        comp = lead = ""
        for c in sorted(e["stripped"], key=len):
            ws = c.split()
            if "of" in ws[1:]:
                comp = _complement(ws[ws.index("of") + 1:])
                lead = ws[ws.index("of") - 1]
                break
        entities.append(Entity(
            id=e["id"], term=e["term"], kind=e["kind"], ordinal=e["ordinal"], countries=tuple(e["countries"]),
            core_keys=frozenset(e["cores"]), acronyms=frozenset(e["acrs"]), head=main.split()[-1] if main else "",
            words=frozenset(words), bare=bare, complement=comp, lead=lead, qualified=qualified, long_forms=tuple(e["long_forms"]),
            qualifiers=tuple(e["quals"]),
        ))
    by_core: dict[str, list[int]] = {}
    by_acr: dict[str, list[int]] = {}
    by_ord: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        for k in e.core_keys:
            by_core.setdefault(k, []).append(i)
        for a in e.acronyms:
            by_acr.setdefault(a.upper(), []).append(i)
        if e.ordinal:
            by_ord.setdefault(e.ordinal, []).append(i)
    # institutions linked to the persons whose title shares their complement
    by_complement: dict[str, set[int]] = {}
    for j, p in enumerate(tidx.persons):
        for k in p.title_keys:
            ws = k.split()
            if "of" in ws[1:] and ws.index("of") > 0:
                by_complement.setdefault(_complement(ws[ws.index("of") + 1:]), set()).add(j)
    links: dict[int, frozenset[int]] = {}
    by_comp_word: dict[str, list[int]] = {}
    ents_by_comp: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        if e.kind == "org" and e.complement and e.complement in by_complement:
            ents_by_comp.setdefault(e.complement, []).append(i)
    for comp, group in ents_by_comp.items():
        ps = by_complement[comp]
        if len(group) == 1:
            links[group[0]] = frozenset(ps)
        else:  # "Ministry of Defence" and "Department of Defence": Minister ~ Ministry, the rest to the other
            claimed = {i: {j for j in ps if _same_stem(entities[i].lead, tidx.persons[j].title_heads)} for i in group}
            left = set(ps) - set().union(*claimed.values())
            unclaimed = [i for i in group if not claimed[i]]
            for i in group:
                if claimed[i]:
                    links[i] = frozenset(claimed[i])
                elif len(unclaimed) == 1 and left:
                    links[i] = frozenset(left)
        for i in group:
            if i in links:
                for w in set(comp.split()):
                    by_comp_word.setdefault(w, []).append(i)
    counterparts: dict[int, tuple[int, ...]] = {}
    for i in links:
        near = {j for w in set(entities[i].complement.split()) for j in by_comp_word.get(w, ())}
        cs = sorted(j for j in near if j != i and not (links[i] & links[j]))
        if cs:
            counterparts[i] = tuple(cs)
    by_head: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        by_head.setdefault(e.head, []).append(i)
        for w in e.words:
            if w != e.head:
                by_word.setdefault(w, []).append(i)
    form_owner: dict[str, int] = {}
    for i in counterparts:
        for f in entities[i].long_forms:
            o, c, core = _parse_form(f)
            form_owner[norm(core)] = i
    cores = sorted({c for i in counterparts for f in entities[i].long_forms for c in [_parse_form(f)[2]]}, key=len, reverse=True)
    # the first letter before the look-behind lets the regex engine skip to the possible first letters
    mention_re = re.compile(
        r"(?:" + "|".join(re.escape(c[0]) + r"(?<![\w\-]" + re.escape(c[0]) + ")" + re.escape(c[1:]) for c in cores if c)
        + r")(?![\w\-])"
    ) if any(cores) else None
    return EntityIndex(
        entities=tuple(entities),
        by_core={k: tuple(v) for k, v in by_core.items()},
        by_acronym={k: tuple(v) for k, v in by_acr.items()},
        by_ordinal={k: tuple(v) for k, v in by_ord.items()},
        heads=frozenset(e.head for e in entities if e.head),
        by_head={k: tuple(v) for k, v in by_head.items()},
        by_word={k: tuple(v) for k, v in by_word.items()},
        alias_groups=alias_map,
        places=tidx.places,
        group_iso=tuple(alias_iso),
        links=links,
        counterparts=counterparts,
        mention_re=mention_re,
        form_owner=form_owner,
    )


def entity_index(glossary) -> EntityIndex:
    return glossary.compiled("entity.index.v2", build_entity_index)


# --------------------------------------------------------------------------- rules

_DEMO = """
[[event]]
term = "12th France-India Strategic Dialogue"
variants = ["Strategic Dialogue"]

[[org]]
term = "Ministry of Armed Forces"
variants = ["French Ministry of Armed Forces"]
"""

WRONG_ENTITY = rule(
    code="ENT001",
    name="wrong-entity",
    family=FAMILY,
    summary="An official event or organization named with the wrong country, or another party's institution.",
    severity="critical",
    category="Accuracy/Mistranslation",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A mention that the glossary identifies as one of its events or organizations (by
the ordinal, `53rd`; by the acronym in parentheses; by a country pair and the same
head noun and words) but whose country qualifier names a country that is not a
party to it (`53rd China-US Defense Conference` for the 53rd ROK-U.S. Security
Consultative Meeting).  Without an ordinal or acronym the same words with other countries
are reported only when the document names the entity with its own parties elsewhere and
the other country nowhere but in such names (confidence 0.7).  Countries are compared with aliases from the glossary
(`ROK` = `Republic of Korea` = `South Korea`; `U.S.` = `US`).

Also an institution used for the other party: two glossary institutions
`X of Y` are *counterparts* when the glossary persons whose titles share their
complement differ (`Ministry of National Defense` for the Minister of National
Defense, `Department of Defense` for the Secretary of Defense).  The institution
is flagged when a country qualifier names the counterpart's country (`the U.S.
Ministry of National Defense`), or when the only participant in the sentence,
mentioned before it, is the counterpart's person (confidence 0.8 when that person
is named, 0.6 when only a title points to them)
(`Secretary Austin ... a priority theater of the Ministry of National Defense`).
And (confidence 0.6) the page's own voice: when a breadcrumb line of the page names
one institution as a segment (`Joint Communique> U.S. Department of Defense>
Released`: the publisher), a sentence in the first person (`we`, `our`, `us`) whose
subject is the publisher's counterpart, with no person in it, is the publisher
speaking (`The Ministry of National Defense provides ... our national security` ->
`Department of Defense`).

## Why it matters
Severity is **critical**: the sentence now names a different body or another
country's meeting, which changes the facts the document reports (MQM reserves
critical for errors that mislead about who did what).

## Example
    ...the discussions at the 53rd China-US Defense Conference...

## Preferred
    ...the discussions at the 53rd ROK-U.S. Security Consultative Meeting...
""",
    examples=(
        Example("The talks at the 12th China-India Security Forum were useful.", ("ENT001",),
                glossary=_DEMO, flagged="12th China-India Security Forum"),
        Example("The talks at the 12th France-India Strategic Dialogue were useful.", (), glossary=_DEMO),
    ),
)

ENTITY_FORM = rule(
    code="ENT002",
    name="entity-not-official-name",
    family=FAMILY,
    summary="A glossary event or organization, identified by its ordinal or country pair, named with words that are not its official name.",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A mention with an ordinal or a country pair that the glossary identifies as one of
its events or organizations (same ordinal; or same head noun and at least half of
the words), with the right countries, but whose words differ from every official
form: `53rd South Korea-US Security Consultation Meeting`, `20th Korea-U.S.
Comprehensive Defense Dialogue` (Korea-U.S. Integrated Defense Dialogue).  A
different ordinal with the official name (`the 54th SCM`) is another meeting and is
not flagged; a wrong expansion before an acronym in parentheses is left to the
acronym family (ACR002).

## Why it matters
Severity is **major**: the reader can still tell which meeting is meant, but the
official name is a term of art that must be quoted exactly.

## Example
    ...the 53rd South Korea-US Security Consultation Meeting was held in Seoul.

## Preferred
    ...the 53rd ROK-U.S. Security Consultative Meeting was held in Seoul.
""",
    examples=(
        Example("The 12th France-India Strategic Talks opened.", ("ENT002",), glossary=_DEMO,
                flagged="12th France-India Strategic Talks"),
        Example("The 12th France-India Strategic Dialogue opened; the 13th Strategic Dialogue follows.", (), glossary=_DEMO),
    ),
)


_DEMO_2P2 = """
[[event]]
term = "U.S.-Japan Security Consultative Committee"
variants = ["2+2"]
"""

UNOFFICIAL_QUALIFIER = rule(
    code="ENT003",
    name="unofficial-qualifier",
    family=FAMILY,
    summary="A glossary event or organization named exactly, but with its country qualifier written in an unofficial form of the same countries.",
    severity="minor",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A mention of a glossary event or organization whose official form carries a
country qualifier (`ROK-U.S.`, `U.S.-Japan`, `NATO-Ukraine`), written with the
right name words but a qualifier that renders the same countries another way:
`46th South Korea-US Military Committee meeting` for the 46th ROK-U.S. Military
Committee Meeting, `US-Japan Security Consultative Committee`, `Nato-Ukraine
Council`.  Countries are the same when the glossary's aliases say so (an acronym
and its expansion, a place and its variants, `US` = `U.S.`) and ISO 3166
(pycountry) does not name two different states (`North Korea` is not `ROK`: that
is a wrong entity, ENT001).  One finding covers the whole name, so a case drift in
the name (`meeting`) is reported with it rather than separately.

Not flagged: the official form and the glossary's admitted variants; the official
country spellings in the other order (`Japan-U.S. Security Consultative
Committee`: each party names itself first); a qualifier before an acronym
(`the Korea-U.S. MCM`) or outside a glossary name (`South Korea-US relations`,
`the South Korea-US alliance`).

## Why it matters
Severity is **minor**: the countries and the body are right, so the reader is not
misled (a different country is ENT001, critical; different name words are ENT002,
major), but an official name is quoted in its official form, qualifier included.

## Example
    ...co-chaired the 46th South Korea-US Military Committee meeting.

## Preferred
    ...co-chaired the 46th ROK-U.S. Military Committee Meeting.
""",
    examples=(
        Example("The US-Japan Security Consultative Committee met in Tokyo.", ("ENT003",), glossary=_DEMO_2P2,
                flagged="US-Japan Security Consultative Committee"),
        Example("The U.S.-Japan Security Consultative Committee met; the Japan-U.S. Security Consultative Committee "
                "is the same body, and US-Japan relations are close.", (), glossary=_DEMO_2P2),
    ),
)


def _qualifier_fix(eidx: EntityIndex, e: Entity, qual: str, alias=None) -> Optional[tuple[str, str]]:
    """(official qualifier, official form without ordinal) when ``qual`` names exactly the entity's
    parties, each an alias of an official one, but is not written as any official form writes them."""
    doc = _split_countries(qual)
    if not e.qualifiers or len(doc) < 2:
        return None
    alias = alias or eidx.alias_of
    for countries, _form in e.qualifiers:
        if sorted(countries) == sorted(doc):
            return None  # the official spelling (in either order)
    if not all(any(alias(c, x) for x in e.countries) for c in doc) or not all(
        any(alias(c, x) for c in doc) for x in e.countries
    ):
        return None
    same_order = [(cs, f) for cs, f in e.qualifiers
                  if len(cs) == len(doc) and all(alias(a, b) for a, b in zip(doc, cs))]
    cs, form = same_order[0] if same_order else next(
        ((cs, f) for cs, f in e.qualifiers if f == e.qualified), e.qualifiers[0])
    m = _QUAL_RE.match(form) or _SINGLE_Q_RE.match(form)
    # the qualifier as _parse_form reads it: "United States-Philippines", not "... Philippines Ministerial"
    return (trim_qualifier(m.group("qual"), eidx.places)[0] if m else "-".join(cs)), form


# a word or two that may name a country ('China', 'Chinese', 'South Korea', 'U.S.')
_COUNTRY_WORD = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?|[A-Z]{2,5})(?![\w])")


def _ordinal_number(ordinal: str) -> str:
    """'53rd' -> '53', 'Fourth' -> '4', 'Twenty-first' -> '21'."""
    m = _DIGITS.match(ordinal)
    return m.group(0) if m else str(_WRITTEN[ordinal.lower()])


def _numbered_form(e: Entity, base: str, ordinal: str) -> str:
    """The entity's name with its ordinal, for a mention that has the entity's own ordinal: the official
    form that writes that ordinal before ``base``, else the term if it carries it, else ``base`` after the
    document's ordinal (the term may be the bare name: "UK-France Summit", "37th UK-France Summit")."""
    key = norm(base)
    for f in (e.term, *e.long_forms):
        m = _ORD_PREFIX.match(f)
        if m and _ordinal_number(m.group(1)) == e.ordinal and norm(f[m.end():]) == key:
            return f
    if _ORD_PREFIX.match(e.term):
        return e.term
    return f"{ordinal} {base}"


def _identify(eidx: EntityIndex, ordinal, name_full: str, acr, doc_ordinals=None, qual=None, same=None) -> tuple[Optional[int], str, bool]:
    """(entity index, cue, exact) for a candidate mention.

    ``doc_ordinals`` maps an ordinal to the entity the document itself attaches it to
    elsewhere ("the 53rd ... Security Consultation Meeting" makes "53rd" the SCM).
    """
    key = norm(name_full)
    hits = eidx.by_core.get(key) or eidx.by_acronym.get(name_full.upper())
    if hits:
        return hits[0], "exact", True
    if acr and acr.upper() in eidx.by_acronym:
        return eidx.by_acronym[acr.upper()][0], "acronym", False
    if acr and not acr.isdigit():
        return None, "", False  # its own acronym, unknown to the glossary: another body (AUSMIN next to AUKMIN)
    words = content_words(name_full)
    head = key.split()[-1] if key else ""

    def jac(e):
        return len(words & e.words) / max(1, len(words | e.words))

    # same head noun, half the words, and the same parties: "Korea-U.S. Comprehensive Defense Dialogue"
    if qual and len(words) >= 2:
        doc_countries = _split_countries(qual)
        same = same or eidx.same_country

        def same_parties(e):
            return bool(e.countries) and all(any(same(c, x) for c in doc_countries) for x in e.countries) \
                and all(any(same(c, x) for x in e.countries) for c in doc_countries)

        near = set()
        for w in words - {head}:
            near.update(eidx.by_word.get(w, ()))
        cands = [i for i in eidx.by_head.get(head, ()) if i in near
                 and jac(eidx.entities[i]) >= 0.5 and (words - {head}) & eidx.entities[i].words and same_parties(eidx.entities[i])]
        if cands:
            return max(cands, key=lambda i: jac(eidx.entities[i])), "words", False
    if not ordinal:
        return None, "", False
    if doc_ordinals and len(doc_ordinals.get(ordinal, ())) == 1:
        return next(iter(doc_ordinals[ordinal])), "ordinal", False
    numbered = eidx.by_ordinal.get(ordinal, ())
    related = [i for i in numbered if jac(eidx.entities[i]) > 0 or eidx.entities[i].head == head]
    if related:
        return max(related, key=lambda i: (jac(eidx.entities[i]), eidx.entities[i].head == head)), "ordinal", False
    if len(numbered) == 1:
        return numbered[0], "ordinal", False
    return None, "", False


def _candidates(text: str):
    """The matches of ``_CAND.finditer(text)`` that can hold an ordinal or a country pair, in order.

    Only the stretch around each anchor is scanned: from the last character no candidate contains, or the
    last safe cut, before it to the first such character or cut after it.  No candidate crosses those
    bounds, so a scan started there finds the same matches as the scan of the whole text
    (tests/checks/test_entity.py compares both on every corpus document and on random texts)."""
    n = len(text)
    rev = None
    end = -1
    for a in _ANCHOR.finditer(text):
        p = a.start()
        if p < end:
            continue  # inside the stretch just scanned
        if rev is None:
            rev = text[::-1]
        b = _BOUND_BEFORE.search(rev, n - p)  # a character no candidate holds, or a cut
        begin = n - b.start() if b else 0
        f = _BOUND_AFTER.search(text, a.end())
        end = (f.end() if "a" <= f.group(0)[0] <= "z" else f.start()) if f else n  # a cut ends after its spaces
        yield from _CAND.finditer(text, begin, end)


_CUES = {"ordinal": "ordinal", "words": "head noun and words", "exact": "name", "acronym": "acronym"}


def _mentions_between(text: str, tidx, s0: int, s1: int, found: dict) -> list:
    """(start in ``text``, mention) of the titles/names (``titles.find_mentions``) that start in
    ``text[s0:s1]``, found in the lines around it
    only: a mention never crosses a line break (its patterns join words with spaces and tabs), so the
    lines give the same mentions as the whole document (tested on the seed and composed texts)."""
    ls = text.rfind("\n", 0, s0) + 1
    le = text.find("\n", s1)
    le = len(text) if le < 0 else le
    key = (ls, le)
    if key not in found:
        found[key] = [(ls + mm.start, mm) for mm in find_mentions(text[ls:le], tidx)]
    return [(st, mm) for st, mm in found[key] if s0 <= st < s1]


_SENT_BREAK = re.compile(r"(?<=[a-z0-9)\]][.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018]?[A-Z0-9])|\n\s*\n")
_IN_BREAK = "\"'\u201d\u2019"  # with white space, the only characters a sentence break holds


def _sentences(text: str):
    start = 0
    for m in _SENT_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _sentences_with(text: str, hits: list[tuple[int, int]]):
    """The spans of ``_sentences(text)`` that overlap one of ``hits`` (sorted, non-overlapping), found
    around each hit: a break never holds a character outside white space and quotes, so a scan for breaks
    that starts on such a character finds the same breaks as the scan from the start of the text."""
    n = len(text)
    spans = []
    for a, b in hits:
        if spans and a < spans[-1][1]:
            continue  # in the sentence just found
        m = _SENT_BREAK.search(text, a)  # text[a] starts a name: no break runs through it
        s1 = m.start() if m else n
        if s1 < b:  # a break inside the name ("No. 2 ..."): the plain way
            return [(s0, e) for s0, e in _sentences(text) if any(x < e and y > s0 for x, y in hits)]
        q, step, s0 = a, 256, None
        while s0 is None:
            q = max(0, q - step)
            while q > 0 and (text[q].isspace() or text[q] in _IN_BREAK):
                q -= 1
            last = None
            for m in _SENT_BREAK.finditer(text, q):
                if m.start() >= a:
                    break
                last = m
            if last is not None:
                s0 = last.end()
            elif q == 0:
                s0 = 0
            step *= 4
        spans.append((s0, s1))
    return spans


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|our|ours|us)\b")  # lower-case "us": "US" is the country
# the institution as the sentence's subject: 'The ...', 'We at the ...', 'Our mission: we at the ...'
_SUBJECT_START = re.compile(r"\s*(?:[A-Z][\w'\u2019 ]{0,40}:[ \t]+)?(?:[Ww]e[ \t]+at[ \t]+)?(?:[Tt]he[ \t]+)?")
# the institution's own country after it: 'the Ministry of Defense (MOD) of Japan'
_COUNTRY_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,12}\)[ \t]*)?of[ \t]+(?:the[ \t]+)?(?P<q>(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)")
# a transcript's speaker label: the sentence speaks for the speaker, not for the page
_SPEAKER_LABEL = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z.'\u2019 -]{2,60}:[ \t]")
_TEXT_LINE = re.compile(r"[^\r\n]+")


def _speaks_for_another(text: str, s0: int, oend: int) -> bool:
    """Does the sentence starting at ``s0`` speak for someone else than the page: its institution is
    followed by its own country ('... (MOD) of Japan'), or its line opens with a speaker label
    ('MINISTER KIHARA: ...')?"""
    m = _COUNTRY_AFTER.match(text, oend)
    if m and is_countryish(m.group("q")):
        return True
    line_start = text.rfind("\n", 0, s0) + 1
    return bool(_SPEAKER_LABEL.match(text, max(0, line_start - 1), s0 + 1)) if line_start < s0 else False


def _publisher(text: str, eidx: EntityIndex) -> Optional[int]:
    """The institution a breadcrumb line of the page names as one of its segments
    (``Joint Communique> U.S. Department of Defense> Released``): the page's publisher, whose voice
    the page's own first person is.  None unless exactly one such institution is named."""
    from .chrome import breadcrumb_segments

    found = set()
    for m in _TEXT_LINE.finditer(text):
        line = m.group(0)
        if not eidx.mention_re.search(line):
            continue
        for seg in breadcrumb_segments(line.strip()):
            om = eidx.mention_re.search(seg)
            if om is None or seg[om.end():].strip():
                continue
            lead = seg[:om.start()].split()
            if all(is_countryish(w, eidx.places) or norm_token(w) == "the" for w in lead):
                i = eidx.form_owner.get(norm(om.group(0)))
                if i is not None:
                    found.add(i)
    return found.pop() if len(found) == 1 else None


@checker(FAMILY, [WRONG_ENTITY, ENTITY_FORM, UNOFFICIAL_QUALIFIER], needs_glossary=True)
def check_entities(doc, ctx):
    eidx = entity_index(ctx.glossary)
    if not eidx.entities:
        return
    text = doc.text
    same = functools.lru_cache(maxsize=None)(eidx.same_country)  # per document: qualifiers recur
    alias = functools.lru_cache(maxsize=None)(eidx.alias_of)
    seen: dict = {}  # (ordinal, name, acronym, qualifier) -> what _identify made of it: names recur
    cands = []
    doc_ordinals: dict[str, set[int]] = {}
    for m in _candidates(text):
        ordinal, qual, acr = m.group("ord"), m.group("qual"), m.group("acr")
        if not (ordinal or qual):
            continue
        name_end = m.end("name")
        name_full = m.group("name")
        lhead = m.group("lhead")
        if lhead and lhead.lower() in eidx.heads:
            name_full = text[m.start("name"):m.end("lhead")]
            name_end = m.end("lhead")
        name_start = m.start("name")
        if qual:
            qual, back = trim_qualifier(qual, eidx.places)
            if back:  # "US-Japan Security Consultative Committee": "Security" belongs to the name
                name_start = m.end("qual") - len(back)
                name_full = text[name_start:name_end]
        cut = _AND.search(name_full)
        if cut and norm(name_full[:cut.start()]) in eidx.by_core and norm(name_full) not in eidx.by_core:
            name_full = name_full[:cut.start()]  # "... Military Committee Meeting and the Korea-U.S. MCM"
            name_end = name_start + cut.start()
        ord_num = _ordinal_number(ordinal) if ordinal else None
        key = (ord_num, name_full, acr, qual)
        hit = seen.get(key)
        if hit is None:
            hit = seen[key] = _identify(eidx, ord_num, name_full, acr, qual=qual, same=same)
        i, cue, exact = hit
        if ord_num and i is not None and cue != "ordinal":
            doc_ordinals.setdefault(ord_num, set()).add(i)
        if cue == "ordinal":
            i, cue, exact = None, "", False  # decided in the second pass, with the document's own ordinals
        cands.append((m, qual, name_start, name_full, name_end, ord_num, i, cue, exact))
    right_memo: dict[int, bool] = {}

    def named_right(i: int) -> bool:
        """Does the document name entity ``i`` with its own parties (or by its acronym) somewhere?"""
        if i not in right_memo:
            e = eidx.entities[i]
            right_memo[i] = any(
                c[6] == i and (not c[1] or all(any(alias(x, y) for y in e.countries) for x in _split_countries(c[1])))
                for c in cands
            ) or any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text) for a in e.acronyms)
        return right_memo[i]

    def elsewhere(country: str) -> bool:
        """Is ``country`` (or another form of it) named outside the qualifiers of candidate names?"""
        codes = codes_of(country)
        inside = [(c[0].start(), c[4]) for c in cands if c[1]]
        for w in _COUNTRY_WORD.finditer(text):
            if any(a <= w.start() < b for a, b in inside):
                continue
            if w.group(0) == country or codes and codes_of(w.group(0)) & codes:
                return True
        return False

    for m, qual, name_start, name_full, name_end, ord_num, i, cue, exact in cands:
        ordinal, acr = m.group("ord"), m.group("acr")
        if i is None and ord_num:
            i, cue, exact = _identify(eidx, ord_num, name_full, acr, doc_ordinals, qual=qual, same=same)
        if i is None:
            continue
        e = eidx.entities[i]
        if cue == "ordinal" and not qual and len(content_words(name_full) & e.words) == 0:
            continue  # "53rd Infantry Division": same number, nothing else in common
        start = m.start()
        span = text[start:name_end]
        base = e.qualified if qual else e.bare
        if ord_num and e.ordinal == ord_num:
            official = _numbered_form(e, base, ordinal)
        elif ordinal:
            official = f"{ordinal} {base}" if not e.ordinal else base
        else:
            official = base
        if ord_num and e.ordinal and ord_num != e.ordinal and not exact:
            continue  # another meeting of the series, not the glossary's
        wrong = []
        if qual and e.countries:
            wrong = [c for c in _split_countries(qual) if not any(alias(c, x) for x in e.countries)]
        why, confidence = "", 0.9
        own_acr = bool(acr) and acr.upper() in e.acronyms  # its own acronym in parentheses: strong evidence
        if wrong and cue not in ("ordinal", "acronym") and not own_acr and not (ord_num and ord_num == e.ordinal):
            # same words, other countries, no ordinal: most likely another bilateral forum, unless the document
            # names this entity with its own parties and the other country nowhere but in such names
            if acr or not (exact and norm(name_full) in e.core_keys and named_right(i) and not any(
                    elsewhere(w) for w in wrong)):
                continue  # (an acronym of its own in parentheses: another body, '... Consultations (AUSMIN)')
            why = (f" The document names the {e.bare} with its parties elsewhere, and {', '.join(wrong)} "
                   f"nowhere but in such names.")
            confidence = 0.7
        if wrong:
            yield make_finding(
                WRONG_ENTITY, doc, start, name_end,
                f"'{span}' names the wrong entity: it stands for the {official} (glossary: {e.term}), whose parties are "
                f"{'-'.join(e.countries)}, not {', '.join(repr(w) for w in wrong)}.{why}",
                suggestion=official, confidence=confidence, term_id=e.id,
            )
            continue
        if exact and qual and e.countries and norm(name_full) in e.core_keys:
            fix = _qualifier_fix(eidx, e, qual, alias)
            if fix:
                official_qual, form = fix
                suggestion = f"{ordinal} {form}" if ordinal else form
                drift = " and the name's capitals" if text[name_start:name_end] not in form else ""
                yield make_finding(
                    UNOFFICIAL_QUALIFIER, doc, start, name_end,
                    f"'{qual}' is not the official qualifier of the {e.kind} '{e.term}': the same parties are "
                    f"written '{official_qual}' in its official name; '{span}' differs in the qualifier{drift}.",
                    suggestion=suggestion, confidence=0.85, term_id=e.id,
                )
            continue
        if exact or cue == "acronym":
            continue
        if norm(name_full) in e.core_keys:
            continue
        score = fuzz.token_sort_ratio(norm(name_full), max(e.core_keys, key=len) if e.core_keys else norm(e.term))
        yield make_finding(
            ENTITY_FORM, doc, start, name_end,
            f"'{span}' is not the official name of this {e.kind}: the glossary has '{e.term}'"
            f" (identified by its {_CUES[cue]}).",
            suggestion=official, confidence=0.85 if cue == "ordinal" else round(min(0.8, 0.5 + score / 300), 2), term_id=e.id,
        )

    # counterpart institutions: "the U.S. Ministry of National Defense", or the speaker's own department
    if eidx.mention_re is None:
        return
    # the sentences that hold an institution's name: a match inside a sentence is a match in the whole text
    # (same characters around it), and a sentence match that a whole-text match hides overlaps that match
    hits = [(h.start(), h.end()) for h in eidx.mention_re.finditer(text)]
    if not hits:
        return
    tidx = title_index(ctx.glossary)
    found: dict = {}  # line-bounded stretch -> its title/name mentions, found only where needed
    publisher = False  # the institution the page's breadcrumb names: found on first need
    for s0, s1 in _sentences_with(text, hits):
        sent = text[s0:s1]
        for om in eidx.mention_re.finditer(sent):
            i = eidx.form_owner.get(norm(om.group(0)))
            if i is None or i not in eidx.counterparts:
                continue
            e = eidx.entities[i]
            ostart, oend = s0 + om.start(), s0 + om.end()
            before = text[max(0, ostart - 40):ostart]
            qm = _QUAL_BEFORE.search(before)
            qual = qm.group("q") if qm and norm_token(qm.group("q").split()[-1]) not in STOPWORDS else None
            others = [eidx.entities[j] for j in eidx.counterparts[i]]
            if qual:
                if e.countries and any(eidx.same_country(qual, c) for c in e.countries):
                    continue
                right = [o for o in others if o.countries and any(eidx.same_country(qual, c) for c in o.countries)]
                if right:
                    o = right[0]
                    yield make_finding(
                        WRONG_ENTITY, doc, ostart, oend,
                        f"'{om.group(0)}' is not the {qual} institution: the glossary's {qual} counterpart is "
                        f"'{o.term}'; '{e.term}' belongs to {', '.join(e.countries) or 'the other party'}.",
                        suggestion=o.term, confidence=0.85, term_id=o.id,
                    )
                continue
            # the publisher's voice: "The <institution> provides ... our national security" on a page whose
            # breadcrumb names the counterpart institution: the page speaks for its publisher
            if _FIRST_PERSON.search(sent) and _SUBJECT_START.fullmatch(text, s0, ostart) \
                    and not _speaks_for_another(text, s0, oend):
                if publisher is False:
                    publisher = _publisher(text, eidx)
                if publisher is not None and publisher != i and publisher in eidx.counterparts[i]:
                    p = eidx.entities[publisher]
                    if not _mentions_between(text, tidx, s0, s1, found) and not any(
                        re.search(r"(?<![\w\-])" + re.escape(f) + r"(?![\w\-])", sent) for f in p.long_forms
                    ):
                        yield make_finding(
                            WRONG_ENTITY, doc, ostart, oend,
                            f"'{om.group(0)}' speaks for this page's publisher (\"{_FIRST_PERSON.search(sent).group(0)}\"), "
                            f"which the page's breadcrumb names as the '{p.term}'; '{e.term}' is its counterpart"
                            f"{' (' + '-'.join(e.countries) + ')' if e.countries else ''}.",
                            suggestion=p.term, confidence=0.6, term_id=p.id,
                        )
                        continue
            # the speaker's own institution: "<noun> of the <institution>" in a sentence about one side only
            if not re.search(r"\b[a-z]+[ \t]+of[ \t]+the[ \t]+$", text[max(s0, ostart - 40):ostart]):
                continue
            people = set()
            later = False
            named = True  # every participant of the sentence is named, not only titled
            for mstart, mm in _mentions_between(text, tidx, s0, s1, found):
                ps = set(mm.persons) if mm.has_name else set(
                    tidx.title_holders.get(mm.key, ()) if len(tidx.title_holders.get(mm.key, ())) == 1 else ()
                )
                if not ps:
                    continue
                if mstart > ostart:
                    later = True
                named &= bool(mm.has_name)
                people |= ps
            if not people or later or people & eidx.links[i]:
                continue
            right = [o for j, o in zip(eidx.counterparts[i], others) if eidx.links[j] & people]
            if len(right) != 1:
                continue
            o = right[0]
            if any(re.search(r"(?<![\w\-])" + re.escape(f) + r"(?![\w\-])", sent) for f in o.long_forms):
                continue
            names = ", ".join(sorted(tidx.persons[p].name for p in people))
            yield make_finding(
                WRONG_ENTITY, doc, ostart, oend,
                f"'{om.group(0)}' is the institution of {', '.join(tidx.persons[p].name for p in sorted(eidx.links[i]))}, "
                f"but the sentence is about {names}, whose institution in the glossary is '{o.term}'.",
                suggestion=o.term, confidence=0.8 if named else 0.6, term_id=o.id,
            )
