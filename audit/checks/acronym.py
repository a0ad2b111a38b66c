"""Acronym family: expansion and letters, official expansions, undefined and inconsistent acronyms.

The core is a letter-alignment dynamic programme (:func:`align`): each word of an
expansion may contribute its first letter plus further letters of the same word
(``OPCON`` = *op*erational *con*trol, ``ASEAN`` = *S*outh*e*ast), function words
(of, and, the...) and the non-first parts of a hyphenated compound
(``Conditions-based``) may contribute nothing, and a word starting ``ex`` may
give ``X`` (``TTX`` = Tabletop Exercise).  Matching is case-insensitive; a plural
``s`` (``OPLANs``), hyphens and ``&`` of the acronym are ignored; acronyms with
digits (``G7``, ``5G``) are never checked against letters.
"""
from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import NamedTuple, Optional

from rapidfuzz import fuzz

from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

FAMILY = "acronym"

# words that may give no letter to an acronym (they may also give one: SOFA, CHOD)
FUNCTION_WORDS = frozenset(
    "of and the for on in to at by with a an from into upon & de du des la le et".split()
)

#: universally known acronyms never reported as undefined (extend with options.acronym.known)
KNOWN = frozenset(
    "UN US USA UK EU NATO COVID AI DC HQ GDP CEO TV ID OK AM PM R&D".split()
)

_GLOSSARY_DEMO = """
[[acronym]]
term = "CFC"
expands = "Combined Forces Command"

[[acronym]]
term = "F-CFC"
expands = "Future-Combined Forces Command"
"""

LETTERS = rule(
    code="ACR001",
    name="acronym-letter-mismatch",
    family=FAMILY,
    summary="The expansion next to an acronym in parentheses does not produce the acronym's letters.",
    severity="major",
    category="Accuracy/Mistranslation",
    doc="""
## What it checks
A definition `Expansion (ACRONYM)` or `ACRONYM (Expansion)` whose words cannot
produce the acronym's letters: a letter is missing (`Northern Limit (NLL)`), a word
is wrong (`Joint Command Post Training (CCPT)`), or a word was added
(`Non-Proliferation Security Initiative (PSI)`).  The alignment follows real
conventions: function words (of, and, the, for, on, in, to) may or may not count,
each part of a hyphenated word may count (`Future-Combined Forces Command (F-CFC)`,
`Trilateral Chiefs of Defense (Tri-CHOD)`), one word may give several letters
(`operational control (OPCON)`, `Southeast` in `ASEAN`), a plural `s` is ignored
(`operational plans (OPLANs)`), `&` is ignored (`R&D`) and acronyms with digits
(`G7`, `6G`) are not checked.  A parenthesis that does not look like a definition at
all (fewer than 60% of the letters found) is left alone.  When the glossary knows the
acronym, ACR002 reports the wrong expansion instead, with the official one.

## Why it matters
Machine translation re-translates each word of an official name, so the expansion
drifts away from the acronym; the reader can no longer tell which body is meant.

## Example
    ...the Northern Limit (NLL) has been an effective means...

## Preferred
    ...the Northern Limit Line (NLL) has been an effective means...
""",
    examples=(
        Example("The Northern Limit (NLL) has been effective.", ("ACR001",), flagged="Northern Limit (NLL)"),
        Example("They praised the Non-Proliferation Security Initiative (PSI).", ("ACR001",),
                flagged="Non-Proliferation Security Initiative (PSI)"),
        Example(
            "The Association of Southeast Asian Nations (ASEAN) met the Counter Weapons of Mass "
            "Destruction Committee (CWMDC) and reviewed operational plans (OPLANs) and research and "
            "development (R&D) in 5G and next-generation mobile communications (6G)."
        ),
    ),
)

