"""`audit run`: wire loaders, the pure engine, renderers and the gate together."""
from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .cli import FORMATS, ExitCode
from .config import AuditConfig, ConfigError, discover, load_file
from .document import InputError, read_document
from .glossary import GlossaryError, load_glossary
from .io import DEFAULT_GLOBS, collect_inputs, output_stems, write_atomic
from .model import Severity


def error(msg: str) -> None:
    print(f"audit: {msg}", file=sys.stderr)


def resolve_config(args) -> AuditConfig:
    if args.config:
        cfg = load_file(args.config)
    else:
        found = discover(args.paths[0]) if args.paths else None
        cfg = load_file(found) if found else AuditConfig()
    sel = args.select if args.select is not None else None
    if args.extend_select:
        sel = tuple(sel if sel is not None else cfg.select) + tuple(args.extend_select)
    try:
        return cfg.with_overrides(
            select=tuple(sel) if sel is not None else None,
            ignore=tuple(args.ignore) if args.ignore is not None else None,
            fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
            max_errors=args.max_errors,
            min_score=args.min_score,
            glossary=tuple(args.glossary) if args.glossary else None,
            reference=args.reference,
        )
    except ValueError as e:
        raise ConfigError(str(e)) from None


def find_reference(ref: Optional[str], doc_path: str) -> Optional[Path]:
    """The reference for a document: the given file, or the file of the same name in the given folder."""
    if not ref:
        return None
    r = Path(ref)
    if r.is_dir():
        name = Path(doc_path).name
        for cand in (r / name, *sorted(r.glob(Path(doc_path).stem + ".*"))):
            if cand.is_file():
                return cand
        return None
    return r


def run_command(args) -> ExitCode:
    try:
        cfg = resolve_config(args)
    except ConfigError as e:
        error(str(e))
        return ExitCode.ERROR
    if args.max_errors is not None and args.max_errors < 0:
        error("--max-errors must be 0 or more")
        return ExitCode.ERROR
    formats = tuple(args.format) if args.format is not None else ("json", "html")
    from .fixrun import check_options

    if check_options(args):
        error(check_options(args))
        return ExitCode.ERROR
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        error(f"unknown format(s): {', '.join(bad)} (choose from {', '.join(FORMATS)})")
        return ExitCode.ERROR
    try:
        if args.no_glossary:
            from .glossary.model import Glossary

            glossary = Glossary()
        else:
            cache = not getattr(args, "no_cache", False)  # compiled once, kept on disk
            glossary = load_glossary(cfg.glossary or None, cache=cache)
            # The glossary and its indexes live as long as the run: keep their objects out of every
            # later garbage collection (a full pass over a 10k-entry glossary costs ~8 ms a document;
            # forked --jobs workers also keep sharing the pages).
            gc.collect()
            gc.freeze()
    except GlossaryError as e:
        error(str(e))
        return ExitCode.ERROR
    if cfg.reference and not Path(cfg.reference).exists():
        error(f"{cfg.reference}: reference not found")
        return ExitCode.ERROR
    known = None
    if getattr(args, "baseline", None):
        from .baseline import BaselineError, load as load_baseline

        try:
            known = load_baseline(args.baseline)
        except BaselineError as e:
            error(str(e))
            return ExitCode.ERROR

    out = Path(args.out or "reports")
    inputs, missing = collect_inputs(args.paths, args.glob or DEFAULT_GLOBS, exclude=[out])
    status = ExitCode.OK
    for path, reason in missing:
        error(f"{path}: {reason}")
        status = ExitCode.ERROR
    if not inputs and not missing:
        error("no documents found in " + ", ".join(args.paths))
        return ExitCode.ERROR

    from . import parallel
    from .report.table import summary_table

    stems = output_stems([d for d, _ in inputs])
    tasks = [parallel.DocTask(d, str(p), stems[d]) for d, p in inputs]
    state = RunState(glossary=glossary, config=cfg, formats=formats, baseline=known,
                     baseline_path=getattr(args, "baseline", None) or "", write_baseline=bool(getattr(args, "write_baseline", None)),
                     fix=bool(getattr(args, "fix", False)), fix_threshold=getattr(args, "fix_threshold", 0.8),
                     fix_passes=getattr(args, "fix_passes", 3), in_place=bool(getattr(args, "in_place", False)))
    batch: dict[str, list[str]] = {}  # per-document parts of batch formats (SARIF, CSV, annotations, baseline)
    dask_address = getattr(args, "dask", None)
    try:
        if dask_address:
            outcomes = parallel.dask_map_ordered(audit_one, tasks, state, scheduler=dask_address)
        else:
            outcomes = parallel.map_ordered(audit_one, tasks, state, jobs=parallel.effective_jobs(getattr(args, "jobs", None), tasks))
    except (ValueError, RuntimeError, OSError) as e:
        error(f"cannot start the run: {e}")
        return ExitCode.ERROR
    rows = []  # small DocSummary objects only: reports are written as they arrive
    any_failed = False
    for outcome in _progress(outcomes, args.quiet, total=len(tasks)):
        display = outcome.task.display
        if outcome.error:
            error(f"{display}: {outcome.error}")
            status = ExitCode.ERROR
            continue
        try:
            for suffix, text in outcome.outputs.items():
                if suffix.startswith("batch:"):
                    batch.setdefault(suffix, []).append(text)
                    continue
                if suffix == "inplace:":  # audit fix --in-place: the input itself, original kept as .orig
                    from .fixrun import write_in_place

                    write_in_place(Path(outcome.task.path), text)
                    continue
                write_atomic(out / (outcome.task.stem + suffix), text)
        except OSError as e:
            error(f"{out}: cannot write report for {display}: {e.strerror or e}")
            status = ExitCode.ERROR
            continue
        any_failed |= not outcome.summary.passed
        rows.append(outcome.summary)
    if "html" in formats and rows:
        try:
            write_index(out, rows)
        except OSError as e:
            error(f"{out}: cannot write index.html: {e.strerror or e}")
            status = ExitCode.ERROR
    from .report import finish_batch

    for target, text in finish_batch(batch, out, getattr(args, "write_baseline", None)):
        try:
            sys.stdout.write(text) if target is None else write_atomic(target, text)
        except OSError as e:
            error(f"{target}: cannot write: {e.strerror or e}")
            status = ExitCode.ERROR
    if rows and not args.quiet:
        print(summary_table(rows))
    if status == ExitCode.ERROR:
        return status
    if any_failed and not args.exit_zero:
        return ExitCode.FAIL
    return ExitCode.OK


