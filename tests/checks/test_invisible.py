"""CHAR001: hidden control and zero-width characters inside words."""
from __future__ import annotations

import pytest

from ..conftest import assert_offsets, audit_str


def char(text):
    r = audit_str(text, select=["CHAR001"])
    assert_offsets(r)
    return [(f.text, f.suggestion) for f in r.findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Minister Suh\u200bWook met.", [("Suh\u200bWook", "Suh Wook")]),
        ("General LaCa\u200dmera spoke.", [("LaCa\u200dmera", "LaCamera")]),
        ("the Sec\u00adretary of Defense", [("Sec\u00adretary", "Secretary")]),
        ("a bell\x07 rang", [("bell\x07", "bell")]),
        ("Seoul\r\nWash\u2060ington", [("Wash\u2060ington", "Washington")]),
        ("the \ufeffalliance", [("\ufeffalliance", "alliance")]),
    ],
)
def test_flagged(text, expected):
    assert char(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Minister and the Secretary met in Seoul on December 2, 2021.",
        "Tabs\tand\nnewlines\r\nand form\x0cfeeds are layout, not hidden text.",
        "\u202bوزير الدفاع\u202c met \u200fשר הביטחון\u200f.",  # bidi controls in RTL text
        "Emoji sequences 👩\u200d💻 and Persian می\u200cخواهم keep their joiners.",
        "\ufeffA byte-order mark at the very start is not inside a word.",
        "A zero-width space between words \u200b is not inside a word.",
    ],
)
def test_clean(text):
    assert char(text) == []
