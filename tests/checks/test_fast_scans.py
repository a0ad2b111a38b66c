"""The titles/garble/acronym/repetition/invisible fast scans give exactly what the plain
regex (or plain loop) gives: hypothesis against the slow form, plus fixed cases."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit.checks import acronym, garble, invisible, titles
from audit.checks.repetition import _Para
from audit.document import make_document

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mix(items):
    return st.lists(st.one_of(st.sampled_from(items), st.text(max_size=3)), max_size=30).map("".join)


def spans(matches):
    return [(m.span(), m.groups()) for m in matches]


HEADS = ["the ", "The ", "both ", "Both ", "two ", "three ", "heads of state", "Heads of government", "heads  of\tstate",
         "x-", "\n", " ", "\t", "for", "s", "-", ".", "government-"]
CLAUSES = ["a", "ab", "said", "The", "These", "It", "Its", "We", "There", " ", "  ", "\t", "-", "’", "'", ".", "x.",
           "1999", "the", "it", "\n", "É", "_"]
PARENS = ["CFC", "ABs", "x", "(", ")", " ", "\n", "Combined Forces Command", "a", "-", "F-CFC", "(ab)", "é", "\t", "12", "A"]
HIDDEN = ["a", "B", "é", "\u200b", "\u00ad", "\x07", "\ufeff", " ", "\n", "Σ", "\x85", "\u200d"]


@FAST
@given(mix(HEADS))
def test_heads_of_state_scan(text):
    assert spans(titles._heads_of(text)) == spans(titles._HEAD_OF.finditer(text))


@FAST
@given(mix(CLAUSES))
def test_capitalised_clause_scan(text):
    assert spans(garble._cap_clauses(text)) == spans(garble._CAP_CLAUSE.finditer(text))


@FAST
@given(mix(CLAUSES))
def test_hyphen_scan(text):
    assert spans(garble._hyphens(text)) == spans(garble._HYPHEN.finditer(text))


@FAST
@given(mix(PARENS))
def test_acronym_paren_scan(text):
    assert spans(acronym._acr_parens(text)) == spans(acronym._ACR_PAREN.finditer(text))


_CLAUSE_END = re.compile(r"[.!?\n]")


def _shouting_plain(text, pos):
    lo = max(0, pos - 200)
    ends = [m.end() for m in _CLAUSE_END.finditer(text, lo, pos)
            if m.group(0) != "." or not text[m.start() - 1:m.start()].isupper()]
    ls = ends[-1] if ends else lo
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + 200))
    le = m.start() if m else min(len(text), pos + 200)
    letters = [c for c in text[ls:le] if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) * 10 >= len(letters) * 7


@FAST
@given(mix(["AB", ".", "C. ", "DEF", "!", "?", "\n", " ", "xyz", "Ⅰ", "É", "U.S."]), st.integers(0, 200))
def test_shouting_matches_plain_definition(text, pos):
    pos = min(pos, len(text))
    assert acronym._shouting(text, pos) == _shouting_plain(text, pos)


@FAST
@given(mix(HIDDEN))
def test_hidden_character_scan_equals_plain_regex(text):
    plain = re.compile(
        rf"(?<=[A-Za-z\u00C0-\u024F])[{invisible._ZW}]+(?=[A-Za-z\u00C0-\u024F])"
        rf"|[{re.escape(invisible._CONTROL)}]|(?<!^)\ufeff"
    )
    assert [m.span() for m in invisible._HIDDEN.finditer(text)] == [m.span() for m in plain.finditer(text)]


@FAST
@given(mix(["the", "The", " ", "’", "—", "é", "É", "ß", "İ", "Σ", "ς", "word", "-", "'", "\n", "x"]))
def test_repetition_keys_equal_per_token_casefold(text):
    doc = make_document(text, "<t>")
    for p in doc.paragraphs:
        got = _Para(doc, doc.text, p, []).K
        want = [m.group(0).casefold() for m in re.finditer(r"\w+(?:[-'’]\w+)*", doc.text[p.start:p.end])]
        assert got == want


def test_fixed_cases():
    assert [m.group("role") for m in titles._heads_of("and the two heads of state met; heads of government-x")] == \
        ["the two heads of state"]
    assert [m.group(2) for m in garble._cap_clauses("we said These words and ’ab The x")] == ["These"]
    assert [m.group(0) for m in garble._hyphens("ab-the 1999-to x-ab-it")] == ["ab-the", "1999-to"]
    assert [m.group(1) for m in acronym._acr_parens("The CFC (Combined Forces Command) and X (ab)")] == ["CFC"]


SENTENCES = ["Word", "to", "say", "talks", "peace", "the", " ", "  ", "\n", "\n\n", ".", ",", "!", "?", "’", "'", "\"",
             ")", "-", "&", "U.S.", "Mr.", "x", "É", "1999", "ab-cd", "it’s", "a.b", "_", "\t", ". The", "? no"]


def _repeats_plain(doc, para_spans):
    """GARB004's scan as first written (every sentence's word offsets computed up front)."""
    text = doc.text
    for spans in para_spans:
        for s, e in spans:
            words = garble._lower_words(text, s, e)
            content = [w for w in words if w not in garble.FUNCTION]
            if len(set(content)) == len(content):
                continue
            seen: set[str] = set()
            back = {w for w in content if w in seen or seen.add(w)}
            last: dict[str, int] = {}
            starts = set()
            for j in [j for j, w in enumerate(words) if w in back]:
                w = words[j]
                i0 = last.get(w)
                if i0 is not None and 2 <= j - i0 <= 8:
                    starts.update(range(max(0, i0 - 4), i0 + 1))
                last[w] = j
            toks = [(w, m.start(), m.end()) for w, m in zip(words, garble._WORD_SPANS.finditer(text, s, e))]
            floor = 0
            for i in sorted(starts):
                if i < floor:
                    continue
                hit = garble._repeat_at(text, toks, words, i)
                if hit is not None:
                    yield hit
                    floor = hit[3] + hit[2]


@FAST
@given(st.lists(st.sampled_from(SENTENCES), max_size=60).map(" ".join))
def test_clause_repeat_scan_equals_plain_scan(text):
    """GARB004 (offsets found lazily, C-level filters) reports what the plain scan finds."""
    doc = make_document(text, "<t>")
    para_spans = garble._sentence_spans(doc)
    assert [(f.start, f.end) for f in garble._repeats(doc, para_spans)] == \
        [(h[0], h[1]) for h in _repeats_plain(doc, para_spans)]


def test_clause_repeat_scan_fixed_case():
    doc = make_document("We agreed to hold peace talks to hold peace talks next year.", "<t>")
    assert [doc.text[f.start:f.end] for f in garble._repeats(doc, garble._sentence_spans(doc))] == ["to hold peace talks"]


TOKENS = ["Word", "word", "’s", "'s", "s", " ", "\n", "\n\n", " \n \n", "-", "—", ".", ". ", "U.S.", "J.", ",", ", ",
          "É", "1999", "_", "\t", "12. ", "x"]


@FAST
@given(mix(TOKENS))
@example("WordU.S.\n\nWord")
def test_paragraph_slice_of_document_tokens_equals_paragraph_tokens(text):
    """TERM002 takes each paragraph's tokens from the document's: the same tokens as
    tokenizing the paragraph alone (only the first one's gap differs)."""
    from bisect import bisect_left

    from audit.glossary.matching import tokenize, tokens_of

    doc = make_document(text, "<t>")
    toks = tokens_of(doc.text)
    for p in doc.paragraphs:
        got = list(toks[bisect_left(toks, p.start, key=lambda t: t.start):bisect_left(toks, p.end, key=lambda t: t.start)])
        want = tokenize(p.text, p.start)
        assert got[1:] == want[1:]
        # all but the first token's gap, which TERM002 never reads (joinable looks at the gaps
        # inside a window); it is usually a break, but 'space' after 'S.' ending the paragraph before
        assert [t[:4] + t[5:] for t in got[:1]] == [t[:4] + t[5:] for t in want[:1]]
