"""Dask: a local distributed cluster produces the same reports as a plain run."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("dask.bag", reason="the Dask integration needs the dask extra: pip install -e '.[dask]'")
distributed = pytest.importorskip("distributed", reason="the Dask integration needs the dask extra: pip install -e '.[dask]'")

from audit import parallel  # noqa: E402
from audit.config import AuditConfig  # noqa: E402
from audit.glossary import parse_native  # noqa: E402

from .test_parallel import GLOSSARY, _slow_square, make_corpus, tree  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    """One in-process cluster (worker threads) for the module: starts in about a second."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        with distributed.Client(c) as client:
            yield client


def test_dask_map_ordered_keeps_order_on_a_cluster(cluster):
    got = list(parallel.dask_map_ordered(_slow_square, list(range(11)), 5, scheduler=cluster, partition_size=2, window=2))
    assert got == [x * x + 5 for x in range(11)]


def test_dask_map_ordered_with_a_plain_scheduler():
    assert list(parallel.dask_map_ordered(_slow_square, [3, 1, 2], 0, scheduler="sync")) == [9, 1, 4]
    assert list(parallel.dask_map_ordered(_slow_square, [], 0, scheduler="threads")) == []


def test_cli_dask_address_writes_the_same_reports(cluster, tmp_path, run_cli):
    corpus = make_corpus(tmp_path / "corpus", 7)
    gl = tmp_path / "gl.toml"
    gl.write_text(GLOSSARY, encoding="utf-8")
    code1, out1, err1 = run_cli("run", corpus, "-g", gl, "-o", tmp_path / "plain", "--jobs", "1")
    address = cluster.scheduler.address
    code2, out2, err2 = run_cli("run", corpus, "-g", gl, "-o", tmp_path / "dask", "--dask", address)
    assert code1 == code2 == 1 and err1 == err2 == ""
    assert out1 == out2
    plain, dask_tree = tree(tmp_path / "plain"), tree(tmp_path / "dask")
    assert len(plain) == 7 * 2 + 1
    assert plain == dask_tree


def test_audit_bag_python_api(cluster, tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 5)
    (corpus / "unreadable.txt").write_bytes(b"\x00\x01\x02")
    g = parse_native(GLOSSARY, "<gl>")
    summaries = parallel.audit_bag([corpus], g, AuditConfig(), out=tmp_path / "rep", formats=("json",), scheduler=cluster, partition_size=2)
    assert [s.document.path for s in summaries] == sorted(str(p) for p in corpus.rglob("doc*.txt"))
    assert len(summaries.errors) == 1 and "unreadable.txt" in summaries.errors[0]
    files = sorted(p.name for p in (tmp_path / "rep").iterdir())
    assert files == sorted(s.stem + ".json" for s in summaries)  # json only: no index.html
    # the same JSON as the pure in-process audit of each file
    from audit.runner import RunState, audit_one

    state = RunState(g, AuditConfig(), ("json",))
    for s in summaries:
        mine = audit_one(parallel.DocTask(s.document.path, s.document.path, s.stem), state)
        assert (tmp_path / "rep" / (s.stem + ".json")).read_text(encoding="utf-8") == mine.outputs[".json"]
        data = json.loads(mine.outputs[".json"])
        assert data["summary"]["findings"] == s.findings


def test_cli_dask_unreachable_scheduler_is_a_clean_error(tmp_path, run_cli, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", 1)
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "1s")
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, out, err = run_cli("run", corpus, "--no-glossary", "-o", tmp_path / "o", "--dask", "tcp://127.0.0.1:9")
    assert code == 2 and "cannot start the run" in err and out == ""
