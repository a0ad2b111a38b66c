"""Confusable substitutions: a glossary name or term with a word replaced by another
rendering of the same source word ('network commands' for 'cyber commands',
'South Korean Congress' for 'ROK National Assembly').

The words that machine translation confuses come from a documented lexicon of
confusable word groups (:mod:`audit.checks.confusables_data`).  A document phrase
is compared word by word with every multiword admitted form of the glossary's
terms, organizations, events, places and acronym expansions:

* every content word of the official form is matched exactly, by inflection
  (``Chief``/``Chiefs``) or British/American spelling, or by a confusable of the
  same group (one word or a short phrase: ``Congress`` for ``National Assembly``);
* a country qualifier is matched through country aliases (``South Korean`` = ``ROK``
  = ``Republic of Korea``; ISO 3166 names from pycountry plus common short forms
  and demonyms); a form ending ``of <country>`` may have its country moved first
  (``Australian Congress`` for ``Parliament of Australia``);
* at least one word is a confusable substitution and at least as many words (or
  the country qualifier) are exact, at least one of them;
* the document phrase may hold one extra content word (lower confidence, and then
  two exact words are required).

Candidates come from an index compiled once per glossary, keyed by pairs
(official word that a confusable may replace, another exact word or country of
the same form), so the cost does not grow with glossary size x document length.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter
from typing import Optional

from ..glossary.matching import STOPWORDS, find_exact, form_keys, official_index, tokenize, tokens_of
from ._country_table import token_codes
from .confusables_data import GROUPS, SPELLING, Group
from .registry import Example, checker, make_finding, rule

FAMILY = "confusable"

#: articles that may be present in one text and absent in the other at no cost
ARTICLES = frozenset({"the", "a", "an"})
#: the longest official form (in words) that is compared
MAX_FORM = 10
#: the longest confusable phrase (in words)
MAX_PHRASE = 3
#: the longest country expression (in words: 'United States of America')
MAX_COUNTRY = 4
#: kinds whose multiword forms are targets (persons and titles belong to the NAME/TITLE rules)
TARGET_KINDS = frozenset({"term", "org", "event", "place", "acronym"})

_GLOSSARY = """
[[org]]
term = "National Diet"
variants = ["Japan's National Diet"]

[[org]]
term = "Joint Staff"

[[event]]
term = "Quadrilateral Security Dialogue"
acronym = "Quad"

[[term]]
term = "cyber commands"
variants = ["cyber command"]

[[org]]
term = "National Assembly"
variants = ["ROK National Assembly"]
"""

CONFUSABLE_SUBSTITUTION = rule(
    code="TERM003",
    name="confusable-substitution",
    family=FAMILY,
    summary="A glossary name or term with a word replaced by another translation of the same source word "
            "('network commands' for 'cyber commands', 'South Korean Congress' for 'ROK National Assembly').",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
A phrase that lines up word by word with a multiword official form of the glossary
(a term, organization, event, place or acronym expansion), where one word or more
was replaced by a word that machine translation confuses with it.  One source word
often has several English renderings: Chinese 网络 is *network* or *cyber*; 三方 is
*three* or *trilateral*; 国会 / 국회 is *Congress*, *Parliament* or *National
Assembly*; 联合 / 연합 is *joint* or *combined*.  The lexicon of such groups (about
eighty, from Chinese, Japanese, Korean, Russian and French usage) is in
`audit/checks/confusables_data.py`; docs/checks-confusable.md lists it.

Every content word of the official form must be matched: exactly, by inflection
(`Chief` / `Chiefs`) or spelling (`defence` / `defense`), or by a confusable of the
same group; a country qualifier matches through country aliases (`South Korean` =
`ROK`), also moved before the name when the official form ends `of <country>`
(`Australian Congress` for `Parliament of Australia`).  At least one word must be a confusable substitution, and at least as many
(and at least one) exact words or a matching country qualifier must confirm it.
One extra content word in the document phrase is allowed (then two exact words
are required, and the confidence is lower).

Never flagged: an admitted form of any entry, a form the glossary lists as
forbidden (TERM001 reports it), phrases that share only function words or only one
word with an official form (`joint statement`, `network security`, `three sides`),
a legislature of another country (`the U.S. Congress`, `the Japanese Diet` when
the glossary has the ROK National Assembly), a legislature with no country.

## Why it matters
The substituted word is a real English word, so spelling-based checks miss it, yet
the phrase no longer names the official body or programme: "network commands" and
"the South Korean Congress" do not exist.

## Example
    ...cooperation and exchanges between their respective network commands.
    ...the approval of the Special Measures Agreement by the South Korean Congress.
    ...three Chief of Border Defense exercises.

## Preferred
    ...cooperation and exchanges between their respective cyber commands.
    ...the approval of the Special Measures Agreement by the ROK National Assembly.
    ...Trilateral Chiefs of Defense exercises.

## Options
`groups`: more confusable groups for a project, lists of two words or phrases or
more, e.g. in `pyproject.toml` (or `[options.confusable]` in `audit.toml`):

    [tool.audit.options.confusable]
    groups = [["Diet", "Parliament", "Congress"], ["Self-Defense Forces", "military"]]

The confidence grows with the number of exact words and drops for an extra word;
an acronym of the entry right after the phrase confirms it.
""",
    examples=(
        Example("They will develop exchanges between their respective network commands.", ("TERM003",),
                glossary=_GLOSSARY, flagged="network commands"),
        Example("The treaty was approved by the South Korean Congress last week.", ("TERM003",),
                glossary=_GLOSSARY, flagged="South Korean Congress"),
        Example("Ministers met at the four-way Security Dialogue in Tokyo.", ("TERM003",),
                glossary=_GLOSSARY, flagged="four-way Security Dialogue"),
        Example("The Combined Staff briefed the National Parliament.", ("TERM003",),
                glossary=_GLOSSARY, flagged="Combined Staff"),
        Example("The bill is now before the Japanese Parliament.", ("TERM003",),
                glossary=_GLOSSARY, flagged="Japanese Parliament"),
        Example("The treaty went to the Australian Congress.", ("TERM003",),
                glossary='[[org]]\nterm = "Parliament of Australia"\n', flagged="Australian Congress"),
        Example("The treaty went to the Australian Parliament, then to the Parliament of Australia's committee.", (),
                glossary='[[org]]\nterm = "Parliament of Australia"\n'),
        Example("The Joint Staff briefed the National Diet and the ROK National Assembly on cyber commands; "
                "network security, a joint statement, combined arms, three sides, the U.S. Congress, "
                "Congress, the German Parliament and the Quadrilateral Security Dialogue.", glossary=_GLOSSARY),
    ),
)


