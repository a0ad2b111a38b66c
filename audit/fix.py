"""Auto-fix: apply definite suggestions to a document.  Pure: no I/O.

Policy (see docs/reference-and-fix.md):

* A finding is a *fix candidate* when it has a suggestion (``suggestion is not
  None``; the empty string means "delete the span").
* A candidate is *applied* when its confidence is at least ``threshold``
  (default 0.8) **and** its rule is declared ``fixable`` or the finding's
  confidence is 1.0.  A suggestion equal to the flagged text is a no-op and
  is skipped.
* Overlapping candidates are resolved deterministically: higher severity, then
  higher confidence, then the longer span, then the earlier start, then the
  lower rule code wins; the loser is skipped (reason ``overlap``).  Two
  insertions at the same offset overlap; touching spans do not.
* Edits replace exactly ``text[start:end]``; everything outside the applied
  spans is byte-identical.  Newlines inside a suggestion are written in the
  document's own line-ending style (``\\r\\n`` stays ``\\r\\n``).

Post-edit distance: per paragraph and per document, TER (sacrebleu, default
settings) of the original text against the fixed text, i.e. the share of word
edits a post-editor made (HTER with the fixed text as the reference).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Optional, Sequence

from .model import Document, Finding, Report

DEFAULT_THRESHOLD = 0.8


@dataclass(frozen=True)
class Edit:
    """One applied replacement: ``original[start:end]`` became ``fixed[new_start:new_end]``."""

    rule: str
    paragraph: str
    start: int
    end: int
    old: str
    new: str
    new_start: int
    new_end: int
    confidence: float
    round: int = 1  # the fixing pass that applied it (offsets are in the text that pass saw)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "paragraph": self.paragraph, "start": self.start, "end": self.end,
                "old": self.old, "new": self.new, "new_start": self.new_start, "new_end": self.new_end, "round": self.round}


@dataclass(frozen=True)
class Skip:
    finding: Finding
    reason: str  # "low-confidence", "not-fixable", "no-op", "overlap", "refix"
    by: Optional[str] = None  # the rule that won an overlap


@dataclass(frozen=True)
class FixResult:
    original: str
    text: str
    edits: tuple[Edit, ...]
    skipped: tuple[Skip, ...]
    paragraphs: dict  # paragraph id -> {"ter", "edits", "applied"[, "text": fixed paragraph when applied]}
    summary: dict  # {"ter", "edits", "applied", "skipped", "skipped_by_reason", "threshold", "signature"}

    @property
    def changed(self) -> bool:
        return self.text != self.original


def _fixable_rules() -> dict[str, bool]:
    from .checks import registry

    registry.load_all()
    return {code: r.fixable for code, r in registry.RULES.items()}


def eligibility(f: Finding, threshold: float, fixable: dict[str, bool]) -> Optional[str]:
    """None when ``f`` may be applied, else the reason it may not (``f`` must have a suggestion)."""
    if f.suggestion == f.text:
        return "no-op"
    if f.confidence < threshold:
        return "low-confidence"
    if not (fixable.get(f.rule, False) or f.confidence >= 1.0):
        return "not-fixable"
    return None


def _priority(f: Finding) -> tuple:
    return (-f.severity.rank, -f.confidence, -(f.end - f.start), f.start, f.rule)


def _overlaps(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or (a.start < b.start < a.end) or (b.start < a.start < b.end)
    return a.start < b.end and b.start < a.end


def plan(findings: Iterable[Finding], threshold: float = DEFAULT_THRESHOLD,
         fixable: Optional[dict[str, bool]] = None) -> tuple[list[Finding], list[Skip]]:
    """Choose the findings to apply.  Returns ``(accepted in text order, skipped)``."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError("the fix threshold must be between 0 and 1")
    fixable = _fixable_rules() if fixable is None else fixable
    skipped: list[Skip] = []
    cands = []
    for f in findings:
        if f.suggestion is None:
            continue
        why = eligibility(f, threshold, fixable)
        if why:
            skipped.append(Skip(f, why))
        else:
            cands.append(f)
    accepted: list[Finding] = []
    for f in sorted(cands, key=_priority):
        winner = next((a for a in accepted if _overlaps(a, f)), None)
        if winner is not None:
            skipped.append(Skip(f, "overlap", winner.rule))
        else:
            accepted.append(f)
    accepted.sort(key=lambda f: (f.start, f.end))
    skipped.sort(key=lambda s: (s.finding.start, s.finding.end, s.finding.rule))
    return accepted, skipped


