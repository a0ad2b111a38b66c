"""Regexes compiled on first use.

``audit rules`` and ``audit --help`` import every family module but run no check;
compiling the families' module-level regexes (the date and byline patterns of the
chrome family alone take ~25 ms) would be most of their start-up time.  A
:class:`LazyPattern` stands for ``re.compile(pattern, flags)`` and compiles on the
first use of a method.  It then puts the compiled pattern in its place in the
module that created it (every global name bound to it, and its place in the
module's lists of patterns), so the checks' later look-ups find a plain compiled
pattern: no cost per call.  A lazy pattern held anywhere else keeps the compiled
methods on itself (~0.1 us more per call).
"""
from __future__ import annotations

import re
import sys
from typing import Optional

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """``re.compile(pattern, flags)``, deferred until a method or attribute is first used."""

    def __init__(self, pattern: str, flags: int = 0, module_globals: Optional[dict] = None):
        self.pattern = pattern
        self.flags_arg = flags
        self._globals = module_globals

    def compiled(self) -> re.Pattern:
        p = re.compile(self.pattern, self.flags_arg)
        d = self.__dict__
        for name in _METHODS:
            d[name] = getattr(p, name)
        d["flags"], d["groups"], d["groupindex"] = p.flags, p.groups, p.groupindex
        d["compiled"] = lambda: p
        g, self._globals = self._globals, None
        if g is not None:  # rebind the module's names (and items of its lists) to the compiled pattern
            for k, v in list(g.items()):
                if v is self:
                    g[k] = p
                elif type(v) is list:
                    for i, x in enumerate(v):
                        if x is self:
                            v[i] = p
        return p

    def __getattr__(self, name: str):  # only reached before the first compile
        if name in _METHODS or name in ("flags", "groups", "groupindex"):
            return getattr(self.compiled(), name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags_arg!r})"


def lazy_re(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)`` on first use; module-level names then hold the compiled pattern."""
    return LazyPattern(pattern, flags, sys._getframe(1).f_globals)
