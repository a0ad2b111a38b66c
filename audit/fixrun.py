"""`audit fix` and `audit run --fix`: the file-system edge of auto-fix (the pure part is audit/fix.py).

* ``reports/<stem>.fixed.txt``: the fixed text (UTF-8, the original's line endings),
  written atomically like every report;
* ``--in-place``: the input itself is rewritten (atomically, in its own encoding)
  after the original bytes are saved as ``<name>.orig`` (an existing ``.orig``
  is never overwritten, so the first original survives repeated runs).
"""
from __future__ import annotations

import codecs
import os
import shutil
import tempfile
from pathlib import Path

from .fix import DEFAULT_THRESHOLD

FIXED_SUFFIX = ".fixed.txt"
IN_PLACE_KEY = "inplace:"  # an output key: the text goes back into the input file


def add_fix_arguments(p, standalone: bool = False) -> None:
    """The fix options of ``audit run`` (``--fix``...) or of ``audit fix``."""
    if not standalone:
        p.add_argument("--fix", action="store_true", help="also write reports/<stem>.fixed.txt with every definite suggestion applied")
    p.add_argument("--in-place", action="store_true", help="with fixing: rewrite the input files themselves, keeping each original as <name>.orig")
    p.add_argument("--fix-threshold", type=float, default=DEFAULT_THRESHOLD, metavar="C",
                   help=f"lowest confidence of a suggestion that is applied (default: {DEFAULT_THRESHOLD})")
    p.add_argument("--fix-passes", type=int, default=3, metavar="N",
                   help="re-audit the fixed text and fix again, at most N passes in all (default: 3)")


def add_fix_parser(sub) -> None:
    """The ``audit fix PATHS...`` subcommand."""
    fx = sub.add_parser("fix", help="apply definite suggestions and write <stem>.fixed.txt",
                        description="Audit documents and write a fixed copy of each (reports/<stem>.fixed.txt); "
                                    "with --in-place rewrite the inputs, keeping <name>.orig.")
    fx.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders (searched recursively)")
    fx.add_argument("-g", "--glossary", action="append", metavar="FILE", help="glossary (.toml, .csv, .tbx); repeat to merge (default: reference/glossary.toml)")
    fx.add_argument("--no-glossary", action="store_true", help="apply only the fixes of checks that need no glossary")
    fx.add_argument("--no-cache", action="store_true", help="neither read nor write the compiled-glossary cache ($AUDIT_CACHE_DIR, else ~/.cache/audit)")
    fx.add_argument("-r", "--reference", metavar="FILE|DIR", help="official reference text (a file, or a folder of files named like the documents)")
    fx.add_argument("-o", "--out", metavar="DIR", default=None, help="output folder (default: reports/)")
    fx.add_argument("-f", "--format", type=lambda v: [x.strip() for x in v.split(",") if x.strip()], default=[], metavar="LIST",
                    help="also write these reports (json,html,md...); default: only the fixed text")
    fx.add_argument("--select", type=lambda v: [x.strip() for x in v.split(",") if x.strip()], default=None, metavar="CODES", help="only the fixes of these rules")
    fx.add_argument("--ignore", type=lambda v: [x.strip() for x in v.split(",") if x.strip()], default=None, metavar="CODES", help="never apply these rules")
    fx.add_argument("--config", metavar="FILE", help="settings file (audit.toml or pyproject.toml)")
    fx.add_argument("--glob", action="append", metavar="PATTERN", help="file patterns to take from folders (default: *.txt and *.md)")
    fx.add_argument("-q", "--quiet", action="store_true", help="no table, no progress bar")
    fx.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes")
    add_fix_arguments(fx, standalone=True)
    fx.set_defaults(fix=True, extend_select=None, fail_on=None, max_errors=None, min_score=None,
                    exit_zero=True, write_baseline=None, baseline=None, dask=None)


def fix_command(args) -> int:
    """``audit fix``: ``audit run --fix`` that writes no report unless asked and never fails the gate."""
    from .runner import run_command

    return int(run_command(args))


def check_options(args) -> str | None:
    """A usage error message for bad fix options, or None."""
    if not getattr(args, "fix", False):
        return "--in-place needs --fix" if getattr(args, "in_place", False) else None
    if not 0.0 <= args.fix_threshold <= 1.0:
        return "--fix-threshold must be between 0 and 1"
    if args.fix_passes < 1:
        return "--fix-passes must be 1 or more"
    return None


def fix_outputs(doc, report, glossary, cfg, reference, threshold: float, passes: int, in_place: bool):
    """Fix one audited document: ``(annotated report, {output key: text})``.  No I/O."""
    from .engine import audit_document
    from .fix import attach, fix_iteratively

    result, _final = fix_iteratively(doc, lambda d: audit_document(d, glossary, cfg, reference),
                                     threshold=threshold, passes=passes, first=report)
    outputs = {FIXED_SUFFIX: result.text}
    if in_place and result.changed:
        outputs[IN_PLACE_KEY] = result.text
    return attach(report, result), outputs


def _encoding_of(data: bytes) -> tuple[str, bytes]:
    """The encoding audit.document.decode used for ``data``, and its byte-order mark."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return enc, bom
    try:
        data.decode("utf-8")
        return "utf-8", b""
    except UnicodeDecodeError:
        return "cp1252", b""


def write_in_place(path: Path, text: str) -> Path:
    """Save the original as ``<name>.orig`` (unless one exists), then replace ``path`` atomically.

    The fixed text is encoded like the original (same byte-order mark; UTF-8,
    UTF-16/32 or Windows-1252, falling back to UTF-8 for characters Windows-1252 lacks).
    Returns the ``.orig`` path.
    """
    path = Path(path)
    data = path.read_bytes()
    enc, bom = _encoding_of(data)
    try:
        payload = bom + text.encode(enc)
    except UnicodeEncodeError:
        payload = text.encode("utf-8")
    orig = path.with_name(path.name + ".orig")
    if not orig.exists():
        shutil.copy2(path, orig)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return orig
