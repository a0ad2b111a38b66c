"""Regexes compiled on first use (audit/checks/_lazyre.py): same results as re.compile."""
import re

import pytest

from audit.checks._lazyre import LazyPattern, lazy_re


def test_not_compiled_until_used():
    p = lazy_re(r"(?P<w>[A-Z]+)s?", re.I)
    assert "search" not in p.__dict__
    assert p.pattern == r"(?P<w>[A-Z]+)s?"
    assert p.search("12 abcs").group("w") == "abcs"
    assert "search" in p.__dict__  # the compiled method is now a plain attribute


@pytest.mark.parametrize("method, args", [
    ("search", ("x ab cd",)), ("match", ("ab cd",)), ("fullmatch", ("ab",)), ("findall", ("ab cd ef",)),
    ("split", ("ab cd",)), ("sub", ("-", "ab cd")), ("subn", ("-", "ab cd")),
])
def test_same_as_re_compile(method, args):
    lazy, real = lazy_re(r"[a-z]+"), re.compile(r"[a-z]+")
    got, want = getattr(lazy, method)(*args), getattr(real, method)(*args)
    if isinstance(want, re.Match):
        assert got.span() == want.span()
    else:
        assert got == want
    assert [m.span() for m in lazy.finditer("ab cd", 1, 4)] == [m.span() for m in real.finditer("ab cd", 1, 4)]
    assert (lazy.groups, lazy.flags) == (real.groups, real.flags)


def test_unknown_attribute_and_bad_pattern():
    p = LazyPattern("(")
    with pytest.raises(AttributeError):
        p.nonexistent
    with pytest.raises(re.error):  # a broken pattern fails at first use
        p.search("x")


def test_module_names_and_lists_are_rebound_to_the_compiled_pattern():
    import types

    mod = types.ModuleType("lazy_demo")
    exec("from audit.checks._lazyre import lazy_re\nX = lazy_re(r'a+')\nY = X\nL = [lazy_re(r'b'), X]\n", mod.__dict__)
    assert isinstance(mod.X, LazyPattern) and isinstance(mod.L[0], LazyPattern)
    lazy = mod.X
    assert mod.X.search("caab").span() == (1, 3)
    assert type(mod.X) is re.Pattern and mod.Y is mod.X and mod.L[1] is mod.X
    assert isinstance(mod.L[0], LazyPattern)  # not used yet
    assert lazy.search("aa").span() == (0, 2)  # a reference kept elsewhere still works
    assert mod.L[0].fullmatch("b") and type(mod.L[0]) is re.Pattern