def newline_style(text: str) -> str:
    """The document's dominant line ending."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > max(lf, cr):
        return "\r\n"
    if cr > max(lf, crlf):
        return "\r"
    return "\n"


def _in_style(s: str, nl: str) -> str:
    if "\n" not in s and "\r" not in s:
        return s
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", nl)


def apply(text: str, accepted: Sequence[Finding]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping findings (sorted by start) to ``text``."""
    nl = newline_style(text)
    parts: list[str] = []
    edits: list[Edit] = []
    pos = shift = 0
    for f in accepted:
        if f.start < pos:
            raise ValueError(f"overlapping fixes at {f.start}")
        if text[f.start:f.end] != f.text:
            raise ValueError(f"{f.rule}: finding text does not match the document at {f.start}")
        new = _in_style(f.suggestion or "", nl)
        parts.append(text[pos:f.start])
        parts.append(new)
        ns = f.start + shift
        edits.append(Edit(f.rule, f.paragraph, f.start, f.end, f.text, new, ns, ns + len(new), f.confidence))
        shift += len(new) - (f.end - f.start)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), edits


def _map(offset: int, edits: Sequence[Edit], owner: Optional[str] = None) -> int:
    """Where an original offset lands in the fixed text.

    Edits starting before ``offset`` shift it; an insertion exactly at ``offset``
    shifts it too when it belongs to paragraph ``owner`` (``offset`` is that paragraph's end).
    """
    delta = 0
    for e in edits:
        if e.start < offset or (e.start == offset == e.end and owner is not None and e.paragraph == owner):
            delta += len(e.new) - (e.end - e.start)
    return offset + delta


def _measure(doc: Document, fixed: str, ranges: dict, applied: dict, metrics: bool) -> tuple[dict, float, float]:
    """Per original paragraph: TER of the original text against its fixed text."""
    from .reference import TerStats, _ter, fold

    metric = None
    if metrics:
        from sacrebleu.metrics import TER

        metric = TER()
    out: dict = {}
    tot_edits = tot_len = 0.0
    for p in doc.paragraphs:
        a, b = ranges[p.id]
        n = applied.get(p.id, 0)
        if metric is None:
            out[p.id] = {"ter": None, "edits": None, "applied": n}
            if n:
                out[p.id]["text"] = fixed[a:b]
            continue
        before, after = fold(p.text), fold(fixed[a:b])
        t = _ter(metric, before, after) if n else TerStats(0.0, 0.0, float(len(after.split())))
        tot_edits += t.num_edits
        tot_len += t.ref_length
        out[p.id] = {"ter": round(t.score, 2), "edits": int(t.num_edits), "applied": n}
        if n:  # the fixed paragraph, for the report's before/after view
            out[p.id]["text"] = fixed[a:b]
    return out, tot_edits, tot_len


def _summary(edits, skipped, tot_edits, tot_len, threshold, metrics, **more) -> dict:
    from .reference import ter_signature

    reasons: dict[str, int] = {}
    for s in skipped:
        reasons[s.reason] = reasons.get(s.reason, 0) + 1
    doc_ter = None
    if metrics:
        doc_ter = round(100.0 * tot_edits / tot_len, 2) if tot_len else (0.0 if tot_edits == 0 else 100.0)
    return {
        "ter": doc_ter,
        "edits": int(tot_edits) if metrics else None,
        "applied": len(edits),
        "skipped": len(skipped),
        "skipped_by_reason": dict(sorted(reasons.items())),
        "threshold": threshold,
        **more,
        "signature": ter_signature() if metrics else None,
    }


def fix_document(doc: Document, findings: Iterable[Finding], threshold: float = DEFAULT_THRESHOLD,
                 fixable: Optional[dict[str, bool]] = None, metrics: bool = True) -> FixResult:
    """One pass: apply the definite suggestions of ``findings`` to ``doc``; measure the post-edit distance."""
    accepted, skipped = plan(findings, threshold, fixable)
    fixed, edits = apply(doc.text, accepted)
    ranges = {p.id: (_map(p.start, edits), _map(p.end, edits, p.id)) for p in doc.paragraphs}
    applied: dict[str, int] = {}
    for e in edits:
        applied[e.paragraph] = applied.get(e.paragraph, 0) + 1
    paragraphs, tot_edits, tot_len = _measure(doc, fixed, ranges, applied, metrics)
    summary = _summary(edits, skipped, tot_edits, tot_len, threshold, metrics, passes=1)
    return FixResult(doc.text, fixed, tuple(edits), tuple(skipped), paragraphs, summary)


