"""Scraped page chrome: breadcrumbs, bylines and timestamps, share/subscribe lines,
site navigation, cookie and legal banners.

Detection is line-based: a line is chrome only when the *whole line* has the
shape of a web-page element (short, no running sentence around it), so prose
that mentions a date, the word "by", subscriptions or ``x > 5`` is left alone.
Lines inside Markdown code blocks are skipped; a Markdown heading is structure.
Each finding covers the whole line and suggests deleting it (``suggestion=""``);
the engine treats a paragraph whose lines are mostly chrome as page chrome and
excludes its words from the evaluated word count.
"""
from __future__ import annotations

import re

from ._lazyre import lazy_re
from .registry import Example, checker, make_finding, rule
from .repetition import in_spans as inside_code
from .repetition import code_spans

_DELETE = "delete it (the suggestion is empty: remove the line)"

_COMMON_DOC = """
## Why it matters
Text copied from a web page brings the page around the document with it.  The
reader of the translation gets words that are not in the original document,
and they distort word counts and scores.  MQM counts them as an addition.
"""

BREADCRUMB = rule(
    code="CHROME001",
    name="breadcrumb",
    family="chrome",
    summary="A breadcrumb or page-title trail ('Title> Site> Section', 'Home › News › Releases').",
    severity="minor",
    category="Accuracy/Addition",
    fixable=True,
    doc="""
## What it checks
A line made of short, capitalised segments joined by `>`, `›`, `»`, ` / ` or
` | `: a breadcrumb (`Home › News › Press Releases`) or a scraped page title
(`Joint Statement on X> Ministry of Foreign Affairs> Released`).  With `>`,
`›` or `»`, three or more segments are needed, or two when one of them is a
navigation word (`Home`, `News`, `Releases`...) or the separator is glued to
the word before it (`Meeting> Released`); with ` / ` or ` | ` a navigation word
is always needed (`Autocompletion / Goto / Documentation` is a heading).
Comparisons such as `x > 5` or `Quality > Speed` in a sentence are not
breadcrumbs: every segment must start with a capital letter or a digit, contain
a word of two letters or more, and not end a sentence; lines with arrows
(`->`, `=>`) or `<` (markup, comparisons) are never breadcrumbs.  A segment has
at most 15 words, except a page title at either end of a `>`/`›`/`»` trail
(up to 40 words, one clause, no sentence break, at least half of its words of
four letters or more capitalised) when every other segment is
short (8 words or fewer) and title-cased (`The Spirit of Camp David: Joint
Statement of Japan, the Republic of Korea, and the United States> The White
House> Briefing Room> Statements and Releases`).
""" + _COMMON_DOC + """
## Example
    Joint Statement of the 12th Strategic Dialogue> Ministry of Foreign Affairs> Released

## Preferred
    (the line deleted; keep the title as a heading if the document has none)
""",
    examples=(
        Example("Home › News › Press Releases\n\nThe ministers met in Canberra.", ("CHROME001",), flagged="Home › News › Press Releases"),
        Example("Joint Statement of the 12th Strategic Dialogue> Ministry of Foreign Affairs> Released\n\nThe talks were held.",
                ("CHROME001",)),
        Example("The Spirit of Camp David: Joint Statement of Japan, the Republic of Korea, and the United States> "
                "The White House> Briefing Room> Statements and Releases\n\nWe met.", ("CHROME001",)),
        Example("If x > 5 and y > 3, the Board > the Council in rank. Use and / or sparingly."),
    ),
)

