"""Scraped page chrome (CHROME001-005): whole lines of web-page furniture, never prose."""
from __future__ import annotations

import pytest

from ..conftest import assert_offsets, audit_str

BODY = "1. On 4 May 2023, the ministers of Australia and Japan met in Tokyo and agreed on a joint statement."


def chrome(text, **kw):
    report = audit_str(text, select=["CHROME"], **kw)
    assert_offsets(report)
    return report, [(f.rule, f.text) for f in report.findings]


@pytest.mark.parametrize(
    "line,code",
    [
        # breadcrumbs and page-title trails
        ("Home › News › Press Releases", "CHROME001"),
        ("Home > Newsroom > Releases > Joint Statement on the Pacific", "CHROME001"),
        ("News / Press Releases / Joint Statement", "CHROME001"),
        ("Joint Statement of the 9th Ministerial Dialogue> Ministry of Foreign Affairs> Released", "CHROME001"),
        ("Australia-Japan Ministerial Consultations> Department of Defence", "CHROME001"),  # glued '>'
        ("Home » Speeches", "CHROME001"),
        ("Home > International > Defence and armed forces", "CHROME001"),
        ("Ministry of Foreign Affairs of Japan > Foreign Policy > Press Releases", "CHROME001"),
        # timestamps and bylines
        ("2023-05-04 08:15:02 By : Ms. anna lee", "CHROME002"),
        ("2023/05/04 08:15", "CHROME002"),
        ("Posted on May 4, 2023 by admin", "CHROME002"),
        ("Published: 4 May 2023", "CHROME002"),
        ("Last updated: Thursday, May 4, 2023 10:30 AM", "CHROME002"),
        ("Released Dec. 2, 2021", "CHROME002"),
        ("By : Mr. john smith", "CHROME002"),
        ("By: Jane Doe", "CHROME002"),
        ("Published: December 2021", "CHROME002"),
        ("By Jane Doe | May 4, 2023", "CHROME002"),
        ("May 4, 2023 | By Jane Doe", "CHROME002"),
        ("Posted by webmaster on 04/05/2023", "CHROME002"),
        ("Source: Agency | 2022-03-01 09:30:00 | Editor: lee", "CHROME002"),
        # newsletter / sign-up / share
        ("Choose which Defence.gov.au products you want to send to your inbox.", "CHROME003"),
        ("Subscribe to our newsletter", "CHROME003"),
        ("Sign up for email updates from the Ministry", "CHROME003"),
        ("Get the latest news delivered straight to your inbox.", "CHROME003"),
        ("Enter your email address", "CHROME003"),
        ("Share this:", "CHROME003"),
        ("Share on Facebook", "CHROME003"),
        ("Follow us on Twitter and LinkedIn", "CHROME003"),
        ("Print | Email", "CHROME003"),
        ("Facebook Twitter LinkedIn Email".replace(" ", " | "), "CHROME003"),
        ("Like this: Like Loading...", "CHROME003"),
        ("Share: Facebook Twitter", "CHROME003"),
        ("Print Friendly, PDF & Email", "CHROME003"),
        ("Scroll to top", "CHROME004"),
        # navigation
        ("Read more", "CHROME004"),
        ("Read more »", "CHROME004"),
        ("Back to top", "CHROME004"),
        ("Skip to main content", "CHROME004"),
        ("Next article: Ministers meet in Canberra", "CHROME004"),
        ("Related articles", "CHROME004"),
        ("You may also like:", "CHROME004"),
        ("Download PDF (245 KB)", "CHROME004"),
        ("Tags: defence, Japan, Australia", "CHROME004"),
        ("Leave a reply", "CHROME004"),
        ("12 Comments", "CHROME004"),
        ("Share via Email", "CHROME003"),
        ("Share this article", "CHROME003"),
        # cookie / legal
        ("This website uses cookies to ensure you get the best experience.", "CHROME005"),
        ("We use cookies to improve your experience. By continuing you accept our Cookie Policy.", "CHROME005"),
        ("Accept all cookies", "CHROME005"),
        ("© 2023 Department of Defence. All rights reserved.", "CHROME005"),
        ("Copyright © 2019-2023 Ministry of Defense", "CHROME005"),
        ("Privacy Policy | Terms of Use | Accessibility", "CHROME005"),
    ],
)
def test_chrome_line_flagged_whole(line, code):
    text = f"{line}\n\n{BODY}\n"
    report, got = chrome(text)
    assert got == [(code, line)]
    f = report.findings[0]
    assert f.suggestion == "" and "delete" in f.message
    assert f.category == "Accuracy/Addition" and f.severity.value == "minor"


