"""Garbled-text family: traces of machine translation that break English sentences.

Every rule here is general (no glossary) and conservative: each one has a narrow
trigger plus exceptions for the legitimate constructions it resembles, and its rate
of findings on clean edited prose is measured by ``benchmarks/false_alarms.py``.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import compress, count, filterfalse
from typing import Iterator

from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

FAMILY = "garble"

FRAGMENT = rule(
    code="GARB001",
    name="sentence-fragment",
    family=FAMILY,
    summary="A short verbless sentence left after a full sentence ('Important role.').",
    severity="minor",
    category="Fluency/Grammar",
    doc="""
## What it checks
A sentence of at most four words with no verb, that follows a full sentence in the
same paragraph: `...promoting peace and stability in Northeast Asia. Important role.`
It also reports a sentence that is only a purpose clause with no comma and no finite
verb, `In order to maintain our strong combat readiness.`, `To ensure timely return
to base.`  A word counts as a verb when it is a closed-class verb
(is, are, has, will, can, said...) or ends in -ed/-ing; quotations, list items,
headings (first sentence of a paragraph), lines of their own (list items) and answers after a colon or a question are
left alone.

## Why it matters
Machine translation cuts a long source sentence and leaves its tail as a fragment;
the meaning of the tail is lost or misattached.

## Example
    ...will continue to play a role in preventing armed conflicts. Important role.

## Preferred
    ...will continue to play an important role in preventing armed conflicts.
""",
    examples=(
        Example("The alliance will keep a strong posture. Joint defensive posture. The leaders agreed.",
                ("GARB001",), flagged="Joint defensive posture."),
        Example("Both sides approved the new plan. In order to maintain our strong readiness.", ("GARB001",),
                flagged="In order to maintain our strong readiness."),
        Example("Both sides approved the plan. They met again. \"Not at all.\" Why? No comment. Talks resumed."),
    ),
)

CAPITAL = rule(
    code="GARB002",
    name="capital-mid-sentence",
    family=FAMILY,
    summary="A capitalized pronoun or determiner starts a new clause in the middle of a sentence.",
    severity="minor",
    category="Fluency/Grammar",
    doc="""
## What it checks
A lower-case word directly followed by a capitalized determiner or pronoun (`The`,
`This`, `They`, `It`, `We`...) and then a lower-case word, with no punctuation in
between: `the two countries The leaders are committed`.  Titles and names such as
`in The Hague` or `read The Times` (a capitalized word after `The`) are not reported,
nor is anything after a preposition or a verb of naming (called, titled...).

## Why it matters
Two sentences were glued together, or a sentence was cut and re-joined; the reader
cannot tell where the clause begins.

## Example
    In this context, the two countries The leaders are committed to...

## Preferred
    In this context, the leaders of the two countries are committed to...
""",
    examples=(
        Example("In this context, the two countries The leaders are committed to cooperation.",
                ("GARB002",), flagged="The"),
        Example("The court in The Hague ruled, and he reads The Times daily. They agreed."),
    ),
)

DASH = rule(
    code="GARB003",
    name="hyphen-for-dash",
    family=FAMILY,
    summary="A hyphen joins two words where a dash (or a space) belongs: 'way-the key', 'alliance-it reflects'.",
    severity="minor",
    category="Fluency/Punctuation",
    fixable=True,
    doc="""
## What it checks
A hyphen between a word and a following pronoun, article, conjunction or clause
opener (`the`, `it`, `this`, `which`, `including`, `and`...), which cannot form an
English compound: `future-oriented way-the key`, `the alliance-it reflects`,
`consultations-including defense talks`.  Real compounds with particles
(`built-in`, `lean-to`, `stand-by`), multi-hyphen compounds (`state-of-the-art`,
`rock-and-roll`) and `Post-it` are left alone.

## Why it matters
Text extraction and machine translation turn dashes into hyphens; the sentence then
reads as a nonsense compound word.

## Example
    ...in a mutually reinforcing and future-oriented way-the key to peace...

