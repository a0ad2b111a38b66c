"""Reference family: findings from comparing the document with its official reference text.

These rules run only when a reference is given (``--reference FILE|DIR``, or
``Example(reference=...)``).  Paragraphs are aligned by ``audit.reference.align``;
each aligned group (1-1, 1-2 or 2-1 paragraphs) is compared on its own:

* REF001: chrF far below the document's typical chrF, or below an absolute floor;
* REF002: numbers and dates of the reference paragraph missing or different;
* REF003: acronyms of the reference paragraph missing or different.

Options (``[tool.audit.options.reference]``): ``min_similarity`` (alignment),
``floor``, ``mad_k``, ``min_drop``, ``min_pairs`` (REF001).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterator, Optional

from rapidfuzz import fuzz

from ..model import Document, Paragraph
from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

if TYPE_CHECKING:  # audit.reference (alignment, sacrebleu metrics) is imported when a reference is given
    from .. import reference as refmod

_OPTION_DOC = """
## Options
`[tool.audit.options.reference]`: `min_similarity` (default 60, rapidfuzz ratio
below which two unnumbered paragraphs are not aligned); for REF001 `floor`
(default 30), `mad_k` (default 3), `min_drop` (default 20), `min_pairs` (default 5).
"""

LOW_SIMILARITY = rule(
    code="REF001",
    name="reference-low-similarity",
    family="reference",
    summary="A paragraph whose chrF against its reference paragraph is far below the document's typical chrF.",
    severity="major",
    category="Accuracy/Mistranslation",
    doc="""
## What it checks
Every document paragraph aligned with a reference paragraph gets a sentence-level
chrF score.  A paragraph is flagged when its chrF is below an absolute floor
(default 30), or, when at least `min_pairs` paragraphs are aligned, when it lies
more than `max(mad_k x 1.4826 x MAD, min_drop)` points below the median chrF of
the document.  Identical paragraphs score 100 and are never flagged.

## Why it matters
A translation that is uniformly close to the official text but has one paragraph
far away from it usually hides a mistranslated, garbled or misplaced paragraph.

## Example
    1. The delegations discussed fisheries quotas for the coming season.
    (reference: 1. The ministers reviewed maritime security cooperation in the region.)

## Preferred
    1. The ministers reviewed maritime security cooperation in the region.
""" + _OPTION_DOC,
    examples=(
        Example("1. The delegations discussed fisheries quotas for the coming season.",
                ("REF001",), reference="1. The ministers reviewed maritime security cooperation in the region."),
        Example("1. The ministers reviewed maritime security cooperation in the region.",
                reference="1. The ministers reviewed maritime security cooperation in the region."),
    ),
)

NUMBERS = rule(
    code="REF002",
    name="reference-number-mismatch",
    family="reference",
    summary="A number or date of the reference paragraph is missing from, or different in, the document paragraph.",
    severity="major",
    category="Accuracy/Mistranslation",
    fixable=True,
    doc="""
## What it checks
Numbers (`54th`, `1978`, `3.5`, `1,000`) and month names used in dates are
collected from the reference paragraph and from the aligned document paragraph
and compared as multisets.  When a reference number is missing and the document
paragraph has a number the reference does not, the document's number is flagged
with the reference's as the suggestion (confidence 0.9 when the pairing is
unambiguous).  When there is no counterpart, the sentence of the document that
best matches the reference sentence holding the number (else the paragraph's first
sentence) is flagged with an *Omission* message.  Numbers written as words in the
document (`two`, `second`) count as present.  `5G`, `F-35`-like names are not numbers.

## Why it matters
Dates, ordinals and quantities are facts: a wrong year or meeting number changes
what the official text says, and readers rarely notice.

## Example
    The 54th meeting was held in Canberra on 3 May 2019.
    (reference: The 45th meeting was held in Canberra on 3 May 2019.)

## Preferred
    The 45th meeting was held in Canberra on 3 May 2019.
""" + _OPTION_DOC,
    examples=(
        Example("The 54th meeting was held in Canberra on 3 May 2019.", ("REF002",),
                reference="The 45th meeting was held in Canberra on 3 May 2019.", flagged="54th"),
        Example("The meeting was held in Canberra.", ("REF002",),
                reference="The meeting was held in Canberra on 3 May 2019.",
                flagged="The meeting was held in Canberra."),
        Example("The two leaders met twice in 2019, on 3 May and on 1,200 other occasions.",
                reference="The 2 leaders met twice in 2019, on 3 May and on 1200 other occasions."),
    ),
)

ACRONYMS = rule(
    code="REF003",
    name="reference-acronym-mismatch",
    family="reference",
    summary="An acronym of the reference paragraph is missing from, or different in, the document paragraph.",
    severity="minor",
    category="Terminology/Wrong term",
    fixable=True,
    doc="""
