"""Regexes compiled on first use.

``audit rules`` and ``audit --help`` import every family module but run no check;
compiling the families' module-level regexes (the date and byline patterns of the
chrome family alone take ~25 ms) would be most of their start-up time.  A
:class:`LazyPattern` stands for ``re.compile(pattern, flags)`` and compiles on the
first use of a method; the compiled pattern's methods are then stored on the
instance, so later calls cost what a plain compiled pattern costs.
"""
from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """``re.compile(pattern, flags)``, deferred until a method or attribute is first used."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags_arg = flags

    def compiled(self) -> re.Pattern:
        p = re.compile(self.pattern, self.flags_arg)
        d = self.__dict__
        for name in _METHODS:
            d[name] = getattr(p, name)
        d["flags"], d["groups"], d["groupindex"] = p.flags, p.groups, p.groupindex
        d["compiled"] = lambda: p
        return p

    def __getattr__(self, name: str):  # only reached before the first compile
        if name in _METHODS or name in ("flags", "groups", "groupindex"):
            return getattr(self.compiled(), name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags_arg!r})"


def lazy_re(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
