"""How the glossary checks (TERM001, NAME001-005, CONS001) scale with glossary size.

Generates synthetic glossaries of 1k, 10k and 100k entries (people with titles,
organisations, places, events, acronyms with expansions, ~10% with forbidden
forms), merges each with the seed's reference glossary, and times the three
checkers on the seed document and on a larger document (the seed repeated).
Compile time (index + regex, once per glossary; wall clock) is reported
separately from the per-document check time (CPU time of the fastest of N
rounds; the sizes are measured in interleaved rounds so that changes in machine
load affect them alike).

    python benchmarks/glossary_scaling.py [--sizes 1000,10000,100000] [--repeat 5]

Prints a table and the growth ratio of the largest to the smallest glossary.
"""
from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from audit.config import AuditConfig  # noqa: E402
from audit.document import make_document  # noqa: E402
from audit.engine import Context  # noqa: E402
from audit.glossary import Glossary, Term, load_glossary, merge  # noqa: E402
from audit.glossary.matching import forbidden_regex, official_index  # noqa: E402
from audit.checks.consistency import check_consistency  # noqa: E402
from audit.checks.names import check_names  # noqa: E402
from audit.checks.terms import check_forbidden_forms  # noqa: E402

SEED = ROOT / "seeds" / "000_ebdd1e0c9e0a145d.txt"

_ONSETS = ["b", "ch", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "sh", "t", "v", "w", "y", "z",
           "br", "dr", "kr", "st", "tr", "gr", "pl", "kh", "ts", "th"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "eo", "ae"]
_CODAS = ["", "", "", "n", "m", "r", "l", "s", "k", "ng", "t"]
_HEADS = ["Command", "Committee", "Council", "Agency", "Forces", "Directorate", "Office", "Ministry", "Institute",
          "Group", "Center", "Bureau", "Commission", "Service", "Authority", "Board", "Division", "Brigade",
          "Initiative", "Program", "Dialogue", "Meeting", "Conference", "Talks", "Summit", "Forum", "Exercise",
          "Agreement", "Treaty", "Plan"]
_MODIFIERS = ["Joint", "Combined", "Strategic", "Operational", "Naval", "Air", "Ground", "Maritime", "Cyber",
              "Space", "Logistics", "Intelligence", "Security", "Defense", "Planning", "Training", "Readiness",
              "Research", "Technology", "Industrial", "Regional", "National", "International", "Trilateral",
              "Bilateral", "Integrated", "Tactical", "Special", "Medical", "Engineering", "Nuclear", "Missile",
              "Coastal", "Border", "Civil", "Policy", "Acquisition", "Procurement", "Command", "Support"]
_TITLES = ["Minister of {}", "{} Minister", "Chief of {}", "Director of {}", "Commander of {}", "Ambassador to {}",
           "Secretary of {}", "Deputy Minister of {}"]
_PORTFOLIOS = ["Defense", "Foreign Affairs", "Finance", "Trade", "Unification", "Health", "Energy", "Justice",
               "Interior", "Science", "Transport", "Agriculture", "Education", "Labor", "Environment"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)).capitalize()


