"""MQM raw scoring: severity weights, absolute penalty, per-word penalty, quality score.

Weights are keyed ``severity`` or ``severity/category-prefix``; the most
specific key wins (the mt-metrics-eval weight-spec idea), e.g.
``{"minor": 1, "major": 5, "critical": 25, "minor/Fluency/Punctuation": 0.1}``.

    penalty        = sum(weight(f) for f in findings)
    penalty/word   = penalty / evaluated_words
    quality score  = 100 * (1 - penalty/word)
"""
from __future__ import annotations

from typing import Iterable, Mapping

from .model import Finding


def weight(f: Finding, weights: Mapping[str, float]) -> float:
    sev = f.severity.value
    best_len, best = -1, weights.get(sev, 0.0)
    for key, w in weights.items():
        if "/" not in key:
            continue
        ksev, kcat = key.split("/", 1)
        if ksev == sev and (f.category == kcat or f.category.startswith(kcat + "/")) and len(kcat) > best_len:
            best_len, best = len(kcat), w
    return float(best)


def penalty(findings: Iterable[Finding], weights: Mapping[str, float]) -> float:
    return sum(weight(f, weights) for f in findings)


def quality_score(total_penalty: float, evaluated_words: int) -> float:
    """100 * (1 - penalty per word); a text with no evaluated words scores 100 unless penalised."""
    if evaluated_words <= 0:
        return 100.0 if total_penalty == 0 else 0.0
    return 100.0 * (1.0 - total_penalty / evaluated_words)