# --------------------------------------------------------------------------- words


@lru_cache(maxsize=1 << 16)
def stem(key: str) -> str:
    """A token key without inflection (plural) and in American spelling (memoised: pure)."""
    key = SPELLING.get(key, key)
    if len(key) > 4 and key.endswith("ies"):
        return key[:-3] + "y"
    if len(key) > 4 and key.endswith(("sses", "xes", "ches", "shes")):
        return key[:-2]
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


def stems_of(text: str) -> tuple[str, ...]:
    return tuple(stem(t.key) for t in tokenize(text))


# --------------------------------------------------------------------------- countries


def build_countries() -> tuple[dict, frozenset]:
    """Country expressions -> alpha-2 codes (the confusable view of the country table).  Keys are
    token-key tuples; str keys give the lengths of the expressions starting with that word; the
    second value holds the keys that are abbreviations (matched only when written in capitals)."""
    table, abbrev = token_codes()
    out: dict = dict(table)
    lens: dict[str, set[int]] = {}
    for k in table:
        if len(k) <= MAX_COUNTRY:
            lens.setdefault(k[0], set()).add(len(k))
    out.update({w: tuple(sorted(n, reverse=True)) for w, n in lens.items()})  # str keys: lengths by first word
    return out, abbrev


def country_at(tokens, i: int, countries: dict, abbrev: frozenset) -> Optional[tuple[int, frozenset]]:
    """The longest country expression starting at token ``i``: (end index, codes).  Its words
    are joined by single spaces and capitalised (but 'of', 'the'); abbreviations in capitals."""
    t = tokens[i]
    if not t.cap:
        return None
    lens = countries.get(t.key)  # the lengths of the expressions starting with this word
    if not lens:
        return None
    n_tok = len(tokens)
    for n in lens:
        j = i + n
        if j > n_tok:
            continue
        if n == 1:
            keys = (t.key,)
        else:
            ok = True
            for x in tokens[i + 1:j]:
                if x.gap != "space" or not (x.cap or x.key in STOPWORDS):
                    ok = False
                    break
            if not ok:
                continue
            keys = tuple(x.key for x in tokens[i:j])
        codes = countries.get(keys)
        if codes is None:
            continue
        if keys in abbrev and not t.text.replace(".", "").isupper():
            continue
        return j, codes
    return None