## What it checks
Acronyms (two or more capitals: `NATO`, `OPLANs` counts as `OPLAN`, `U.S.` as
`US`, prefixed forms such as `F-CFC` or `Tri-CHOD` as one acronym; Roman numerals
and all-capital headings are ignored) are compared as sets between the reference
paragraph and the aligned document paragraph.  A reference acronym missing from
the document is flagged on the document acronym that most resembles it (with the
reference acronym as the suggestion), or, without such a counterpart, on the
document sentence that best matches the reference sentence (*Omission*).

## Why it matters
Acronyms are glossary material: a different or dropped acronym breaks the link
with the official terminology and with later mentions.

## Example
    The Combined Forces Command (CCF) met in Seoul.
    (reference: The Combined Forces Command (CFC) met in Seoul.)

## Preferred
    The Combined Forces Command (CFC) met in Seoul.
""" + _OPTION_DOC,
    examples=(
        Example("The Combined Forces Command (CCF) met in Seoul.", ("REF003",),
                reference="The Combined Forces Command (CFC) met in Seoul.", flagged="CCF"),
        Example("The U.S. and NATO allies updated their OPLANs.",
                reference="The US and NATO allies updated their OPLAN."),
    ),
)


def _chrome_ids(doc: Document, ctx) -> set[str]:
    """Paragraphs the engine will treat as page chrome (half or more covered by chrome findings)."""
    try:
        from . import chrome
    except ImportError:  # pragma: no cover - the chrome family is optional
        return set()
    func = getattr(chrome, "check_chrome", None)
    if func is None:  # pragma: no cover
        return set()
    covered: Counter = Counter()
    for f in func(doc, ctx):
        if ctx.config.is_selected(f.rule, f.name):  # as the engine sees it: selected chrome rules only
            covered[f.paragraph] += f.end - f.start
    return {p.id for p in doc.paragraphs if p.text and covered[p.id] * 2 >= len(p.text)}


# -- tokens ---------------------------------------------------------------------------

_NUM = lazy_re(r"(?<![\w.,/])\d+(?:[.,:/]\d+)*(?:st|nd|rd|th)?(?![\w])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH = lazy_re(r"\b(" + "|".join(_MONTHS) + r")\b(?=\s+\d)|(?<=\d\s)\b(" + "|".join(_MONTHS) + r")\b")
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()) if i})
_WORD_RE = lazy_re(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)


def _num_key(token: str) -> str:
    t = re.sub(r"(st|nd|rd|th)$", "", token)
    t = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", t)  # thousands separators
    if re.fullmatch(r"\d+", t):
        t = str(int(t))
    return t


def _numbers(text: str) -> list[tuple[str, int, int, str]]:
    """``(key, start, end, surface)`` for numbers and date month names in ``text``."""
    out = [(_num_key(m.group(0)), m.start(), m.end(), m.group(0)) for m in _NUM.finditer(text)]
    out += [("month:" + m.group(0), m.start(), m.end(), m.group(0)) for m in _MONTH.finditer(text)]
    return sorted(out, key=lambda t: t[1])


_ACR_TOKEN = lazy_re(r"(?<![\w.&-])[A-Za-z0-9][A-Za-z0-9.&-]*[A-Za-z0-9.](?:['’]s)?(?![\w&-])")
_ROMAN = lazy_re(r"^[IVXLC]+$")


def _acr_part(part: str) -> Optional[str]:
    core = part.replace(".", "")
    if core.endswith("s") and core[:-1].isupper():
        core = core[:-1]
    letters = [c for c in core if c.isalpha()]
    if len(letters) < 2 or any(c.islower() for c in letters) or not core.replace("&", "").isalnum():
        return None
    if _ROMAN.match(core) and len(core) <= 4:
        return None
    if not core[0].isalpha():
        return None
    return core


def _acronyms(text: str) -> list[tuple[str, int, int, str]]:
    """``(key, start, end, surface)`` for acronyms in ``text`` (empty for all-capital headings)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return []
    out = []
    for m in _ACR_TOKEN.finditer(text):
        tok = re.sub(r"['’]s$", "", m.group(0))
        parts = tok.split("-")
        keys = [_acr_part(p) for p in parts]
        if len(parts) > 1 and all(keys):
            pos = m.start()
            for p, k in zip(parts, keys):
                out.append((k, pos, pos + len(p), p))
                pos += len(p) + 1
        elif any(keys) and len(parts) > 1 and all(k or len(p) <= 3 for p, k in zip(parts, keys)):
            whole = "-".join(p.replace(".", "") for p in parts)
            out.append((whole.rstrip("s") if whole.endswith("s") and whole[:-1].isupper() else whole, m.start(), m.start() + len(tok), tok))
        else:
            pos = m.start()
            for p, k in zip(parts, keys):
                if k:
                    out.append((k, pos, pos + len(p), p))
                pos += len(p) + 1
    return out


