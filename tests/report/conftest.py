"""Fixtures for the renderer tests: small documents and glossaries composed here (not the seed)."""
from __future__ import annotations

import pytest

from ..conftest import audit_str

GLOSSARY = """
[[place]]
term = "Camp Humphreys"
replaces = ["Humphreys Camp"]

[[org]]
term = "Nordic Fisheries Council"
replaces = ["Nordic Fishing Council", "Nordic Fish Council"]

[[person]]
term = "Antony Blinken"
titles = ["Secretary of State"]
"""

TEXT = (
    "Fisheries Weekly > News > Releases\n"
    "\n"
    "1. Troops moved to Humphreys Camp last week , and the Nordic Fishing Council met.\r\n"
    "Secretary of State Antony Blinken welcomed the UN Security Council resolutions.\n"
    "\n"
    "2. The Joint Chiefs of Staff reviewed the plan. Nothing else happened.\n"
)


@pytest.fixture
def report():
    r = audit_str(TEXT, GLOSSARY)
    assert {"TERM001", "PUNC001"} <= {f.rule for f in r.findings}, [(f.rule, f.text) for f in r.findings]
    return r
