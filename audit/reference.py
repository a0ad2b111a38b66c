"""Comparison with an official reference text: paragraph alignment and sacrebleu metrics.

Pure: no I/O.  ``align`` pairs the paragraphs of a document with those of its
reference; ``compare`` adds sentence-level chrF/BLEU/TER per aligned pair and
corpus-level scores with sacrebleu's signature strings; ``annotate`` turns a
comparison into the ``extra`` dicts that the JSON report merges into its
paragraph items and summary.

Alignment
---------
1. *Anchors*: a numbered paragraph (``12.``) pairs with the reference paragraph
   that has the same id.  Anchors are kept monotonic (longest increasing run in
   reference order), so a stray out-of-order number cannot cross other pairs.
2. Between anchors (and before the first one, or everywhere when nothing is
   numbered) a dynamic programme finds the monotonic alignment with 1-1, 1-2
   and 2-1 groups (merged and split paragraphs) and skips, maximising
   ``sum(similarity - min_similarity)`` over the groups.  Similarity is
   rapidfuzz's normalised Indel ratio (0-100) on lowercased, whitespace-folded
   text; a group below ``min_similarity`` is never formed, except for the
   group that contains an anchor pair, which is always formed.
3. Two paragraphs carrying different numbers are never grouped together.
4. Blocks larger than 60 x 60 paragraphs search a band around the diagonal
   (width 12 plus the size difference), so long unnumbered documents stay fast.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from .model import Document, Paragraph, ParagraphResult

#: default options (``[tool.audit.options.reference]``)
DEFAULTS: Mapping[str, float] = {
    "min_similarity": 60.0,  # rapidfuzz ratio below which two paragraphs are not paired
    "ter": True,  # TER is the slow metric (pure-Python shift search): ter = false skips it
}

_MOVES = ((1, 1), (1, 2), (2, 1))
_FULL_DP_CELLS = 3600  # blocks up to 60 x 60 paragraphs get the full dynamic programme
_BAND = 12  # otherwise a band this wide (plus the size difference) around the diagonal


@dataclass(frozen=True)
class Pair:
    """One aligned group: document paragraph ids and reference paragraph ids (1-1, 1-2 or 2-1)."""

    doc: tuple[str, ...]
    ref: tuple[str, ...]
    similarity: float
    anchored: bool = False

    @property
    def kind(self) -> str:
        return f"{len(self.doc)}-{len(self.ref)}"


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[Pair, ...]
    unaligned_doc: tuple[str, ...]
    unaligned_ref: tuple[str, ...]

    def pair_of(self, doc_id: str) -> Optional[Pair]:
        for p in self.pairs:
            if doc_id in p.doc:
                return p
        return None


@dataclass(frozen=True)
class PairScore:
    pair: Pair
    hyp: str  # whitespace-folded document text of the group
    ref: str  # whitespace-folded reference text of the group
    chrf: float
    bleu: Optional[float] = None
    ter: Optional[float] = None


@dataclass(frozen=True)
class Comparison:
    alignment: Alignment
    scores: tuple[PairScore, ...]
    corpus: dict  # {"chrf", "bleu", "ter"} document-level (corpus) scores
    signature: dict  # metric name -> sacrebleu signature string

    def score_of(self, doc_id: str) -> Optional[PairScore]:
        for s in self.scores:
            if doc_id in s.pair.doc:
                return s
        return None


def fold(text: str) -> str:
    """Whitespace-folded text: what the metrics and the similarity see."""
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    """Character similarity 0-100 (rapidfuzz Indel ratio) on lowercased folded text."""
    return float(fuzz.ratio(fold(a).lower(), fold(b).lower()))


def option(options: Optional[Mapping], key: str) -> float:
    value = (options or {}).get(key, DEFAULTS[key])
    if isinstance(DEFAULTS[key], bool):
        if not isinstance(value, bool):
            raise ValueError(f"options.reference.{key} must be true or false")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"options.reference.{key} must be a number")
    return float(value)


def _anchors(doc: Sequence[Paragraph], ref: Sequence[Paragraph]) -> list[tuple[int, int]]:
    """Numbered paragraphs with the same id on both sides, kept monotonic (longest increasing run)."""
    ref_index = {p.id: i for i, p in enumerate(ref) if p.number is not None}
    cands = [(i, ref_index[p.id]) for i, p in enumerate(doc) if p.number is not None and p.id in ref_index]
    if not cands:
        return []
    # longest strictly increasing subsequence on the reference index (O(n^2), n = numbered paragraphs)
    best = [1] * len(cands)
    prev = [-1] * len(cands)
    for k in range(len(cands)):
        for j in range(k):
            if cands[j][1] < cands[k][1] and best[j] + 1 > best[k]:
                best[k], prev[k] = best[j] + 1, j
    k = max(range(len(cands)), key=lambda x: (best[x], -x))
    out = []
    while k != -1:
        out.append(cands[k])
        k = prev[k]
    return out[::-1]


def _compatible(ds: Sequence[Paragraph], rs: Sequence[Paragraph]) -> bool:
    dn = {p.number for p in ds if p.number is not None}
    rn = {p.number for p in rs if p.number is not None}
    return not (dn and rn and not (dn & rn)) and len(dn) <= 1 and len(rn) <= 1


def _align_block(ds: Sequence[Paragraph], rs: Sequence[Paragraph], anchored: bool, threshold: float) -> list[Pair]:
    n, m = len(ds), len(rs)
    neg = float("-inf")
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[Optional[tuple]]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    # long blocks: search a band around the diagonal (|j - i*m/n| <= width), O((n+m)*width)
    width = None if n * m <= _FULL_DP_CELLS else _BAND + abs(n - m)
    for i in range(n + 1):
        if width is None:
            js = range(m + 1)
        else:
            centre = i * m / n if n else 0
            js = range(max(0, int(centre - width)), min(m, int(centre + width) + 1) + 1)
        for j in js:
            cur = score[i][j]
            if cur == neg:
                continue
            first = anchored and i == 0 and j == 0
            for a, b in _MOVES:
                if i + a > n or j + b > m:
                    continue
                dg, rg = ds[i:i + a], rs[j:j + b]
                if not _compatible(dg, rg):
                    continue
                sim = similarity(" ".join(p.text for p in dg), " ".join(p.text for p in rg))
                if sim < threshold and not first:
                    continue
                val = cur + sim - threshold
                if val > score[i + a][j + b]:
                    score[i + a][j + b] = val
                    back[i + a][j + b] = (i, j, sim, first)
            if not first:
                for a, b in ((1, 0), (0, 1)):
                    if i + a <= n and j + b <= m and cur > score[i + a][j + b]:
                        score[i + a][j + b] = cur
                        back[i + a][j + b] = (i, j, None, False)
    pairs: list[Pair] = []
    i, j = n, m
    if score[n][m] == neg:  # cannot happen: an anchored block always has a first match move
        return pairs
    while (i, j) != (0, 0):
        pi, pj, sim, anchor = back[i][j]
        if sim is not None:
            pairs.append(Pair(tuple(p.id for p in ds[pi:i]), tuple(p.id for p in rs[pj:j]), round(sim, 2), anchor))
        i, j = pi, pj
    return pairs[::-1]


def align(
    doc: Sequence[Paragraph],
    ref: Sequence[Paragraph],
    min_similarity: float = DEFAULTS["min_similarity"],
    skip: Iterable[str] = (),
) -> Alignment:
    """Align document paragraphs with reference paragraphs (see the module docstring).

    ``skip`` lists document paragraph ids (page chrome) that take no part.
    Empty paragraphs never align.
    """
    skipped = set(skip)
    ds = [p for p in doc if p.id not in skipped and p.text.strip()]
    rs = [p for p in ref if p.text.strip()]
    anchors = _anchors(ds, rs)
    bounds = [(0, 0, False)] + [(i, j, True) for i, j in anchors] + [(len(ds), len(rs), False)]
    pairs: list[Pair] = []
    for (i0, j0, anchored), (i1, j1, _) in zip(bounds, bounds[1:]):
        if i1 > i0 or j1 > j0:
            pairs.extend(_align_block(ds[i0:i1], rs[j0:j1], anchored, min_similarity))
    in_doc = {x for p in pairs for x in p.doc}
    in_ref = {x for p in pairs for x in p.ref}
    return Alignment(
        pairs=tuple(pairs),
        unaligned_doc=tuple(p.id for p in ds if p.id not in in_doc),
        unaligned_ref=tuple(p.id for p in rs if p.id not in in_ref),
    )


@dataclass(frozen=True)
class TerStats:
    score: float
    num_edits: float
    ref_length: float


def _ter(metric, hyp: str, ref: str) -> TerStats:
    """Sentence TER with its statistics; identical texts skip the (slow) shift search."""
    if hyp == ref:
        return TerStats(0.0, 0.0, float(len(ref.split())))
    t = metric.sentence_score(hyp, [ref])
    return TerStats(t.score, float(t.num_edits), float(t.ref_length))


def ter_stats(hyp: str, ref: str) -> TerStats:
    """TER of ``hyp`` against ``ref`` (sacrebleu defaults) with edits and reference length."""
    from sacrebleu.metrics import TER

    return _ter(TER(), hyp, ref)


def ter_signature() -> str:
    from sacrebleu.metrics import TER

    return _signature(TER())


def _signature(metric) -> str:
    """sacrebleu's signature string; a metric must have scored once to know its reference count."""
    try:
        return metric.get_signature().format()
    except ValueError:
        metric.sentence_score("a", ["a"])
        return metric.get_signature().format()


