"""Accessibility in a real browser: axe-core finds no WCAG 2.1 A/AA violation on any page kind,
left to right and right to left; the keyboard reaches everything with a visible focus."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.sites import KINDS

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}
AXE = Axe()


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_wcag_violation(served, page, kind):
    page.goto(served.at(served.pages[kind]), wait_until="load")
    results = AXE.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{served.name} {kind}:\n{results.generate_report()}"


def test_pages_are_in_the_language_and_direction_of_the_site(default_site, rtl_site, page):
    page.goto(default_site.at(""))
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    page.goto(rtl_site.at(""))
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]


def test_every_image_has_a_text_alternative(served, page):
    photos = 0
    for kind in ("home", "cases", "case"):
        page.goto(served.at(served.pages[kind]))
        images = page.locator("img")
        for index in range(images.count()):
            alt = images.nth(index).get_attribute("alt")
            assert alt and alt.strip(), f"{served.name} {kind}: image {index} has no alt text"
            photos += 1
    if served.name == "rtl":
        assert photos >= 3, "the right-to-left campaign's photo should be on home, cases and case"


FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute("href"),
    inNav: !!el.closest("nav.main-nav"), skip: el.classList.contains("skip-link"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    onScreen: (() => { const r = el.getBoundingClientRect();
                       return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth; })(),
  };
}"""


def test_keyboard_reaches_skip_link_and_main_menu_with_visible_focus(served, page):
    page.goto(served.at(""))
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["skip"] and first["onScreen"] and first["outline"], first
    seen = [first]
    for _ in range(15):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
    nav = [stop for stop in seen if stop["inNav"]]
    assert len(nav) >= 5, f"the main menu was not reached by Tab: {seen}"
    hidden = [stop for stop in seen if not (stop["outline"] and stop["onScreen"])]
    assert not hidden, f"focus was not visible on {hidden}"


def test_skip_link_moves_focus_to_the_main_content(served, page):
    page.goto(served.at(""))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), "Tab after the skip link left <main>"
