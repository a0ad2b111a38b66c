"""--jobs: the process pool gives the same bytes as one process, in input order, streaming."""
from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from audit import parallel
from audit.config import AuditConfig
from audit.glossary import parse_native
from audit.parallel import DocSummary, DocTask, effective_jobs, map_ordered
from audit.runner import RunState, audit_one

GLOSSARY = """
[[person]]
term = "Jacinda Ardern"
titles = ["Prime Minister"]
replaces = ["Jacinta Arden"]

[[org]]
term = "Pacific Islands Forum"
replaces = ["Pacific Island Forum"]

[[event]]
term = "Christchurch Call Summit"
replaces = ["Christchurch Appeal Summit"]
"""

SENTENCES = [
    "Prime Minister Jacinda Ardern opened the Christchurch Call Summit in Paris.",
    "Leaders of the Pacific Island Forum met in Suva on the same day.",
    "Jacinta Arden thanked the Pacific Islands Forum for its work.",
    "The Christchurch Appeal Summit agreed on a statement , and adjourned.",
    "Delegates from the UN Security Council resolutions committee attended as observers.",
]


def make_corpus(folder: Path, n: int = 9) -> Path:
    """``n`` small documents, each a different mix of correct and wrong forms."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = [f"{k + 1}. {SENTENCES[(i + k) % len(SENTENCES)]}" for k in range(3 + i % 4)]
        sub = folder / ("part-b" if i % 3 == 0 else "part-a")
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:02d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- map_ordered ------------------------------------------------------------------------


def _slow_square(x, shared):
    time.sleep(0.02 * ((7 - x) % 4))  # later items often finish first
    return x * x + shared


def _boom(x, shared):
    if x == 3:
        raise KeyError("three")
    return x


def test_map_ordered_keeps_input_order_in_a_pool():
    assert list(map_ordered(_slow_square, range(8), 100, jobs=2)) == [x * x + 100 for x in range(8)]


def test_map_ordered_in_process_is_the_same():
    assert list(map_ordered(_slow_square, range(5), 1, jobs=1)) == [1, 2, 5, 10, 17]


def test_map_ordered_reraises_worker_errors_in_order():
    got = []
    with pytest.raises(KeyError, match="three"):
        for v in map_ordered(_boom, range(6), None, jobs=2):
            got.append(v)
    assert got == [0, 1, 2]


def test_map_ordered_streams_with_a_bounded_window():
    pulled = []

    def items():
        for i in range(40):
            pulled.append(i)
            yield i

    gen = map_ordered(_slow_square, items(), 0, jobs=2, window=3)
    assert next(gen) == 0
    # only the window (plus the one refill) has been taken from the input
    assert len(pulled) <= 4
    assert list(gen) == [x * x for x in range(1, 40)]


def test_effective_jobs():
    tasks = [DocTask(f"d{i}", "/nonexistent", f"d{i}") for i in range(10)]
    assert effective_jobs(1, tasks) == 1
    assert effective_jobs(3, tasks) == 3
    assert effective_jobs(8, tasks[:2]) == 2  # never more workers than documents
    # automatic: tiny batches (unreadable here, so 0 bytes) stay in process
    assert effective_jobs(None, tasks) == 1
    assert effective_jobs(0, tasks[:1]) == 1
    with pytest.raises(ValueError):
        effective_jobs(-1, tasks)


def test_effective_jobs_auto_uses_the_cores_for_a_big_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    tasks = []
    for i in range(parallel.AUTO_MIN_DOCS):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(b"x" * (parallel.AUTO_MIN_BYTES // parallel.AUTO_MIN_DOCS + 1))
        tasks.append(DocTask(str(p), str(p), str(i)))
    assert effective_jobs(None, tasks) == 2
    assert effective_jobs(None, tasks[:-1]) == 1  # too few documents


# -- the run state crosses process boundaries without compiled caches ----------------------


def test_run_state_pickles_without_compiled_glossary_caches():
    g = parse_native(GLOSSARY, "<t>")
    g.compiled("big-index", lambda gl: list(range(100_000)))
    blob = pickle.dumps(RunState(g, AuditConfig(), ("json",)))
    assert len(blob) < 5_000
    back = pickle.loads(blob)
    assert back.glossary.terms == g.terms and back.glossary.sha256 == g.sha256
    assert back.glossary._cache == {}


def test_audit_one_returns_rendered_texts_and_a_small_summary(tmp_path):
    corpus = make_corpus(tmp_path / "c", 2)
    path = sorted(corpus.rglob("*.txt"))[0]
    state = RunState(parse_native(GLOSSARY, "<t>"), AuditConfig(), ("json", "md"))
    out = audit_one(DocTask("shown/name.txt", str(path), "name"), state)
    assert out.error is None
    assert set(out.outputs) == {".json", ".md"}
    assert '"document": "shown/name.txt"' in out.outputs[".json"]
    s = out.summary
    assert isinstance(s, DocSummary) and s.findings >= 1 and not s.passed
    assert s.index_entry()["href"] == "name.html"
    assert len(pickle.dumps(s)) < 2_000  # what the parent keeps per document


def test_audit_one_reports_unreadable_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = audit_one(DocTask("bad.txt", str(bad), "bad"), RunState(parse_native(GLOSSARY), AuditConfig(), ("json",)))
    assert out.summary is None and out.outputs == {} and "binary" in out.error


# -- the CLI: --jobs 2 writes exactly what --jobs 1 writes ------------------------------------


def test_jobs_2_output_is_byte_identical_to_jobs_1(tmp_path, run_cli):
    corpus = make_corpus(tmp_path / "corpus", 9)
    (corpus / "part-a" / "broken.txt").write_bytes(b"\x00\x00\x01 not text")
    gl = tmp_path / "gl.toml"
    gl.write_text(GLOSSARY, encoding="utf-8")
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        code, stdout, stderr = run_cli("run", corpus, "-g", gl, "-o", out, "-f", "json,html,md", "--jobs", jobs)
        results[jobs] = (code, stdout, stderr, tree(out))
    c1, o1, e1, t1 = results[1]
    c2, o2, e2, t2 = results[2]
    assert c1 == c2 == 2  # the unreadable file is an input error
    assert "broken.txt" in e1 and e1 == e2
    assert o1 == o2 and "doc00.txt" in o1
    assert len(t1) == 9 * 3 + 1 and "index.html" in t1
    assert t1 == t2
    # and the reports really contain the glossary findings
    assert b'"rule": "TERM001"' in b"".join(v for k, v in t1.items() if k.endswith(".json"))


def test_jobs_flag_rejects_negative(tmp_path, run_cli):
    corpus = make_corpus(tmp_path / "c", 1)
    code, _, err = run_cli("run", corpus, "--no-glossary", "-o", tmp_path / "o", "--jobs", "-2")
    assert code == 2 and "--jobs" in err


def _pid(x, shared):
    import os

    return os.getpid()


def test_fork_pool_audits_the_first_document_in_the_parent():
    """So forked workers inherit the compiled glossary instead of each compiling it."""
    import os

    if parallel._mp_context().get_start_method() != "fork":
        pytest.skip("fork is not the start method here (threads running or no fork)")
    pids = list(map_ordered(_pid, range(6), None, jobs=2))
    assert pids[0] == os.getpid()
    assert all(p != os.getpid() for p in pids[1:])
