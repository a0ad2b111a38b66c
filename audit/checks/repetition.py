"""Repetition family: a word or a phrase written twice in a row, and "X and X" tautologies.

Everything works on word tokens inside one paragraph: two tokens are adjacent
when only whitespace (at most one line break) separates them, so punctuation
("Thank you, thank you") always breaks a repetition.  Comparison ignores case.
Clause-level near-repeats ("to enhance X capabilities to improve X
capabilities") belong to the garble family, not here.
"""
from __future__ import annotations

import bisect
import re
from itertools import compress, count, islice
from operator import eq

from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

#: legitimate doubles ("had had", "that that", place names, interjections).
#: Extend per project with ``[tool.audit.options.repetition] allow = [...]``.
ALLOWED_DOUBLES = frozenset({
    "had", "that", "is", "her",  # "she had had enough", "he said that that was", "what it is is", "gave her her passport"
    "bye", "night", "knock", "chop", "tut", "ha", "bang", "boo", "hush", "there",  # interjections / baby talk
    "walla", "bora", "pago", "baden", "sing", "dum", "mahi", "baba", "cous", "tsetse", "aye",  # names, borrowings
})

#: words that legitimately frame themselves with "and"/"or" ("over and over", "time and time again").
IDIOMATIC_COORDINATION = frozenset({
    "again", "over", "on", "round", "around", "through", "out", "up", "down", "in", "off", "by",
    "time", "neck", "more", "less", "fewer", "far", "back", "ever", "so", "such", "this", "that",
    "here", "there", "now", "then", "day", "year", "week", "mile", "step",
})

_FREE_RELATIVE = frozenset({"whatever", "whoever", "whichever", "wherever", "whenever", "however"})

REPEATED_WORD = rule(
    code="REP001",
    name="repeated-word",
    family="repetition",
    summary="The same word twice in a row ('the the', 'In-choul In-choul'), also across a line break.",
    severity="minor",
    category="Fluency/Grammar",
    fixable=True,
    doc="""
## What it checks
A word immediately followed by the same word, ignoring case, with only
whitespace (at most one line break) between them: `the the`, `The the`,
`In-choul In-choul`.  A run of three or more is one finding.  Numbers are never
flagged (lists and tables repeat them), and a small allowlist of legitimate
doubles is skipped: `had had`, `that that`, `is is`, `her her` ("gave her her
passport"), `bye bye`, `night night`,
place names such as `Walla Walla`, `Bora Bora`, `Pago Pago`, `Sing Sing`; so is
a verb doubled after a free relative (`whatever happens happens`).
A doubled capitalised word (a name such as `Xu Xu`) is reported with lower
confidence, because some personal names really are doubled.  Layout is not
prose: Markdown code (fenced blocks, `inline code`), words separated by more
than three spaces (table columns), a line break followed by an indent, a
capitalised heading alone on its line, and `threshold THRESHOLD`-style
metavariables are skipped.

## Why it matters
Doubled words are a common trace of machine translation, of merged segments
and of editing; a reader notices them at once.

## Example
    Vice Minister Kim In-choul In-choul met the the delegation.

## Preferred
    Vice Minister Kim In-choul met the delegation.

## Options
`[tool.audit.options.repetition] allow = ["word", ...]` adds words to the
allowlist (case-insensitive).
""",
    examples=(
        Example("Vice Minister Kim In-choul In-choul met the the delegation.", ("REP001",), flagged="In-choul In-choul"),
        Example("They reviewed the\nthe plan.", ("REP001",), flagged="the\nthe"),
        Example("She had had enough; he said that that was fine. Rows 1 1 2 3 and 10 10. Walla Walla is in Washington."),
    ),
)

REPEATED_PHRASE = rule(
    code="REP002",
    name="repeated-phrase",
    family="repetition",
    summary="A phrase of two to six words immediately repeated ('the Minister the Minister').",
    severity="minor",
    category="Fluency/Grammar",
    fixable=True,
    doc="""
## What it checks
A sequence of two to six words immediately followed by the same sequence,
ignoring case, with only whitespace between the copies: `the Minister the
Minister`, `and effective and effective`, `in the in the`.  Three or more
copies are one finding.  Phrases made only of numbers are skipped, and so are
idioms such as `over and over and over`.

## Why it matters
Machine translation sometimes emits a phrase twice when it loses its place in
the source sentence; the duplicate adds nothing and confuses the reader.

## Example
    The Minister the Minister reviewed the progress of the tasks.

## Preferred
    The Minister reviewed the progress of the tasks.
""",
    examples=(
        Example("The Minister the Minister reviewed the progress.", ("REP002",), flagged="The Minister the Minister"),
        Example("The Minister and the Secretary reviewed the progress. Thank you, thank you. It went on and on and on."),
    ),
)

