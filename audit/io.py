"""File-system edges: finding input documents, naming and writing reports atomically."""
from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

DEFAULT_GLOBS = ("*.txt", "*.md")


def collect_inputs(args: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS, exclude: Iterable[Path] = ()) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """Expand files and folders (recursively) into ``(display path, path)`` pairs.

    Returns ``(inputs, errors)``; ``errors`` are ``(path, reason)`` for arguments
    that do not exist.  Files named explicitly are taken whatever their suffix.
    Folders are walked without following symbolic links to folders (no loops).
    """
    globs = tuple(globs)
    excluded = {os.path.realpath(p) for p in exclude}
    inputs: list[tuple[str, Path]] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(display: str, p: Path) -> None:
        key = os.path.abspath(display)
        if key not in seen:
            seen.add(key)
            inputs.append((display, p))

    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, followlinks=False):
                rootp = Path(root)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.realpath(rootp / d) not in excluded)
                for name in files:
                    if any(fnmatch.fnmatch(name, g) for g in globs):
                        found.append(str(rootp / name))
            for f in sorted(found):
                add(f, Path(f))
        elif p.exists() or p.is_symlink():
            add(arg, p)
        else:
            errors.append((arg, "no such file or folder"))
    return inputs, errors


_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def output_stems(paths: list[str]) -> dict[str, str]:
    """A safe, unique report stem per input path (``seeds/a.txt`` -> ``a``).

    Stems never contain path separators, so reports cannot escape the output
    folder; two documents with the same stem get a short hash of their path.
    """
    base = {}
    for p in paths:
        stem = _UNSAFE.sub("_", Path(p).stem).strip("._") or "document"
        base[p] = stem[:100]
    counts: dict[str, int] = {}
    for s in base.values():
        counts[s.lower()] = counts.get(s.lower(), 0) + 1
    out = {}
    for p, s in base.items():
        if counts[s.lower()] > 1 or s.lower() == "index":
            s = f"{s}-{hashlib.sha1(os.path.abspath(p).encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        out[p] = s
    return out


def write_atomic(path: Path, text: str) -> None:
    """Write the whole file or nothing: temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
