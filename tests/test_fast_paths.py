"""The fast paths give exactly what the plain definitions give (hypothesis against the slow form)."""
from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.checks import punctuation
from audit.document import _WORD, count_words, make_document

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


@FAST
@given(mix(["word", " ", "\n", "\n\n", "\r\n\r\n", "12. ", "\t"]))
def test_paragraph_at_is_the_last_paragraph_starting_at_or_before(text):
    doc = make_document(text)
    for off in range(len(text) + 1):
        before = [p for p in doc.paragraphs if p.start <= off]
        assert doc.paragraph_at(off) == (before[-1] if before else doc.paragraphs[0])


def _naive_ids(natural: list[str]) -> list[str]:
    """The documented id rule: a repeated id gets the first free '~k' suffix (k >= 2)."""
    seen, out = set(), []
    for pid in natural:
        base, k = pid, 1
        while pid in seen:
            k += 1
            pid = f"{base}~{k}"
        seen.add(pid)
        out.append(pid)
    return out


@FAST
@given(st.lists(st.sampled_from(["1. a", "2. b", "1. c", "text", "12. d", "more"]), min_size=1, max_size=30))
def test_restarted_numbering_ids_follow_the_naive_rule(blocks):
    doc = make_document("\n\n".join(blocks))
    natural, current, sub, pre = [], None, 0, 0
    for b in blocks:
        if b[0].isdigit():
            current, sub = b.split(".")[0], 1
            natural.append(current)
        elif current is None:
            pre += 1
            natural.append(f"p{pre}")
        else:
            sub += 1
            natural.append(f"{current}.{sub}")
    assert [p.id for p in doc.paragraphs] == _naive_ids(natural)


def test_many_restarts_segment_in_linear_time():
    """A document repeated 3,000 times (numbering restarts each time) segments quickly."""
    import time

    text = "\n\n".join(["1. First point.\n\nMore on it.\n\n2. Second point."] * 3000)
    t0 = time.process_time()
    doc = make_document(text)
    assert time.process_time() - t0 < 2.0  # was minutes: each repeat rescanned every earlier suffix
    assert [p.id for p in doc.paragraphs[-3:]] == ["1~3000", "1.2~3000", "2~3000"]


# --------------------------------------------------------------------------
# glossary matching: tokenize (split + bulk keys + cached gap kinds) against the plain loop

import re  # noqa: E402
import unicodedata  # noqa: E402

from audit.glossary import matching  # noqa: E402


def _plain_key(text: str) -> str:
    if text.isascii():
        return text.lower().replace(".", "").replace("'", "")
    return matching.fold(text).replace(".", "").replace("'", "")


def _plain_tokenize(text: str, base: int = 0) -> list:
    """The per-match definition tokenize replaced (kept here as the specification)."""
    out: list = []
    prev_end = None
    for m in matching._TOKEN.finditer(text):
        s, e = m.span()
        word = m.group(0)
        if word in ("s", "S") and out and s >= 1 and text[s - 1] in matching.APOSTROPHES and out[-1].end == base + s - 1 \
                and (e == len(text) or not text[e].isalnum()):
            out[-1] = out[-1]._replace(poss=True)
            prev_end = e
            continue
        if prev_end is None:
            gap = "start"
        else:
            g = text[prev_end:s]
            if g == " ":
                gap = "space"
            elif matching._SPACE_GAP.fullmatch(g) and g.count("\n") < 2:
                gap = "hyphen" if any(c in matching.DASHES for c in g) else "space"
            elif matching._INITIAL_GAP.fullmatch(g) and out and (len(out[-1].text) == 1 or out[-1].text.endswith(".")):
                gap = "space"
            elif matching._COMMA_GAP.fullmatch(g):
                gap = "comma"
            else:
                gap = "break"
        out.append(matching.Token(s + base, e + base, word, _plain_key(word), gap, False, word[:1].isupper()))
        prev_end = e
    return out


def _plain_surface(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = matching._POSS.sub("", text)
    for d in matching.DASHES[1:]:
        text = text.replace(d, "-")
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text).replace(".", "").replace(",", "")
    return text.strip()


