"""Shared matching helpers for glossary checks: normalisation, tokens, derived
variants, one trie-shaped alternation regex per glossary, and the compiled
index of official forms that the terms/names/consistency checkers share.

Everything here is pure (no I/O, no globals mutated).  Indexes are built once
per glossary through ``Glossary.compiled(key, builder)``.

Normalisation rules (used everywhere in the glossary checks):

* Unicode NFKC, then ``casefold`` for keys;
* every dash or hyphen (``- ‐ ‑ ‒ – — ― −``) counts as a separator, like a space;
* the periods of abbreviations do not count (``U.S.`` == ``US``, ``D.C.`` == ``DC``);
* a trailing possessive ``'s`` / ``’s`` is not part of a name.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import itemgetter
from typing import Iterable, NamedTuple, Optional, Sequence

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
APOSTROPHES = "'\u2019\u02bc"
#: separator between two tokens of a name: whitespace and/or dashes (hyphen/space normalisation)
SEP = rf"[\s{re.escape(DASHES)}]+"

#: function words that never anchor a match on their own (lower-case in the official form)
STOPWORDS = frozenset(
    "a an and as at by de del der des di du en for from in into la le of on or per the to van von with y".split()
)
#: generational suffixes that may be dropped from a person's name
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
_SPACE_GAP = re.compile(rf"[\s{re.escape(DASHES)}]*")
_INITIAL_GAP = re.compile(rf"\.[\s{re.escape(DASHES)}]*")
_COMMA_GAP = re.compile(r",\s+")
_WORDS = re.compile(r"[^\W_]+")
_POSS = re.compile(rf"[{APOSTROPHES}]s(?!\w)", re.IGNORECASE)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # casefolded, without periods or apostrophes
    gap: str  # how it joins the previous token: 'start' | 'space' | 'hyphen' | 'comma' | 'break'
    poss: bool  # followed by a possessive 's
    cap: bool  # starts with an upper-case letter

    @property
    def lower(self) -> bool:
        return not self.cap


def fold(text: str) -> str:
    """NFKC + casefold + one apostrophe + one hyphen."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for d in DASHES[1:]:
        text = text.replace(d, "-")
    for a in APOSTROPHES[1:]:
        text = text.replace(a, "'")
    return text


@lru_cache(maxsize=65536)
def token_key(text: str) -> str:
    """A token's key: casefolded, without periods or apostrophes (memoised: pure, and the
    same words recur)."""
    if text.isascii():
        return text.lower().replace(".", "").replace("'", "")
    return fold(text).replace(".", "").replace("'", "")


_HYPHEN_RUN = re.compile(r"\s*-\s*")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def surface(text: str) -> str:
    """Case-preserving normal form: one dash, one space, no abbreviation periods or possessive."""
    text = unicodedata.normalize("NFKC", text)
    text = _POSS.sub("", text)
    for d in DASHES[1:]:
        text = text.replace(d, "-")
    text = _HYPHEN_RUN.sub("-", text)
    text = _SPACES.sub(" ", text).replace(".", "").replace(",", "")
    return text.strip()


#: the token regex as a splitter: [gap, word, gap, word, ..., gap]
_SPLIT = re.compile(f"({_TOKEN.pattern})")
_S = frozenset({"s", "S"})
_first = itemgetter(0)
_key = itemgetter(3)  # Token.key


