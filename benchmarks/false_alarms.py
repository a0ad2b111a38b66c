"""False alarms on clean prose: run every glossary-free rule over edited English text.

Two corpora, both read as plain files (nothing is downloaded, no library is imported):

* ``news``: the Lee background corpus, 300 Australian Broadcasting Corporation news
  articles (about 60,000 words of professionally edited English) that ship as test
  data inside the ``gensim`` wheel (``gensim/test/test_data/lee_background.cor``);
  each article is audited as its own document.
* ``pydoc``: the prose paragraphs of the Python Language Reference as shipped with
  the standard library (``pydoc_data/topics.py``, about 40,000 words); indented code,
  grammar and doctest blocks are left out.  Technical, but carefully edited.

Every finding on this text counts as a false alarm.

    python benchmarks/false_alarms.py                 # print the table
    python benchmarks/false_alarms.py --show GARB001  # print the findings of one rule
    python benchmarks/false_alarms.py --write-results # also update benchmarks/RESULTS.md
    python benchmarks/false_alarms.py --glossary reference/glossary.toml  # glossary rules too
    python benchmarks/false_alarms.py --defined-acronyms --select ACR  # the corpus's own acronyms as glossary
"""
from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from audit.checks import registry  # noqa: E402
from audit.config import AuditConfig  # noqa: E402
from audit.document import count_words, make_document  # noqa: E402
from audit.engine import Context, run_checks  # noqa: E402
from audit.glossary import Glossary  # noqa: E402

CORPUS_PACKAGE = "gensim"
CORPUS_FILE = ("test", "test_data", "lee_background.cor")
SECTION = "## False alarms on clean prose"


def corpus_path() -> Optional[Path]:
    """The corpus file inside the installed package, or None (without importing it)."""
    spec = importlib.util.find_spec(CORPUS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*CORPUS_FILE)
    return path if path.is_file() else None


def load_corpus() -> Optional[list[str]]:
    """One document per article (one article per line), or None if the package is absent."""
    path = corpus_path()
    if path is None:
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip()]


def load_pydoc() -> list[str]:
    """The prose paragraphs of each Language Reference topic, one document per topic."""
    import re

    from pydoc_data.topics import topics

    code = re.compile(r"^\s*(?:>>>|\.\.\.|\*\*\*|[-=*~]{3,})", re.M)
    docs = []
    for key in sorted(topics):
        paras = [
            p for p in re.split(r"\n[ \t]*\n", topics[key])
            if p.strip() and not p.startswith((" ", "\t")) and not code.search(p)
        ]
        if paras:
            docs.append("\n\n".join(paras))
    return docs


def load_corpora() -> dict[str, list[str]]:
    """Every available corpus by name (``news`` needs the gensim wheel installed)."""
    out = {}
    news = load_corpus()
    if news is not None:
        out["news"] = news
    out["pydoc"] = load_pydoc()
    return out


def combine(results: dict[str, dict]) -> dict:
    """Add up per-corpus results."""
    counts: Counter = Counter()
    for r in results.values():
        counts.update(r["counts"])
    first = next(iter(results.values()))
    return {
        "words": sum(r["words"] for r in results.values()),
        "docs": sum(r["docs"] for r in results.values()),
        "counts": counts,
        "rules": first["rules"],
        "findings": [x for r in results.values() for x in r["findings"]],
        "by_corpus": results,
    }


def measure(docs: list[str], select=(), name: str = "doc", glossary: Optional[Glossary] = None) -> dict:
    """Run every glossary-free rule (or ``select``) over each document separately.

    With ``glossary``, the rules that need one run too (against that glossary).
    """
    registry.load_all()
    glossary = glossary or Glossary()
    ctx = Context(glossary, AuditConfig(select=tuple(select)))
    counts: Counter = Counter()
    findings = []
    words = 0
    for i, text in enumerate(docs):
        doc = make_document(text, f"{name}:{i + 1}")
        words += count_words(text)
        for f in run_checks(doc, ctx):
            counts[f.rule] += 1
            findings.append((doc, f))
    ran = sorted(
        code
        for chk in registry.CHECKERS
        if glossary or not chk.needs_glossary
        for code in chk.rules
        if ctx.config.is_selected(code, registry.RULES[code].name) and (glossary or not registry.RULES[code].needs_glossary)
    )
    return {"words": words, "docs": len(docs), "counts": counts, "rules": ran, "findings": findings}


def per_10k(n: int, words: int) -> float:
    return 10000.0 * n / words if words else 0.0


def table(result: dict, fmt: str = "github") -> str:
    from tabulate import tabulate

    words = result["words"]
    parts = result.get("by_corpus") or {}
    rows = []
    for code in result["rules"]:
        n = result["counts"].get(code, 0)
        per = [parts[c]["counts"].get(code, 0) for c in parts]
        rows.append([code, registry.RULES[code].name, *per, n, words, f"{per_10k(n, words):.2f}"])
    total = sum(result["counts"].values())
    per = [sum(parts[c]["counts"].values()) for c in parts]
    rows.append(["all", f"{len(result['rules'])} rules", *per, total, words, f"{per_10k(total, words):.2f}"])
    heads = [f"{c} ({parts[c]['words']} w)" for c in parts]
    return tabulate(rows, headers=["rule", "name", *heads, "findings on clean text", "words",
                                   "false alarms / 10k words"], tablefmt=fmt)


