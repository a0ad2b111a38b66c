"""Running many documents: a local process pool (``--jobs``) and Dask (``--dask``).

The per-document work is one picklable, top-level function ``func(task, shared)``
(for ``audit run`` it is :func:`audit.runner.audit_one`): it reads one file,
audits it with the pure engine and renders the report texts.  This module only
*maps* that function over the tasks and hands the outcomes back **in input
order**, so the files written (and the table printed) are byte-identical
whatever the number of workers.  The caller writes the reports as each outcome
arrives and keeps only a small :class:`DocSummary` per document: a run over
10,000 files holds one document's data at a time (plus the few in flight).

* :func:`map_ordered` -- in process (``jobs=1``) or over a
  :class:`concurrent.futures.ProcessPoolExecutor`.  The shared state (glossary,
  configuration, formats) is handed to each worker once through the pool
  initializer; the glossary pickles without its compiled indexes, which each
  worker builds once on first use and then reuses for every document it audits.
* :func:`dask_map_ordered` -- the same over a :mod:`dask.bag` of tasks, on a
  ``distributed`` scheduler (an address, a Client, or ``"local"`` for a
  LocalCluster on this machine) or on a plain dask scheduler name
  (``"sync"``, ``"threads"``, ``"processes"``).  Needs the ``audit[dask]`` extra.
* :func:`audit_bag` -- the documented Python API: audit a list of paths on
  Dask and write the same reports as ``audit run``.

Nothing here mutates module state at import time; the only module global is
the per-worker state set by the pool initializer inside each worker process.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

#: in the default (automatic) mode a batch smaller than this stays in process:
#: starting workers and compiling the glossary in each costs more than it saves.
AUTO_MIN_BYTES = 256 * 1024
AUTO_MIN_DOCS = 4


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class DocTask:
    """One document to audit: the path as shown, the file, the report stem."""

    display: str
    path: str
    stem: str


@dataclass(frozen=True)
class DocRef:
    """The little of a document a summary keeps (duck-types ``Report.document``)."""

    path: str
    paragraphs: tuple[str, ...] = ()  # paragraph ids only


@dataclass(frozen=True)
class DocSummary:
    """What the batch keeps of one audited document: enough for the table and index.

    It has the attributes :func:`audit.report.table.summary_table` reads from a
    :class:`~audit.model.Report` (``document.path``, ``document.paragraphs``,
    ``words``, ``by_severity``, ``score``, ``passed``, ``signature``).
    """

    document: DocRef
    stem: str
    words: int
    score: float
    passed: bool
    errors: int
    findings: int
    by_severity: dict
    signature: str

    @classmethod
    def of(cls, report, stem: str) -> "DocSummary":
        doc = report.document
        return cls(
            document=DocRef(doc.path, tuple(p.id for p in doc.paragraphs)),
            stem=stem,
            words=report.words,
            score=report.score,
            passed=report.passed,
            errors=report.errors,
            findings=len(report.findings),
            by_severity=dict(report.by_severity),
            signature=report.signature,
        )

    def index_entry(self) -> dict:
        return {
            "document": self.document.path, "href": self.stem + ".html", "score": self.score,
            "passed": self.passed, "errors": self.errors, "by_severity": self.by_severity,
            "findings": self.findings,
        }


@dataclass(frozen=True)
class DocOutcome:
    """What a worker sends back: the rendered reports (format -> text) or an input error."""

    task: DocTask
    outputs: dict = field(default_factory=dict)
    summary: Optional[DocSummary] = None
    error: Optional[str] = None


# --------------------------------------------------------------------------- jobs


def available_cores() -> int:
    """Cores this process may run on (the CPU affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def effective_jobs(jobs: Optional[int], tasks: Sequence[DocTask] = ()) -> int:
    """The number of worker processes to use.

    ``jobs`` given (>= 1): exactly that many (never more than there are tasks).
    ``jobs`` None or 0 (the default): the number of cores, except that a small
    batch (fewer than AUTO_MIN_DOCS documents or AUTO_MIN_BYTES in total) runs in
    process, where starting workers would cost more than it saves.
    """
    n = len(tasks)
    if jobs is not None and jobs < 0:
        raise ValueError("--jobs must be 0 (automatic) or more")
    if jobs:
        return max(1, min(jobs, n or 1))
    cores = available_cores()
    if cores < 2 or n < AUTO_MIN_DOCS:
        return 1
    total = 0
    for t in tasks:
        try:
            total += os.path.getsize(t.path)
        except OSError:
            pass
        if total >= AUTO_MIN_BYTES:
            return min(cores, n)
    return 1


# --------------------------------------------------------------------------- process pool

_WORKER: Optional[tuple[Callable, Any]] = None  # set in each worker process by _init_worker


def _init_worker(func: Callable, shared: Any) -> None:
    global _WORKER
    _WORKER = (func, shared)


def _call_in_worker(item):
    func, shared = _WORKER  # type: ignore[misc]
    return func(item, shared)


def _mp_context():
    """``fork`` where it is safe (POSIX, no other threads running), else ``forkserver``/``spawn``.

    tqdm's idle monitor thread (a progress bar on a terminal) does not count: it
    holds no lock the workers could need.
    """
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and type(t).__name__ != "TMonitor"]
    if "fork" in methods and not others:
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def map_ordered(func: Callable, items: Iterable, shared: Any, jobs: int = 1, window: Optional[int] = None) -> Iterator:
    """Yield ``func(item, shared)`` for each item, in input order.

    ``jobs <= 1`` runs in this process.  Otherwise a process pool of ``jobs``
    workers, each initialised once with ``(func, shared)`` (with ``fork``, the
    first item runs here first so the workers inherit the compiled glossary
    indexes instead of each building them); at most ``window``
    items (default ``4 * jobs``) are in flight, so results never pile up while
    the caller writes them.  An exception raised by ``func`` is re-raised here
    (in order), and the pool is shut down.
    """
    if jobs <= 1:
        for item in items:
            yield func(item, shared)
        return
    from concurrent.futures import ProcessPoolExecutor

    window = window or 4 * jobs
    pending: deque = deque()
    it = iter(items)
    ctx = _mp_context()
    if ctx.get_start_method() == "fork":
        # Do the first item here: that compiles the glossary indexes once, in this
        # process, and the forked workers inherit them instead of each compiling its own.
        first = next(it, _END)
        if first is _END:
            return
        yield func(first, shared)
    ex = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(func, shared))
    try:
        for item in itertools.islice(it, window):
            pending.append(ex.submit(_call_in_worker, item))
        while pending:
            fut = pending.popleft()
            result = fut.result()
            nxt = next(it, _END)
            if nxt is not _END:
                pending.append(ex.submit(_call_in_worker, nxt))
            del fut
            yield result
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


