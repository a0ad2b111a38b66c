"""Terminal summary table (tabulate): one row per document."""
from __future__ import annotations

from ..model import Report


def summary_table(reports: list[Report]) -> str:
    from tabulate import tabulate

    rows = []
    for r in reports:
        rows.append((
            r.document.path, len(r.document.paragraphs), r.words,
            r.by_severity.get("minor", 0), r.by_severity.get("major", 0), r.by_severity.get("critical", 0),
            f"{r.score:.2f}", "PASS" if r.passed else "FAIL",
        ))
    table = tabulate(rows, headers=["document", "paragraphs", "words", "minor", "major", "critical", "score", "gate"])
    sigs = sorted({r.signature for r in reports})
    return table + "\n" + "\n".join(sigs)
