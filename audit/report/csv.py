"""CSV of findings (for spreadsheets): one row per finding, a header row first.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or CR) are prefixed with an apostrophe in the text columns,
so opening the file never executes document content.
"""
from __future__ import annotations

import csv
import io

from ..model import Report
from .view import LineIndex, accepted_ids, finding_id

COLUMNS = ("document", "paragraph", "line", "column", "end_line", "end_column", "start", "end", "rule", "name",
           "severity", "category", "text", "message", "suggestion", "confidence", "baseline")
_TEXT_COLUMNS = {"document", "paragraph", "text", "message", "suggestion", "name", "category"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def rows(report: Report) -> list[dict]:
    lines = LineIndex(report.document.text)
    accepted = accepted_ids(report)
    base = "baseline" in (report.extra or {})
    out = []
    for f in report.findings:
        line, col, end_line, end_col = lines.span(f.start, f.end)
        row = {
            "document": report.document.path, "paragraph": f.paragraph, "line": line, "column": col,
            "end_line": end_line, "end_column": end_col, "start": f.start, "end": f.end, "rule": f.rule,
            "name": f.name, "severity": f.severity.value, "category": f.category, "text": f.text,
            "message": f.message, "suggestion": "" if f.suggestion is None else f.suggestion,
            "confidence": f"{f.confidence:.3f}",
            "baseline": ("accepted" if finding_id(f) in accepted else "new") if base else "",
        }
        for k in _TEXT_COLUMNS:
            row[k] = defuse(str(row[k]))
        out.append(row)
    return out


def render_many(reports: list[Report]) -> str:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for r in reports:
        w.writerows(rows(r))
    return buf.getvalue()


def render(report: Report) -> str:
    return render_many([report])
