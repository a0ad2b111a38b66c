"""Command line: argparse wiring only.  Returns an ExitCode; never exits deep inside."""
from __future__ import annotations

import argparse
import enum
import sys
from pathlib import Path
from typing import Optional, Sequence


class ExitCode(enum.IntEnum):
    OK = 0  # every document passes the gate
    FAIL = 1  # at least one document fails the gate
    ERROR = 2  # usage, configuration, glossary or input error


FORMATS = ("json", "html", "md", "sarif", "csv", "github")


def _csv_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="audit", description="Audit machine-translated documents against a glossary of official terms.")
    p.add_argument("--version", action="version", version=f"audit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="audit documents and write reports", description="Audit files and folders; write reports; gate on errors.")
    run.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders (searched recursively)")
    run.add_argument("-g", "--glossary", action="append", metavar="FILE", help="glossary (.toml, .csv, .tbx); repeat to merge (default: reference/glossary.toml)")
    run.add_argument("--no-glossary", action="store_true", help="run only the checks that need no glossary")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the compiled-glossary cache ($AUDIT_CACHE_DIR, else ~/.cache/audit)")
    run.add_argument("-r", "--reference", metavar="FILE|DIR", help="official reference text (a file, or a folder of files named like the documents)")
    run.add_argument("-o", "--out", metavar="DIR", default=None, help="report folder (default: reports/)")
    run.add_argument("-f", "--format", type=_csv_list, default=None, metavar="LIST", help="report formats, comma-separated: json,html,md,sarif,csv,github (default: json,html); sarif and csv are one file per run (audit.sarif, findings.csv), github prints workflow annotations on stdout")
    run.add_argument("--select", type=_csv_list, default=None, metavar="CODES", help="only these rules (codes, code prefixes or names)")
    run.add_argument("--extend-select", type=_csv_list, default=None, metavar="CODES", help="add rules to the selection")
    run.add_argument("--ignore", type=_csv_list, default=None, metavar="CODES", help="skip these rules (codes, code prefixes or names)")
    run.add_argument("--fail-on", default=None, metavar="SEVERITY", help="lowest severity that counts as an error: minor, major, critical (default: major)")
    run.add_argument("--max-errors", type=int, default=None, metavar="N", help="a document passes with at most N errors (default: 0)")
    run.add_argument("--min-score", type=float, default=None, metavar="SCORE", help="a document also fails below this MQM quality score")
    run.add_argument("--config", metavar="FILE", help="settings file (audit.toml or pyproject.toml); default: discovered next to the documents")
    run.add_argument("--glob", action="append", metavar="PATTERN", help="file patterns to take from folders (default: *.txt and *.md); repeatable")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 even when documents fail the gate (input errors still exit 2)")
    run.add_argument("-q", "--quiet", action="store_true", help="no table, no progress bar")
    run.add_argument("--write-baseline", metavar="FILE", default=None, help="write every current finding to a baseline file")
    run.add_argument("--baseline", metavar="FILE", default=None, help="accept the findings listed in a baseline file: the gate fails only on new ones")
    run.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes (default: the number of cores; small batches run in process); output is identical for any N")
    run.add_argument("--dask", metavar="ADDRESS", default=None, help="run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local[:N]' (needs the dask extra)")
    from .fixrun import add_fix_arguments, add_fix_parser

    add_fix_arguments(run)  # --fix, --in-place, --fix-threshold, --fix-passes
    add_fix_parser(sub)  # audit fix PATHS...

    rules = sub.add_parser("rules", help="list rules, or explain one", description="List every rule, or print the documentation of one.")
    rules.add_argument("code", nargs="?", help="rule code or name")
    rules.add_argument("--format", choices=("table", "md", "json"), default="table")

    gl = sub.add_parser("glossary", help="glossary tools")
    glsub = gl.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND")
    chk = glsub.add_parser("check", help="validate glossary files")
    chk.add_argument("files", nargs="+", metavar="FILE")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        return _dispatch(argv)
    except BrokenPipeError:  # `audit rules | head`: the reader left; not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    except KeyboardInterrupt:
        print("audit: interrupted", file=sys.stderr)
        return int(ExitCode.ERROR)


def _dispatch(argv: Optional[Sequence[str]]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse usage errors exit 2 already
        return int(e.code or 0)
    if args.command == "run":
        from .runner import run_command

        return int(run_command(args))
    if args.command == "fix":
        from .fixrun import fix_command

        return fix_command(args)
    if args.command == "rules":
        return int(rules_command(args))
    if args.command == "glossary" and args.glossary_command == "check":
        from .glossary.validate import check_command

        return int(check_command(args.files))
    parser.print_help(sys.stderr)
    return int(ExitCode.ERROR)


def rules_command(args) -> ExitCode:
    from .checks import registry

    registry.load_all()
    if args.code:
        r = registry.resolve(args.code)
        if r is None:
            print(f"audit: unknown rule {args.code!r} (see 'audit rules')", file=sys.stderr)
            return ExitCode.ERROR
        print(format_rule_doc(r))
        return ExitCode.OK
    rules = sorted(registry.RULES.values(), key=lambda r: r.code)
    if args.format == "json":
        import json

        print(json.dumps([
            {"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
             "category": r.category, "summary": r.summary, "since": r.since, "fixable": r.fixable}
            for r in rules], indent=2))
    elif args.format == "md":
        print("# Rules\n")
        for r in rules:
            print(format_rule_doc(r, level=2) + "\n")
    else:
        from tabulate import tabulate

        print(tabulate([(r.code, r.name, r.severity.value, r.category, r.summary) for r in rules],
                       headers=["code", "name", "severity", "category", "summary"], maxcolwidths=[None, None, None, None, 60]))
    return ExitCode.OK


def format_rule_doc(r, level: int = 1) -> str:
    h = "#" * level
    doc = r.doc.replace("\n## ", "\n" + h + "# ") if level > 1 else r.doc
    if doc.startswith("## ") and level > 1:
        doc = h + doc[2:]
    return (
        f"{h} {r.code} {r.name}\n\n{r.summary}\n\n"
        f"family: {r.family} · severity: {r.severity.value} · category: {r.category} · since {r.since}"
        f"{' · fixable' if r.fixable else ''}{' · needs a glossary' if r.needs_glossary else ''}\n\n{doc}"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
