"""The pure core: (document, glossary, config) -> Report.  No file I/O here."""
from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Optional

from . import __version__
from .checks import registry
from .config import DEFAULT_WEIGHTS, AuditConfig
from .document import count_words
from .glossary.model import Glossary
from .model import Document, Finding, ParagraphResult, Report, Severity
from .score import passes_score, penalty, quality_score, scored

log = logging.getLogger("audit")


@dataclass(frozen=True)
class Context:
    """What a checker may read: the compiled glossary, the configuration, the reference."""

    glossary: Glossary
    config: AuditConfig
    reference: Optional[Document] = None
    #: what checkers share about the document being audited (see :meth:`scratch`)
    _scratch: dict = field(default_factory=dict, compare=False, repr=False)

    def option(self, family: str, key: str, default=None):
        return self.config.option(family, key, default)

    def scratch(self, doc: Document) -> dict:
        """Scratch space the checkers share for one document (the names analysis that the
        consistency family reuses).  Another document empties it; it never lives on the
        glossary, so nothing per-document reaches the glossary cache."""
        key = (doc.path, len(doc.text), hash(doc.text))
        if self._scratch.get(_DOC_KEY) != key:
            self._scratch.clear()
            self._scratch[_DOC_KEY] = key
        return self._scratch

    def forget_document(self) -> None:
        """Forget the shared scratch (benchmarks charge each checker for everything it needs)."""
        self._scratch.clear()


_DOC_KEY = object()  # the scratch entry that says which document the scratch is for


def signature(glossary: Glossary, config: AuditConfig, reference: Optional[Document] = None) -> str:
    """A sacrebleu-style signature: every setting that changes findings or scores."""
    parts = [
        "audit",
        f"v:{__version__}",
        f"gl:{glossary.sha256[:8] if glossary else 'none'}",
        f"sel:{','.join(config.select) or 'ALL'}",
    ]
    if config.ignore:
        parts.append(f"ign:{','.join(config.ignore)}")
    if config.severity:
        parts.append("sev:" + ",".join(f"{k}={v.value}" for k, v in sorted(config.severity.items())))
    if config.options:
        blob = json.dumps(config.options, sort_keys=True, default=str).encode()
        parts.append(f"opt:{hashlib.sha256(blob).hexdigest()[:8]}")
    w = dict(config.weights)
    if w == dict(DEFAULT_WEIGHTS):
        parts.append("w:mqm-default")
    else:
        parts.append("w:" + ",".join(f"{k}={v:g}" for k, v in sorted(w.items())))
    parts.append(f"gate:{config.fail_on.value}/{config.max_errors}" + (f"/{config.min_score:g}" if config.min_score is not None else ""))
    if reference is not None:
        parts.append(f"ref:{reference.sha256[:8]}")
    return "|".join(parts)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per exact span: keep the most severe, then most confident, then lowest code."""
    best: dict[tuple[int, int], Finding] = {}
    for f in findings:
        key = (f.start, f.end)
        cur = best.get(key)
        rank = (f.severity.rank, f.confidence, f.suggestion is not None, _neg(f.rule))
        if cur is None or rank > (cur.severity.rank, cur.confidence, cur.suggestion is not None, _neg(cur.rule)):
            best[key] = f
    return list(best.values())


def _drop_subsumed(findings: list[Finding]) -> list[Finding]:
    """Report one error once: drop a finding whose span lies inside a larger finding's span
    when the larger one is at least as severe and its suggestion already contains the
    smaller one's ("Security Consultation Meeting" -> "Security Consultative Meeting" inside
    "53rd China-US Security Consultation Meeting" -> "53rd Security Consultative Meeting")."""
    keep: list[Finding] = []
    active: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        active = [a for a in active if a.end > f.start]
        if f.suggestion and any(
            a.end >= f.end and a.end - a.start > f.end - f.start
            and a.severity.rank >= f.severity.rank and f.suggestion in a.suggestion
            for a in active
        ):
            continue
        keep.append(f)
        if f.suggestion:
            active.append(f)
    return keep


def _neg(code: str) -> tuple:
    return tuple(-ord(c) for c in code)


def run_checks(doc: Document, ctx: Context) -> list[Finding]:
    """Run every selected checker over the document; filter, override, dedupe, sort."""
    registry.load_all()
    cfg = ctx.config
    out: list[Finding] = []
    for chk in registry.CHECKERS:
        selected = [c for c in chk.rules if cfg.is_selected(c, registry.RULES[c].name)]
        if not selected:
            continue
        if chk.needs_glossary and not ctx.glossary:
            continue
        for f in chk.func(doc, ctx):
            if f.rule not in selected:
                continue
            sev = cfg.severity.get(f.rule) or cfg.severity.get(f.name.upper())
            if sev is not None and sev != f.severity:
                f = replace(f, severity=sev)
            out.append(f)
    out = _drop_subsumed(_dedupe(out))
    out.sort(key=lambda f: f.sort_key)
    return out


def _is_chrome(para_len: int, spans: list[Finding]) -> bool:
    covered = sum(f.end - f.start for f in spans)
    return para_len > 0 and covered * 2 >= para_len


def build_report(doc: Document, findings: list[Finding], ctx: Context) -> Report:
    cfg = ctx.config
    by_para: dict[str, list[Finding]] = {}
    for f in findings:
        by_para.setdefault(f.paragraph, []).append(f)
    results = []
    words = evaluated = 0
    for p in doc.paragraphs:
        fs = by_para.get(p.id, [])
        w = count_words(p.text)
        chrome = _is_chrome(len(p.text), [f for f in fs if f.check == "chrome"])
        pen = penalty(scored(fs, chrome), cfg.weights)  # chrome paragraph: only its chrome findings count
        results.append(
            ParagraphResult(
                paragraph=p,
                words=w,
                chrome=chrome,
                findings=tuple(fs),
                penalty=pen,
                score=None if chrome else round(quality_score(pen, w), 2),
            )
        )
        words += w
        evaluated += 0 if chrome else w
    total = sum(r.penalty for r in results)
    score = round(quality_score(total, evaluated), 2)
    errors = sum(1 for f in findings if f.severity.rank >= cfg.fail_on.rank)
    passed = errors <= cfg.max_errors and passes_score(score, cfg.min_score)
    by_sev = {s.value: 0 for s in (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)}
    by_sev.update(Counter(f.severity.value for f in findings))
    by_cat = dict(sorted(Counter(f.category for f in findings).items()))
    extra: dict = {}
    if ctx.reference is not None:  # paragraph metrics + summary.reference (audit/reference.py)
        from .reference import annotate

        results, extra = annotate(results, doc, ctx.reference, cfg.options.get("reference"))
    return Report(
        document=doc,
        findings=tuple(findings),
        paragraphs=tuple(results),
        words=words,
        evaluated_words=evaluated,
        penalty=round(total, 4),
        score=score,
        errors=errors,
        passed=passed,
        fail_on=cfg.fail_on,
        signature=signature(ctx.glossary, cfg, ctx.reference),
        by_severity=by_sev,
        by_category=by_cat,
        extra=extra,
    )


def audit_document(
    doc: Document,
    glossary: Optional[Glossary] = None,
    config: Optional[AuditConfig] = None,
    reference: Optional[Document] = None,
) -> Report:
    """Audit one decoded, segmented document.  Pure: no I/O."""
    ctx = Context(glossary or Glossary(), config or AuditConfig(), reference)
    findings = run_checks(doc, ctx)
    return build_report(doc, findings, ctx)