BYLINE = rule(
    code="CHROME002",
    name="byline-timestamp",
    family="chrome",
    summary="A scraped timestamp or byline line ('2021-12-08 12:45:19 By : Mr. steven zhang', 'Posted on ... by ...').",
    severity="minor",
    category="Accuracy/Addition",
    fixable=True,
    doc="""
## What it checks
A line that is only a posting stamp: a machine timestamp (`2021-12-08
12:45:19`), optionally followed by `By : name`; `Posted on <date> by <name>`;
`Published: <date>`, `Updated <date>`, `Last modified: <date>`; `By : <name>`;
`By <Name> | <date>`; a short `|`-separated metadata line with a machine
timestamp (`Source: Agency | 2022-03-01 09:30:00 | Editor: lee`).  A date inside a sentence ("On December 2, 2021, the
meeting was held") and the word "by" in prose are never flagged.
""" + _COMMON_DOC + """
## Example
    2021-12-08 12:45:19 By : Mr. steven zhang

## Preferred
    (the line deleted)
""",
    examples=(
        Example("2019-06-03 09:12:44 By : Ms. jane roe\n\n1. The ministers met.", ("CHROME002",),
                flagged="2019-06-03 09:12:44 By : Ms. jane roe"),
        Example("Posted on March 3, 2020 by admin\n\nThe talks ended.", ("CHROME002",)),
        Example("On December 2, 2021, the meeting was held in Seoul. It was chaired by the Minister.\n\n"
                "The statement was published on 3 March 2020 by the Ministry."),
    ),
)

SHARE = rule(
    code="CHROME003",
    name="share-subscribe",
    family="chrome",
    summary="A newsletter, sign-up, share, follow or print/e-mail line from the web page.",
    severity="minor",
    category="Accuracy/Addition",
    fixable=True,
    doc="""
## What it checks
A short line that is a call to action of the web page: `Subscribe to our
newsletter`, `Sign up for email updates`, `Choose which ... products you want
to send to your inbox`, `Enter your email address`, `Share this:`, `Share on
Facebook`, `Follow us on Twitter`, `Print | Email`, `Like this: Like
Loading...`; a named feed of the site (`Subscribe to Defense.gov Releases`,
`Sign up for State Department email alerts`, `Follow Defense.gov on X`); and a
bar of such calls joined by `|`, `·` or `•` (`Subscribe to Defense.gov Releases
| Follow us on X`).  The same words inside a sentence of the document ("States
that subscribe to the treaty") are not flagged.
""" + _COMMON_DOC + """
## Example
    Choose which Agency products you want to send to your inbox.

## Preferred
    (the line deleted)
""",
    examples=(
        Example("The talks ended.\n\nSubscribe to our newsletter\n\nShare this:", ("CHROME003",),
                flagged="Subscribe to our newsletter"),
        Example("Choose which Agency products you want to send to your inbox.", ("CHROME003",)),
        Example("The talks ended.\n\nSubscribe to Defense.gov Releases | Follow us on X", ("CHROME003",),
                flagged="Subscribe to Defense.gov Releases | Follow us on X"),
        Example("States that subscribe to the treaty must share this information with the Council and follow up."),
    ),
)

NAVIGATION = rule(
    code="CHROME004",
    name="site-navigation",
    family="chrome",
    summary="Site navigation left in the text: 'Read more', 'Back to top', 'Skip to main content', 'Next article', 'Tags:', a 'Related' block of headlines.",
    severity="minor",
    category="Accuracy/Addition",
    fixable=True,
    doc="""
## What it checks
Navigation links of the page: a line that is only `Read more`, `Continue
reading`, `Back to top`, `Skip to main content`, `Previous article`, `Next
story`, `Related articles`, `You may also like`, `Download PDF`, `Tags: ...`,
`Comments (3)`, `12 Comments`, `Leave a reply`, `Advertisement`; and `Read more` / `Continue
reading` glued to the end of a paragraph.  Ordinary sentences that use these
words ("He read more of the report") are not flagged.

A block of links to other pages is flagged line by line: a heading line
`Related`, `Related Links`, `Related Stories`, `More from <Site>`, `Read next`,
`Most read`, `Latest news`... followed by at least one headline line (3-25
words, starting with a capital, one clause, no final full stop; bare date lines
between headlines belong to the block).  The block ends at the first line that
is not a headline (a sentence of the document ends with a full stop).  A
heading alone, or followed by sentences, is no block; `Related Documents`, `See
also`, `Further reading` and `Recommended` are headings a document itself may
have (an annex list, a bibliography) and never start one.
""" + _COMMON_DOC + """
## Example
    The ministers agreed to meet again next year. Read more »

## Preferred
    The ministers agreed to meet again next year.
""",
    examples=(
        Example("The ministers agreed to meet again. Read more »", ("CHROME004",), flagged="Read more »"),
        Example("The ministers met.\n\nBack to top", ("CHROME004",), flagged="Back to top"),
        Example("The ministers met.\n\nRelated\n\nSecretary of Defense Travels to India and Indonesia\n", ("CHROME004",),
                flagged="Related"),
        Example("He read more of the report and went back to the top of the page before the next article of the treaty."),
        Example("Related Documents\n\nAnnex I: Terms of Reference of the Joint Working Group\n\n"
                "Related\n\nThe ministers also discussed related matters."),
    ),
)

