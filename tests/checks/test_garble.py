"""Garbled-text family: fragments, glued clauses, hyphens for dashes, repeated clauses, two years."""
from __future__ import annotations

import re

import pytest

from audit.checks.garble import sentences

from ..conftest import assert_offsets, audit_str


def flagged(text, code):
    report = audit_str(text, select=[code])
    assert_offsets(report)
    return [f.text for f in report.findings if f.rule == code]


# (code, text, expected flagged spans) -- every positive is prose written for these tests
POSITIVES = [
    ("GARB001", "NATO allies agreed to raise their defence spending targets this year. Important commitment.",
     ["Important commitment."]),
    ("GARB001", "The G7 leaders discussed support for Ukraine at length in Hiroshima. Strong unity. They left.",
     ["Strong unity."]),
    ("GARB001", "The AUKUS partners will share submarine technology with each other. "
     "In order to strengthen deterrence in the region.",
     ["In order to strengthen deterrence in the region."]),
    ("GARB002", "The summit ended in Vilnius and the allies They agreed to meet again.", ["They"]),
    ("GARB002", "Support for Ukraine was discussed by the ministers The ministers then left.", ["The"]),
    ("GARB003", "Allies will deepen the partnership in a forward-looking way-the key to security.", ["-"]),
    ("GARB003", "The G7 strengthened the coalition-it reflects shared values.", ["-"]),
    ("GARB003", "They held high-level consultations-including trilateral talks in Tokyo.", ["-"]),
    ("GARB003", "The working group meets in March 2024-to discuss cyber threats.", ["-"]),
    ("GARB004", "They will work to strengthen AUKUS submarine capabilities to improve AUKUS submarine capabilities.",
     ["to improve AUKUS submarine capabilities"]),
    ("GARB004", "The ministers reviewed the Madrid Strategic Concept Madrid Strategic Concept in detail.",
     ["Madrid Strategic Concept"]),
    ("GARB005", "They cited the Charter and 1949 The North Atlantic Treaty of 2004 as the foundation.",
     ["1949 The North Atlantic Treaty of 2004"]),
    ("GARB005", "They welcomed the accords, 2015 Paris Agreement in 2021 and other commitments.",
     ["2015 Paris Agreement in 2021"]),
]


@pytest.mark.parametrize("code,text,spans", POSITIVES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(POSITIVES)])
def test_positive(code, text, spans):
    assert flagged(text, code) == spans


CLEAN = [
    # fragments: headings, answers, quotations, names, short real sentences
    "Joint Statement. The leaders of the G7 met in Hiroshima on 19 May 2023.",
    "Will the alliance hold? Absolutely. The ministers said so in Brussels.",
    "The minister was asked about the plan at length. \"Not at all.\" He then left.",
    "The allies welcomed the new members warmly today. Finland joined. Sweden followed.",
    "The Secretary General opened the meeting in Brussels today. Prime Minister Rishi Sunak.",
    "Secretary of State Antony Blinken met Foreign Minister Penny Wong in Canberra. They signed.",
    # short sentences whose verb is irregular, or whose named subject comes first (a newcomer check's false alarms)
    "Secretary Blinken and Secretary Austin met their counterparts in Manila. Secretary Austin spoke twice.",
    "The Prime Minister and the President met at Northwood today. Prime Minister Starmer spoke.",
    "The ministers reviewed the plan at great length. Minister Dahl demurred.",
    "The allies reviewed the plan at great length. The treaty bound them.",
    "In order to deter aggression, the allies will keep forces in the east.",
    "The agenda was agreed by all the ministers today.\nJoint exercises.\nBudget lines.",
    # capitals: titles and names
    "He met reporters in The Hague and read The Times on the flight.",
    "The band called The Smiths played, and the film titled The Post was shown.",
    "UN Security Council resolutions and the Joint Chiefs of Staff guidance were discussed.",
    # hyphens: real compounds
    "A state-of-the-art, built-in, well-to-do, day-to-day, face-to-face stand-off with a Post-it note.",
    "The lean-to, the stand-by crew, the check-in desk and the follow-on force were ready.",
    "Lashkar-e-Taiba and the Indo-Pacific region; a 2-0 lead and a 6-4 win; Korea-U.S. talks.",
    # repetition: idioms and distant repeats
    "Step by step, more and more allies joined; day after day the talks went on.",
    "They work to prevent the use of weapons of mass destruction and to mitigate the threat of weapons of mass destruction.",
    "US troops stationed in South Korea to defend South Korea remain at the current level.",
    # years: same year, attributive years, ranges
    "The 2018 Panmunjom Declaration of 2018 and a 1999 Mercedes Benz bought in 2002 were mentioned.",
    "The 2022 Strategic Concept adopted in Madrid in 2022 replaced the 2010 one.",
    "In 2019 The Economist reported in 2020 on the alliance.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_prose(text):
    report = audit_str(text, select=["GARB"])
    assert_offsets(report)
    assert [(f.rule, f.text) for f in report.findings] == []


def test_hyphen_suggestion_is_a_dash():
    report = audit_str("The G7 strengthened the coalition-it reflects shared values.", select=["GARB003"])
    (f,) = report.findings
    assert f.suggestion == "—" and f.category == "Fluency/Punctuation"
    assert report.document.text[f.start - 9:f.end + 2] == "coalition-it"


def test_sentence_splitter_keeps_abbreviations():
    text = "Mr. Smith met Gen. Jones in the U.S. on Jan. 5. They talked. Then e.g. lunch followed."
    got = [text[s:e] for s, e in sentences(text, 0, len(text))]
    assert got == ["Mr. Smith met Gen. Jones in the U.S. on Jan. 5.", "They talked.", "Then e.g. lunch followed."]


def test_seed_paragraph_findings():
    text = (
        "They decided to continue to strengthen cooperation through the Committee to enhance the "
        "alliance's CWMD capabilities to improve CWMD capabilities. In this context, the two countries "
        "The leaders are committed to seeking cooperation. They will maintain a strong posture in the "
        "region and on the peninsula. Joint defensive posture."
    )
    report = audit_str(text, select=["GARB"])
    assert_offsets(report)
    assert [(f.rule, f.text) for f in report.findings] == [
        ("GARB004", "to improve CWMD capabilities"),
        ("GARB002", "The"),
        ("GARB001", "Joint defensive posture."),
    ]


def test_seed_garble_findings():
    from ..conftest import SEED

    report = audit_str(SEED.read_text(encoding="utf-8"), select=["GARB"])
    assert_offsets(report)
    text = report.document.text

    def shown(f):
        if f.rule != "GARB003":
            return f.text
        left = re.search(r"[\w']+$", text[:f.start]).group(0)
        right = re.match(r"[\w']+", text[f.end:]).group(0)
        return f"{left}-{right}"

    got = sorted((f.rule, shown(f)) for f in report.findings)
    assert got == sorted([
        ("GARB001", "Important role."),
        ("GARB001", "In order to maintain our strong combat readiness."),
        ("GARB001", "Joint defensive posture."),
        ("GARB001", "To ensure timely return to base in accordance with the Korea-U.S. Status of Forces Agreement (SOFA)."),
        ("GARB002", "The"),
        ("GARB003", "way-the"),
        ("GARB003", "alliance-it"),
        ("GARB003", "field-including"),
        ("GARB003", "2022-to"),
        ("GARB003", "consultations-including"),
        ("GARB004", "to improve CWMD capabilities"),
        ("GARB005", "2005 The Joint Statement of the Six-Party Talks in 2016"),
    ])
