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
        # a page title of more than 15 words (colon, commas) before short title-cased segments
        ("The Spirit of Camp David: Joint Statement of Japan, the Republic of Korea, and the United States> "
         "The White House> Briefing Room> Statements and Releases", "CHROME001"),
        ("Home › Media Releases › Joint Statement by the Ministers for Foreign Affairs and Defence of Australia, "
         "Japan and the United States on the Trilateral Strategic Dialogue", "CHROME001"),
        ("Home › Media Releases › Joint statement by the foreign ministers of Australia, Japan and the United States "
         "on the situation in the South China Sea", "CHROME001"),  # a sentence-case title
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
        # a named feed of the site, and a bar of calls to action
        ("Subscribe to Defense.gov Releases | Follow us on X", "CHROME003"),
        ("Subscribe to Defense.gov Releases", "CHROME003"),
        ("Sign up for State Department email alerts", "CHROME003"),
        ("Follow Defense.gov on X", "CHROME003"),
        ("Follow the Ministry of Defence on Facebook and Instagram", "CHROME003"),
        ("Subscribe to our YouTube channel · Follow us on Facebook · Print", "CHROME003"),
        ("Subscribe to the Newsroom RSS Feed • Share on LinkedIn", "CHROME003"),
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
        # a long first segment is a title only when it is one clause and the rest is a short, title-cased trail
        "The leaders met at Camp David on August 18 and agreed on the principles. They will meet again> "
        "The White House> Briefing Room> Statements",
        "The Spirit of Camp David: Joint Statement of Japan, the Republic of Korea, and the United States> "
        "The leaders have agreed to hold the summit at least annually from now on> Statements",
        # a site's tagline run into the next page's breadcrumb (no line break): a sentence, not a title
        "The Ministry of National Defense provides the military power needed to stop wars and ensure our national "
        "security.Joint Communiqué of the 53rd Security Consultation Meeting> U.S. Department of Defense> Released",
        "The Ministry of National Defense provides the military power needed to stop wars and ensure our national "
        "security> U.S. Department of Defense> Released",
        "Growth in the first quarter of the year was weaker than forecast by the central bank and the treasury "
        "> Inflation > Wages",
        # calls to action inside sentences, and bars that hold something else
        "Subscribe to Defense.gov Releases, the spokesman told reporters, and follow us on X.",
        "Follow the money on Twitter and you will find the network, the investigators said.",
        "Follow the Ministry of Defence on this issue, the Minister said.",
        "Subscribe to our newsletter | The ministers met in Tokyo and agreed on a joint statement",
        "Nations that subscribe to the Convention on Cluster Munitions | 111 States Parties",
    ],
)
def test_prose_is_not_chrome(text):
    _, got = chrome(text + "\n\n" + BODY)
    assert got == []


def test_long_page_title_keeps_breadcrumb_segments():
    """entity.py reads a page's publisher from these segments: the long title must not hide them."""
    from audit.checks.chrome import breadcrumb_segments

    line = ("The Spirit of Camp David: Joint Statement of Japan, the Republic of Korea, and the United States> "
            "The White House> Briefing Room> Statements and Releases")
    assert breadcrumb_segments(line) == (
        "The Spirit of Camp David: Joint Statement of Japan, the Republic of Korea, and the United States",
        "The White House", "Briefing Room", "Statements and Releases")
    assert breadcrumb_segments("The talks ended. The ministers left for the airport and the press conference "
                               "was cancelled by the hosts> The White House> Briefing Room") == ()


TAGLINE = "The Department of Defense provides the military forces needed to deter war and ensure our nation's security."


def test_related_block_after_the_body():
    """The end of a Defense.gov page (newcomer check 2, india_us_2plus2): 'Related', its headlines and the
    subscribe bar are chrome; the site's tagline is a sentence and is not part of the block."""
    text = (BODY + "\n\nRelated\n\n"
            "Readout of Secretary of Defense Lloyd J. Austin III's Meeting With Indian Defence Minister Rajnath Singh\n\n"
            "Secretary of Defense Travels to India, Republic of Korea, and Indonesia\n\n"
            "Subscribe to Defense.gov Releases | Follow us on X\n\n" + TAGLINE + "\n")
    report, got = chrome(text)
    assert got == [
        ("CHROME004", "Related"),
        ("CHROME004", "Readout of Secretary of Defense Lloyd J. Austin III's Meeting With Indian Defence Minister Rajnath Singh"),
        ("CHROME004", "Secretary of Defense Travels to India, Republic of Korea, and Indonesia"),
        ("CHROME003", "Subscribe to Defense.gov Releases | Follow us on X"),
    ]
    assert all(f.suggestion == "" and "delete" in f.message for f in report.findings)
    assert "Headline" in report.findings[1].message
    chrome_paras = [pr.chrome for pr in report.paragraphs]
    assert chrome_paras == [False, True, True, True, True, False]


@pytest.mark.parametrize(
    "block,flagged",
    [
        # other sites' wording; lines in one paragraph, bullets, date lines between headlines
        ("Related Stories\nAustralia and Japan sign reciprocal access agreement\nMinisters meet in Canberra for talks",
         3),
        ("More from the White House:\n\n* Statement by President Biden on the Trilateral Summit\n"
         "* Fact Sheet: The Trilateral Leaders' Summit at Camp David", 3),
        ("Latest News\n\nNov. 9, 2023\n\nSecretary Austin Meets With Philippine Counterpart\n\n"
         "Nov. 8, 2023\n\nDeputy Secretary Visits Guam", 5),
        ("Read next\n\nWhat the AUKUS Agreement Means for the Region?", 2),
    ],
)
def test_related_block_wordings(block, flagged):
    _, got = chrome(BODY + "\n\n" + block + "\n\n" + TAGLINE)
    assert [c for c, _ in got] == ["CHROME004"] * flagged
    assert TAGLINE not in [t for _, t in got]


@pytest.mark.parametrize(
    "text",
    [
        # headings a document itself may have: an annex list, cross-references, a bibliography
        "Related Documents\n\nAnnex I: Terms of Reference of the Joint Working Group\n\nAnnex II: List of Participants",
        "See also\n\nJoint Statement of the Eighth Ministerial Dialogue\n\nFact Sheet on Maritime Cooperation",
        "Further reading\n\nThe Quad and the Future of Indo-Pacific Security",
        "Recommended\n\nIncrease funding for the Joint Maritime Programme",
        "Related Party Transactions\n\nLoans to Key Management Personnel",
        # a heading with no headline after it, or sentences after it
        "Related\n\nThe ministers also discussed related matters, including maritime security.",
        "Related",
        "Related\n\nSubscribe to our newsletter",
        "More from the Minister's remarks\n\nWe will keep working with our partners. The Quad delivers.",
        # Markdown structure and code
        "## Related\n\nSecretary of Defense Travels to India and Indonesia",
        "```\nRelated\nSecretary of Defense Travels to India and Indonesia\n```",
        # prose that starts with the words
        "Related talks were held in Tokyo in May.\n\nSecretary of Defense Travels to India and Indonesia",
    ],
)
def test_document_headings_are_not_a_related_block(text):
    _, got = chrome(BODY + "\n\n" + text + "\n\n" + TAGLINE)
    assert [(c, t) for c, t in got if c == "CHROME004"] == []


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
    "Related", "More from the White House", "Ministers Meet in Canberra", "Subscribe to Defense.gov Releases | Follow us on X",
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
