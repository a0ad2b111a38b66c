"""Line and column numbers derived from offsets (1-based, CRLF counted once)."""
from __future__ import annotations

import pytest

from audit.report.view import LineIndex, word_diff


@pytest.mark.parametrize("text", ["ab\ncd\nef", "ab\r\ncd\r\nef", "ab\rcd\ref"])
def test_line_and_column_for_every_newline_style(text):
    li = LineIndex(text)
    e = text.index("e")
    assert li.position(0) == (1, 1)
    assert li.position(text.index("d")) == (2, 2)
    assert li.position(e) == (3, 1)
    assert li.span(e, e + 2) == (3, 1, 3, 3)  # end column exclusive


def test_crlf_is_one_line_break_not_two():
    li = LineIndex("x\r\n\r\ny")
    assert li.position(5) == (3, 1)


def test_columns_count_code_points_and_spans_can_cross_lines():
    text = "Café ü\nnext"
    li = LineIndex(text)
    assert li.position(text.index("ü")) == (1, 6)
    assert li.span(text.index("ü"), text.index("x") + 1) == (1, 6, 2, 4)


def test_offsets_are_clamped_and_empty_span_is_a_point():
    li = LineIndex("abc")
    assert li.position(99) == (1, 4)
    assert li.span(1, 1) == (1, 2, 1, 2)


def test_word_diff_marks_only_changed_words():
    d = word_diff("moved to Humphreys Camp last week", "moved to Camp Humphreys last week")
    assert "".join(p["text"] for p in d if p["op"] != "insert") == "moved to Humphreys Camp last week"
    assert "".join(p["text"] for p in d if p["op"] != "delete") == "moved to Camp Humphreys last week"
    changed = [p for p in d if p["op"] != "equal"]
    assert changed and all("moved" not in p["text"] and "week" not in p["text"] for p in changed)
    assert word_diff("same text", "same text") == [{"op": "equal", "text": "same text"}]


def test_word_diff_reads_a_swap_as_one_change():
    d = word_diff("to Humphreys Camp now", "to Camp Humphreys now")
    assert {"op": "delete", "text": "Humphreys Camp"} in d
    assert {"op": "insert", "text": "Camp Humphreys"} in d
