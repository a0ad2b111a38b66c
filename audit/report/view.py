"""View models for the renderers: plain data, no markup.

Everything a template shows is computed here (pieces of highlighted text,
counts, the per-paragraph chart, word diffs of auto-fixes, line/column
positions), so the templates only loop and print.
"""
from __future__ import annotations

import bisect
import difflib
import os
import re
from collections import Counter
from pathlib import PurePath
from typing import Optional

from ..model import Finding, ParagraphResult, Report, Severity, severity_counts

SEVERITIES = ("critical", "major", "minor")  # most severe first, for display


# --------------------------------------------------------------------------- positions

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """1-based line and column numbers from character offsets.

    ``\\r\\n``, lone ``\\r`` and ``\\n`` each end a line (a CRLF counts once);
    columns count characters (Unicode code points) from the start of the line.
    """

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of the character at ``offset``, both 1-based."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``(line, column, end_line, end_column)``; the end column is exclusive
        (the column just after the last character), as in SARIF regions."""
        line, col = self.position(start)
        if end <= start:
            return line, col, line, col
        end_line, end_col = self.position(end - 1)
        return line, col, end_line, end_col + 1


# --------------------------------------------------------------------------- highlighting

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


def _anchor(pid: str) -> str:
    return "para-" + re.sub(r"[^\w.-]", "_", pid)


# --------------------------------------------------------------------------- diff

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[dict]:
    """A word-level diff: ``[{"op": "equal"|"delete"|"insert", "text": ...}]``.

    A lone word or space kept between two changes is folded into them, so a
    swap reads as ``-Humphreys Camp +Camp Humphreys`` rather than as shards.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    blocks: list[list] = []  # [is_change, old text, new text]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        blocks.append([tag != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])])
    for k in range(1, len(blocks) - 1):
        if not blocks[k][0] and blocks[k - 1][0] and blocks[k + 1][0] and len(blocks[k][1].split()) <= 1:
            blocks[k][0] = True
    merged: list[list] = []
    for blk in blocks:
        if merged and merged[-1][0] and blk[0]:
            merged[-1][1] += blk[1]
            merged[-1][2] += blk[2]
        else:
            merged.append(list(blk))
    out: list[dict] = []

    def equal(text: str) -> None:
        if not text:
            return
        if out and out[-1]["op"] == "equal":
            out[-1]["text"] += text
        else:
            out.append({"op": "equal", "text": text})

    for is_change, x, y in merged:
        if not is_change:
            equal(x)
            continue
        lead = len(os.path.commonprefix([x, y]))
        lead = len(x[:lead]) - len(x[:lead].lstrip())  # only shared leading whitespace
        trail = len(os.path.commonprefix([x[lead:][::-1], y[lead:][::-1]]))
        tail = x[len(x) - trail:] if trail else ""
        trail = len(tail) - len(tail.rstrip())
        equal(x[:lead])
        if x[lead:len(x) - trail]:
            out.append({"op": "delete", "text": x[lead:len(x) - trail]})
        if y[lead:len(y) - trail]:
            out.append({"op": "insert", "text": y[lead:len(y) - trail]})
        equal(x[len(x) - trail:])
    return out


def _fixed_text(fix) -> Optional[str]:
    if isinstance(fix, str):
        return fix
    if isinstance(fix, dict):
        for key in ("text", "fixed", "after"):
            if isinstance(fix.get(key), str):
                return fix[key]
    return None


# --------------------------------------------------------------------------- formatting