LEGAL = rule(
    code="CHROME005",
    name="cookie-legal-banner",
    family="chrome",
    summary="A cookie banner or site legal line ('This website uses cookies...', 'Privacy Policy | Terms of Use', '© 2021 ... All rights reserved').",
    severity="minor",
    category="Accuracy/Addition",
    fixable=True,
    doc="""
## What it checks
Cookie consent banners (`This website uses cookies to ...`, `We use cookies
...`, `Accept all cookies`, `Cookie settings`) and site footers (`Privacy
Policy | Terms of Use`, `© 2021 Agency. All rights reserved.`, `Copyright ©
...`).  The whole line is flagged only when it is short and has the shape of a
banner; a document that discusses cookies or copyright in prose is not.
""" + _COMMON_DOC + """
## Example
    We use cookies to improve your experience. By continuing, you accept our Cookie Policy.

## Preferred
    (the line deleted)
""",
    examples=(
        Example("We use cookies to improve your experience on our website. Accept all cookies\n\nThe talks ended.",
                ("CHROME005",)),
        Example("© 2022 Ministry of Defence. All rights reserved.", ("CHROME005",)),
        Example("The agreement protects copyright and requires websites to disclose how they use cookies to track users."),
    ),
)

# --------------------------------------------------------------------------- patterns

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)"
_DATE = (
    rf"(?:{_WEEKDAY}?(?:"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2021-12-08
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"  # 12/08/2021
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # December 8, 2021
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"  # 8 December 2021
    rf"|{_MONTH}\s+\d{{4}}"  # December 2021
    r"))"
)
_TIME = r"(?:(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)"
_STAMP = rf"{_DATE}(?:\s*[,|·•@T-]?\s*{_TIME})?"
_NAME = r"(?:[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,5})"
_BY = rf"(?:[Bb]y|BY)\s*:?\s*{_NAME}"
_SEP = r"\s*[|·•,–—-]?\s*"

_BYLINE_RES = [
    # 2021-12-08 12:45:19 [By : Mr. steven zhang]  (a machine timestamp: date plus clock time)
    lazy_re(rf"{_DATE}[ T]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*(?:[AaPp][Mm]|[A-Z]{{2,4}}))?(?:{_SEP}{_BY})?"),
    # Posted on March 3, 2021 by admin / Published: 12 March 2021 / Last updated: ... / Released 2021-12-08
    lazy_re(
        r"(?:Posted|Published|Updated|Last\s+(?:updated|modified|edited)|Released|Modified|Created|Written|Date(?:d)?"
        r"|Release\s+Date|Publication\s+date)(?:\s+on)?\s*:?\s*"
        rf"{_STAMP}(?:{_SEP}{_BY})?",
        re.I,
    ),
    # Posted by admin [on March 3, 2021]
    lazy_re(rf"(?:Posted|Written|Published)\s+{_BY}(?:{_SEP}(?:on\s+)?{_STAMP})?", re.I),
    # By : Mr. steven zhang   (the " : " after By is the scraper's label, never prose)
    lazy_re(rf"(?:[Bb]y|BY)\s+:\s*{_NAME}"),
    # By: Jane Doe   (a label colon and a capitalised name of at most five words)
    lazy_re(r"(?:By|BY):\s*[A-Z][\w.'’-]*(?:\s+[A-Za-z][\w.'’-]*){0,4}"),
    # By Jane Doe | March 3, 2021
    lazy_re(rf"(?:[Bb]y|BY)\s+{_NAME}\s*[|·•]\s*{_STAMP}"),
    # March 3, 2021 | By Jane Doe
    lazy_re(rf"{_STAMP}\s*[|·•]\s*{_BY}"),
]