@lru_cache(maxsize=4096)
def _gap_kind(g: str) -> str:
    """How a gap joins two tokens; 'initial' is 'space' after an initial ("J. Austin",
    "U.S. Army") and 'break' otherwise."""
    if g == " ":
        return "space"
    if _SPACE_GAP.fullmatch(g) and g.count("\n") < 2:
        return "hyphen" if any(c in DASHES for c in g) else "space"
    if _INITIAL_GAP.fullmatch(g):
        return "initial"
    if _COMMA_GAP.fullmatch(g):
        return "comma"
    return "break"


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Word tokens of ``text`` with offsets (``+ base``) and how each joins the previous one.

    ``U.S.`` and ``D.C.`` are one token each; ``In-choul`` is two tokens joined by
    a hyphen; a possessive ``'s`` is folded into the previous token (``poss``).

    Built column by column with C-level operations: one ``split`` gives the words and
    the gaps, offsets are running sums of their lengths, keys (memoised per word) and gap
    kinds (cached per gap string) are mapped over them.  Only possessives and gaps after
    a period are looked at one by one.
    ``tests/test_fast_paths.py`` checks it against the plain per-match loop.
    """
    parts = _SPLIT.split(text)
    if len(parts) == 1:
        return []
    words = parts[1::2]
    gaps = parts[0::2]  # gaps[i] comes before words[i]; the last one ends the text
    n = len(words)
    acc = list(accumulate(map(len, parts), initial=base))
    starts = acc[1::2]
    ends = acc[2::2]
    keys = list(map(token_key, words))  # memoised: words recur
    kinds = list(map(_gap_kind, gaps))
    kinds.pop()  # the gap after the last word
    kinds[0] = "start"
    caps = map(str.isupper, map(_first, words))
    poss = repeat(False)
    drop = None
    folds = list(compress(count(), map(_S.__contains__, words)))
    initials = list(compress(count(), map("initial".__eq__, kinds)))
    if folds or initials:
        poss = [False] * n
        drop = [False] * n
        for i in sorted(set(folds) | set(initials)):
            p = i - 1  # the last token kept before word i
            while p >= 0 and drop[p]:
                p -= 1
            if p < 0:
                continue  # not reached: the first word has neither a fold nor an initial gap
            g = gaps[i]
            # a possessive 's: an apostrophe right after the last token, then no letter
            if (words[i] == "s" or words[i] == "S") and g and g[-1] in APOSTROPHES \
                    and ends[p] == starts[i] - 1 and (gaps[i + 1] or i == n - 1):
                poss[p] = True
                drop[i] = True
            elif kinds[i] == "initial":
                w = words[p]
                kinds[i] = "space" if len(w) == 1 or w[-1] == "." else "break"
    out = list(map(tuple.__new__, repeat(Token), zip(starts, ends, words, keys, kinds, poss, caps)))
    if drop is not None and any(drop):
        out = [t for t, d in zip(out, drop) if not d]
    return out


@lru_cache(maxsize=2)
def tokens_of(text: str) -> tuple[Token, ...]:
    """``tokenize(text)`` as a tuple, memoised for the last two texts: every family that
    needs a document's tokens can call this and the document is tokenised once (a tuple,
    so that no caller can change what the others see)."""
    return tuple(tokenize(text))


def form_keys(form: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(form))


def squash(keys: Iterable[str]) -> str:
    return "".join(keys)


def joinable(tokens: Sequence[Token], i: int, j: int, allow_comma: bool = False) -> bool:
    """Are tokens[i:j] one run (only spaces/hyphens, or commas if allowed, between them)?"""
    ok = ("space", "hyphen", "comma") if allow_comma else ("space", "hyphen")
    return all(tokens[k].gap in ok for k in range(i + 1, j))


# --------------------------------------------------------------------------
# derived variants


def person_variants(name: str) -> list[str]:
    """Admitted derived forms of a person's name: without middle initials, without a
    generational suffix, and both ("Lloyd J. Austin III" -> "Lloyd Austin III",
    "Lloyd J. Austin", "Lloyd Austin")."""
    toks = tokenize(name)
    if len(toks) < 2:
        return []
    texts = [t.text for t in toks]
    gaps = [t.gap for t in toks]
    initials = {i for i, t in enumerate(toks) if 0 < i < len(toks) - 1 and len(t.key) == 1}
    suffix = {len(toks) - 1} if toks[-1].key in NAME_SUFFIXES and len(toks) > 2 else set()
    out = []
    for drop in (initials, suffix, initials | suffix):
        if not drop:
            continue
        keep = [i for i in range(len(toks)) if i not in drop]
        if len(keep) < 2:
            continue
        parts = [texts[keep[0]]]
        for i in keep[1:]:
            parts.append(("-" if gaps[i] == "hyphen" else " ") + texts[i])
        v = "".join(parts)
        if v != name and v not in out:
            out.append(v)
    return out


def person_short_forms(name: str) -> list[str]:
    """The short form of a person: the surname (last word, or the first word for a
    family-name-first name such as "Moon Jae-in").  Other short forms ("Suh" for
    "Suh Wook", whose given name has no hyphen) belong in the glossary's variants."""
    toks = [t for t in tokenize(name) if t.key not in NAME_SUFFIXES and len(t.key) > 1]
    if len(toks) < 2:
        return []
    out = []
    # family-name-first (East Asian convention): "Won In-choul", "Moon Jae-in"
    if toks[-1].gap == "hyphen" and len(toks) == 3 and not toks[-1].cap:
        out.append(toks[0].text)
    else:
        last = toks[-1]
        # "LaCamera", also a hyphenated surname "Smith-Jones"
        k = len(toks) - 1
        while k > 0 and toks[k].gap == "hyphen":
            k -= 1
        out.append(name[toks[k].start:last.end] if k < len(toks) - 1 else last.text)
    return [o for o in dict.fromkeys(out)]


