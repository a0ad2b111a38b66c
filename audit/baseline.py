"""Baseline files: accept known findings so the gate fails only on new ones.

A finding's key is ``(document stem, rule, matched text, context)`` where
*context* is a hash of the normalised words around the span inside its
paragraph (up to ``CONTEXT_WORDS`` on each side, whitespace collapsed,
case-folded, the paragraph's own number left out).  The key therefore
survives edits to other paragraphs, renumbered paragraphs, re-wrapped lines
and moved folders; it changes when the flagged text or its immediate
surroundings change, and the finding comes back as new.
Identical keys are counted, so a baseline that accepted one occurrence does
not hide a second one.

Only ``load`` touches the file system; ``dump``/``parse``/``merge`` convert
text and ``finding_key``/``apply`` are pure.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Iterable, Optional

from .model import Finding, Report

SCHEMA = "audit-baseline/1"
CONTEXT_WORDS = 4

_WORDS = re.compile(r"\S+")
_NUMBERING = re.compile(r"^\s*\d{1,4}[.)](?=\s)")


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def _norm(words: Iterable[str]) -> str:
    return " ".join(words).casefold()


def paragraph_index(report: Report) -> dict:
    """Paragraphs by id (build once per report, pass to :func:`finding_key`)."""
    return {p.id: p for p in report.document.paragraphs}


def context_of(report: Report, f: Finding, paras: Optional[dict] = None) -> str:
    """A short hash of the words just before and after the finding, inside its paragraph."""
    para = (paras if paras is not None else paragraph_index(report)).get(f.paragraph)
    if para is None:
        para = report.document.paragraph_at(f.start)
    before = _NUMBERING.sub("", para.text[: max(0, f.start - para.start)], count=1)  # renumbering is no change
    after = para.text[max(0, f.end - para.start):]
    left = _WORDS.findall(before)[-CONTEXT_WORDS:]
    right = _WORDS.findall(after)[:CONTEXT_WORDS]
    blob = _norm(left) + "\x00" + _norm(right)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@lru_cache(maxsize=1024)
def document_key(path: str) -> str:
    return PurePath(path.replace("\\", "/")).stem


def finding_key(report: Report, f: Finding, paras: Optional[dict] = None) -> tuple[str, str, str, str]:
    return (document_key(report.document.path), f.rule, f.text, context_of(report, f, paras))


def key_counts(reports: Iterable[Report]) -> Counter:
    c: Counter = Counter()
    for r in reports:
        paras = paragraph_index(r)
        for f in r.findings:
            c[finding_key(r, f, paras)] += 1
    return c


def to_dict(reports: Iterable[Report]) -> dict:
    entries = []
    for r in reports:
        seen: Counter = Counter()
        first: dict = {}
        paras = paragraph_index(r)
        for f in r.findings:
            k = finding_key(r, f, paras)
            seen[k] += 1
            first.setdefault(k, f)
        for k, n in seen.items():
            f = first[k]
            entries.append({"document": k[0], "rule": k[1], "text": k[2], "context": k[3], "count": n,
                            "paragraph": f.paragraph, "message": f.message})
    entries.sort(key=lambda e: (e["document"], e["rule"], e["text"], e["context"]))
    from . import __version__

    return {"schema": SCHEMA, "tool": f"audit {__version__}", "findings": entries}


def dump(reports: Iterable[Report]) -> str:
    return json.dumps(to_dict(reports), ensure_ascii=False, indent=2) + "\n"


def parse(text: str, source: str = "<baseline>") -> Counter:
    """Parse baseline JSON into key counts; raise :class:`BaselineError` naming the problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BaselineError(f"{source}: not JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{source}: not an audit baseline (expected schema {SCHEMA!r})")
    c: Counter = Counter()
    for i, e in enumerate(data["findings"]):
        try:
            k = (str(e["document"]), str(e["rule"]), str(e["text"]), str(e["context"]))
            n = int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{source}: entry {i + 1} lacks document, rule, text or context") from None
        c[k] += max(n, 0)
    return c


def load(path: str | Path) -> Counter:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{p}: baseline not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"{p}: cannot read baseline: {getattr(e, 'strerror', None) or e}") from None
    return parse(text, str(p))


def apply(report: Report, known: Counter, max_errors: int = 0, min_score: Optional[float] = None,
          source: str = "") -> Report:
    """Mark findings whose key is in ``known`` as accepted and re-decide the gate on the new ones.

    Findings and the score are unchanged (accepted findings are still real
    errors); ``errors`` counts only new findings at or above ``fail_on``, and
    ``report.extra["baseline"]`` lists the accepted finding ids.
    """
    from .report.view import finding_id

    budget = Counter(known)
    accepted = []
    new_errors = 0
    paras = paragraph_index(report)
    for f in report.findings:
        k = finding_key(report, f, paras)
        if budget[k] > 0:
            budget[k] -= 1
            accepted.append(finding_id(f))
        elif f.severity.rank >= report.fail_on.rank:
            new_errors += 1
    passed = new_errors <= max_errors and (min_score is None or report.score >= min_score)
    extra = dict(report.extra)
    extra["baseline"] = {"path": source, "accepted": len(accepted), "new": len(report.findings) - len(accepted),
                         "accepted_ids": accepted}
    return replace(report, errors=new_errors, passed=passed, extra=extra)


def merge(texts: Iterable[str]) -> str:
    """Merge per-document baselines (from :func:`dump`) into one file."""
    entries = []
    for t in texts:
        entries += json.loads(t)["findings"]
    entries.sort(key=lambda e: (e["document"], e["rule"], e["text"], e["context"]))
    from . import __version__

    return json.dumps({"schema": SCHEMA, "tool": f"audit {__version__}", "findings": entries},
                      ensure_ascii=False, indent=2) + "\n"
