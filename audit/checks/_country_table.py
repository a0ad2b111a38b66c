"""One country table for the families that recognise countries (titles, entity, confusable).

:func:`countries` joins the ISO 3166 snapshot (:data:`._countries.COUNTRIES`, generated from
pycountry) with the names ISO lacks (:data:`COUNTRY_ALIASES`) into one :class:`Country` per
country.  The derivations from a name are defined here once: the comma order (:func:`flip`),
initials (:func:`initials`), demonyms (:func:`demonyms`) and the comparison keys of a country
as written (:func:`written_keys`, demonym stems included).  Each family's lookup is a view of
the table keyed the way that family compares text:

* :func:`country_names` (titles, and entity's qualifiers): the normalised ISO names;
* :func:`iso_codes` (entity): normalised ISO names, alpha codes and the names' initials -> alpha-3;
* :func:`token_codes` (confusable): token-key tuples of the ISO names, aliases, initials,
  demonyms and alpha-3 codes -> alpha-2, and which of them are abbreviations.

The entity and confusable views read initials differently, as they always have (``tests/
checks/test_countries.py`` pins this): entity takes the initials of every word and of the
words but stop words, from the normalised names in both comma orders (``Korea, Republic of``
gives ``rok``, ``rk``, ``kro``, ``kr``); confusable takes the initials of the ASCII-letter
words but *of/the/and*, from the names in reading order only (``RK``) and gets ``ROK``,
``DPRK``, ``PRC`` from :data:`COUNTRY_ALIASES` -- the initials of every word would also make
``ROK`` Kazakhstan, Kenya and Kiribati (``Republic of K...``).  Only confusable reads the
aliases and demonyms.  Pure: no I/O; each view is built once per process, on first use.
"""
from __future__ import annotations

import functools
from collections import namedtuple

from ._countries import COUNTRIES, names_of
from ._lazyre import lazy_re

#: common English names, short forms and demonyms that ISO 3166 (pycountry) lacks, by alpha-2 code
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "KR": ("South Korea", "Korea", "ROK", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "US": ("United States", "America", "US", "USA"),
    "GB": ("United Kingdom", "UK", "Britain", "Great Britain", "British"),
    "RU": ("Russia",),
    "CN": ("China", "PRC", "Mainland China"),
    "TW": ("Taiwan", "ROC", "Republic of China"),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "PH": ("Philippines", "Philippine", "Filipino"),
    "NL": ("Netherlands", "Holland", "Dutch"),
    "FR": ("French",),
    "CH": ("Swiss",),
    "TH": ("Thai",),
    "GR": ("Greek",),
    "TR": ("Turkish", "Turkey", "Türkiye"),
    "PL": ("Polish",),
    "DK": ("Danish",),
    "SE": ("Swedish",),
    "FI": ("Finnish",),
    "IE": ("Irish",),
    "ES": ("Spanish",),
    "PT": ("Portuguese",),
    "AE": ("UAE", "Emirati"),
    "SA": ("Saudi",),
    "NZ": ("New Zealand",),
    "AF": ("Afghan",),
}


#: one country: ``alpha_2``, ``alpha_3``; ``iso_names``: its ISO 3166 name, official name and common
#: name (those it has), as written; ``names``: :func:`._countries.names_of` (the ISO names, each
#: "X, Y" also as " Y X"); ``aliases``: its :data:`COUNTRY_ALIASES` (names ISO lacks).
#: (a namedtuple: defining a frozen dataclass or a typing.NamedTuple costs ~0.7 ms at every start)
Country = namedtuple("Country", "alpha_2 alpha_3 iso_names names aliases")


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every ISO 3166 country with its names and aliases, in the snapshot's order."""
    return tuple(Country(c[0], c[1], tuple(v for v in c[2:] if v), tuple(names_of(c)), COUNTRY_ALIASES.get(c[0], ()))
                 for c in COUNTRIES)


# --------------------------------------------------------------------------- derivations


def flip(name: str) -> str:
    """An ISO name in reading order: "Korea, Republic of" -> "Republic of Korea"."""
    if "," not in name:
        return name
    a, b = name.split(",", 1)
    return f"{b.strip()} {a.strip()}"


def initials(words, skip=frozenset()) -> str:
    """The first letters of the words not in ``skip`` (compared in lower case)."""
    return "".join(w[0] for w in words if w.lower() not in skip)