_SOCIAL = (r"(?:Twitter|X|Facebook|Instagram|LinkedIn|YouTube|Flickr|TikTok|Threads|Weibo|WeChat|Telegram|Mastodon"
           r"|Bluesky|social\s+media|(?:the\s+)?socials)")
_NETWORK = rf"(?:{_SOCIAL}|E-?mail|Print|WhatsApp|Reddit|Pinterest|Tumblr|Line|KakaoTalk)"
# share / subscribe / follow: the whole line must match
_SHARE_RES = [lazy_re(p, re.I) for p in (
    r"(?:Subscribe|Sign\s+up|Register|Opt\s+in)(?:\s+(?:now|today|here))?\s+(?:to|for)\s+(?:our|the|free|email|e-mail|daily|weekly|updates?|news|alerts?)\b[\w\s,'’&-]{0,60}[.!]?",
    r"(?:Subscribe|Sign\s+up)(?:\s+(?:now|today|here))?[.!:]?",
    # Subscribe to Defense.gov Releases / Sign up for Ministry news alerts: a named feed of the site
    r"(?:Subscribe|Sign\s+up|Register)\s+(?:to|for)\s+(?:[\w.'’&-]+\s+){0,5}?"
    r"(?:(?:Press|News|Media)\s+)?(?:Releases|News(?:letters?)?|Updates|(?:E-?mail\s+)?Alerts|Feeds?|RSS(?:\s+Feeds?)?"
    r"|Podcasts?|(?:YouTube\s+)?Channel|Blog|Digest|Bulletins?|Notifications)[.!]?",
    r"Choose\s+which\s+[\w.\s-]{1,60}?\s+(?:products?|updates?|topics?|newsletters?|emails?|content)\s+you\s+(?:want|would\s+like)\s+to\s+(?:send\s+to|receive\s+in|get\s+in)\s+your\s+inbox\.?",
    r"[\w\s,'’-]{0,60}\b(?:delivered|sent)\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox[.!]?",
    r"(?:Enter|Type)\s+your\s+e-?mail(?:\s+address)?[\w\s,'’-]{0,60}[.:!]?",
    r"(?:Get\s+)?(?:E-?mail|Newsletter)\s+(?:updates|alerts|sign[-\s]?up)[.!:]?",
    rf"Share\s+(?:this(?:\s+(?:article|page|story|post|release|item))?|on|via|to)\s*:?\s*(?:{_NETWORK}(?:[\s,|/]+{_NETWORK})*)?\s*:?",
    r"Share(?:\s+(?:this|it))?\s*[:!]?",
    rf"Share\s*:\s*{_SOCIAL}(?:\s*(?:,|\||/|\s)\s*(?:{_SOCIAL}|E-?mail|Print))*",
    r"Print\s+Friendly(?:\s*,\s*PDF\s*(?:&|and)\s*E-?mail)?",
    rf"(?:Follow|Like|Find|Connect\s+with)\s+us(?:\s+on)?\s+{_SOCIAL}(?:\s*(?:,|and|&|\||/|or)\s*{_SOCIAL})*\s*[.!]?",
    # Follow Defense.gov on X / Follow the Ministry on Facebook: a capitalised name of at most four words
    rf"Follow\s+(?:the\s+)?(?-i:[A-Z][\w.'’&-]*)(?:\s+(?:of\s+)?(?-i:[A-Z][\w.'’&-]*)){{0,3}}\s+on\s+{_SOCIAL}"
    rf"(?:\s*(?:,|and|&|\||/|or)\s*{_SOCIAL})*\s*[.!]?",
    r"(?:Tweet|Email|E-mail|Print|Share|Facebook|Twitter|LinkedIn|WhatsApp|Reddit|Pinterest|Telegram|X)"
    r"(?:\s*[|/·•,]\s*(?:Tweet|Email|E-mail|Print|Share|Facebook|Twitter|LinkedIn|WhatsApp|Reddit|Pinterest|Telegram|X))+",
    r"(?:Print|Email|E-mail)\s+(?:this\s+)?(?:page|article|story|release)[.!]?",
    r"Like\s+this:?\s*(?:Like\s+Loading\.*)?",
)]

