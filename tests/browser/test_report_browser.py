"""The report in a real headless chromium, opened from file:// as a reader would.

Slow: starts a browser (about 2 s) and visits every page of two small reports.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from tests.browser.conftest import PageWatch, axe_script
from tests.report.conftest import HOSTILE

pytestmark = pytest.mark.slow

IDS_JS = "() => Array.from(document.querySelectorAll('[id]'), e => e.id)"
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def crawl(watch: PageWatch, out: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """Visit every page: ``({file path: ids on it}, {file path: links on it})``."""
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}
    for path in pages(out):
        watch.page.goto(path.as_uri())
        ids[str(path)] = set(watch.page.evaluate(IDS_JS))
        links[str(path)] = watch.page.evaluate(LINKS_JS)
    return ids, links


def test_every_page_loads_clean_and_every_link_resolves(
    watched: PageWatch, report_dir: Path
) -> None:
    ids, links = crawl(watched, report_dir)
    assert len(ids) >= 10
    assert watched.console_errors == [] and watched.page_errors == []
    # self-contained: the pages themselves asked for nothing but local files
    assert [u for u in watched.requests if not u.startswith("file://")] == []
    checked = 0
    for page, hrefs in links.items():
        for href in hrefs:
            url, frag = urldefrag(href)
            if urlparse(url).scheme != "file":
                assert url.startswith("https://"), (page, href)  # an article's own URL, shown as is
                continue
            target = unquote(urlparse(url).path)
            assert Path(target).is_file(), f"{page}: broken link {href}"
            if frag:
                assert unquote(frag) in ids[target], f"{page}: no #{frag} in {target}"
            checked += 1
    assert checked > 100


def test_filters_work_as_plain_links_without_javascript(browser: Any, report_dir: Path) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto((report_dir / "index.html").as_uri())
        rows = page.locator("tr.contradiction-row")
        assert rows.count() == 2
        page.locator("nav.filters").get_by_role("link", name=re.compile(r"^high \(1\)$")).click()
        # each wait fails after 5 s if the link did not go there
        page.wait_for_url("**/filters/severity-high.html", timeout=5000)
        assert page.locator("[aria-current=page].current").inner_text() == "high (1)"
        severities = page.locator("tr.contradiction-row").evaluate_all(
            "rows => rows.map(r => r.dataset.severity)"
        )
        assert severities == ["high"]
        # from a filter page to another filter, then back to everything
        page.locator("nav.filters").get_by_role("link", name=re.compile(r"^confirmation ")).click()
        page.wait_for_url("**/filters/type-confirmation.html", timeout=5000)
        types = page.locator("tr.contradiction-row").evaluate_all(
            "rows => rows.map(r => r.dataset.type)"
        )
        assert types == ["confirmation"]
        page.get_by_role("link", name="Show everything").click()
        page.wait_for_url("**/report/index.html", timeout=5000)
        assert page.locator("tr.contradiction-row").count() == 2
        # a party filter narrows the sources table to that party
        page.locator("nav.filters").get_by_role("link", name=re.compile(r"^press ")).click()
        assert page.locator("tr.contradiction-row").count() == 0
        assert "No contradictions were found for this filter" in page.inner_text("main")
    finally:
        ctx.close()


def test_evidence_links_land_on_the_sentence(watched: PageWatch, report_dir: Path) -> None:
    page = watched.page
    incident = report_dir / "incidents" / "inc-tal-al-zahab.html"
    page.goto(incident.as_uri())
    n = page.locator("a.evidence-link").count()
    assert n >= 4
    for i in range(n):
        page.goto(incident.as_uri())
        link = page.locator("a.evidence-link").nth(i)
        figure = link.locator("xpath=ancestor::figure[1]")
        words = figure.locator("blockquote mark.evidence").all_inner_texts()
        link.click()
        page.wait_for_load_state()
        assert "/articles/" in page.url
        # smooth scrolling (when the reader allows motion) takes a moment
        page.wait_for_function(
            """() => { const t = document.querySelector(':target'); if (!t) return false;
                const r = t.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }""",
            timeout=5000,
        )
        target = page.evaluate(
            """() => { const t = document.querySelector(':target'); if (!t) return null;
                const r = t.getBoundingClientRect();
                return {id: t.id, cls: t.className, text: t.textContent,
                        inView: r.bottom > 0 && r.top < window.innerHeight}; }"""
        )
        assert target is not None, page.url
        assert target["id"] == unquote(urldefrag(page.url)[1])
        assert target["cls"].split()[0] == "sent"  # the sentence itself is the target
        assert target["inView"]
        for w in words:  # the marked evidence words are in that sentence
            assert w in target["text"], (w, target["text"])
    assert watched.console_errors == []


def test_keyboard_skip_link_and_focus(watched: PageWatch, report_dir: Path) -> None:
    page = watched.page
    page.goto((report_dir / "incidents" / "inc-tal-al-zahab.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    # the fragment navigation is reported to Playwright asynchronously: wait for the browser's
    # own location (fails after 5 s if the link did not work) instead of reading page.url at once
    page.wait_for_function("location.hash === '#main'", timeout=5000)
    assert page.evaluate("document.querySelector(':target').id") == "main"
    # every link can be reached with Tab: none is taken out of the order
    assert page.locator("a[tabindex='-1']").count() == 0


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_text_never_executes(browser: Any, hostile_dir: Path, bypass_csp: bool) -> None:
    """<script>, onerror= and javascript: payloads in text, title, outlet, file
    name, ids and front matter: no dialog, no script, no handler, no js: link.
    With the CSP bypassed, escaping alone must still hold."""
    ctx = browser.new_context(bypass_csp=bypass_csp)
    page = ctx.new_page()
    watch = PageWatch(page)
    try:
        visited = 0
        for path in pages(hostile_dir):
            page.goto(path.as_uri())
            state = page.evaluate(
                """() => ({
                    scripts: document.scripts.length,
                    handlers: Array.from(document.querySelectorAll('*')).filter(
                        e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
                    jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
                    imgs: document.images.length,
                    flag: window.__claimdiff_pwned === true,
                })"""
            )
            assert state == {"scripts": 0, "handlers": 0, "jsLinks": 0, "imgs": 0, "flag": False}, (
                path
            )
            visited += 1
        assert visited >= 12
        # the payload is on screen as text, which is how a reader must see it
        evil = next(p for p in pages(hostile_dir / "articles") if "evil" in p.name)
        page.goto(evil.as_uri())
        assert HOSTILE in page.inner_text("main")
        assert watch.dialogs == [] and watch.page_errors == []
        assert watch.console_errors == []  # not even a CSP report: nothing tried to run
    finally:
        ctx.close()


AXE_PAGES = [
    "index.html",
    "filters/severity-high.html",
    "incidents/inc-tal-al-zahab.html",
    "articles/art-cnn-000.html",
    "articles/art-sana-001.html",
    "sources/sana.html",
    "sources/syrian-military-source.html",
]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_no_serious_or_critical_violations(browser: Any, report_dir: Path, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    script = axe_script()
    found: dict[str, list[tuple[str, str, int]]] = {}
    try:
        for rel in AXE_PAGES:
            page.goto((report_dir / rel).as_uri())
            page.evaluate(script)  # from the installed wheel: no network
            violations = page.evaluate(
                """() => axe.run(document, {resultTypes: ['violations']}).then(
                    r => r.violations.map(v => [v.id, v.impact, v.nodes.length]))"""
            )
            bad = [tuple(v) for v in violations if v[1] in ("serious", "critical")]
            if bad:
                found[rel] = bad
    finally:
        ctx.close()
    assert found == {}
