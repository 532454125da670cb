"""Phones: on a 360 x 640 screen no page scrolls sideways, every control is a 44 px target,
and text is readable without zooming.

The target rule (WCAG 2.5.5's own exceptions): every visible link, button, input, select and
summary measures at least 44 CSS px in its smaller dimension, except a link inside a sentence,
that is a link whose paragraph, list item or cell holds text of its own besides the link
(a link in running prose, a country name after a status badge), and a shape on the world map
whose address a full-size link on the same page also offers (the country list under the map). Text rule: every visible
element that holds text directly is set at 16 px or more."""
from __future__ import annotations

import pytest

from tests.browser.sites import KINDS

SMALL_TARGETS = """() => {
  const blocks = "p, li, dd, dt, td, th, figcaption, blockquote";
  const own = (el) => el.textContent.replace(/\\s+/g, " ").trim();
  const inSentence = (el) => {
    if (el.tagName !== "A") return false;
    const block = el.parentElement.closest(blocks);
    return !!block && own(block) !== own(el);
  };
  const listed = new Set([...document.querySelectorAll("a[href]")].filter((a) => !a.closest("svg"))
    .map((a) => a.getAttribute("href")));
  const onMapAndListed = (el) => !!el.closest("svg") && listed.has(el.getAttribute("href"));
  const visible = (el) => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
  return [...document.querySelectorAll("a[href], button, input, select, textarea, summary")]
    .filter((el) => visible(el) && !inSentence(el) && !onMapAndListed(el))
    .map((el) => { const r = el.getBoundingClientRect();
      return { what: el.outerHTML.slice(0, 120), size: Math.round(Math.min(r.width, r.height) * 10) / 10 }; })
    .filter((target) => target.size < 44);
}"""

SMALL_TEXT = """() => [...document.querySelectorAll("body *")]
  .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .filter((el) => el.getClientRects().length && !el.closest(".visually-hidden"))
  .map((el) => ({ what: el.outerHTML.slice(0, 100), px: parseFloat(getComputedStyle(el).fontSize) }))
  .filter((text) => text.px < 16)"""


def test_no_page_scrolls_sideways(served, phone):
    width_of_screen = phone.viewport_size["width"]
    assert width_of_screen == 360
    wide = {}
    for location in served.html_locations():
        phone.goto(served.at(location))
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > width_of_screen:
            wide[location] = width
    assert not wide, f"{served.name}: pages wider than {width_of_screen} px: {wide}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_control_is_a_44px_target(served, phone, kind):
    phone.goto(served.at(served.pages[kind]))
    small = phone.evaluate(SMALL_TARGETS)
    assert not small, f"{served.name} {kind}: targets under 44 px: {small}"


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_at_least_16px(served, phone, kind):
    phone.goto(served.at(served.pages[kind]))
    small = phone.evaluate(SMALL_TEXT)
    assert not small, f"{served.name} {kind}: text under 16 px: {small}"
