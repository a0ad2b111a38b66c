"""Consistency family: one entity written in several surface forms in one document.

This is a document-level rule.  It looks at

* people of the glossary that the document mentions: a short name after a
  title ("Minister Su", "Minister Xu") that sounds like an admitted short form
  of one of them ("Suh") but is not it;
* capitalised names with no glossary entry: the same words in another order
  ("Foster Camp" / "Camp Foster") or with other spacing, hyphens or capitals
  ("Kim Seung-kyum" / "Kim Seung kyum"); the dominant form is suggested.

Admitted short forms (a surname, "Marles" for Richard Marles) are never
inconsistencies, nor are abbreviation periods ("U.S." / "US") or a coordination
in the other order ("Korea-U.S." / "U.S.-Korea").  Forms that the names family
already reports against the glossary are not reported twice.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from itertools import compress, count
from operator import and_, itemgetter

from rapidfuzz import fuzz

from ..glossary.matching import (
    HONORIFICS,
    STOPWORDS,
    Token,
    editex_similarity,
    official_index,
    squash,
    surface,
    tokenize,
)
from .names import analyze
from .registry import Example, checker, make_finding, rule

_GLOSSARY = """
[[person]]
term = "Richard Marles"
titles = ["Deputy Prime Minister", "Defence Minister", "Minister"]

[[person]]
term = "Minoru Kihara"
titles = ["Defense Minister", "Minister"]
"""

INCONSISTENT_FORM = rule(
    code="CONS001",
    name="inconsistent-form",
    family="consistency",
    summary="The same person, place or body written in several forms in one document.",
    severity="minor",
    category="Terminology/Inconsistent use",
    fixable=True,
    doc="""
## What it checks
One entity written in several surface forms in the same document; each deviant
occurrence is reported once, with the form to use:

* with a glossary: a person the document mentions, named after a title, or alone
  before a reporting verb (`Kishda said`), by a short form that sounds like theirs
  but is not admitted (`Minister Marls`, `Minister Kiharra`, `Minister Xu` for
  Suh) — compared with textdistance's
  Editex (phonetic) and rapidfuzz; the suggestion is the admitted short form;
* without a glossary entry: capitalised names with the same words in another
  order (`Foster Camp` / `Camp Foster`) or with other spacing, hyphens or
  capitals (`Seung-kyum` / `Seung kyum`); the suggestion is the form the
  document uses most (the official form when the glossary has one).

Admitted short forms (a surname), abbreviation periods (`U.S.` / `US`),
hyphenated coordinations in either order (`Korea-U.S.` / `U.S.-Korea`), two forms
the glossary admits (`Minoru Kihara` / `KIHARA Minoru`) and headings in capitals
(`UNITED STATES SOUTHERN COMMAND`, `FACT SHEET`) are not inconsistencies.  Forms the
names family (NAME001-NAME005) already reports are not reported again.

## Why it matters
Readers take two spellings for two entities; consistency is a basic
requirement of any official text, and a short-form drift ("Su", "Xu" for
"Suh") usually means the translation lost track of who is who.

## Example
    Minister Marles welcomed Minister Kihara. Minister Marls then said...

## Preferred
    Minister Marles welcomed Minister Kihara. Minister Marles then said...
