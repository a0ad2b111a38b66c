"""The seed's review page in a real browser (headless Chromium driven by Selenium).

Skipped, with the reason, when Chromium, chromedriver or selenium is missing
(`apt-get install chromium chromium-driver`; `pip install -e '.[test]'`).
"""
from __future__ import annotations

import json
import os
import shutil
import struct

import pytest

from ..conftest import SEED

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("AUDIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = os.environ.get("AUDIT_CHROMEDRIVER") or shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1400")


def _missing() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not CHROMIUM:
        return "chromium is not installed (apt-get install chromium chromium-driver)"
    if not CHROMEDRIVER:
        return "chromedriver is not installed (apt-get install chromium-driver)"
    return ""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Reports for the seed plus two small documents, generated through the CLI."""
    from audit.cli import main

    tmp = tmp_path_factory.mktemp("site")
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "clean.txt").write_text("Secretary of State Antony Blinken met the Joint Chiefs of Staff.\n", encoding="utf-8")
    (docs / "typos.txt").write_text("They met ,, and left . Then they met again .\n", encoding="utf-8")
    out = tmp / "reports"
    code = main(["run", str(SEED), str(docs), "-o", str(out), "-q", "--exit-zero", "-f", "json,html"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument("--user-data-dir=" + str(tmp_path_factory.mktemp("chromium-profile")))
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def seed_page(browser, site):
    stem = SEED.stem
    browser.set_window_size(1280, 1400)
    browser.get((site / f"{stem}.html").as_uri())
    browser.get_log("browser")  # drop anything logged before this test
    report = json.loads((site / f"{stem}.json").read_text(encoding="utf-8"))
    return browser, report


STATE_JS = """
const vis = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
return {
  cards: [...document.querySelectorAll('ol.findings li')].map(c => ({
    id: c.id, rule: c.dataset.rule, severity: c.dataset.severity, category: c.dataset.category,
    suggestion: (c.querySelector('.suggestion') || {}).textContent || null, visible: vis(c)})),
  marks: [...document.querySelectorAll('main mark[data-findings]')].map(m => ({
    id: m.id, findings: m.dataset.findings.split(' '), cls: m.className.split(' '), text: m.textContent,
    tabindex: m.getAttribute('tabindex')})),
  sections: [...document.querySelectorAll('main section.para')].map(s => ({
    id: s.id, cls: s.className.split(' '), visible: vis(s), text: s.textContent})),
  bars: [...document.querySelectorAll('figure.chart svg a')].map(a => a.getAttribute('href')),
  status: document.getElementById('status').textContent,
};
"""


def state(driver) -> dict:
    """Everything the tests read from the page, in one WebDriver round trip."""
    return driver.execute_script(STATE_JS)


def _fid(f) -> str:
    return f"f-{f['start']}-{f['end']}-{f['rule']}"


def test_highlighted_spans_and_suggestions_in_the_dom(seed_page, tmp_path):
    from selenium.webdriver.common.by import By

    driver, report = seed_page
    findings = report["findings"]
    assert findings, "the seed should have findings"
    page = state(driver)
    cards = {c["id"]: c for c in page["cards"]}
    assert len(page["cards"]) == len(findings) == len(cards)
    assert page["marks"]
    mark_of = {fid: m for m in page["marks"] for fid in m["findings"]}
    assert set(mark_of) == {_fid(f) for f in findings} == set(cards)
    with_suggestion = 0
    for f in findings:
        card = cards[_fid(f)]
        assert (card["rule"], card["severity"], card["category"]) == (f["rule"], f["severity"], f["category"])
        if f["suggestion"]:
            assert card["suggestion"] == f["suggestion"]
            with_suggestion += 1
        mark = mark_of[_fid(f)]
        assert f["severity"] in mark["cls"] or len(mark["findings"]) > 1
        assert f["text"] in mark["text"]  # a merged highlight may cover more
        assert mark["tabindex"] == "0"
    assert with_suggestion >= 1
    # the score and gate in the header are the report's
    assert driver.find_element(By.ID, "score").text == f"{report['summary']['score']:.2f}"
    assert driver.find_element(By.ID, "gate").text == ("PASS" if report["summary"]["passed"] else "FAIL")
    # the chart has one bar per paragraph, each linking to it
    assert page["bars"] == [f"#para-{p['id']}" for p in report["paragraphs"]]
    # page chrome is visibly marked
    sections = {sec["id"]: sec for sec in page["sections"]}
    for p in report["paragraphs"]:
        sec = sections[f"para-{p['id']}"]
        assert ("chrome" in sec["cls"]) == bool(p.get("chrome"))
        if p.get("chrome"):
            assert "page chrome" in sec["text"]
    shot = tmp_path / "seed-report.png"
    assert driver.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height >= 800


def test_script_runs_under_the_content_security_policy(seed_page):
    from selenium.webdriver.common.by import By

    driver, _ = seed_page
    toolbar = driver.find_element(By.ID, "toolbar")
    assert toolbar.is_displayed(), "the inline script did not run (blocked by the CSP?)"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_severity_category_and_rule_filters(seed_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver, report = seed_page
    by_sev = {}
    for f in report["findings"]:
        by_sev.setdefault(f["severity"], []).append(f)
    sev = max(by_sev, key=lambda s: len(by_sev[s]))
    box = driver.find_element(By.CSS_SELECTOR, f'input[name=severity][value="{sev}"]')
    box.click()
    page = state(driver)
    sev_of = {c["id"]: c["severity"] for c in page["cards"]}
    for c in page["cards"]:
        assert c["visible"] == (c["severity"] != sev), c
    only_sev = [m for m in page["marks"] if all(sev_of[i] == sev for i in m["findings"])]
    assert only_sev and all("off" in m["cls"] and m["tabindex"] == "-1" for m in only_sev)
    assert all("off" not in m["cls"] for m in page["marks"] if m not in only_sev)
    assert page["status"] == f"{len(report['findings']) - len(by_sev[sev])} of {len(report['findings'])} findings shown"
    box.click()  # back on
    assert all(c["visible"] for c in state(driver)["cards"])

    rule = report["findings"][0]["rule"]
    Select(driver.find_element(By.ID, "f-rule")).select_by_value(rule)
    shown = [c for c in state(driver)["cards"] if c["visible"]]
    assert {c["rule"] for c in shown} == {rule}
    assert len(shown) == sum(f["rule"] == rule for f in report["findings"])
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("")

    cat = report["findings"][-1]["category"]
    Select(driver.find_element(By.ID, "f-category")).select_by_value(cat)
    driver.find_element(By.ID, "f-only").click()
    page = state(driver)
    assert {c["category"] for c in page["cards"] if c["visible"]} == {cat}
    with_cat = {f["paragraph"] for f in report["findings"] if f["category"] == cat}
    assert {sec["id"][5:] for sec in page["sections"] if sec["visible"]} == with_cat


def test_keyboard_navigation_and_tooltip(seed_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver, report = seed_page
    marks = driver.find_elements(By.CSS_SELECTOR, "main mark[data-findings]")
    assert len(marks) >= 2
    body = driver.find_element(By.TAG_NAME, "body")
    body.click()
    ActionChains(driver).send_keys("j").perform()
    active = driver.switch_to.active_element
    assert active.get_attribute("id") == marks[0].get_attribute("id")
    assert "active" in active.get_attribute("class").split()
    ActionChains(driver).send_keys("j").perform()
    assert driver.switch_to.active_element.get_attribute("id") == marks[1].get_attribute("id")
    assert driver.find_element(By.ID, "status").text.startswith(f"Finding 2 of {len(marks)}")
    ActionChains(driver).send_keys("k").perform()
    assert driver.switch_to.active_element.get_attribute("id") == marks[0].get_attribute("id")
    ActionChains(driver).send_keys("k").perform()  # wraps around to the last one
    assert driver.switch_to.active_element.get_attribute("id") == marks[-1].get_attribute("id")
    # the focused highlight shows its finding in a tooltip, with the suggestion
    first = marks[0]
    first.send_keys("")  # focus
    driver.execute_script("arguments[0].focus()", first)
    tip = driver.find_element(By.ID, "tip")
    assert tip.is_displayed()
    fid = first.get_attribute("data-findings").split()[0]
    f = next(x for x in report["findings"] if _fid(x) == fid)
    assert f["rule"] in tip.text
    if f["suggestion"]:
        assert f["suggestion"].strip() in tip.text
    ActionChains(driver).send_keys("\ue00c").perform()  # Escape
    assert not tip.is_displayed()


def test_narrow_screen_stacks_text_and_findings(seed_page):
    from selenium.webdriver.common.by import By

    driver, report = seed_page
    driver.set_window_size(420, 900)
    pid = next(f["paragraph"] for f in report["findings"])
    sec = driver.find_element(By.ID, f"para-{pid}")
    cols = driver.execute_script("return getComputedStyle(arguments[0]).gridTemplateColumns", sec)
    assert len(cols.split()) == 1, cols
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 2


def test_index_sorts_by_score_and_errors(browser, site):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    browser.get((site / "index.html").as_uri())
    rows = lambda: browser.find_elements(By.CSS_SELECTOR, "#docs tbody tr")  # noqa: E731
    assert len(rows()) == 3
    browser.find_element(By.CSS_SELECTOR, 'th[data-key="score"] button').click()
    scores = [float(r.get_attribute("data-score")) for r in rows()]
    assert scores == sorted(scores)
    browser.find_element(By.CSS_SELECTOR, 'th[data-key="score"] button').click()
    assert [float(r.get_attribute("data-score")) for r in rows()] == sorted(scores, reverse=True)
    browser.find_element(By.CSS_SELECTOR, 'th[data-key="errors"] button').click()
    errors = [int(r.get_attribute("data-errors")) for r in rows()]
    assert errors == sorted(errors)
    th = browser.find_element(By.CSS_SELECTOR, 'th[data-key="errors"]')
    assert th.get_attribute("aria-sort") == "ascending"
    link = rows()[0].find_element(By.TAG_NAME, "a")
    link.click()
    assert browser.current_url.endswith(".html") and "index" not in browser.current_url
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_print_media_hides_controls_and_shows_every_finding(seed_page):
    from selenium.webdriver.common.by import By

    driver, report = seed_page
    driver.find_element(By.CSS_SELECTOR, 'input[name=severity][value="minor"]').click()  # a filter left on
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element(By.ID, "toolbar").is_displayed()
        page = state(driver)
        assert all(c["visible"] for c in page["cards"]), "printing must not lose filtered findings"
        assert all(sec["visible"] for sec in page["sections"])
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_readable_without_javascript(browser, site):
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get((site / f"{SEED.stem}.html").as_uri())
        assert not browser.find_element(By.ID, "toolbar").is_displayed()  # filters need JS: hidden
        report = json.loads((site / f"{SEED.stem}.json").read_text(encoding="utf-8"))
        page = state(browser)  # WebDriver's own scripts still run
        assert len(page["cards"]) == len(report["findings"]) and all(c["visible"] for c in page["cards"])
        assert all(sec["visible"] for sec in page["sections"])
        first = report["findings"][0]
        mark = browser.find_element(By.CSS_SELECTOR, f'mark[data-findings~="{_fid(first)}"]')
        assert first["rule"] in mark.get_attribute("title")  # native tooltip when the script cannot run
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