def _progress(items, quiet: bool, total: Optional[int] = None):
    total = len(items) if total is None else total
    if quiet or not sys.stderr.isatty() or total < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", file=sys.stderr, leave=False, total=total)


@dataclass(frozen=True)
class RunState:
    """What every document of a run shares; sent once to each worker (see audit.parallel)."""

    glossary: object
    config: AuditConfig
    formats: tuple[str, ...]
    baseline: object = None  # Counter of accepted finding keys (audit.baseline), or None
    baseline_path: str = ""
    write_baseline: bool = False
    fix: bool = False  # --fix / audit fix (audit/fixrun.py)
    fix_threshold: float = 0.8
    fix_passes: int = 3
    in_place: bool = False


def audit_one(task, state: RunState):
    """Read, audit and render one document: ``DocTask -> DocOutcome``.

    Top-level and free of shared mutable state, so it runs the same in this
    process, in a pool worker or on a Dask worker.  Returns rendered report
    texts keyed by file suffix and a small summary; the caller writes them.
    """
    from .engine import audit_document
    from .parallel import DocOutcome, DocSummary
    from .report import render_outputs

    cfg = state.config
    try:
        doc = read_document(task.path, task.display)
        ref_path = find_reference(cfg.reference, task.display)
        reference = read_document(ref_path, str(ref_path)) if ref_path else None
    except InputError as e:
        return DocOutcome(task, error=str(e))
    report = audit_document(doc, state.glossary, cfg, reference)
    if state.baseline is not None:
        from .baseline import apply as apply_baseline

        report = apply_baseline(report, state.baseline, cfg.max_errors, cfg.min_score, state.baseline_path)
    fixed: dict = {}
    if state.fix:
        from .fixrun import fix_outputs

        report, fixed = fix_outputs(doc, report, state.glossary, cfg, reference, state.fix_threshold, state.fix_passes, state.in_place)
    outputs = render_outputs(report, state.formats, state.write_baseline)
    outputs.update(fixed)
    return DocOutcome(task, outputs=outputs, summary=DocSummary.of(report, task.stem))


def write_index(out: Path, summaries) -> None:
    from .report.html import render_index

    write_atomic(out / "index.html", render_index([s.index_entry() for s in summaries]))
