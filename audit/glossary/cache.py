"""The on-disk cache of loaded *and compiled* glossaries.

Loading a large glossary (parsing the TOML/CSV/TBX, merging, validating) and
compiling its indexes (the official-form index, the forbidden-form regex, the
title, entity, acronym and term-drift indexes the checkers build through
``Glossary.compiled``) costs far more than auditing a few documents with it.
:func:`load_compiled` does both once, saves the result, and on every later run
with the same glossary files reads it back instead.

* **Key**: the sha256 of the glossary files' bytes (and the paths as given:
  entry sources quote them), the audit version, the Python build, and a
  fingerprint of the source of the whole ``audit`` package, so any code change
  (a builder, a normalisation rule) makes a new entry.
* **Where**: ``$AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/audit``, else
  ``~/.cache/audit``.  The folder is created with mode 0o700 and must belong
  to the current user and not be writable by group or others; each entry is a
  file created with mode 0o600, written to a temporary name and renamed into
  place (readers never see half a file).  A folder that cannot be created or
  written, or is not private, is skipped with one debug-level log line.
* **Trust**: entries are pickles, read only from that private folder; a file
  whose header does not carry the expected key, or that is truncated or does
  not unpickle, is ignored and rebuilt (never an error).
* **Size**: at most :data:`MAX_ENTRIES` entries; the least recently used go first.
* **Workers**: a glossary loaded through the cache remembers its file; when it
  is unpickled in a worker process (``--jobs`` without fork, Dask) its indexes
  are read from that file on first use instead of being built again.

Compiled regular expressions are stored with their compiled SRE code and
rebuilt from it without re-parsing the pattern (a 100,000-form alternation
takes seconds to parse); the code is checked against the pattern when it is
saved, and a pattern that cannot be rebuilt that way is compiled normally.
"""
from __future__ import annotations

import array
import gc
import hashlib
import logging
import os
import pickle
import re
import stat
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Optional

from .model import FROM_DISK, Glossary

log = logging.getLogger("audit")

#: entries kept in the cache folder (least recently used evicted first)
MAX_ENTRIES = 8
SUFFIX = ".glossary.pickle"
MAGIC = b"audit-glossary-cache/2\n"
#: cache files at least this big are loaded with the garbage collector paused, then frozen
BIG_FILE = 4 << 20
#: what the cache did in this process (hits, misses, writes, skipped, ignored): for tests and benchmarks
stats: Counter = Counter()