def fix_iteratively(doc: Document, audit: Callable[[Document], Report], threshold: float = DEFAULT_THRESHOLD,
                    passes: int = 3, metrics: bool = True, first: Optional[Report] = None,
                    fixable: Optional[dict[str, bool]] = None) -> tuple[FixResult, Report]:
    """Audit, fix, re-audit the fixed text and fix again, up to ``passes`` times or until nothing applies.

    ``audit`` must be pure (document -> report).  A fix that won an overlap may
    leave the loser applicable on the next pass (a byline line still flagged
    after a space was removed inside it).  Returns the combined result (edits
    of every pass, in the offsets of the text that pass saw; ``skipped`` from
    the last pass) and the report on the final text.
    """
    from .document import make_document

    if passes < 1:
        raise ValueError("passes must be at least 1")
    fixable = _fixable_rules() if fixable is None else fixable
    report = first if first is not None else audit(doc)
    ranges = {p.id: (p.start, p.end) for p in doc.paragraphs}
    applied: dict[str, int] = {}
    all_edits: list[Edit] = []
    skipped: list[Skip] = []
    current = doc
    done = 0
    fixed_regions: list[tuple[int, int]] = []  # text written by earlier passes, in current offsets
    for _ in range(passes):
        fresh, refix = [], []
        for f in report.findings:
            inside = any(a <= f.start and f.end <= b and (f.start < f.end or a < b) for a, b in fixed_regions)
            (refix if inside and f.suggestion is not None else fresh).append(f)
        accepted, skipped = plan(fresh, threshold, fixable)
        # a rule that flags text an earlier pass wrote would rewrite its own (or another rule's)
        # fix again and again ("U.S. U.S. Forces Korea"): never touch fixed text twice
        skipped = sorted(skipped + [Skip(f, "refix") for f in refix],
                         key=lambda s: (s.finding.start, s.finding.end, s.finding.rule))
        if not accepted:
            break
        text, edits = apply(current.text, accepted)
        done += 1
        fixed_regions = [(_map(a, edits), _map(b, edits)) for a, b in fixed_regions]
        fixed_regions += [(e.new_start, e.new_end) for e in edits]
        # the current paragraph that ends where each original paragraph's range ends owns
        # insertions at that end; then carry each original range through this pass
        owners = {pid: next((q.id for q in current.paragraphs if q.end == b), None) for pid, (a, b) in ranges.items()}
        for e in edits:
            # report the edit under the original paragraph whose current range holds it
            orig = next((pid for pid, (a, b) in ranges.items() if a <= e.start and e.end <= b), e.paragraph)
            applied[orig] = applied.get(orig, 0) + 1
            all_edits.append(replace(e, paragraph=orig, round=done))
        ranges = {pid: (_map(a, edits), _map(b, edits, owners[pid])) for pid, (a, b) in ranges.items()}
        current = make_document(text, doc.path)
        report = audit(current)
    paragraphs, tot_edits, tot_len = _measure(doc, current.text, ranges, applied, metrics)
    remaining = {s: report.by_severity.get(s, 0) for s in ("minor", "major", "critical")}
    summary = _summary(all_edits, skipped, tot_edits, tot_len, threshold, metrics, passes=done, remaining=remaining)
    return FixResult(doc.text, current.text, tuple(all_edits), tuple(skipped), paragraphs, summary), report


def attach(report: Report, result: FixResult, **summary_extra) -> Report:
    """A copy of ``report`` whose paragraphs carry ``fix: {ter, edits, applied}`` and summary ``fix``."""
    paras = []
    for pr in report.paragraphs:
        info = result.paragraphs.get(pr.paragraph.id)
        paras.append(replace(pr, extra={**pr.extra, "fix": info}) if info is not None else pr)
    return replace(report, paragraphs=tuple(paras), extra={**report.extra, "fix": {**result.summary, **summary_extra}})


def fix_report(report: Report, threshold: float = DEFAULT_THRESHOLD, metrics: bool = True) -> tuple[FixResult, Report]:
    """Fix the audited document of ``report``; return the result and the annotated report."""
    result = fix_document(report.document, report.findings, threshold, metrics=metrics)
    return result, attach(report, result)
