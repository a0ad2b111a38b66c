"""Names family: near misses of official names and terms that nobody listed.

One analysis per document (:func:`analyze`) finds

* exact uses of admitted forms (official form, variants, derived variants such as
  "Lloyd Austin" for "Lloyd J. Austin III", short forms such as a surname), and
  those that drift only in case, spacing or hyphenation (NAME005);
* near misses found through a candidate index: a document token that equals a
  token of an official form (an *anchor*: "Camp", "Garrison", "Mark", "Won")
  proposes windows of the form's length (plus or minus one word) around it;
  the windows are scored against only the forms that share that anchor, or a
  pair of anchors (rapidfuzz ``process.extract`` on the short posting list,
  then a token alignment), so the cost does not grow with glossary size times
  document length;
* a name part written twice ("In-choul In-choul").

The consistency family reuses :func:`analyze` for the entities a document mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain, compress, count, repeat
from operator import and_, itemgetter, mul, not_, or_
from typing import Optional, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ..glossary.matching import (
    editex_similarity,
    AnchorTable,
    HONORIFICS,
    STOPWORDS,
    Form,
    OfficialIndex,
    Token,
    find_exact,
    official_index,
    squash,
    surface,
    token_key,
    tokens_of,
)
from ..model import Severity
from .confusable import stem  # without plural, in American spelling: the same word
from .confusables_data import SPELLING as _SPELLING  # British -> American spelling: the same word
from .registry import Example, checker, make_finding, rule

_PEOPLE = """
[[person]]
term = "Richard Marles"
titles = ["Deputy Prime Minister", "Minister for Defence", "Defence Minister"]

[[person]]
term = "Minoru Kihara"
titles = ["Minister of Defense", "Defense Minister"]

[[person]]
term = "Kim Seung-kyum"
titles = ["General", "Chairman of the Joint Chiefs of Staff"]
"""

_PLACES = """
[[place]]
term = "Camp Foster"

[[place]]
term = "Fort Liberty"

[[event]]
term = "Australia-Japan Defence Ministers' Meeting"

[[org]]
term = "Japan Ground Self-Defense Force"

[[acronym]]
term = "NAC"
expands = "North Atlantic Council"
"""

MISSPELLED_NAME = rule(
    code="NAME001",
    name="misspelled-name",
    family="names",
    summary="An official name (a person's, or a one-word place or body) written with a misspelling or transliteration drift.",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A run of capitalised words that is close to, but not exactly, an official name
of a person in the glossary (`Richard Marls` for Richard Marles, `Minoru Kiharra`
for Minoru Kihara, `Kim Seung-kyung` for Kim Seung-kyum).  At least one word must
match the official name exactly; the rest is scored with rapidfuzz (edit
similarity) and textdistance's Editex (phonetic similarity); the differing part
alone must also be similar, so that another person who shares a first name is
not taken for a misspelling.  Middle initials and generational suffixes may be
dropped ("Lloyd Austin" for "Lloyd J. Austin III") without a finding.

A place, body or event the glossary names in one capitalised word of seven letters
or more has no exact word to anchor it, so a capitalised word is compared with it
directly: same first letter, not a form, a country or an adjective of one, not a
derived form (`Philippine`), at least `single_threshold` (0.9) similar, or the same
letters with two neighbours swapped (`Wisbaden`, `Tasmanai`).

Severity is major when the confidence is at least 0.85, minor below.

## Why it matters
A misspelt name in an official document is an error of fact and an
embarrassment; machine translation and transliteration routinely drift names
("Suh Wook" -> "Suh Wuk", "Paul J. LaCamera" -> "Paul Lacamella").

## Example
    Defence Minister Richard Marls met Minoru Kiharra.

## Preferred
    Defence Minister Richard Marles met Minoru Kihara.

## Options
`[tool.audit.options.names] threshold = 0.8` (0-1, or 0-100): the lowest
similarity reported; `part_threshold = 0.5`: the lowest similarity of the
differing part alone; `single_threshold = 0.9`: the lowest similarity of a
one-word name.
""",
    examples=(
        Example("Defence Minister Richard Marls met his counterpart.", ("NAME001",), glossary=_PEOPLE,
                flagged="Richard Marls"),
        Example("General Kim Seung-kyung attended.", ("NAME001",), glossary=_PEOPLE, flagged="Kim Seung-kyung"),
        Example("The command moved to Wisbaden.", ("NAME001",), glossary='[[place]]\nterm = "Wiesbaden"\n',
                flagged="Wisbaden"),
        Example("Richard Marles met Minoru Kihara; Mr Marles and Kihara then met Richard Branson.",
                glossary=_PEOPLE),
    ),
)

