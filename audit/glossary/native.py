"""The native glossary format: TOML, one array of tables per kind.

    [[person]]
    term = "Lloyd J. Austin III"
    variants = ["Lloyd Austin", "Austin"]
    titles = ["Secretary of Defense", "Defense Secretary", "Secretary"]

    [[acronym]]
    term = "SCM"
    expands = "Security Consultative Meeting"

    [[place]]
    term = "Camp Humphreys"
    replaces = ["Humphreys Camp"]

    [[org]]
    term = "Combined Forces Command"
    acronym = "CFC"          # also creates the acronym entry CFC -> Combined Forces Command

The full format is documented in docs/glossary.md.  Entry sources are
``file:line`` (the line of the entry's ``[[kind]]`` header) so that errors and
``audit glossary check`` point at the entry.
"""
from __future__ import annotations

import re
import sys

from .model import KINDS, Glossary, GlossaryError, Term, content_hash, slug

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_FIELDS = {"id", "term", "variants", "replaces", "titles", "expands", "note", "specs", "acronym"}
_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(?:\"([^\"\n]+)\"|'([^'\n]+)'|([A-Za-z0-9_-]+))[ \t]*\]\]", re.M)


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GlossaryError(f"{where}: '{key}' must be a string or a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _header_lines(text: str) -> dict[str, list[int]]:
    """Line numbers of the ``[[kind]]`` headers, per kind, in file order."""
    lines: dict[str, list[int]] = {}
    line, pos = 1, 0
    for m in _HEADER.finditer(text):
        kind = m.group(1) or m.group(2) or m.group(3)
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.setdefault(kind, []).append(line)
    return lines


def parse_native(text: str, source: str = "<glossary>") -> Glossary:
    """Parse native TOML glossary text.  Raises GlossaryError naming the entry."""
    text = text.lstrip("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise GlossaryError(f"{source}: TOML syntax error: {e}") from None
    headers = _header_lines(text)
    terms: list[Term] = []
    for kind, entries in data.items():
        if kind in ("glossary", "meta"):  # free metadata table
            continue
        if kind not in KINDS:
            raise GlossaryError(f"{source}: unknown kind [[{kind}]] (expected one of: {', '.join(KINDS)})")
        if not isinstance(entries, list):
            raise GlossaryError(f"{source}: '{kind}' must be an array of tables ([[{kind}]])")
        lines = headers.get(kind, [])
        if len(lines) != len(entries):  # inline tables: no reliable line numbers
            lines = []
        for i, entry in enumerate(entries, 1):
            where = f"{source}:{lines[i - 1]}" if lines else f"{source}#{kind}[{i}]"
            if not isinstance(entry, dict):
                raise GlossaryError(f"{where}: entry must be a table")
            unknown = set(entry) - _FIELDS
            if unknown:
                raise GlossaryError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            term = entry.get("term")
            if not isinstance(term, str) or not term.strip():
                raise GlossaryError(f"{where}: missing 'term'")
            term = term.strip()
            if not lines:
                where = f"{source}#{entry.get('id') or slug(term)}"
            expands = entry.get("expands")
            if expands is not None and not isinstance(expands, str):
                raise GlossaryError(f"{where}: 'expands' must be a string")
            specs = []
            for spec in entry.get("specs", []) or []:
                if not (isinstance(spec, dict) and isinstance(spec.get("from"), str) and isinstance(spec.get("to"), str)):
                    raise GlossaryError(f"{where}: each spec must be a table with 'from' and 'to' strings")
                specs.append((spec["from"], spec["to"]))
            note = entry.get("note")
            terms.append(
                Term(
                    id=str(entry.get("id") or f"{kind}:{slug(term)}"),
                    term=term,
                    kind=kind,
                    variants=_strings(entry.get("variants"), where, "variants"),
                    replaces=_strings(entry.get("replaces"), where, "replaces"),
                    titles=_strings(entry.get("titles"), where, "titles"),
                    expands=expands.strip() if isinstance(expands, str) and expands.strip() else None,
                    note=str(note) if note else None,
                    source=where,
                    specs=tuple(specs),
                )
            )
            acronyms = _strings(entry.get("acronym"), where, "acronym")
            if acronyms:
                if kind == "acronym":
                    raise GlossaryError(f"{where}: 'acronym' belongs on the entry it abbreviates, not on an [[acronym]]")
                terms.append(
                    Term(
                        id=f"acronym:{slug(acronyms[0])}",
                        term=acronyms[0],
                        kind="acronym",
                        variants=acronyms[1:],
                        expands=term,
                        source=where,
                    )
                )
    if all(re.fullmatch(r".*:\d+", t.source) for t in terms):  # file order, not grouped by kind
        terms.sort(key=lambda t: int(t.source.rsplit(":", 1)[1]))  # stable: an acronym follows its entry
    return Glossary(tuple(terms), (source,), content_hash([text.encode("utf-8")]))
