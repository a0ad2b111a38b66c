"""The README's promises: the two set-up commands, and its glossary example loads clean."""
from __future__ import annotations

import re

from audit.glossary import parse_native
from audit.glossary.validate import validate

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_two_setup_commands_are_shown_and_ci_runs_them():
    assert "pip install -e '.[test,dask]' && audit run seeds/" in README
    assert "\npytest\n" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test,dask]'" in ci and "audit run seeds/" in ci and "\npytest\n" in ci


def test_readme_glossary_example_loads_and_validates():
    blocks = re.findall(r"```toml\n(.*?)```", README, re.S)
    example = next(b for b in blocks if "[[person]]" in b)
    g = parse_native(example, "README.md")
    assert {t.kind for t in g.terms} >= {"person", "event", "acronym", "place"}
    assert any(t.kind == "acronym" and t.term == "SCM" for t in g.terms)
    errors = [p for p in validate(g) if getattr(p, "level", "error") == "error"]
    assert errors == [], errors