def synthetic_glossary(n: int, seed: int = 7) -> Glossary:
    """``n`` entries: 40% people, 25% organisations (+ an acronym each), 15% places, 10% events, 10% terms."""
    rng = random.Random(seed)
    given = [_word(rng, rng.choice((1, 2))) for _ in range(400)]
    terms: list[Term] = []
    k = 0
    while len(terms) < n:
        k += 1
        r = rng.random()
        forbidden = ()
        if r < 0.40:
            name = f"{rng.choice(given)} {_word(rng, rng.choice((2, 3)))}"
            if rng.random() < 0.2:
                name = f"{name.split()[1]} {_word(rng, 1)}-{_word(rng, 1).lower()}"  # family name first
            if rng.random() < 0.1:
                forbidden = (name[:-1] + "h",)
            titles = tuple(t.format(rng.choice(_PORTFOLIOS)) for t in rng.sample(_TITLES, 2))
            terms.append(Term(f"person:{k}", name, "person", titles=titles, replaces=forbidden))
        elif r < 0.65:
            words = [_word(rng, 2)] + rng.sample(_MODIFIERS, rng.choice((1, 2, 3))) + [rng.choice(_HEADS)]
            org = " ".join(words)
            acr = "".join(w[0] for w in words).upper() + str(k % 97)
            if rng.random() < 0.1:
                forbidden = (" ".join(words[1:] + words[:1]),)
            terms.append(Term(f"org:{k}", org, "org", replaces=forbidden))
            terms.append(Term(f"acronym:{k}", acr, "acronym", expands=org))
        elif r < 0.80:
            place = f"{rng.choice(['Camp', 'Fort', 'Port', 'Mount', 'Lake'])} {_word(rng, 2)}"
            if rng.random() < 0.1:
                a, b = place.split()
                forbidden = (f"{b} {a}",)
            terms.append(Term(f"place:{k}", place, "place", replaces=forbidden))
        elif r < 0.90:
            ev = f"{rng.randint(1, 60)}th {_word(rng, 2)}-{_word(rng, 2)} {rng.choice(_MODIFIERS)} {rng.choice(_HEADS)}"
            terms.append(Term(f"event:{k}", ev, "event"))
        else:
            t = f"{rng.choice(_MODIFIERS).lower()} {_word(rng, 2).lower()} {rng.choice(_HEADS).lower()}"
            terms.append(Term(f"term:{k}", t, "term"))
    return Glossary(tuple(terms[:n]), (f"<synthetic {n}>",), f"synthetic{n}")


def _cpu(fn) -> float:
    """CPU seconds of one call (process time: less disturbed than wall time by other load)."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def run_checks(doc, ctx) -> int:
    ctx.forget_document()  # time the per-document names analysis every run
    official_index(ctx.glossary).sim_cache.clear()  # and the phonetic comparisons
    n = 0
    for chk in (check_forbidden_forms, check_names, check_consistency):
        n += sum(1 for _ in chk(doc, ctx))
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=7, help="rounds of measurement; the fastest is reported")
    ap.add_argument("--copies", type=int, default=10, help="the larger document is the seed repeated N times")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    seed_text = SEED.read_text(encoding="utf-8")
    docs = {
        "seed": make_document(seed_text, "seed"),
        f"seed x{args.copies}": make_document("\n\n".join([seed_text] * args.copies), "big"),
    }
    reference = load_glossary(ROOT / "reference" / "glossary.toml")
    contexts = []
    for n in sizes:
        t = time.perf_counter()
        synth = synthetic_glossary(n)
        gen = time.perf_counter() - t
        g = merge([reference, synth])
        t = time.perf_counter()
        official_index(g)
        forbidden_regex(g)
        compile_s = time.perf_counter() - t
        ctx = Context(g, AuditConfig())
        found = {label: run_checks(doc, ctx) for label, doc in docs.items()}  # warm-up, finding counts
        contexts.append((n, len(g.terms), gen, compile_s, ctx, found))
        print(f"  {n} entries compiled in {compile_s:.1f}s", file=sys.stderr)
    # interleave the sizes, round after round, so that load changes hit every size alike
    best: dict[tuple[int, str], float] = {}
    for _ in range(args.repeat):
        for n, _, _, _, ctx, _ in contexts:
            for label, doc in docs.items():
                secs = _cpu(lambda: run_checks(doc, ctx))
                best[(n, label)] = min(best.get((n, label), secs), secs)
    rows = []
    for n, entries, gen, compile_s, ctx, found in contexts:
        row = [n, entries, f"{gen:.2f}", f"{compile_s:.2f}"]
        for label in docs:
            row += [f"{best[(n, label)] * 1000:.1f}", found[label]]
        rows.append(row)
    base = {label: best[(sizes[0], label)] for label in docs}
    last = {label: best[(sizes[-1], label)] for label in docs}
    headers = ["synthetic entries", "glossary entries", "generate s", "compile s"]
    for label, doc in docs.items():
        headers += [f"{label} CPU ms ({len(doc.text) // 1000}k chars, best of {args.repeat})", "findings"]
    print(tabulate(rows, headers=headers, tablefmt="github"))
    print()
    for label in docs:
        print(f"growth {sizes[-1]}/{sizes[0]} on {label}: {last[label] / base[label]:.2f}x")
    print(f"\npython {platform.python_version()}, {platform.platform()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
