"""Term-of-art drift: a lower-case glossary term (a doctrine, a legal or technical phrase)
rendered with one word swapped for a near-synonym by machine translation."""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress, count
from operator import attrgetter

from rapidfuzz import fuzz

from ..glossary.matching import STOPWORDS, joinable, tokenize, tokens_of
from .registry import Example, checker, make_finding, rule

FAMILY = "termdrift"
_GLOSSARY = """
[[term]]
term = "extended deterrence"
[[term]]
term = "wartime operational control"
[[term]]
term = "mutual defense treaty"
[[term]]
term = "operational control"
"""

TERM_OF_ART_DRIFT = rule(
    code="TERM002",
    name="term-of-art-drift",
    family=FAMILY,
    summary="A lower-case term of art from the glossary with one word swapped ('expanded deterrence' for 'extended deterrence').",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
Terms of art are the glossary's lower-case multiword terms (`extended deterrence`,
`wartime operational control`): fixed phrases whose words carry a defined meaning.
Machine translation often swaps one of their words for a near-synonym.  The rule
flags a phrase that has the term's head word (its last word) and all its other
words but one, in the same order:

* for a term of three words or more, the first and last words must match and one
  word in between differs (`wartime combat control`);
* for a two-word term, the modifier must also look like the official one
  (`expanded` / `extended`: the same first letter and a spelling similarity of at
  least 70%), so that ordinary phrases sharing the head noun (`comprehensive
  deterrence`, `traditional control`) stay clean.

Capitalised names are left to the NAME rules; function words never count as the
swapped word.

## Why it matters
A term of art is a commitment with a defined scope: "expanded deterrence" or
"wartime combat control" reads as a different, undefined policy.

## Example
    ...to provide the ROK with expanded deterrence.
    ...the transition of wartime combat control.

## Preferred
    ...to provide the ROK with extended deterrence.
    ...the transition of wartime operational control.

## Options
None.  Admitted variants listed in the glossary are never flagged.
""",
    examples=(
        Example("The United States will provide expanded deterrence to its ally.", ("TERM002",), glossary=_GLOSSARY, flagged="expanded deterrence"),
        Example("They prepared the transition of wartime combat control.", ("TERM002",), glossary=_GLOSSARY, flagged="wartime combat control"),
        Example("Extended deterrence and wartime operational control were discussed; the comprehensive deterrence posture and "
                "a joint deterrence exercise, traditional control flow, the Mutual Defense Treaty and a treaty of mutual trust too.", glossary=_GLOSSARY),
    ),
)


def _index(glossary) -> dict[str, list[tuple[tuple[str, ...], str, frozenset]]]:
    """Head word -> [(word keys, official form, admitted key tuples)] for lower-case multiword terms."""
    idx: dict[str, list] = {}
    for t in glossary.terms:
        if t.kind != "term" or not t.term.islower():
            continue
        keys = tuple(tok.key for tok in tokenize(t.term))
        if len(keys) < 2 or len(keys) > 6:
            continue
        admitted = frozenset(tuple(tok.key for tok in tokenize(f)) for f in t.forms)
        idx.setdefault(keys[-1], []).append((keys, t.term, admitted, t.id))
    return idx


_START = attrgetter("start")
_KEY = attrgetter("key")


@checker(FAMILY, [TERM_OF_ART_DRIFT], needs_glossary=True)
def check_term_drift(doc, ctx):
    idx = ctx.glossary.compiled("termdrift.index.v1", _index)
    if not idx:
        return
    heads = ctx.glossary.compiled("termdrift.heads.v1", lambda g: re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, idx), key=len, reverse=True)) + r")(?!\w)", re.I))
    doc_tokens = tokens_of(doc.text)  # the document's tokens, shared with the other families
    # only tokens that end some term (a C-level filter over the keys) can end a window
    ends = list(compress(count(), map(idx.__contains__, map(_KEY, doc_tokens))))
    if not ends:
        return
    for para in doc.paragraphs:
        # the paragraph's tokens: paragraphs are separated by blank lines, so these are the
        # tokens of tokenize(para.text, para.start) (only the first one's gap may differ)
        lo = bisect_left(doc_tokens, para.start, key=_START)
        hi = bisect_left(doc_tokens, para.end, key=_START)
        mine = ends[bisect_left(ends, lo):bisect_left(ends, hi)]
        # a paragraph holding a term's head word (the regex runs only where a token ends a term)
        if not mine or not heads.search(para.text):
            continue
        tokens = doc_tokens[lo:hi]
        for i in (g - lo for g in mine):
            for keys, official, admitted, term_id in idx[tokens[i].key]:
                n = len(keys)
                s = i - n + 1
                if s < 0 or not joinable(tokens, s, i + 1):
                    continue
                window = tokens[s:i + 1]
                wkeys = tuple(w.key for w in window)
                if wkeys in admitted or any(w.cap and w.start != para.start for w in window[1:]):
                    continue
                diffs = [k for k in range(n - 1) if wkeys[k] != keys[k]]
                if len(diffs) != 1:
                    continue
                d = diffs[0]
                got, want = wkeys[d], keys[d]
                if got in STOPWORDS or want in STOPWORDS or len(got) < 3:
                    continue
                if n >= 3:
                    if d == 0:
                        continue
                    confidence = 0.85
                else:
                    sim = fuzz.ratio(got, want)
                    if sim < 70 or got[0] != want[0]:
                        continue
                    confidence = round(min(0.9, sim / 100), 2)
                start, end = window[0].start, window[-1].end
                text = doc.text[start:end]
                suggestion = official[:1].upper() + official[1:] if text[:1].isupper() else official
                yield make_finding(
                    TERM_OF_ART_DRIFT, doc, start, end,
                    f"'{text}' looks like the term of art '{official}' with '{window[d].text}' in place of "
                    f"'{tokenize(official)[d].text}'.",
                    suggestion=suggestion, confidence=confidence, term_id=term_id,
                )
