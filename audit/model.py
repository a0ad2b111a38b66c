"""Pure data: documents, paragraphs, findings, reports.  No I/O here."""
from __future__ import annotations

import bisect
import enum
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Optional


class Severity(str, enum.Enum):
    """MQM severity levels, ordered by weight."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r} (expected one of: "
                + ", ".join(s.value for s in cls) + ")"
            ) from None

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


_RANK = {Severity.NEUTRAL: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


def severity_counts(findings) -> dict[str, int]:
    """Findings per gate severity, in the order minor, major, critical (neutral is not counted)."""
    counts = {"minor": 0, "major": 0, "critical": 0}
    for f in findings:
        if f.severity.value in counts:
            counts[f.severity.value] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the document separated by blank lines.

    ``start``/``end`` are half-open offsets into the decoded document text;
    ``text`` is exactly ``document.text[start:end]``.
    """

    id: str
    index: int
    start: int
    end: int
    text: str
    number: Optional[int] = None  # the document's own numbering ("12." -> 12)


_START = attrgetter("start")


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    sha256: str = ""

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph that contains ``offset`` (or the nearest one before it)."""
        i = bisect.bisect_right(self.paragraphs, offset, key=_START) - 1
        return self.paragraphs[max(i, 0)]


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged span.  ``text == document.text[start:end]`` always holds."""

    rule: str
    check: str
    category: str
    severity: Severity
    paragraph: str
    start: int
    end: int
    text: str
    message: str
    suggestion: Optional[str] = None
    confidence: float = 1.0
    name: str = ""
    term_id: Optional[str] = None

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "name": self.name,
            "check": self.check,
            "category": self.category,
            "severity": self.severity.value,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "confidence": round(float(self.confidence), 3),
        }


@dataclass(frozen=True, slots=True)
class ParagraphResult:
    paragraph: Paragraph
    words: int
    chrome: bool
    findings: tuple[Finding, ...]
    penalty: float
    score: Optional[float]
    extra: dict = field(default_factory=dict)  # e.g. reference metrics


@dataclass(frozen=True, slots=True)
class Report:
    """Everything known about one audited document; renderers read only this."""

    document: Document
    findings: tuple[Finding, ...]
    paragraphs: tuple[ParagraphResult, ...]
    words: int
    evaluated_words: int
    penalty: float
    score: float
    errors: int
    passed: bool
    fail_on: Severity
    signature: str
    by_severity: dict
    by_category: dict
    extra: dict = field(default_factory=dict)  # reference summary, fix summary...