WORD_ORDER = rule(
    code="NAME002",
    name="name-word-order",
    family="names",
    summary="The words of an official name in the wrong order ('Foster Camp' for Camp Foster).",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
Exactly the words of a multiword official name, in another order:
`Foster Camp` for Camp Foster, `Liberty Fort` for Fort Liberty.  For a person
the order swap ("Kihara Minoru") is reported with lower confidence (minor),
since some styles write family names first.

## Why it matters
Translation from languages that put the generic word last (Korean, Japanese,
Chinese) swaps "Camp X" into "X Camp"; the result is not the official name.

## Example
    Marines returned to Foster Camp.

## Preferred
    Marines returned to Camp Foster.
""",
    examples=(
        Example("Marines returned to Foster Camp on Monday.", ("NAME002",), glossary=_PLACES, flagged="Foster Camp"),
        Example("Marines returned to Camp Foster, then to Fort Liberty.", glossary=_PLACES),
    ),
)

DUPLICATED_PART = rule(
    code="NAME003",
    name="name-part-duplicated",
    family="names",
    summary="A part of an official name written twice, or in place of the whole name ('Seung-kyum Seung-kyum').",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A run of capitalised words in which a part of an official name is repeated:
`Seung-kyum Seung-kyum` (for Kim Seung-kyum), `Kim Seung-kyum Seung-kyum`,
`Camp Camp Foster`.

## Why it matters
Machine translation duplicates name parts when it splits a name differently
from the source; the reader can no longer tell who is meant.

## Example
    General Seung-kyum Seung-kyum attended.

## Preferred
    General Kim Seung-kyum attended.
""",
    examples=(
        Example("General Seung-kyum Seung-kyum attended.", ("NAME003",), glossary=_PEOPLE,
                flagged="Seung-kyum Seung-kyum"),
        Example("General Kim Seung-kyum attended; Kim spoke. Walla Walla is in Washington.", glossary=_PEOPLE),
    ),
)

