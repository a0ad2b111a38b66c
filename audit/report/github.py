"""GitHub Actions workflow annotations (``--format github``), printed to stdout.

One line per finding::

    ::error file=docs/a.txt,line=3,endLine=3,col=5,endColumn=12,title=TERM001 forbidden-term::message

``error`` at or above the gate's severity, ``warning`` below it, ``notice``
for findings accepted by a baseline.  Lines and columns are 1-based; the end
column is exclusive.  Values are escaped as the runner's command parser expects
(``%``, CR and LF everywhere; ``:`` and ``,`` in properties too).
"""
from __future__ import annotations

from pathlib import PurePath

from ..model import Report, Severity
from .view import LineIndex, accepted_ids, finding_id


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _level(sev: Severity, fail_on: Severity, accepted: bool) -> str:
    if accepted or sev == Severity.NEUTRAL:
        return "notice"
    return "error" if sev.rank >= fail_on.rank else "warning"


def render_many(reports: list[Report]) -> str:
    out = []
    for report in reports:
        path = PurePath(report.document.path).as_posix()
        lines = LineIndex(report.document.text)
        accepted = accepted_ids(report)
        for f in report.findings:
            line, col, end_line, end_col = lines.span(f.start, f.end)
            props = [f"file={escape_property(path)}", f"line={line}", f"endLine={end_line}"]
            if end_line == line:  # GitHub only honours columns on single-line annotations
                props += [f"col={col}", f"endColumn={end_col}"]
            props.append(f"title={escape_property(f'{f.rule} {f.name}'.strip())}")
            msg = f"“{f.text}”: {f.message}"
            if f.suggestion is not None:
                msg += f" Suggestion: {f.suggestion}" if f.suggestion else " Suggestion: remove it."
            msg += f" [{f.severity.value} · {f.category} · ¶ {f.paragraph}]"
            out.append(f"::{_level(f.severity, report.fail_on, finding_id(f) in accepted)} {','.join(props)}::{escape_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")


def render(report: Report) -> str:
    return render_many([report])