_END = object()


# --------------------------------------------------------------------------- dask

_DASK_SCHEDULERS = ("sync", "synchronous", "single-threaded", "threads", "threading", "processes", "multiprocessing")


def _require_dask():
    try:
        import dask  # noqa: F401
        import dask.bag  # noqa: F401
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "the Dask integration needs the dask extra: pip install 'audit[dask]' "
            f"(or pip install -e '.[dask]'): {e}"
        ) from None


def _run_partition(items, func, shared) -> list:
    """Dask task: audit one partition of the bag, in order."""
    return [func(item, shared) for item in items]


class _Connection:
    """A distributed Client for ``scheduler`` (closed afterwards if we opened it)."""

    def __init__(self, scheduler, n_workers: Optional[int] = None):
        self.client = self.cluster = None
        self.own = False
        from distributed import Client

        if isinstance(scheduler, Client):
            self.client = scheduler
        elif scheduler == "local" or (isinstance(scheduler, str) and scheduler.startswith("local:")):
            from distributed import LocalCluster

            n = int(scheduler.split(":", 1)[1]) if ":" in scheduler else (n_workers or available_cores())
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
            self.own = True
        else:
            self.client = Client(scheduler)
            self.own = True

    def close(self) -> None:
        if self.own:
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()


def dask_map_ordered(
    func: Callable,
    items: Sequence,
    shared: Any,
    scheduler: Any = "local",
    partition_size: Optional[int] = None,
    window: Optional[int] = None,
) -> Iterator:
    """Yield ``func(item, shared)`` for each item, in input order, computed on Dask.

    The items become a :class:`dask.bag.Bag` (``partition_size`` items per
    partition, default: about four partitions per worker, at most 64 items);
    ``shared`` is put into the graph once (a single task every partition depends
    on), so each worker unpickles the glossary once and compiles it once.

    ``scheduler``: a scheduler address (``"tcp://10.0.0.5:8786"``), a
    ``distributed.Client``, ``"local"``/``"local:N"`` (a LocalCluster of N worker
    processes on this machine), or a plain dask scheduler name (``"sync"``,
    ``"threads"``, ``"processes"``).  At most ``window`` partitions (default:
    twice the number of workers) are computed ahead of the one being consumed.
    """
    _require_dask()
    items = list(items)
    plain = isinstance(scheduler, str) and scheduler in _DASK_SCHEDULERS
    conn = None if plain or not items else _Connection(scheduler)  # connect now: errors surface here
    return _dask_iter(func, items, shared, scheduler, conn, partition_size, window)


