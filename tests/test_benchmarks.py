"""The benchmark tools run: synthetic glossaries, injected corpora, and run.py --quick."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from audit.glossary import parse_native

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

GLOSSARY = """
[[person]]
term = "Ngozi Okonjo-Iweala"
variants = ["Okonjo-Iweala"]
titles = ["Director-General"]

[[person]]
term = "Kristalina Georgieva"
titles = ["Managing Director"]

[[org]]
term = "World Trade Organization"
acronym = "WTO"
replaces = ["World Commerce Organization"]
"""

TEXT = (
    "1. Director-General Ngozi Okonjo-Iweala of the World Trade Organization (WTO) met "
    "Managing Director Kristalina Georgieva in Geneva.\n\n"
    "2. The World Trade Organization published its report.\n"
)


def test_synthetic_glossary_is_valid_unique_and_deterministic():
    text = corpus.synthetic_glossary_toml(300, seed=7, avoid=frozenset({"WTO"}))
    assert text == corpus.synthetic_glossary_toml(300, seed=7, avoid=frozenset({"WTO"}))
    g = parse_native(text, "<syn>")
    kinds = {t.kind for t in g.terms}
    assert {"person", "org", "term", "place", "acronym"} <= kinds
    assert len({t.term for t in g.terms}) == len(g.terms)
    acrs = [t.term for t in g.terms if t.kind == "acronym"]
    assert "WTO" not in acrs and all(a.lower() not in corpus._ENGLISH for a in acrs)
    assert sum(1 for t in g.terms if t.kind != "acronym") == 300


def test_injections_are_at_known_offsets():
    g = parse_native(GLOSSARY, "<gl>")
    sites = corpus.injection_sites(TEXT, g, random.Random(1))
    kinds = {s.kind for s in sites}
    assert {"misspelling", "wrong-title", "acronym-expansion"} <= kinds
    for seed in range(5):
        new, injs = corpus.inject(TEXT, sites, 3, random.Random(seed))
        assert injs, "something must be injected"
        shift = corpus.edits_shift(injs)
        for i in injs:
            assert new[i.start:i.end] == i.text and i.text != i.original
            assert TEXT.count(i.original) >= 1
        # text outside the injections is unchanged and maps through the shift
        last = TEXT.rindex("report.")
        assert new[shift(last):shift(last) + 7] == "report."
    wrong = [s for s in sites if s.kind == "wrong-title"]
    assert all(TEXT[s.start:s.end] in ("Director-General", "Managing Director") for s in wrong)
    assert all(s.replacement in ("Director-General", "Managing Director") and s.replacement != TEXT[s.start:s.end] for s in wrong)


def test_write_corpus_manifest(tmp_path):
    g = parse_native(GLOSSARY, "<gl>")
    m = corpus.write_corpus(tmp_path / "c", g, target_bytes=2_000, per_doc=2, base_text=TEXT)
    docs = sorted((tmp_path / "c").glob("*.txt"))
    assert len(docs) == len(m["documents"]) >= 2 and m["bytes"] >= 2_000
    for d in docs:
        text = d.read_text(encoding="utf-8")
        for i in m["documents"][d.name]:
            assert text[i["start"]:i["end"]] == i["text"]
    assert json.loads((tmp_path / "c" / "manifest.json").read_text())["documents"] == m["documents"]


def test_prh_dictionary_lists_forbidden_forms(tmp_path):
    import run

    gl = tmp_path / "g.toml"
    gl.write_text(GLOSSARY, encoding="utf-8")
    y = run.prh_yaml(gl)
    assert 'expected: "World Trade Organization"' in y and '- "World Commerce Organization"' in y
    assert "Kristalina" not in y  # no forbidden forms, no prh rule


@pytest.mark.slow
def test_run_quick_smoke(tmp_path):
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--no-peer", "--json", str(out)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    r = json.loads(out.read_text())
    assert r["startup"]["help"]["rc"] == 0 and r["seed"]["median_ms"] > 0
    c = next(iter(r["corpus"].values()))
    assert c["docs"] >= 1 and c["mb_per_s"] > 0 and c["recall"] is not None
    assert r["jobs"]["identical"] is True
    assert "## Speed and scale" in proc.stdout