def country_run(tokens, i: int, countries: dict, abbrev: frozenset) -> Optional[tuple[int, tuple]]:
    """Countries joined by hyphens from token ``i`` ('South Korea-US'): (end index, codes per country)."""
    got = country_at(tokens, i, countries, abbrev)
    if got is None:
        return None
    end, codes = got
    seq = [codes]
    while end < len(tokens) and tokens[end].gap == "hyphen":
        nxt = country_at(tokens, end, countries, abbrev)
        if nxt is None:
            break
        end, codes = nxt
        seq.append(codes)
    return end, tuple(seq)


def same_countries(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(any(x & y for y in b) for x in a) and all(any(x & y for x in a) for y in b)


# --------------------------------------------------------------------------- the index


@dataclass
class Target:
    """One multiword admitted form that confusable substitutions are compared with."""

    term_id: str
    official: str  # the entry's official form
    text: str  # this form (what is suggested)
    kind: str
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # token offsets in ``text``
    proper: bool  # a capitalised name (not a lower-case term of art)
    countries: dict  # token index -> (end index, codes per country)
    phrases: dict  # token index -> [(end index, phrase stems, group ids)]
    acronyms: tuple[str, ...] = ()
    #: (index of 'of', country token index) when the form ends '... of <country>' ('Parliament of
    #: Australia'): the document may put the country first ('Australian Congress')
    tail: Optional[tuple[int, int]] = None
    #: the countries any form of the entry names ('ROK Ministry of National Defense': KR): the document
    #: must name one of them somewhere for the entry to be what it is about
    entry_countries: frozenset = frozenset()

    @property
    def n(self) -> int:
        return len(self.stems)


@dataclass
class ConfusableIndex:
    targets: list = field(default_factory=list)
    pairs: dict = field(default_factory=dict)  # (official phrase stems, anchor) -> [target idx]
    need: dict = field(default_factory=dict)  # (target idx, official phrase) -> (anchors needed, words, countries)
    anchors: dict = field(default_factory=dict)  # official phrase stems -> every anchor paired with it
    groups: tuple = GROUPS  # the lexicon (built in, plus the configuration's groups)
    triggers: dict = field(default_factory=dict)  # doc stem -> [(doc phrase stems, (official phrase stems, ...))]
    phrase_groups: dict = field(default_factory=dict)  # phrase stems -> frozenset of group ids
    countries: dict = field(default_factory=dict)
    abbrev: frozenset = frozenset()
    country_first: frozenset = frozenset()  # first token keys of every country expression

    def __bool__(self) -> bool:
        return bool(self.pairs)


def build_lexicon(groups: tuple[Group, ...] = GROUPS) -> dict[tuple[str, ...], frozenset[int]]:
    """Phrase stems -> the groups (indexes into ``groups``) that hold it."""
    out: dict[tuple[str, ...], set[int]] = {}
    for gi, g in enumerate(groups):
        for w in g.words:
            keys = stems_of(w)
            if keys:
                out.setdefault(keys, set()).add(gi)
    return {k: frozenset(v) for k, v in out.items()}


def build_index(glossary, groups: tuple[Group, ...] = GROUPS) -> ConfusableIndex:
    idx = ConfusableIndex()
    idx.groups = groups
    lex = build_lexicon(groups)
    idx.phrase_groups = lex
    idx.countries, idx.abbrev = build_countries()
    idx.country_first = frozenset(k for k in idx.countries if isinstance(k, str))
    acr_of: dict[str, list[str]] = {}
    for t in glossary.terms:
        if t.kind == "acronym" and t.expands:
            acr_of.setdefault(t.expands, []).append(t.term)
    seen: set[tuple[str, ...]] = set()
    forms: list[tuple] = []
    entry_countries: dict[str, frozenset] = {}  # term id -> the countries its forms name
    lex_words = frozenset(w for k in lex for w in k)
    for t in glossary.terms:
        if t.kind not in TARGET_KINDS:
            continue
        for f in ([t.expands] if t.kind == "acronym" and t.expands else list(t.forms)):
            # only forms holding a lexicon word can be targets (cheap test before tokenizing)
            if any(stem(w) in lex_words for w in _WORD.findall(f.lower())):
                forms.append((t, f))
                if t.id not in entry_countries and t.kind == "org":  # an institution of a country; not a
                    entry_countries[t.id] = _form_countries(t, idx)  # place named after one ('South China Sea')
    per_pair: list[tuple] = []  # (target idx, official phrase, word anchors, country anchors)
    for t, f in forms:
        toks = tokenize(f)
        if not 2 <= len(toks) <= MAX_FORM:
            continue
        st = tuple(stem(x.key) for x in toks)
        if st in seen:
            continue
        seen.add(st)
        countries: dict = {}
        i = 0
        while i < len(toks):
            run = country_run(toks, i, idx.countries, idx.abbrev)
            if run:
                countries[i] = run
                i = run[0]
            else:
                i += 1
        phrases: dict = {}
        for i in range(len(st)):
            for j in range(i + 1, min(len(st), i + MAX_PHRASE) + 1):
                gs = lex.get(st[i:j])
                if gs:
                    phrases.setdefault(i, []).append((j, st[i:j], gs))
        official = t.expands if t.kind == "acronym" and t.expands else t.term
        tail = None
        for ci, (ce, _) in countries.items():
            of_i = ci - 2 if ci >= 2 and st[ci - 1] == "the" else ci - 1
            if ce == len(st) and of_i >= 1 and st[of_i] == "of":
                tail = (of_i, ci)
        content = [k for k, x in enumerate(toks) if x.key not in STOPWORDS]
        proper = any(toks[k].cap for k in content)
        target = Target(
            term_id=t.id, official=official, text=f, kind=t.kind, stems=st,
            spans=tuple((x.start, x.end) for x in toks), proper=proper,
            countries=countries, phrases=phrases,
            acronyms=tuple(acr_of.get(official, ())) + ((t.term,) if t.kind == "acronym" else ()),
            tail=tail, entry_countries=entry_countries.get(t.id, frozenset()),
        )
        ti = len(idx.targets)
        idx.targets.append(target)
        in_country = {k for i, (e, _) in countries.items() for k in range(i, e)}
        for i, plist in phrases.items():
            for j, ph, _ in plist:
                if any(k in in_country for k in range(i, j)):
                    continue
                words = frozenset(st[k] for k in content if not (i <= k < j) and k not in in_country)
                ctry = frozenset("@" + c for _, seq in countries.values() for codes in seq for c in codes)
                # exact words (or countries) >= substitutions >= 1: at least half the other units
                units = len(words) + len(countries)
                idx.need[(ti, ph)] = (max(1, (units + 2) // 2), words, ctry)
                per_pair.append((ti, ph, words, ctry))
    # a candidate needs ``need`` of its anchors nearby, so one of its (anchors - need + 1)
    # rarest anchors is always there: post it under those only (short posting lists)
    freq: dict[str, int] = {}
    for _, _, words, ctry in per_pair:
        for a in words:
            freq[a] = freq.get(a, 0) + 1
        if ctry:
            freq["@"] = freq.get("@", 0) + 1
    for ti, ph, words, ctry in per_pair:
        need = idx.need[(ti, ph)][0]
        units = sorted(list(words) + (["@"] if ctry else []), key=lambda a: (freq[a], a))
        for a in units[:len(units) - need + 1]:
            for x in (ctry if a == "@" else (a,)):
                idx.pairs.setdefault((ph, x), []).append(ti)
                idx.anchors.setdefault(ph, set()).add(x)
    # doc-side triggers: every lexicon phrase confusable with an official phrase of some target
    by_group: dict[int, list[tuple[str, ...]]] = {}
    for ph in idx.anchors:
        for g in lex[ph]:
            by_group.setdefault(g, []).append(ph)
    for q, gs in lex.items():
        mates = sorted({p for g in gs for p in by_group.get(g, ()) if "".join(p) != "".join(q)})
        if mates:
            idx.triggers.setdefault(q[0], []).append((q, tuple(mates)))
    idx.anchors = {k: frozenset(v) for k, v in idx.anchors.items()}
    return idx


def _form_countries(t, idx: ConfusableIndex) -> frozenset:
    """The country codes the forms of entry ``t`` name ('ROK Ministry of National Defense' -> KR)."""
    out: set = set()
    for f in t.forms:
        toks = tokenize(f)
        for i in range(len(toks)):
            if toks[i].cap and toks[i].key in idx.country_first:
                run = country_run(toks, i, idx.countries, idx.abbrev)
                if run:
                    out.update(c for codes in run[1] for c in codes)
    return frozenset(out)


def extra_groups(option) -> tuple[Group, ...]:
    """Groups from ``[tool.audit.options.confusable] groups = [["Diet", "Parliament"], ...]``
    (lists of two words or more; anything else is ignored)."""
    out = []
    for n, words in enumerate(option or ()):
        if isinstance(words, (list, tuple)) and len(words) >= 2 and all(isinstance(w, str) and w.strip() for w in words):
            out.append(Group(f"config-{n + 1}", tuple(w.strip() for w in words),
                             "the project's configuration (options.confusable.groups)"))
    return tuple(out)


def _admitted(keys: tuple[str, ...], exact: dict) -> bool:
    """Is this phrase an admitted form of some entry, also in the other number of its
    last word ('Joint Forces Commands' for an admitted 'Joint Forces Command')?"""
    if keys in exact:
        return True
    last = keys[-1]
    other = last[:-1] if last.endswith("s") else last + "s"
    return keys[:-1] + (other,) in exact


def confusable_index(glossary, extra: tuple[Group, ...] = ()) -> ConfusableIndex:
    if not extra:
        return glossary.compiled("confusable.index.v1", build_index)
    key = "confusable.index.v1|" + repr(tuple(g.words for g in extra))
    return glossary.compiled(key, lambda g: build_index(g, GROUPS + extra))


# --------------------------------------------------------------------------- alignment


@dataclass
class Alignment:
    target: int
    start: int  # first token index
    end: int  # one past the last token index
    exact: int
    conf: int
    ins: int
    subs: tuple  # (doc token range, official token range, group ids)
    inserted: tuple  # doc token indexes
    country: Optional[tuple]  # (doc token range, official token range)
    cap_exact: bool  # an exact word written with a capital
    swapped: bool = False  # a two-word form with its words in the reverse order


_KEY = attrgetter("key")
_START = attrgetter("start")


def tokens_bisect(tokens, offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return bisect_left(tokens, offset, key=_START)
_WORD = re.compile(r"[^\W_]+")
_EMPTY: frozenset = frozenset()


class _Para:
    """Per-paragraph lazily computed facts shared by every alignment."""

    def __init__(self, tokens, idx: ConfusableIndex):
        self.tokens = tokens
        keys = list(map(_KEY, tokens))
        self.stems = list(map(stem, keys))
        self.idx = idx
        self._phr: dict = {}
        self._ctry: dict = {}
        #: token index -> '@XX' anchors of the country expression starting there
        self.country_anchors: dict = {}
        # only tokens whose key can start a country expression (a C-level filter) are looked at
        for k in compress(count(), map(idx.country_first.__contains__, keys)):
            if tokens[k].cap:
                run = self.country(k)
                if run:
                    self.country_anchors[k] = {"@" + c for codes in run[1] for c in codes}
        self.country_pos = sorted(self.country_anchors)

    def phrases(self, d: int) -> list:
        got = self._phr.get(d)
        if got is None:
            got = []
            lex = self.idx.phrase_groups
            for e in range(d + 1, min(len(self.stems), d + MAX_PHRASE) + 1):
                if e > d + 1 and self.tokens[e - 1].gap not in ("space", "hyphen"):
                    break
                gs = lex.get(tuple(self.stems[d:e]))
                if gs:
                    got.append((e, tuple(self.stems[d:e]), gs))
            self._phr[d] = got
        return got

    def country(self, d: int):
        try:
            return self._ctry[d]
        except KeyError:
            t = self.tokens[d]
            run = None
            if t.cap and t.key in self.idx.country_first:
                run = country_run(self.tokens, d, self.idx.countries, self.idx.abbrev)
            self._ctry[d] = run
            return run


def align(t: Target, p: _Para, s: int, ti: int) -> Optional[Alignment]:
    """The best word-by-word alignment of target ``t`` with the document from token ``s``; for a
    form ending '... of <country>', also with that country moved first ('Australian Congress' for
    'Parliament of Australia')."""
    toks, stems = p.tokens, p.stems
    res = None
    # the first official word must be there (same word, a confusable, or the country)
    if stems[s] == t.stems[0] or (0 in t.countries and p.country(s)) or (0 in t.phrases and p.phrases(s)):
        res = _solve(t, p, s, t.n)
    if t.tail is not None:
        run = p.country(s)
        of_i, ci = t.tail
        # the name after the country keeps its capital ('an Australian congress of unions' is no name)
        if run and run[0] < len(toks) and toks[run[0]].gap == "space" and toks[run[0]].cap \
                and same_countries(t.countries[ci][1], run[1]):
            r = _solve(t, p, run[0], of_i)
            if r is not None:
                sc = r[0]
                moved = ((sc[0], sc[1] + 1, sc[2]), (("country", s, run[0], ci, t.n), r[1]), r[2])
                if res is None or moved[0] > res[0]:
                    res = moved
    if res is None:
        return _swapped(t, p, s, ti)
    (neg_ins, exact, neg_conf), ops, end = res
    subs, inserted, country, cap_exact = [], [], None, False
    while ops is not None:
        op, ops = ops
        kind = op[0]
        if kind == "conf":
            subs.append(op[1:])
        elif kind == "ins":
            inserted.append(op[1])
        elif kind == "country":
            country = op[1:]
        elif kind == "exact" and stems[op[1]] not in STOPWORDS and toks[op[1]].cap:
            cap_exact = True
    return Alignment(ti, s, end, exact, -neg_conf, -neg_ins, tuple(subs), tuple(inserted), country, cap_exact)


def _confusable_word(t: Target, i: int, p: _Para, d: int) -> frozenset:
    """The groups in which document word ``d`` and official word ``i`` are confusables (one word each)."""
    for j, ph, gs in t.phrases.get(i, ()):
        if j == i + 1:
            for e, q, qg in p.phrases(d):
                if e == d + 1 and q != ph and gs & qg:
                    return gs & qg
    return frozenset()


def _swapped(t: Target, p: _Para, s: int, ti: int) -> Optional[Alignment]:
    """A two-word form with its words in the reverse order and one of them a confusable
    ('Humphreys Base' for 'Camp Humphreys'); both words exact is a plain swap (NAME002)."""
    toks, stems = p.tokens, p.stems
    if t.n != 2 or s + 1 >= len(toks) or toks[s + 1].gap != "space" or t.countries:
        return None
    for d_exact, i_exact, d_conf, i_conf in ((s, 1, s + 1, 0), (s + 1, 0, s, 1)):
        if stems[d_exact] == t.stems[i_exact] and stems[d_exact] not in STOPWORDS \
                and (toks[d_conf].cap or not t.proper):  # a name keeps its capitals: not 'the Humphreys post office'
            gs = _confusable_word(t, i_conf, p, d_conf)
            if gs:
                return Alignment(ti, s, s + 2, 1, 1, 0, ((d_conf, d_conf + 1, i_conf, i_conf + 1, gs),), (), None,
                                 toks[d_exact].cap, swapped=True)
    return None


def _solve(t: Target, p: _Para, s: int, stop: int):
    """Best (score, ops, end) aligning ``t.stems[:stop]`` with the document from token ``s``."""
    toks, stems = p.tokens, p.stems
    n_doc = len(toks)
    memo: dict = {}

    gaps = ("space", "hyphen", "comma") if "," in t.text else ("space", "hyphen")  # 'conventionally armed, ...'

    def joined(d: int) -> bool:  # token d continues the phrase started at s
        return d == s or toks[d].gap in gaps

    def go(i: int, d: int, ins: int):
        """Best (score, ops) aligning target[i:] with doc[d:]; ops is a linked tuple."""
        key = (i, d, ins)
        if key in memo:
            return memo[key]
        best = None

        def offer(res):
            nonlocal best
            if res is not None and (best is None or res[0] > best[0]):
                best = res

        if i == stop:
            memo[key] = ((0, 0, 0), None, d)
            return memo[key]
        if d < n_doc and joined(d):
            ts = t.stems[i]
            # a country qualifier
            if i in t.countries:
                run = p.country(d)
                if run and same_countries(t.countries[i][1], run[1]) and all(joined(k) for k in range(d, run[0])):
                    r = go(t.countries[i][0], run[0], ins)
                    if r:
                        sc = r[0]
                        offer(((sc[0], sc[1] + 1, sc[2]), (("country", d, run[0], i, t.countries[i][0]), r[1]), r[2]))
            # the same word (inflection and spelling ignored)
            if stems[d] == ts:
                r = go(i + 1, d + 1, ins)
                if r:
                    sc = r[0]
                    content = ts not in STOPWORDS
                    offer(((sc[0], sc[1] + content, sc[2]), (("exact", d, d + 1, i, i + 1), r[1]), r[2]))
            # a confusable of the same group
            for j, ph, gs in t.phrases.get(i, ()):
                for e, q, qg in p.phrases(d):
                    if gs & qg and "".join(q) != "".join(ph) and all(joined(k) for k in range(d, e)):
                        r = go(j, e, ins)
                        if r:
                            sc = r[0]
                            offer(((sc[0], sc[1], sc[2] - 1), (("conf", d, e, i, j, gs & qg), r[1]), r[2]))
            # an article present in one text only
            if d > s and stems[d] in ARTICLES and stems[d] != ts:
                r = go(i, d + 1, ins)
                if r:
                    offer(r)
            # one extra content word inside the document phrase
            if d > s and i > 0 and ins == 0 and stems[d] not in STOPWORDS and stems[d] != ts:
                r = go(i, d + 1, 1)
                if r:
                    sc = r[0]
                    offer(((sc[0] - 1, sc[1], sc[2]), (("ins", d, d + 1, i, i), r[1]), r[2]))
        if i > 0 and t.stems[i] in ARTICLES:
            offer(go(i + 1, d, ins))
        memo[key] = best
        return best

    return go(0, s, 0)


def acceptable(a: Alignment, t: Target) -> bool:
    if a.conf < 1 or a.exact < 1 or a.exact < a.conf:
        return False
    if a.ins and a.exact < 2:
        return False
    if t.proper and not (a.cap_exact or a.country):
        return False  # 'joint staff' in running text is not the name 'Combined Staff'
    return True


# --------------------------------------------------------------------------- the checker


def _candidates(p: _Para, idx: ConfusableIndex, d: int) -> set[int]:
    """Targets with an official phrase that the document phrase at ``d`` may replace and
    another of their words (or their country) nearby."""
    out: set[int] = set()
    entries = idx.triggers.get(p.stems[d])
    if not entries:
        return out
    hits: set = set()
    lo, hi = max(0, d - MAX_FORM - 1), min(len(p.stems), d + MAX_FORM + 2)
    window: Optional[set] = None
    for q, mates in entries:
        if tuple(p.stems[d:d + len(q)]) != q:
            continue
        if window is None:
            window = set(p.stems[lo:hi])
            cp = p.country_pos
            for j in range(bisect_left(cp, lo), bisect_left(cp, hi)):
                window |= p.country_anchors[cp[j]]
        for ph in mates:
            for a in window & idx.anchors.get(ph, _EMPTY):
                hits.update((ti, ph) for ti in idx.pairs[(ph, a)])
    need = idx.need
    for k in hits:
        n, words, ctry = need[k]
        # one country qualifier counts once ('ROK-U.S.': @KR, @US)
        if len(words & window) + (not ctry.isdisjoint(window)) >= n:
            out.add(k[0])
    return out


def _describe(a: Alignment, t: Target, p: _Para, doc_text: str) -> str:
    toks = p.tokens
    span = doc_text[toks[a.start].start:toks[a.end - 1].end]
    what = "official term" if t.kind == "term" else "official name"
    acr = f" ({t.acronyms[0]})" if t.acronyms and t.acronyms[0] not in t.text else ""
    parts = [f"'{span}' looks like the {what} '{t.text}'{acr}"]
    for d, e, i, j, gs in a.subs:
        got = doc_text[toks[d].start:toks[e - 1].end]
        want = t.text[t.spans[i][0]:t.spans[j - 1][1]]
        src = "; ".join(dict.fromkeys(p.idx.groups[g].source for g in sorted(gs)))
        parts.append(f"'{got}' and the official '{want}' are machine translations of one source word "
                     f"({src})")
    if a.country:
        d, e, i, j = a.country
        got = doc_text[toks[d].start:toks[e - 1].end]
        want = t.text[t.spans[i][0]:t.spans[j - 1][1]]
        moved = i > 0 and d == a.start  # 'Australian Congress' for 'Parliament of Australia'
        if got.replace(".", "") != want.replace(".", "") or moved:
            same = "the same countries" if "-" in want else "the same country"
            parts.append(f"'{got}' names {same} as '{want}'" + (", which the official name puts last" if moved else ""))
    for d in a.inserted:
        parts.append(f"the extra word '{toks[d].text}' is not part of it")
    if a.swapped:
        parts.append("the two words are in the reverse order")
    msg = parts[0] + ": " + "; ".join(parts[1:]) + "."
    if t.official != t.text:
        msg += f" Official form: '{t.official}'."
    return msg


_ACR_AFTER = re.compile(r"\s*\(\s*([^\s()]{2,12})\s*\)")


def _confidence(a: Alignment, t: Target, doc_text: str, end: int) -> float:
    """0.5 plus 0.06 per exact word or country (three at most), less 0.05 per further
    substitution and 0.08 for an extra word, at most 0.65; an acronym of the entry right
    after the phrase adds 0.15.  (A word swapped for a real English word is weaker
    evidence than a misspelling: on the same span a spelling or acronym rule wins.)"""
    c = min(0.65, 0.5 + 0.06 * min(a.exact, 3) - 0.05 * (a.conf - 1) - 0.08 * a.ins)
    m = _ACR_AFTER.match(doc_text, end)
    if m and t.acronyms and m.group(1).replace("-", "").upper() in {x.replace("-", "").upper() for x in t.acronyms}:
        c += 0.15
    return round(max(0.35, min(0.85, c)), 2)


@checker(FAMILY, [CONFUSABLE_SUBSTITUTION], needs_glossary=True)
def check_confusables(doc, ctx):
    idx = confusable_index(ctx.glossary, extra_groups(ctx.option(FAMILY, "groups")))
    if not idx or not idx.triggers:
        return
    oidx = None
    text = doc.text
    tokens = tokens_of(text)  # shared with the other glossary families (memoised per text)
    p = _Para(tokens, idx)
    triggers = idx.triggers
    doc_countries = None
    todo = list(compress(count(), map(triggers.__contains__, p.stems)))  # token indexes of trigger stems
    # paragraph by paragraph: a phrase never runs across a blank line (its gap is a 'break')
    bounds = [tokens_bisect(tokens, para.start) for para in doc.paragraphs] + [len(tokens)]
    for k in range(len(doc.paragraphs)):
        lo, hi = bounds[k], bounds[k + 1]
        a0, a1 = bisect_left(todo, lo), bisect_left(todo, hi)
        if a0 == a1:
            continue
        found: list[Alignment] = []
        for d in todo[a0:a1]:
            for ti in _candidates(p, idx, d):
                t = idx.targets[ti]
                for s in range(max(0, d - t.n - 1), d + 1):
                    a = align(t, p, s, ti)
                    if a is None or not (a.start <= d < a.end) or not acceptable(a, t):
                        continue
                    found.append(a)
        if not found:
            continue
        exact_spans = None
        taken: list[tuple[int, int]] = []
        if doc_countries is None:  # the countries the document is about: named at least a third as often as the first
            named: Counter = Counter()
            run_end = -1
            for k in p.country_pos:  # each country expression once ('Republic of Korea', not also 'Korea')
                if k >= run_end:
                    named.update(c[1:] for c in p.country_anchors[k])
                    run_end = p.country(k)[0]
            top = max(named.values(), default=0)
            doc_countries = {c for c, n in named.items() if n * 3 >= top}
        found.sort(key=lambda a: (-(a.exact - a.conf - a.ins), a.ins, -(a.end - a.start), a.start, a.target))
        for a in found:
            t = idx.targets[a.target]
            if any(a.start < e and s < a.end for s, e in taken):
                continue
            if t.entry_countries and doc_countries and not t.entry_countries & doc_countries:
                continue  # an entry of a country the document is not about ('Department of National Defence'
                # in a Canadian report that names Korea once is no ROK 'Ministry of National Defense')
            start, end = tokens[a.start].start, tokens[a.end - 1].end
            span = text[start:end]
            if oidx is None:
                oidx = official_index(ctx.glossary)
            keys = tuple(x.key for x in tokens[a.start:a.end])
            if _admitted(keys, oidx.exact):
                continue
            if form_keys(span) in oidx.forbidden:
                continue  # a listed wrong form: TERM001 reports it
            if not _boundaries_ok(tokens, a, t, p):
                continue
            if exact_spans is None:
                exact_spans = [(m.i + lo, m.j + lo) for m in find_exact(tokens[lo:hi], oidx) if m.j - m.i >= 2]
            if any(a.start < j and i < a.end for i, j in exact_spans):
                continue  # inside or across a correct name ('Chairman of the Joint Chiefs of Staff')
            taken.append((a.start, a.end))
            suggestion = t.text
            if not t.proper and span[:1].isupper() and suggestion[:1].islower():
                suggestion = suggestion[:1].upper() + suggestion[1:]
            yield make_finding(
                CONFUSABLE_SUBSTITUTION, doc, start, end, _describe(a, t, p, text),
                suggestion=suggestion, confidence=_confidence(a, t, text, end), term_id=t.term_id,
            )


def _boundaries_ok(tokens, a: Alignment, t: Target, p: _Para) -> bool:
    """The phrase is not part of a longer capitalised name ('Department of National' in
    'Department of National Defense', 'Joint Statement' in 'Pyongyang Joint Statement',
    'Department of Foreign Affairs' in 'Department of Foreign Affairs and Trade')."""
    if a.end < len(tokens) and tokens[a.end - 1].cap:
        nxt = tokens[a.end]
        if nxt.gap == "space" and nxt.cap and nxt.key not in STOPWORDS:
            return False
        # 'Department of Foreign Affairs and Trade', 'Ministry of Defense of Japan'
        if nxt.gap == "space" and nxt.key in ("and", "of", "for", "on") and a.end + 1 < len(tokens):
            after = tokens[a.end + 1]
            if after.gap == "space" and after.cap and after.key not in STOPWORDS and \
                    not (nxt.key == "and" and p.country(a.end + 1)):
                return False
    if a.start > 0 and tokens[a.start].cap:
        prev = tokens[a.start - 1]
        if tokens[a.start].gap == "space" and prev.cap and prev.key not in STOPWORDS \
                and not _ends_country(p, a.start - 1):
            return False
    return True


def _ends_country(p: _Para, k: int) -> bool:
    """Does a country expression (or a hyphenated run of them) end at token ``k``?"""
    for s in range(max(0, k - 6), k + 1):
        run = p.country(s)
        if run and run[0] == k + 1:
            return True
    return False