NAMEY = ["Kim", "Seung", "-", "kyum", " ", "  ", "'", "’", "ʼ", "s", "S", "'s", "’s", "U.S.", "D.C.", "J.", ".", ". ",
         ",", ", ", "\n", "\n\n", " - ", "–", "—", "Ⅲ", "ﬁ", "İ", "ß", "Σ", "é", "_", "1", "x2", "A.B.c", "\t", "\u00a0"]


@FAST
@given(mix(NAMEY), st.sampled_from([0, 1, 2, 7]))
def test_tokenize_is_the_plain_per_match_loop(text, base):
    assert matching.tokenize(text, base) == _plain_tokenize(text, base)


@FAST
@given(mix(NAMEY))
def test_memoised_keys_and_surface_are_the_plain_functions(text):
    assert matching.token_key(text) == _plain_key(text)
    assert matching.surface(text) == _plain_surface(text)


def test_tokenize_examples():
    toks = matching.tokenize("Lloyd J. Austin III's U.S.-ROK talks.\n\nKorea’s")
    assert [(t.text, t.key, t.gap, t.poss) for t in toks] == [
        ("Lloyd", "lloyd", "start", False), ("J", "j", "space", False), ("Austin", "austin", "space", False),
        ("III", "iii", "space", True), ("U.S.", "us", "space", False), ("ROK", "rok", "hyphen", False),
        ("talks", "talks", "space", False), ("Korea", "korea", "break", True)]


# --------------------------------------------------------------------------
# consistency: capitalised runs memoised per region string; sound groups as a pair set

from audit.checks import consistency  # noqa: E402
from audit.glossary.model import Glossary, Term  # noqa: E402

_TITLED = Glossary((Term("defense-minister", "Defense Minister", kind="title"),
                    Term("camp-ellis", "Camp Ellis", kind="place")))


def _plain_runs(text: str, idx) -> list:
    """The per-region definition: tokenize each region where it is, then cut the run."""
    out = []
    for m in consistency._CAP_REGION.finditer(text):
        toks = matching.tokenize(m.group(0), m.start())
        a, j = 0, len(toks)
        while a < j and (toks[a].key in matching.STOPWORDS or toks[a].key in matching.HONORIFICS):
            a += 1
        for b in range(min(j, a + 5), a + 1, -1):
            if any(idx.forms[f].role == "title" for f in idx.exact.get(tuple(x.key for x in toks[a:b]), ())):
                a = b
                break
        if j - a >= 2 and not any(x.text.isdigit() for x in toks[a:j]):
            out.append(toks[a:j])
    return out


CAPPY = ["Camp", "Ellis", "The", "Defense", "Minister", "Kim", "Seung", "-", "kyum", "U.S.", "Army", " ", "  ", "\t",
         "–", "'s", "’", ".", ",", "\n", "of", "2", "É", "Ärzte", "x"]


@FAST
@given(st.lists(st.sampled_from(CAPPY), max_size=30).map("".join))
def test_memoised_capitalised_runs_are_the_plain_ones(text):
    idx = matching.official_index(_TITLED)
    memo: dict = {}
    assert consistency._capitalised_runs(text, idx, memo) == _plain_runs(text, idx)
    assert consistency._capitalised_runs(text + " " + text, idx, memo) == _plain_runs(text + " " + text, idx)


def test_sound_pairs_are_the_editex_groups():
    letters = "abcdefghijklmnopqrstuvwxyzé"
    for a in letters:
        for b in letters:
            plain = a == b or any(a in g and b in g for g in consistency._EDITEX_GROUPS)
            assert consistency._same_sound_start(a + "x", b + "y") == plain


def test_tokens_of_is_tokenize_memoised():
    text = "General Kim Seung-kyum met Lloyd J. Austin III's staff."
    assert matching.tokens_of(text) == tuple(matching.tokenize(text))
    assert matching.tokens_of(text) is matching.tokens_of(text)


# names: run bounds from break positions, against the plain scan

from audit.checks import names  # noqa: E402