""",
    examples=(
        Example("Richard Marles met Minoru Kihara. Later Minister Marls spoke, and Minister Marles left.",
                ("CONS001",), glossary=_GLOSSARY, flagged="Marls"),
        Example("Troops left Camp Ellis in May. In June, Ellis Camp was closed; Camp Ellis reopened.",
                ("CONS001",), flagged="Ellis Camp"),
        Example("Richard Marles met Minoru Kihara. Minister Marles and Minister Kihara spoke; "
                "the Korea-U.S. and U.S.-Korea teams and the US Army and U.S. Army met.",
                glossary=_GLOSSARY),
    ),
)

_KEY, _GAP, _CAP = itemgetter(3), itemgetter(4), itemgetter(6)  # Token.key, .gap, .cap
_new_token = tuple.__new__

#: letter groups of the Editex algorithm: a first letter from the same group sounds alike
_EDITEX_GROUPS = ("aeiouy", "bp", "ckq", "dt", "lr", "mn", "gj", "fpv", "sxz", "csz")


#: pairs of first letters from one group
_SOUND_PAIRS = frozenset((x, y) for g in _EDITEX_GROUPS for x in g for y in g)


#: verbs that follow a speaker's surname in reported speech ('Kishida said')
_REPORTING = frozenset("said says told added noted stressed stated explained warned urged announced replied".split())


def _same_sound_start(a: str, b: str) -> bool:
    """Do two non-empty words start with the same letter or letters from one Editex group?"""
    return a[0] == b[0] or (a[0], b[0]) in _SOUND_PAIRS


@lru_cache(maxsize=65536)
def _sounds_like(a: str, b: str, strict: bool) -> float:
    """Closeness of two surnames (0 when not close enough).

    Short names (up to four letters: Suh/Su/Xu, Lee/Li, Moon/Mun) drift in
    transliteration, so a phonetic match suffices (Editex, first letters from the
    same sound group); longer names must also be close in spelling (Indel ratio).
    Memoised: pure, and the same names meet the same surnames again."""
    if not a or not b or a == b or not _same_sound_start(a, b) or abs(len(a) - len(b)) > 2:
        return 0.0
    ratio = fuzz.ratio(a, b) / 100.0
    if max(len(a), len(b)) > 4:
        if ratio < 0.8:
            return 0.0
        ed = editex_similarity(a, b)
        return ed if ed >= 0.75 else 0.0
    ed = editex_similarity(a, b)
    if strict:
        return ed if ed >= 0.6 and ratio >= 0.6 else 0.0
    return ed if ed >= 0.5 else 0.0


@checker("consistency", [INCONSISTENT_FORM])
def check_consistency(doc, ctx):
    text = doc.text
    seen_spans: set[tuple[int, int]] = set()
    if ctx.glossary:
        an = analyze(doc, ctx)
        yield from _people(doc, ctx, an, seen_spans)
        idx = an.index
        flagged = sorted((an.tokens[c.i].start, an.tokens[c.j - 1].end) for c in an.findings)
    else:
        idx = official_index(ctx.glossary)
        flagged = []
    memo = idx.memo("consistency.region-runs", 50000)
    yield from _name_variants(doc, idx, flagged, seen_spans, memo)


def _people(doc, ctx, an, seen_spans):
    """Glossary people: a short form after a title that drifts from theirs."""
    toks = an.tokens
    idx = an.index
    flagged_tokens = {k for c in an.findings for k in range(c.i, c.j)}
    text = doc.text

    people = {tid for tid, ms in an.mentions.items() if idx.term_kinds.get(tid) == "person"}
    if people:
        shorts: dict[str, list[tuple[str, str]]] = {}  # term_id -> [(key, text)] admitted one-word forms
        titles: dict[str, set[str]] = {}
        for f in (idx.forms[fi] for tid in people for fi in idx.by_term.get(tid, ())):
            if f.n == 1 and f.role in ("short", "variant", "official"):
                shorts.setdefault(f.term_id, []).append((f.keys[0], f.text))
            if f.role == "title":
                titles.setdefault(f.term_id, set()).add(f.keys[-1])
        used_forms: dict[str, Counter] = {}
        for tid in people:
            c = used_forms[tid] = Counter()
            for i, j, status in an.mentions[tid]:
                if status == "ok":
                    c[surface(text[toks[i].start:toks[j - 1].end])] += 1
        # candidates: a capitalised word joined by a space to a title word (selected with C-level maps), or
        # a surname alone before a reporting verb ('Kishda said', wire style)
        keys = list(map(_KEY, toks))
        after_title = map(and_, map(idx.title_keys.__contains__, keys), map(_CAP, toks[1:]))
        candidates = set(compress(count(1), map(and_, after_title, map("space".__eq__, map(_GAP, toks[1:])))))
        candidates.update(k for k in compress(count(0), map(_REPORTING.__contains__, keys[1:]))
                          if toks[k].cap and toks[k + 1].gap == "space" and k > 0
                          and (toks[k].gap != "space" or not toks[k - 1].cap))  # a surname alone, not 'Fumio Kishda'
        for k in sorted(candidates):
            t, prev = toks[k], toks[k - 1]
            if k in an.covered:
                continue
            if k in flagged_tokens or (t.key,) in idx.exact or t.key in HONORIFICS or t.key in idx.title_keys:
                continue
            if len(t.key) < 2 or t.text.isupper() and len(t.text) > 1 and not t.text.isalpha():
                continue
            # the name run after the title: "Xu", "Xu Xu"
            j = k + 1
            while j < len(toks) and j - k < 3 and toks[j].cap and toks[j].gap in ("space", "hyphen") \
                    and toks[j].key not in HONORIFICS and (toks[j].key,) not in idx.exact:
                j += 1
            best = None
            for tid in people:
                strict = prev.key not in titles.get(tid, ())
                for key, form in shorts.get(tid, ()):
                    score = _sounds_like(t.key, key, strict)
                    if score and (best is None or score > best[0]):
                        best = (score, tid, form)
            if best is None:
                continue
            score, tid, form = best
            others = [s for s in used_forms[tid] if s != surface(t.text)]
            if not others:
                continue  # the document never writes this person otherwise: not an inconsistency
            run = [x for x in toks[k:j]]
            if len(run) > 1 and any(x.key != t.key for x in run[1:]):
                continue  # a full name ("Captain Shaun Pollock"), not a drifted short form
            start, end = run[0].start, run[-1].end
            found = text[start:end]
            official = idx.persons.get(tid, form)
            suggestion = form if len(run) == 1 else official
            seen_spans.add((start, end))
            listed = ", ".join(f"'{s}'" for s, _ in used_forms[tid].most_common(3))
            yield make_finding(
                INCONSISTENT_FORM, doc, start, end,
                f"'{found}' seems to name {official} (official form), whom this document also calls {listed}; "
                f"write '{suggestion}' consistently (phonetic similarity {score:.2f}).",
                suggestion=suggestion, confidence=round(0.55 + 0.35 * score, 3), term_id=tid,
            )



def _name_variants(doc, idx, flagged: list, seen_spans, memo: dict):
    """Capitalised names in several forms (order, spacing, hyphens, capitals)."""
    text = doc.text
    runs = _capitalised_runs(text, idx, memo)
    groups: dict[tuple, list[list]] = {}
    for run in runs:
        keys = tuple(x.key for x in run)
        if len(squash(keys)) < 6:
            continue
        groups.setdefault(("sq", squash(keys)), []).append(run)
        if all(x.gap != "hyphen" for x in run[1:]):
            groups.setdefault(("bag", tuple(sorted(keys))), []).append(run)
    starts = [a for a, _ in flagged]
    for (kind, _), occ in groups.items():
        forms = Counter()
        first: dict[str, int] = {}
        by_form: dict[str, list] = {}
        for run in occ:
            if _in_capitals(text, run[0].start, run[-1].end):
                continue  # a heading in capitals ('UNITED STATES SOUTHERN COMMAND') is no other spelling
            f = surface(text[run[0].start:run[-1].end])
            forms[f] += 1
            first.setdefault(f, run[0].start)
            by_form.setdefault(f, run)
        if len(forms) < 2:
            continue

        # prefer an admitted form of the glossary, then the most frequent, then the first
        def rank(f):
            run = by_form[f]
            admitted = tuple(x.key for x in run) in idx.exact and not _overlaps(flagged, starts, run[0].start, run[-1].end)
            return (admitted, forms[f], -first[f])

        dominant = max(forms, key=rank)
        dom_run = by_form[dominant]
        dom_text = text[dom_run[0].start:dom_run[-1].end]
        for run in occ:
            start, end = run[0].start, run[-1].end
            found = text[start:end]
            if surface(found) == dominant or (start, end) in seen_spans or surface(found) not in forms:
                continue
            if tuple(x.key for x in run) in idx.exact and tuple(x.key for x in dom_run) in idx.exact:
                continue  # two admitted forms of the glossary ('Minoru Kihara' and 'KIHARA Minoru')
            if _overlaps(flagged, starts, start, end):
                continue  # already reported against the glossary by the names family
            seen_spans.add((start, end))
            how = "word order" if kind == "bag" else "spacing, hyphens or capitals"
            yield make_finding(
                INCONSISTENT_FORM, doc, start, end,
                f"'{found}' differs in {how} from '{dom_text}', the form this document uses "
                f"{'' if forms[dominant] == 1 else str(forms[dominant]) + ' times '}for the same name; "
                f"use one form.",
                suggestion=dom_text, confidence=0.7,
            )


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Is the span in capitals, or on a line that has no lower-case letter (a heading)?"""
    if not any(c.islower() for c in text[start:end]):
        return True
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return not any(c.islower() for c in text[ls:le if le >= 0 else len(text)])


