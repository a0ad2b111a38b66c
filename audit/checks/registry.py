"""Rule metadata and the registry of checkers.

A *checker* is a pure function ``(doc: Document, ctx: Context) -> Iterable[Finding]``
that belongs to a *family* (one module under ``audit/checks/``) and may emit
findings for several *rules*.  Every rule has a stable code (``REP001``), a
kebab-case name, an MQM category, a default severity, the version that added it,
documentation with fixed headings, and examples that ``tests/test_rule_examples.py``
runs: at least one text it must flag and one it must leave clean.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ..model import Document, Finding, Severity

DOC_HEADINGS = ("What it checks", "Why it matters", "Example", "Preferred")


@dataclass(frozen=True)
class Example:
    """A rule example. ``expect`` lists the codes that must fire (empty: must stay clean).

    ``glossary`` is native-format TOML text (or None for no glossary);
    ``reference`` is an optional official reference text.
    """

    text: str
    expect: tuple[str, ...] = ()
    glossary: Optional[str] = None
    reference: Optional[str] = None
    flagged: Optional[str] = None  # the span text expected for the first expected code


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    summary: str
    severity: Severity
    category: str
    doc: str
    examples: tuple[Example, ...] = ()
    since: str = "0.1.0"
    needs_glossary: bool = False
    fixable: bool = False


@dataclass(frozen=True)
class Checker:
    family: str
    func: Callable[..., Iterable[Finding]]
    rules: tuple[str, ...]
    needs_glossary: bool = False


RULES: dict[str, Rule] = {}
RULES_BY_NAME: dict[str, Rule] = {}
CHECKERS: list[Checker] = []
#: retired or renamed codes -> current code (never reuse a code)
REDIRECTS: dict[str, str] = {}

_CODE_RE = re.compile(r"^[A-Z]{2,6}[0-9]{3}$")


def rule(
    code: str,
    name: str,
    family: str,
    summary: str,
    severity: str,
    category: str,
    doc: str,
    examples: Iterable[Example] = (),
    since: str = "0.1.0",
    needs_glossary: bool = False,
    fixable: bool = False,
) -> Rule:
    """Declare and register a rule."""
    if not _CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if code in RULES:
        raise ValueError(f"rule code {code} registered twice")
    r = Rule(
        code=code,
        name=name,
        family=family,
        summary=summary,
        severity=Severity.parse(severity),
        category=category,
        doc=doc.strip("\n"),
        examples=tuple(examples),
        since=since,
        needs_glossary=needs_glossary,
        fixable=fixable,
    )
    RULES[code] = r
    RULES_BY_NAME[name] = r
    return r


def checker(family: str, rules: Iterable[Rule], needs_glossary: bool = False):
    """Register ``func(doc, ctx)`` as the checker that emits ``rules``."""

    codes = tuple(r.code for r in rules)

    def deco(func):
        CHECKERS.append(Checker(family, func, codes, needs_glossary))
        return func

    return deco


def resolve(code_or_name: str) -> Optional[Rule]:
    key = code_or_name.strip()
    key = REDIRECTS.get(key.upper(), key)
    return RULES.get(key.upper()) or RULES_BY_NAME.get(key.lower())


def make_finding(
    rule: Rule,
    doc: Document,
    start: int,
    end: int,
    message: str,
    suggestion: Optional[str] = None,
    confidence: float = 1.0,
    term_id: Optional[str] = None,
) -> Finding:
    """Build a finding for ``doc.text[start:end]`` with the rule's defaults."""
    if not (0 <= start <= end <= len(doc.text)):
        raise ValueError(f"{rule.code}: span {start}:{end} outside document")
    para = doc.paragraph_at(start)
    return Finding(
        rule=rule.code,
        check=rule.family,
        category=rule.category,
        severity=rule.severity,
        paragraph=para.id,
        start=start,
        end=end,
        text=doc.text[start:end],
        message=message,
        suggestion=suggestion,
        confidence=max(0.0, min(1.0, float(confidence))),
        name=rule.name,
        term_id=term_id,
    )


_LOADED: list[bool] = []


def load_all() -> None:
    """Import every family module under ``audit.checks`` so its rules register (once per process)."""
    if _LOADED:
        return
    import importlib
    import pkgutil

    from .. import checks as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name.startswith("_") or mod.name in {"registry", "context"}:
            continue
        importlib.import_module(f"{pkg.__name__}.{mod.name}")
    _LOADED.append(True)
