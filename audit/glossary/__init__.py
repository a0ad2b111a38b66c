"""Glossaries of official terms: model, loaders (by file suffix), merge."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

from .model import KINDS, Glossary, GlossaryError, Term, merge
from .native import parse_native

__all__ = ["KINDS", "Glossary", "GlossaryError", "Term", "load_glossary", "load_one", "merge", "parse_native",
           "parse_csv", "parse_tbx", "default_glossary_path"]


def __getattr__(name):  # the CSV and TBX loaders are imported on first use
    if name == "parse_csv":
        from .csv import parse_csv

        return parse_csv
    if name == "parse_tbx":
        from .tbx import parse_tbx

        return parse_tbx
    raise AttributeError(name)

REFERENCE_DIR = Path(__file__).resolve().parent.parent.parent / "reference"


def default_glossary_path() -> Path | None:
    """The embedded default glossary: ``reference/glossary.toml`` (working folder first, then the project's)."""
    for folder in (Path.cwd() / "reference", REFERENCE_DIR):
        for name in ("glossary.toml", "glossary.csv", "glossary.tbx"):
            p = folder / name
            if p.is_file():
                return p
    return None


def _read_text(path: Path) -> str:
    from ..document import InputError, decode

    try:
        return decode(path.read_bytes())
    except InputError as e:
        raise GlossaryError(f"{path}: {e}") from None
    except OSError as e:
        raise GlossaryError(f"{path}: {e.strerror or e}") from None


def load_one(path: str | Path) -> Glossary:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".toml":
        return parse_native(_read_text(p), str(path))
    if suffix == ".csv":
        from .csv import parse_csv

        return parse_csv(_read_text(p), str(path))
    if suffix in (".tbx", ".xml"):
        from .tbx import parse_tbx

        try:
            data = p.read_bytes()
        except OSError as e:
            raise GlossaryError(f"{path}: {e.strerror or e}") from None
        return parse_tbx(data, str(path))
    raise GlossaryError(f"{path}: unknown glossary format '{suffix}' (expected .toml, .csv or .tbx)")


def load_glossary(paths: "str | Path | Iterable[str | Path] | None" = None, *, cache: bool = False) -> Glossary:
    """Load, merge and validate glossaries; with none given, the default one in ``reference/``.

    Raises :class:`GlossaryError` (naming the file and line or entry) when a file
    cannot be read or parsed, or when the merged glossary has validation errors
    (see :mod:`audit.glossary.validate`); warnings are logged.

    ``cache=True``: also compile every index now and keep the result in the
    on-disk glossary cache, or take it from there when the same files (same
    bytes, same audit code) were loaded before (see :mod:`audit.glossary.cache`).
    """
    if cache:
        from .cache import load_compiled

        return load_compiled(paths)
    glossary, problems = load_with_problems(paths)
    for problem in problems:
        logging.getLogger("audit").warning("%s", problem)
    return glossary


def load_with_problems(paths: "str | Path | Iterable[str | Path] | None" = None) -> "tuple[Glossary, list[str]]":
    """:func:`load_glossary` without logging: the glossary and its validation warnings (as text)."""
    from .validate import raise_for_errors

    if paths is None:
        d = default_glossary_path()
        glossary = load_one(d) if d else Glossary()
    else:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        glossary = merge(load_one(p) for p in paths)
    return glossary, [str(problem) for problem in raise_for_errors(glossary)]
