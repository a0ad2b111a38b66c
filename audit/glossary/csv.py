"""The spreadsheet glossary format: CSV with the header ``term,kind,replaces,titles,expands,note``.

* ``term``: the official form (required);
* ``kind``: one of ``person, org, place, event, acronym, title, term`` (empty means ``term``);
* ``replaces``: known wrong forms, separated by ``|``;
* ``titles``: for a person, the titles they hold, separated by ``|``;
* ``expands``: for an acronym, its official expansion;
* ``note``: free text.

The six columns come first, in this order.  Optional extra columns may follow
(any order): ``variants`` (other admitted forms, ``|``-separated), ``id``, and
the prh-style ``spec_bad`` / ``spec_ok`` (``|``-separated, pairwise).  Any other
column is an error.  Rows whose cells are all empty are skipped, and so are rows
whose first cell starts with ``#`` (comments).  Every error names the file and
the line.
"""
from __future__ import annotations

import csv
import io

from .model import KINDS, Glossary, GlossaryError, Term, content_hash, slug

HEADER = ("term", "kind", "replaces", "titles", "expands", "note")
OPTIONAL = ("variants", "id", "spec_bad", "spec_ok")
_DELIMITERS = (";", "\t", "|", ":")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _check_header(cells: list[str], first_line: str, where: str) -> list[str]:
    names = [c.strip().lstrip("\ufeff").lower() for c in cells]
    if tuple(names[: len(HEADER)]) == HEADER:
        extra = [n for n in names[len(HEADER):] if n not in OPTIONAL]
        if extra:
            raise GlossaryError(
                f"{where}: unknown column(s) {', '.join(repr(e) for e in extra)} "
                f"(the header is {','.join(HEADER)}; optional extra columns: {', '.join(OPTIONAL)})"
            )
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise GlossaryError(f"{where}: duplicate column(s) {', '.join(dup)}")
        return names
    for d in _DELIMITERS:
        parts = [p.strip().strip('"').lower() for p in first_line.split(d)]
        if len(parts) > 1 and tuple(parts[: len(HEADER)]) == HEADER:
            shown = "TAB" if d == "\t" else repr(d)
            raise GlossaryError(f"{where}: wrong delimiter {shown}: the columns must be separated by commas")
    missing = [h for h in HEADER if h not in names]
    if missing and len(names) < len(HEADER):
        raise GlossaryError(
            f"{where}: missing column(s) {', '.join(missing)} (the header must be exactly: {','.join(HEADER)})"
        )
    raise GlossaryError(f"{where}: bad header {','.join(names)!r} (the header must be exactly: {','.join(HEADER)})")


def parse_csv(text: str, source: str = "<glossary>") -> Glossary:
    """Parse CSV glossary text.  Raises GlossaryError naming the file and line."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    terms: list[Term] = []
    names: list[str] | None = None
    line = 1  # the line where the next record starts
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            what = "bad quoting" if any(w in str(e) for w in ("quot", "expected", "end of data")) else "malformed CSV"
            raise GlossaryError(f"{source}:{line}: {what}: {e}") from None
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        where = f"{source}:{start}"
        if names is None:
            first_line = text.splitlines()[start - 1] if text.splitlines() else ""
            names = _check_header(row, first_line, where)
            continue
        if len(row) != len(names):
            what = "missing" if len(row) < len(names) else "extra"
            raise GlossaryError(
                f"{where}: {len(row)} cell(s) where the header has {len(names)} ({what} column(s); "
                "quote cells that contain commas)"
            )
        cell = {n: v.strip() for n, v in zip(names, row)}
        term = cell["term"]
        if not term:
            raise GlossaryError(f"{where}: empty term")
        kind = cell["kind"].lower() or "term"
        if kind not in KINDS:
            raise GlossaryError(f"{where}: unknown kind {cell['kind']!r} (expected one of: {', '.join(KINDS)})")
        bad, ok = _split(cell.get("spec_bad", "")), _split(cell.get("spec_ok", ""))
        if len(bad) != len(ok):
            raise GlossaryError(f"{where}: spec_bad has {len(bad)} item(s) but spec_ok has {len(ok)}")
        terms.append(
            Term(
                id=cell.get("id") or f"{kind}:{slug(term)}",
                term=term,
                kind=kind,
                variants=_split(cell.get("variants", "")),
                replaces=_split(cell["replaces"]),
                titles=_split(cell["titles"]),
                expands=cell["expands"] or None,
                note=cell["note"] or None,
                source=where,
                specs=tuple(zip(bad, ok)),
            )
        )
    if names is None:
        raise GlossaryError(f"{source}:1: empty file (expected the header {','.join(HEADER)})")
    return Glossary(tuple(terms), (source,), content_hash([text.encode("utf-8")]))


def to_csv(glossary: Glossary) -> str:
    """Write a glossary as CSV (the six columns, plus ``variants``/``id``/specs when used)."""
    cols = list(HEADER)
    if any(t.variants for t in glossary.terms):
        cols.append("variants")
    if any(t.id != f"{t.kind}:{slug(t.term)}" for t in glossary.terms):
        cols.append("id")
    if any(t.specs for t in glossary.terms):
        cols += ["spec_bad", "spec_ok"]
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    for t in glossary.terms:
        values = {
            "term": t.term,
            "kind": t.kind,
            "replaces": "|".join(t.replaces),
            "titles": "|".join(t.titles),
            "expands": t.expands or "",
            "note": t.note or "",
            "variants": "|".join(t.variants),
            "id": t.id,
            "spec_bad": "|".join(s[0] for s in t.specs),
            "spec_ok": "|".join(s[1] for s in t.specs),
        }
        w.writerow([values[c] for c in cols])
    return out.getvalue()


if __name__ == "__main__":  # python -m audit.glossary.csv GLOSSARY > glossary.csv
    import sys

    from . import load_one

    sys.stdout.write(to_csv(load_one(sys.argv[1])))