def acronym_expanded(form: str, acronyms: dict[str, str]) -> Optional[str]:
    """``form`` with each token that is a known acronym replaced by its expansion
    ("Conditions-based OPCON Transition Plan" -> "... operational control Transition Plan")."""
    if not acronyms or not any(w in acronyms for w in _WORDS.findall(form)):
        return None
    toks = tokenize(form)
    if len(toks) < 2:
        return None
    changed = False
    out, pos = [], 0
    for t in toks:
        exp = acronyms.get(t.text)
        out.append(form[pos:t.start])
        if exp and t.text.isupper():
            out.append(exp)
            changed = True
        else:
            out.append(t.text)
        pos = t.end
    out.append(form[pos:])
    return "".join(out) if changed else None


# --------------------------------------------------------------------------
# one alternation regex per glossary (prh lesson), trie-shaped so that matching
# cost does not grow with the number of alternatives


_SEP_UNIT = "\x00sep"
_DOT_UNIT = "\x00dot"
_COMMA_UNIT = "\x00comma"
_APOS_UNIT = "\x00apos"
_UNIT_RE = {
    _SEP_UNIT: SEP,
    _DOT_UNIT: r"\.?",
    _COMMA_UNIT: r",?\s+",
    _APOS_UNIT: f"[{APOSTROPHES}]",
}


def _units(form: str) -> list[str]:
    """A form as regex units: folded characters, optional periods, normalised separators."""
    units: list[str] = []
    pos = 0
    text = unicodedata.normalize("NFKC", form)
    for m in re.finditer(r"[^\W_]+|\.", text):
        gap = text[pos:m.start()]
        if units and gap:
            if "," in gap:
                units.append(_COMMA_UNIT)
            elif any(c in APOSTROPHES for c in gap) and not gap.strip(APOSTROPHES):
                units.append(_APOS_UNIT)
            elif _SPACE_GAP.fullmatch(gap):
                units.append(_SEP_UNIT)
            else:
                units.extend(gap)
        word = m.group(0)
        if word == ".":
            if units and units[-1] != _DOT_UNIT:
                units.append(_DOT_UNIT)
        elif 2 <= len(word) <= 4 and word.isupper() and word.isalpha():
            for c in fold(word):  # "US" also matches "U.S."
                units.extend((c, _DOT_UNIT))
        else:
            units.extend(fold(word))
        pos = m.end()
    return units


def trie_regex(forms: Sequence[str]) -> str:
    """One alternation for ``forms``, factorised as a trie (longest alternatives first)."""
    root: dict = {}
    END = ""
    for f in forms:
        units = _units(f)
        if not units:
            continue
        node = root
        for u in units:
            node = node.setdefault(u, {})
        node[END] = True

    def emit(node: dict) -> str:
        end = END in node
        kids = [(u, n) for u, n in node.items() if u != END]
        if not kids:
            return ""
        # units that can match the empty string go first, then by descending subtree size
        kids.sort(key=lambda kv: (kv[0] != _DOT_UNIT, -len(kv[1])))
        alts = [(_UNIT_RE.get(u) or re.escape(u)) + emit(n) for u, n in kids]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    import sys

    limit = sys.getrecursionlimit()
    depth = 2 * max((len(_units(f)) for f in forms), default=0) + 100
    if depth > limit:
        sys.setrecursionlimit(depth)
    try:
        return emit(root)
    finally:
        if depth > limit:
            sys.setrecursionlimit(limit)