def _fmt_number(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def _pairs(d) -> list[tuple[str, str]]:
    """Flatten a small dict into ``(label, value)`` strings for display."""
    if not isinstance(d, dict):
        return [("", _fmt_number(d))] if d not in (None, "") else []
    out = []
    for k, v in d.items():
        if isinstance(v, dict):
            out += [(f"{k}.{k2}" if k2 else str(k), v2) for k2, v2 in _pairs(v)]
        elif isinstance(v, (list, tuple)):
            out.append((str(k), ", ".join(_fmt_number(x) for x in v) if len(v) <= 12 else f"{len(v)} items"))
        elif v is not None:
            out.append((str(k), _fmt_number(v)))
    return out


def _severity_counts(findings) -> dict[str, int]:
    c = severity_counts(findings)
    return {s: c[s] for s in SEVERITIES}


# --------------------------------------------------------------------------- chart

def _strip(paragraphs: list[dict]) -> dict:
    """Per-paragraph stacked bars (critical at the bottom), in SVG user units."""
    bar_w, gap, height = 8, 2, 48
    peak = max([sum(p["counts"].values()) for p in paragraphs] + [1])
    bars = []
    for i, p in enumerate(paragraphs):
        x = i * (bar_w + gap)
        y = height
        segs = []
        for sev in SEVERITIES:
            n = p["counts"][sev]
            if not n:
                continue
            h = max(3.0, height * n / peak)
            y -= h
            segs.append({"severity": sev, "y": round(y, 2), "h": round(h, 2)})
        label = f"¶ {p['id']}: " + (", ".join(f"{p['counts'][s]} {s}" for s in SEVERITIES if p["counts"][s]) or "no findings")
        if p["chrome"]:
            label += " (page chrome)"
        if p["unaligned"]:
            label += " (unaligned)"
        bars.append({"x": x, "w": bar_w, "href": "#" + p["anchor"], "label": label, "segments": segs,
                     "chrome": p["chrome"], "unaligned": p["unaligned"], "empty": not segs})
    width = max(len(paragraphs) * (bar_w + gap) - gap, bar_w)
    return {"width": width, "height": height, "bars": bars, "first": paragraphs[0]["id"] if paragraphs else "",
            "last": paragraphs[-1]["id"] if paragraphs else ""}


# --------------------------------------------------------------------------- page

def finding_view(f: Finding, lines: LineIndex, mark_id: str, accepted: bool = False) -> dict:
    line, col = lines.position(f.start)
    return {
        "id": finding_id(f), "mark": mark_id, "rule": f.rule, "name": f.name, "severity": f.severity.value,
        "category": f.category, "text": f.text, "message": f.message, "suggestion": f.suggestion,
        "confidence": f"{round(100 * f.confidence)}%", "line": line, "column": col, "accepted": accepted,
    }


def accepted_ids(report: Report) -> set[str]:
    """Ids of findings accepted by a baseline (see :mod:`audit.baseline`)."""
    b = report.extra.get("baseline") if isinstance(report.extra, dict) else None
    return set(b.get("accepted_ids", ())) if isinstance(b, dict) else set()


def page(report: Report) -> dict:
    """The whole document page as plain data."""
    lines = LineIndex(report.document.text)
    accepted = accepted_ids(report)
    ref_summary = report.extra.get("reference") if isinstance(report.extra, dict) else None
    listed_unaligned = set(ref_summary.get("unaligned") or ()) if isinstance(ref_summary, dict) else set()
    ref_mode = "reference" in report.extra or any(
        ("reference" in pr.extra or "metrics" in pr.extra) for pr in report.paragraphs)
    paragraphs = []
    for pr in report.paragraphs:
        ps = []
        mark_of: dict[str, str] = {}
        for piece in pieces(pr):
            if not piece["findings"]:
                ps.append({"text": piece["text"], "mark": None})
                continue
            fids = [finding_id(f) for f in piece["findings"]]
            mark = "m-" + fids[0]
            for fid in fids:
                mark_of[fid] = mark
            ps.append({
                "text": piece["text"], "mark": mark, "severity": piece["severity"], "findings": " ".join(fids),
                "title": "\n".join(f"{f.rule} {f.severity.value}: {f.message}"
                                   + (f" → {f.suggestion}" if f.suggestion is not None else "") for f in piece["findings"]),
                "accepted": all(fid in accepted for fid in fids),
            })
        extra = pr.extra or {}
        ref = extra.get("reference")
        ref_text = extra.get("reference_text")
        ref_id = None
        if isinstance(ref, dict):
            ref_text = ref_text or ref.get("text")
            ref_id = ref.get("id")
        elif isinstance(ref, str):
            ref_id = ref
        metrics = extra.get("metrics")
        unaligned = bool(extra.get("unaligned")) or pr.paragraph.id in listed_unaligned or (
            ref_mode and not pr.chrome and ref in (None, "") and not metrics and not ref_text)
        fix = extra.get("fix")
        fixed = _fixed_text(fix)
        diff = word_diff(pr.paragraph.text, fixed) if fixed is not None and fixed != pr.paragraph.text else None
        paragraphs.append({
            "id": pr.paragraph.id,
            "anchor": _anchor(pr.paragraph.id),
            "line": lines.position(pr.paragraph.start)[0],
            "chrome": pr.chrome,
            "unaligned": unaligned,
            "score": None if pr.score is None else f"{pr.score:.1f}",
            "words": pr.words,
            "pieces": ps,
            "findings": [finding_view(f, lines, mark_of.get(finding_id(f), ""), finding_id(f) in accepted)
                         for f in pr.findings],
            "counts": _severity_counts(pr.findings),
            "reference_id": ref_id,
            "reference_text": ref_text,
            "metrics": _pairs(metrics) if metrics else [],
            "diff": diff,
            "fix": _pairs({k: v for k, v in fix.items() if k not in ("text", "fixed", "after")})
            if isinstance(fix, dict) and (fix.get("applied") or diff) else [],
            "alignment": extra.get("alignment"),
        })
    cats = Counter(f.category for f in report.findings)
    rules = Counter((f.rule, f.name) for f in report.findings)
    extra_sections = [(str(k).replace("_", " "), _pairs(v)) for k, v in (report.extra or {}).items()
                      if k != "baseline" and _pairs(v)]
    baseline = report.extra.get("baseline") if isinstance(report.extra, dict) else None
    by_sev = {s: int(report.by_severity.get(s, 0)) for s in SEVERITIES}
    return {
        "title": PurePath(report.document.path).name,
        "path": report.document.path,
        "score": f"{report.score:.2f}",
        "score_class": "good" if report.score >= 99 else ("fair" if report.score >= 95 else "poor"),
        "passed": report.passed,
        "errors": report.errors,
        "fail_on": report.fail_on.value,
        "findings": len(report.findings),
        "words": report.words,
        "evaluated_words": report.evaluated_words,
        "by_severity": list(by_sev.items()),
        "by_category": sorted(cats.items(), key=lambda kv: (-kv[1], kv[0])),
        "rules": [(code, name, n) for (code, name), n in sorted(rules.items())],
        "signature": report.signature,
        "paragraphs": paragraphs,
        "strip": _strip(paragraphs),
        "extra_sections": extra_sections,
        "baseline": {"accepted": len(accepted), "new": len(report.findings) - len(accepted),
                     "path": baseline.get("path", "")} if isinstance(baseline, dict) else None,
        "chrome_count": sum(1 for p in paragraphs if p["chrome"]),
        "unaligned_count": sum(1 for p in paragraphs if p["unaligned"]),
    }


def index(entries: list[dict]) -> dict:
    """The batch index page: one row per document, plus totals."""
    rows = []
    for e in entries:
        sev = e.get("by_severity") or {}
        rows.append({
            "document": e["document"], "href": e["href"], "score": float(e["score"]),
            "score_text": f"{float(e['score']):.2f}", "passed": bool(e["passed"]), "errors": int(e["errors"]),
            "findings": int(e.get("findings", 0)),
            "counts": [(s, int(sev.get(s, 0))) for s in SEVERITIES],
        })
    return {
        "rows": rows,
        "documents": len(rows),
        "passed": sum(r["passed"] for r in rows),
        "failed": sum(not r["passed"] for r in rows),
        "findings": sum(r["findings"] for r in rows),
        "mean_score": f"{sum(r['score'] for r in rows) / len(rows):.2f}" if rows else "–",
    }


__all__ = ["LineIndex", "pieces", "finding_id", "word_diff", "page", "index", "accepted_ids", "Severity"]
