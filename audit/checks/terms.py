"""Terms family: forbidden forms listed in the glossary (``replaces``).

All forbidden forms of a glossary are compiled once into one trie-shaped,
case-insensitive alternation regex (see :mod:`audit.glossary.matching`), so the
cost of a scan does not grow with the number of forbidden forms.
"""
from __future__ import annotations

from ..glossary.matching import form_keys, forbidden_regex, official_index
from .registry import Example, checker, make_finding, rule

_GLOSSARY = """
[[place]]
term = "Camp Foster"
replaces = ["Foster Camp", "Camp Forster"]

[[org]]
term = "Australian Defence Force"
replaces = ["Australian Defense Forces"]
"""

FORBIDDEN_FORM = rule(
    code="TERM001",
    name="forbidden-form",
    family="terms",
    summary="A wrong form the glossary lists under 'replaces'; suggests the official form.",
    severity="major",
    category="Terminology/Wrong term",
    needs_glossary=True,
    fixable=True,
    doc="""
## What it checks
Every wrong form a glossary entry lists in `replaces` (TOML), the `replaces`
column (CSV) or as a deprecated/superseded term (TBX), wherever it occurs as
whole words.  Matching ignores case, treats hyphens, dashes and spaces alike
(`Foster-Camp`, `Foster – camp`) and the periods of abbreviations (`US` for
`U.S.`), and also finds the possessive and plural (`Foster Camp's`).  The
suggestion is the official form, with the possessive kept (`Camp Foster's`).

A form that is also an admitted form of some entry is never flagged.

## Why it matters
A terminologist listed this form because translations keep producing it; the
official form is the only one a reader of an official document should see.

## Example
    Marines returned to Foster Camp on Monday.

## Preferred
    Marines returned to Camp Foster on Monday.
""",
    examples=(
        Example("Marines returned to Foster-Camp's gate on Monday.", ("TERM001",), glossary=_GLOSSARY,
                flagged="Foster-Camp's"),
        Example("The Australian Defense Forces deployed.", ("TERM001",), glossary=_GLOSSARY,
                flagged="Australian Defense Forces"),
        Example("Marines returned to Camp Foster; the Australian Defence Force deployed. Fosters Camp.",
                glossary=_GLOSSARY),
    ),
)


@checker("terms", [FORBIDDEN_FORM], needs_glossary=True)
def check_forbidden_forms(doc, ctx):
    pattern, forbidden = forbidden_regex(ctx.glossary)
    if pattern is None:
        return
    idx = official_index(ctx.glossary)
    text = doc.text
    for m in pattern.finditer(text):
        start, end = m.span()
        suffix = m.group("suffix") or ""
        core = text[start:end - len(suffix)]
        keys = form_keys(core)
        entries = forbidden.get(keys)
        if not entries:
            continue
        if idx.exact.get(form_keys(text[start:end])) or idx.exact.get(keys):
            continue  # also an admitted form of some entry: never flag correct text
        term_id, bad, official = entries[0]
        plural = suffix and suffix.lower() == "s"
        suggestion = official + (suffix if not plural else "s")
        note = f" Note: {idx.notes[term_id]}" if len(entries) == 1 and term_id in idx.notes else ""
        others = sorted({o for _, _, o in entries} - {official})
        alt = f" (or {', '.join(repr(o) for o in others)})" if others else ""
        yield make_finding(
            FORBIDDEN_FORM, doc, start, end,
            f"'{text[start:end]}' is a wrong form listed in the glossary; the official form is "
            f"'{official}'{alt}.{note}",
            suggestion=suggestion, confidence=1.0, term_id=term_id,
        )