# --------------------------------------------------------------------------- key


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the audit version, the Python build and every source file of the ``audit`` package."""
    from .. import __version__

    pkg = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    h.update(f"{__version__}\0{sys.version}\0{sys.implementation.cache_tag}\0{_sre_magic()}\0".encode())
    for f in sorted(pkg.rglob("*.py")):
        h.update(f.relative_to(pkg).as_posix().encode() + b"\0")
        try:
            h.update(hashlib.sha256(f.read_bytes()).digest())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _sre_magic() -> int:
    try:
        import _sre

        return int(_sre.MAGIC)
    except Exception:  # pragma: no cover - other Python implementations
        return 0


def cache_key(paths: "Optional[Iterable[str | os.PathLike]]") -> Optional[str]:
    """The cache key of loading ``paths`` (None: the default glossary), or None if a file cannot be read."""
    from . import default_glossary_path

    h = hashlib.sha256(MAGIC)
    h.update(code_fingerprint().encode())
    if paths is None:
        d = default_glossary_path()
        if d is None:
            return None
        named = [d]
        h.update(b"default\0")
    else:
        named = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    for p in named:
        try:
            if not stat.S_ISREG(os.stat(p).st_mode):
                return None  # a FIFO or a device is read once, by the loader, and never cached
            data = Path(p).read_bytes()
        except OSError:
            return None  # the loader reports the error
        h.update(str(p).encode("utf-8", "surrogatepass") + b"\0")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


# --------------------------------------------------------------------------- folder


def cache_dir() -> Path:
    """``$AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/audit``, else ``~/.cache/audit``."""
    env = os.environ.get("AUDIT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg).expanduser() / "audit"
    return Path.home() / ".cache" / "audit"


def _private_dir(path: Path, create: bool) -> Optional[Path]:
    """``path`` if it is (or could be made) a folder of ours that nobody else can write."""
    try:
        if create:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.stat()
    except OSError as e:
        if create:
            log.debug("glossary cache: %s unusable (%s); not caching", path, e.strerror or e)
        return None
    if not os.path.isdir(path):
        return None
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
        log.debug("glossary cache: %s is not private to this user; not using it", path)
        return None
    return path


# --------------------------------------------------------------------------- regexes


def _pattern(pattern, flags, code, groups, groupindex, indexgroup):
    """Rebuild a compiled pattern from its SRE code (no re-parsing); compile it normally if that fails."""
    try:
        import _sre

        return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)
    except Exception:
        return re.compile(pattern, flags)


def _pattern_args(p: re.Pattern):
    """The arguments that rebuild ``p`` with :func:`_pattern`, or None (then it pickles as usual)."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(p.pattern, p.flags)
        code = _compiler._code(parsed, p.flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        args = (p.pattern, p.flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if _sre.compile(*args) != p:  # same pattern, flags and code, or we do not use it
            return None
        packed = array.array("I", code)
        return args[:2] + (packed,) + args[3:]
    except Exception:
        return None


@lru_cache(maxsize=None)
def _frozen_fields(cls) -> Optional[tuple[str, ...]]:
    """The field names of a plain frozen dataclass (rebuilt by calling the class), else None.

    Pickled the default way, each instance comes back with a materialised
    ``__dict__`` (about 0.4 KB more per object than one built by its
    constructor: 100+ MB over the half million forms and entries of a
    100,000-entry glossary), so these are saved as ``cls(*values)``.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or not params.init or hasattr(cls, "__post_init__"):
        return None
    if cls.__reduce_ex__ is not object.__reduce_ex__ or cls.__reduce__ is not object.__reduce__:
        return None
    if getattr(cls, "__getstate__", object.__getstate__) is not object.__getstate__ or hasattr(cls, "__setstate__"):
        return None
    import dataclasses

    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        return None
    return tuple(f.name for f in fields)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        cls = type(obj)
        if cls is re.Pattern:
            args = _pattern_args(obj)
            if args is not None:
                return _pattern, args
            return NotImplemented
        if hasattr(cls, "__dataclass_fields__"):
            names = _frozen_fields(cls)
            if names is not None:
                return cls, tuple([getattr(obj, n) for n in names])
        elif cls is MappingProxyType:  # a read-only view of an index's table: comes back as a view of a copy
            return _mapping_proxy, (dict(obj),)
        elif cls.__name__ == "LazyPattern" and cls.__module__ == "audit.checks._lazyre":
            return cls, (obj.pattern, obj.flags_arg)  # compiled again on first use, as it was built
        return NotImplemented


def _mapping_proxy(d: dict) -> MappingProxyType:
    return MappingProxyType(d)


def _dump(f, payload: dict) -> None:
    """Pickle ``payload`` into ``f``: the payload without its indexes, then one pickle per
    index (``(key, index)``), then ``None``.

    Each index gets its own pickler: a pickler's memo holds every object it has written
    until it is done (for a 100,000-entry glossary one memo over everything added ~400 MB
    to the peak of the run that builds the cache, more than any one index costs).  An
    index that cannot be pickled is left out (it is built on first use instead), so one
    odd index never costs the whole cache.
    """
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump({k: v for k, v in payload.items() if k != "indexes"})
    for k, v in payload["indexes"].items():
        start = f.tell()
        try:
            _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump((k, v))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as e:
            log.debug("glossary cache: index %r cannot be saved (%s: %s); it is built on first use", k, type(e).__name__, e)
            f.seek(start)
            f.truncate()
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(None)


def _load(f) -> dict:
    """What :func:`_dump` wrote: the payload with its ``indexes``."""
    payload = pickle.load(f)
    indexes = {}
    while (item := pickle.load(f)) is not None:
        k, v = item
        indexes[k] = v
    payload["indexes"] = indexes
    return payload


class _Sink:
    """A file that forgets what is written (to test whether an object pickles)."""

    def write(self, b) -> int:
        return len(b)


# --------------------------------------------------------------------------- read / write


def _entry(directory: Path, key: str) -> Path:
    return directory / f"{key}{SUFFIX}"


def _read(path: Path, key: str) -> Optional[dict]:
    """The payload saved under ``key`` at ``path``, or None (missing, foreign, corrupt: ignored)."""
    try:
        f = open(path, "rb")
    except OSError:
        return None
    with f:
        try:
            st = os.fstat(f.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                log.debug("glossary cache: %s is not private to this user; ignored", path)
                return None
            head = f.read(len(MAGIC) + len(key) + 1)
            if head != MAGIC + key.encode("ascii") + b"\n":
                stats["ignored"] += 1
                log.debug("glossary cache: %s is not an entry for this glossary; ignored", path)
                return None
            if st.st_size < BIG_FILE:
                payload = _load(f)
            else:
                enabled = gc.isenabled()
                gc.collect()  # (the heap is small before the load) so no garbage of the caller's gets frozen below
                gc.disable()  # millions of small objects: collecting while they arrive only costs time
                try:
                    payload = _load(f)
                    # They live as long as the process: keep them out of every later collection
                    # (each full pass over them would cost as much as a third of the load).
                    gc.freeze()
                finally:
                    if enabled:
                        gc.enable()
        except Exception as e:  # truncated, corrupt or from another version: rebuild
            stats["ignored"] += 1
            log.debug("glossary cache: %s unreadable (%s: %s); rebuilding", path, type(e).__name__, e)
            return None
    if not isinstance(payload, dict) or payload.get("key") != key or not isinstance(payload.get("glossary"), dict):
        stats["ignored"] += 1
        return None
    return payload


def _write(directory: Path, key: str, payload: dict) -> Optional[Path]:
    """Save ``payload`` atomically (temporary file + rename), mode 0o600; None when it cannot be."""
    final = _entry(directory, key)
    tmp = directory / f".{key[:16]}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as e:
        stats["skipped"] += 1
        log.debug("glossary cache: cannot write in %s (%s); not caching", directory, e.strerror or e)
        return None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + key.encode("ascii") + b"\n")
            _dump(f, payload)
        os.replace(tmp, final)
    except Exception as e:  # a full disk, an index that does not pickle: run without the cache
        stats["skipped"] += 1
        log.debug("glossary cache: cannot save %s (%s: %s); not caching", final, type(e).__name__, e)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return None
    stats["writes"] += 1
    _evict(directory, keep=final)
    return final


def _evict(directory: Path, keep: Path) -> None:
    """Keep the MAX_ENTRIES most recently used entries; drop temporary files left by killed runs."""
    try:
        entries = []
        now = time.time()
        for p in directory.iterdir():
            name = p.name
            if name.endswith(SUFFIX):
                entries.append((p.stat().st_mtime, name, p))
            elif name.endswith(".tmp") and name.startswith(".") and now - p.stat().st_mtime > 3600:
                p.unlink()
        entries.sort(reverse=True)
        for _, _, p in entries[MAX_ENTRIES:]:
            if p != keep:
                p.unlink()
                stats["evicted"] += 1
    except OSError:
        pass


# --------------------------------------------------------------------------- API


def warm(glossary: Glossary) -> Glossary:
    """Build every compiled index now: audit one small document made of the glossary's own
    entries with every rule selected, so each checker asks for the indexes it uses."""
    if not glossary:
        return glossary
    from ..config import AuditConfig
    from ..document import make_document
    from ..engine import audit_document

    picked: dict[str, list] = {}
    for t in glossary.terms:
        got = picked.setdefault(t.kind, [])
        if len(got) < 3:
            got.append(t)
    lines = []
    for kind, terms in sorted(picked.items()):
        for t in terms:
            if kind == "acronym" and t.expands:
                lines.append(f"The {t.expands} ({t.term}) met on Monday.")
            elif kind == "person" and t.titles:
                lines.append(f"{t.titles[0]} {t.term} spoke to the press.")
            else:
                lines.append(f"They discussed {t.term} at length.")
    text = "\n\n".join(" ".join(lines[i:i + 3]) for i in range(0, len(lines), 3)) + "\n"
    audit_document(make_document(text, "<glossary-cache warm-up>"), glossary, AuditConfig())
    return glossary


def load_compiled(
    paths: "str | os.PathLike | Iterable[str | os.PathLike] | None" = None,
    *,
    use_cache: bool = True,
    directory: "str | os.PathLike | None" = None,
) -> Glossary:
    """Load ``paths`` like :func:`audit.glossary.load_glossary` and compile every index,
    through the on-disk cache.

    A hit returns the saved glossary with its indexes (and logs the same
    validation warnings as a fresh load); a miss loads, validates, compiles
    (:func:`warm`) and saves.  ``use_cache=False`` (``audit run --no-cache``)
    is exactly :func:`load_glossary`: nothing read or written, indexes built on
    first use.  ``directory`` overrides :func:`cache_dir`.  Raises
    :class:`~audit.glossary.GlossaryError` like the loader; cache problems are
    never errors.
    """
    from . import load_glossary, load_with_problems

    if not use_cache:
        return load_glossary(paths)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif paths is not None:
        paths = list(paths)
    key = cache_key(paths)
    folder = _private_dir(Path(directory) if directory is not None else cache_dir(), create=True) if key else None
    if folder is not None:
        entry = _entry(folder, key)
        payload = _read(entry, key)
        if payload is not None:
            stats["hits"] += 1
            try:
                os.utime(entry)  # most recently used: evicted last
            except OSError:
                pass
            for problem in payload["warnings"]:
                log.warning("%s", problem)
            g = payload["glossary"]
            glossary = Glossary(g["terms"], g["sources"], g["sha256"], dict(payload["indexes"]), str(entry))
            glossary._cache[FROM_DISK] = True
            return glossary
    stats["misses"] += 1
    glossary, problems = load_with_problems(paths)
    for problem in problems:
        log.warning("%s", problem)
    if not glossary or folder is None:
        return warm(glossary)
    warm(glossary)
    if cache_key(paths) != key:  # a file changed while it was loaded: do not file it under the old key
        log.debug("glossary cache: a glossary file changed while loading; not caching")
        return glossary
    indexes = {k: v for k, v in glossary._cache.items() if k != FROM_DISK}  # the mark, not an index
    payload = {
        "key": key,
        "glossary": {"terms": glossary.terms, "sources": glossary.sources, "sha256": glossary.sha256},
        "warnings": problems,
        "indexes": indexes,
    }
    written = _write(folder, key, payload)
    if written is None:
        return glossary
    out = Glossary(glossary.terms, glossary.sources, glossary.sha256, glossary._cache, str(written))
    out._cache[FROM_DISK] = True
    return out


def read_indexes(origin: str, sha256: str, n_terms: int):
    """``(terms, indexes)`` saved in the cache file ``origin`` for the glossary with this
    sha256, or None.  Used by ``Glossary.compiled`` in worker processes."""
    path = Path(origin)
    if _private_dir(path.parent, create=False) is None or not path.name.endswith(SUFFIX):
        return None
    key = path.name[: -len(SUFFIX)]
    payload = _read(path, key)
    if payload is None:
        return None
    g = payload["glossary"]
    if g.get("sha256") != sha256 or len(g.get("terms", ())) != n_terms:
        return None
    stats["worker_reads"] += 1
    return g["terms"], dict(payload["indexes"])