_NAV_RES = [lazy_re(p, re.I) for p in (
    r"(?:Read|Learn|See|View)\s+(?:more|full\s+(?:story|article|text|release))(?:\s+(?:here|about\s+[\w\s-]{1,40}))?\s*[.:»›>→…]*",
    r"Continue\s+reading(?:\s+[\w\s'’-]{1,40})?\s*[.:»›>→…]*",
    r"(?:Back|Return|Go|Scroll)\s+to\s+(?:top|the\s+top|home(?:page)?|main\s+menu|previous\s+page)\s*[.↑^]*",
    r"Skip\s+to\s+(?:main\s+)?(?:content|navigation|main|search)\s*\.?",
    r"(?:Previous|Next|Older|Newer)\s+(?:article|story|post|page|entry|release|news)s?(?:\s*[:»›>→]\s*[^\r\n]{0,80}|\s*[»›>→]*)",
    r"(?:Related|Recommended|Popular|Latest|More)\s+(?:articles?|stories|posts|links|news|content|releases|reading)\s*:?",
    r"You\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)\s*:?",
    r"Download\s+(?:the\s+)?(?:PDF|file|attachment|document)(?:\s*\([^)]{0,20}\))?\s*\.?",
    r"(?:Tags|Tagged|Categories|Category|Filed\s+under)\s*:\s*\S[^\r\n]{0,120}",
    r"\d+\s+Comments?|Comments?\s*(?:\(\d+\)|:\s*\d+)",
    r"(?:Leave|Post|Add)\s+a\s+(?:comment|reply|response)\s*[.:]?",
    r"Advertisement|Sponsored(?:\s+content)?|Click\s+here(?:\s+to\s+[\w\s'’-]{1,50})?[.!]?",
)]
# "Read more" / "Continue reading" glued to the end of a paragraph line
_TRAILING_NAV = lazy_re(
    r"(?<=[.!?…”\"])[ \t]+((?:Read|Learn|See)\s+more|Continue\s+reading)[ \t]*[»›>→…]*[ \t]*$",
    re.I | re.M,
)

_LEGAL_RES = [lazy_re(p, re.I) for p in (
    r"(?:This|Our)\s+(?:web\s*site|site|page)\s+uses\s+cookies\b[^\r\n]{0,240}",
    r"We\s+(?:use|and\s+our\s+partners\s+use)\s+cookies\b[^\r\n]{0,240}",
    r"(?:Accept|Reject|Allow|Decline)(?:\s+all)?\s+cookies\.?|Cookie\s+(?:settings|preferences|policy|consent)\.?",
    r"(?:©|\(c\)|Copyright\s*(?:©|\(c\)))\s*\d{4}(?:\s*[-–]\s*(?:\d{4}|present|now))?\b[^\r\n]{0,100}",
    r"[^\r\n]{0,80}\bAll\s+rights\s+reserved\.?",
    r"(?:Privacy(?:\s+Policy)?|Terms\s+(?:of\s+(?:Use|Service))?|Accessibility|Contact\s+Us|Sitemap|Site\s+Map|FOIA|Disclaimer)"
    r"(?:\s*[|·•/]\s*(?:Privacy(?:\s+Policy)?|Terms\s+(?:of\s+(?:Use|Service))?|Accessibility|Contact\s+Us|Sitemap|Site\s+Map|FOIA|Disclaimer|Cookies?|Help|About\s+Us))+",
)]

