"""MQM raw scoring: severity weights, absolute penalty, per-word penalty, quality score.

Weights are keyed ``severity`` or ``severity/category-prefix``; the most
specific key wins (the mt-metrics-eval weight-spec idea), e.g.
``{"minor": 1, "major": 5, "critical": 25, "minor/Fluency/Punctuation": 0.1}``.
Category prefixes match whole path segments, case-insensitively
(``minor/Fluency`` covers ``Fluency/Punctuation`` but not ``Fluently/...``).

    penalty        = sum(weight(f) for f in scored findings)
    penalty/word   = penalty / evaluated_words
    quality score  = 100 * (1 - penalty/word)          (may be negative; MQM raw)

Evaluated words exclude page-chrome paragraphs.  Inside a chrome paragraph only
the chrome findings (the Accuracy/Addition of the whole line) are scored; other
findings there are still reported but not penalised, since that text is not
part of the evaluated translation.  See docs/scoring.md for a worked example.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

from .config import DEFAULT_WEIGHTS
from .model import Finding

CHROME_FAMILY = "chrome"


def weight(f: Finding, weights: Mapping[str, float]) -> float:
    """The weight of one finding: the most specific matching ``severity/category`` key,
    else the ``severity`` key, else the MQM default for that severity."""
    sev = f.severity.value
    best_len = -1
    best = weights.get(sev, DEFAULT_WEIGHTS.get(sev, 0.0))
    cat = f.category.casefold()
    for key, w in weights.items():
        if "/" not in key:
            continue
        ksev, kcat = key.split("/", 1)
        kcat = kcat.strip("/").casefold()
        if ksev.strip().lower() != sev or not kcat:
            continue
        if (cat == kcat or cat.startswith(kcat + "/")) and len(kcat) > best_len:
            best_len, best = len(kcat), w
    return float(best)


def scored(findings: Iterable[Finding], chrome: bool = False) -> list[Finding]:
    """The findings of one paragraph that count toward the penalty.

    All of them, unless the paragraph is page chrome: then only the chrome
    findings count (one Accuracy/Addition per chrome line), because the rest of
    that text is outside the evaluated word count.
    """
    if not chrome:
        return list(findings)
    return [f for f in findings if f.check == CHROME_FAMILY]


def penalty(findings: Iterable[Finding], weights: Mapping[str, float]) -> float:
    """Absolute penalty total: the sum of the findings' weights."""
    return sum(weight(f, weights) for f in findings)


def penalty_per_word(total_penalty: float, evaluated_words: int) -> Optional[float]:
    """Penalty per evaluated word; None when nothing was evaluated."""
    if evaluated_words <= 0:
        return None
    return total_penalty / evaluated_words


def quality_score(total_penalty: float, evaluated_words: int) -> float:
    """100 * (1 - penalty per word); a text with no evaluated words scores 100 unless penalised (then 0)."""
    if evaluated_words <= 0:
        return 100.0 if total_penalty == 0 else 0.0
    return 100.0 * (1.0 - total_penalty / evaluated_words)


def passes_score(score: float, min_score: Optional[float]) -> bool:
    """The score half of the gate: no threshold, or the (rounded) score at or above it."""
    return min_score is None or score >= min_score