def _overlaps(spans: list, starts: list, start: int, end: int) -> bool:
    k = bisect.bisect_left(starts, end)
    return any(b > start for _, b in spans[max(0, k - 8):k])


_CAPW = r"(?:[A-Z]\.){2,}|[A-Z\u00c0-\u00d6\u00d8-\u00de][^\W_]*"
_JOIN = r"(?:[ \t]+|[ \t]*[-\u2010\u2011\u2013][ \t]*)"
#: two or more capitalised words joined by spaces or hyphens (a lowercase part only after a hyphen)
_CAP_REGION = re.compile(
    rf"(?<![^\W_])(?:{_CAPW})(?:{_JOIN}(?:(?:{_CAPW})|(?<=[-\u2010\u2011\u2013])[^\W\d_][^\W_]*))+(?![^\W_])"
)


def _capitalised_runs(text: str, idx, memo: dict) -> list[list]:
    """Maximal runs of two or more capitalised words (hyphenated parts included),
    without a leading function word or title ("The", "Defense Minister"), as token lists.

    Found with one regex over the text, so a long document with few names costs little.
    The run of each distinct region string is worked out once per glossary (``memo``)
    and shifted to where the region occurs."""
    out = []
    for m in _CAP_REGION.finditer(text):
        region = m.group(0)
        run = memo.get(region)
        if run is None:
            if len(memo) > 50000:
                memo.clear()
            run = memo[region] = _region_run(region, idx)
        if run:
            b = m.start()
            out.append([_new_token(Token, (t[0] + b, t[1] + b) + t[2:]) for t in run])
    return out


def _region_run(region: str, idx) -> tuple:
    """The name run of one capitalised region, with offsets from the region's start (a region
    holds no apostrophe, so no possessive fold and its tokens do not depend on where it is)."""
    toks = tokenize(region)
    a, j = 0, len(toks)
    while a < j and (toks[a].key in STOPWORDS or toks[a].key in HONORIFICS):
        a += 1
    for b in range(min(j, a + 5), a + 1, -1):  # a glossary title in front ("Defense Minister")
        if any(idx.forms[f].role == "title" for f in idx.exact.get(tuple(x.key for x in toks[a:b]), ())):
            a = b
            break
    if j - a >= 2 and not any(x.text.isdigit() for x in toks[a:j]):
        return tuple(toks[a:j])
    return ()
