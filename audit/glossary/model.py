"""The glossary data model: pure data, shared by every loader and checker."""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Optional, TypeVar

KINDS = ("person", "org", "place", "event", "acronym", "title", "term")

T = TypeVar("T")


def slug(text: str) -> str:
    """The id part every loader derives from a term when the entry has no id of its own."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "entry"


class GlossaryError(Exception):
    """A glossary that cannot be loaded.  The message names the file and line or entry."""


@dataclass(frozen=True, slots=True)  # slots: no __dict__ per entry (100k-entry glossaries)
class Term:
    """One glossary entry.

    ``term`` is the official form; ``variants`` are other admitted (correct)
    forms; ``replaces`` are forbidden forms that must be replaced by ``term``.
    For a person, ``titles`` are the titles they hold; for an acronym,
    ``expands`` is its official expansion.  ``source`` is ``file:line`` or
    ``file#entry-id`` for error messages.
    """

    id: str
    term: str
    kind: str = "term"
    variants: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    expands: Optional[str] = None
    note: Optional[str] = None
    source: str = ""
    # prh-style specs: (wrong text, expected fixed text) pairs checked at load
    specs: tuple[tuple[str, str], ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every admitted form, the official one first."""
        return (self.term,) + tuple(v for v in self.variants if v != self.term)


#: a marker in ``Glossary._cache``: the on-disk cache file was already read (or tried)
FROM_DISK = "\0from-disk"
_DISK_LOCK = threading.Lock()


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    sources: tuple[str, ...] = ()
    sha256: str = ""
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)
    #: the on-disk cache file this glossary was loaded from or saved to (audit.glossary.cache), or ""
    _origin: str = field(default="", compare=False, repr=False, hash=False)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def of_kind(self, *kinds: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.kind in kinds)

    def compiled(self, key: str, builder: Callable[["Glossary"], T]) -> T:
        """Build an index once per glossary and reuse it (memoised by ``key``).

        A glossary that came through the on-disk cache (:mod:`audit.glossary.cache`)
        but arrived here without its indexes (unpickled in a worker process) first
        reads them back from the cache file, once, instead of building them.
        """
        try:
            return self._cache[key]
        except KeyError:
            pass
        if self._origin and FROM_DISK not in self._cache:
            self._read_origin()
            if key in self._cache:
                return self._cache[key]
        value = self._cache[key] = builder(self)
        return value

    def _read_origin(self) -> None:
        with _DISK_LOCK:
            if FROM_DISK in self._cache:
                return
            from .cache import read_indexes

            got = read_indexes(self._origin, self.sha256, len(self.terms))
            if got is not None:
                terms, indexes = got
                object.__setattr__(self, "terms", terms)  # the same entries; the indexes refer to these objects
                for k, v in indexes.items():
                    self._cache.setdefault(k, v)
            self._cache[FROM_DISK] = True

    def __getstate__(self):  # compiled indexes are not sent to worker processes (see compiled())
        return {"terms": self.terms, "sources": self.sources, "sha256": self.sha256, "origin": self._origin}

    def __setstate__(self, state):
        object.__setattr__(self, "terms", state["terms"])
        object.__setattr__(self, "sources", state["sources"])
        object.__setattr__(self, "sha256", state["sha256"])
        object.__setattr__(self, "_cache", {})
        object.__setattr__(self, "_origin", state.get("origin", ""))


def content_hash(parts: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(hashlib.sha256(p).digest())
    return h.hexdigest()


def merge(glossaries: Iterable[Glossary]) -> Glossary:
    """Merge glossaries in order; entry ids are kept unique."""
    terms: list[Term] = []
    sources: list[str] = []
    shas: list[bytes] = []
    seen: set[str] = set()
    for g in glossaries:
        sources.extend(g.sources)
        shas.append(g.sha256.encode())
        for t in g.terms:
            tid, k = t.id, 1
            while tid in seen:
                k += 1
                tid = f"{t.id}~{k}"
            seen.add(tid)
            terms.append(t if tid == t.id else replace(t, id=tid))
    return Glossary(tuple(terms), tuple(sources), content_hash(shas))
