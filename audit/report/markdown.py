"""Markdown report (for pull-request comments)."""
from __future__ import annotations

from pathlib import PurePath

from ..model import Report


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def render(report: Report) -> str:
    name = PurePath(report.document.path).name
    gate = "PASS" if report.passed else "FAIL"
    sev = ", ".join(f"{k} {v}" for k, v in report.by_severity.items())
    lines = [
        f"### audit: `{_cell(name)}` — {gate}",
        "",
        f"Score **{report.score:.2f}** · {report.errors} error(s) at or above {report.fail_on.value} · {sev}",
        "",
    ]
    if report.findings:
        lines += ["| ¶ | Rule | Severity | Category | Text | Message | Suggestion |", "|---|---|---|---|---|---|---|"]
        for f in report.findings:
            sug = "" if f.suggestion is None else f"`{_cell(f.suggestion)}`"
            lines.append(
                f"| {f.paragraph} | `{f.rule}` | {f.severity.value} | {f.category} | `{_cell(f.text)}` | {_cell(f.message)} | {sug} |"
            )
    else:
        lines.append("No findings.")
    lines += ["", f"<sub>{report.signature}</sub>", ""]
    return "\n".join(lines)