@FAST
@given(st.lists(st.sampled_from(["space", "hyphen", "comma", "break"]), max_size=40))
def test_run_bounds_are_the_plain_scan(rest):
    gaps = ["start"] + rest
    n = len(gaps)
    plain_start = [0] * n
    for k in range(1, n):
        plain_start[k] = plain_start[k - 1] if gaps[k] in ("space", "hyphen") else k
    plain_end = [0] * n
    for k in range(n):
        e = k
        while e + 1 < n and gaps[e + 1] in ("space", "hyphen"):
            e += 1
        plain_end[k] = e
    assert names._runs(gaps) == (plain_start, plain_end)


def test_index_memos_are_not_pickled():
    import pickle

    idx = matching.official_index(_TITLED)
    idx.memo("names.window-hits")[("camp", "ellis")] = (1,)
    again = pickle.loads(pickle.dumps(idx))
    assert again.memos == {} and again.forms == idx.forms
    assert idx.memo("names.window-hits", limit=0) == {}  # over the limit: a fresh table


_EDITEX_PAIRS = '''
import json, random, sys
random.seed(7)
letters = "abcdefghijklmnopqrstuvwxyz -'"
word = lambda: "".join(random.choice(letters) for _ in range(random.randint(0, 12)))
pairs = [(word(), word()) for _ in range(3000)] + [("suh wook", "xu xu"), ("lacamera", "lacamella"), ("won in-choul", "won inchu")]
if sys.argv[1] == "numpy":
    import numpy, textdistance
    assert textdistance.algorithms.phonetic.numpy is not None
    sim = lambda a, b: float(textdistance.editex.normalized_similarity(a, b))
else:
    from audit.glossary.matching import editex_similarity as sim
    assert "numpy" not in sys.modules
print(json.dumps([sim(a, b) for a, b in pairs]))
'''


def test_editex_without_numpy_equals_textdistance_with_numpy():
    """matching loads textdistance without numpy (150 ms of import): its list path gives the same similarities."""
    import subprocess
    import sys

    runs = [subprocess.run([sys.executable, "-c", _EDITEX_PAIRS, mode], capture_output=True, text=True, check=True).stdout
            for mode in ("numpy", "lists")]
    assert runs[0] == runs[1] and len(runs[0]) > 1000


def test_possessive_folds_at_any_offset():
    """'s after a name is folded whatever the paragraph's offset in the document (it once was only at offset 0)."""
    for base in (0, 1, 57, 4096):
        toks = matching.tokenize("Minister Suh's visit and Suh’s aides", base)
        assert [(t.text, t.poss) for t in toks] == [("Minister", False), ("Suh", True), ("visit", False),
                                                    ("and", False), ("Suh", True), ("aides", False)]
        assert toks[1].start == base + 9


# --- the official index's compact tables (issue #6: memory and load time at 100k entries)

_PACIFIC = Glossary((
    Term("penny-wong", "Penny Wong", kind="person", titles=("Foreign Minister",)),
    Term("richard-marles", "Richard Marles", kind="person", titles=("Deputy Prime Minister", "Defence Minister")),
    Term("ausmin", "Australia-United States Ministerial Consultations", kind="event"),
    Term("robertson", "Robertson Barracks", kind="place"),
    Term("fpda", "FPDA", kind="acronym", expands="Five Power Defence Arrangements"),
    Term("pdmm", "Pacific Defence Ministers' Meeting", kind="event"),
    Term("dsg", "Defence Science Group", kind="org"),
))

_PACIFIC_DOC = (
    "Foreign Minister Penny Wong and Deputy Prime Minister Richard Marles attended the "
    "Australia-United States Ministerial Consultations. Later Peny Wong and Richard Marless "
    "flew to Barracks Robertson for the Five Power Defense Arrangements (FPDA) and the "
    "Pacific Defense Ministers' Meeting.\n"
)


def _cache_round_trip(obj):
    """``obj`` written and read back the way the glossary cache does it."""
    import io
    import pickle

    from audit.glossary.cache import _Pickler

    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return pickle.loads(buf.getvalue())


def test_index_shares_equal_keys_and_caps():
    idx = matching.build_official_index(_PACIFIC)
    by_keys: dict = {}
    for f in idx.forms:
        assert by_keys.setdefault(f.keys, f.keys) is f.keys  # one tuple per distinct keys
        assert idx.forms[0].caps is f.caps or idx.forms[0].caps != f.caps
    wong = [f for f in idx.forms if "wong" in f.keys]
    assert len(wong) >= 2 and len({id(k) for f in wong for k in f.keys if k == "wong"}) == 1  # one string
    assert all(type(p) in (tuple, matching.array) for p in idx.exact.values())