def compile_alternation(forms: Sequence[str]) -> Optional[re.Pattern]:
    """Word-bounded, case-insensitive regex for ``forms``; group ``suffix`` captures ``'s``/``s``."""
    forms = [f for f in forms if f.strip()]
    if not forms:
        return None
    body = trie_regex(forms)
    return re.compile(
        rf"(?<!\w)(?:{body})(?P<suffix>[{APOSTROPHES}]s|s)?(?!\w)",
        re.IGNORECASE,
    )


# --------------------------------------------------------------------------
# the compiled index of official forms


@dataclass(frozen=True, slots=True)  # slots: a 100k-entry glossary holds ~340k forms
class Form:
    """One admitted form of a glossary entry."""

    term_id: str
    official: str  # the entry's official form (or an acronym's expansion)
    text: str
    keys: tuple[str, ...]
    kind: str
    role: str  # official | variant | derived | expansion | short | title
    fuzzy: bool  # a target for near-miss matching
    caps: tuple[bool, ...] = ()  # which words start with a capital

    @property
    def n(self) -> int:
        return len(self.keys)


_FORM_FIELDS = ("term_id", "official", "text", "keys", "kind", "role", "fuzzy", "caps")


class FormList:
    """The index's forms, pickled by column and built back one :class:`Form` at a time.

    An index read from the glossary cache holds ~340k forms at 100k entries; rebuilding
    each one through the frozen dataclass's ``__init__`` while unpickling cost about
    two seconds of every run's load, and most forms are never looked at by a run.  So
    the pickle keeps eight columns (shared strings and key tuples, cheap to load) and
    ``forms[i]`` makes form ``i`` on first use (then keeps it).  Built in process, the
    list of forms is used as is.
    """

    __slots__ = ("objs", "cols")

    def __init__(self, forms: Iterable[Form] = ()):
        self.objs: list = list(forms)  # Form, or None where not made yet
        self.cols: Optional[tuple] = None  # the columns (an index read from the cache)

    def __len__(self) -> int:
        return len(self.objs)

    def __getitem__(self, i: int) -> Form:
        f = self.objs[i]
        if f is None:
            f = self.objs[i] = Form(*[c[i] for c in self.cols])
        return f

    def __iter__(self):
        return map(self.__getitem__, range(len(self.objs)))

    def __eq__(self, other) -> bool:
        return isinstance(other, FormList) and list(self) == list(other)

    def keys_at(self, i: int) -> tuple:
        """``self[i].keys`` without making the form."""
        f = self.objs[i]
        return f.keys if f is not None else self.cols[3][i]

    def __getstate__(self):
        if self.cols is not None:
            return self.cols
        return tuple([getattr(f, name) for f in self.objs] for name in _FORM_FIELDS)

    def __setstate__(self, cols):
        self.cols = cols
        self.objs = [None] * len(cols[0])