DRIFTED_WORD = rule(
    code="NAME004",
    name="drifted-term-word",
    family="names",
    summary="One word of a multiword official name or term drifted or was replaced ('Fort Liberti', 'North Atlantic Counsel').",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A multiword official name of an organisation, event, place or term (or an
acronym's expansion) in which one word is misspelt or replaced by a similar
word (`North Atlantic Counsel`, `Australia-Japan Defence Minister Meeting`,
`Fort Liberti`), or, in a name of four words or more, one non-final word was
replaced by another while at least three others are kept *and* the acronym
that follows in parentheses confirms which name was meant
(`Japan Ground Self-Protection Force (JGSDF)`); likewise a non-initial word
dropped (`North Atlantic (NAC)`).  The acronym counts when the glossary lists
it for that expansion or when it is the initials of the name.  Without that acronym a
replaced word is not reported: sibling bodies differ in exactly one word
("Japan Maritime / Ground Self-Defense Force").  The last word (the head:
"Department of *State*", "U.S. Forces *Japan*") is never a replaceable word.

## Why it matters
Official names are fixed strings; a drifted word turns them into a different or
non-existent body ("Security Consultation Meeting" for the Security Consultative
Meeting).

## Example
    The North Atlantic Counsel met in Brussels.

## Preferred
    The North Atlantic Council met in Brussels.

## Options
`[tool.audit.options.names] word_threshold = 0.75`: the similarity at which a
changed word counts as a drift of the official word rather than a replacement.
""",
    examples=(
        Example("The North Atlantic Counsel met in Brussels.", ("NAME004",), glossary=_PLACES,
                flagged="North Atlantic Counsel"),
        Example("The Japan Ground Self-Protection Force (JGSDF) deployed.", ("NAME004",), glossary=_PLACES,
                flagged="Japan Ground Self-Protection Force"),
        Example("The North Atlantic Council and the Japan Maritime Self-Defense Force met at Fort Bragg. "
                "The North Atlantic Treaty Organization too.", glossary=_PLACES),
    ),
)

FORM_DRIFT = rule(
    code="NAME005",
    name="name-form-drift",
    family="names",
    summary="An official name with the right letters but wrong case, spacing or hyphenation ('Fort liberty', 'Seung kyum').",
    severity="minor",
    category="Fluency/Spelling",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
An official name (or admitted short form such as a surname) written with the
same letters but a capital letter lowered (`Fort liberty`, `Lacamera` for
LaCamera), or with spacing and hyphens changed (`Kim Seung kyum`,
`Kim Seungkyum`).  Sentence-initial capitals, all-capital headings, and dropped
periods of abbreviations (`US` for `U.S.`) are not findings.  An all-lowercase
use of a capitalised term (`north atlantic council`) is only reported when its
acronym follows in parentheses, since lowercase generic usage is normal
English.

## Why it matters
Official names have one spelling; casing and hyphenation drift makes a document
look careless and breaks search.

## Example
    Soldiers at Fort liberty welcomed General Kim Seung kyum.

## Preferred
    Soldiers at Fort Liberty welcomed General Kim Seung-kyum.
""",
    examples=(
        Example("Soldiers at Fort liberty trained.", ("NAME005",), glossary=_PLACES, flagged="Fort liberty"),
        Example("General Kim Seungkyum attended.", ("NAME005",), glossary=_PEOPLE, flagged="Kim Seungkyum"),
        Example("FORT LIBERTY. Soldiers at Fort Liberty trained; the north atlantic council is a council.",
                glossary=_PLACES),
    ),
)

NAME_RULES = {r.code: r for r in (MISSPELLED_NAME, WORD_ORDER, DUPLICATED_PART, DRIFTED_WORD, FORM_DRIFT)}

#: rapidfuzz prefilter (0-100) on the space-joined words before the word-by-word alignment
PREFILTER = 68
#: the largest single-anchor posting list scanned; longer lists need a pair of anchors
SINGLE_CAP = 400

_KEY, _GAP, _CAP = itemgetter(3), itemgetter(4), itemgetter(6)  # Token.key, .gap, .cap
#: gaps that end a space/hyphen-joined run
_RUN_BREAK = frozenset({"start", "comma", "break"})


@dataclass
class Candidate:
    rule: str
    i: int  # token range [i, j)
    j: int
    form: Optional[Form]
    confidence: float
    why: str


@dataclass
class Analysis:
    tokens: tuple[Token, ...]
    index: OfficialIndex
    findings: list[Candidate] = field(default_factory=list)
    #: term_id -> [(token i, token j, status)] where status is ok / drift / near
    mentions: dict = field(default_factory=dict)
    covered: set = field(default_factory=set)  # token indexes inside multiword admitted forms


def _opt(ctx, key: str, default: float) -> float:
    v = ctx.option("names", key, ctx.option("fuzzy", key, default))
    try:
        v = float(v)
    except (TypeError, ValueError):
        return default
    return v / 100.0 if v > 1 else v


def _similar(a: str, b: str, need: float, cache: Optional[dict] = None) -> float:
    """Edit or phonetic similarity of two keys, 0..1: rapidfuzz's Indel ratio, or
    textdistance's Editex (letters that sound alike cost less: 'wuk'/'wook',
    'counsel'/'council') for short words when it can lift the ratio over ``need``."""
    if a == b:
        return 1.0
    r = fuzz.ratio(a, b) / 100.0
    if r >= need or r < need - 0.25 or min(len(a), len(b)) < 3 or max(len(a), len(b)) > 10:
        return r
    key = (a, b)
    if cache is not None and key in cache:
        return cache[key]
    r = max(r, editex_similarity(a, b) - 0.05)
    if cache is not None:
        if len(cache) > 50000:
            cache.clear()
        cache[key] = r
    return r


def _case_lowered(text: str, official: str) -> bool:
    """Does ``text`` lower a capital letter of ``official`` (same letters otherwise)?"""
    a, b = surface(text), surface(official)
    if len(a) != len(b) or a.casefold() != b.casefold():
        return False
    return any(o.isupper() and t.islower() for t, o in zip(a, b))


def _followed_by_acronym(text: str, end: int) -> bool:
    rest = text[end:end + 16].lstrip(" \t")
    return rest.startswith("(") and len(rest) > 2 and rest[1].isupper()


def analyze(doc, ctx) -> Analysis:
    """The names analysis of one document, shared by the names and consistency checkers.

    It is kept in the context's per-document scratch (``Context.scratch``), so the two
    checkers do not compute it twice.
    """
    scratch = ctx.scratch(doc)
    an = scratch.get("names.analysis")
    if an is None:
        an = scratch["names.analysis"] = _analyze(doc, ctx)
    return an


def _analyze(doc, ctx) -> Analysis:
    idx = official_index(ctx.glossary)
    text = doc.text
    tokens = tokens_of(text)
    an = Analysis(tokens, idx)
    forms = idx.forms
    thr = _opt(ctx, "threshold", 0.8)
    part_thr = _opt(ctx, "part_threshold", 0.5)
    word_thr = _opt(ctx, "word_threshold", 0.75)

    # 1. exact uses of admitted forms (longest first), and their case/spacing drift
    matches = sorted(find_exact(tokens, idx), key=lambda m: (-(m.j - m.i), m.i))
    taken: set[int] = set()
    span_of: dict[int, tuple[int, int]] = {}  # covered token -> the admitted form's token range
    for m in matches:
        if all(k in taken for k in range(m.i, m.j)):
            continue  # inside a longer admitted form
        if any(k in taken for k in range(m.i, m.j)) and m.j - m.i == 1:
            continue
        span = text[tokens[m.i].start:tokens[m.j - 1].end]
        fs = [forms[f] for f in m.forms]
        clean = [f for f in fs if surface(f.text) == surface(span)]
        if m.j - m.i >= 2:
            an.covered.update(range(m.i, m.j))
            for k in range(m.i, m.j):
                span_of.setdefault(k, (m.i, m.j))
        taken.update(range(m.i, m.j))
        if clean:
            for f in clean:
                if f.role != "title":
                    an.mentions.setdefault(f.term_id, []).append((m.i, m.j, "ok"))
            continue
        fs = [f for f in fs if f.role != "title"]
        if not fs:
            continue
        f = fs[0]
        has_cap = any(tokens[k].cap for k in range(m.i, m.j))
        if span.isupper() and len(span) > 3:
            continue  # headings in capitals
        lowered = any(_case_lowered(span, g.text) for g in fs)
        same_case = any(surface(span).casefold() == surface(g.text).casefold() for g in fs)
        if lowered:
            if not has_cap and not _followed_by_acronym(text, tokens[m.j - 1].end):
                continue  # generic lowercase usage
            why = "case"
        elif same_case:
            continue  # only capitals added (sentence start, title case): not a finding
        else:
            why = "spacing"
            if not has_cap:
                continue
        an.mentions.setdefault(f.term_id, []).append((m.i, m.j, "drift"))
        an.findings.append(Candidate("NAME005", m.i, m.j, f, 0.9, why))

    # 2. near misses through the anchor index
    # per-token columns and prefix sums, built with C-level map/accumulate (no loop per token)
    n_tok = len(tokens)
    tkeys = list(map(_KEY, tokens))
    gaps = list(map(_GAP, tokens))
    caps = list(map(_CAP, tokens))
    covered = an.covered
    run_start, run_end = _runs(gaps)
    cov = list(accumulate(map(covered.__contains__, range(n_tok)), initial=0))  # covered tokens
    # a run may not begin or end with a lowercase function word
    edge_ok = list(map(or_, caps, map(not_, map(STOPWORDS.__contains__, tkeys))))
    anch = list(accumulate(map(idx.anchors.ns.__contains__, tkeys), initial=0))  # tokens anchoring a target
    # tokens that cannot be part of a name (lowercase, not after a hyphen)
    nameish = list(accumulate(map(and_, map(and_, map(not_, caps), map("hyphen".__ne__, gaps)),
                                  map(not_, map(PARTICLES.__contains__, tkeys))), initial=0))
    queried: set = set()
    results: dict[tuple[int, int], list[int]] = {}

    def cuts(s: int, e: int) -> bool:
        """Does window [s, e) cut through an admitted form?"""
        return any(k in span_of and (span_of[k][0] < s or span_of[k][1] > e) for k in (s, e - 1))

    def windows(p: int, lengths):
        lo, hi = run_start[p], run_end[p]  # a window holding p stays inside p's run
        for L in lengths:
            if L < 2:
                continue
            for s in range(max(lo, p - L + 1), min(p, hi - L + 1) + 1):
                e = s + L
                if not (edge_ok[s] and edge_ok[e - 1]):
                    continue
                if cov[e] != cov[s] and cuts(s, e):
                    continue
                yield s, e

    # the forms a window's words bring up depend only on those words: memoised per glossary
    hits_memo = idx.memo("names.window-hits")

    def score(s: int, e: int, n: int, table: dict, side: str) -> None:
        key = (s, e, n, side)
        if key in queried:
            return
        queried.add(key)
        wkeys = tuple(tkeys[s:e])
        hits = hits_memo.get((wkeys, n, side))
        if hits is None:
            hits = hits_memo[(wkeys, n, side)] = _window_hits(idx, table, wkeys, n)
        if hits:
            results.setdefault((s, e), []).extend(hits)

    for p in compress(count(), map(idx.anchors.ns.__contains__, tkeys)):  # only tokens that anchor a target
        if p in covered:
            continue
        tok = tokens[p]
        by_n = idx.person_anchors.ns.get(tok.key)
        if by_n and tok.cap:
            for n in by_n:
                for s, e in windows(p, (n - 1, n, n + 1)):
                    if nameish[e] == nameish[s]:
                        score(s, e, n, idx.person_anchors, "person")
        by_n = idx.other_anchors.ns.get(tok.key)
        if by_n:  # the windows(p, (n, n - 1)) loop written out, cheapest tests first
            lo, hi = run_start[p], run_end[p]
            for n in by_n:
                need_cap = tok.key in idx.cap_start.get(n, ())
                for L in (n, n - 1):
                    if L < 2:
                        continue
                    for s in range(max(lo, p - L + 1), min(p, hi - L + 1) + 1):
                        e = s + L
                        if need_cap and not caps[s] or n >= 3 and anch[e] - anch[s] < 2:
                            continue
                        if not (edge_ok[s] and edge_ok[e - 1]) or cov[e] != cov[s] and cuts(s, e):
                            continue
                        if L < n and not _acronym_follows(text, tokens[e - 1].end):
                            continue  # a dropped word needs the acronym as evidence
                        score(s, e, n, idx.other_anchors, "other")

    near: list[Candidate] = []
    for (s, e), fis in results.items():
        keys = tuple(t.key for t in tokens[s:e])
        if keys in idx.exact or keys in idx.forbidden:
            continue
        best: Optional[Candidate] = None
        acronym = _acronym_after(text, tokens[e - 1].end)
        for fi in dict.fromkeys(fis):
            c = _classify(tokens, s, e, forms[fi], thr, part_thr, word_thr, acronym, idx)
            if c and (best is None or c.confidence > best.confidence):
                best = c
        if best:
            near.append(best)

    # word order through the bag index (windows of capitalised words)
    for s in compress(count(), caps):
        if s in covered:
            continue
        for L in range(2, min(6, n_tok - s) + 1):
            e = s + L
            if run_start[e - 1] > s or not caps[e - 1] or e - 1 in covered:  # not one run of capitals
                break
            keys = tuple(tkeys[s:e])
            if keys in idx.exact or keys in idx.forbidden:
                continue
            for fi in idx.bags.get(tuple(sorted(keys)), ()):
                f = forms[fi]
                if f.keys != keys:
                    conf = 0.75 if f.kind == "person" else 0.92
                    near.append(Candidate("NAME002", s, e, f, conf, "order"))
                    break

    # duplicated name parts
    near.extend(_duplicates(tokens, idx, an.covered))

    # one-word names (places, bodies) misspelled: no exact word anchors them
    near.extend(_single_word_misses(tokens, idx, an.covered, _opt(ctx, "single_threshold", SINGLE_THRESHOLD)))

    # keep the best non-overlapping candidates
    near.sort(key=lambda c: (-c.confidence, -(c.j - c.i), c.i))
    used: set[int] = set(k for c in an.findings for k in range(c.i, c.j))
    for c in near:
        if any(k in used for k in range(c.i, c.j)):
            continue
        used.update(range(c.i, c.j))
        an.findings.append(c)
        an.mentions.setdefault(c.form.term_id, []).append((c.i, c.j, "near"))
    an.findings.sort(key=lambda c: c.i)
    return an


#: lower-case particles inside a person's name ('Ursula von der Leyen', 'Nguyen van Thieu', 'bin Salman')
PARTICLES = frozenset("von van der den de del della da di du la le bin binti al el ter ten dos das".split())

#: one-word names shorter than this are never matched fuzzily (too many real words are that close)
SINGLE_MIN = 7
#: edit or phonetic similarity a misspelled one-word name needs
SINGLE_THRESHOLD = 0.9


def _single_words(idx: OfficialIndex) -> dict[str, list[tuple[str, int]]]:
    """First letter -> (key, form index) of the capitalised one-word names that are near-miss targets
    (places, bodies, events; persons are found with a title or a given name)."""
    table = idx.memo("names.single-words")
    if "built" not in table:
        out: dict[str, list[tuple[str, int]]] = {}
        for keys, fis in idx.exact.items():
            if len(keys) != 1 or len(keys[0]) < SINGLE_MIN or not keys[0].isalpha():
                continue
            for fi in fis:
                f = idx.forms[fi]
                if f.caps[:1] == (True,) and f.kind in ("place", "org", "event") and f.role in ("official", "variant"):
                    out.setdefault(keys[0][0], []).append((keys[0], fi))
                    break
        table["built"] = out
    return table["built"]


def _single_word_misses(tokens, idx: OfficialIndex, covered: set, threshold: float = 0.9) -> list[Candidate]:
    """'Wisbaden' for 'Wiesbaden': a capitalised word of seven letters or more, not itself a form or a
    country, at least 0.9 similar to a one-word name of the glossary with the same first letter, and not
    a derived form of it ('Philippine' / 'Philippines')."""
    from ._country_table import codes_of

    singles = _single_words(idx)
    out = []
    for k, t in enumerate(tokens):
        key = t.key
        if t.cap and k + 1 < len(tokens) and k not in covered and k + 1 not in covered \
                and tokens[k + 1].gap in ("space", "hyphen"):
            # a one-word name written in two ('Ha Noi', 'Ha-noi' for 'Hanoi'): spacing drift
            for fi in idx.exact.get((key + tokens[k + 1].key,), ()):
                f = idx.forms[fi]
                if f.caps[:1] == (True,) and f.kind in ("place", "org", "event") and f.role in ("official", "variant"):
                    out.append(Candidate("NAME005", k, k + 2, f, 0.9, "spacing"))
                    break
        if not singles or not t.cap or len(key) < SINGLE_MIN or k in covered or key[0] not in singles or not key.isalpha():
            continue
        if t.text.isupper() or (key,) in idx.exact or codes_of(t.text):  # a country or its adjective ('Austrian')
            continue
        best = None
        for fkey, fi in singles[key[0]]:
            # a shared stem but for the last letter or two ('Philippine' / 'Philippines', but also 'Cameron' /
            # 'Cameroon', 'Collins' / 'Collines': other real names; so 'Bundeswer' is not reported either)
            if abs(len(fkey) - len(key)) > 2 or fkey.startswith(key[:-1]) or key.startswith(fkey[:-1]):
                continue
            sim = _similar(key, fkey, threshold, idx.sim_cache)  # edits, or letters that sound alike
            if sim < threshold and DamerauLevenshtein.distance(key, fkey) == 1 and Levenshtein.distance(key, fkey) == 2:
                sim = threshold  # two neighbouring letters swapped ('Tasmanai'): a typing slip, not another name
            if sim >= threshold and (best is None or sim > best[0]):
                best = (sim, fi)
        if best:
            out.append(Candidate("NAME001", k, k + 1, idx.forms[best[1]], round(best[0], 3), "misspelled"))
    return out


def _runs(gaps: list[str]) -> tuple[list[int], list[int]]:
    """For each token, the first and the last token of the space/hyphen-joined run holding it
    (C-level: running max of break positions; each run's end repeated over its length)."""
    n = len(gaps)
    starts = list(accumulate(map(mul, range(n), map(_RUN_BREAK.__contains__, gaps)), max))
    breaks = list(compress(count(), map(_RUN_BREAK.__contains__, gaps)))  # breaks[0] == 0 ("start")
    ends = list(chain.from_iterable(repeat(b - 1, b - a) for a, b in zip(breaks, breaks[1:] + [n])))
    return starts, ends


def _window_hits(idx: OfficialIndex, table: AnchorTable, wkeys: tuple, n: int) -> tuple[int, ...]:
    """Forms of ``n`` words close enough to a window's words to be classified (rapidfuzz
    prefilter over the candidate posting lists, best first within each list)."""
    out: list[int] = []
    lists = _candidates(idx, table, wkeys, n)
    if lists:
        query = " ".join(wkeys)
        for cands in lists:
            hits = process.extract(query, idx.joined(cands), scorer=fuzz.ratio, score_cutoff=PREFILTER, limit=6)
            out.extend(cands[h[2]] for h in hits)
    return tuple(out)


_NO_PAIRS: dict = {}


def _candidates(idx: OfficialIndex, table: AnchorTable, wkeys: tuple, n: int) -> list[Sequence[int]]:
    """Posting lists of forms of ``n`` words worth scoring against a window's keys: the
    shortest list among the window's anchor pairs, and the shortest single-anchor list
    if it is short enough (persons are often found by one exact word)."""
    uniq = sorted({k for k in wkeys if k in table.ns})
    best: Optional[Sequence[int]] = None
    pairs = idx.pairs.get(n, _NO_PAIRS)
    for a in range(len(uniq)):
        for b in range(a + 1, len(uniq)):
            lst = pairs.get((uniq[a], uniq[b]))
            if lst and (best is None or len(lst) < len(best)):
                best = lst
    out = [best] if best else []
    by_key = table.by_n.get(n, _NO_PAIRS)
    singles = [lst for lst in map(by_key.get, uniq) if lst and len(lst) <= SINGLE_CAP]
    if singles:
        small = min(singles, key=len)
        if small is not best:
            out.append(small)
    return out


def _acronyms_of(f: Form, idx: OfficialIndex) -> set:
    """Acronyms that stand for ``f``: from the glossary, and the initials of its words."""
    out = set(idx.acronyms_of.get(f.keys, ()))
    out.add("".join(k[0] for k, c in zip(f.keys, f.caps) if c or k not in STOPWORDS))
    return out


_ACR_AFTER = re.compile(r"[ \t]*\(\s*([^\s()]{2,12})\s*\)")


def _acronym_follows(text: str, end: int) -> bool:
    """Does a parenthesis follow ``end`` (at once or after one space)?"""
    return text.startswith("(", end) or text.startswith(" (", end)


def _acronym_after(text: str, end: int) -> Optional[str]:
    m = _ACR_AFTER.match(text, end)
    if not m or not any(c.isupper() for c in m.group(1)):
        return None
    return token_key(m.group(1)).replace("-", "")


def _classify(tokens, s: int, e: int, f: Form, thr: float, part_thr: float, word_thr: float,
              acronym: Optional[str] = None, idx: Optional[OfficialIndex] = None) -> Optional[Candidate]:
    win = tokens[s:e]
    wkeys = [t.key for t in win]
    fkeys = list(f.keys)
    fcaps = f.caps
    if not win[0].cap and fcaps[0]:
        return None
    if f.kind == "person":
        # a name: capitalised words, or lowercase parts joined by a hyphen, and no function word opening it
        # ('For Kishida, ...' at a sentence start is no 'Fumio Kishida')
        if any(not t.cap and t.gap != "hyphen" and t.key not in PARTICLES for t in win) or win[0].key in STOPWORDS:
            return None
        if win[-1].key in HONORIFICS or win[0].key in HONORIFICS:
            return None
        sw, sf = squash(wkeys), squash(fkeys)
        if sw == sf:
            return Candidate("NAME005", s, e, f, 0.9, "spacing")
        if sorted(wkeys) == sorted(fkeys):
            return None  # word order: handled by the bag index
        common = set(wkeys) & set(fkeys)
        if not common:
            return None
        rest_w = squash(k for k in wkeys if k not in common)
        rest_f = squash(k for k in fkeys if k not in common)
        if not rest_w or not rest_f or fuzz.ratio(sw, sf) / 100.0 < thr - 0.15:
            return None
        need = max(part_thr, 1 - (1 - thr) * len(sf) / len(rest_f))
        part = _similar(rest_w, rest_f, need, idx.sim_cache if idx else None)
        whole = max(fuzz.ratio(sw, sf) / 100.0, 1 - (1 - part) * len(rest_f) / max(len(sf), 1))
        if part < part_thr or whole < thr or rest_w[0] != rest_f[0] and part < 0.6:
            return None
        return Candidate("NAME001", s, e, f, round(whole, 3), "misspelled")
    if len(win) == len(fkeys) - 1:
        # one word dropped ("Northern Limit (NLL)"): only with the acronym as evidence
        if not acronym or acronym not in _acronyms_of(f, idx) or wkeys[0] != fkeys[0]:
            return None
        for k in range(1, len(fkeys)):
            if fkeys[:k] + fkeys[k + 1:] == wkeys and (fcaps[k] or fkeys[k] not in STOPWORDS):
                return Candidate("NAME004", s, e, f, 0.85, "dropped")
        return None
    if len(win) != len(fkeys):
        return None
    n = len(fkeys)
    # cheap structural conditions first (exact words), similarity only for the rest
    exact = exact_content = 0
    differing = []
    for k, (w, fk, fc) in enumerate(zip(win, fkeys, fcaps)):
        if w.key == fk or _SPELLING.get(w.key, w.key) == _SPELLING.get(fk, fk) or k == len(fkeys) - 1 and stem(w.key) == stem(fk):
            # British and American spelling ('Defence'), and the head noun's number ('three Patriot air
            # defense systems'); an inner word's number stays a drift ('Defence Minister Meeting')
            exact += 1
            if fc or fk not in STOPWORDS:
                exact_content += 1
            continue
        if not fc and fk in STOPWORDS or w.key in STOPWORDS or w.key.isdigit() or fc and not w.cap:
            return None
        differing.append(k)
    if exact == n or exact_content < 1:
        return None
    if exact_content < 2 and (n >= 3 or len(differing) > 1):
        return None
    if len(differing) > 1 and not (acronym and acronym in _acronyms_of(f, idx)) and exact_content * 2 < n:
        return None
    sim = subst = 0
    subst_pos = -1
    sims: list[float] = []
    for k in differing:
        w, fk = win[k], fkeys[k]
        r = _similar(w.key, fk, word_thr, idx.sim_cache if idx else None)
        if r >= word_thr:
            sim += 1
            sims.append(r)
        else:
            subst += 1
            subst_pos = k
            if w.key in HONORIFICS or subst > 1:
                return None
    if subst:
        if subst > 1 or exact_content < 2:
            return None
        last = subst_pos == n - 1
        after_of = subst_pos > 0 and fkeys[subst_pos - 1] in STOPWORDS
        if last or after_of:
            return None
        if exact_content + sim < 3 or not acronym or acronym not in _acronyms_of(f, idx):
            return None  # sibling bodies differ in one word ("Japan Maritime/Ground Self-Defense Force")
        conf = (exact + 0.85 * sim + 0.4 * subst) / n
        return Candidate("NAME004", s, e, f, round(min(conf, 0.9), 3), "replaced")
    if exact_content < 1 or (n >= 3 and exact_content * 2 < n):
        return None
    if n == 2 and min(sims) < max(word_thr, 0.78):
        return None
    conf = (exact + sum(sims)) / n
    return Candidate("NAME004", s, e, f, round(conf, 3), "drifted")


def _duplicates(tokens, idx: OfficialIndex, covered: set) -> list[Candidate]:
    """Runs of capitalised words that repeat a part of an admitted form."""
    out: list[Candidate] = []
    n_tok = len(tokens)
    e = 0
    for s in compress(count(), map(_CAP, tokens)):  # a run starts at a capitalised word
        if s < e:
            continue  # inside the previous run
        e = s + 1
        while e < n_tok and tokens[e].gap in ("space", "hyphen") and (tokens[e].cap or tokens[e].gap == "hyphen"):
            e += 1
        if e - s >= 2:
            c = _duplicate_in(tokens, idx, s, e)
            if c:
                out.append(c)
    return out


def _duplicate_in(tokens, idx: OfficialIndex, s: int, e: int) -> Optional[Candidate]:
    keys = [t.key for t in tokens[s:e]]
    L = len(keys)
    for m in range(1, L // 2 + 1):
        for j in range(0, L - 2 * m + 1):
            if keys[j:j + m] != keys[j + m:j + 2 * m]:
                continue
            part = tuple(keys[j:j + m])
            collapsed = keys[:j + m] + keys[j + 2 * m:]
            # the smallest stretch of the collapsed run that is (part of) an admitted name
            for a in range(0, j + 1):
                for b in range(len(collapsed), j + m - 1, -1):
                    sub = tuple(collapsed[a:b])
                    f = _form_containing(idx, sub, part)
                    if f is not None:
                        i0, j0 = s + a, s + b + m
                        return Candidate("NAME003", i0, j0, f, 0.85, "duplicated")
    return None


def _form_containing(idx: OfficialIndex, sub: tuple, part: tuple) -> Optional[Form]:
    """An admitted multiword form equal to ``sub``, or a person's name of which ``sub`` is a
    contiguous part of two or more words (a given name such as "Seung-kyum")."""
    for fi in idx.exact.get(sub, ()):
        f = idx.forms[fi]
        if f.role not in ("title", "short") and (f.n >= 2 or len(sub) >= 1 and f.kind != "acronym"):
            return f
    if len(sub) < 2:
        return None
    for fi in (idx.anchors.get(sub[0], n) for n in range(len(sub) + 1, len(sub) + 3)):
        for k in fi:
            f = idx.forms[k]
            if f.kind != "person":
                continue
            ks = f.keys
            for a in range(0, len(ks) - len(sub) + 1):
                if ks[a:a + len(sub)] == sub:
                    return f
    return None


def _message(c: Candidate, found: str) -> tuple[str, str]:
    f = c.form
    official = f.official
    target = f.text if f.role in ("official", "expansion") else official
    if c.rule == "NAME001":
        # an admitted form in another name order is kept ('KIHARA Minoro' -> 'KIHARA Minoru', surname first)
        keep = f.role in ("official", "variant") and f.keys[:1] != tuple(token_key(w) for w in official.split()[:1])
        return (f"'{found}' looks like a misspelling of the official name '{official}' "
                f"(similarity {c.confidence:.2f}).", f.text if keep else official)
    if c.rule == "NAME002":
        return (f"'{found}' has the words of the official name '{official}' in the wrong order.", official)
    if c.rule == "NAME003":
        return (f"'{found}' repeats a part of the official name '{official}'.", official)
    if c.rule == "NAME004":
        what = {"replaced": "a word replaced", "dropped": "a word missing"}.get(c.why, "a drifted word")
        return (f"'{found}' looks like the official name '{target}' with {what} "
                f"(confidence {c.confidence:.2f}).", target)
    # NAME005
    if c.why == "case":
        want = f.text
        return (f"'{found}' should be capitalised as in the official form '{want}'.", want)
    want = f.text if f.role != "short" else official
    return (f"'{found}' differs from the official form '{want}' in spacing or hyphenation.", want)


@checker("names", list(NAME_RULES.values()), needs_glossary=True)
def check_names(doc, ctx):
    an = analyze(doc, ctx)
    toks = an.tokens
    for c in an.findings:
        r = NAME_RULES[c.rule]
        start, end = toks[c.i].start, toks[c.j - 1].end
        found = doc.text[start:end]
        message, suggestion = _message(c, found)
        f = make_finding(r, doc, start, end, message, suggestion=suggestion, confidence=c.confidence,
                         term_id=c.form.term_id)
        if r.severity == Severity.MAJOR and c.confidence < 0.85:
            f = replace(f, severity=Severity.MINOR)
        yield f
