"""Invisible characters family: control and zero-width characters hidden inside words."""
from __future__ import annotations

import re

from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

INVISIBLE = rule(
    code="CHAR001",
    name="invisible-character",
    family="invisible",
    summary="A control character, or a zero-width character or soft hyphen between two letters, hidden inside the text.",
    severity="minor",
    category="Fluency/Character encoding",
    fixable=True,
    doc="""
## What it checks
Characters a reader cannot see but a search, a glossary lookup or a screen reader trips
over: C0/C1 control characters (other than tab, line and page breaks), a byte-order mark
after the start, and zero-width spaces, joiners, non-joiners, word joiners and soft
hyphens sitting between two Latin letters (`Suh\\u200bWook`, `Sec\\u00adretary`).  The
span is the whole word that hides the character; the suggestion is the word without it
(a zero-width space before a capital becomes a space: `Suh Wook`).

Zero-width joiners and non-joiners between letters of scripts that need them (Arabic,
Persian, Indic scripts, emoji sequences) and bidirectional controls in right-to-left
text are left alone.

## Why it matters
Copy-paste from web pages and PDF extraction leave these characters behind.  A name
with a hidden character no longer matches the official form, so terminology checks,
search and indexing silently miss it.

## Example
    Minister Suh\\u200bWook met Sec\\u00adretary Austin.

## Preferred
    Minister Suh Wook met Secretary Austin.
""",
    examples=(
        Example("Minister Suh\u200bWook met the Secretary.", ("CHAR001",), flagged="Suh\u200bWook"),
        Example("The Sec\u00adretary arrived\x07 late.", ("CHAR001",), flagged="Sec\u00adretary"),
        Example("The Minister met the Secretary. \u202bوزير الدفاع\u202c met. Emoji 👩\u200d💻 and می\u200cخواهم stay."),
    ),
)

_ZW = "\u200b\u200c\u200d\u2060\u00ad"
_CONTROL = "".join(chr(c) for c in list(range(0, 9)) + [0x0E + i for i in range(0x20 - 0x0E)] + [0x7F] + list(range(0x80, 0xA0)))
# a zero-width character or soft hyphen between two Latin letters, or any control character
# (the leading lookahead lets the regex engine skip to the characters it is about)
_HIDDEN = lazy_re(
    rf"(?=[{_ZW}{re.escape(_CONTROL)}\ufeff])"
    rf"(?:(?<=[A-Za-z\u00C0-\u024F])[{_ZW}]+(?=[A-Za-z\u00C0-\u024F])|[{re.escape(_CONTROL)}]|(?<!^)\ufeff)"
)
_WORD_AROUND = lazy_re(rf"[^\s{re.escape(_CONTROL)}]*$")
_WORD_AFTER = lazy_re(rf"^[^\s{re.escape(_CONTROL)}]*")


@checker("invisible", [INVISIBLE])
def check_invisible(doc, ctx):
    text = doc.text
    last_end = -1
    for m in _HIDDEN.finditer(text):
        if m.start() < last_end:  # already inside a reported word
            continue
        # widen to the word that hides the character(s), bounded to its paragraph
        para = doc.paragraph_at(m.start())
        head = _WORD_AROUND.search(text, para.start, m.start())
        start = head.start() if head else m.start()
        end = m.end()
        while True:
            tail = _WORD_AFTER.match(text[end:para.end])
            end += tail.end() if tail else 0
            nxt = _HIDDEN.match(text, end) if end < para.end else None
            if not nxt:
                break
            end = nxt.end()
        word = text[start:end]
        fixed = _clean(word)
        names = sorted({_name(c) for c in word if c in _ZW or c in _CONTROL or c == "\ufeff"})
        last_end = end
        yield make_finding(
            INVISIBLE, doc, start, end,
            f"'{fixed or word.strip()}' hides an invisible character ({', '.join(names)}); remove it.",
            suggestion=fixed, confidence=0.95,
        )


def _clean(word: str) -> str:
    out = []
    for i, c in enumerate(word):
        if c == "\u200b" and 0 < i < len(word) - 1 and word[i + 1].isupper() and word[i - 1].islower():
            out.append(" ")  # "Suh\u200bWook": the zero-width space stood between two words
        elif c in _ZW or c in _CONTROL or c == "\ufeff":
            continue
        else:
            out.append(c)
    return "".join(out)


def _name(c: str) -> str:
    import unicodedata

    return unicodedata.name(c, f"U+{ord(c):04X}")