## Preferred
    ...in a mutually reinforcing and future-oriented way—the key to peace...
""",
    examples=(
        Example("They will develop the alliance in a future-oriented way-the key to peace.", ("GARB003",),
                flagged="-"),
        Example("A state-of-the-art, built-in, well-to-do, day-to-day, face-to-face stand-off with a Post-it."),
    ),
)

REPEAT = rule(
    code="GARB004",
    name="repeated-clause",
    family=FAMILY,
    summary="A clause repeats itself with a different verb: 'to enhance X capabilities to improve X capabilities'.",
    severity="minor",
    category="Accuracy/Addition",
    doc="""
## What it checks
The same group of two or more words (with at least one content word) appearing twice
in one sentence, the second time at most two words after the first ends:
`to enhance the alliance's CWMD capabilities to improve CWMD capabilities`.  The
second occurrence with the words before it is reported.  Fixed idioms built from a
single repeated word (`step by step`, `more and more`) are not affected.

## Why it matters
Machine translation renders one source clause twice, with two synonyms; the
sentence reads as garbled and suggests two different actions.

## Example
    ...to enhance the alliance's CWMD capabilities to improve CWMD capabilities.

## Preferred
    ...to enhance the alliance's CWMD capabilities.
""",
    examples=(
        Example("They will cooperate to enhance CWMD capabilities to improve CWMD capabilities.", ("GARB004",),
                flagged="to improve CWMD capabilities"),
        Example("Step by step, more and more weapons of mass destruction were found; the weapons of war stayed."),
    ),
)

DATES = rule(
    code="GARB005",
    name="contradictory-year",
    family=FAMILY,
    summary="One reference carries two different years: '2005 The Joint Statement ... in 2016'.",
    severity="major",
    category="Accuracy/Mistranslation",
    doc="""
## What it checks
A year, then the name of a document, event or agreement (capitalized words), then
`in`/`of` and a different year, where the first year is glued to the name (`2005 The
Joint Statement of the Six-Party Talks in 2016`) or stands after a conjunction or
comma instead of an article.  Attributive years after an article (`a 1999 Mercedes in
2002`) are left alone.

## Why it matters
A reference with two dates is wrong at least once; the reader cannot tell which
document is meant.

## Example
    ...and 2005 The Joint Statement of the Six-Party Talks in 2016 is essential...

## Preferred
    ...and the 2005 Joint Statement of the Six-Party Talks, is essential...
