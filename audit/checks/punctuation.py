"""Punctuation family: space before punctuation, runs of punctuation."""
from __future__ import annotations

import re

from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

SPACE_BEFORE = rule(
    code="PUNC001",
    name="space-before-punctuation",
    family="punctuation",
    summary="Whitespace between a word and the comma, period, colon, semicolon, question or exclamation mark after it.",
    severity="minor",
    category="Fluency/Punctuation",
    fixable=True,
    doc="""
## What it checks
A space or tab between a word (or closing bracket or quote) and the punctuation mark
that follows it: `officials .`, `strategies ,`.  An ellipsis (` ...`) is left alone.

## Why it matters
Machine translation and text extraction leave detached punctuation behind; in
English typography the mark sits against the word.

## Example
    ...senior defense and diplomatic officials .

## Preferred
    ...senior defense and diplomatic officials.
""",
    examples=(
        Example("They met senior officials . Then they left.", ("PUNC001",), flagged=" ."),
        Example("They met senior officials. Then they left... Did they? Yes: they did; gladly!"),
    ),
)

PUNCT_RUN = rule(
    code="PUNC002",
    name="punctuation-run",
    family="punctuation",
    summary="Doubled or clashing punctuation marks such as ',,', '..', ', .' or '. ,'.",
    severity="minor",
    category="Fluency/Punctuation",
    fixable=True,
    doc="""
## What it checks
Two punctuation marks where one belongs: a doubled comma, semicolon, colon,
question or exclamation mark (`,,`, `!!`), exactly two periods (`..`, not an
ellipsis), or a period or comma followed by another clause mark (`. ,`, `,.`).
Abbreviation periods (`U.S.,`, `etc.,`) are not flagged.

## Why it matters
Clashing marks are a typical trace of machine translation joining or splitting
sentences; readers stumble on them.

## Example
    ...capability development and interoperability. , Acquisition and maintenance areas.

## Preferred
    ...capability development and interoperability, acquisition and maintenance areas.
""",
    examples=(
        Example("It covers development and interoperability. , Acquisition areas.", ("PUNC002",), flagged=". ,"),
        Example("Really,, no.", ("PUNC002",), flagged=",,"),
        Example("The U.S., the ROK, etc., agreed... Really? Yes; the U.S. did."),
    ),
)

# word char, closing bracket or quote; then horizontal space; then the mark; then space/end/quote
_SPACE_BEFORE = lazy_re(r"(?<=[\w)\]\"'”’])([ \t\u00a0]+)([,.;:!?])(?=\s|$|[\"'”’)\]])(?!\.\.)")
_RUNS = lazy_re(
    r"(?<![.\w])\.\.(?!\.)"  # exactly two periods after a non-word (".." not part of "...")
    r"|(?<=\w)\.\.(?!\.)"  # "word.." (not an ellipsis)
    r"|([,;:!?])\1+"  # ",,", "!!", "??"
    r"|[,;:][ \t]*\.(?!\.)"  # ",." ", ."
    r"|[.!?;:,][ \t]+[,;:](?=\s|$)"  # ". ," "; ,"
)
# Fast prefilters (a scan for one mark runs at C speed; the full patterns above start
# with lookbehinds, which defeat the regex engine's prefix scan):
# every _SPACE_BEFORE match ends a run of spaces with a mark ...
_MARK_AFTER_SPACE = lazy_re(r"[,.;:!?](?<=[ \t\u00a0][,.;:!?])")
# ... and every _RUNS match starts with a mark followed, after optional blanks, by another.
_MARK_PAIR = lazy_re(r"[.,;:!?](?=[ \t]*[.,;:!?])")


def _space_before(text: str):
    """The matches of ``_SPACE_BEFORE.finditer(text)``, visiting only marks after a space."""
    last = 0
    for c in _MARK_AFTER_SPACE.finditer(text):
        q = c.start()
        p = q - 1
        while p > 0 and text[p - 1] in " \t\u00a0":
            p -= 1
        if p < last:
            continue
        m = _SPACE_BEFORE.match(text, p)
        if m:
            last = m.end()
            yield m


def _runs(text: str):
    """The matches of ``_RUNS.finditer(text)``, visiting only marks followed by another mark."""
    last = 0
    for c in _MARK_PAIR.finditer(text):
        p = c.start()
        if p < last:
            continue
        m = _RUNS.match(text, p)
        if m:
            last = m.end()
            yield m


@checker("punctuation", [SPACE_BEFORE, PUNCT_RUN])
def check_punctuation(doc, ctx):
    text = doc.text
    for m in _space_before(text):
        mark = m.group(2)
        # " ." followed by a digit is a decimal (" .5"), handled by lookahead; skip list markers like "1 ."
        before = text[max(0, m.start() - 1)]
        if mark == "." and before.isdigit() and (m.start() < 2 or not text[m.start() - 2].isalnum()):
            continue
        yield make_finding(
            SPACE_BEFORE, doc, m.start(), m.end(),
            f"Remove the space before '{mark}'.", suggestion=mark, confidence=0.95,
        )
    for m in _runs(text):
        span = m.group(0)
        keep = span.strip()[0]
        if keep == "." and span.startswith(".") and _abbreviation_before(text, m.start()):
            continue
        yield make_finding(
            PUNCT_RUN, doc, m.start(), m.end(),
            f"'{span}' has one punctuation mark too many.", suggestion=keep, confidence=0.9,
        )


_ABBR = lazy_re(r"(?:\b[A-Za-z]\.)+$|\b(?:etc|Inc|Ltd|Co|Corp|Jr|Sr|No|vs|e\.g|i\.e|a\.m|p\.m)$")


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the period at ``dot`` the end of an abbreviation such as 'U.S.' or 'etc.'?"""
    head = text[max(0, dot - 12): dot + 1]
    return bool(_ABBR.search(head[:-1] + "." if head.endswith(".") else head)) and not head.endswith("..")