def _texts(doc: Document, ids: Sequence[str]) -> str:
    by_id = {p.id: p for p in doc.paragraphs}
    return fold(" ".join(by_id[i].text for i in ids))


def compare(
    doc: Document,
    ref: Document,
    options: Optional[Mapping] = None,
    skip: Iterable[str] = (),
    full: bool = True,
) -> Comparison:
    """Align and score.  ``full=False`` computes only chrF (what the REF rules need)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    alignment = align(doc.paragraphs, ref.paragraphs, option(options, "min_similarity"), skip)
    chrf = CHRF()
    bleu = BLEU(effective_order=True) if full else None
    ter = TER() if full and option(options, "ter") else None
    scores = []
    edits = ref_words = 0.0
    for pair in alignment.pairs:
        hyp, rtext = _texts(doc, pair.doc), _texts(ref, pair.ref)
        t = _ter(ter, hyp, rtext) if ter else None
        if t is not None:
            edits += t.num_edits
            ref_words += t.ref_length
        scores.append(PairScore(
            pair=pair,
            hyp=hyp,
            ref=rtext,
            chrf=round(chrf.sentence_score(hyp, [rtext]).score, 2),
            bleu=round(bleu.sentence_score(hyp, [rtext]).score, 2) if bleu else None,
            ter=round(t.score, 2) if t is not None else None,
        ))
    corpus: dict = {}
    signature: dict = {}
    if full:  # the signatures are reported even when nothing aligned
        hyps = [s.hyp for s in scores]
        refs = [[s.ref for s in scores]]
        for name, metric in (("chrf", CHRF()), ("bleu", BLEU())):
            if scores:
                corpus[name] = round(metric.corpus_score(hyps, refs).score, 2)
            signature[name] = _signature(metric)
        # corpus TER = total edits / total reference words: the sentence statistics
        # summed, exactly what TER.corpus_score computes, without redoing the shift search
        if ter is not None:
            if scores:
                corpus["ter"] = round(100.0 * edits / ref_words, 2) if ref_words else (0.0 if edits == 0 else 100.0)
            signature["ter"] = _signature(ter)
    return Comparison(alignment, tuple(scores), corpus, signature)


def typical(values: Sequence[float]) -> tuple[float, float]:
    """Median and median absolute deviation of ``values`` (0, 0 when empty)."""
    if not values:
        return 0.0, 0.0
    from statistics import median  # imported here: statistics costs ~8 ms of start-up

    med = median(values)
    return med, median(abs(v - med) for v in values)


def annotate(
    results: Sequence[ParagraphResult],
    doc: Document,
    ref: Document,
    options: Optional[Mapping] = None,
    reference_path: Optional[str] = None,
) -> tuple[list[ParagraphResult], dict]:
    """Attach ``reference``/``reference_text``/``alignment``/``metrics`` to aligned paragraph results.

    Returns the new paragraph results and the ``summary`` extra
    ``{"reference": {...}}``.  Page-chrome paragraphs are left out of the alignment.
    """
    skip = [r.paragraph.id for r in results if r.chrome]
    cmp = compare(doc, ref, options, skip=skip)
    ref_by_id = {p.id: p for p in ref.paragraphs}
    out = []
    for r in results:
        s = cmp.score_of(r.paragraph.id)
        if s is None:
            out.append(r)
            continue
        extra = dict(r.extra)
        extra["reference"] = "+".join(s.pair.ref)
        extra["reference_text"] = "\n\n".join(ref_by_id[i].text for i in s.pair.ref)
        extra["alignment"] = s.pair.kind
        extra["metrics"] = {"chrf": s.chrf, "bleu": s.bleu, "ter": s.ter}
        out.append(replace(r, extra=extra))
    summary = {
        "document": reference_path if reference_path is not None else ref.path,
        "sha256": ref.sha256,
        "aligned": len(cmp.scores),
        "unaligned": list(cmp.alignment.unaligned_doc),
        "unaligned_reference": list(cmp.alignment.unaligned_ref),
        **cmp.corpus,
        "signature": cmp.signature,
    }
    return out, {"reference": summary}
