"""Engine mechanics: exact-span dedupe and subsumption of nested findings."""
from __future__ import annotations

from audit.engine import _dedupe, _drop_subsumed
from audit.model import Finding, Severity


def F(rule, start, end, sev="major", sug=None, conf=0.9):
    return Finding(rule=rule, check="x", category="Terminology/Wrong term", severity=Severity(sev), paragraph="1",
                   start=start, end=end, text="", message="m", suggestion=sug, confidence=conf)


def test_nested_finding_whose_fix_is_contained_is_dropped():
    outer = F("ENT002", 0, 40, "major", "53rd Security Consultative Meeting")
    inner = F("NAME004", 5, 40, "major", "Security Consultative Meeting")
    assert _drop_subsumed([inner, outer]) == [outer]


def test_nested_finding_kept_when_more_severe_or_fix_differs_or_no_suggestion():
    outer = F("ENT002", 0, 40, "minor", "53rd Security Consultative Meeting")
    inner = F("NAME004", 5, 40, "major", "Security Consultative Meeting")
    assert len(_drop_subsumed([outer, inner])) == 2
    outer = F("ENT002", 0, 40, "major", "Combined Forces Command")
    inner = F("NAME004", 5, 20, "major", "Camp Humphreys")
    assert len(_drop_subsumed([outer, inner])) == 2
    outer = F("GARB001", 0, 40, "major", None)
    inner = F("NAME004", 5, 20, "major", "Camp Humphreys")
    assert len(_drop_subsumed([outer, inner])) == 2
    # a deletion (empty suggestion) subsumes nothing
    outer = F("CHROME001", 0, 40, "minor", "")
    inner = F("PUNC001", 5, 6, "minor", ":")
    assert len(_drop_subsumed([outer, inner])) == 2


def test_exact_span_keeps_most_severe_then_confident():
    a = F("AAA001", 0, 5, "minor", "x", 1.0)
    b = F("BBB001", 0, 5, "major", "y", 0.5)
    assert _dedupe([a, b]) == [b]
    c = F("CCC001", 0, 5, "major", "z", 0.9)
    assert _dedupe([b, c]) == [c]