#: navigation words that make a two-segment trail a breadcrumb
_NAV_WORDS = frozenset({
    "home", "news", "newsroom", "releases", "press releases", "released", "news releases", "press",
    "articles", "blog", "stories", "transcripts", "speeches", "statements", "media", "publications",
    "about", "about us", "contact", "features", "resources", "documents", "latest", "topics", "main",
})
_BREAD_SPLIT = lazy_re(r"\s*(?<![-=<])[>›»]\s*|\s+/\s+|\s+\|\s+")
_ARROW_OR_TAG = lazy_re(r"[-=]>|<")
_GLUED = lazy_re(r"[^\W_.][>›»]\s")
_SENTENCE_END = lazy_re(r"[.!?;:,]$")
_LINE = lazy_re(r"[^\r\n]+")
_BULLET = lazy_re(r"^(?:[*•·‣◦–—-]|\d{1,3}[.)])\s+")  # not '#': a Markdown heading is structure
_ABBR_END = lazy_re(r"(?:\b[A-Z]\.)+$|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Dr|Mr|Mrs|Ms|No)\.$")


_TRAIL_MARK = lazy_re(r"[>›»/|]")


def _is_breadcrumb(line: str) -> bool:
    if len(line) > 300 or not _TRAIL_MARK.search(line) or _ARROW_OR_TAG.search(line):
        return False  # arrows ("A -> B") and markup or comparisons with '<' are not trails
    parts = [p.strip() for p in _BREAD_SPLIT.split(line)]
    if len(parts) < 2 or any(not p for p in parts):
        return False
    nav = any(p.lower() in _NAV_WORDS for p in parts)
    angled = bool(re.search(r"[>›»]", line))
    if not angled and not nav:
        return False  # "Autocompletion / Goto / Documentation" is a heading, not a trail
    title = _long_title(parts) if angled else None
    for i, p in enumerate(parts):
        words = p.split()
        if (len(words) > 15 and i != title) or not re.search(r"[^\W\d_]{2}", p):
            return False
        if not (p[0].isupper() or p[0].isdigit()):
            return False
        if _SENTENCE_END.search(p) and not _ABBR_END.search(p):
            return False
        if re.search(r"[=<>+*^]|\d\s*$", p) and not re.search(r"[^\W\d_]{2,}", p):
            return False
        if len(words) > 3 and not nav and not any(w[0].isupper() for w in words[1:]):
            return False  # a running sentence, not a title (unless the trail has a navigation word)
    if len(parts) >= 3:
        return True
    return bool(_GLUED.search(line)) or nav


_STOP_SEP = lazy_re(r"[!?;]\s|\.\s")
_GLUED_STOP = lazy_re(r"[a-z]{2}[.!?][A-Z]")  # 'national security.Joint Communiqué': two lines run together
_TITLE_WORD_OK = frozenset({"and", "with", "from", "into", "over", "under", "upon", "between", "among", "after", "before"})


def _one_clause(text: str) -> bool:
    """No sentence break inside: every '.', '!', '?' or ';' before a space is an abbreviation's period (U.S., Gen.)."""
    return not any(m.group(0)[0] != "." or not _ABBR_END.search(text[:m.start() + 1]) for m in _STOP_SEP.finditer(text))


def _title_cased(p: str) -> bool:
    """Every word of four letters or more starts with a capital ('Statements and Releases', 'Briefing Room')."""
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_WORD_OK
               for w in p.split() if len(w.strip(".,:'’()")) >= 4)