""",
    examples=(
        Example("They cited the accords and 2005 The Joint Statement of the Six-Party Talks in 2016 as essential.",
                ("GARB005",), flagged="2005 The Joint Statement of the Six-Party Talks in 2016"),
        Example("He drove a 1999 Mercedes Benz in 2002, and the 2018 Panmunjom Declaration of 2018 stands."),
    ),
)

ALL_RULES = (FRAGMENT, CAPITAL, DASH, REPEAT, DATES)

# -- closed word classes ---------------------------------------------------------------

FUNCTION = frozenset("""
a an the this that these those of and or but nor for to in on at by with from into onto upon over under
as than then so such its it their our your his her my we they he she you i me us them him who whom whose
which what when where while if not no all any each both either neither some more most very also only
""".split())

VERBS = frozenset("""
is are was were be been being am isn't aren't wasn't weren't 's 're 'm
has have had having hasn't haven't hadn't 've 'd
do does did done doing don't doesn't didn't
will would shall should can could may might must won't wouldn't can't cannot couldn't shouldn't
say says said tell tells told go goes went gone get gets got make makes made take takes took
see sees saw seen come comes came give gives gave know knows knew think thinks thought
let lets keep keeps kept put puts remain remains stand stands lead leads led meet meets met
thank thanks please agree agrees need needs want wants seem seems feel feels felt find finds found
become becomes became begin begins began hold holds held run runs ran win wins won lose loses lost
speak speaks spoke spoken write writes wrote written bring brings brought buy buys bought build builds built
send sends sent spend spends spent leave leaves left feel felt hear hears heard mean means meant pay pays paid
sell sells sold sit sits sat stood fall falls fell fallen fly flies flew flown grow grows grew grown
draw draws drew drawn drive drives drove driven rise rises rose risen choose chooses chose chosen
break breaks broke broken forget forgets forgot forgotten show shows showed shown throw throws threw thrown
teach teaches taught catch catches caught fight fights fought seek seeks sought strike strikes struck
swear swears swore sworn wear wears wore worn undertake undertakes undertook undertaken
withdraw withdraws withdrew withdrawn understand understands understood set sets cut cuts hit hits
bind binds bound bend bends bent bite bites bit bitten blow blows blew blown breed bred burst bursts cast casts
deal deals dealt dig digs dug feed feeds fed flee flees fled forbid forbade forbidden forgive forgave forgiven
freeze froze frozen hang hangs hung hide hides hid hidden hurt hurts lay lays laid lend lends lent lie lies lay
light lights lit quit quits ride rides rode ridden ring rings rang rung shake shakes shook shaken shine shone
shoot shoots shot shut shuts sing sings sang sung sink sinks sank sunk slide slid spin spun spread spreads
steal steals stole stolen stick sticks stuck sting stung sweep sweeps swept swing swung tear tears tore torn
wake wakes woke woken weep wept wind winds wound overcome overcame overtake overtook overseen oversaw foresaw
""".split())

_PRONOUN_START = frozenset("i we you he she they it there this that these those who".split())

ABBREVIATIONS = frozenset("""
mr mrs ms dr st jr sr gen lt col capt maj sgt adm cmdr sen rep gov pres prof rev hon
no nos vol fig inc ltd co corp dept est approx vs etc al jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

