"""Titles family: people given titles they do not hold, titled names the glossary
does not know, roles that fit no participant, and pairs that name one side twice.

Everything is driven by the glossary: ``person`` entries carry the titles their
holder has (``titles``), ``title`` entries list official titles (with variants).
The code only knows what a title *looks like* in English: capitalised modifiers,
a head noun (Secretary, Minister, Chairman..., plus every head noun of a glossary
title), an optional ``of ...`` complement, then perhaps a name.

The index built here (:class:`TitleIndex`) is shared with the entity family.
"""
from __future__ import annotations

import re
from collections import Counter
from types import MappingProxyType
from functools import lru_cache
from itertools import compress, count
from typing import Iterable, Mapping, NamedTuple, Optional

from rapidfuzz import fuzz

from ..glossary.matching import editex_similarity, sounds_alike
from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule

FAMILY = "titles"

# --------------------------------------------------------------------------- text helpers

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})


_POSSESSIVE = lazy_re(r"'s\b")
_SEPARATORS = lazy_re(r"[\s\-\u2010\u2011\u2012\u2013\u2014_/]+")


@lru_cache(maxsize=1 << 16)  # pure str -> str; the same words recur across a document
def norm(text: str) -> str:
    """Comparison key: lower case, no periods or possessive 's, hyphens/dashes as spaces."""
    s = text.translate(_APOS).lower()
    if "'" in s:
        s = _POSSESSIVE.sub("", s)
    s = s.replace(".", "")
    return _SEPARATORS.sub(" ", s).strip()


@lru_cache(maxsize=1 << 16)
def norm_token(tok: str) -> str:
    s = tok.translate(_APOS).lower()
    if s.endswith("'s"):
        s = s[:-2]
    return s.replace(".", "").strip("'")


