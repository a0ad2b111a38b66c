"""Decoding bytes into text and segmenting text into paragraphs.

``decode`` and ``segment`` are pure; ``read_document`` is the only function here
that touches the file system.
"""
from __future__ import annotations

import codecs
import errno
import stat
import hashlib
import re
from pathlib import Path

from .model import Document, Paragraph


MAX_BYTES = 512 * 1024 * 1024  # refuse single documents above 512 MB


class InputError(Exception):
    """A document that cannot be audited (binary, undecodable, unreadable)."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape
_BINARY_BYTES = set(range(0, 8)) | {14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


def decode(data: bytes) -> str:
    """Decode a document: BOM first (UTF-8/16/32), then UTF-8, then Windows-1252.

    The BOM is not part of the text.  Newlines are left exactly as they are.
    Raises :class:`InputError` for binary or undecodable data.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(f"invalid {enc} after byte-order mark at byte {e.start + len(bom)}") from None
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes and no UTF-16 byte-order mark)")
    sample = data[:65536]
    if sample and sum(b in _BINARY_BYTES for b in sample) / len(sample) > 0.10:
        raise InputError("binary file (control bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 and not Windows-1252 (byte 0x{data[e.start]:02x} at {e.start})") from None


_BLANK_SEP = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n))+")
_NUMBERED = re.compile(r"\s*(\d{1,4})[.)](?=\s)")


def segment(text: str) -> tuple[Paragraph, ...]:
    """Split text into paragraphs (blocks separated by blank lines).

    Ids follow the document's own numbering: the block that starts ``12.`` is
    ``12``; unnumbered blocks after it are ``12.2``, ``12.3``...; blocks before
    the first number are ``p1``, ``p2``...  Leading/trailing whitespace of a
    block is outside its range.
    """
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_SEP.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))

    paras: list[Paragraph] = []
    seen: set[str] = set()
    again: dict[str, int] = {}  # base id -> last "~k" suffix given to it
    current: int | None = None
    sub = 0
    pre = 0
    for s, e in blocks:
        chunk = text[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        m = _NUMBERED.match(text, s, e)
        number = None
        if m:
            number = int(m.group(1))
            current, sub = number, 1
            pid = str(number)
        elif current is None:
            pre += 1
            pid = f"p{pre}"
        else:
            sub += 1
            pid = f"{current}.{sub}"
        if pid in seen:  # restarted numbering: keep ids unique and stable
            # the first free "~k" (k >= 2); natural ids have no "~", so each base's
            # suffixes are taken in order and the next free one can be remembered
            base, k = pid, again.get(pid, 1)
            while pid in seen:
                k += 1
                pid = f"{base}~{k}"
            again[base] = k
        seen.add(pid)
        paras.append(Paragraph(id=pid, index=len(paras), start=s, end=e, text=text[s:e], number=number))
    if not paras:  # empty or whitespace-only document: one empty paragraph
        paras.append(Paragraph(id="p1", index=0, start=0, end=0, text=""))
    return tuple(paras)


def make_document(text: str, path: str = "<text>") -> Document:
    return Document(
        path=path,
        text=text,
        paragraphs=segment(text),
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def read_document(path: str | Path, display: str | None = None) -> Document:
    """Read and decode a file; raise :class:`InputError` with the reason."""
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError("is a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file")
        if st.st_size > MAX_BYTES:
            raise InputError(f"too large ({st.st_size:,} bytes; the limit is {MAX_BYTES:,})")
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file (or a broken symbolic link)") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError("symbolic link loop") from None
        raise InputError(e.strerror or str(e)) from None
    text = decode(data)
    # the hash is of the file's bytes (not of the decoded text, as make_document would do)
    return Document(display if display is not None else str(path), text, segment(text), hashlib.sha256(data).hexdigest())


_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)


# Counting ``_WORD`` matches fast: every match is a maximal run of letters/digits,
# extended by single joiners ("-", "'", "’", ".") that sit between two such runs.
# So the count is the number of runs minus the number of joining characters.
_RUN = re.compile(r"[^\W_]+")
_W_RUN = re.compile(r"\w+")  # the same runs when the text has no underscore
_JOINER = re.compile(r"[-'’.](?<=[^\W_][-'’.])(?=[^\W_])")


def count_words(text: str) -> int:
    """The number of ``_WORD`` matches in ``text`` (letters/digits joined by - ' ’ .)."""
    runs = _RUN.findall(text) if "_" in text else _W_RUN.findall(text)
    return len(runs) - len(_JOINER.findall(text))
