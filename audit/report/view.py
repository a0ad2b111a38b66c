"""View models for the HTML and Markdown renderers: plain data, no markup."""
from __future__ import annotations

from ..model import Finding, ParagraphResult, Report


def pieces(pr: ParagraphResult) -> list[dict]:
    """Split a paragraph's text into plain and highlighted pieces.

    Overlapping findings are nested into the first (outermost) highlight: the
    piece lists every finding that touches it.
    """
    p = pr.paragraph
    out: list[dict] = []
    pos = p.start
    fs = sorted(pr.findings, key=lambda f: (f.start, -f.end))
    i = 0
    while i < len(fs):
        f = fs[i]
        start, end = max(f.start, pos), f.end
        group = [f]
        j = i + 1
        while j < len(fs) and fs[j].start < end:
            end = max(end, fs[j].end)
            group.append(fs[j])
            j += 1
        if start > pos:
            out.append({"text": p.text[pos - p.start:start - p.start], "findings": []})
        if end > start:
            out.append({
                "text": p.text[start - p.start:end - p.start],
                "findings": group,
                "severity": max((g.severity for g in group), key=lambda s: s.rank).value,
            })
        pos = max(pos, end)
        i = j
    if pos < p.end:
        out.append({"text": p.text[pos - p.start:], "findings": []})
    return out


def finding_id(f: Finding) -> str:
    return f"f-{f.start}-{f.end}-{f.rule}"