def _dask_iter(func, items, shared, scheduler, conn, partition_size, window) -> Iterator:
    import dask
    import dask.bag as db

    if not items:
        return
    plain = conn is None
    try:
        workers = available_cores() if plain else max(1, len(conn.client.scheduler_info().get("workers", {})) or 1)
        if not partition_size:
            partition_size = max(1, min(64, -(-len(items) // (4 * workers))))
        bag = db.from_sequence(items, partition_size=partition_size)
        shared_d = dask.delayed(shared, pure=True, traverse=False)
        parts = bag.map_partitions(_run_partition, func, shared_d).to_delayed()
        window = window or 2 * workers
        if plain:
            for i in range(0, len(parts), window):
                for chunk in dask.compute(*parts[i:i + window], scheduler=scheduler):
                    yield from chunk
            return
        client = conn.client
        pending: deque = deque()
        queue = iter(parts)
        for d in itertools.islice(queue, window):
            pending.append(client.compute(d))
        while pending:
            fut = pending.popleft()
            chunk = fut.result()
            fut.release()
            nxt = next(queue, _END)
            if nxt is not _END:
                pending.append(client.compute(nxt))
            yield from chunk
    finally:
        if conn is not None:
            conn.close()


# --------------------------------------------------------------------------- Python API


def audit_bag(
    paths: Iterable[str | os.PathLike],
    glossary=None,
    config=None,
    out: str | os.PathLike = "reports",
    formats: Sequence[str] = ("json", "html"),
    scheduler: Any = "local",
    partition_size: Optional[int] = None,
    glob: Sequence[str] = (),
) -> list[DocSummary]:
    """Audit documents on Dask and write the same reports as ``audit run``.

    ``paths``: files and folders (folders are searched like ``audit run`` does,
    for ``glob`` patterns, default ``*.txt`` and ``*.md``).  ``glossary``: a
    :class:`~audit.glossary.Glossary` (default: the embedded default glossary);
    ``config``: an :class:`~audit.config.AuditConfig`.  ``scheduler``: see
    :func:`dask_map_ordered`.  Writes ``<out>/<stem>.<format>`` per document
    (and ``index.html`` when ``"html"`` is among the formats) from this process,
    as each partition arrives, and returns one :class:`DocSummary` per document
    that could be read, in input order.  Documents that cannot be read are
    skipped; their reasons are in the summaries' absence and in the returned
    list's ``errors`` attribute.

        from audit.parallel import audit_bag
        from audit.glossary import load_glossary
        summaries = audit_bag(["corpus/"], load_glossary("reference/glossary.toml"),
                              out="reports", scheduler="tcp://scheduler:8786")
    """
    from .config import AuditConfig
    from .glossary import load_glossary
    from .io import DEFAULT_GLOBS, collect_inputs, output_stems, write_atomic
    from .runner import RunState, audit_one, write_index

    cfg = config or AuditConfig()
    if glossary is None:
        glossary = load_glossary(list(cfg.glossary) if cfg.glossary else None, cache=True)  # compiled once, kept on disk
    outp = Path(out)
    inputs, missing = collect_inputs([str(p) for p in paths], tuple(glob) or DEFAULT_GLOBS, exclude=[outp])
    stems = output_stems([d for d, _ in inputs])
    tasks = [DocTask(d, str(p), stems[d]) for d, p in inputs]
    state = RunState(glossary=glossary, config=cfg, formats=tuple(formats))
    from .report import RENDERERS

    bad = [f for f in formats if f not in RENDERERS]
    if bad:
        raise ValueError(f"unknown format(s): {', '.join(bad)}")
    summaries = _SummaryList()
    summaries.errors.extend(f"{p}: {r}" for p, r in missing)
    for outcome in dask_map_ordered(audit_one, tasks, state, scheduler=scheduler, partition_size=partition_size):
        if outcome.error:
            summaries.errors.append(f"{outcome.task.display}: {outcome.error}")
            continue
        for suffix, text in outcome.outputs.items():
            write_atomic(outp / (outcome.task.stem + suffix), text)
        summaries.append(outcome.summary)
    if "html" in formats and summaries:
        write_index(outp, summaries)
    return summaries


class _SummaryList(list):
    """A list of DocSummary with the unreadable inputs in ``.errors``."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []
