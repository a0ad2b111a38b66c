"""The versioned JSON finding contract (``audit-report/1``); schema in ``audit/schema/``."""
from __future__ import annotations

import json

from ..model import Report, severity_counts

SCHEMA = "audit-report/1"


def to_dict(report: Report) -> dict:
    doc = report.document
    paragraphs = []
    for pr in report.paragraphs:
        p = pr.paragraph
        counts = severity_counts(pr.findings)
        item = {
            "id": p.id,
            "start": p.start,
            "end": p.end,
            "words": pr.words,
            "chrome": pr.chrome,
            "findings": len(pr.findings),
            "by_severity": counts,
            "penalty": round(pr.penalty, 4),
            "score": pr.score,
        }
        item.update(pr.extra)
        paragraphs.append(item)
    summary = {
        "errors": report.errors,
        "fail_on": report.fail_on.value,
        "passed": report.passed,
        "findings": len(report.findings),
        "by_severity": dict(report.by_severity),
        "by_category": dict(report.by_category),
        "penalty": report.penalty,
        "evaluated_words": report.evaluated_words,
        "score": report.score,
        "signature": report.signature,
    }
    summary.update(report.extra)
    return {
        "schema": SCHEMA,
        "document": doc.path,
        "sha256": doc.sha256,
        "words": report.words,
        "paragraphs": paragraphs,
        "findings": [f.to_dict() for f in report.findings],
        "summary": summary,
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