def test_anchor_table_keeps_lengths_in_order_and_drops_long_lists(monkeypatch):
    idx = matching.build_official_index(_PACIFIC)
    assert "wong" in idx.anchors and "wong" in idx.person_anchors and "wong" not in idx.other_anchors
    assert [idx.forms[i].term_id for i in idx.anchors.get("wong", 2)] == ["penny-wong"]
    assert idx.anchors.get("wong", 7) == () and idx.anchors.get("nobody", 2) == ()
    assert idx.other_anchors.ns["defence"] == (4, 3)  # FPDA's expansion and PDMM first (first-seen order)
    assert "barracks" in idx.cap_start[2] and ("barracks", "robertson") in idx.pairs[2]  # a sorted pair
    monkeypatch.setattr(matching, "MAX_POSTING", 0)  # every list too long: the lengths stay, the forms go
    idx = matching.build_official_index(_PACIFIC)
    assert idx.anchors.ns["defence"] == (4, 3) and idx.anchors.get("defence", 3) == ()


def test_index_read_back_from_the_cache_makes_forms_on_first_use():
    idx = matching.build_official_index(_PACIFIC)
    again = _cache_round_trip(idx)
    assert set(again.forms.objs) == {None}  # nothing made while loading
    assert again.forms.keys_at(3) == idx.forms[3].keys and set(again.forms.objs) == {None}
    assert again.forms[3] == idx.forms[3] and again.forms[3] is again.forms[3]
    assert again.forms == idx.forms and len(again.forms) == len(idx.forms)
    assert again.exact == idx.exact and again.pairs == idx.pairs and again.cap_start == idx.cap_start
    assert again.anchors.ns == idx.anchors.ns and again.anchors.by_n == idx.anchors.by_n
    assert again.joined(idx.anchors.get("wong", 2)) == ["penny wong"]


def test_findings_are_the_same_from_a_cached_index():
    from audit.engine import audit_document

    fresh = audit_document(make_document(_PACIFIC_DOC, "a.txt"), _PACIFIC).findings
    g = Glossary(_PACIFIC.terms)
    g._cache["matching.official-index"] = _cache_round_trip(matching.build_official_index(_PACIFIC))
    cached = audit_document(make_document(_PACIFIC_DOC, "a.txt"), g).findings
    assert cached == fresh
    found = {(f.rule, f.text) for f in fresh}
    assert ("NAME001", "Peny Wong") in found and ("NAME002", "Barracks Robertson") in found
    clean = audit_document(make_document(_PACIFIC_DOC.split(" Later")[0] + "\n", "b.txt"), g).findings
    assert not [f for f in clean if f.rule.startswith(("NAME", "CONS", "TERM"))]


# -- ACR002 repeats: the rendering searched around its longest literal word, as in the whole text ---------

RENDERING_WORDS = ["US", "U.S.", "South", "North", "Korea", "Korean", "military", "in", "the", " ", "  ", "\t", "-",
                   "(USFK)", ".", ",", "Japan", "US-India", "America", "Joint", "Command", "x", "\n"]


@FAST
@given(st.lists(st.sampled_from(RENDERING_WORDS), max_size=60).map(" ".join), st.integers(0, 3))
def test_rendering_search_around_its_anchor_is_the_whole_text_search(text, which):
    import re

    from audit.checks.acronym import _matches_around, _rendering_pattern

    countries = {"US", "U.S.", "Korea", "Japan", "India", "America"}
    form = ["US military in Korea", "the US-India military", "Joint Command", "military in Japan"][which]
    body, slots, anchor = _rendering_pattern(form, countries.__contains__)
    pattern = re.compile(r"(?<![\w-])" + body + r"(?![\w-])")
    margin = 2 * len(form) + 40 * len(slots) + 16
    assert [m.span() for m in _matches_around(pattern, text, anchor, margin)] == [m.span() for m in pattern.finditer(text)]