COORDINATED_DUPLICATE = rule(
    code="REP003",
    name="coordinated-duplicate",
    family="repetition",
    summary="The same word on both sides of 'and'/'or' ('more effective and effective').",
    severity="minor",
    category="Style/Awkward",
    doc="""
## What it checks
A word coordinated with itself: `effective and effective`, `safe or safe`.
Machine translation produces this when two different source words
("efficient and effective") collapse into one English word.  Idiomatic
intensifiers are not flagged: comparatives (`more and more`, `better and
better`), plurals of extent (`years and years`), and fixed phrases (`over and
over`, `time and time again`, `on and on`, `through and through`, `by and by`),
`may or may not`, and capitalised names (`Johnson and Johnson`).
A repeated phrase that REP002 already reports is left to REP002.

## Why it matters
The sentence says one thing twice and has usually lost one of the two
meanings of the original.

## Example
    ...to coordinate the more effective and effective joint use of facilities...

## Preferred
    ...to coordinate the more efficient and effective joint use of facilities...
""",
    examples=(
        Example("They sought the more effective and effective use of airspace.", ("REP003",), flagged="effective and effective"),
        Example("Prices rose more and more; it got better and better, over and over, for years and years. Safe and effective."),
    ),
)

# a word: letters/digits/underscores with inner hyphens or apostrophes ("In-choul", "don't", "stmt_list")
_WORD = lazy_re(r"\w+(?:[-'’]\w+)*")
# what may separate two adjacent tokens of a repetition: 1-3 spaces, or one line break.
# Wider gaps are layout (table columns, CLI help); a line break followed by an indent
# (a tab or 3+ spaces) is layout too (code, tables, verse), not wrapped prose.
_NON_ASCII = lazy_re(r"[^\x00-\x7f]")
_GAP = lazy_re(r"[ \t\u00a0]{1,3}|[ \t\u00a0]{0,3}(?:\r\n|\r|\n)[ \u00a0]{0,2}")
_MARKUP = lazy_re(r"[\s#*_`>|=~:.\-]*")


_FENCE = lazy_re(
    r"^[ \t]*(```|~~~)(?![`~])[ \t]*[\w+.-]*[ \t]*\r?\n.*?^[ \t]*\1[ \t]*$"  # a closed fenced block
    r"|(?<!`)`[^`\r\n]+`(?!`)",  # `inline code` (not RST ``literal`` pairs)
    re.M | re.S,
)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Markdown code: fenced blocks and `inline code` (quoted code repeats words on purpose)."""
    if "`" not in text and "~~~" not in text:
        return []
    return [m.span() for m in _FENCE.finditer(text)]


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of the sorted, non-overlapping ``spans``?"""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _numeric(key: str) -> bool:
    return any(c.isdigit() for c in key)


def _allowed(ctx) -> frozenset[str]:
    extra = ctx.option("repetition", "allow", ()) or ()
    if isinstance(extra, str):
        extra = [extra]
    return ALLOWED_DOUBLES | {str(w).casefold() for w in extra}


@checker("repetition", [REPEATED_WORD, REPEATED_PHRASE, COORDINATED_DUPLICATE])
def check_repetition(doc, ctx):
    text = doc.text
    allowed = _allowed(ctx)
    code = code_spans(text)
    for para in doc.paragraphs:
        yield from _Para(doc, text, para, code).findings(allowed)


def _equal_at(keys: list[str], d: int) -> list[int]:
    """Indexes i with keys[i] == keys[i + d] (computed at C speed)."""
    return list(compress(count(), map(eq, keys, islice(keys, d, None))))


