"""The on-disk cache of loaded and compiled glossaries (audit/glossary/cache.py)."""
from __future__ import annotations

from dataclasses import dataclass
import logging
import os
import pickle
import re
from pathlib import Path

import pytest

from audit.config import AuditConfig
from audit.document import make_document
from audit.engine import audit_document
from audit.glossary import load_glossary
from audit.glossary import cache as gc_
from audit.glossary.model import FROM_DISK, Glossary, Term
from audit.report.json import render as render_json
from tests.conftest import SEED

AUSMIN = """\
[[person]]
term = "Penny Wong"
titles = ["Minister for Foreign Affairs", "Foreign Minister"]

[[person]]
term = "Richard Marles"
titles = ["Deputy Prime Minister", "Minister for Defence"]

[[person]]
term = "Antony Blinken"
titles = ["Secretary of State"]

[[event]]
term = "Australia-United States Ministerial Consultations"
acronym = "AUSMIN"

[[org]]
term = "Department of Defence"

[[place]]
term = "Brisbane"
"""

DOC = """\
Deputy Prime Minister Richard Marls and Foreign Minister Penny Wong hosted Secretary of State \
Antony Blinken in Brisbane for the Australia-United States Ministerial Consultation (AUSMIN).

The Department of Defense said the talks were productive.
"""

CLEAN = "Secretary of State Antony Blinken met Foreign Minister Penny Wong in Brisbane.\n"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(d))
    return d


@pytest.fixture
def glossary_file(tmp_path):
    p = tmp_path / "ausmin.toml"
    p.write_text(AUSMIN, encoding="utf-8")
    return p


def delta(before) -> dict:
    return {k: v - before.get(k, 0) for k, v in gc_.stats.items() if v - before.get(k, 0)}


def entries(d: Path) -> list[Path]:
    return sorted(d.glob("*" + gc_.SUFFIX))


def report_json(glossary, text=DOC) -> str:
    return render_json(audit_document(make_document(text, "doc.txt"), glossary, AuditConfig()))


def refuse(_glossary):
    raise AssertionError("the index was built again instead of coming from the cache")


# -- hits and misses -------------------------------------------------------------------------


def test_second_load_hits_the_cache_and_builds_nothing(cache_dir, glossary_file):
    before = gc_.stats.copy()
    cold = gc_.load_compiled([glossary_file])
    assert delta(before) == {"misses": 1, "writes": 1}
    assert len(entries(cache_dir)) == 1

    before = gc_.stats.copy()
    warm = gc_.load_compiled([glossary_file])
    assert delta(before) == {"hits": 1}
    assert warm.terms == cold.terms and warm.sha256 == cold.sha256 and warm.sources == cold.sources
    assert warm.sha256 == load_glossary([glossary_file]).sha256
    # every index the checkers use is there: asking for one never calls the builder
    for key in ("matching.official-index", "matching.forbidden-regex", "titles.index.v1", "acronym:index"):
        assert warm.compiled(key, refuse) is not None
    # auditing a document leaves nothing on the glossary: per-document state lives in the Context
    keys = set(warm._cache)
    from audit.engine import audit_document

    audit_document(make_document("Minister Suh met Secretary Austin in Seoul.", "x.txt"), warm, AuditConfig())
    assert set(warm._cache) == keys


def test_load_glossary_cache_flag_is_the_same_entry_point(cache_dir, glossary_file):
    before = gc_.stats.copy()
    load_glossary([glossary_file], cache=True)
    load_glossary([glossary_file], cache=True)
    assert delta(before) == {"misses": 1, "writes": 1, "hits": 1}


def test_changing_one_byte_of_the_glossary_misses(cache_dir, glossary_file):
    gc_.load_compiled([glossary_file])
    glossary_file.write_text(AUSMIN.replace('term = "Brisbane"', 'term = "Brisbana"'), encoding="utf-8")
    before = gc_.stats.copy()
    g = gc_.load_compiled([glossary_file])
    assert delta(before) == {"misses": 1, "writes": 1}
    assert any(t.term == "Brisbana" for t in g.terms)
    assert len(entries(cache_dir)) == 2