_SENT_END = lazy_re(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")
_TOKEN = lazy_re(r"[A-Za-z0-9][A-Za-z0-9'’&.-]*[A-Za-z0-9]|[A-Za-z0-9]")


_ABBR_WORD = lazy_re(r"([A-Za-z.]+)\.$")
_INITIALS = lazy_re(r"(?:[a-z]\.)*[a-z]")


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (one paragraph), abbreviation-aware."""
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        if m.group(0).startswith(".") and len(m.group(0).rstrip("\"'”’)]")) == 1:
            word = _ABBR_WORD.search(text, max(start, m.start() - 12), m.start() + 1)
            if word:
                w = word.group(1).lower()
                if w in ABBREVIATIONS or _INITIALS.fullmatch(w):
                    continue  # Mr. / U.S. / J. Smith
            nxt = text[m.end(): m.end() + 3].lstrip()
            if nxt[:1].islower():
                continue
        s = pos
        while s < m.end() and text[s].isspace():
            s += 1
        if s < m.end():
            yield s, m.end()
        pos = m.end()
    s = pos
    while s < end and text[s].isspace():
        s += 1
    if s < end:
        yield s, end


def _words(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence)


def _has_verb(words: list[str]) -> bool:
    for w in words:
        lw = w.lower().replace("’", "'")
        if lw in VERBS or lw.endswith(("n't", "'s", "'re", "'ll", "'ve", "'d")):
            return True
        if len(lw) > 4 and (lw.endswith("ed") or lw.endswith("ing")):
            return True
    return False


_QUOTE = lazy_re("[\"“”]")


def _quoted(text: str, s: int, e: int) -> bool:
    return _QUOTE.search(text, s, e) is not None or text[max(0, s - 1):s] in ("'", "‘", "\"", "“")


# -- GARB001 ---------------------------------------------------------------------------


def _sentence_spans(doc) -> list[list[tuple[int, int]]]:
    """Sentence spans of every paragraph (computed once, shared by GARB001 and GARB004)."""
    text = doc.text
    return [list(sentences(text, p.start, p.end)) for p in doc.paragraphs]


_PURPOSE = lazy_re(r"(?:In order (?:to|for)|So as to|To(?= [a-z]))\b")


def _fragments(doc, para_spans):
    text = doc.text
    for spans in para_spans:
        for k, (s, e) in enumerate(spans):
            if k == 0:
                continue  # heading or first sentence
            sent = text[s:e]
            # the cheap tests first (each one alone rules the sentence out)
            if not sent[:1].isupper() or not sent.rstrip("\"'”’)] ").endswith("."):
                continue
            prev = text[spans[k - 1][0]:spans[k - 1][1]]
            if prev.rstrip("\"'”’)] ").endswith(("?", ":", "!")) or _quoted(text, s, e) or _quoted(text, *spans[k - 1]):
                continue
            if "\n" in text[spans[k - 1][1]:s]:
                continue  # a line of its own: a list item or a heading
            words = _words(sent)
            if not (1 <= len(words) <= 4 or len(words) <= 25 and _PURPOSE.match(sent) and "," not in sent):
                continue  # neither a short fragment nor a purpose clause
            prev_words = _words(prev)
            if len(prev_words) < 4 or not _has_verb(prev_words) and len(prev_words) < 8:
                continue  # the sentence before must be a full sentence
            if 1 <= len(words) <= 4 and not _has_verb(words):
                if any(c.isdigit() for c in sent) or words[0].lower() in _PRONOUN_START:
                    continue
                if all(w[:1].isupper() for w in words) and len(words) > 1:
                    continue  # a name or title on its own ("Prime Minister John Howard.")
                if len(words) > 2 and words[0][:1].isupper() and words[1][:1].isupper() and words[2][:1].islower():
                    continue  # a named subject and a verb the word lists lack ("Secretary Austin concurred.")
                if words[0].lower() in ("yes", "no", "thanks", "sorry", "indeed", "exactly", "absolutely", "ok", "okay"):
                    continue
                yield make_finding(
                    FRAGMENT, doc, s, e,
                    f"'{sent}' has no verb: a fragment of the previous sentence?",
                    confidence=0.7,
                )
            elif len(words) <= 25 and _PURPOSE.match(sent) and "," not in sent:
                rest = [w.lower() for w in words[2 if sent.startswith("To ") else 3:]]
                if not any(w in VERBS and w not in ("keep", "make", "get", "put", "hold", "maintain") for w in rest) \
                        and not any(w in _PRONOUN_START - {"this", "that", "these", "those"} for w in rest):
                    yield make_finding(
                        FRAGMENT, doc, s, e,
                        "This purpose clause has no main clause: join it to the previous sentence.",
                        confidence=0.6,
                    )


# -- GARB002 ---------------------------------------------------------------------------

_CAP_CLAUSE = lazy_re(
    r"(?<![\w'’.-])([a-z][a-z'’]+)[ \t]+(The|This|These|Those|They|We|It|He|She|Its|Their|Our|There)[ \t]+([a-z][a-z'’-]*)\b"
)
_NAMING = frozenset("""
in of on at by for to from with into called named titled entitled dubbed nicknamed
newspaper magazine paper film movie book novel song album band show series program programme
read reads reading wrote writes written starring and or
see section sections chapter article part appendix annex heading headline episode column issue
""".split())


# the capitalised word of _CAP_CLAUSE: the engine skips to these capitals (much faster than
# trying _CAP_CLAUSE at every position); _CAP_CLAUSE is then matched from the word before it
_CAP_CUE = lazy_re(r"(?=[TWIHSO])(?<=[ \t])(?:The|This|These|Those|They|We|It|He|She|Its|Their|Our|There)[ \t]")
_LOWER_APOS = frozenset("abcdefghijklmnopqrstuvwxyz'’")


def _cap_clauses(text: str):
    """``_CAP_CLAUSE.finditer(text)``, found from the capitalised words."""
    floor = 0
    for cue in _CAP_CUE.finditer(text):
        j = cue.start()
        while j > floor and text[j - 1] in " \t":
            j -= 1
        k = j
        while k > floor and text[k - 1] in _LOWER_APOS:
            k -= 1
        if k == j:
            continue
        m = _CAP_CLAUSE.match(text, k)
        if m and m.start(2) == cue.start():
            floor = m.end()
            yield m


def _capitals(doc):
    text = doc.text
    for m in _cap_clauses(text):
        prev, cap, nxt = m.group(1), m.group(2), m.group(3)
        if prev.lower() in _NAMING or prev.lower() in FUNCTION:
            continue
        if _inside_quotes(text, m.start(2)):
            continue
        yield make_finding(
            CAPITAL, doc, m.start(2), m.end(2),
            f"'{cap}' starts a new clause in the middle of a sentence: a missing period or a garbled join.",
            suggestion=None, confidence=0.75,
        )


def _inside_quotes(text: str, pos: int) -> bool:
    ls = max(text.rfind("\n", 0, pos), text.rfind(".", 0, pos))
    chunk = text[ls + 1:pos]
    return chunk.count("\"") % 2 == 1 or chunk.count("“") > chunk.count("”")


# -- GARB003 ---------------------------------------------------------------------------

_RIGHT = frozenset("""
the it its this that these those which who whom whose including and but while where when
we they he she their our there such is are was were will would has have
""".split())
_LEFT_EXCEPTIONS = frozenset({"post", "must", "has", "what", "so", "say", "know", "be", "whatever", "come"})
# possessive quantifiers: a shorter left or right word could never match (its next character
# would be a letter), so the engine need not backtrack through every word of the text
_HYPHEN = lazy_re(r"(?<![\w-])([A-Za-z][A-Za-z'’]*+|\d{4})-([a-z]++)(?![\w-])")


_LEFT_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'’")
_HYPHEN_CUE = lazy_re(r"-[a-z]++")


def _hyphens(text: str):
    """``_HYPHEN.finditer(text)``, found from the hyphens instead of at every position."""
    floor = 0
    for cue in _HYPHEN_CUE.finditer(text):
        h = cue.start()
        if h < floor:
            continue
        k = h
        while k > floor and text[k - 1] in _LEFT_CHARS:
            k -= 1
        if k == h:
            continue
        m = _HYPHEN.search(text, k, min(len(text), cue.end() + 1))
        if m:
            floor = m.end()
            yield m


def _dashes(doc):
    text = doc.text
    for m in _hyphens(text):
        left, right = m.group(1), m.group(2)
        if right not in _RIGHT and not (left.isdigit() and right == "to"):
            continue
        if left.lower() in _LEFT_EXCEPTIONS or left.lower() in FUNCTION:
            continue
        if len(left) < 2:
            continue
        hy = m.start(2) - 1
        yield make_finding(
            DASH, doc, hy, hy + 1,
            f"'{left}-{right}' is not a compound: the hyphen stands for a dash or a space.",
            suggestion="—", confidence=0.8,
        )


# -- GARB004 ---------------------------------------------------------------------------

_WORD_SPANS = lazy_re(r"[A-Za-z0-9][A-Za-z0-9'’&-]*")


def _lower_words(text: str, s: int, e: int) -> list[str]:
    # tokens are ASCII letters, digits and '’&-: lower-casing them joined equals lower-casing each
    words = _WORD_SPANS.findall(text, s, e)
    return "\x00".join(words).lower().replace("’", "'").split("\x00") if words else words


def _repeats(doc, para_spans):
    """'to V1 ... X Y to V2 X Y' or an immediate 'X Y X Y' (X Y with >= 2 content words)."""
    text = doc.text
    for spans in para_spans:
        for s, e in spans:
            words = _lower_words(text, s, e)
            content = list(filterfalse(FUNCTION.__contains__, words))
            if len(set(content)) == len(content):
                continue  # no content word comes back: nothing can repeat
            back = {w for w, c in Counter(content).items() if c > 1}  # content words seen twice
            # only positions whose word comes back 2..8 words later can start a repeat
            last: dict[str, int] = {}
            starts = set()
            for j in compress(count(), map(back.__contains__, words)):
                w = words[j]
                i0 = last.get(w)
                if i0 is not None and 2 <= j - i0 <= 8:
                    starts.update(range(max(0, i0 - 4), i0 + 1))
                last[w] = j
            if not starts:
                continue
            toks = _Spans(text, s, e)  # the words' offsets, found only if a repeat is tried
            floor = 0
            for i in sorted(starts):  # the other positions cannot start a repeat
                if i < floor:
                    continue
                hit = _repeat_at(text, toks, words, i)
                if hit is None:
                    continue
                start, end, k, j = hit
                yield make_finding(
                    REPEAT, doc, start, end,
                    f"'{text[toks[j][1]:toks[j + k - 1][2]]}' is repeated: the clause is rendered twice.",
                    confidence=0.75,
                )
                floor = j + k


class _Spans:
    """``[(word, start, end) for each _WORD_SPANS match in text[s:e]]``, scanned on first use."""

    __slots__ = ("_args", "_toks")

    def __init__(self, text: str, s: int, e: int):
        self._args, self._toks = (text, s, e), None

    def __getitem__(self, i):
        if self._toks is None:
            text, s, e = self._args
            self._toks = [(m.group(), m.start(), m.end()) for m in _WORD_SPANS.finditer(text, s, e)]
        return self._toks[i]


_BREAK = lazy_re(r"[,;:()\"“”—–.]")


def _repeat_at(text, toks, words, i):
    n = len(words)
    w0 = words[i]
    for d in range(2, min(9, n - i)):
        if words[i + d] != w0:
            continue
        for k in range(min(5, d), 1, -1):
            gap = d - k
            if gap not in (0, 2, 3):
                continue
            j = i + d
            if j + k > n or words[j:j + k] != words[i:i + k]:
                continue
            gram = words[i:i + k]
            if sum(w not in FUNCTION and not w.isdigit() for w in gram) < 2:
                continue
            if _BREAK.search(text, toks[i][1], toks[j + k - 1][2]):
                continue
            if gap == 0:
                return toks[j][1], toks[j + k - 1][2], k, j
            # 'to V2' between, and 'to V1' shortly before the first occurrence
            if words[i + k] != "to" or "to" not in words[max(0, i - 4):i]:
                continue
            return toks[i + k][1], toks[j + k - 1][2], k, j
    return None


# -- GARB005 ---------------------------------------------------------------------------

_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_CONTRA = lazy_re(  # (?=[12]): the engine skips to digits that can start a year
    r"(?=[12])(?<![\w-])(" + _YEAR + r")[ \t]+((?:[Tt]he[ \t]+)?(?:[A-Z][\w'’-]*(?:[ \t]+(?:of|the|on|for|and|de|in(?=[ \t]+[A-Z]))){0,2}[ \t]+){1,10})"
    r"(?:in|of|from)[ \t]+(" + _YEAR + r")(?![\w-])"
)
_ATTRIBUTIVE = lazy_re(r"(?:\b(?:a|an|the|his|her|their|its|our|my|your|this|that|each|every)|'s|’s)[ \t]+$", re.I)


def _years(doc):
    text = doc.text
    for m in _CONTRA.finditer(text):
        y1, name, y2 = m.group(1), m.group(2), m.group(3)
        if y1 == y2:
            continue
        glued = name.startswith("The ")
        before = text[max(0, m.start() - 20):m.start()]
        if not glued and (_ATTRIBUTIVE.search(before) or not re.search(r"(?:\band|\bor|,)[ \t]*$", before)):
            continue
        yield make_finding(
            DATES, doc, m.start(), m.end(),
            f"This reference carries two years, {y1} and {y2}: one of them is wrong or misplaced.",
            confidence=0.8,
        )


@checker(FAMILY, ALL_RULES)
def check_garble(doc, ctx):
    para_spans = _sentence_spans(doc)
    yield from _fragments(doc, para_spans)
    yield from _capitals(doc)
    yield from _dashes(doc)
    yield from _repeats(doc, para_spans)
    yield from _years(doc)