@dataclass(eq=False)  # one index per glossary, compared by identity (no generated __eq__ to import)
class OfficialIndex:
    forms: FormList = field(default_factory=FormList)
    exact: dict = field(default_factory=dict)  # keys tuple -> [form idx]
    prefixes: set = field(default_factory=set)  # every key-tuple prefix of an admitted form
    max_n: int = 0
    forbidden: dict = field(default_factory=dict)  # keys tuple -> [(term_id, wrong form, official)]
    anchors: "AnchorTable" = field(default_factory=lambda: AnchorTable())  # token key, n -> forms (all near-miss targets)
    person_anchors: "AnchorTable" = field(default_factory=lambda: AnchorTable())  # (persons)
    other_anchors: "AnchorTable" = field(default_factory=lambda: AnchorTable())  # (everything else)
    cap_start: dict = field(default_factory=dict)  # n -> token keys whose other targets of n words all start capitalised
    pairs: dict = field(default_factory=dict)  # n -> (key a, key b) -> forms
    bags: dict = field(default_factory=dict)  # sorted keys -> [form idx]
    strings: dict = field(default_factory=dict)  # id(posting list) -> (list, [joined keys]) for rapidfuzz
    title_keys: frozenset = frozenset()  # last words of titles (context for a following name)
    persons: dict = field(default_factory=dict)  # term_id -> official name
    term_kinds: dict = field(default_factory=dict)  # term_id -> kind
    notes: dict = field(default_factory=dict)  # term_id -> note
    acronyms_of: dict = field(default_factory=dict)  # expansion keys -> {acronym key}
    by_term: dict = field(default_factory=dict)  # term_id -> [form idx]
    sim_cache: dict = field(default_factory=dict)  # (word, word) -> phonetic similarity (bounded)
    #: name -> memo table of a checker (results that depend only on this index and their key);
    #: filled while documents are audited, never pickled (a saved index starts with none)
    memos: dict = field(default_factory=dict)

    def memo(self, name: str, limit: int = 200000) -> dict:
        """The memo table ``name``, emptied once it holds more than ``limit`` entries."""
        memos = self.__dict__.setdefault("memos", {})  # (an index pickled before memos existed)
        table = memos.get(name)
        if table is None or len(table) > limit:
            table = memos[name] = {}
        return table

    def __getstate__(self):
        state = dict(self.__dict__)
        state["memos"] = {}
        return state

    def joined(self, idxs: list[int], persistent: bool = True) -> list[str]:
        """The space-joined keys of ``idxs`` (cached for the index's own posting lists,
        which live as long as the index; never for temporary lists)."""
        keys_at = self.forms.keys_at
        if not persistent:
            return [" ".join(keys_at(i)) for i in idxs]
        key = id(idxs)
        got = self.strings.get(key)
        if got is None or got[0] is not idxs:
            got = self.strings[key] = (idxs, [" ".join(keys_at(i)) for i in idxs])
        return got[1]


#: kinds whose multiword forms are near-miss targets
FUZZY_KINDS = frozenset({"person", "org", "place", "event", "term", "acronym"})
#: the most postings an anchor keeps per length; larger lists are uninformative (like stopwords)
MAX_POSTING = 4000
#: the most forms a pair of anchors keeps per length (a pair shared by more names says little)
MAX_PAIR_POSTING = 500
#: generic honorifics and ranks that may precede a name (in addition to the glossary's titles)
HONORIFICS = frozenset(
    "mr mrs ms dr prof general gen admiral adm minister secretary president chairman chairwoman chair "
    "commander director ambassador envoy senator governor mayor premier chancellor colonel lieutenant captain "
    "major sergeant spokesman spokeswoman spokesperson "
    "sir dame lord lady king queen prince princess".split()
)


