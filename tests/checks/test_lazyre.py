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