def _long_title(parts: list[str]) -> "int | None":
    """The index of a page title longer than 15 words at either end of a trail whose other
    segments are short and title-cased (``The Spirit of Camp David: Joint Statement of Japan, the
    Republic of Korea, and the United States> The White House> Briefing Room> Statements and
    Releases``), or None.  The title is one clause: no sentence break inside it."""
    for i in (0, len(parts) - 1):
        p = parts[i]
        n = len(p.split())
        if not 15 < n <= 40:
            continue
        others = parts[:i] + parts[i + 1:]
        if not others or any(len(o.split()) > 8 or not _title_cased(o) for o in others):
            continue
        if _GLUED_STOP.search(p) or not _one_clause(p):
            continue  # two sentences ("... was agreed. The ministers ...", "... security.Joint ..."), not a title
        long_words = [w for w in p.split() if len(w.strip(".,:'’()")) >= 4]
        if 2 * sum(w[0].isupper() or w[0].isdigit() for w in long_words) < len(long_words):
            continue  # a running sentence ("... provides the military power needed to ..."): titles are mostly capitals
        return i
    return None


def breadcrumb_segments(line: str) -> tuple[str, ...]:
    """The segments of a breadcrumb line (``Title> Site> Section``), or ``()`` when the line is not one."""
    return tuple(p.strip() for p in _BREAD_SPLIT.split(line)) if _is_breadcrumb(line) else ()


_MACHINE_STAMP = lazy_re(rf"{_DATE}[ T]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?")
_META_SPLIT = lazy_re(r"\s+[|·•]\s+")


def _is_stamp_line(line: str) -> bool:
    """'Source: Agency | 2021-12-02 18:12:33 | Editor: name': short segments, one a machine timestamp."""
    if "|" not in line and "·" not in line and "•" not in line:
        return False  # nothing to split on
    parts = _META_SPLIT.split(line)
    return (
        2 <= len(parts) <= 6
        and any(_MACHINE_STAMP.fullmatch(p.strip()) for p in parts)
        and all(len(p.split()) <= 6 for p in parts)
    )


def _full(res, line: str) -> bool:
    return any(r.fullmatch(line) for r in res)


_NETWORK_ONLY = lazy_re(rf"{_NETWORK}", re.I)


def _is_share_bar(line: str) -> bool:
    """'Subscribe to Defense.gov Releases | Follow us on X': segments that are each a call to action
    of the page (or a network name), joined by '|', '·' or '•'."""
    parts = [p.strip() for p in _META_SPLIT.split(line)]
    return len(parts) >= 2 and all(_full(_SHARE_RES, p) or _NETWORK_ONLY.fullmatch(p) for p in parts)


def _classify(line: str):
    """The chrome rule a whole (bullet-stripped) line belongs to, or None."""
    if not line or len(line) > 400:
        return None
    if _full(_BYLINE_RES, line) or _is_stamp_line(line):
        return BYLINE
    words = len(line.split())
    if words <= 30 and _full(_LEGAL_RES, line):
        return LEGAL
    if words <= 25 and (_full(_SHARE_RES, line) or _is_share_bar(line)):
        return SHARE
    if words <= 20 and _full(_NAV_RES, line):
        return NAVIGATION
    if _is_breadcrumb(line):
        return BREADCRUMB
    return None


_MESSAGES = {
    "CHROME001": "Breadcrumb or page-title trail scraped from the web page, not part of the document; ",
    "CHROME002": "Timestamp or byline of the web page, not part of the document; ",
    "CHROME003": "Newsletter, sign-up or sharing line of the web page, not part of the document; ",
    "CHROME004": "Navigation link of the web page, not part of the document; ",
    "CHROME005": "Cookie banner or site legal line, not part of the document; ",
}
_RELATED_MESSAGE = "Headline of a 'Related' block of links to other pages of the web site, not part of the document; "


