"""`audit run`: wire loaders, the pure engine, renderers and the gate together."""
from __future__ import annotations

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


@dataclass
class RunOptions:
    config: AuditConfig
    glossary: object
    out: Path
    formats: tuple[str, ...]
    reference: Optional[str]


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
    formats = tuple(args.format) if args.format else ("json", "html")
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        error(f"unknown format(s): {', '.join(bad)} (choose from {', '.join(FORMATS)})")
        return ExitCode.ERROR
    try:
        glossary = load_glossary(None) if not cfg.glossary else load_glossary(cfg.glossary)
        if args.no_glossary:
            from .glossary.model import Glossary

            glossary = Glossary()
    except GlossaryError as e:
        error(str(e))
        return ExitCode.ERROR
    if cfg.reference and not Path(cfg.reference).exists():
        error(f"{cfg.reference}: reference not found")
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

    from .engine import audit_document
    from .report import RENDERERS
    from .report.table import summary_table

    stems = output_stems([d for d, _ in inputs])
    rows = []
    index_entries = []
    any_failed = False
    progress = _progress(inputs, args.quiet)
    for display, path in progress:
        try:
            doc = read_document(path, display)
            ref_path = find_reference(cfg.reference, display)
            reference = read_document(ref_path, str(ref_path)) if ref_path else None
        except InputError as e:
            error(f"{display}: {e}")
            status = ExitCode.ERROR
            continue
        report = audit_document(doc, glossary, cfg, reference)
        stem = stems[display]
        try:
            rendered = {fmt: RENDERERS[fmt][1](report) for fmt in formats}
            for fmt, text in rendered.items():
                write_atomic(out / (stem + RENDERERS[fmt][0]), text)
        except OSError as e:
            error(f"{out}: cannot write report for {display}: {e.strerror or e}")
            status = ExitCode.ERROR
            continue
        any_failed |= not report.passed
        rows.append(report)
        index_entries.append({
            "document": display, "href": stem + ".html", "score": report.score, "passed": report.passed,
            "errors": report.errors, "by_severity": report.by_severity, "findings": len(report.findings),
        })
    if "html" in formats and index_entries:
        from .report.html import render_index

        try:
            write_atomic(out / "index.html", render_index(index_entries))
        except OSError as e:
            error(f"{out}: cannot write index.html: {e.strerror or e}")
            status = ExitCode.ERROR
    if rows and not args.quiet:
        print(summary_table(rows))
    if status == ExitCode.ERROR:
        return status
    if any_failed and not args.exit_zero:
        return ExitCode.FAIL
    return ExitCode.OK


def _progress(items, quiet: bool):
    if quiet or not sys.stderr.isatty() or len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", file=sys.stderr, leave=False)
