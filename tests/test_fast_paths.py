"""The fast paths give exactly what the plain definitions give (hypothesis against the slow form)."""
from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.checks import punctuation
from audit.document import _WORD, count_words, make_document
from audit.report.json import dumps

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDY = ["a", "B", "1", "_", "-", "'", "’", ".", "é", "ß", " ", "\n", "..", "x_y", "٣", "U.S.", "In-choul", "don't", "\u00a0", "\t"]
PUNCTY = ["word", "U.S", "etc", "1", ")", "]", '"', "”", "’", ".", ",", ";", ":", "!", "?", "...", "..", ",,", " ", "  ", "\t", "\u00a0", "\n", "\r\n"]


def mix(items):
    return st.lists(st.one_of(st.sampled_from(items), st.text(max_size=3)), max_size=40).map("".join)


@FAST
@given(mix(WORDY))
def test_count_words_is_the_number_of_word_matches(text):
    assert count_words(text) == sum(1 for _ in _WORD.finditer(text))


def test_count_words_examples():
    assert count_words("In-choul met the U.S. envoy, didn't he?") == 7  # U.S, In-choul, didn't are one word each
    assert count_words("stmt_list and x_y") == 5  # '_' separates words
    assert count_words("") == 0


@FAST
@given(mix(PUNCTY))
def test_punctuation_prefilters_find_every_match(text):
    spans = lambda it: [m.span() for m in it]  # noqa: E731
    assert spans(punctuation._space_before(text)) == spans(punctuation._SPACE_BEFORE.finditer(text))
    assert spans(punctuation._runs(text)) == spans(punctuation._RUNS.finditer(text))


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none()), inner, max_size=4),
    ),
    max_leaves=20,
)


@FAST
@given(JSONISH)
def test_json_dumps_matches_the_standard_library(obj):
    assert dumps(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_json_dumps_special_values_and_unknown_types():
    obj = {"nan": math.nan, "inf": [math.inf, -math.inf], "t": (1, "é\n\u2028"), 2.5: {}, "e": []}
    assert dumps(obj) == json.dumps(obj, ensure_ascii=False, indent=2)
    try:
        dumps({"x": object()})
    except TypeError:
        pass
    else:
        raise AssertionError("an object json cannot encode must still raise TypeError")


@FAST
@given(mix(["word", " ", "\n", "\n\n", "\r\n\r\n", "12. ", "\t"]))
def test_paragraph_at_is_the_last_paragraph_starting_at_or_before(text):
    doc = make_document(text)
    for off in range(len(text) + 1):
        before = [p for p in doc.paragraphs if p.start <= off]
        assert doc.paragraph_at(off) == (before[-1] if before else doc.paragraphs[0])