def demonyms(name: str) -> list[str]:
    """Regular English demonyms of a country name ('Korea' -> 'Korean', 'Japan' -> 'Japanese')."""
    head, _, w = name.rpartition(" ")
    prefix = head + " " if head else ""
    if not w.isalpha() or len(w) < 4:
        return []
    if w.endswith("a"):
        out = [w + "n", w[:-1] + "ese", w[:-1] + "ian"]
    elif w.endswith("y"):
        out = [w[:-1] + "ian", w[:-1]]
    elif w.endswith("o"):
        out = [w[:-1] + "an"]
    elif w.endswith("e"):
        out = [w[:-1] + "ian", w + "an"]
    else:
        out = [w + "ese", w + "ian", w + "i", w + "ish"]
    return [prefix + o for o in out]


#: demonym endings taken off a written country's last word to get its stem (Korean -> kore, korea)
DEMONYM_ENDINGS = ("ern", "ian", "an", "ese", "ish", "n", "i")


@functools.lru_cache(maxsize=4096)
def written_keys(c: str) -> frozenset[str]:
    """Comparison keys of a country as written: the form, its last word, its initials, the demonym's stem."""
    from .titles import norm

    k = norm(c)
    keys = {k}
    words = k.split()
    if len(words) > 1:
        keys.add(words[-1])
        keys.add(initials(words))
    last = words[-1] if words else k
    for suf in DEMONYM_ENDINGS:
        if last.endswith(suf) and len(last) - len(suf) >= 3:
            keys.add(last[: -len(suf)])
            keys.add(last[: -len(suf)] + "a")
    keys.add(last)
    return frozenset(x for x in keys if x)


# --------------------------------------------------------------------------- views


@functools.cache
def country_names() -> frozenset[str]:
    """The normalised ISO names (name, common and official names, both comma orders)."""
    from .titles import norm

    return frozenset(norm(n) for c in countries() for n in c.names)


@functools.cache
def iso_codes() -> dict[str, frozenset[str]]:
    """Normalised ISO names, alpha codes and the initials of the names (ROK, DPRK, PRC, UK, US) -> ISO alpha-3."""
    from .titles import STOPWORDS, norm

    table: dict[str, set[str]] = {}
    for c in countries():
        names = {norm(n) for n in c.names}
        keys = set(names) | {c.alpha_2.lower(), c.alpha_3.lower()}
        for n in names:
            words = n.replace("'", "").split()
            if len(words) > 1:
                keys.add(initials(words))
                keys.add(initials(words, STOPWORDS))
        for k in keys:
            table.setdefault(k, set()).add(c.alpha_3)
    return {k: frozenset(v) for k, v in table.items()}


_ARTICLE = lazy_re(r"^(?:the|The)\s+")
_ASCII_WORD = lazy_re(r"[A-Za-z]+")
_INITIALS_SKIP = frozenset({"of", "the", "and"})
_DEMONYM_PREFIXES = ("North", "South", "New")


@functools.cache
def token_codes() -> tuple[dict[tuple[str, ...], frozenset[str]], frozenset[tuple[str, ...]]]:
    """Country expressions as token-key tuples -> alpha-2 codes, and the keys that are
    abbreviations (to be matched only when written in capitals)."""
    from ..glossary.matching import tokenize

    table: dict[tuple[str, ...], set[str]] = {}
    abbrev: set[tuple[str, ...]] = set()

    def add(text: str, code: str, is_abbrev: bool = False) -> None:
        text = _ARTICLE.sub("", text)  # 'the Philippines': the article is not the name
        keys = tuple(t.key for t in tokenize(text))
        if not keys:
            return
        table.setdefault(keys, set()).add(code)
        if is_abbrev:
            abbrev.add(keys)

    def add_name(name: str, code: str) -> None:
        name = flip(name)
        add(name, code)
        letters = initials(_ASCII_WORD.findall(name), _INITIALS_SKIP)
        if len(letters) >= 2:
            add(letters.upper(), code, True)  # Republic of Korea -> RK (ROK is an alias)
        if " " not in name or name.split()[0] in _DEMONYM_PREFIXES:
            for d in demonyms(name):
                add(d, code)

    for c in countries():
        for v in c.iso_names:
            add_name(v, c.alpha_2)
        add(c.alpha_3, c.alpha_2, True)
    for c in countries():
        for n in c.aliases:
            if n.isupper():
                add(n, c.alpha_2, True)
            else:
                add_name(n, c.alpha_2)
    return {k: frozenset(v) for k, v in table.items()}, frozenset(abbrev)


@functools.lru_cache(maxsize=4096)
def codes_of(text: str) -> frozenset[str]:
    """Alpha-2 codes of a country as written ('South Korea', 'Philippine', 'ROK'), from
    :func:`token_codes` (empty: unknown; an abbreviation counts only in capitals)."""
    from ..glossary.matching import tokenize

    table, abbrev = token_codes()
    keys = tuple(t.key for t in tokenize(text))
    if keys in abbrev and not text.replace(".", "").isupper():
        return frozenset()
    return table.get(keys, frozenset())