_SENT_END = lazy_re(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBR_END = lazy_re(r"(?:\b[A-Z]\.|\b(?:Mr|Ms|Mrs|Dr|Gen|Lt|Col|Adm|No|St|Jr|Sr|vs|etc)\.)[\"'”’)]*\s+$")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Half-open sentence ranges in ``text`` (whitespace trimmed)."""
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if _ABBR_END.search(text[max(0, m.start() - 6): m.end()]):
            continue
        out.append((pos, m.start() + len(m.group(0).rstrip())))
        pos = m.end()
    out.append((pos, len(text.rstrip())))
    return [(s, e) for s, e in out if e > s]


# -- comparison of one aligned group -----------------------------------------------------

class _Group:
    """The document paragraphs and the reference paragraphs of one aligned pair."""

    def __init__(self, doc_paras: list[Paragraph], ref_paras: list[Paragraph]):
        self.doc_paras = doc_paras
        self.ref_paras = ref_paras
        # document sentences as absolute document offsets
        self.doc_sents = [(p.start + s, p.start + e) for p in doc_paras for s, e in _sentences(p.text)]

    def doc_tokens(self, extract) -> list[tuple[str, int, int, str]]:
        return [(k, p.start + s, p.start + e, surf) for p in self.doc_paras for k, s, e, surf in extract(p.text)]

    def ref_tokens(self, extract) -> list[tuple[str, Paragraph, int, str]]:
        return [(k, p, s, surf) for p in self.ref_paras for k, s, _e, surf in extract(p.text)]

    def locate(self, doc: Document, ref_para: Paragraph, ref_pos: int) -> tuple[int, int]:
        """The document sentence that best matches the reference sentence around ``ref_pos``."""
        rs = next(((s, e) for s, e in _sentences(ref_para.text) if s <= ref_pos < e), (0, len(ref_para.text)))
        rsent = ref_para.text[rs[0]:rs[1]]
        best, where = -1.0, None
        for s, e in self.doc_sents:
            sim = fuzz.ratio(rsent.lower(), doc.text[s:e].lower())
            if sim > best:
                best, where = sim, (s, e)
        if where is None or best < 50:
            where = self.doc_sents[0] if self.doc_sents else (self.doc_paras[0].start, self.doc_paras[0].end)
        return where


def _groups(doc: Document, ref: Document, alignment: refmod.Alignment) -> Iterator[tuple[refmod.Pair, _Group]]:
    dby = {p.id: p for p in doc.paragraphs}
    rby = {p.id: p for p in ref.paragraphs}
    for pair in alignment.pairs:
        yield pair, _Group([dby[i] for i in pair.doc], [rby[i] for i in pair.ref])


def _num_option(ctx, key: str, default: float) -> float:
    v = ctx.option("reference", key, default)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"options.reference.{key} must be a number")
    return float(v)


@checker("reference", [LOW_SIMILARITY, NUMBERS, ACRONYMS])
def check_reference(doc: Document, ctx):
    ref = ctx.reference
    if ref is None:
        return
    from .. import reference as refmod

    options = ctx.config.options.get("reference")
    cmp = refmod.compare(doc, ref, options, skip=_chrome_ids(doc, ctx), full=False)
    used: set[tuple[int, int]] = set()

    def span(s: int, e: int) -> tuple[int, int]:
        """A span no other finding of this family uses yet (the engine keeps one finding per span)."""
        while (s, e) in used and e - 1 > s:
            e -= 1
        used.add((s, e))
        return s, e

    # REF001 -------------------------------------------------------------------------
    floor = _num_option(ctx, "floor", 30.0)
    k = _num_option(ctx, "mad_k", 3.0)
    min_drop = _num_option(ctx, "min_drop", 20.0)
    min_pairs = _num_option(ctx, "min_pairs", 5)
    chrfs = [s.chrf for s in cmp.scores]
    med, mad = refmod.typical(chrfs)
    cut = med - max(k * 1.4826 * mad, min_drop) if len(chrfs) >= min_pairs else None
    dby = {p.id: p for p in doc.paragraphs}
    for s in cmp.scores:
        low_floor = s.chrf < floor
        low_rel = cut is not None and s.chrf < cut
        if not (low_floor or low_rel):
            continue
        first, last = dby[s.pair.doc[0]], dby[s.pair.doc[-1]]
        why = (f"below the floor of {floor:g}" if low_floor else
               f"far below the document's median of {med:.1f} (cut-off {cut:.1f})")
        a, b = span(first.start, last.end)
        yield make_finding(
            LOW_SIMILARITY, doc, a, b,
            f"chrF {s.chrf:.1f} against reference paragraph {'+'.join(s.pair.ref)}, {why}: "
            "check this paragraph against the official text.",
            confidence=0.8 if low_floor else 0.7,
        )

    # REF002 / REF003 --------------------------------------------------------------------
    for pair, g in _groups(doc, ref, cmp.alignment):
        yield from _compare_numbers(doc, g, span)
        yield from _compare_acronyms(doc, g, span)


def _present_as_word(g: _Group, key: str) -> bool:
    if not key.isdigit():
        return False
    n = int(key)
    return any(_WORDS[m.group(1).lower()] == n for p in g.doc_paras for m in _WORD_RE.finditer(p.text))


def _omissions(doc: Document, g: _Group, missing: list, rule_, what: str, span):
    """One Omission finding per document sentence, listing what it lacks."""
    by_sent: dict[tuple[int, int], list[str]] = {}
    for key, rpara, rpos, surf in missing:
        where = g.locate(doc, rpara, rpos)
        items = by_sent.setdefault(where, [])
        if surf not in items:
            items.append(surf)
    for (s, e), items in sorted(by_sent.items()):
        a, b = span(s, e)
        listed = ", ".join(f"'{x}'" for x in items)
        yield make_finding(
            rule_, doc, a, b,
            f"Omission: the reference paragraph has {what} {listed} that this passage lacks.",
            confidence=0.5,
        )


def _compare_numbers(doc: Document, g: _Group, span):
    ref_toks = g.ref_tokens(_numbers)
    doc_toks = g.doc_tokens(_numbers)
    missing_count = Counter(t[0] for t in ref_toks) - Counter(t[0] for t in doc_toks)
    extra_count = Counter(t[0] for t in doc_toks) - Counter(t[0] for t in ref_toks)
    if not missing_count:
        return
    missing, seen = [], Counter()
    for t in ref_toks:  # the last occurrences of a key are the missing ones
        seen[t[0]] += 1
        total = sum(1 for x in ref_toks if x[0] == t[0])
        if seen[t[0]] > total - missing_count[t[0]]:
            missing.append(t)
    extras, seen = [], Counter()
    for t in doc_toks:
        seen[t[0]] += 1
        total = sum(1 for x in doc_toks if x[0] == t[0])
        if seen[t[0]] > total - extra_count[t[0]]:
            extras.append(t)
    unpaired = []
    for m in missing:
        kind = m[0].startswith("month:")
        cands = [x for x in extras if x[0].startswith("month:") == kind]
        if not cands:
            if _present_as_word(g, m[0]):
                continue
            unpaired.append(m)
            continue
        same_kind_missing = [x for x in missing if x[0].startswith("month:") == kind]
        x = cands[0]
        extras.remove(x)
        sure = len(cands) == 1 and len(same_kind_missing) == 1
        a, b = span(x[1], x[2])
        yield make_finding(
            NUMBERS, doc, a, b,
            f"'{x[3]}' where the reference has '{m[3]}'.",
            suggestion=m[3] if (a, b) == (x[1], x[2]) else None,
            confidence=0.9 if sure else 0.6,
        )
    yield from _omissions(doc, g, unpaired, NUMBERS, "the number or date", span)


def _compare_acronyms(doc: Document, g: _Group, span):
    ref_toks = g.ref_tokens(_acronyms)
    doc_toks = g.doc_tokens(_acronyms)
    doc_keys = {t[0] for t in doc_toks}
    ref_keys = {t[0] for t in ref_toks}
    missing_keys = [k for k in dict.fromkeys(t[0] for t in ref_toks) if k not in doc_keys]
    if not missing_keys:
        return
    extra = [k for k in dict.fromkeys(t[0] for t in doc_toks) if k not in ref_keys]
    first_ref = {}
    for t in ref_toks:
        first_ref.setdefault(t[0], t)
    unpaired = []
    for key in missing_keys:
        scored = sorted(((fuzz.ratio(key, x), x) for x in extra), key=lambda t: (-t[0], extra.index(t[1])))
        if not scored or scored[0][0] < 50:
            unpaired.append(first_ref[key])
            continue
        sim, x = scored[0]
        extra.remove(x)
        sure = sim >= 66 and (len(scored) == 1 or scored[1][0] < sim)
        surf_ref = first_ref[key][3]
        for t in doc_toks:
            if t[0] == x:
                a, b = span(t[1], t[2])
                yield make_finding(
                    ACRONYMS, doc, a, b,
                    f"'{t[3]}' where the reference has '{surf_ref}'.",
                    suggestion=surf_ref if (a, b) == (t[1], t[2]) else None,
                    confidence=0.85 if sure else 0.6,
                )
    yield from _omissions(doc, g, unpaired, ACRONYMS, "the acronym", span)
