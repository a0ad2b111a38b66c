"""Markdown report (for pull-request comments): GitHub-flavoured tables.

Document text goes into code spans whose backtick fence is longer than any run
of backticks inside it; other cells are HTML-escaped, so neither markup in a
document nor a ``|`` breaks the table.  Long reports are cut at ``MAX_ROWS``
findings with a note (a PR comment has a size limit).
"""
from __future__ import annotations

import html
import re
from pathlib import PurePath

from ..model import Report
from .view import LineIndex, accepted_ids, finding_id

MAX_ROWS = 200
_SEV_ICON = {"critical": "🟥", "major": "🟧", "minor": "🟨", "neutral": "⬜"}


def _flat(text: str) -> str:
    return re.sub(r"[\r\n]+", " ", text)


def _cell(text: str) -> str:
    """Plain text cell: HTML-escaped, pipes and Markdown punctuation neutralised."""
    s = html.escape(_flat(text), quote=False)
    s = re.sub(r"([\\`*_\[\]|~])", r"\\\1", s)
    return s


def _code(text: str) -> str:
    """A code span that shows ``text`` literally inside a table cell."""
    s = _flat(text).replace("|", "\\|")
    if not s.strip():
        return "*(blank)*" if s else "*(empty)*"
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or (s.startswith(" ") and s.endswith(" ")) else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _suggestion(s) -> str:
    if s is None:
        return ""
    return _code(s) if s else "*(remove)*"


def render(report: Report) -> str:
    name = PurePath(report.document.path).name
    gate = "✅ PASS" if report.passed else "❌ FAIL"
    sev = " · ".join(f"{_SEV_ICON.get(k, '')} {k} **{v}**" for k, v in report.by_severity.items())
    lines = [
        f"### audit: {_code(name)} — {gate}",
        "",
        f"Score **{report.score:.2f}** · {report.errors} error(s) at or above {report.fail_on.value} · {sev}",
        "",
    ]
    base = (report.extra or {}).get("baseline")
    if isinstance(base, dict):
        lines += [f"Baseline: {base.get('accepted', 0)} known finding(s) accepted, {base.get('new', 0)} new.", ""]
    if report.by_category:
        lines += ["| Category | Findings |", "|---|---:|"]
        lines += [f"| {_cell(cat)} | {n} |" for cat, n in report.by_category.items()]
        lines.append("")
    if report.findings:
        li = LineIndex(report.document.text)
        accepted = accepted_ids(report)
        lines += ["| ¶ | Line:Col | Rule | Severity | Category | Text | Message | Suggestion |",
                  "|---|---|---|---|---|---|---|---|"]
        for f in report.findings[:MAX_ROWS]:
            line, col = li.position(f.start)
            mark = " *(baseline)*" if finding_id(f) in accepted else ""
            lines.append(
                f"| {_cell(f.paragraph)} | {line}:{col} | `{f.rule}` | {_SEV_ICON.get(f.severity.value, '')} "
                f"{f.severity.value}{mark} | {_cell(f.category)} | {_code(f.text)} | {_cell(f.message)} | "
                f"{_suggestion(f.suggestion)} |"
            )
        if len(report.findings) > MAX_ROWS:
            lines += ["", f"…and {len(report.findings) - MAX_ROWS} more finding(s): see the HTML or JSON report."]
    else:
        lines.append("No findings.")
    lines += ["", f"<sub>{html.escape(report.signature)}</sub>", ""]
    return "\n".join(lines)


def summary_row(report) -> str:
    """A summary-table row for a Report (or anything with its path, score, errors, findings, passed)."""
    n = report.findings if isinstance(report.findings, int) else len(report.findings)
    return (f"| {_code(report.document.path)} | {report.score:.2f} | {report.errors} | {n} | "
            f"{'✅ PASS' if report.passed else '❌ FAIL'} |")


def part(report, section: "str | None" = None) -> str:
    """One document's share of the batch summary (merged by :func:`merge`): its summary row
    and its section (``render(report)`` unless given, e.g. the ``.md`` text a worker rendered)."""
    import json

    return json.dumps({"row": summary_row(report), "section": render(report) if section is None else section},
                      ensure_ascii=False)


def merge(parts: list[str]) -> str:
    """One comment for a batch: a summary table, then each document's section."""
    import json

    items = [json.loads(p) for p in parts]
    head = ["## audit summary", "", "| Document | Score | Errors | Findings | Gate |", "|---|---:|---:|---:|---|"]
    head += [it["row"] for it in items]
    return "\n".join(head) + "\n\n" + "\n".join(it["section"] for it in items)


def render_many(reports: list[Report]) -> str:
    return merge([part(r) for r in reports])