OFFICIAL = rule(
    code="ACR002",
    name="acronym-unofficial-expansion",
    family=FAMILY,
    summary="An acronym is expanded differently from the glossary's official expansion.",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A definition `Expansion (ACRONYM)` or `ACRONYM (Expansion)` of an acronym the
glossary knows (`[[acronym]] term = "CFC" expands = "Combined Forces Command"`),
whose expansion is not the official one, whether or not its letters fit:
`Korea-U.S. Joint Command (CFC)`, `Future Joint Force Command (F-CFC)`.
Differences of case, hyphens, a leading `the` or a plural `s` are not reported.
The span is the wrong expansion; the suggestion is the official one.

Once the document has shown, with the acronym, how it renders a name, the same
rendering elsewhere without the acronym is the same error and is reported too
(`the US military in Korea (USFK)` ... `the US military in Korea has ...`), also with
its country written another way (`the US military in South Korea`, `in ROK`: the same
country for ISO 3166 and the glossary's aliases; `in North Korea` is another), but only
when the rendering replaces words of the official name or is written as a name
(`Joint Expeditionary Force (CJEF)`): a shortened lower-case one such as
`weapons of mass destruction (CWMD)` is ordinary English elsewhere and is not
repeated; nor is a rendering that runs into a longer capitalised name
(`Joint Command Post Training`).

## Why it matters
Official names are fixed; a translated paraphrase of a command or agreement name is a
terminology error even when a reader could guess what is meant.

## Example
    ...commander of the Korea-U.S. Joint Command (CFC).

## Preferred
    ...commander of the Korea-U.S. Combined Forces Command (CFC).
""",
    examples=(
        Example("He met the commander of the Korea-U.S. Joint Command (CFC).", ("ACR002",),
                glossary=_GLOSSARY_DEMO, flagged="Joint Command"),
        Example("They discussed the transition to Future Joint Force Command (F-CFC).", ("ACR002",),
                glossary=_GLOSSARY_DEMO, flagged="Future Joint Force Command"),
        Example("He met the commander of the ROK-U.S. Combined Forces Command (CFC) and the "
                "future-combined forces command (F-CFC).", glossary=_GLOSSARY_DEMO),
        Example("The Joint Command (CFC) trained. Later the Joint Command moved.", ("ACR002",),
                glossary=_GLOSSARY_DEMO, flagged="Joint Command"),
        Example("The Combined Forces Command (CFC) ran the Joint Command Post Training; a joint command "
                "post exercise followed.", glossary=_GLOSSARY_DEMO),
    ),
)

UNDEFINED = rule(
    code="ACR003",
    name="acronym-undefined",
    family=FAMILY,
    summary="An acronym is used but never expanded in the document and is unknown to the glossary.",
    severity="minor",
    category="Accuracy/Omission",
    doc="""
## What it checks
An acronym (two or more capitals: `SCM`, `OPCON`, `F-CFC`) that the document never
defines with `Expansion (ACRONYM)` or `ACRONYM (Expansion)`, that the glossary does
not list, and that is not universally known.  Only the first use is reported.  The
rule applies to documents that follow the define-on-first-use convention, i.e. that
define at least one acronym themselves; news-style text that defines none is left
alone.  Roman numerals, all-capital headings, quoted mentions (`"NAME"`), designators
followed by a number (`PEP 8`, `ISO 9001`) and two-letter acronyms (too often
generic: TV, QC, FM) are skipped.

## Why it matters
An acronym that is never expanded, and that the terminology team does not know, is
either an unexplained term for the reader or an acronym invented by the translation.

## Example
    The Combined Forces Command (CFC) reported to the SCM.

## Preferred
    The Combined Forces Command (CFC) reported to the Security Consultative Meeting (SCM).

## Options
`[tool.audit.options.acronym] known = ["SCM", "MCM"]` adds acronyms that need no
expansion.  Built in: UN, US, USA, UK, EU, NATO, COVID, AI, DC, HQ, GDP, CEO, TV,
ID, OK, AM, PM, R&D.  `require_definitions = false` reports undefined acronyms even
in documents that define none; `min_length = 2` also reports two-letter acronyms.
""",
    examples=(
        Example("The Combined Forces Command (CFC) reported to the SCM.", ("ACR003",), flagged="SCM"),
        Example("The Combined Forces Command (CFC) reported to NATO, the UN and the EU. The CFC agreed."),
    ),
)

INCONSISTENT = rule(
    code="ACR004",
    name="acronym-expanded-two-ways",
    family=FAMILY,
    summary="The same acronym is expanded in two different ways in one document.",
    severity="minor",
    category="Terminology/Inconsistent use",
    doc="""
## What it checks
An acronym defined twice in the document with expansions that differ beyond case,
hyphens and plural `s`, both of which fit its letters.  The later expansion is
reported; the suggestion is the first one.  Acronyms the glossary knows are left to
ACR002, which compares each expansion with the official one.

## Why it matters
Two names for one body suggest two bodies; one of them is usually a mistranslation.

## Example
    The Security Consultative Meeting (SCM) ... the Security Cooperation Meeting (SCM) ...

## Preferred
    The Security Consultative Meeting (SCM) ... the SCM ...
""",
    examples=(
        Example("The Security Consultative Meeting (SCM) met. Later the Security Cooperation Meeting (SCM) ended.",
                ("ACR004",), flagged="Security Cooperation Meeting"),
        Example("The Security Consultative Meeting (SCM) met. Later the security consultative meetings (SCM) ended."),
    ),
)

LATE = rule(
    code="ACR005",
    name="acronym-defined-after-use",
    family=FAMILY,
    summary="An acronym is used before the place where the document defines it.",
    severity="minor",
    category="Style/Awkward",
    doc="""
## What it checks
An acronym whose first use comes before its definition `Expansion (ACRONYM)` later in
the document.  The first bare use is reported.

## Why it matters
The expansion belongs at the first use, where the reader meets the acronym.

## Example
    The SCM opened. ... the Security Consultative Meeting (SCM) ...

## Preferred
    The Security Consultative Meeting (SCM) opened. ... the SCM ...
""",
    examples=(
        Example("The SCM opened in Seoul. Later the Security Consultative Meeting (SCM) ended.", ("ACR005",),
                flagged="SCM"),
        Example("The Security Consultative Meeting (SCM) opened in Seoul. Later the SCM ended."),
    ),
)

OTHER_BODY = rule(
    code="ACR006",
    name="acronym-other-body",
    family=FAMILY,
    summary="After a glossary acronym's definition, another body whose initials spell that acronym takes its place.",
    severity="major",
    category="Accuracy/Mistranslation",
    needs_glossary=True,
    doc="""
## What it checks
A paragraph defines a body the glossary knows (`the United Nations Command (UNC)`),
and later in the same paragraph a different capitalised name stands as the subject
of a clause (`the UN Security Council has ...`) whose initials still spell the
acronym, at most two letters more (`UN Security Council`: U-N-S-C holds U-N-C, same
first and last letter), which starts like the official name (the same first word,
or its initials: `UN` for `United Nations`) and which the glossary does not know.
Machine translation expands an acronym it meets alone (`UNC`) into another body of
the same organization; the initials it keeps are the trace.

Not reported: the name used as a modifier (`UN Security Council resolutions`), a
name whose initials end otherwise (`UN General Assembly` for UNC), a name the
glossary lists, a sentence that also names the defined body, another paragraph.
The confidence is 0.55: the other body exists, and only the paragraph says it is
the wrong one; the suggestion is the official name.

## Why it matters
The sentence now credits another institution with what the defined one did: a
reader takes it at its word.

## Example
    ...the role of the United Nations Command (UNC) ... the UN Security Council has
    made contributions to maintaining peace...

## Preferred
    ...the role of the United Nations Command (UNC) ... the UNC has contributed to
    maintaining peace...
""",
    examples=(
        Example("They praised the United Nations Command (UNC). The UN Security Council has kept the peace since 1953.",
                ("ACR006",), glossary='[[acronym]]\nterm = "UNC"\nexpands = "United Nations Command"\n',
                flagged="UN Security Council"),
        Example("They praised the United Nations Command (UNC) and urged respect for UN Security Council resolutions.",
                (), glossary='[[acronym]]\nterm = "UNC"\nexpands = "United Nations Command"\n'),
    ),
)

ALL_RULES = (LETTERS, OFFICIAL, UNDEFINED, INCONSISTENT, LATE, OTHER_BODY)

# -- tokenising ---------------------------------------------------------------------

# an acronym inside parentheses: (PSI) (F-CFC) (OPLANs) (Tri-CHOD) (R&D) (U.S.) (6G)
_PAREN_ACR = lazy_re(r"\(\s*([a-z]?[A-Z][A-Za-z0-9&./-]{0,14}?)\s*\)")  # a lower-case first letter: (iCET)
# "ACR (Expansion words)"
# (a leading (?=[A-Z]) lets the regex engine skip to capitals instead of trying every position)
_ACR_PAREN = lazy_re(r"(?=[A-Z])(?<![\w-])([A-Z][A-Za-z0-9&-]{0,14}[A-Z0-9])(s?)\s+\(([^()\n]{3,120})\)")
# an acronym in running text: SCM, OPLANs, F-CFC, Tri-CHOD, R&D, CWMD
_ACR_USE = lazy_re(r"(?=[A-Z])(?<![\w&./-])((?:[A-Z][a-z]{0,2}-)?[A-Z][A-Z&]*[A-Z](?:-[A-Z]+)*)(s)?(?![\w&-]|\.\w)")
# Roman numerals as used in names (World War II, Henry VIII, Super Bowl XLII); MCM, CD, DC are acronyms
_ROMAN = lazy_re(r"^(?=[IVXL])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_WORD = lazy_re(r"[^\s()\[\]{}\"“”]+")
_STOP = lazy_re(r"[.;:!?,\"“”()\[\]]|—|–| - ")


@lru_cache(maxsize=1 << 14)  # pure; the same tokens recur
def acronym_letters(acr: str) -> Optional[str]:
    """The letters an expansion must produce, lower case; None for acronyms with digits."""
    a = acr.strip()
    if any(c.isdigit() for c in a):
        return None
    if len(a) > 2 and a.endswith("s") and a[-2].isupper():  # plural: OPLANs
        a = a[:-1]
    letters = "".join(c for c in a if c.isalpha()).lower()
    return letters or None


@lru_cache(maxsize=1 << 14)  # pure; the same tokens recur
def is_acronym(token: str) -> bool:
    caps = sum(c.isupper() for c in token)
    letters = sum(c.isalpha() for c in token)
    return caps >= 2 and caps * 2 >= letters


class Piece(NamedTuple):  # NamedTuples: a dataclass costs ~1 ms of start-up to create
    text: str  # lower-case letters and digits of one word part
    skippable: bool  # may give no letter without cost
    word: int  # index of the whitespace word it belongs to


_PIECE_SPLIT = lazy_re(r"[-‐‑/]")


def pieces(words: list[str]) -> list[Piece]:
    out = []
    for wi, w in enumerate(words):
        parts = [p for p in _PIECE_SPLIT.split(w) if p]
        first = True
        for p in parts:
            clean = "".join(c for c in p.lower() if c.isalnum())
            if not clean:
                continue
            out.append(Piece(clean, (clean in FUNCTION_WORDS) or not first, wi))
            first = False
    return out


def _subseq(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def _heads(piece: str) -> tuple[str, ...]:
    """The letters a word may start its contribution with."""
    return (piece[0], "x") if piece.startswith("ex") else (piece[0],)


@lru_cache(maxsize=4096)
def _align(letters: str, words: tuple[str, ...], skippable: tuple[bool, ...]) -> tuple[int, int]:
    """(cost, matched letters) of the best alignment; the first word must give a letter.

    Costs: a content word that gives no letter 1, an acronym letter no word gives 1,
    a word standing for a letter it does not start with (a substitution) 1.
    """
    n, m = len(letters), len(words)
    INF = (10**6, 0)

    @lru_cache(maxsize=None)
    def best(i: int, j: int, must: bool) -> tuple[int, int]:
        if i == n and j == m:
            return (0, 0)
        options = []
        if j < m:
            w = words[j]
            if not must:
                c, k = best(i, j + 1, False)
                options.append((c + (0 if skippable[j] else 1), k))
            if i < n and letters[i] in _heads(w):
                rest = w[1:] if letters[i] == w[0] else w[w.index("x") + 1:] if "x" in w else ""
                for extra in range(0, min(5, n - i)):
                    if extra and not _subseq(letters[i + 1:i + 1 + extra], rest):
                        break
                    c, k = best(i + 1 + extra, j + 1, False)
                    options.append((c, k + 1 + extra))
        if i < n:  # a letter that no word gives
            c, k = best(i + 1, j, must)
            options.append((c + 1, k))
            if j < m:  # a word that stands where another word belongs ("Council" for G)
                c, k = best(i + 1, j + 1, False)
                options.append((c + 1, k))
        if not options:
            return INF
        return min(options, key=lambda ck: (ck[0], -ck[1]))

    return best(0, 0, True)


@lru_cache(maxsize=4096)
def _piece_keys(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    ps = pieces(list(words))
    return tuple(p.text for p in ps), tuple(p.skippable for p in ps)


def align(letters: str, words: list[str]) -> tuple[int, int]:
    texts, skippable = _piece_keys(tuple(words))
    if not texts:
        return (len(letters), 0)
    return _align(letters, texts, skippable)


def fits(acronym: str, expansion: str) -> bool:
    """Do the expansion's words produce the acronym's letters exactly (cost 0)?"""
    letters = acronym_letters(acronym)
    if letters is None:
        return True
    return align(letters, expansion.split())[0] == 0


@lru_cache(maxsize=1 << 14)  # pure; the same expansions are compared again and again
def normalize(expansion: str) -> str:
    s = expansion.lower().replace("u.s.", "us").replace("’", "'")
    s = re.sub(r"[-‐‑–/]", " ", s)
    words = [w.strip(".,'") for w in s.split()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]  # a possessive: "the ... Union's (CFMEU) secretary"
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words if w and w != "the"]
    return " ".join(words)


# -- definitions -----------------------------------------------------------------------


class Definition(NamedTuple):
    acronym: str  # as written, without a plural s
    key: str  # glossary / comparison key
    start: int  # start of the expansion
    end: int  # end of the expansion
    span_start: int  # start of the whole "Expansion (ACR)" or "ACR (Expansion)"
    span_end: int
    acr_start: int
    acr_end: int
    expansion: str
    cost: int
    matched: int
    order: str  # "exp-acr" or "acr-exp"


def _key(acr: str) -> str:
    a = acr.strip()
    if len(a) > 2 and a.endswith("s") and a[-2].isupper():
        a = a[:-1]
    return a


_CAP_WORD_END = lazy_re(r"\b[A-Z][\w'’-]*$")
_SPACE_CAP = lazy_re(r"\s+[A-Z]")
_INITIALS_END = lazy_re(r"(?:\b[A-Z]\.)+$")
_NEW_SENTENCE = lazy_re(r"\.\s+[A-Z][a-z]")


def _preceding_words(text: str, pos: int, limit: int, initials: bool = False) -> list[tuple[int, int]]:
    """Word spans before ``pos`` in the same clause (stops at sentence/clause punctuation).

    ``initials``: a period that ends initials (``U.S.``) never stops the clause, even before
    a capitalised word (``Australia-U.S. Ministerial Consultations``, when the expansion
    looked for holds such a word)."""
    lo = max(0, pos - 400)
    head = text[lo:pos]
    cut = 0
    for m in reversed(list(_STOP.finditer(head))):  # the last stop that counts cuts the clause
        # a comma inside a Title-Case list does not stop a name: "Construction, Forestry, Mining and
        # Energy Union", "Joint Analysis, Training and Education Centre" (the list ends with 'and'); without
        # 'and' after it, the comma closes an apposition: "General Jane Q. Doe, Supreme Commander ..."
        if m.group(0) == "," and _CAP_WORD_END.search(head, 0, m.start()) and _SPACE_CAP.match(head, m.end()) \
                and _LIST_AND.search(head, m.end()):
            continue
        # an abbreviation period (U.S., Korea-U.S.) does not stop the clause
        if m.group(0) == "." and _INITIALS_END.search(head, 0, m.end()) and (initials or not _NEW_SENTENCE.match(head, m.start())):
            continue
        cut = m.end()
        break
    nl = head.rfind("\n")
    cut = max(cut, nl + 1)
    spans = [(lo + m.start(), lo + m.end()) for m in _WORD.finditer(head, cut)]
    return spans[-limit:]


_LIST_AND = lazy_re(r"[ \t](?:and|&)[ \t]")


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _run_start(text: str, spans: list[tuple[int, int]], first: int) -> int:
    """Extend leftwards over a Title-Case name: 'Non-Proliferation Security Initiative'."""
    i = first
    if not _capitalized(text[spans[i][0]:spans[i][1]]):
        return i
    while i > 0:
        w = text[spans[i - 1][0]:spans[i - 1][1]]
        if _capitalized(w) and w.lower() not in ("the", "a", "an"):
            i -= 1
            continue
        if w.lower() in ("of", "and", "for", "on") and i - 1 > 0 and _capitalized(text[spans[i - 2][0]:spans[i - 2][1]]):
            i -= 1
            continue
        break
    return i


def _acr_parens(text: str):
    """``_ACR_PAREN.finditer(text)``, tried only before each '(' instead of at every position."""
    floor, n = 0, len(text)
    q = text.find("(")
    while q >= 0:
        j = q
        while j > floor and text[j - 1].isspace():
            j -= 1
        if j < q:  # "ACR (": the acronym ends at most 17 characters before the blank
            m = _ACR_PAREN.search(text, max(floor, j - 17), min(n, q + 122))
            if m and m.start(3) == q + 1:
                floor = m.end()
                yield m
                q = text.find("(", floor)
                continue
        q = text.find("(", q + 1)


def find_definitions(text: str) -> list[Definition]:
    defs: list[Definition] = []
    for m in _PAREN_ACR.finditer(text):
        acr = m.group(1).rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.)+", m.group(1)) else m.group(1)
        if not is_acronym(acr) and not re.fullmatch(r"[A-Z]\d{1,2}", acr):  # G7, P5
            continue
        letters = acronym_letters(acr)
        key = _key(acr)
        spans = _preceding_words(text, m.start(), len(letters or "xx") + 6)
        if not spans:
            continue
        words = [text[s:e] for s, e in spans]
        best = None  # (cost, -matched, -length, first index)
        if letters is not None:
            for first in range(len(words) - 1, -1, -1):
                w = words[first]
                if w.lower() in FUNCTION_WORDS:
                    continue
                if _capitalized(words[-1]) and not (_capitalized(w) or w[:1].isdigit()):
                    continue  # a Title-Case name does not start with a lower-case word
                cost, matched = align(letters, words[first:])
                cand = (cost, len(words) - first, -matched, first)
                if best is None or cand < best:
                    best = cand
        if best is None:
            first = _run_start(text, spans, len(spans) - 1)
            cost, matched = (0, 0)
        else:
            cost, _, matched, first = best
            matched = -matched
            if cost:
                first = _run_start(text, spans, first)
        s, e = spans[first][0], spans[-1][1]
        defs.append(Definition(acr, key, s, e, s, m.end(), m.start(1), m.end(1), text[s:e], cost, matched, "exp-acr"))
    for m in _acr_parens(text):
        acr = m.group(1)
        inner = m.group(3).strip()
        if not is_acronym(acr):
            continue
        words = inner.split()
        if len(words) < 2 or not any(c.isalpha() for c in inner):
            continue
        letters = acronym_letters(acr + m.group(2))
        if letters is None:
            continue
        cost, matched = align(letters, words)
        s = m.start(3) + (len(m.group(3)) - len(m.group(3).lstrip()))
        e = s + len(inner)
        defs.append(Definition(acr, _key(acr + m.group(2)), s, e, m.start(1), m.end(), m.start(1), m.end(2),
                               inner, cost, matched, "acr-exp"))
    defs.sort(key=lambda d: d.span_start)
    return defs


def looks_like_definition(d: Definition) -> bool:
    """Enough letters found, at a small enough cost, to read the words as an expansion."""
    letters = acronym_letters(d.acronym) or ""
    n = len(letters)
    return d.matched >= max(2, math.ceil(0.6 * n)) and d.cost <= max(1, n // 2)


def _glossary_index(glossary) -> dict[str, list]:
    """Acronym key -> the glossary entries that carry it: the acronym entries (whose expansion is the
    official one) first, then entries with the acronym as a word of a form ('RAF' in 'RAF Brize
    Norton', 'EU' in 'EU-NATO Cooperation'): the glossary knows those acronyms too."""
    idx: dict[str, list] = {}
    for t in glossary.terms:
        if t.kind == "acronym" or is_acronym(t.term):
            for form in t.forms:
                idx.setdefault(_key(form), []).append(t)
    for t in glossary.terms:
        for form in t.forms:
            if " " not in form and "-" not in form:
                if is_acronym(form) and acronym_letters(form) and t not in idx.get(_key(form), ()):
                    idx.setdefault(_key(form), []).append(t)  # an acronym among an entry's variants ('CENTSEC')
                continue
            for w in _FORM_WORD.findall(form):
                if is_acronym(w) and acronym_letters(w):
                    got = idx.setdefault(_key(w), [])
                    if t not in got:
                        got.append(t)
    return idx


_FORM_WORD = lazy_re(r"[A-Za-z][A-Za-z&.]*[A-Za-z.]")


def _official(terms) -> list[tuple[str, object]]:
    return [(t.expands, t) for t in terms if t.expands]


def _substituted(wrong: str, official: str) -> bool:
    """True when ``wrong`` replaces words of ``official`` (not only leaves some out or adds
    some): such a rendering is wrong wherever it stands, while a shortened one ('weapons of
    mass destruction' for 'Counter Weapons of Mass Destruction') is ordinary English elsewhere."""
    w, o = normalize(wrong).split(), normalize(official).split()

    def within(short: list, long: list) -> bool:  # an ordered subsequence
        it = iter(long)
        return all(x in it for x in short)

    return len(w) >= 2 and not within(w, o) and not within(o, w)


def _title_case_name(words: str) -> bool:
    """A rendering written as a name (two words or more, every content word capitalised: 'Joint
    Expeditionary Force' for 'Combined Joint Expeditionary Force'): a name wherever it stands, unlike a
    shortened lower-case one ('weapons of mass destruction')."""
    ws = [w for w in words.split() if w.lower() not in FUNCTION_WORDS]
    return len(ws) >= 2 and all(w[:1].isupper() for w in ws)


_NAME_WORD = lazy_re(r"[A-Z][\w'’.-]*")
# a country written another way in a repeat: the same word after a compass word, or initials
_COMPASS = r"(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|New)[ \t]+)?"
_INITIALS = r"(?:[A-Z]\.){2,}|[A-Z]{2,5}"


def _rendering_pattern(form: str, is_country) -> tuple[str, list[str], str]:
    """A regex for a rendering in which each country word may be written another way (``Korea``:
    ``South Korea``, ``ROK``), the country words in order (the caller checks that each variant is
    the same country), and the longest word written as is (where to look for it)."""
    words, countries, literals = [], [], []
    for w in form.split():
        pieces = []
        for part in w.split("-"):  # a country pair: 'US-India'
            if part[:1].isupper() and is_country(part):
                pieces.append(f"({_COMPASS}[A-Z][\\w'’]*|{_INITIALS})")
                countries.append(part)
            else:
                pieces.append(re.escape(part))
                literals.append(part)
        words.append("-".join(pieces))
    return r"[ \t]+".join(words), countries, max(literals, key=len, default="")


_WORD_END = lazy_re(r"[^\w-]")


def _matches_around(pattern: re.Pattern, text: str, anchor: str, margin: int):
    """``pattern.finditer(text)``, searched only around the occurrences of ``anchor`` (a word every
    match holds): the generic country alternatives at the pattern's start would otherwise be tried at
    every capital of the document.  Windows end where a word ends, so the pattern's boundaries see
    the same characters as in the whole text; matches come once each, in order."""
    if len(anchor) < 3:
        yield from pattern.finditer(text)
        return
    done = 0
    pos = text.find(anchor)
    while pos >= 0:
        lo = max(done, pos - margin)
        end = _WORD_END.search(text, pos + len(anchor) + margin)
        hi = end.start() if end else len(text)
        for m in pattern.finditer(text, lo, hi):
            if m.start() >= done:
                m = pattern.match(text, m.start())  # the whole text's match there (a window may cut it short)
                done = m.end()
                yield m
        pos = text.find(anchor, max(pos + 1, hi - margin))


def _repeated_renderings(doc, defs, renderings, glossary):
    """Other places where the document uses a wrong expansion it gave with the acronym
    ("the US military in Korea (USFK)"): the same rendering stands for the same name there, also
    with its country written another way ("the US military in South Korea"), but never another
    country ("in North Korea")."""
    from ._country_table import codes_of
    from .entity import entity_index  # the glossary's countries and their aliases (ROK = Korea)

    text = doc.text
    spans = sorted((d.span_start, d.span_end) for d in defs)
    starts = [a for a, _ in spans]
    eidx = entity_index(glossary)
    alias = eidx.alias_of  # the country table's codes first ('Philippine' = 'Philippines'), then the glossary's aliases

    def is_country(w: str) -> bool:
        return bool(codes_of(w) or eidx.iso_of(w))

    for form in sorted(renderings, key=len, reverse=True):
        body, countries, anchor = _rendering_pattern(form, is_country)
        pattern = re.compile(r"(?<![\w-])" + body + r"(?![\w-])")
        margin = 2 * len(form) + 40 * len(countries) + 16  # the longest match around the anchor, and more
        for m in _matches_around(pattern, text, anchor, margin):
            s, e = m.span()
            if any(not alias(c, v) for c, v in zip(countries, m.groups())):
                continue  # another country: "the US military in North Korea"
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0 and s < spans[i][1] or i + 1 < len(spans) and spans[i + 1][0] < e:
                continue  # part of a definition, reported (or accepted) there
            before = text[max(0, s - 40):s].rstrip(" ")
            after = text[e:e + 40].lstrip(" ")
            prev = re.search(r"(\S+)$", before)
            if _NAME_WORD.match(after) or prev and _NAME_WORD.fullmatch(prev.group(1)) and prev.group(1).lower() not in FUNCTION_WORDS:
                continue  # the words belong to a longer name ("Joint Command Post Training")
            if after.startswith("("):
                continue  # a definition of another acronym
            acr, official, term_id = renderings[form]
            yield make_finding(
                OFFICIAL, doc, s, e,
                f"'{m.group(0)}' is how this document renders {acr} ('{form} ({acr})'), not its official name '{official}'.",
                suggestion=official, confidence=0.75, term_id=term_id,
            )


# a capitalised name: words or initials (U.S., UN), joined by spaces and lower-case connectors
_CAP_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’]*(?:-[\w'’]+)*)"
_CAP_NAME = lazy_re(rf"(?<![\w.-]){_CAP_WORD}(?:[ \t]+(?:(?:of|for|and|on|the)[ \t]+)*{_CAP_WORD})*")
# a clause verb right after the name: the name is the subject, not a modifier ("... resolutions")
_AUX_AFTER = lazy_re(
    r"[ \t]+(?:has|have|had|is|are|was|were|will|would|shall|should|can|could|may|might|must|does|did|"
    r"continues|remains)\b"
)
_INITIALS_TOKEN = lazy_re(r"(?:[A-Z]\.){2,}|[A-Z]{2,}")
_SENTENCE_END = lazy_re(r"(?<=[a-z0-9)])[.!?](?=\s|$)")


def _name_letters(words: list[str]) -> str:
    """The initials of a name, letter by letter for a word written in initials (``UN`` -> u, n)."""
    out = []
    for w in words:
        if _INITIALS_TOKEN.fullmatch(w):
            out.append(w.replace(".", "").lower())
        elif w.lower() not in FUNCTION_WORDS:
            out.extend(p[0].lower() for p in w.split("-") if p[:1].isupper() or p is w.split("-")[0])  # Asia-Pacific
    return "".join(out)


def _starts_like(words: list[str], official: list[str]) -> bool:
    """The name starts like the official one: the same first word, or that name's initials (UN)."""
    first = words[0]
    if first.lower() == official[0].lower():
        return True
    if _INITIALS_TOKEN.fullmatch(first):
        letters = first.replace(".", "").lower()
        lead = [w for w in official if w.lower() not in FUNCTION_WORDS][:len(letters)]
        return len(lead) == len(letters) and "".join(w[0].lower() for w in lead) == letters
    return False


def _other_bodies(doc, defs, gl_index, glossary):
    """ACR006: in the paragraph that defines a glossary acronym, a clause subject that is another body
    whose initials spell the acronym ("the United Nations Command (UNC) ... the UN Security Council has")."""
    from ..glossary.matching import form_keys, official_index

    text = doc.text
    exact = official_index(glossary).exact
    for d in defs:
        known = _official(gl_index.get(d.key, ()))
        letters = acronym_letters(d.acronym)
        if not known or not letters or len(letters) < 2:
            continue
        official, term = known[0]
        off_words = official.split()
        para = doc.paragraph_at(d.span_end)
        end = para.start + len(para.text)
        own = {normalize(official), normalize(d.expansion)}
        for m in _CAP_NAME.finditer(text, d.span_end, end):
            words = m.group(0).split()
            if words[0] in ("The", "the"):
                words = words[1:]
            if len(words) < 2 or not _AUX_AFTER.match(text, m.end()):
                continue
            name = " ".join(words)
            got = _name_letters(words)
            if not (got[0] == letters[0] and got[-1] == letters[-1] and len(got) - len(letters) <= 2 and _subseq(letters, got)):
                continue
            if normalize(name) in own or not _starts_like(words, off_words):
                continue
            if tuple(form_keys(name)) in exact:
                continue  # a body the glossary knows
            s = m.end() - len(name)
            sent_start = max((x.end() for x in _SENTENCE_END.finditer(text, para.start, s)), default=para.start)
            nxt = _SENTENCE_END.search(text, m.end(), end)
            sentence = text[sent_start:nxt.end() if nxt else end]
            if re.search(rf"(?<![\w-]){re.escape(d.acronym)}(?![\w-])", sentence) or normalize(official) in normalize(sentence):
                continue  # the sentence names the defined body too
            yield make_finding(
                OTHER_BODY, doc, s, m.end(),
                f"'{name}' stands where this paragraph's {d.expansion} ({d.acronym}) is expected: its initials "
                f"({got.upper()}) hold {letters.upper()}, it starts like the official "
                f"'{official}', and the glossary does not know it; machine translation often expands an acronym into "
                f"another body of the same organization. Check which body is meant.",
                suggestion=official, confidence=0.55, term_id=term.id,
            )


def _best_official_span(text: str, d: Definition, official: str) -> tuple[int, int, float]:
    """The part of the words before '(ACR)' that stands for ``official``: (start, end, score)."""
    if d.order == "acr-exp":
        return d.start, d.end, fuzz.ratio(normalize(d.expansion), normalize(official))
    n_off = len(official.split())
    spans = _preceding_words(text, d.acr_start - 1, n_off + 3, initials=any(_INITIALS_END.search(w) for w in official.split()[:-1]))
    best = (-1.0, 0, d.start)
    target = normalize(official)
    n_content = len(target.split())
    # a capitalised official name is rendered by a span that starts with a capital, when one does inside
    # the clause ('the Joint Expeditionary Force', not 'tested the Joint Expeditionary Force'; the clause's
    # first word has its capital from the sentence: 'They fight weapons of mass destruction (CWMD)')
    cap_only = official[:1].isupper() and any(text[a:a + 1].isupper() for a, _ in spans[1:])
    for first in range(len(spans) - 1, -1, -1):
        w = text[spans[first][0]:spans[first][1]]
        if w.lower() in FUNCTION_WORDS or cap_only and not w[:1].isupper():
            continue
        cand = normalize(text[spans[first][0]:spans[-1][1]])
        score = fuzz.ratio(cand, target)
        if len(cand.split()) <= n_content:  # the same words in another order ('Philippine Armed Forces' for
            score = max(score, fuzz.token_sort_ratio(cand, target))  # 'Armed Forces of the Philippines'), no more
        if score > best[0] + 1e-9:  # ties keep the shorter candidate
            best = (score, first, spans[first][0])
    if not spans:
        return d.start, d.end, 0.0
    first = best[1]
    # a name is one unit: take in a capitalised word just before it that renders a word of the official
    # name ('General' in 'General Directorate of Armaments' for 'Direction générale de l'armement')
    official_words = [_plain(w) for w in official.split() if w.lower() not in FUNCTION_WORDS]
    while first > 0 and text[spans[first - 1][1]:spans[first][0]].strip() == "":
        w = text[spans[first - 1][0]:spans[first - 1][1]]
        if not (w[:1].isupper() and any(fuzz.ratio(_plain(w), o) >= 80 for o in official_words)):
            break
        first -= 1
    return spans[first][0], spans[-1][1], best[0]


def _plain(word: str) -> str:
    """Lower case without accents: 'générale' -> 'generale'."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


@checker(FAMILY, ALL_RULES)
def check_acronyms(doc, ctx):
    text = doc.text
    defs = find_definitions(text)
    gl_index = ctx.glossary.compiled("acronym:index", _glossary_index) if ctx.glossary else {}
    cfg = ctx.config
    official_selected = cfg.is_selected(OFFICIAL.code, OFFICIAL.name) and bool(gl_index)

    # ACR001 / ACR002 ------------------------------------------------------------
    renderings: dict[str, tuple[str, str, str]] = {}  # wrong expansions, for the repeats below
    for d in defs:
        known = _official(gl_index.get(d.key, ()))
        if known and official_selected:
            targets = [normalize(x) for x, _ in known]
            if d.cost == 0 and normalize(d.expansion) in targets:
                continue
            exp, term = known[0]
            s, e, score = _best_official_span(text, d, exp)
            if normalize(text[s:e]) in targets:
                continue
            if score < 50 and not looks_like_definition(d):
                continue  # "Paul Smith (CFC)": not an expansion at all
            yield make_finding(
                OFFICIAL, doc, s, e,
                f"'{text[s:e]}' is not the official expansion of {d.key}: '{exp}'.",
                suggestion=exp, confidence=0.9 if score < 90 else 0.7, term_id=term.id,
            )
            if _substituted(text[s:e], exp) or _title_case_name(text[s:e]):
                renderings.setdefault(text[s:e], (d.key, exp, term.id))
            continue
        if d.cost == 0 or acronym_letters(d.acronym) is None or not looks_like_definition(d):
            continue
        if d.acronym[:1].islower():
            continue  # 'enhanced Forward Presence (eFP)': its lower-case word is not read as a name's; no letter check
        if any(normalize(f) == normalize(d.expansion) or normalize(f).endswith(" " + normalize(d.expansion))
               for t in gl_index.get(d.key, ()) for f in t.forms):
            continue  # the glossary gives this acronym to an entry named so ('Central American Security Conference', 'CENTSEC')
        letters = acronym_letters(d.acronym) or ""
        missing = len(letters) - d.matched
        if missing:
            why = (f"{missing} of the letters of {d.acronym} come" if missing > 1 else
                   f"1 letter of {d.acronym} comes") + " from no word of the expansion"
        else:
            why = f"the expansion has word(s) that give no letter to {d.acronym}"
        suggestion = None
        if known:
            suggestion = f"{known[0][0]} ({d.acronym})" if d.order == "exp-acr" else f"{d.acronym} ({known[0][0]})"
        yield make_finding(
            LETTERS, doc, d.span_start, d.span_end,
            f"Expansion and acronym disagree: {why}.",
            suggestion=suggestion, confidence=0.85 if missing else 0.6,
        )

    # ACR002 again: the document's wrong rendering of a glossary name, repeated without its acronym
    if renderings:
        yield from _repeated_renderings(doc, defs, renderings, ctx.glossary)

    # ACR006: another body whose initials spell a defined glossary acronym -------
    if gl_index and cfg.is_selected(OTHER_BODY.code, OTHER_BODY.name):
        yield from _other_bodies(doc, defs, gl_index, ctx.glossary)

    # ACR004: the same acronym expanded two ways -------------------------------
    first_def: dict[str, Definition] = {}
    for d in defs:
        if d.cost != 0 or d.key in gl_index or acronym_letters(d.acronym) is None:
            continue
        prev = first_def.get(d.key)
        if prev is None:
            first_def[d.key] = d
        elif normalize(prev.expansion) != normalize(d.expansion):
            yield make_finding(
                INCONSISTENT, doc, d.start, d.end,
                f"{d.key} is expanded here as '{d.expansion}' but earlier as '{prev.expansion}'.",
                suggestion=prev.expansion, confidence=0.8,
            )

    # ACR003 / ACR005 -------------------------------------------------------------
    defined_at: dict[str, int] = {}  # real definitions (for ACR005)
    introduced: set[str] = set()  # any "(ACR)", even with a wrong or no expansion (for ACR003)
    def_ranges = []
    for d in defs:
        introduced.add(d.key)
        if d.cost == 0 and d.matched or looks_like_definition(d):
            defined_at.setdefault(d.key, d.acr_start)
        def_ranges.append((d.acr_start, d.acr_end))
    if not defs and ctx.option(FAMILY, "require_definitions", True):
        return
    def_ranges.sort()
    def_starts = [r[0] for r in def_ranges]

    def in_definition(pos: int) -> bool:  # the acronym spans of definitions do not overlap
        i = bisect.bisect_right(def_starts, pos) - 1
        return i >= 0 and pos < def_ranges[i][1]

    known_extra = {str(k) for k in ctx.option(FAMILY, "known", []) or []}
    min_len = int(ctx.option(FAMILY, "min_length", 3))
    reported: set[str] = set()
    for m in _ACR_USE.finditer(text):
        acr = m.group(1)
        if acr in reported or _ROMAN.match(acr) or not is_acronym(acr):
            continue
        if in_definition(m.start()):
            continue
        if _shouting(text, m.start()) or _label_or_heading(text, m.start()):
            continue
        if _CODENAME_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue  # a code name, not an acronym
        if text[m.start() - 1:m.start()] in "\"“'`*" and m.start() or re.match(r"\s?\d", text[m.end():m.end() + 2]):
            continue  # a quoted mention ("NAME") or a designator (PEP 8, ISO 9001)
        if acr in defined_at:
            if m.start() < defined_at[acr] and acr not in KNOWN and acr not in known_extra:
                reported.add(acr)
                yield make_finding(
                    LATE, doc, m.start(1), m.end(1),
                    f"{acr} is used here but only defined later in the document.",
                    confidence=0.8,
                )
            else:
                reported.add(acr)
            continue
        if acr in introduced or acr in KNOWN or acr in known_extra or acr in gl_index:
            continue
        if "-" in acr and all(p in introduced or p in KNOWN or p in known_extra or _key(p) in gl_index
                              for p in acr.split("-")):
            continue  # a compound of acronyms the reader knows ("EU-NATO")
        if len(acronym_letters(acr) or "") < min_len:
            continue
        reported.add(acr)
        yield make_finding(
            UNDEFINED, doc, m.start(1), m.end(1),
            f"{acr} is never expanded in this document and is not in the glossary.",
            confidence=0.6,
        )


_CLAUSE_END = lazy_re(r"[.!?\n]")


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Just after the last clause end in ``text[lo:pos]`` (a period after a capital, as in U.S., is none); else ``lo``."""
    k = max(text.rfind("!", lo, pos), text.rfind("?", lo, pos), text.rfind("\n", lo, pos))
    d = text.rfind(".", max(lo, k + 1), pos)
    while d >= 0 and text[d - 1:d].isupper():
        d = text.rfind(".", max(lo, k + 1), d)
    return max(k, d) + 1 if max(k, d) >= 0 else lo


# a speaker label ('SECRETARY TEODORO:') or a dateline ('WILMINGTON, Del. (Reuters) -') opening a line
_SPEAKER = lazy_re(r"[ \t]*(?:[A-Z][A-Z.'’-]*[ \t]+){0,4}[A-Z][A-Z.'’-]*[:,]")
# a code name after its kind: 'Operation LENTUS', 'Exercise NANOOK'
_CODENAME_BEFORE = lazy_re(r"(?:Operations?|Op\.|Exercises?|Ex\.|Task Force|Project|Mission)[ \t]+$")


def _label_or_heading(text: str, pos: int) -> bool:
    """Is ``pos`` in a transcript's speaker label ('SECRETARY TEODORO: ...', 'Q: ...') or on a line in
    capitals only ('TRANSCRIPT')?  Such capitals are names and headings, not acronyms."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = len(text) if le < 0 else le
    if not any(c.islower() for c in text[ls:le]):
        return True
    m = _SPEAKER.match(text, ls, le)
    return bool(m) and pos < m.end()


def _shouting(text: str, pos: int) -> bool:
    """Is ``pos`` inside an all-capitals heading or sentence (judged on its clause, 200 chars at most)?"""
    lo = max(0, pos - 200)
    ls = _clause_start(text, lo, pos)
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + 200))
    le = m.start() if m else min(len(text), pos + 200)
    letters = "".join(filter(str.isalpha, text[ls:le]))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) * 10 >= len(letters) * 7
