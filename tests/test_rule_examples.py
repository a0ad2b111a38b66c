"""Every rule carries docs with fixed headings and examples that behave as declared."""
from __future__ import annotations

import pytest

from audit.checks import registry
from audit.glossary import parse_native

from .conftest import assert_offsets, audit_str

registry.load_all()
RULES = sorted(registry.RULES.values(), key=lambda r: r.code)


def test_rules_registered():
    assert len(RULES) >= 2
    assert len({r.name for r in RULES}) == len(RULES), "rule names must be unique"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_docs_and_both_kinds_of_example(rule):
    for heading in registry.DOC_HEADINGS:
        assert f"## {heading}" in rule.doc, f"{rule.code} doc lacks '## {heading}'"
    assert rule.summary and rule.category and "/" in rule.category
    assert any(rule.code in ex.expect for ex in rule.examples), f"{rule.code} has no flagged example"
    assert any(rule.code not in ex.expect for ex in rule.examples), f"{rule.code} has no clean example"


CASES = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples)]


@pytest.mark.parametrize("rule,i,ex", CASES, ids=[f"{r.code}-{i}" for r, i, _ in CASES])
def test_rule_example_behaves(rule, i, ex):
    gl = parse_native(ex.glossary, f"<{rule.code} example>") if ex.glossary else None
    report = audit_str(ex.text, gl, select=[rule.code], reference=ex.reference)
    assert_offsets(report)
    got = [f for f in report.findings if f.rule == rule.code]
    if rule.code in ex.expect:
        assert got, f"{rule.code} example {i} should flag: {ex.text!r}"
        if ex.flagged is not None:
            assert any(f.text == ex.flagged for f in got), [f.text for f in got]
    else:
        assert not got, f"{rule.code} example {i} should be clean, got {[(f.text, f.message) for f in got]}"