STOPWORDS = frozenset(
    "the a an of and for on in at to by with from both each this that these those their his her its our "
    "your my as but or nor so yet also then".split()
)
# words before a role noun that make it a *different* role (Deputy Secretary, Prime Minister)
RANK_WORDS = frozenset(
    "deputy vice under assistant acting former prime associate principal executive permanent first second "
    "senior junior interim designate elect ex lieutenant chief".split()
)
# generic English head nouns of official roles; glossary titles add their own heads
GENERIC_HEADS = (
    "Secretary-General", "Secretary", "Minister", "Chairman", "Chairwoman", "Chairperson", "Chair",
    "President", "Commander", "Director", "Ambassador", "Chancellor", "Premier", "Governor",
    "Commissioner", "Administrator", "Envoy",
)
# general English words that cannot modify a role noun, capitalised before one only because they open a
# sentence or name a day ("Later Secretary of State Blinkin spoke", "On Monday Foreign Minister ..."):
# adverbs of time and sentence adverbs, conjunctions and prepositions beyond STOPWORDS, days and months
_NOT_TITLE_WORDS = frozenset(
    "later earlier yesterday today tomorrow tonight meanwhile meantime afterwards afterward now here there "
    "again already still instead however moreover furthermore nevertheless nonetheless thus hence therefore "
    "indeed once only even just soon overnight when whenever while whilst where after before since until till "
    "during though although because if unless upon into onto through throughout across against among amid "
    "between beyond toward towards via per "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
# an adverb in -ly ("Subsequently", "Separately", "Finally"); not "Family", "Supply", "Assembly", "Early"
_LY_ADVERB = lazy_re(r"[a-z]{4,}(?<![bpi])ly")
_GEO_WORDS = frozenset("north south east west northern southern eastern western new central republic".split())
_SUFFIXES = frozenset("jr sr ii iii iv v".split())


@lru_cache(maxsize=None)  # called per mention: a cache hit, and _country_table is imported on first use
def country_names() -> frozenset[str]:
    """ISO 3166 country names (name, common and official names), normalised: the titles view of
    the country table in ``_country_table`` (no pycountry import)."""
    from ._country_table import country_names as names

    return names()


def __getattr__(name: str):  # ``COUNTRY_NAMES`` stays importable, built lazily
    if name == "COUNTRY_NAMES":
        return country_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_ABBREV = lazy_re(r"(?:[A-Z]\.){2,}|[A-Z]{2,4}")
_NATIONALITY = lazy_re(r"[a-z]{3,}(?:ian|an|ese|ish|i)")


@lru_cache(maxsize=1 << 14)  # pure; the same modifiers recur across a document
def is_countryish(tok: str, places: frozenset[str] = frozenset()) -> bool:
    """Does this capitalised modifier name a country or nationality (U.S., ROK, Korean, Japan's, Israel)?"""
    t = tok.translate(_APOS)
    if t.endswith("'s"):
        return True
    if _ABBREV.fullmatch(t):
        return True
    low = norm_token(t)
    if low in _GEO_WORDS or low in places or low in country_names():
        return True
    return bool(_NATIONALITY.fullmatch(low)) and low not in {"human", "urban", "foreign"}


# adjectives English puts after the noun of a title ("Secretary General", "Attorney General", "President
# Elect"); after a military rank "General" is the noun ("Major General", "Lieutenant General")
_POSTPOSITIVE = frozenset("general elect designate plenipotentiary emeritus".split())
_RANKS_BEFORE_GENERAL = frozenset("major lieutenant brigadier lt maj brig".split())


def _final_word(words: list[str]) -> int:
    """Index of the word before ``of``/``for``, or of the last word."""
    for i, w in enumerate(words[1:], 1):
        if w in ("of", "for"):
            return i - 1
    return len(words) - 1


@lru_cache(maxsize=1 << 14)
def head_of(title: str) -> str:
    """Head noun of a title: the word before ``of`` or the last word ("Defense Minister" -> minister),
    skipping an adjective written after it ("Secretary General", "Secretary-General of the United Nations"
    -> secretary; "Major General" -> general)."""
    words = norm(title).split()
    if not words:
        return ""
    i = _final_word(words)
    if i and words[i] in _POSTPOSITIVE and words[i - 1] not in _RANKS_BEFORE_GENERAL | STOPWORDS:
        return words[i - 1]
    return words[i]


def _final_noun(title: str) -> str:
    """The last word of a title before its ``of`` complement ("general" for "Secretary General"): with the
    head noun, a word that marks a role in the text."""
    words = norm(title).split()
    return words[_final_word(words)] if words else ""


def content_words(text: str) -> set[str]:
    return {w for w in norm(text).split() if w not in STOPWORDS}


def best_match(target: str, options: Iterable[str], words: Optional[int] = None) -> Optional[str]:
    """The option most like ``target``; options with the same word count win first."""
    opts = tuple(dict.fromkeys(options))
    if not opts:
        return None
    return _best_match(target, opts, len(target.split()) if words is None else words)


_OF_FOR = lazy_re(r" (?:of|for) ")


def _shape(x: str) -> bool:  # "X of Y" / "X for Y" or not
    return _OF_FOR.search(norm(x)) is not None


@lru_cache(maxsize=1 << 12)  # pure; a document asks about the same few titles again and again
def _best_match(target: str, opts: tuple[str, ...], n: int) -> str:
    t = norm(target)
    ts = _shape(t)
    return max(opts, key=lambda o: (_shape(o) == ts, len(o.split()) == n, fuzz.ratio(norm(o), t), -len(o)))


# --------------------------------------------------------------------------- glossary index
# (NamedTuples and a slotted class rather than dataclasses: a dataclass costs ~1 ms of
# start-up each to generate its methods, and every command imports this module)


class Person(NamedTuple):
    id: str
    name: str
    forms: tuple[str, ...]
    parts: frozenset[str]
    titles: tuple[str, ...]  # official titles, extended with variants from kind="title" entries
    title_keys: frozenset[str]

    @property
    def title_heads(self) -> frozenset[str]:
        return frozenset(head_of(k) for k in self.title_keys)


class TitleIndex(NamedTuple):
    persons: tuple[Person, ...]
    part_to_persons: dict
    form_to_persons: dict
    title_holders: dict  # title key -> tuple of person indexes
    known_titles: frozenset[str]  # every person title and kind="title" form (keys)
    title_word_index: dict  # content word -> frozenset of known-title numbers (for "all words inside one title")
    heads: frozenset[str]  # lower-case head nouns of roles
    max_form_words: int
    form_first_keys: frozenset[str]
    places: frozenset[str]
    pronoun: Mapping = MappingProxyType({})
    comma_titles: Mapping = MappingProxyType({})  # key before the first comma -> known titles holding a comma

    def __bool__(self) -> bool:
        return bool(self.persons)


def _title_groups(glossary) -> list[tuple[str, ...]]:
    groups = []
    for t in glossary.of_kind("title"):
        groups.append(tuple(dict.fromkeys((t.term,) + t.variants)))
    return groups


def build_index(glossary) -> TitleIndex:
    groups = _title_groups(glossary)
    persons: list[Person] = []
    for t in glossary.of_kind("person"):
        titles = list(t.titles)
        keys = {norm(x) for x in titles}
        for g in groups:  # a person holding one form of a title entry holds all its forms
            if keys & {norm(x) for x in g}:
                titles.extend(x for x in g if norm(x) not in keys)
                keys |= {norm(x) for x in g}
        parts = set()
        for form in t.forms:
            for tok in form.split():
                k = norm_token(tok)
                if len(k) > 1 and k not in _SUFFIXES:
                    parts.add(k)
        persons.append(Person(t.id, t.term, t.forms, frozenset(parts), tuple(dict.fromkeys(titles)), frozenset(keys)))
    part_to: dict[str, list[int]] = {}
    form_to: dict[str, list[int]] = {}
    holders: dict[str, list[int]] = {}
    for i, p in enumerate(persons):
        for k in p.parts:
            part_to.setdefault(k, []).append(i)
        for f in p.forms:
            form_to.setdefault(norm(f), []).append(i)
        for k in p.title_keys:
            holders.setdefault(k, []).append(i)
    known = set(holders)
    for g in groups:
        known |= {norm(x) for x in g}
    known.discard("")
    heads = {h.lower() for h in GENERIC_HEADS}
    for k in known:
        for h in (head_of(k), _final_noun(k)):
            if h and h not in STOPWORDS:
                heads.add(h)
    max_words = max((len(f.split()) for p in persons for f in p.forms), default=0)
    word_index: dict[str, set[int]] = {}
    for n, k in enumerate(sorted(known)):
        for w_ in content_words(k):
            word_index.setdefault(w_, set()).add(n)
    places = set()
    for t in glossary.of_kind("place"):
        for f in t.forms:
            places |= {norm_token(x) for x in f.split()}
    return TitleIndex(
        persons=tuple(persons),
        part_to_persons={k: tuple(v) for k, v in part_to.items()},
        form_to_persons={k: tuple(v) for k, v in form_to.items()},
        title_holders={k: tuple(v) for k, v in holders.items()},
        known_titles=frozenset(known),
        title_word_index={k: frozenset(v) for k, v in word_index.items()},
        heads=frozenset(heads),
        max_form_words=max_words,
        form_first_keys=frozenset(norm(f.split()[0]) for p in persons for f in p.forms if f.split()),
        places=frozenset(places),
        comma_titles=_comma_titles(known),
    )


def _comma_titles(known) -> dict:
    out: dict[str, list[str]] = {}
    for k in sorted(known):
        if "," in k:
            out.setdefault(k.split(",")[0].strip(), []).append(k)
    return {k: tuple(v) for k, v in out.items()}


def title_index(glossary) -> TitleIndex:
    return glossary.compiled("titles.index.v1", build_index)


# --------------------------------------------------------------------------- mentions in a document


class Mention:
    """A title in the text, perhaps followed by a name."""

    __slots__ = ("start", "end", "core", "key", "head", "determined", "qualified", "ranked",
                 "name_start", "name_end", "name", "persons", "partial")

    def __init__(self, start: int, end: int, core: str, key: str, head: str, determined: bool,
                 qualified: bool, ranked: bool, name_start: int = -1, name_end: int = -1, name: str = "",
                 persons: tuple[int, ...] = (), partial: bool = False):
        self.start = start  # start of the title core (modifiers that name a country excluded)
        self.end = end  # end of the title core
        self.core = core
        self.key = key
        self.head = head
        self.determined = determined  # preceded by "the", "both", or by "<role> and"
        self.qualified = qualified  # a country modifier or "of <country>" tail
        self.ranked = ranked  # Deputy, Vice, Prime...
        self.name_start = name_start
        self.name_end = name_end
        self.name = name
        self.persons = persons  # persons the name resolves to (exactly)
        self.partial = partial  # some name token is a known person's name part

    def __repr__(self) -> str:
        return f"Mention({self.core!r} {self.start}:{self.end}, name={self.name!r})"

    @property
    def has_name(self) -> bool:
        return self.name_start >= 0


_APPOSITIVE = lazy_re(
    r",[ \t]+(?:(?:Dr|Mr|Ms|Mrs|Miss|Prof|Sir|Dame|General|Gen|Admiral|Adm)\.?[ \t]+)?"
    r"(?P<name>[A-Z][\w\u2019'\-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w\u2019'\-]*)){0,3})(?=[ \t]*[,.;:)]|[ \t]+[a-z])"
)
_NAME_TOKEN = lazy_re(r"[ \t]+(?P<tok>[A-Z]\.|[A-Z][\w\u2019'\-]*)")


def resolve_name(tokens: list[str], idx: TitleIndex) -> tuple[tuple[int, ...], bool]:
    """Persons whose name parts cover every token; and whether any token is a known part."""
    keys = [norm_token(t) for t in tokens]
    full = idx.form_to_persons.get(norm(" ".join(tokens)))
    keys = [k for k in keys if len(k) > 1 and k not in _SUFFIXES]
    if full:
        return tuple(full), True
    if not keys:
        return (), False
    cands = None
    partial = False
    for k in keys:
        ps = set(idx.part_to_persons.get(k, ()))
        partial = partial or bool(ps)
        cands = ps if cands is None else cands & ps
    return tuple(sorted(cands or ())), partial


# "Name, Title," -- a title between commas right after a name is that name's appositive: the name before
# it (at most four words, lower-case particles inside: "Ursula von der Leyen"), its comma, and what may
# follow the title (a comma, a semicolon, a colon, a bracket or the end of the sentence)
_NAME_BEFORE = lazy_re(
    r"(?:(?P<hon>\b(?:Dr|Mr|Ms|Mrs|Miss|Prof|Sir|Dame|H\.?E)\.?)[ \t]+)?"
    r"(?P<name>(?<![\w\-.'\u2019])[A-Z][\w\u2019'\-]*"
    r"(?:[ \t]+(?:(?:von|van|der|den|de|del|della|da|di|du|dos|das|la|le|bin|binti|ibn|al)[ \t]+)*"
    r"(?:[A-Z]\.|[A-Z][\w\u2019'\-]*)){0,3}),[ \t]+\Z"
)
_APPOSITIVE_END = lazy_re(r"[ \t]*(?:[,;:)]|\.(?:\s|\Z)|\Z)")


def _name_before(text: str, start: int, end: int, idx: TitleIndex):
    """For a title at ``start:end`` set off by commas after a name ("Mr António Costa, President of the
    European Council, Ms Ursula von der Leyen, ..."), the name it belongs to: None when the title stands
    elsewhere; else the name tokens when they resolve to glossary persons, or [] when they are a name the
    glossary lacks (after an honorific): the title is then nobody's the check can test, and certainly not
    the next name's."""
    if not _APPOSITIVE_END.match(text, end):
        return None
    bm = _NAME_BEFORE.search(text, max(0, start - 80), start)
    if not bm:
        return None
    toks = [(t.group(0), bm.start("name") + t.start(), bm.start("name") + t.end())
            for t in _NONSPACE.finditer(bm.group("name"))]
    # the longest tail of the words that names a glossary person ("Prime Minister Ishiba," -> Ishiba)
    for k in range(len(toks)):
        tail = toks[k:]
        if not tail[0][0][:1].isupper() or not _looks_like_name([t[0] for t in tail]):
            continue
        if any(t[0].lower() in idx.heads for t in tail):
            continue
        ps, _ = resolve_name([t[0] for t in tail], idx)
        if ps:
            return tail
    if bm.group("hon") and _looks_like_name([t[0] for t in toks]):
        return []
    return None


def _holds_any(key: str, ps: Iterable[int], idx: TitleIndex) -> bool:
    """Does one of the persons ``ps`` hold the title ``key`` (or a title it is the head word of)?"""
    for i in ps:
        keys = idx.persons[i].title_keys
        if key in keys or (" " not in key and any(k.startswith(key + " of ") for k in keys)):
            return True
    return False


def _looks_like_name(tokens: list[str]) -> bool:
    return bool(tokens) and all(norm_token(t) not in STOPWORDS for t in tokens)


_W = r"[A-Z][\w\u2019'\-]*"
# a capitalised token not preceded by a word character, hyphen or period; the lookbehind
# comes after the first letter so the regex engine can skip ahead to capitals
_HEAD_TOKEN = lazy_re(r"[A-Z](?<![\w\-.][A-Z])[\w\u2019'\-]*(?![\w\-])")
_W_RE = lazy_re(_W)
_NONSPACE = lazy_re(r"\S+")
_CAP_TOKEN = lazy_re(r"[A-Z][\w\u2019'\-]*\.?")
_AND_THE = lazy_re(r"[ \t]+and[ \t]+(?:the[ \t]+)?")
# (a leading lookahead lets the engine skip to the letters a match can start with)
_DETERMINER_END = lazy_re(r"(?=[TtBba])(?:\b[Tt]he|\b[Bb]oth|\band)[ \t]+(?:[A-Z][\w\u2019'.\-]*[ \t]+)*$")
_MODS_BEFORE = lazy_re(rf"(?=[A-Z])(?<![\w\-.])(?:(?:(?:[A-Z]\.){{2,}}|{_W})[ \t]+){{1,4}}$")
# (a middle initial is a word of the complement too, so that a name peeled off its end keeps its
# initial and surname: "Secretary of State Antony J. Blinken")
_COMP = lazy_re(
    rf"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_W}"
    rf"(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|for[ \t]+|and[ \t]+|on[ \t]+)?(?:[A-Z]\.(?=[ \t]+[A-Z])|{_W}))*"
)


class _RoleMatch:
    """A role phrase: modifiers, a head noun, an optional ``of ...`` complement (regex-match-like)."""

    __slots__ = ("_g", "_s", "_e")

    def __init__(self, text, mods, head, comp):
        self._g, self._s, self._e = {}, {}, {}
        for name, (a, b) in (("mods", mods), ("head", head), ("comp", comp)):
            self._g[name], self._s[name], self._e[name] = (text[a:b] if b > a else None), a, b
        self._g["mods"] = self._g["mods"] or ""

    def group(self, name):
        return self._g[name]

    def start(self, name=None):
        return self._s["mods"] if name is None else self._s[name]

    def end(self, name=None):
        if name is None:
            return max(self._e["head"], self._e["comp"])
        return self._e[name]


def _role_matches(text: str, idx: TitleIndex):
    """Role phrases, found by looking up each capitalised token in the set of head nouns."""
    prev_end = 0
    toks = list(_HEAD_TOKEN.finditer(text))
    # the head-noun test runs at C speed over all capitalised tokens; the loop sees only heads
    for hm in compress(toks, map(idx.heads.__contains__, map(str.lower, map(re.Match.group, toks)))):
        if hm.start() < prev_end:
            continue
        hs, he = hm.span()
        mm = _MODS_BEFORE.search(text, max(prev_end, hs - 80), hs)
        ms = mm.start() if mm else hs
        cs = ce = he
        cm = _COMP.match(text, he)
        if cm:
            words = list(_W_RE.finditer(cm.group(0)))
            ce = cm.end()
            for a, b in zip(words, words[1:]):
                if b.group(0).lower() in idx.heads:  # "... of Foreign Affairs and Secretary": stop before the next role
                    ce = he + a.end()
                    break
        m = _RoleMatch(text, (ms, hs), (hs, he), (cs, ce))
        prev_end = max(he, ce)
        yield m


@lru_cache(maxsize=64)
def _lazy_comma_parts(lengths: tuple[int, ...]):
    return re.compile("".join(r"[ \t]*,(?:[ \t]+[^\s,;:()]+){%d}" % n for n in lengths))


def _comma_title_at(text: str, start: int, end: int, key: str, idx: TitleIndex) -> int:
    """The end of the longest glossary title holding a comma that ``text`` writes whole from ``start``,
    whose part before its first comma is ``key`` ("Chief of Staff" read on to "Chief of Staff, Joint
    Staff"); 0 if none."""
    best = 0
    for k in idx.comma_titles.get(key, ()):
        parts = k[len(key):].split(",")[1:]  # ", joint staff" -> [" joint staff"]
        m = _lazy_comma_parts(tuple(len(x.split()) for x in parts)).match(text, end)
        if m is None:
            continue
        e = m.end()
        if text[e - 1] == "." and len(text[m.start():e].split()[-1]) > 2:
            e -= 1  # the sentence's period ("..., Joint Staff."), not an abbreviation's
        if norm(text[start:e]) == k:
            best = max(best, e)
    return best


_WORDS_BEFORE = lazy_re(r"((?:[A-Z][\w.'’-]*[ \t]+){1,2})\Z")


def _no_title_opener(tok: str, idx: TitleIndex) -> bool:
    """Is ``tok`` a word no title opens with: no head noun, rank or word of a glossary title, but a general
    English word that modifies no role (an adverb of time or in -ly, a conjunction, a preposition, a day or
    month)?  A word outside those lists may name a portfolio the glossary does not know ("Trade Minister",
    "Housing Minister") and stays part of the title."""
    key = norm_token(tok)
    if key in idx.heads or key in RANK_WORDS or key in idx.title_word_index:
        return False
    return key in _NOT_TITLE_WORDS or _LY_ADVERB.fullmatch(key) is not None


def find_mentions(text: str, idx: TitleIndex) -> list[Mention]:
    out: list[Mention] = []
    for m in _role_matches(text, idx):
        if out and m.start("head") < out[-1].end:
            continue  # a role inside the last title ("Joint Staff" in "Chief of Staff, Joint Staff")
        mods_text = m.group("mods")
        mods = []  # (token, start)
        for tm in _NONSPACE.finditer(mods_text):
            if not out or m.start("mods") + tm.start() >= out[-1].end:  # not inside the last title
                mods.append((tm.group(0), m.start("mods") + tm.start()))
        # drop leading stop words ("The", "Both") and words that open a sentence but no title ("Later",
        # "Yesterday", "Monday")
        while mods and (norm_token(mods[0][0]) in STOPWORDS or _no_title_opener(mods[0][0], idx)):
            mods.pop(0)
        # a stop word among the capitalised words before the head ends whatever came before it: modifiers
        # of a role hold none, so they are a heading's words ("STATEMENT OF GENERAL LAURA J. RICHARDSON",
        # "Remarks By Admiral ..."), not part of the title
        last_stop = max((j for j, (t, _) in enumerate(mods) if norm_token(t) in STOPWORDS), default=-1)
        if last_stop >= 0:
            mods = mods[last_stop + 1:]
        qualified = False
        core_mods = []
        k = 0
        countries = country_names()
        while k < len(mods):
            # a multiword country name first ("United States President")
            n = next((n for n in (3, 2) if k + n <= len(mods)
                      and norm(" ".join(t for t, _ in mods[k:k + n])) in countries), 0)
            if n:
                qualified, k = True, k + n
                continue
            if is_countryish(mods[k][0], idx.places):
                qualified, k = True, k + 1
                continue
            break
        core_mods = mods[k:]
        ranked = any(norm_token(t) in RANK_WORDS for t, _ in core_mods)
        start = core_mods[0][1] if core_mods else m.start("head")
        end = m.end("head")
        comp = m.group("comp") or ""
        name_tokens: list[tuple[str, int, int]] = []
        if comp:
            ctoks = [(t.group(0), m.start("comp") + t.start(), m.start("comp") + t.end()) for t in _NONSPACE.finditer(comp)]
            split = None
            # peel a trailing name off the complement: "Secretary of State Austin"
            # ... also when the name is followed by "and <another title>": "Secretary of State
            # Pete Hegseth and Defense Minister ..." (the name stops at the first stop word)
            for k in range(1, len(ctoks)):
                stop = next((j for j in range(k, len(ctoks)) if norm_token(ctoks[j][0]) in STOPWORDS), len(ctoks))
                suffix = ctoks[k:stop]
                if not suffix or norm_token(ctoks[k - 1][0]) in STOPWORDS or not _looks_like_name([s[0] for s in suffix]):
                    continue
                ps, _ = resolve_name([s[0] for s in suffix], idx)
                head_key = norm(text[m.start("head"):ctoks[k - 1][2]])
                if (ps or head_key in idx.known_titles) and (k >= 2 or stop < len(ctoks) or ps):
                    split = (k, stop)
                    break
            if split is None:
                end = m.end("comp")
            else:
                end = ctoks[split[0] - 1][2]
                name_tokens = list(ctoks[split[0]:split[1]])
        if not name_tokens:
            name_tokens = _name_tokens_at(text, end, idx)
        back = None
        if not name_tokens:
            # set off by commas after a name ("Mr António Costa, President of the European Council, Ms
            # Ursula von der Leyen, ..."): the title is that name's, not the next one's
            back = _name_before(text, start, end, idx)
        if not name_tokens:
            # an appositive: "The Foreign Minister, Dr Abdullah, said" names the holder
            ap = _APPOSITIVE.match(text, end)
            if ap:
                name_tokens = [(t.group(0), ap.start("name") + t.start(), ap.start("name") + t.end())
                               for t in _NONSPACE.finditer(ap.group("name"))]
                if any(norm_token(t[0]) in STOPWORDS or t[0].lower() in idx.heads for t in name_tokens):
                    name_tokens = []
        # a rank after the title is no name: the name follows it ("Pentagon Press Secretary Maj. Gen. Pat
        # Ryder"); the rank itself may be a title ("Gen" a head word of the glossary's "Maj. Gen.")
        after = _after_rank(text, name_tokens[0][1] if name_tokens else end, idx)
        if after:
            name_tokens = after
        # initials alone or a country abbreviation after a title are no name ("Secretary of State J.
        # said", "the Secretary of the Treasury U.S. delegation"): the title stands alone
        if name_tokens and all(_not_a_name_word(text, s) for _, s, _ in name_tokens):
            name_tokens = []
        # in a Title-Case headline every word is capitalised: the headline's verb is no name ("Secretary of
        # Defense Travels to India", "Secretary Teodoro Visits India")
        if name_tokens:
            name_tokens = _before_headline_verb(text, name_tokens, idx)
        # a trailing period belongs to the sentence unless the token is an initial
        if name_tokens and name_tokens[-1][0].endswith(".") and len(name_tokens[-1][0]) > 2:
            t, s, e = name_tokens[-1]
            name_tokens[-1] = (t[:-1], s, e - 1)
        # a capitalised word or two before the title that make a longer title of the glossary
        # ("Secretary General", "Attorney General" before a name): that title, not the rank alone
        pre = _WORDS_BEFORE.search(text, max(0, start - 60), start)
        if pre:
            for w in _NONSPACE.finditer(text, pre.start(1), start):
                if norm(text[w.start():end]) in idx.known_titles:
                    start = w.start()
                    while out and out[-1].start >= start:  # the shorter mention inside it
                        out.pop()
                    break
            else:
                # the head just before, as a role of its own, whose words with this one lie inside one
                # glossary title: one title written in another order ("General Secretary" for the
                # Secretary General), reported as written
                prev = out[-1] if out else None
                if (prev is not None and not prev.has_name and text[prev.end:start] in (" ", "\t")
                        and _words_within_known(norm(text[prev.start:end]), idx)):
                    start, qualified, ranked = prev.start, qualified or prev.qualified, ranked or prev.ranked
                    out.pop()
        core = text[start:end]
        key = norm(core)
        # a glossary title that holds a comma, written whole ("Chief of Staff, Joint Staff"): read to its end
        longer = _comma_title_at(text, start, end, key, idx)
        if longer:
            end = longer
            core, key = text[start:end], norm(text[start:end])
            name_tokens, back = [], _name_before(text, start, end, idx)
            if not back:
                name_tokens = _name_tokens_at(text, end, idx)
        # "<multiword known title> of <country>" -> the known title, qualified
        if key not in idx.known_titles and " of " in key:
            cut = [mm.start() for mm in re.finditer(" of ", key)]
            for k in [key[:c] for c in reversed(cut) if key[:c] in idx.known_titles]:
                if len(k.split()) > 1:
                    tail = key[len(k) + 4:].split()
                    if tail and all(is_countryish(x.title(), idx.places) or x in STOPWORDS for x in tail):
                        end = start + len(core[:_prefix_len(core, k)].rstrip())
                        core, key, qualified = text[start:end], k, True
                    break
        ctx_before = text[max(0, m.start() - 40):m.start()] + text[m.start():start]
        determined = bool(_DETERMINER_END.search(ctx_before))
        men = Mention(start, end, core, key, head_of(core), determined, qualified, ranked)
        if back is not None:
            # a name on either side: the one that holds the title ("After meeting Costa, President of the
            # European Commission, Ms Ursula von der Leyen, said"), else the name before it
            fwd = resolve_name([t[0] for t in name_tokens], idx)[0] if name_tokens else ()
            if _holds_any(key, resolve_name([t[0] for t in back], idx)[0] if back else (), idx) \
                    or not _holds_any(key, fwd, idx):
                name_tokens = back
        if name_tokens:
            men.name_start, men.name_end = name_tokens[0][1], name_tokens[-1][2]
            men.name = text[men.name_start:men.name_end]
            men.persons, men.partial = resolve_name([t[0] for t in name_tokens], idx)
        out.append(men)
    return out


_WORD_AT = lazy_re(r"[^\s,;:()]+")
_LINE_WORD = lazy_re(r"[^\W\d_][\w\u2019'\-]*")
_NEXT_WORD = lazy_re(r"[ \t]+([^\W\d_][\w\u2019'\-]*)")
# a verb of a headline in the present tense: "Travels", "Meets", "Hosts", "Discusses" (not "Harris", "Davis", "Marcus")
_HEADLINE_VERB = lazy_re(r"[A-Z][a-z]{2,}(?<![siu])s")


def _title_case_line(text: str, pos: int) -> bool:
    """Is the line around ``pos`` a headline in Title Case: three or more content words, each capitalised,
    and no sentence-final period ("Secretary of Defense Travels to India, Republic of Korea, and Indonesia")?"""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a:b if b >= 0 else len(text)].rstrip()
    if not line or line[-1] in ".!?;:,":
        return False
    words = [w for w in _LINE_WORD.findall(line) if norm_token(w) not in STOPWORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _before_headline_verb(text: str, tokens: list, idx: TitleIndex) -> list:
    """The name tokens before the first that is a headline's verb: in a Title-Case line, a word no glossary
    name has, with a present-tense ending, that is followed by a lower-case word, a stop word or a role
    ("Travels to", "Meets With", "Hosts Secretary") or comes after a first name word ("Teodoro Visits India")."""
    if not _title_case_line(text, tokens[0][1]):
        return tokens
    for i, (tok, _s, e) in enumerate(tokens):
        if norm_token(tok) in idx.part_to_persons or not _HEADLINE_VERB.fullmatch(tok):
            continue
        if i == 0:
            nm = _NEXT_WORD.match(text, e)
            nxt = nm.group(1) if nm else ""
            if not nxt or not (nxt[0].islower() or norm_token(nxt) in STOPWORDS or nxt.lower() in idx.heads):
                continue
        return tokens[:i]
    return tokens


# military ranks, their abbreviations and courtesy titles that stand between a title and a name ("Pentagon
# Press Secretary Maj. Gen. Pat Ryder", "Foreign Minister Dr. Jaishankar"): general English, not the glossary's
_RANK_NOUNS = frozenset(
    "general lieutenant major brigadier colonel captain commander admiral commodore marshal sergeant corporal "
    "private ensign gen lt lieut maj brig col capt cpt cmdr cdr adm radm vadm sgt ssgt msgt cmsgt cpl pvt cdre "
    "ens ltgen majgen briggen ltcol dr mr mrs ms prof sir dame".split()
)
# words that make a rank of another (Vice Admiral, Air Chief Marshal, Staff Sergeant); never a rank alone
_RANK_MODIFIERS = frozenset("vice rear air field chief master staff first flight wing group squadron warrant petty lance".split())


def _after_rank(text: str, start: int, idx: TitleIndex) -> Optional[list[tuple[str, int, int]]]:
    """The name tokens after a rank that starts at ``start`` (after a blank: "Maj. Gen. Pat Ryder" -> Pat
    Ryder), or None when no rank starts there or no name follows it (then the rank word is the name:
    "Prime Minister Major said")."""
    pos = start
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    core = False
    while True:
        nm = _NAME_TOKEN.match(text, pos)
        if not nm:
            break
        key = norm_token(nm.group("tok"))
        if key in _RANK_NOUNS:
            core = True
        elif key not in _RANK_MODIFIERS:
            break
        pos = nm.end() + (text[nm.end():nm.end() + 1] == ".")  # "Maj." (the token stops before its period)
    if not core:
        return None
    return _name_tokens_at(text, pos, idx) or None


def _name_tokens_at(text: str, pos: int, idx) -> list:
    """Up to four name words from ``pos`` ((text, start, end) each), stopping at a stop word or a title's head."""
    out = []
    while len(out) < 4:
        nm = _NAME_TOKEN.match(text, pos)
        if not nm:
            break
        tok = nm.group("tok")
        if norm_token(tok) in STOPWORDS or tok.rstrip(".").lower() in idx.heads:
            break
        out.append((tok, nm.start("tok"), nm.end("tok")))
        pos = nm.end()
    return out


def _not_a_name_word(text: str, start: int) -> bool:
    """Is the word at ``start`` an initial ("J.") or a country abbreviation ("U.S.", "UK", "ROK", "JAPAN"),
    rather than part of a person's name?"""
    wm = _WORD_AT.match(text, start)
    word = wm.group(0) if wm else ""
    bare = word.rstrip(".")
    if len(bare) == 1:
        return True
    if _ABBREV.fullmatch(word) or _ABBREV.fullmatch(bare + "."):
        return True
    return bare.isupper() and norm_token(bare) in country_names()


def _prefix_len(core: str, key: str) -> int:
    """Length of the prefix of ``core`` whose key is ``key``."""
    for i in range(len(core), 0, -1):
        if norm(core[:i]) == key:
            return i
    return len(core)


def holders_of(key: str, idx: TitleIndex) -> tuple[int, ...]:
    return idx.title_holders.get(key, ())


def principals(text: str, mentions: list[Mention], idx: TitleIndex) -> list[int]:
    """The glossary persons the document is about: most mentioned by name or by a unique title.

    A participant must be *named* at least once, after a title or by a name form of
    two words or more: a lone "Minister" or "Moon" is no evidence of anyone.
    """
    counts: Counter = Counter()
    named: set[int] = set()
    covered = set()
    for m in mentions:
        if m.has_name:
            for p in m.persons:
                counts[p] += 1
                named.add(p)
            covered.add(m.name_start)
        else:
            hs = holders_of(m.key, idx)
            if len(hs) == 1:
                counts[hs[0]] += 1
    # name forms: look up runs of capitalised words (longest first) instead of one huge regex
    toks = list(_CAP_TOKEN.finditer(text))
    keys = list(map(norm, map(re.Match.group, toks)))
    starts, ends = list(map(re.Match.start, toks)), list(map(re.Match.end, toks))
    ntok = len(toks)
    nxt = 0  # a found name form covers its tokens
    for i in compress(count(), map(idx.form_first_keys.__contains__, keys)):  # tokens that can start a form
        if i < nxt:
            continue
        for n in range(min(idx.max_form_words, ntok - i), 0, -1):
            if not all(text[ends[k]:starts[k + 1]] in (" ", "\t") for k in range(i, i + n - 1)):
                continue  # the words must be joined by one blank
            ps = idx.form_to_persons.get(" ".join(k for k in keys[i:i + n] if k))
            if ps and starts[i] not in covered:
                for p in ps:
                    counts[p] += 1
                    if n > 1:
                        named.add(p)
                nxt = i + n
                break
    counts = Counter({p: c for p, c in counts.items() if p in named})
    if not counts:
        return []
    top = max(counts.values())
    chosen = [p for p, c in counts.items() if c >= 0.2 * top]
    return sorted(chosen, key=lambda p: (-counts[p], p))


def person_title_like(p: Person, found: str) -> str:
    """The person's title most like ``found`` in shape (same word count first)."""
    return best_match(found, p.titles) or (p.titles[0] if p.titles else "")


def _held_stack(key: str, p: Person) -> bool:
    """Is ``key`` two or more titles of ``p`` written one after the other ("director general vice admiral"
    for a Director-General who is a Vice Admiral)?"""
    words = key.split()
    n = len(words)
    ends = {0: 0}  # word position reached -> number of held titles used to reach it
    for a in range(n):
        if a not in ends:
            continue
        for b in range(a + 1, n + 1):
            if " ".join(words[a:b]) in p.title_keys:
                ends.setdefault(b, ends[a] + 1)
    return ends.get(n, 0) >= 2


_SPELLING = (("ence", "ense"), ("our", "or"), ("isation", "ization"), ("ise", "ize"))


@lru_cache(maxsize=1 << 12)
def _spelling_key(word: str) -> str:
    """British and American spellings alike: defence/defense, labour/labor, organisation/organization."""
    for gb, us in _SPELLING:
        if len(word) > len(gb) + 2 and word.endswith(gb):
            return word[: -len(gb)] + us
    return word


def _title_words(title: str) -> frozenset[str]:
    return frozenset(map(_spelling_key, content_words(title)))


def _descriptive(title: str) -> bool:
    """Does the title read as a description of the office rather than as a title before a name: 'X of the Y
    of Z', an article and two links ('General Secretary of the Communist Party of Vietnam', 'Assistant to
    the President for National Security Affairs'), unlike 'General Secretary', 'Secretary of State for
    Defence' or 'Minister of the Armed Forces'?"""
    words = norm(title).split()[1:]
    return "the" in words and sum(w in ("of", "for", "to") for w in words) >= 2


def _held_title_for(p: Person, wrong: str, idx: TitleIndex, before_name: bool = False) -> str:
    """The held title to put in place of the ``wrong`` one: the one sharing the most content words with it
    (defence/defense alike: "Secretary of Defense" -> "Secretary of State for Defence", not "Secretary of
    State"); among those that share some, one of the same form ("X of Y" or not: "Minister of Defence" ->
    "Minister of the Armed Forces"); then one of as many words ("Foreign Minister" -> "Defense Minister",
    "Minister Austin" -> "Secretary"); then the first listed. A title that shares no word says nothing by its
    form: "Secretary of State" -> "National Security Advisor", not "Assistant to the President for National
    Security Affairs". A one-word title that is the head word of another office's title ("Secretary" beside
    a Secretary of State, "Minister" that someone else holds) says nothing about which office: never
    chosen while the person holds another title.  Before a name (``before_name``), after the words shared and
    the form, a title that reads as one before a name wins over a description of the office ("President
    Trong" -> "General Secretary", not "General Secretary of the Communist Party of Vietnam")."""
    titles = [t for t in p.titles if not _bare_head_of_another(t, p, idx)] or list(p.titles)
    if not titles:
        return ""
    ws, n, shape = _title_words(wrong), len(wrong.split()), _shape(wrong)

    def rank(t: str):
        shared = len(_title_words(t) & ws)
        return (-shared, shared > 0 and _shape(t) != shape, before_name and _descriptive(t), len(t.split()) != n,
                titles.index(t))

    return min(titles, key=rank)


def _bare_head_of_another(title: str, p: Person, idx: TitleIndex) -> bool:
    """A one-word title ("Secretary") that another office shares: held by another glossary person, or the
    head word of a known title that ``p`` does not hold."""
    key = norm(title)
    if " " in key:
        return False
    if any(idx.persons[i] is not p for i in holders_of(key, idx)):
        return True
    return any(head_of(k) == key and k != key and k not in p.title_keys for k in idx.known_titles)


def name_like(p: Person, found: str) -> str:
    """The person's name form most like ``found`` (same number of words first)."""
    return best_match(found, p.forms) or p.name


def _name_words(p: Person) -> list[str]:
    """The words of a person's name forms, without initials and suffixes ("Lloyd", "Austin")."""
    out = []
    for f in p.forms:
        for w in f.split():
            if len(norm_token(w)) > 1 and norm_token(w) not in _SUFFIXES:
                out.append(w)
    return list(dict.fromkeys(out))


# the end of a sentence: a period (not after a lone capital: "J.", "U.S.") or ! ?, then a blank
_SENTENCE_END = lazy_re(r"(?<![^\w][A-Z])[.!?]+[\"'\u201d\u2019)]*\s")


def _second_holders(text: str, mentions: list[Mention], idx: TitleIndex) -> set[tuple[str, str]]:
    """(title key, name key) of the names the text gives a title next to its glossary holder: a sentence
    that has "Secretary Austin and Secretary Teodoro" (or "Secretary Teodoro and Secretary of Defense
    Austin") says that two people hold the title, so Teodoro is a counterpart the glossary does not
    list, not Austin misnamed, here and wherever else the text calls him Secretary."""
    out: set[tuple[str, str]] = set()
    by_key: dict[str, list[Mention]] = {}  # named mentions by title key, and by head noun for bare titles
    for o in mentions:
        if o.has_name and o.persons:
            by_key.setdefault(o.key, []).append(o)
            if o.head != o.key:
                by_key.setdefault(o.head, []).append(o)
    if not by_key:
        return out
    for m in mentions:
        if not m.has_name or m.persons or m.partial:
            continue
        # the same title, or for a bare head noun ("Secretary") any title with that head
        for o in by_key.get(m.key, ()):
            if o.key != m.key and " " in m.key:
                continue
            if not set(holders_of(m.key, idx)) & set(o.persons):
                continue
            a, b = (o.end, m.start) if o.start < m.start else (m.end, o.start)
            if not _SENTENCE_END.search(text, a, b):
                out.add((m.key, norm(m.name)))
                break
    return out


def _second_holder(m: Mention, second: set[tuple[str, str]]) -> bool:
    """Has the text named ``m``'s name as a second holder of its title (or of its head noun)?"""
    name = norm(m.name)
    return (m.key, name) in second or (m.head, name) in second


# a one-word name is a misspelling of a surname (both of five letters or more) when it is this similar
# to it, or NEAR_MISS_SOUND similar and sounds the same (textdistance's Match Rating Approach):
# "Hiely"/"Healey" (0.73, same codex); "Arafat"/"Erakat" and "Sharon"/"Shimon" (0.70) are other people.
# Measured on the 300 clean news articles of benchmarks/false_alarms.py, every capitalised word of five
# letters or more against every 'Mr/Ms/Dr X' of the same article: 9 pairs reach 0.7 by similarity alone,
# 2 with these two bounds (Romaszko/Romanszko, one name misspelt in the source).
NEAR_MISS = 0.85
NEAR_MISS_SOUND = 0.7


def _near_miss_of(name: str, p: Person) -> Optional[str]:
    """The word of the person's name that the one-word ``name`` misspells ("Hiely" -> "Healey"), if any.
    Both must have five letters or more: short surnames one letter apart are often other people
    (Wong/Wang, Lee/Li)."""
    key = norm_token(name)
    if " " in name.strip() or len(key) < 5 or key in p.parts:
        return None
    best, found = 0.0, None
    for w in _name_words(p):
        wk = norm_token(w)
        if len(wk) < 5:
            continue
        sim = max(fuzz.ratio(key, wk) / 100.0, editex_similarity(key, wk) - 0.05)
        if sim < NEAR_MISS and not (sim >= NEAR_MISS_SOUND and sounds_alike(key, wk)):
            continue
        if sim > best:
            best, found = sim, w
    return found


def _name_suggestion(p: Person, found: str) -> str:
    """The person's name in the shape the text uses: a surname for a one-word name (their one-word
    form, else the word of their name it resembles, else the last word: 'Austin' for Lloyd J. Austin III)."""
    if " " in found.strip():
        return name_like(p, found)
    single = [f for f in p.forms if len(f.split()) == 1]
    if single:
        return best_match(found, single)
    words = _name_words(p)
    if not words:
        return p.name
    return _near_miss_of(found, p) or words[-1]


def _after_words_before(text: str, start: int, title: str) -> str:
    """``title`` without its leading words that the text already has just before ``start``: the
    suggestion replaces the title core, and the modifiers before it stay ("UN General Secretary" ->
    "UN Secretary-General", not "UN UN Secretary-General")."""
    words = title.split()
    before = text[max(0, start - 80):start]
    if not before[-1:].isspace():
        return title
    for k in range(len(words) - 1, 0, -1):
        lead = " ".join(words[:k])
        if before.rstrip().endswith(lead) and not before.rstrip()[-len(lead) - 1:-len(lead)].strip(" \t"):
            return " ".join(words[k:])
    return title


def _in_case_of(suggestion: Optional[str], written: str) -> Optional[str]:
    """The suggestion in the case style of the text it replaces: all capitals stays all capitals (a
    transcript's speaker label, 'SECRETARY THEODORO:' -> 'TEODORO', never 'Teodoro')."""
    if suggestion and sum(c.isalpha() for c in written) > 1 and written.isupper():
        return suggestion.upper()
    return suggestion


def _glossary_title(key: str, holders: Iterable[int], idx: TitleIndex, written: str) -> str:
    """The title ``key`` as the glossary writes it (a holder's title: 'Secretary' for the text's
    'SECRETARY'), else as the text does."""
    for i in holders:
        for t in idx.persons[i].titles:
            if norm(t) == key:
                return t
    return written


def _titles_list(p: Person) -> str:
    """The person's titles, each quoted: a title may hold a comma ("Chief of Staff, Joint Staff") or end
    in a period ("Gen.")."""
    return ", ".join(f"'{t}'" for t in p.titles) if p.titles else "none listed"


# --------------------------------------------------------------------------- rules

_GLOSSARY_DEMO = """
[[person]]
term = "Lloyd J. Austin III"
variants = ["Lloyd Austin", "Austin"]
titles = ["Secretary of Defense", "Defense Secretary", "Secretary"]

[[person]]
term = "Suh Wook"
variants = ["Suh"]
titles = ["Minister of National Defense", "Defense Minister", "Minister"]
"""

WRONG_TITLE = rule(
    code="TITLE001",
    name="title-not-held",
    family=FAMILY,
    summary="A person of the glossary is given a title the glossary does not list for them.",
    severity="major",
    category="Accuracy/Mistranslation",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A title directly followed by the name of a glossary person (`Secretary of State
Austin`, `Minister Austin`) where that title is not among the person's `titles`
(nor a variant of one of them through a `[[title]]` entry).  Country modifiers
before the title (`U.S.`, `South Korean`) are ignored; a title that is only a
spelling drift of one of the person's titles is left to the near-miss checks; a
stack of titles the person each holds (`Director-General Vice Admiral Jonathan
Mead`) is correct.  The suggestion is the held title sharing the most words with
the wrong one (defence/defense alike), then one of the same form, then before a
name one that is no `X of the Y of Z` description (`President Trong` -> `General
Secretary`), then one of the same length, then the first listed; never a one-word
title another office shares while the person holds another.

## Why it matters
A wrong title changes who is speaking: "Secretary of State Austin" makes the
Secretary of Defense a diplomat.  Readers and officials notice at once.

## Example
    Secretary of State Austin expressed support for strong dialogue.

## Preferred
    Secretary of Defense Austin expressed support for strong dialogue.
""",
    examples=(
        Example("Secretary of State Austin expressed support.", ("TITLE001",), glossary=_GLOSSARY_DEMO, flagged="Secretary of State"),
        Example("Minister Suh and Minister Austin thanked their hosts.", ("TITLE001",), glossary=_GLOSSARY_DEMO, flagged="Minister"),
        Example("U.S. Defense Secretary Lloyd Austin and Minister Suh met in Seoul.", (), glossary=_GLOSSARY_DEMO),
    ),
)

UNKNOWN_HOLDER = rule(
    code="TITLE002",
    name="title-unknown-holder",
    family=FAMILY,
    summary="A glossary title is followed by a name that is not among the holders of that title.",
    severity="major",
    category="Accuracy/Mistranslation",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A title that glossary persons hold (`Defense Minister`, `Minister`) followed by a
name that is none of theirs and shares no name part with any glossary person
(`Defense Minister Xu Xu`, `Minister Su` when the Minister is Suh Wook).  The
finding names the official holder.  When the name resembles another glossary
person who holds a different title (`Secretary Su` for Minister Suh), the whole
titled name is flagged and the suggestion gives that person's title and name.

A name that shares a part with a glossary person (`General Won Inchu`) is a
misspelling, left to the near-miss checks.  A title held by several people or only by
people the document barely mentions (`President Xi` in a text about two ministers) is
left alone, unless the name misspells the surname of one holder (`Defence Secretary Hiely` for Healey:
five letters or more, similarity 0.85, or 0.7 when they sound alike by the Match Rating Approach); the
message then calls the name a misspelling of the holder's (`'Hiely' looks like a misspelling of 'Healey'`).  Not names:
initials alone or a country abbreviation (`Secretary of State J. said`, `the Secretary
of the Treasury U.S. delegation`).  A name given the title in the same sentence as its
holder (`Secretary Austin and Secretary Teodoro met`) is a second holder, left alone
there and wherever else the text gives it that title.  A courtesy title before such a
near miss of a participant's surname (`Mr Hiely`) is flagged too; other surnames after
`Mr`/`Ms` (`Ms Smith`) are other people.

## Why it matters
Transliteration drift ("Xu Xu" for Suh Wook) or a wrong name after a title makes
the document name someone who was not there.

## Example
    South Korean Defense Minister Xu Xu and U.S. Defense Secretary Lloyd Austin III led their delegations.

## Preferred
    ROK Minister of National Defense Suh Wook and U.S. Secretary of Defense Lloyd J. Austin III led their delegations.
""",
    examples=(
        Example("Minister Suh Wook arrived. Defense Minister Xu Xu met Secretary Austin.", ("TITLE002",),
                glossary=_GLOSSARY_DEMO, flagged="Xu Xu"),
        Example("Minister Suh met Secretary Austin. The Minister spoke first.", (), glossary=_GLOSSARY_DEMO),
        Example("Minister Suh met the press. Later, Defense Secretary Austen spoke.", ("TITLE002",),
                glossary=_GLOSSARY_DEMO, flagged="Austen"),
        Example("Minister Suh met Secretary Austin and Secretary Teodoro. Mr Smith and Secretary of State J. spoke.",
                (), glossary=_GLOSSARY_DEMO),
    ),
)

NO_PARTICIPANT = rule(
    code="TITLE003",
    name="role-fits-no-participant",
    family=FAMILY,
    summary="A role standing alone ('the Secretary of State', 'the two heads of state') that no participant in the glossary holds.",
    severity="major",
    category="Accuracy/Mistranslation",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A capitalised role used on its own, after `the`, `both` or `and`
(`the Secretary of State`, `The Foreign Minister`, `the Minister of Foreign Affairs`),
that is not a title of any glossary person nor a `[[title]]` form, while a
*participant* (a glossary person the document mentions often, by name or by a title
only they hold) has a title with the same head noun: the role is then a
mistranslation of that participant's title, which is suggested (`Secretary of
Defense` for `Secretary of State` when the participants are a Minister and a
Secretary of Defense; `Secretary General` for `the Secretary of State` when the
Secretary General takes part: the head noun of `Secretary General` is `Secretary`).
Also `the two heads of state` / `heads of government`
when no participant holds a head-of-state (or head-of-government) title.

Never flagged: roles some glossary person holds, roles of glossary `[[title]]`
entries, roles whose words are all inside a glossary title (`the Chairman` for
the Chairman of the Joint Chiefs of Staff), roles with a country modifier
(`the Japanese Foreign Minister`), with a rank (`Deputy`, `Vice`, `Prime`), or
followed by a name; institution names (`UN Security Council`, `Joint Chiefs of
Staff`) are not roles.

## Why it matters
Machine translation often turns a defense minister into a foreign minister or a
secretary of defense into a secretary of state; the document then reports a
meeting between people who were not there.

## Example
    The Minister and Secretary of State reiterated the vision of the leaders.

## Preferred
    The Minister and the Secretary reiterated the vision of the leaders.
""",
    examples=(
        Example("Minister Suh met Secretary Austin. The Minister and Secretary of State agreed.", ("TITLE003",),
                glossary=_GLOSSARY_DEMO, flagged="Secretary of State"),
        Example("Minister Suh met Secretary Austin. The two heads of state agreed.", ("TITLE003",),
                glossary=_GLOSSARY_DEMO, flagged="The two heads of state"),
        Example("Minister Suh met Secretary Austin. The Minister and the Secretary agreed on UN Security Council resolutions.", (),
                glossary=_GLOSSARY_DEMO),
    ),
)

DOUBLED_SIDE = rule(
    code="TITLE004",
    name="pair-names-one-side-twice",
    family=FAMILY,
    summary="'The Minister and the Minister' where only one participant holds that title.",
    severity="major",
    category="Accuracy/Mistranslation",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
Two identical standalone titles joined by `and` (`the Minister and the Minister`,
`The Minister and Minister`) when exactly one glossary person holds that title and
another participant holds a different one.  The suggestion keeps the first title and
gives the other participant's title of the same shape (`the Minister and the Secretary`).
Not flagged when two glossary persons hold the title (a meeting of two ministers).

## Why it matters
The pair stands for the two heads of delegation; naming one side twice drops the
other delegation from the sentence.

## Example
    The Minister and the Minister reviewed the progress of the tasks.

## Preferred
    The Minister and the Secretary reviewed the progress of the tasks.
""",
    examples=(
        Example("Minister Suh met Secretary Austin. The Minister and the Minister agreed.", ("TITLE004",),
                glossary=_GLOSSARY_DEMO, flagged="Minister and the Minister"),
        Example("Minister Suh met Secretary Austin. The Minister and the Secretary agreed.", (), glossary=_GLOSSARY_DEMO),
    ),
)

_HEAD_OF = lazy_re(
    r"(?<![\w\-])(?P<role>(?:(?P<det>[Tt]he|[Bb]oth)[ \t]+)?(?:(?:two|three|both)[ \t]+)?"
    r"[Hh]eads[ \t]+of[ \t]+(?P<what>state|government))(?![\w\-])"
)
# the literal core of _HEAD_OF: found first (fast scan), then _HEAD_OF is matched around it
_HEAD_OF_CUE = lazy_re(r"[Hh]eads[ \t]+of[ \t]+(?:state|government)(?![\w\-])")


def _heads_of(text: str):
    """``_HEAD_OF.finditer(text)``, without trying the pattern at every position of the text."""
    floor = 0
    for cue in _HEAD_OF_CUE.finditer(text):
        lo = cue.start()
        for _ in range(2):  # the role starts at most two blank-separated words before "heads"
            j = lo
            while j > floor and text[j - 1] in " \t":
                j -= 1
            if j == lo:
                break
            while j > floor and not text[j - 1].isspace():
                j -= 1
            lo = j
        hm = _HEAD_OF.search(text, lo, min(len(text), cue.end() + 1))
        if hm:
            floor = hm.end()
            yield hm
# titles that make their holder a head of state / of government (general English)
_HEAD_OF_STATE_WORDS = frozenset("president king queen emperor empress monarch sovereign emir sultan grand duke governor general".split())
_HEAD_OF_GOVT_WORDS = frozenset("prime premier chancellor president taoiseach".split())


_SIBILANT_END = lazy_re(r"(?:s|x|z|ch|sh)$")


def _plural_title(title: str) -> str:
    """English plural of a title: its head noun made plural ("Secretary" -> "Secretaries", "Secretary
    of State" -> "Secretaries of State", "Foreign Minister" -> "Foreign Ministers")."""
    words = title.split()
    i = next((k - 1 for k, w in enumerate(words) if k and w.lower() in ("of", "for")), len(words) - 1)
    w = words[i]
    if w.lower().endswith("-general"):  # "Secretaries-General"
        return " ".join(words[:i] + [_plural_word(w[:-8]) + w[-8:]] + words[i + 1:])
    if i and w.lower() == "general":  # a "General" after its noun: "Attorneys General"
        i -= 1
    return " ".join(words[:i] + [_plural_word(words[i])] + words[i + 1:])


def _plural_word(w: str) -> str:
    if w[-1:] == "y" and w[-2:-1].lower() not in "aeiou":
        return w[:-1] + "ies"
    if _SIBILANT_END.search(w.lower()):
        return w + "es"
    return w + "s"


def _holds_head_of(p: Person, what: str) -> bool:
    words = _HEAD_OF_STATE_WORDS if what == "state" else _HEAD_OF_GOVT_WORDS
    for k in p.title_keys:
        ws = set(k.split())
        if ws & (words - {"general", "grand", "duke"}) or "head of " + what in k:
            return True
    return False


# a courtesy title and one capitalised word, not followed by another (a full name is the names family's)
_HONORIFIC = lazy_re(
    r"(?=[MDPSL])(?<![\w\-.])(?P<hon>Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady)\.?[ \t]+"
    r"(?P<name>[A-Z][a-z][\w\u2019'\-]*)(?![\w\-])(?![ \t]+[A-Z])"
)


def _honorific_misses(doc, text: str, princ: list[int], idx: TitleIndex):
    """'Mr Hiely' when a participant is John Healey: a courtesy title before a surname no glossary person
    has, which is a near miss of exactly one participant's name.  Another surname ('Ms Wong' in a text
    about Healey) is another person and stays clean."""
    persons = idx.persons
    for hm in _HONORIFIC.finditer(text):
        name = hm.group("name")
        key = norm_token(name)
        if key in idx.part_to_persons:
            continue  # a glossary person's name
        near = [(i, w) for i in princ if (w := _near_miss_of(name, persons[i])) is not None]
        if len(near) != 1:
            continue
        p = persons[near[0][0]]
        yield make_finding(
            UNKNOWN_HOLDER, doc, hm.start("name"), hm.end("name"),
            f"'{hm.group('hon')} {name}': '{name}' looks like a misspelling of '{_name_suggestion(p, name)}' "
            f"({p.name}, who takes part in the text); no glossary person is named '{name}'.",
            suggestion=_name_suggestion(p, name), confidence=0.7, term_id=p.id,
        )


def _role_within_known(m: Mention, idx: TitleIndex) -> bool:
    """All content words of the role appear inside one known title ("the Chairman")."""
    return _words_within_known(m.core, idx)


def _words_within_known(role: str, idx: TitleIndex) -> bool:
    """All content words of ``role`` appear inside one known title."""
    cw = content_words(role)
    if not cw:
        return False
    sets = [idx.title_word_index.get(w) for w in cw]
    if any(s is None for s in sets):
        return False
    sets.sort(key=len)  # smallest first: the intersection costs the size of the rarest word
    return bool(sets[0].intersection(*sets[1:]))


@checker(FAMILY, [WRONG_TITLE, UNKNOWN_HOLDER, NO_PARTICIPANT, DOUBLED_SIDE], needs_glossary=True)
def check_titles(doc, ctx):
    idx = title_index(ctx.glossary)
    if not idx:
        return
    text = doc.text
    mentions = find_mentions(text, idx)
    princ = principals(text, mentions, idx)
    princ_set = set(princ)
    persons = idx.persons
    doubled: set[int] = set()
    second = _second_holders(text, mentions, idx)

    # TITLE004 first: its mentions are not reported again
    for a, b in zip(mentions, mentions[1:]):
        if a.has_name or b.has_name or a.key != b.key or a.ranked or b.ranked:
            continue
        if not _AND_THE.fullmatch(text, a.end, b.start):
            continue
        hs = holders_of(a.key, idx)
        if len(hs) != 1:
            continue
        others = [q for q in princ if q != hs[0] and persons[q].titles]
        if not others:
            continue
        q = persons[others[0]]
        other_title = person_title_like(q, b.core)
        if norm(other_title) in persons[hs[0]].title_keys:
            continue
        p = persons[hs[0]]
        suggestion = text[a.start:b.start] + _in_case_of(other_title, b.core)
        doubled.update((id(a), id(b)))
        yield make_finding(
            DOUBLED_SIDE, doc, a.start, b.end,
            f"'{text[a.start:b.end]}' names the same side twice: the only "
            f"'{_glossary_title(a.key, hs, idx, a.core)}' in the glossary is {p.name}; "
            f"the other participant, {q.name}, is '{other_title}'.",
            suggestion=suggestion, confidence=0.85, term_id=q.id,
        )

    for m in mentions:
        if id(m) in doubled:
            continue
        if m.has_name:
            if m.persons:
                if any(m.key in persons[i].title_keys for i in m.persons):
                    continue
                if any(m.key.startswith(k + " and ") for i in m.persons for k in persons[i].title_keys if " " in k):
                    continue  # "Minister for Foreign Affairs and Trade": a held title with a further portfolio
                if any(m.key.startswith(k + " of ") for i in m.persons for k in persons[i].title_keys if " " in k):
                    continue  # "Chief of Defence of the Bundeswehr": a held title with its body
                if " " not in m.key and any(k.startswith((m.key + " of ", m.key + " for "))
                                            for i in m.persons for k in persons[i].title_keys):
                    continue  # "Secretary Hegseth", "Minister Marles": the head word of a held "Secretary of
                    # Defense", "Minister for Defence"
                if any(_held_stack(m.key, persons[i]) for i in m.persons):
                    continue  # "Director-General Vice Admiral Jonathan Mead": titles that are each his
                p = persons[m.persons[0]]
                if any(fuzz.ratio(m.key, k) >= 90 for k in p.title_keys):
                    continue  # spelling drift of a held title: near-miss territory
                if not p.titles:
                    continue
                before_name = m.name_start >= m.end and not text[m.end:m.name_start].strip(" \t")  # no appositive ("..., Name," or "Name, ...,")
                held = _held_title_for(p, m.core, idx, before_name)
                right = _in_case_of(_after_words_before(text, m.start, held), m.core)
                yield make_finding(
                    WRONG_TITLE, doc, m.start, m.end,
                    f"'{m.core}' is not a title of {p.name}; titles in the glossary: {_titles_list(p)}.",
                    suggestion=right, confidence=0.9, term_id=p.id,
                )
                continue
            if m.partial:
                continue  # a misspelt known person: the near-miss checks report it
            hs = holders_of(m.key, idx)
            if not hs:
                continue
            if len(hs) != 1 or hs[0] not in princ_set:
                # several holders (President) or none taking part: most likely someone else, unless the
                # name is a near miss of one holder's name ("Defence Secretary Hiely" for Healey)
                near = [i for i in hs if _near_miss_of(m.name, persons[i]) is not None]
                if len(near) != 1:
                    continue
                holder = persons[near[0]]
                title = _glossary_title(m.key, hs, idx, m.core)
                right = _name_suggestion(holder, m.name)
                yield make_finding(
                    UNKNOWN_HOLDER, doc, m.name_start, m.name_end,
                    f"'{m.name}' looks like a misspelling of '{right}' ({holder.name}, the {title} in the glossary).",
                    suggestion=_in_case_of(right, m.name), confidence=0.75, term_id=holder.id,
                )
                continue
            holder = persons[hs[0]]
            # does the name resemble a glossary person who holds another title ("Secretary Su")?
            lookalike = None
            best = 0.0
            for i in princ:  # only participants: the text is about them
                p = persons[i]
                if i in hs:
                    continue
                for f in p.forms:
                    for cand in (f, *f.split()):
                        if len(cand) < 2:
                            continue
                        s = fuzz.ratio(norm(m.name), norm(cand))
                        if s > best:
                            best, lookalike = s, (i, cand)
            holder_names = " or ".join(persons[i].name for i in hs)
            title = _glossary_title(m.key, hs, idx, m.core)
            if lookalike and best >= 75 and lookalike[0] in princ_set:
                p = persons[lookalike[0]]
                their_title = person_title_like(p, m.core)
                yield make_finding(
                    UNKNOWN_HOLDER, doc, m.start, m.name_end,
                    f"No '{title}' in the glossary is named '{m.name}' (the {title} is {holder_names}); "
                    f"'{m.name}' resembles {p.name}, whose titles are: {_titles_list(p)}.",
                    suggestion=_in_case_of(f"{their_title} {lookalike[1]}", text[m.start:m.name_end]),
                    confidence=0.75, term_id=p.id,
                )
                continue
            if _second_holder(m, second):
                continue  # "Secretary Austin and Secretary Teodoro": the text names two holders of the title
            right = _name_suggestion(holder, m.name)
            if _near_miss_of(m.name, holder) is not None:  # "Secretary of State Blinkin": the holder misspelt
                message = f"'{m.name}' looks like a misspelling of '{right}' ({holder.name}, the {title} in the glossary)."
            else:
                message = f"'{m.name}' is not a holder of the title '{title}' in the glossary; the {title} is {holder_names}."
            yield make_finding(
                UNKNOWN_HOLDER, doc, m.name_start, m.name_end, message,
                suggestion=_in_case_of(right, m.name), confidence=0.8, term_id=holder.id,
            )
            continue
        # standalone role
        if not m.determined or m.qualified or m.ranked or m.key in idx.known_titles or not princ:
            continue
        if _role_within_known(m, idx):
            continue
        counterpart = [
            (persons[i], t) for i in princ for t in persons[i].titles if head_of(t) == m.head
        ]
        if not counterpart:
            continue
        titles = [t for _, t in counterpart]
        # a role written without a country or body before it is given a title without one ("the Secretary
        # of State" -> "Secretary General", not "NATO Secretary General")
        bare = [t for t in titles if not is_countryish(t.split()[0], idx.places)]
        best_title = best_match(m.core, bare or titles)
        owner = next(p for p, t in counterpart if t == best_title)
        parts = "; ".join(f"{persons[i].name}: {_titles_list(persons[i])}" for i in princ[:4])
        yield make_finding(
            NO_PARTICIPANT, doc, m.start, m.end,
            f"'{m.core}' is not the title of any participant in the glossary ({parts}); "
            f"the {m.head} here is {owner.name}, '{best_title}'.",
            suggestion=_in_case_of(best_title, m.core), confidence=0.8, term_id=owner.id,
        )

    if princ:
        yield from _honorific_misses(doc, text, princ, idx)
        for hm in _heads_of(text):
            what = hm.group("what").lower()
            if any(_holds_head_of(persons[i], what) for i in princ):
                continue
            if f"head of {what}" in idx.known_titles:
                continue
            pair = [persons[i] for i in princ[:2]]
            desc = " and ".join(f"{p.name} ({p.titles[-1] if p.titles else 'no title'})" for p in pair)
            sugg = None
            if len(pair) == 2 and all(p.titles for p in pair):
                short = [min(p.titles, key=lambda t: (len(t.split()), len(t))) for p in pair]
                # one title for both: "the two Secretaries", not "the Secretary and the Secretary"
                sugg = "two " + _plural_title(short[0]) if norm(short[0]) == norm(short[1]) else " and the ".join(short)
                sugg = ("The " if hm.group("role")[:1].isupper() else "the ") + sugg
            yield make_finding(
                NO_PARTICIPANT, doc, hm.start("role"), hm.end("role"),
                f"'{hm.group('role')}' fits no participant: none of the participants in the glossary ({desc}) "
                f"holds a head-of-{what} title.",
                suggestion=sugg, confidence=0.75, term_id=pair[0].id,
            )
