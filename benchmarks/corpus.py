"""Synthetic corpora and glossaries for the benchmarks.

* :func:`synthetic_glossary_toml` -- a native-TOML glossary of ``n`` invented
  entries: persons with titles, organizations with acronyms, terms with
  acronyms, places with forbidden forms.  Names are built from syllables so they
  never collide with English words or with the seed's names; acronyms never
  collide with any upper-case token of the seed.
* :func:`injection_sites` / :func:`inject` -- documents derived from the seed
  with errors injected at *known* offsets, taken from the glossary (no name is
  hard-coded here): an official form replaced by one of its forbidden forms
  (``forbidden``), a letter edit inside a long official name (``misspelling``),
  the title before a person replaced by a title that person does not hold
  (``wrong-title``), a word of an acronym's expansion changed
  (``acronym-expansion``).  Each injection records its span in the new text.
* :func:`write_corpus` -- a folder of such documents plus ``manifest.json``.

    python benchmarks/corpus.py --out benchmarks/out/corpus --mb 4
    python benchmarks/corpus.py --glossary-out benchmarks/out/gl10k.toml --entries 10000
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_ebdd1e0c9e0a145d.txt"
REFERENCE_GLOSSARY = ROOT / "reference" / "glossary.toml"

# ------------------------------------------------------------------ synthetic glossaries

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "tr", "vl", "zh"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ei"]
_CODAS = ["", "", "n", "r", "l", "k", "sh", "th", "v"]
_TITLE_HEADS = ["Minister of", "Secretary of", "Director of", "Commissioner for", "Governor of", "Ambassador to"]
_ORG_HEADS = ["Ministry of", "Agency for", "Council of", "Office of", "Institute of", "Bureau of"]
_ORG_TAILS = ["Affairs", "Development", "Cooperation", "Security", "Research", "Planning"]
_TERM_TAILS = ["Initiative", "Framework", "Agreement", "Programme", "Strategy", "Protocol"]


#: short English words an invented acronym must not spell
_ENGLISH = frozenset(
    "and are all any art bad bat bed big bit box but buy can car cat cut day did dog due end eye far fat few fit fly "
    "for fun gas get god got gun had has hat her him his hot how ice ill its job key kid law lay led leg let lie lot "
    "low mad man map may men met mix mud net new nor not now odd off oil old one our out own pad pay per pet pin pot "
    "put ran raw red rid row run sad saw say sea see set she sit six sky son sun tax tea ten the tie tin top toy try "
    "two use van war was way web wet who why win yes yet you area army band bank base cold come date deal door down "
    "east fact fair fall fast fear file fire fish flat form fund gold good hand hard head help here high hold home "
    "hope idea just keep kind land last less life like line list live long look lord love main make many mass more "
    "most move much must name near need news next note once only open over part past plan play port post race rate "
    "read real rest rich ride ring rise risk road rock role room rule safe sale same seat self send ship shop show "
    "side sign size some song soon sort star stay step stop such sure take talk task team tell term test than that "
    "them then they this time town tree true turn type unit upon used vote wait walk wall want ward warm wear week "
    "well west what when wide will wind wing wish with word work yard year zone".split()
)


def _word(rng: random.Random, syllables: int) -> str:
    w = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))
    return w.capitalize()


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def synthetic_glossary_toml(n: int, seed: int = 0, avoid: frozenset = frozenset()) -> str:
    """``n`` invented entries in the native TOML format (deterministic for a seed).

    About 40% persons (with one or two titles), 30% organizations (with an
    acronym), 20% terms (with an acronym), 10% places (with a forbidden form).
    ``avoid``: upper-case tokens an acronym must not be (e.g. the seed's).
    """
    rng = random.Random(seed)
    used_names: set[str] = set()
    used_acr: set[str] = set(avoid)
    next_suffix: dict[str, int] = {}
    out = ["# synthetic benchmark glossary (benchmarks/corpus.py)", f"# entries: {n}, seed: {seed}", ""]

    def fresh(make) -> str:
        while True:
            s = make()
            if s not in used_names:
                used_names.add(s)
                return s

    def acronym(words: list[str]) -> str:
        base = "".join(w[0] for w in words if w[0].isupper())
        k = next_suffix.get(base, 0)
        while True:
            next_suffix[base] = k + 1
            a = base + (chr(ord("A") + k % 26) * (1 + k // 26) if k else "")
            if a not in used_acr and len(a) >= 3 and a.lower() not in _ENGLISH:
                used_acr.add(a)
                return a
            k += 1

    for i in range(n):
        r = i % 10
        if r < 4:
            name = fresh(lambda: f"{_word(rng, 2)} {_word(rng, rng.choice((2, 3)))}")
            region = _word(rng, 2)
            titles = [f"{rng.choice(_TITLE_HEADS)} {region}"]
            if rng.random() < 0.5:
                titles.append(f"{rng.choice(_TITLE_HEADS)} {_word(rng, 2)}")
            out += ["[[person]]", f"term = {_toml_str(name)}", f"variants = [{_toml_str(name.split()[-1])}]",
                    "titles = [" + ", ".join(map(_toml_str, titles)) + "]", ""]
        elif r < 7:
            name = fresh(lambda: f"{rng.choice(_ORG_HEADS)} {_word(rng, 2)} {rng.choice(_ORG_TAILS)}")
            out += ["[[org]]", f"term = {_toml_str(name)}", f"acronym = {_toml_str(acronym(name.split()))}", ""]
        elif r < 9:
            name = fresh(lambda: f"{_word(rng, 2)} {_word(rng, 3)} {rng.choice(_TERM_TAILS)}")
            out += ["[[term]]", f"term = {_toml_str(name)}", f"acronym = {_toml_str(acronym(name.split()))}", ""]
        else:
            name = fresh(lambda: f"Port {_word(rng, 2)}{_word(rng, 2).lower()}")
            out += ["[[place]]", f"term = {_toml_str(name)}", f"replaces = [{_toml_str(name[5:] + ' Port')}]", ""]
    return "\n".join(out)


def seed_upper_tokens(text: str) -> frozenset:
    return frozenset(re.findall(r"\b[A-Z][A-Z0-9-]{1,}\b", text))


def benchmark_glossary(entries: int, seed: int = 0, with_reference: bool = True):
    """The reference glossary merged with ``entries`` synthetic ones (a Glossary)."""
    from audit.glossary import load_glossary, merge, parse_native

    parts = [load_glossary(REFERENCE_GLOSSARY)] if with_reference and REFERENCE_GLOSSARY.is_file() else []
    if entries:
        avoid = seed_upper_tokens(SEED.read_text(encoding="utf-8"))
        parts.append(parse_native(synthetic_glossary_toml(entries, seed, avoid), f"<synthetic {entries}>"))
    return merge(parts)


def write_glossary(path: Path, entries: int, seed: int = 0) -> Path:
    """Reference glossary text + ``entries`` synthetic entries, as one TOML file."""
    avoid = seed_upper_tokens(SEED.read_text(encoding="utf-8"))
    ref = REFERENCE_GLOSSARY.read_text(encoding="utf-8") if REFERENCE_GLOSSARY.is_file() else ""
    ref = re.sub(r"(?ms)^\[glossary\].*?(?=^\[\[)", "", ref)  # one [glossary] table at most
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ref + "\n" + synthetic_glossary_toml(entries, seed, avoid), encoding="utf-8")
    return path


# ------------------------------------------------------------------ injected errors


@dataclass(frozen=True)
class Site:
    kind: str
    start: int
    end: int
    replacement: str
    term_id: str


@dataclass(frozen=True)
class Injection:
    kind: str
    start: int  # in the new document
    end: int
    original: str
    text: str
    term_id: str


def _bounded(form: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])")


def _misspell(word: str, rng: random.Random) -> Optional[str]:
    """One realistic edit inside a word of 6+ letters (first letter kept)."""
    if len(word) < 6 or not word.isalpha():
        return None
    i = rng.randrange(2, len(word) - 1)
    op = rng.choice(("swap", "drop", "double", "vowel"))
    if op == "swap" and word[i] != word[i - 1]:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    vowels = "aeiou"
    for j in range(i, len(word)):
        if word[j] in vowels:
            return word[:j] + rng.choice([v for v in vowels if v != word[j]]) + word[j + 1:]
    return word[:i] + word[i] + word[i:]


def injection_sites(text: str, glossary, rng: random.Random) -> list[Site]:
    """Every place of ``text`` where the glossary lets us inject a known error."""
    sites: list[Site] = []
    persons = [t for t in glossary.terms if t.kind == "person"]
    all_titles = sorted({ti for p in persons for ti in p.titles})
    acronyms = {t.term: t for t in glossary.terms if t.kind == "acronym" and t.expands}
    for t in glossary.terms:
        if t.kind == "acronym" or t.kind == "title":
            continue
        for form in t.forms:
            for m in _bounded(form).finditer(text):
                if t.replaces:
                    sites.append(Site("forbidden", m.start(), m.end(), rng.choice(t.replaces), t.id))
                if len(form) >= 8 and t.kind in ("person", "org", "place", "event"):
                    words = [(w.start(), w.group()) for w in re.finditer(r"[A-Za-z]+", form)]
                    long = [(o, w) for o, w in words if len(w) >= 6]
                    if long:
                        o, w = rng.choice(long)
                        bad = _misspell(w, rng)
                        if bad and bad != w:
                            sites.append(Site("misspelling", m.start(), m.end(), form[:o] + bad + form[o + len(w):], t.id))
        if t.kind == "person" and t.titles:
            wrong = [ti for ti in all_titles if ti not in t.titles and not any(ti in h or h in ti for h in t.titles)]
            if not wrong:
                continue
            for title in sorted(t.titles, key=len, reverse=True):
                for form in t.forms:
                    if len(form.split()) < 2:
                        continue  # a full name, so the person is unambiguous
                    for m in re.finditer(r"(?<![\w-])" + re.escape(title) + r"\s+" + re.escape(form) + r"(?![\w-])", text):
                        sites.append(Site("wrong-title", m.start(), m.start() + len(title), rng.choice(wrong), t.id))
    for acr, t in acronyms.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(t.expands) + r"\s*\(" + re.escape(acr) + r"\)", text):
            words = list(re.finditer(r"[A-Z][a-z]{3,}", t.expands))
            if not words:
                continue
            w = rng.choice(words)
            repl = rng.choice([x for x in ("Regional", "Central", "General", "Joint", "National") if x != w.group()])
            new = t.expands[: w.start()] + repl + t.expands[w.end():]
            sites.append(Site("acronym-expansion", m.start(), m.start() + len(t.expands), new, t.id))
    sites.sort(key=lambda s: (s.start, s.end, s.kind))
    return sites


def inject(text: str, sites: list[Site], k: int, rng: random.Random) -> tuple[str, list[Injection]]:
    """Apply ``k`` non-overlapping sites (chosen at random); return the new text and injections."""
    chosen: list[Site] = []
    order = sites[:]
    rng.shuffle(order)
    for s in order:
        if len(chosen) >= k:
            break
        if all(s.end + 1 < c.start or c.end + 1 < s.start for c in chosen):
            chosen.append(s)
    chosen.sort(key=lambda s: s.start)
    parts, injections, pos, shift = [], [], 0, 0
    for s in chosen:
        parts.append(text[pos:s.start])
        new_start = s.start + shift
        parts.append(s.replacement)
        injections.append(Injection(s.kind, new_start, new_start + len(s.replacement), text[s.start:s.end], s.replacement, s.term_id))
        shift += len(s.replacement) - (s.end - s.start)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts), injections


def edits_shift(injections: list[Injection]):
    """A function mapping an offset of the original text to the derived text."""
    marks = []
    shift = 0
    for inj in injections:
        orig_start = inj.start - shift
        shift += len(inj.text) - len(inj.original)
        marks.append((orig_start + len(inj.original), shift))

    def f(offset: int) -> int:
        s = 0
        for end, sh in marks:
            if offset >= end:
                s = sh
        return offset + s

    return f


def write_corpus(out: Path, glossary, target_bytes: int = 4_000_000, per_doc: int = 4, seed: int = 0,
                 base_text: Optional[str] = None) -> dict:
    """Write seed-derived documents until ``target_bytes``; return (and write) the manifest."""
    base_text = base_text if base_text is not None else SEED.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sites = injection_sites(base_text, glossary, rng)
    manifest = {"base": str(SEED.relative_to(ROOT)), "per_doc": per_doc, "seed": seed, "sites": len(sites), "documents": {}}
    total, i = 0, 0
    while total < target_bytes:
        text, injections = inject(base_text, sites, per_doc, random.Random(seed * 1_000_003 + i))
        name = f"doc{i:05d}.txt"
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        manifest["documents"][name] = [asdict(x) for x in injections]
        total += len(data)
        i += 1
    manifest["bytes"] = total
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="corpus folder to write")
    ap.add_argument("--mb", type=float, default=4.0, help="corpus size in MB (default 4)")
    ap.add_argument("--per-doc", type=int, default=4, help="errors injected per document")
    ap.add_argument("--glossary-out", type=Path, help="also write a TOML glossary: reference + --entries synthetic")
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    if a.glossary_out:
        write_glossary(a.glossary_out, a.entries, a.seed)
        print(f"wrote {a.glossary_out}")
    if a.out:
        from audit.glossary import load_glossary

        m = write_corpus(a.out, load_glossary(REFERENCE_GLOSSARY), int(a.mb * 1_000_000), a.per_doc, a.seed)
        print(f"wrote {len(m['documents'])} documents, {m['bytes']} bytes, {m['sites']} injection sites, to {a.out}")
    if not (a.out or a.glossary_out):
        ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