@pytest.mark.parametrize(
    "text",
    [
        "On December 2, 2021, the 53rd meeting was held in Seoul.",
        "The statement was published on 3 March 2020 by the Ministry of Foreign Affairs.",
        "The exercise was planned by the Joint Chiefs of Staff and approved by the Minister.",
        "By 2030, both countries will have completed the transition.",
        "By contrast, the Council adopted UN Security Council resolutions 2270 and 2321.",
        "If x > 5 and y > 3, the result holds; A > B > C is not a path.",
        "Quality > Speed > Cost was the order of priorities agreed in the review.",
        "The fund grew 40 > 30 > 20 percent year on year.",
        "States that subscribe to the treaty must share this information.",
        "Share this information with allies, the Minister said.",
        "Follow us on this path, he urged the partners, and the talks will succeed.",
        "He read more of the report and went back to the top of the page.",
        "Next year the article will be reviewed again.",
        "The agreement protects copyright and requires websites to disclose how they use cookies.",
        "The Secretary of State Antony Blinken and Foreign Minister Penny Wong released a statement.",
        "Updated plans were released on Tuesday.",
        "Released from detention, the journalists returned home.",
        "Posted to Canberra in 2019, the attaché was promoted.",
        "The and / or problem in drafting is well known.",
        "The Council and/or the Assembly may decide.",
        "12/05/2023",  # a bare date is left alone (may be the document's own date line)
        "December 2, 2021",
        "Tags and labels were removed from the shipment.",
        "Comments from the Minister were welcome.",
        "Comments",  # a section heading
        "Share this information with partners",
        "Next item on the agenda was the budget",
        "Keywords: deterrence, alliance, readiness",  # part of a paper
        "Topics: maritime security, cyber defence",
        "Home affairs ministers met in Rome.",
        "The launch was detected at 2021-12-02 18:12:33 KST by both militaries.",
        "Home > the most important value > anything else, they said.",
    ],
)
def test_prose_is_not_chrome(text):
    _, got = chrome(text + "\n\n" + BODY)
    assert got == []


def test_trailing_read_more_is_a_span_not_the_line():
    text = "The ministers agreed to meet again next year. Read more »\n"
    report, got = chrome(text)
    assert got == [("CHROME004", "Read more »")]
    assert report.paragraphs[0].chrome is False  # the sentence is most of the paragraph


def test_bulleted_chrome_line():
    _, got = chrome("* Share on Facebook\n* Share on Twitter\n\n" + BODY)
    assert got == [("CHROME003", "* Share on Facebook"), ("CHROME003", "* Share on Twitter")]


def test_chrome_paragraphs_excluded_from_evaluated_words():
    text = (
        "Joint Statement on Pacific Security> Department of Foreign Affairs> Released\n\n"
        "2023-05-04 08:15:02 By : Ms. anna lee\n\n"
        + BODY + "\n\n"
        "Subscribe to our newsletter\n"
    )
    report, got = chrome(text)
    assert [c for c, _ in got] == ["CHROME001", "CHROME002", "CHROME003"]
    flags = [(pr.paragraph.id, pr.chrome) for pr in report.paragraphs]
    assert flags == [("p1", True), ("p2", True), ("1", False), ("1.2", True)]
    body_words = next(pr.words for pr in report.paragraphs if pr.paragraph.id == "1")
    assert report.evaluated_words == body_words
    assert report.words > body_words
    # three minor additions over the body's words
    assert report.penalty == 3.0
    assert report.score == round(100 * (1 - 3 / body_words), 2)


def test_chrome_line_inside_a_prose_paragraph_does_not_make_it_chrome():
    text = BODY + " The ministers also discussed regional security, maritime cooperation and cyber defence at length.\nShare this:\n"
    report, got = chrome(text)
    assert got == [("CHROME003", "Share this:")]
    assert report.paragraphs[0].chrome is False


def test_offsets_with_crlf_and_leading_spaces():
    text = "   Back to top  \r\n\r\n" + BODY
    report, got = chrome(text)
    assert got == [("CHROME004", "Back to top")]
    assert text[report.findings[0].start:report.findings[0].end] == "Back to top"


@pytest.mark.parametrize(
    "text",
    [
        "A -> 301 redirect -> B -> 200 OK",
        "Input => Parser => Output",
        "## Regenerate Experimental <span>LaTeX</span> Parser/Lexer",
        "Autocompletion / Goto / Documentation",  # a heading, not a trail (no navigation word)
        "Copyright and License",
        "Tags:",  # a YAML key, not a tag list
        "## Learn more",  # a Markdown heading is document structure
        "```\nHome > News > Releases\n```",  # inside a code block
    ],
)
def test_markup_and_arrows_are_not_chrome(text):
    _, got = chrome(text + "\n\n" + BODY)
    assert got == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "the", "The", "Minister", "Home", "News", ">", "›", " / ", " | ", "By", ":", "Mr.", "2021-12-08", "12:45:19",
    "Posted on", "May 4, 2023", "Share this:", "Read more", "»", "Subscribe to our newsletter", "©", "2023",
    "All rights reserved.", " ", " ", "  ", "\n", "\r\n", "\n\n", ".", ",", "```", "`", "x > 5", "and", "effective",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_offsets_hold_on_arbitrary_text(text):
    report = audit_str(text, select=["CHROME", "REP"])
    assert_offsets(report)
    for f in report.findings:
        if f.check == "chrome":
            assert f.suggestion == "" and f.text == f.text.strip() and f.text
        else:
            assert f.suggestion is None or f.suggestion.casefold() in f.text.casefold()
