"""Printing: each letter page, printed by Chromium, is one A4 and one US Letter page holding
the address, the salutation and the letter, with no menus or footer."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

PAPER = ["A4", "Letter"]


def letter_locations(served) -> list[str]:
    return [location for location in served.html_locations() if location.endswith("/letter/")]


def printed(page, paper: str) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=False)))


def words(text: str) -> str:
    """Text with every run of white space as one space: a PDF breaks lines where it likes."""
    return re.sub(r"\s+", " ", text).strip()


def test_both_campaigns_have_letters(default_site, rtl_site):
    assert len(letter_locations(default_site)) >= 5
    assert letter_locations(rtl_site) == ["cases/nour-example/letter/", "en/cases/nour-example/letter/"]


@pytest.mark.parametrize("paper", PAPER)
def test_every_letter_prints_on_exactly_one_page(served, page, paper):
    for location in letter_locations(served):
        page.goto(served.at(location))
        pdf = printed(page, paper)
        assert len(pdf.pages) == 1, f"{served.name} {location} prints on {len(pdf.pages)} {paper} pages"


@pytest.mark.parametrize("paper", PAPER)
def test_printed_letter_has_address_salutation_and_letter_but_no_menus(default_site, page, paper):
    page.goto(default_site.at("cases/shi-tao/letter/"))
    text = words(printed(page, paper).pages[0].extract_text())
    for expected in ("The authorities of China", "check the current case sheet before sending",
                     "Dear Sir or Madam,", "I am writing to you about Shi Tao, a journalist.",
                     "I respectfully urge you to release Shi Tao.", "Yours sincerely,",
                     "Your name", "Signature"):
        assert expected in text, f"{expected!r} is missing from the printed letter: {text}"
    for chrome in ("Skip to content", "Countries", "Search", "Follow the campaign", "Print this page"):
        assert chrome not in text, f"{chrome!r} (site chrome) is printed: {text}"


def test_printed_arabic_letter_keeps_its_words(rtl_site, page):
    """The right-to-left letter prints its own text (checked on the page as print media sees it)."""
    page.goto(rtl_site.at("cases/nour-example/letter/"))
    page.emulate_media(media="print")
    shown = words(page.evaluate("document.body.innerText"))
    for expected in ("النائب العام", "شارع المثال ١", "حضرة النائب العام المحترم،",
                     "الإفراج عن نور مثال فوراً ودون قيد أو شرط؛", "مع فائق الاحترام،"):
        assert expected in shown, f"{expected!r} is missing from the printed Arabic letter"
    assert page.locator("nav, .site-header, .site-footer").evaluate_all(
        "els => els.every(el => !el.offsetParent && el.getClientRects().length === 0)")
    assert page.evaluate("getComputedStyle(document.querySelector('.letter')).direction") == "rtl"
