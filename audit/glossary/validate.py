"""Semantic validation of a glossary, and ``audit glossary check FILE...``.

:func:`validate` is pure: it takes a loaded :class:`Glossary` and returns the
problems found, each naming where the entry came from (``file:line`` or
``file#entry``).  Two levels:

* **error** — the glossary would make the audit wrong (flag correct text or
  match everywhere): a missing term, an unknown kind, a form that is both
  official and forbidden (in one entry or across entries), duplicate entries
  that disagree (same term, different kind, expansion or titles), a
  pathological form (a single character, only punctuation, longer than 200
  characters, control characters), a prh-style spec that fails.  :func:`audit.glossary.load_glossary`
  refuses a glossary with errors, and ``audit glossary check`` exits 2.
* **warning** — the audit still works but less well: an acronym without an
  expansion (its forms are still checked, its expansion cannot be), an entry
  repeated with the same meaning.  Printed by ``audit glossary check``, which
  still exits 0.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional

from .model import KINDS, Glossary, GlossaryError, Term, merge

MAX_FORM = 200
_SEP = r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]+"
_SEP_RE = re.compile(_SEP)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


@dataclass(frozen=True)
class Problem:
    where: str  # "file:line" or "file#entry"
    message: str
    level: str = "error"  # "error" | "warning"
    term_id: Optional[str] = None

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.is_error else f"{self.where}: warning: {self.message}"


_ASCII_SEP = re.compile(r"[\s\-]+")
_ALNUM = re.compile(r"[^\W_]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def norm(form: str) -> str:
    """The comparison key of a form: NFKC, case-folded, hyphens/dashes/spaces collapsed,
    periods dropped (the checks treat ``US`` and ``U.S.`` alike)."""
    if form.isascii():  # fast path: nothing to normalise but case, periods and separators
        return _ASCII_SEP.sub(" ", form.lower().replace(".", "")).strip()
    s = _INVISIBLE.sub("", unicodedata.normalize("NFKC", form)).replace("\u2019", "'").replace(".", "")
    return _SEP_RE.sub(" ", s.casefold()).strip()


def _where(t: Term) -> str:
    return t.source or f"#{t.id}"


def _q(value) -> str:
    """Quote a form for a message, shortened so that one problem stays one readable line."""
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _pathology(form: str) -> Optional[str]:
    s = form.strip()
    if not _ALNUM.search(s):
        return "is only punctuation" if s else "is empty"
    if len(s) == 1:
        return "is a single character"
    if len(s) > MAX_FORM:
        return f"is longer than {MAX_FORM} characters ({len(s)})"
    if _CONTROL.search(s):
        return "contains control characters"
    return None


def _form_regex(forms: Iterable[str]) -> Optional[re.Pattern]:
    alts = sorted({f.strip() for f in forms if f.strip()}, key=len, reverse=True)
    if not alts:
        return None
    parts = [_SEP.join(re.escape(tok) for tok in _SEP_RE.split(a) if tok) for a in alts]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def apply_replacements(term: Term, text: str) -> str:
    """Replace every forbidden form of ``term`` in ``text`` by the official form (prh-style)."""
    rx = _form_regex(term.replaces)
    return rx.sub(term.term.replace("\\", "\\\\"), text) if rx else text


def _disagreement(a: Term, b: Term) -> Optional[str]:
    if a.kind != b.kind:
        return f"kind {_q(a.kind)} vs {_q(b.kind)}"
    if norm(a.expands or "") != norm(b.expands or ""):
        return f"expansion {_q(a.expands)} vs {_q(b.expands)}"
    if {norm(x) for x in a.titles} != {norm(x) for x in b.titles}:
        return f"titles {list(a.titles)} vs {list(b.titles)}"
    return None


def validate(glossary: Glossary) -> list[Problem]:
    """Every problem of ``glossary``, in entry order.  Pure; linear in the glossary size."""
    problems: list[Problem] = []
    official: dict[str, Term] = {}  # normalised official form -> first entry holding it
    by_term: dict[str, Term] = {}
    for t in glossary.terms:
        where = _where(t)

        def add(msg: str, level: str = "error") -> None:
            problems.append(Problem(where, msg, level, t.id))

        if not (t.term or "").strip():
            add("missing term")
            continue
        if t.kind not in KINDS:
            add(f"{_q(t.term)}: unknown kind {_q(t.kind)} (expected one of: {', '.join(KINDS)})")
        if t.kind == "acronym" and not (t.expands or "").strip():
            add(f"acronym {_q(t.term)} has no expansion ('expands')", "warning")
        for label, values in (("form", t.forms), ("forbidden form", t.replaces), ("title", t.titles),
                              ("expansion", (t.expands,) if t.expands else ())):
            for v in values:
                why = _pathology(v)
                if why:
                    add(f"{label} {_q(v)} of {_q(t.term)} {why}")
        forms = {norm(f): f for f in t.forms}
        for r in t.replaces:
            if norm(r) in forms:
                add(f"{_q(r)} is both an official form and a forbidden form of {_q(t.term)}")
        key = next(iter(forms))  # norm(t.term): forms lists the term first
        prev = by_term.get(key)
        if prev is not None:
            diff = _disagreement(prev, t)
            if diff:
                add(f"duplicate entry {_q(t.term)} disagrees with {_where(prev)}: {diff}")
            else:
                add(f"duplicate entry {_q(t.term)} (also at {_where(prev)})", "warning")
        else:
            by_term[key] = t
        for k in forms:
            official.setdefault(k, t)
        for bad, ok in t.specs:
            got = apply_replacements(t, bad)
            if got != ok:
                add(f"spec {_q(bad)} -> {_q(ok)} fails: the replacement gives {_q(got)}")
            elif apply_replacements(t, ok) != ok:
                add(f"spec {_q(bad)} -> {_q(ok)} fails: the expected text still contains a forbidden form")
    # forbidden in one entry, official in another (the forbidden-form check would flag correct text)
    for t in glossary.terms:
        for r in t.replaces:
            other = official.get(norm(r))
            if other is not None and other is not t:
                problems.append(Problem(
                    _where(t),
                    f"forbidden form {_q(r)} of {_q(t.term)} is an official form of {_q(other.term)} ({_where(other)})",
                    "error", t.id,
                ))
    return problems


def raise_for_errors(glossary: Glossary) -> list[Problem]:
    """Raise GlossaryError on the first error (with a count of the rest); return the warnings."""
    problems = validate(glossary)
    errors = [p for p in problems if p.is_error]
    if errors:
        more = f" (and {len(errors) - 1} more error(s); run 'audit glossary check' on the file)" if len(errors) > 1 else ""
        raise GlossaryError(f"{errors[0]}{more}")
    return problems


def check_command(files) -> int:
    """Load and validate each file; print one line per problem.  0 when no errors, else 2."""
    from . import load_one

    status = 0
    loaded: list[Glossary] = []
    printed: set[str] = set()
    for f in files:
        try:
            g = load_one(f)
        except GlossaryError as e:
            print(str(e))
            status = 2
            continue
        loaded.append(g)
        problems = validate(g)
        for p in problems:
            printed.add(str(p))
            print(p)
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        if errors:
            status = 2
        else:
            extra = f", {warnings} warning(s)" if warnings else ""
            print(f"{f}: ok ({len(g.terms)} entries{extra})")
    if len(loaded) > 1:  # errors that only appear once the files are merged (repeats that agree are fine)
        for p in validate(merge(loaded)):
            if p.is_error and str(p) not in printed:
                print(p)
                if p.is_error:
                    status = 2
    if status:
        print("audit: glossary check found errors", file=sys.stderr)
    return status