#: the heading of a block of links to other pages ("Related", "More from Defense.gov"); "Related
#: Documents", "See also", "Further reading" and a bare "Recommended" are headings a document
#: itself may have, so they are left out
_RELATED_HEAD = lazy_re(
    r"(?:Related(?:\s+(?:Links|Stories|Articles|Content|News|Posts|Releases|Press\s+Releases|News\s+Releases"
    r"|Coverage|Videos|Topics|Pages|Items))?"
    r"|More\s+from\s+(?:the\s+)?(?-i:[A-Z][\w.'’&-]*)(?:\s+[\w.'’&-]+){0,4}|More\s+on\s+this\s+(?:story|topic)"
    r"|More\s+(?:news|stories|articles|releases|headlines)|Read\s+next|Also\s+read|Recommended\s+for\s+you"
    r"|Most\s+(?:read|popular|viewed)|Latest\s+(?:news|releases|stories|headlines))\s*:?",
    re.I,
)
_BARE_DATE = lazy_re(rf"{_STAMP}")


def _is_headline(line: str) -> bool:
    """A line shaped like the headline of another page: 3-25 words, starting with a capital, one
    clause with no sentence-final stop ('Secretary of Defense Travels to India, Republic of Korea,
    and Indonesia')."""
    words = line.split()
    if not 3 <= len(words) <= 25 or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    if line[-1] in ".,;:" and not _ABBR_END.search(line):
        return False  # a sentence of the document ends with a stop; headlines do not
    return _one_clause(line)


def _related_blocks(bodies: list[str], codes: list) -> set[int]:
    """Indexes of the lines of 'Related' blocks: a heading line (``Related``, ``Related Stories``,
    ``More from Defense.gov``) and the headline lines right after it (bare date lines between
    them count too).  A heading without at least one headline after it is no block."""
    found: set[int] = set()
    for i, body in enumerate(bodies):
        if not body[:1].isupper() or not _RELATED_HEAD.fullmatch(body):
            continue
        j = i + 1
        block = []
        while j < len(bodies) and codes[j] is None and (_is_headline(bodies[j]) or _BARE_DATE.fullmatch(bodies[j])):
            block.append(j)
            j += 1
        if any(_is_headline(bodies[k]) for k in block):
            found.add(i)
            found.update(block)
    return found


@checker("chrome", [BREADCRUMB, BYLINE, SHARE, NAVIGATION, LEGAL])
def check_chrome(doc, ctx):
    code = code_spans(doc.text)
    lines = []  # (start of the raw line, raw line, start, end, bullet-stripped body) of every text line
    for para in doc.paragraphs:
        for m in _LINE.finditer(para.text):
            if code and inside_code(code, para.start + m.start()):
                continue  # a line of a Markdown code block
            raw = m.group(0)
            line = raw.strip()
            if not line:
                continue
            lead = len(raw) - len(raw.lstrip())
            start = para.start + m.start() + lead
            bullet = _BULLET.match(line)
            body = line[bullet.end():].strip() if bullet else line
            lines.append((para.start + m.start(), raw, start, start + len(line), body))
    rules = [_classify(body) for *_, body in lines]
    related = _related_blocks([body for *_, body in lines], rules) if lines else set()
    for k, (raw_start, raw, start, end, body) in enumerate(lines):
        r = rules[k]
        if r is None and k in related:
            msg = (_MESSAGES["CHROME004"] if _RELATED_HEAD.fullmatch(body) else _RELATED_MESSAGE) + _DELETE + "."
            yield make_finding(NAVIGATION, doc, start, end, msg, suggestion="", confidence=0.85)
            continue
        if r is not None:
            yield make_finding(r, doc, start, end, _MESSAGES[r.code] + _DELETE + ".", suggestion="", confidence=0.9)
            continue
        # _TRAILING_NAV ends a line with "... more" / "... reading" (then arrows): test that first
        tail = raw.rstrip(" \t»›>→…")[-7:].lower()
        t = _TRAILING_NAV.search(raw) if tail.endswith(("more", "reading")) else None
        if t:
            s = raw_start + t.start(1)
            e = raw_start + len(raw.rstrip())
            yield make_finding(NAVIGATION, doc, s, e, _MESSAGES["CHROME004"] + _DELETE.replace("line", "link") + ".",
                               suggestion="", confidence=0.85)
