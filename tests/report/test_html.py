"""HTML review pages: content, self-containment and escaping (parsed, not grepped)."""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser

from audit.document import make_document
from audit.engine import audit_document
from audit.glossary import parse_native
from audit.report.html import render, render_index

from ..conftest import audit_str
from .conftest import GLOSSARY, TEXT


class Page(HTMLParser):
    """Collects elements, attributes and text nodes of a rendered page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def find(self, tag, **want):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in want.items())]


def test_document_page_shows_score_gate_counts_and_every_finding(report):
    page = Page(render(report))
    body = " ".join(page.text)
    assert f"{report.score:.2f}" in body
    assert ("PASS" if report.passed else "FAIL") in body
    for cat in report.by_category:
        assert cat in body
    marks = page.find("mark")
    cards = [a for t, a in page.tags if t == "li" and "data-rule" in a]
    assert len(cards) == len(report.findings)
    assert {c["data-rule"] for c in cards} == {f.rule for f in report.findings}
    # every highlighted span is focusable, described by its finding cards, and has a severity class
    for m in marks:
        assert m["tabindex"] == "0"
        assert m["class"].split()[0] in {"minor", "major", "critical"}
        for fid in m["aria-describedby"].split():
            assert page.find("li", id=fid), fid
    term = next(f for f in report.findings if f.text == "Humphreys Camp")
    mark = next(m for m in marks if f"-{term.start}-{term.end}-TERM001" in m["id"])
    assert mark["class"] == "major"
    assert "Camp Humphreys" in mark["title"]
    assert "Camp Humphreys" in body and "confidence 100%" in body


def test_paragraph_text_is_reproduced_exactly_with_ids(report):
    html = render(report)
    page = Page(html)
    for pr in report.paragraphs:
        assert page.find("section", id="para-" + pr.paragraph.id.replace("~", "_")), pr.paragraph.id
    # the text of a paragraph, marks included, is the paragraph itself (CRLF untouched)
    m = re.search(r'<section[^>]*id="para-1".*?<div class="text">(.*?)</div>', html, re.S)
    inner = re.sub(r"<[^>]+>", "", m.group(1))
    from html import unescape

    assert unescape(inner) == next(p for p in report.document.paragraphs if p.id == "1").text


def test_chrome_unaligned_reference_metrics_and_fix_diff_are_rendered(report):
    prs = list(report.paragraphs)
    i = next(k for k, pr in enumerate(prs) if pr.paragraph.id == "1")
    fixed = prs[i].paragraph.text.replace("Humphreys Camp", "Camp Humphreys")
    prs[i] = replace(prs[i], extra={"reference": "R1", "reference_text": "Official <u>text</u> one.",
                                    "metrics": {"chrf": 71.234, "bleu": 40.5, "ter": 38.0}, "fix": {"text": fixed}})
    j = next(k for k, pr in enumerate(prs) if pr.paragraph.id == "2")
    prs[j] = replace(prs[j], extra={"reference": None, "metrics": None})
    r = replace(report, paragraphs=tuple(prs), extra={"reference": {"chrf": 70.1, "signature": "chrF2|nc:6"}})
    html = render(r)
    page = Page(html)
    body = " ".join(page.text)
    assert "page chrome" in body
    chrome = page.find("section", id="para-p1")[0]
    assert "chrome" in chrome["class"].split()
    assert "unaligned" in page.find("section", id="para-2")[0]["class"].split()
    assert "unaligned" not in page.find("section", id="para-1")[0]["class"].split()
    assert "Official <u>text</u> one." in body  # shown as text, not markup
    assert not page.find("u")
    assert "71.23" in body and "chrF2|nc:6" in body
    dels = re.findall(r"<del>(.*?)</del>", html)
    ins = re.findall(r"<ins>(.*?)</ins>", html)
    assert any("Humphreys Camp" in d for d in dels) and any("Camp Humphreys" in s for s in ins)


def test_clean_document_has_no_marks_and_passes():
    r = audit_str("Secretary of State Antony Blinken met the Joint Chiefs of Staff.\n\n"
                  "They discussed UN Security Council resolutions.", GLOSSARY)
    assert r.findings == ()
    page = Page(render(r))
    assert page.find("mark") == [] and page.find("li") == []
    assert "PASS" in " ".join(page.text)


def test_self_contained_no_network_and_script_allowed_only_by_hash(report):
    html = render(report)
    page = Page(html)
    for tag, attrs in page.tags:
        for k in ("src", "href", "action", "xlink:href"):
            v = attrs.get(k) or ""
            assert not re.match(r"\s*(https?:|//|javascript:|data:text)", v, re.I), (tag, k, v)
        assert tag not in {"link", "iframe", "object", "embed", "img"}, tag
    assert "@import" not in html and "url(" not in html
    assert len(page.scripts) == 1 and not page.find("script", src=None) == []
    csp = page.find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline'; img" in csp and "script-src 'unsafe-inline'" not in csp
    assert '@media print' in html and '@media (max-width:' in html
    toolbar = page.find("nav", id="toolbar")[0]
    assert "hidden" in toolbar  # filters appear only when the script runs; reading needs no JS


EVIL = '<script>alert("x")</script><img src=x onerror="alert(1)"> <a href="javascript:alert(2)">go</a> &lt;script&gt; &#60;b&#62;'


def test_hostile_document_glossary_and_file_name_stay_inert():
    gl = parse_native(
        '[[org]]\nterm = "Fjord \\"><script>alert(3)</script> Council"\n'
        'replaces = ["Fjord Board onerror=alert(4)"]\n', "<evil>")
    text = f"The Fjord Board onerror=alert(4) met.\n\n{EVIL}\n\n1. Bad ,, text <svg onload=alert(5)>"
    doc = make_document(text, 'evil"><script>alert(6)</script>.txt')
    r = audit_document(doc, gl)
    assert any(f.rule == "TERM001" and "<script>" in (f.suggestion or "") for f in r.findings)
    html = render(r)
    page = Page(html)
    assert len(page.find("script")) == 1  # only our own
    for tag, attrs in page.tags:
        assert tag not in {"img", "svg:svg", "iframe"} or tag == "svg", tag
        for k, v in attrs.items():
            assert not k.startswith("on"), (tag, k)
            if k == "href":
                assert not (v or "").lower().startswith("javascript:"), v
    assert [a for t, a in page.tags if t == "svg"] and all("onload" not in a for t, a in page.tags if t == "svg")
    body = "".join(page.text)
    # the hostile strings are shown literally, including entity tricks (escaped once more)
    assert '<script>alert("x")</script>' in body
    assert "&lt;script&gt;" in body and "&#60;b&#62;" in body
    assert '"><script>alert(3)</script>' in body
    assert "evil\"><script>alert(6)</script>.txt" in body
    assert "&amp;lt;script&amp;gt;" in html


def test_index_lists_documents_sortable_and_escaped():
    entries = [
        {"document": "a/<b>one</b>.txt", "href": "one.html", "score": 97.5, "passed": False, "errors": 2,
         "by_severity": {"minor": 1, "major": 2, "critical": 0}, "findings": 3},
        {"document": "two.txt", "href": "two.html", "score": 100.0, "passed": True, "errors": 0,
         "by_severity": {"minor": 0, "major": 0, "critical": 0}, "findings": 0},
    ]
    html = render_index(entries)
    page = Page(html)
    rows = page.find("tr")
    data_rows = [r for r in rows if "data-score" in r]
    assert [r["data-score"] for r in data_rows] == ["97.5", "100.0"]
    assert [r["data-errors"] for r in data_rows] == ["2", "0"]
    assert [r["data-major"] for r in data_rows] == ["2", "0"]
    assert {a["href"] for a in page.find("a")} >= {"one.html", "two.html"}
    assert not page.find("u")
    body = " ".join(page.text)
    assert "a/<b>one</b>.txt" in body and "FAIL" in body and "PASS" in body
    heads = [a for t, a in page.tags if t == "th"]
    assert {"score", "errors"} <= {h.get("data-key") for h in heads}
    assert len(page.scripts) == 1


def test_unaligned_listed_in_the_reference_summary_and_fix_metrics_without_text(report):
    prs = list(report.paragraphs)
    i = next(k for k, pr in enumerate(prs) if pr.paragraph.id == "1")
    prs[i] = replace(prs[i], extra={"reference": "1", "alignment": "1-1", "metrics": {"chrf": 99.5},
                                    "fix": {"ter": 7.41, "edits": 6, "applied": 2}})
    r = replace(report, paragraphs=tuple(prs),
                extra={"reference": {"aligned": 1, "unaligned": ["2"], "signature": {"chrf": "nc:6"}}})
    page = Page(render(r))
    assert "unaligned" in page.find("section", id="para-2")[0]["class"].split()
    assert "unaligned" not in page.find("section", id="para-1")[0]["class"].split()
    sec1 = render(r).split('id="para-1"', 1)[1].split("</section>", 1)[0]
    assert "Auto-fix" in sec1 and "7.41" in sec1 and "applied" in sec1 and "1-1" in sec1
    assert "<del>" not in sec1  # no fixed text, no diff invented