def write_results(result: dict, seconds: float, path: Path, with_glossary: Optional[str] = None) -> None:
    """Replace (or append) this benchmark's section of RESULTS.md, leaving the others alone."""
    body = "\n".join([
        SECTION,
        "",
        "Corpora: `news` = Lee background corpus, "
        f"`{CORPUS_PACKAGE}/{'/'.join(CORPUS_FILE)}` (300 ABC news articles, each audited as its own "
        "document); `pydoc` = prose paragraphs of the Python Language Reference "
        "(`pydoc_data/topics.py`, standard library). "
        f"{result['docs']} documents, {result['words']} words of edited English in all. "
        "Every finding counts as a false alarm. Glossary-free rules only (rules that need a "
        "glossary or a reference text do not fire without one).",
        "",
        f"Command: `python benchmarks/false_alarms.py --write-results`  ",
        f"Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}  ",
        f"Machine: {platform.machine()}, {_cpus()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; run time {seconds:.1f} s (load average {_load():.1f} during the run)",
        "",
        table(result),
        "",
        *([with_glossary, ""] if with_glossary else []),
    ])
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start = old.find(SECTION)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + body
    else:
        nxt = old.find("\n## ", start + len(SECTION))
        new = old[:start] + body + (old[nxt + 1:] if nxt >= 0 else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def _load() -> float:
    import os

    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - not on every platform
        return 0.0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


def defined_acronyms_glossary(docs: list[str]) -> Glossary:
    """A glossary of the acronyms the corpus defines itself (``Expansion (ACR)``, first definition wins):
    with it, the rules that hold a document to its glossary's acronyms (ACR002, ACR006) meet their own
    situation on correct text."""
    import json

    from audit.checks.acronym import find_definitions
    from audit.glossary import parse_native

    defs: dict[str, str] = {}
    for text in docs:
        for d in find_definitions(text):
            if d.cost == 0 and d.matched:  # a real definition: every letter from the expansion
                defs.setdefault(d.key, d.expansion)
    return parse_native("".join(
        f"[[acronym]]\nterm = {json.dumps(k)}\nexpands = {json.dumps(v)}\n\n" for k, v in sorted(defs.items())
    ))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", action="append", default=[], help="rule code or prefix (repeatable)")
    ap.add_argument("--glossary", metavar="FILE",
                    help="also run the rules that need a glossary, with this one (not written to RESULTS.md)")
    ap.add_argument("--defined-acronyms", action="store_true",
                    help="use a glossary of the acronyms the corpus defines itself (for ACR002/ACR006)")
    ap.add_argument("--show", metavar="RULE", help="print each finding of this rule with its context")
    ap.add_argument("--write-results", action="store_true", help="update the section in benchmarks/RESULTS.md")
    args = ap.parse_args(argv)
    corpora = load_corpora()
    if "news" not in corpora:
        print(f"news corpus not found: pip install {CORPUS_PACKAGE} (its wheel ships {'/'.join(CORPUS_FILE)}); "
              "measuring on pydoc only", file=sys.stderr)
    glossary = None
    if args.glossary:
        from audit.glossary import load_glossary

        glossary = load_glossary([args.glossary])
    if args.defined_acronyms:
        glossary = defined_acronyms_glossary([d for docs in corpora.values() for d in docs])
        print(f"glossary: {len(glossary.terms)} acronyms the corpus defines itself")
    t0 = time.perf_counter()
    result = combine({name: measure(docs, args.select, name, glossary) for name, docs in corpora.items()})
    seconds = time.perf_counter() - t0
    print(table(result))
    print(f"\n{result['docs']} documents, {result['words']} words, {seconds:.1f} s")
    if args.show:
        for doc, f in result["findings"]:
            if f.rule == args.show.upper():
                ctx = doc.text[max(0, f.start - 60):f.end + 60].replace("\n", " ")
                print(f"\n{doc.path} {f.rule} [{f.text}] {f.message}\n    ...{ctx}...")
    if args.write_results and glossary is None:
        note = None
        seed_glossary = ROOT / "reference" / "glossary.toml"
        if seed_glossary.is_file():
            from audit.glossary import load_glossary

            gl = load_glossary([str(seed_glossary)])
            full = combine({name: measure(docs, args.select, name, gl) for name, docs in corpora.items()})
            extra = sorted(set(full["rules"]) - set(result["rules"]))
            n_extra = sum(full["counts"].get(c, 0) for c in extra)
            note = (f"With the rules that need a glossary as well (`--glossary reference/glossary.toml`, "
                    f"{len(extra)} more rules: {', '.join(extra)}): {n_extra} findings from them on the same "
                    f"{full['words']} words ({per_10k(n_extra, full['words']):.2f} per 10k words).")
            print(note)
        write_results(result, seconds, ROOT / "benchmarks" / "RESULTS.md", note)
        print("updated benchmarks/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
