"""HTML injection corpus (issue 7): hostile documents, glossary terms and file names stay inert
in a real browser.  Each payload would set ``window.__pwned`` or open an alert if it ran."""
from __future__ import annotations

import pytest

from .test_report_browser import browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    "'><iframe src=\"javascript:window.parent.__pwned=4\"></iframe>",
    '<a href="javascript:window.__pwned=5">click</a>',
    "&lt;script&gt;window.__pwned=6&lt;/script&gt;",
    "</textarea></title></style><script>window.__pwned=7</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=8>",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from audit.cli import main

    tmp = tmp_path_factory.mktemp("hostile")
    docs = tmp / "docs"
    docs.mkdir()
    body = "\n\n".join(f"{i}. The Minister met Humphreys Camp {p} officials ." for i, p in enumerate(PAYLOADS, 1))
    (docs / "payloads.txt").write_text(body + "\n", encoding="utf-8")
    (docs / '<img src=x onerror="window.__pwned=9">.txt').write_text("1. Humphreys Camp .\n", encoding="utf-8")
    gloss = tmp / "g.toml"
    gloss.write_text(
        '[[place]]\nterm = "Camp Humphreys<script>window.__pwned=10</script>"\nreplaces = ["Humphreys Camp"]\n'
        'note = "<img src=x onerror=window.__pwned=11>"\n', encoding="utf-8")
    out = tmp / "reports"
    code = main(["run", str(docs), "-g", str(gloss), "-o", str(out), "-q", "--exit-zero", "-f", "json,html,md"])
    assert code == 0
    return out


def test_hostile_text_is_shown_not_run(browser, hostile_site):  # noqa: F811
    pages = sorted(hostile_site.glob("*.html"))
    assert len(pages) == 3  # two documents and the index
    for page in pages:
        browser.get(page.as_uri())
        pwned = browser.execute_script("return window.__pwned || null")
        assert pwned is None, f"{page.name}: payload {pwned} ran"
        # no element the payloads would create exists in the live DOM
        assert browser.execute_script(
            "return document.querySelectorAll('main img, main iframe, main svg[onload], main a[href^=\"javascript:\"], main script').length") == 0
        try:
            alert = browser.switch_to.alert
            alert.dismiss()
            raise AssertionError(f"{page.name}: an alert opened")
        except AssertionError:
            raise
        except Exception:
            pass
    doc_page = next(p for p in pages if p.name.startswith("payloads"))
    browser.get(doc_page.as_uri())
    text = browser.execute_script("return document.querySelector('main').textContent")
    for p in PAYLOADS:
        assert p in text, f"payload not shown as text: {p}"
    assert "Camp Humphreys<script>window.__pwned=10</script>" in text  # the hostile suggestion, as text