def test_the_key_covers_paths_order_and_code(cache_dir, glossary_file, tmp_path, monkeypatch):
    other = tmp_path / "other.toml"
    other.write_text('[[place]]\nterm = "Canberra"\n', encoding="utf-8")
    k1 = gc_.cache_key([glossary_file, other])
    assert k1 == gc_.cache_key([glossary_file, other])
    assert k1 != gc_.cache_key([other, glossary_file])  # merge order decides entry ids
    assert k1 != gc_.cache_key([glossary_file])
    monkeypatch.setattr(gc_, "code_fingerprint", lambda: "another build of audit")
    assert k1 != gc_.cache_key([glossary_file, other])
    assert gc_.cache_key([tmp_path / "missing.toml"]) is None


def test_default_glossary_goes_through_the_cache(cache_dir):
    before = gc_.stats.copy()
    g1 = gc_.load_compiled(None)
    g2 = gc_.load_compiled(None)
    assert delta(before) == {"misses": 1, "writes": 1, "hits": 1}
    assert g1.terms == g2.terms == load_glossary(None).terms
    assert g2.sha256 == load_glossary(None).sha256


# -- a bad cache is never an error -------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign", "empty"])
def test_corrupt_cache_file_is_ignored_and_rebuilt(cache_dir, glossary_file, damage):
    good = report_json(gc_.load_compiled([glossary_file]))
    (entry,) = entries(cache_dir)
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        head = data.index(b"\n", len(gc_.MAGIC)) + 1
        entry.write_bytes(data[:head] + b"\x80\x05not a pickle at all" * 10)
    elif damage == "foreign":
        entry.write_bytes(b"something else entirely\n" + data)
    else:
        entry.write_bytes(b"")
    before = gc_.stats.copy()
    g = gc_.load_compiled([glossary_file])
    d = delta(before)
    assert d.get("misses") == 1 and d.get("writes") == 1 and "hits" not in d
    assert report_json(g) == good
    before = gc_.stats.copy()
    gc_.load_compiled([glossary_file])  # rewritten: hits again
    assert delta(before) == {"hits": 1}


def test_unwritable_cache_dir_is_skipped_quietly(tmp_path, monkeypatch, glossary_file, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(blocker / "cache"))
    with caplog.at_level(logging.DEBUG, logger="audit"):
        g = gc_.load_compiled([glossary_file])
    assert report_json(g) == report_json(load_glossary([glossary_file]))
    notes = [r for r in caplog.records if "glossary cache" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.DEBUG
    assert "matching.official-index" in g._cache  # still compiled up front


def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch, glossary_file):
    d = tmp_path / "shared"
    d.mkdir()
    os.chmod(d, 0o777)
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(d))
    gc_.load_compiled([glossary_file])
    assert entries(d) == []


def test_files_are_private_and_atomic(cache_dir, glossary_file):
    gc_.load_compiled([glossary_file])
    assert (cache_dir.stat().st_mode & 0o777) == 0o700
    (entry,) = entries(cache_dir)
    assert (entry.stat().st_mode & 0o777) == 0o600
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]