class _Para:
    """The word tokens of one paragraph as parallel lists; adjacency computed lazily.

    Only positions where a key recurs within six tokens can start a finding, so the
    rules visit those candidates instead of every token.
    """

    __slots__ = ("doc", "text", "para", "S", "E", "K", "A", "n")

    def __init__(self, doc, text: str, para, code: list[tuple[int, int]]):
        self.doc, self.text, self.para = doc, text, para
        ptext = para.text
        if not code and ptext.isascii():  # casefold == lower and keeps offsets for ASCII
            self.K = _WORD.findall(ptext.lower())
            self.S = self.E = None  # offsets only when a candidate needs them
        elif not code and all(c.casefold() == c for c in set(_NON_ASCII.findall(ptext))):
            # only ASCII letters change case (’, —, é...): the folded paragraph has the same tokens
            self.K = _WORD.findall(ptext.casefold())
            self.S = self.E = None
        else:
            spans = [m.span() for m in _WORD.finditer(text, para.start, para.end)]
            if code:
                spans = [sp for sp in spans if not in_spans(code, sp[0])]
            self._set_spans(spans)
            self.K = [text[s:e].casefold() for s, e in spans]
        self.n = len(self.K)
        self.A: list = [None] * self.n

    def _set_spans(self, spans) -> None:
        self.S = [s for s, _ in spans]
        self.E = [e for _, e in spans]

    def _ensure_spans(self) -> None:
        if self.S is None:
            p = self.para
            self._set_spans([m.span() for m in _WORD.finditer(self.text, p.start, p.end)])

    def adj(self, k: int) -> bool:
        """Are tokens k and k+1 adjacent (only a short whitespace gap between them)?"""
        v = self.A[k]
        if v is None:
            s, e = self.E[k], self.S[k + 1]
            v = self.A[k] = e > s and _GAP.fullmatch(self.text, s, e) is not None
        return v

    def adj_run(self, i: int, links: int) -> bool:
        """Are the ``links`` links starting at token i all adjacent?"""
        adj = self.adj
        return all(adj(k) for k in range(i, i + links))

    def word(self, i: int) -> str:
        return self.text[self.S[i]:self.E[i]]

    def findings(self, allowed):
        if self.n < 2:
            return
        K, nt = self.K, self.n
        eq1 = _equal_at(K, 1)
        eq2 = _equal_at(K, 2)
        # a phrase can only start where its n words come again right after it
        cands = set()
        for d in range(2, 7):
            if 2 * d > nt:
                break  # no room for the phrase twice
            for i in (eq2 if d == 2 else _equal_at(K, d)):
                if i + 2 * d <= nt and K[i:i + d] == K[i + d:i + 2 * d]:
                    cands.add(i)
        coord = [i for i in eq2 if K[i + 1] in ("and", "or")]
        if not (eq1 or cands or coord):
            return
        self._ensure_spans()
        if eq1:
            yield from self._repeated_words(eq1, allowed)
        taken: list[tuple[int, int]] = []
        if cands:
            for span, f in self._repeated_phrases(sorted(cands)):
                taken.append(span)
                yield f
        if coord:
            yield from self._coordinated(coord, taken)

    def _repeated_words(self, eq1, allowed):
        K, S, E, text, nt, adj = self.K, self.S, self.E, self.text, self.n, self.adj
        i = 0
        for c in eq1:
            if c < i:
                continue
            i = c
            key = K[i]
            j = i
            while j < nt - 1 and adj(j) and K[j + 1] == key:
                j += 1
            if j == i:
                i += 1
                continue
            free_relative = i > 0 and K[i - 1] in _FREE_RELATIVE and adj(i - 1)  # "whatever happens happens"
            if not _numeric(key) and key not in allowed and not free_relative \
                    and not _layout_double(text, S[i], E[i], S[i + 1], E[i + 1]):
                t_text, nxt = self.word(i), self.word(i + 1)
                # capitalised name-like doubles ("Xu Xu") may be real names
                name_like = t_text[:1].isupper() and nxt[:1].isupper() and not t_text.isupper()
                times = j - i + 1
                msg = f"'{t_text}' is written {'twice' if times == 2 else f'{times} times'} in a row; keep one."
                if name_like:
                    msg = f"'{t_text}' is written {'twice' if times == 2 else f'{times} times'} in a row; keep one unless the name really is doubled."
                yield make_finding(
                    REPEATED_WORD, self.doc, S[i], E[j], msg,
                    suggestion=t_text, confidence=0.7 if name_like else 0.95,
                )
            i = j

    def _same(self, i: int) -> int:
        """How many identical keys start at token i (a REP001 run, not a phrase)."""
        K, nt = self.K, self.n
        k = i
        while k + 1 < nt and K[k + 1] == K[i]:
            k += 1
        return k - i + 1

    def _repeated_phrases(self, cands):
        """Yield (span, finding) for n-grams (2..6 words) immediately repeated."""
        K, S, E, nt = self.K, self.S, self.E, self.n
        i = 0
        for c in cands:
            if c < i:
                continue
            if c >= nt - 3:
                break
            i = c
            if K[i] == K[i + 1]:
                same = self._same(i)
                if same > 12:  # deep inside a run of one word: no phrase can start here
                    i += same - 12
                    continue
            hit = None
            for n in range(2, 7):
                if i + 2 * n > nt:
                    break
                if K[i] != K[i + n] or K[i:i + n] != K[i + n:i + 2 * n]:
                    continue
                if not self.adj_run(i, 2 * n - 1):
                    break  # longer phrases need an even longer chain
                first = K[i:i + n]
                if len(set(first)) == 1 or all(_numeric(k) for k in first) or _idiom_run(K, i, n):
                    continue
                copies = 2
                while i + (copies + 1) * n <= nt and K[i + copies * n:i + (copies + 1) * n] == first \
                        and self.adj_run(i, (copies + 1) * n - 1):
                    copies += 1
                hit = (n, copies)
                break
            if hit is None:
                i += 1
                continue
            n, copies = hit
            start, end = S[i], E[i + copies * n - 1]
            phrase = self.text[S[i]:E[i + n - 1]]
            f = make_finding(
                REPEATED_PHRASE, self.doc, start, end,
                f"The phrase '{phrase}' is written {'twice' if copies == 2 else f'{copies} times'} in a row; keep one.",
                suggestion=phrase, confidence=0.9,
            )
            yield (start, end), f
            i += copies * n

    def _coordinated(self, coord, taken):
        K, S, E, nt, adj = self.K, self.S, self.E, self.n, self.adj
        for i in coord:
            if K[i + 1] not in ("and", "or") or not (adj(i) and adj(i + 1)):
                continue
            key = K[i]
            if _idiomatic(key) or len(key) < 3 or self.text[S[i]:S[i] + 1].isupper():
                continue
            if i + 3 < nt and adj(i + 2) and K[i + 3] == "not":
                continue  # "may or may not", "is or is not"
            a_start, b_end = S[i], E[i + 2]
            if any(s <= a_start and b_end <= e for s, e in taken):
                continue
            yield make_finding(
                COORDINATED_DUPLICATE, self.doc, a_start, b_end,
                f"'{self.word(i)}' is coordinated with itself ('{self.word(i + 1)}'); one of the two words was probably meant to differ.",
                suggestion=None, confidence=0.75,
            )