def build_official_index(glossary) -> OfficialIndex:
    idx = OfficialIndex()
    acronyms: dict[str, str] = {}
    for t in glossary.terms:
        if t.kind == "acronym" and t.expands:
            acronyms.setdefault(t.term, t.expands)
    title_keys = set(HONORIFICS)

    # One object per distinct string and tuple (keys, key prefixes, caps): the index holds
    # ~340k forms at 100k entries, and the cache pickles shared objects once (and loads them
    # back shared), so equal keys rebuilt per form would otherwise cost memory twice over.
    shared: dict = {}
    one = shared.setdefault
    forms: list[Form] = []

    def add(t, text: str, role: str, official: str, fuzzy: bool) -> None:
        toks = tokenize(text)
        keys = one(keys := tuple([one(x.key, x.key) for x in toks]), keys)
        if not keys:
            return
        fi = len(forms)
        idx.by_term.setdefault(t.id, []).append(fi)
        forms.append(Form(t.id, official, text, keys, t.kind, role, fuzzy and len(keys) >= 2,
                              one(caps := tuple([x.cap for x in toks]), caps)))
        idx.exact.setdefault(keys, []).append(fi)
        for k in range(1, len(keys)):
            idx.prefixes.add(one(pre := keys[:k], pre))
        idx.prefixes.add(keys)
        idx.max_n = max(idx.max_n, len(keys))

    for t in glossary.terms:
        idx.term_kinds[t.id] = t.kind
        if t.note:
            idx.notes[t.id] = t.note
        fuzzy = t.kind in FUZZY_KINDS
        if t.kind == "acronym":
            add(t, t.term, "official", t.term, False)
            for v in t.variants:
                add(t, v, "variant", t.term, False)
            if t.expands:
                add(t, t.expands, "expansion", t.expands, True)
                idx.acronyms_of.setdefault(form_keys(t.expands), set()).add(token_key(t.term).replace("-", ""))
        elif t.kind == "title":
            add(t, t.term, "title", t.term, False)
            for v in t.variants:
                add(t, v, "title", t.term, False)
            title_keys.update(k for k in form_keys(t.term)[-1:])
        else:
            add(t, t.term, "official", t.term, fuzzy)
            for v in t.variants:
                add(t, v, "variant", t.term, fuzzy)
            derived: list[str] = []
            if t.kind == "person":
                idx.persons[t.id] = t.term
                for f in t.forms:
                    derived += person_variants(f)
                for s in person_short_forms(t.term):
                    add(t, s, "short", t.term, False)
                for title in t.titles:
                    add(t, title, "title", title, False)
                    title_keys.update(form_keys(title)[-1:])
            for f in t.forms:
                e = acronym_expanded(f, acronyms)
                if e:
                    derived.append(e)
            for d in dict.fromkeys(derived):
                if d not in t.forms:
                    add(t, d, "derived", t.term, fuzzy)
        for bad in t.replaces:
            keys = form_keys(bad)
            if keys:
                idx.forbidden.setdefault(keys, []).append((t.id, bad, t.term))
    idx.title_keys = frozenset(title_keys)

    # candidate index for near misses: token -> length -> forms; token pairs; bags of words
    # (built nested, then stored flat: see AnchorTable)
    anchors: dict = {}
    person_anchors: dict = {}
    other_anchors: dict = {}
    cap_start: dict = {}
    pairs: dict = {}
    idx.forms = FormList(forms)
    for fi, f in enumerate(forms):
        if not f.fuzzy:
            continue
        content = [k for k, c in zip(f.keys, f.caps) if c or k not in STOPWORDS]
        side = person_anchors if f.kind == "person" else other_anchors
        for k in set(content):
            anchors.setdefault(k, {}).setdefault(f.n, []).append(fi)
            side.setdefault(k, {}).setdefault(f.n, []).append(fi)
            if f.kind != "person":
                cap_start[(k, f.n)] = cap_start.get((k, f.n), True) and f.caps[0]
        uniq = sorted(set(content))
        for a in range(len(uniq)):
            for b in range(a + 1, len(uniq)):
                pairs.setdefault(f.n, {}).setdefault((uniq[a], uniq[b]), []).append(fi)
        idx.bags.setdefault(one(bag := tuple(sorted(f.keys)), bag), []).append(fi)
    idx.anchors = AnchorTable(anchors, one)
    idx.person_anchors = AnchorTable(person_anchors, one)
    idx.other_anchors = AnchorTable(other_anchors, one)
    for (k, n), cap in cap_start.items():
        if cap:
            idx.cap_start.setdefault(n, set()).add(k)
    idx.cap_start = {n: frozenset(ks) for n, ks in idx.cap_start.items()}
    idx.pairs = {n: {ab: postings(lst) for ab, lst in by_ab.items() if len(lst) <= MAX_PAIR_POSTING}
                 for n, by_ab in pairs.items()}
    for table in (idx.exact, idx.bags, idx.by_term):
        for k, lst in table.items():
            table[k] = postings(lst)
    return idx


