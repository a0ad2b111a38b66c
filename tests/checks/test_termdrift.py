"""TERM002 term-of-art drift: lower-case glossary terms with one word swapped."""
from __future__ import annotations

import pytest

from ..conftest import assert_offsets, audit_str

NATO = """
[[term]]
term = "collective defence"
[[term]]
term = "deterrence and defence posture"
[[term]]
term = "nuclear sharing arrangements"
[[org]]
term = "North Atlantic Council"
"""


def drift(text, glossary=NATO):
    r = audit_str(text, glossary, select=["TERM002"])
    assert_offsets(r)
    return [(f.text, f.suggestion) for f in r.findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Allies reaffirmed collective defense and collective defenses.", []),  # head word differs: not this rule
        ("Allies reaffirmed their nuclear exchange arrangements.", [("nuclear exchange arrangements", "nuclear sharing arrangements")]),
        ("Collecting defence was reaffirmed.", [("Collecting defence", "Collective defence")]),
        ("They reviewed the deterrence and attack posture.", [("deterrence and attack posture", "deterrence and defence posture")]),
    ],
)
def test_flagged_or_not(text, expected):
    assert drift(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Allies reaffirmed collective defence and the deterrence and defence posture.",
        "The North Atlantic Council met; territorial defence and civil defence were discussed.",
        "Nuclear sharing arrangements remain; energy sharing arrangements were also reviewed by the North Atlantic Council.",
        "Joint Chiefs of Staff and UN Security Council resolutions were discussed.",
    ],
)
def test_clean(text):
    assert drift(text) == []


def test_needs_a_lower_case_term():
    assert drift("The Northern Atlantic Council met.") == []  # capitalised names are the NAME rules' job


def test_paragraphs_take_their_tokens_from_the_document():
    """Drifts in later paragraphs are found at their document offsets, also after a paragraph
    that ends with an initial (its next token then joins by a space in the document's tokens),
    and no window runs across a blank line."""
    text = ("Allies met under Plan B.\n\nNuclear exchange arrangements were reviewed.\n\n"
            "Allies kept nuclear exchange\n\narrangements.\n\nThey kept the collective defence and the nuclear exchange arrangements.")
    assert drift(text) == [("Nuclear exchange arrangements", "Nuclear sharing arrangements"),
                           ("nuclear exchange arrangements", "nuclear sharing arrangements")]