def test_oldest_entries_are_evicted(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(gc_, "MAX_ENTRIES", 2)
    paths, seen = [], set()
    for i, city in enumerate(["Canberra", "Wellington", "Ottawa"]):
        p = tmp_path / f"g{i}.toml"
        p.write_text(f'[[place]]\nterm = "{city}"\n', encoding="utf-8")
        paths.append(p)
        gc_.load_compiled([p])
        (new,) = set(entries(cache_dir)) - seen
        seen.add(new)
        os.utime(new, (1_000_000 + i, 1_000_000 + i))  # used in this order, long ago
    assert len(entries(cache_dir)) == 2
    before = gc_.stats.copy()
    gc_.load_compiled([paths[1]])
    gc_.load_compiled([paths[2]])
    assert delta(before) == {"hits": 2}  # the two most recently used survived
    gc_.load_compiled([paths[0]])
    assert delta(before) == {"hits": 2, "misses": 1, "writes": 1, "evicted": 1}


def test_validation_warnings_are_logged_on_a_hit_too(cache_dir, tmp_path, caplog):
    p = tmp_path / "warn.toml"
    p.write_text('[[acronym]]\nterm = "AUKUS"\n', encoding="utf-8")  # an acronym without expansion: a warning
    with caplog.at_level(logging.WARNING, logger="audit"):
        gc_.load_compiled([p])
        first = [r.getMessage() for r in caplog.records]
        caplog.clear()
        gc_.load_compiled([p])
        second = [r.getMessage() for r in caplog.records]
    assert first and first == second


# -- same findings with and without the cache --------------------------------------------------


def test_reports_identical_with_and_without_cache_composed_glossary(cache_dir, glossary_file):
    plain = report_json(load_glossary([glossary_file]))
    cold = report_json(gc_.load_compiled([glossary_file]))
    warm = report_json(gc_.load_compiled([glossary_file]))
    assert plain == cold == warm
    assert '"NAME' in plain  # "Richard Marls" is flagged, so the comparison means something
    clean = [report_json(g, CLEAN) for g in (load_glossary([glossary_file]), gc_.load_compiled([glossary_file]))]
    assert clean[0] == clean[1] and '"findings": []' in clean[0]


def test_cli_reports_identical_on_the_seed_and_no_cache_touches_nothing(cache_dir, tmp_path, run_cli):
    outs = {}
    for name, extra in (("no-cache", ["--no-cache"]), ("cold", []), ("warm", [])):
        out = tmp_path / name
        code, _, err = run_cli("run", SEED, "-o", out, "-f", "json,md", "-q", "--exit-zero", *extra)
        assert code == 0, err
        outs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        if name == "no-cache":
            assert not cache_dir.exists() or entries(cache_dir) == []
    assert outs["no-cache"] == outs["cold"] == outs["warm"]
    assert len(entries(cache_dir)) == 1


# -- worker processes read the indexes back instead of building them -------------------------------


def test_unpickled_glossary_reads_its_indexes_from_the_cache_file(cache_dir, glossary_file):
    g = gc_.load_compiled([glossary_file])
    blob = pickle.dumps(g)
    assert len(blob) < 20_000  # the indexes do not travel to workers
    back = pickle.loads(blob)
    assert back._cache == {} and back.terms == g.terms
    before = gc_.stats.copy()
    idx = back.compiled("matching.official-index", refuse)
    assert delta(before) == {"worker_reads": 1}
    assert len(idx.forms) == len(g.compiled("matching.official-index", refuse).forms)
    assert report_json(back) == report_json(g)


def test_unpickled_glossary_builds_when_the_cache_file_is_gone(cache_dir, glossary_file):
    g = gc_.load_compiled([glossary_file])
    back = pickle.loads(pickle.dumps(g))
    for p in entries(cache_dir):
        p.unlink()
    from audit.glossary.matching import build_official_index

    built = []
    back.compiled("matching.official-index", lambda gl: built.append(1) or build_official_index(gl))
    assert built == [1]
    assert report_json(back) == report_json(load_glossary([glossary_file]))


def test_glossary_without_cache_pickles_as_before():
    g = load_glossary(None)
    g.compiled("big", lambda _g: list(range(10_000)))
    back = pickle.loads(pickle.dumps(g))
    assert back._cache == {} and back._origin == ""
    assert back.compiled("big", lambda _g: "rebuilt") == "rebuilt"


# -- what the cache file holds --------------------------------------------------------------------


def _roundtrip(obj):
    import io

    buf = io.BytesIO()
    gc_._Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return pickle.loads(buf.getvalue())


def test_compiled_patterns_round_trip_without_reparsing():
    p = re.compile(r"(?<!\w)(?:Camp (?:Humphreys|Carroll)|Yongsan Garrison)(?P<suffix>['’]s|s)?(?!\w)", re.I)
    q = _roundtrip(p)
    assert q == p and q.pattern == p.pattern and q.flags == p.flags and q.groupindex == p.groupindex
    text = "At camp humphreys's gate and Yongsan Garrisons."
    assert [m.span() for m in q.finditer(text)] == [m.span() for m in p.finditer(text)]
    args = gc_._pattern_args(p)
    assert args is not None and args[0] == p.pattern
    b = re.compile(rb"\x00+")
    assert _roundtrip(b) == b


def test_frozen_dataclasses_round_trip_by_constructor():
    t = Term(id="person:penny-wong", term="Penny Wong", kind="person", titles=("Foreign Minister",), source="x:1")
    back = _roundtrip([t, t])
    assert back[0] == t and back[0] is back[1]  # shared objects stay shared
    assert "__dict__" not in vars(type(back[0])) or back[0].forms == t.forms
    assert gc_._frozen_fields(Glossary) is None  # custom state: pickled its own way
    assert gc_._frozen_fields(_Plain) == ("a", "b")  # a frozen dataclass with a __dict__: rebuilt by its constructor
    assert gc_._frozen_fields(Term) is None  # slotted (no __dict__ to save): pickled the default way
    assert _roundtrip([_Plain(1, "x")]) == [_Plain(1, "x")]


@dataclass(frozen=True)
class _Plain:
    a: int
    b: str


def _audit_in_worker(glossary, text):
    return report_json(glossary, text), dict(gc_.stats)


def test_spawned_worker_reads_the_compiled_glossary_from_the_cache(cache_dir, glossary_file):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    g = gc_.load_compiled([glossary_file])
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as ex:
        text, worker_stats = ex.submit(_audit_in_worker, g, DOC).result(timeout=120)
    assert text == report_json(g)
    assert worker_stats.get("worker_reads") == 1 and not worker_stats.get("misses")


def test_an_index_that_cannot_be_pickled_is_built_on_first_use(cache_dir, glossary_file, monkeypatch):
    import threading

    real_warm = gc_.warm

    def warm(glossary):
        real_warm(glossary)
        glossary.compiled("test.unpicklable", lambda _g: threading.Lock())
        return glossary

    monkeypatch.setattr(gc_, "warm", warm)
    before = gc_.stats.copy()
    gc_.load_compiled([glossary_file])
    assert delta(before) == {"misses": 1, "writes": 1}  # the other indexes are saved
    g = gc_.load_compiled([glossary_file])
    assert "test.unpicklable" not in g._cache
    assert g.compiled("matching.official-index", refuse) is not None


def test_read_only_mapping_views_survive_the_cache():
    from types import MappingProxyType

    view = MappingProxyType({"ausmin": ("AUSMIN",)})
    back = _roundtrip({"v": view})["v"]
    assert isinstance(back, MappingProxyType) and dict(back) == dict(view)


def test_a_file_changed_during_the_load_is_not_cached_under_the_old_key(cache_dir, glossary_file, monkeypatch):
    real_warm = gc_.warm

    def warm(glossary):
        glossary_file.write_text(AUSMIN + '\n[[place]]\nterm = "Canberra"\n', encoding="utf-8")
        return real_warm(glossary)

    monkeypatch.setattr(gc_, "warm", warm)
    gc_.load_compiled([glossary_file])
    assert entries(cache_dir) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_glossary_is_not_keyed(tmp_path):
    fifo = tmp_path / "g.toml"
    os.mkfifo(fifo)
    assert gc_.cache_key([fifo]) is None  # (reading it here would block, then starve the loader)


def test_lazy_patterns_in_an_index_are_saved_uncompiled():
    from audit.checks._lazyre import lazy_re

    lp = lazy_re(r"\bAUSMIN\b", re.I)
    assert lp.search("the ausmin talks")  # compiled: its dict now holds bound methods
    back = _roundtrip([lp])[0]
    assert back.pattern == lp.pattern and back.search("the Ausmin talks").group() == "Ausmin"


def test_each_index_is_its_own_pickle_and_keeps_its_shared_objects(cache_dir, glossary_file):
    """One pickler per index (a single memo over everything cost ~400 MB at 100k entries):
    objects shared inside an index (a form's keys and the exact-match key) stay shared."""
    built = gc_.load_compiled([glossary_file])
    (entry,) = entries(cache_dir)
    with open(entry, "rb") as f:
        f.readline()
        f.readline()
        head = pickle.load(f)
        assert "indexes" not in head and head["glossary"]["terms"] == built.terms
        names = []
        while (item := pickle.load(f)) is not None:
            names.append(item[0])
    assert "matching.official-index" in names and set(names) <= set(built._cache)
    g = gc_.load_compiled([glossary_file])
    idx = g.compiled("matching.official-index", refuse)
    assert set(idx.forms.objs) == {None}  # forms are made on first use
    keys = {k: k for k in idx.exact}
    assert all(keys[idx.forms.keys_at(i)] is idx.forms.keys_at(i) for i in range(len(idx.forms)))
    assert report_json(g) == report_json(built)