class AnchorTable:
    """token key -> length n -> the forms of n words holding that token, stored flat.

    ``ns[key]`` is the lengths in first-seen order (a shared tuple) and ``by_n[n][key]``
    the posting list; a list longer than :data:`MAX_POSTING` is uninformative (like a
    stopword) and kept empty.  A nested ``{key: {n: list}}`` costs a dict per key
    (~300 bytes an entry at 100k glossary entries); this costs two dict slots.
    """

    __slots__ = ("ns", "by_n")

    def __init__(self, nested: Optional[dict] = None, one=None):
        nested = nested or {}
        one = one or (lambda x, y: y)
        self.ns: dict = {}
        self.by_n: dict = {}
        for k, by_n in nested.items():
            self.ns[k] = one(ns := tuple(by_n), ns)
            for n, lst in by_n.items():
                self.by_n.setdefault(n, {})[k] = postings(lst) if len(lst) <= MAX_POSTING else ()

    def __getstate__(self):
        return (self.ns, self.by_n)

    def __setstate__(self, state):
        self.ns, self.by_n = state

    def __contains__(self, key: str) -> bool:
        return key in self.ns

    def get(self, key: str, n: int) -> Sequence[int]:
        """The forms of ``n`` words anchored by ``key`` (empty when there are none)."""
        return self.by_n.get(n, _NO_FORMS).get(key, ())


_NO_FORMS: dict = {}


def postings(lst: list[int]) -> Sequence[int]:
    """A frozen posting list of form indexes: a tuple when short, else an ``array('I')``
    (4 bytes an entry; a pickled list of ints comes back as one int object per entry)."""
    return tuple(lst) if len(lst) <= 2 else array("I", lst)


def official_index(glossary) -> OfficialIndex:
    return glossary.compiled("matching.official-index", build_official_index)


class Match(NamedTuple):
    i: int  # first token index
    j: int  # one past the last token index
    forms: tuple[int, ...]  # indexes into OfficialIndex.forms


def find_exact(tokens: Sequence[Token], idx: OfficialIndex) -> list[Match]:
    """Every run of tokens whose keys equal an admitted form (overlaps included)."""
    out: list[Match] = []
    exact, prefixes = idx.exact, idx.prefixes
    n_tok = len(tokens)
    # only tokens that begin some admitted form can start a match (``zip`` makes the 1-tuples)
    firsts = compress(count(), map(prefixes.__contains__, zip(map(_key, tokens))))
    for i in firsts:
        key: tuple = ()
        for j in range(i, min(n_tok, i + idx.max_n)):
            if j > i and tokens[j].gap not in ("space", "hyphen", "comma"):
                break
            key = key + (tokens[j].key,)
            if key not in prefixes:
                break
            hit = exact.get(key)
            if hit:
                out.append(Match(i, j + 1, tuple(hit)))
    return out


def forbidden_regex(glossary) -> tuple[Optional[re.Pattern], dict]:
    """The glossary's forbidden forms as one compiled alternation plus a key lookup."""

    def build(g):
        idx = official_index(g)
        forms = sorted({bad for lst in idx.forbidden.values() for _, bad, _ in lst}, key=len, reverse=True)
        return compile_alternation(forms), idx.forbidden

    return glossary.compiled("matching.forbidden-regex", build)


def editex_similarity(a: str, b: str) -> float:
    """textdistance's Editex similarity (letters that sound alike cost less), 0..1."""
    return float(_textdistance().editex.normalized_similarity(a, b))


def sounds_alike(a: str, b: str) -> bool:
    """textdistance's Match Rating Approach: do the two words have the same phonetic codex?"""
    return _textdistance().mra.normalized_similarity(a, b) == 1.0


@lru_cache(maxsize=1)
def _textdistance():
    """textdistance, imported on first use and without numpy.

    textdistance uses numpy only when it can import it (its Editex then fills a
    numpy matrix instead of lists: the same integers).  For the short names
    compared here the list path is as fast, and importing numpy costs about
    150 ms of CPU per process, more than auditing a document.  If numpy is
    already loaded (the Dask path), it is used as is.
    """
    import sys

    if "numpy" in sys.modules:
        import textdistance
        return textdistance
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail inside textdistance
    try:
        import textdistance
    finally:
        del sys.modules["numpy"]
    return textdistance