def _layout_double(text: str, a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Not a typo: 'threshold THRESHOLD' (a metavariable), or a one-word line such as a
    heading or label ('Scorers' above 'Scorers in RapidFuzz...')."""
    a, b = text[a_start:a_end], text[b_start:b_end]
    if len(a) > 1 and len(b) > 1 and (
        (a.isupper() and b.islower()) or (a.islower() and b.isupper())
    ):
        return True
    gap = text[a_end:b_start]
    if "\n" in gap or "\r" in gap:
        line_start = max(text.rfind("\n", 0, a_start), text.rfind("\r", 0, a_start)) + 1
        if _MARKUP.fullmatch(text[line_start:a_start]) and not a.islower():
            return True  # a heading or label alone on its line ("the" alone is still a typo)
    return False


def _idiom_run(keys, i, n) -> bool:
    """'over and over and over': a word framing itself with 'and'/'or'."""
    if n != 2:
        return False
    a, b = keys[i], keys[i + 1]
    return (b in ("and", "or") and _idiomatic(a)) or (a in ("and", "or") and _idiomatic(b))


def _idiomatic(key: str) -> bool:
    if key in IDIOMATIC_COORDINATION or _numeric(key):
        return True
    # comparatives ("better and better", "closer and closer") and plurals of extent ("years and years")
    if len(key) > 4 and key.endswith("er"):
        return True
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        return True
    return False
