"""Without JavaScript every page reads completely; with it, no page logs an error."""
from __future__ import annotations

import pytest

from tests.browser.sites import KINDS

VISIBLE_CONTENT = """() => {
  const main = document.querySelector("main");
  const shown = (el) => el.getClientRects().length > 0;
  return {
    title: (main.querySelector("h1") || {}).innerText || "",
    headings: [...main.querySelectorAll("h1, h2, h3, h4")].filter(shown).map((h) => h.innerText.trim()).sort(),
    links: [...new Set([...main.querySelectorAll("a[href]")].filter(shown).map((a) => a.getAttribute("href")))].sort(),
  };
}"""


@pytest.mark.parametrize("kind", KINDS)
def test_without_javascript_every_page_shows_all_its_content(served, page, no_js_page, kind):
    address = served.at(served.pages[kind])
    no_js_page.goto(address)
    without = no_js_page.evaluate(VISIBLE_CONTENT)
    page.goto(address)
    page.wait_for_load_state("load")
    with_js = page.evaluate(VISIBLE_CONTENT)
    assert without["title"].strip(), f"{served.name} {kind}: no visible title without JavaScript"
    assert without["headings"] == with_js["headings"], f"{served.name} {kind}: headings differ without JavaScript"
    assert without["links"] == with_js["links"], f"{served.name} {kind}: links differ without JavaScript"
    if kind in ("cases", "events", "countries", "news", "home"):
        assert without["links"], f"{served.name} {kind}: the list is empty without JavaScript"


def test_without_javascript_search_says_where_to_look(served, no_js_page):
    no_js_page.goto(served.at(served.pages["search"]))
    note = no_js_page.locator("main noscript p")
    assert note.count() == 1 and note.is_visible(), f"{served.name}: the search page says nothing without JavaScript"
    assert len(note.inner_text().split()) >= 5


@pytest.fixture
def errors(page):
    """Every console error and uncaught exception the page logs."""
    logged = []
    page.on("console", lambda message: message.type == "error" and logged.append(
        f"{message.text} ({message.location.get('url')})"))
    page.on("pageerror", lambda error: logged.append(f"uncaught: {error}"))
    return logged


@pytest.mark.parametrize("kind", KINDS)
def test_with_javascript_no_page_logs_an_error(served, page, errors, kind):
    address = served.at(served.pages[kind])
    response = page.goto(address, wait_until="networkidle")
    if kind == "404":
        assert response.status == 404
        # The browser itself reports the 404 status of the page: that is the page's point, not a fault.
        errors[:] = [error for error in errors if f"({address})" not in error]
    assert errors == [], f"{served.name} {kind}: {errors}"


def test_search_finds_a_case_without_logging_an_error(served, page, errors):
    query, expected = {"default": ("journalist", "Shi Tao"), "rtl": ("صحفية", "نور مثال")}[served.name]
    page.goto(served.at(served.pages["search"]))
    page.fill("#search-input", query)
    page.locator(".search-results li a", has_text=expected).first.wait_for()
    assert errors == [], f"{served.name} search: {errors}"
