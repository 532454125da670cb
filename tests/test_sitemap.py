"""The sitemap: every page, dated from content where it says, with its translations; robots.txt."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.helpers import CAMPAIGN, CASE

S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://example.org/sub/"

FILES = {
    "content/cases/ana.md": CASE,
    "content/cases/bo.md": "---\nname: Bo Freed\ncountry: CN\nstatus: released\nreleased_on: 2009-12-03\n"
                           "summary: A writer, released.\n---\nBo is home.\n",
    "content/events/lyon.md": "---\ntitle: Lyon write-in\nstart: 2009-12-05T14:00\ncountry: FR\ncity: Lyon\n---\n",
    "content/news/launch.md": "---\ntitle: Launch\ndate: 2009-11-20\n---\nText.\n",
    "content/news/update.md": "---\ntitle: Update\ndate: 2009-12-08\n---\nText.\n",
    "content/pages/about.md": "---\ntitle: About\nmenu: 1\n---\nUs.\n",
}


def urlset(run) -> dict:
    """{absolute address: <url> element} of the sitemap."""
    root = ET.fromstring(run.read("sitemap.xml").encode())
    assert root.tag == f"{S}urlset"
    entries = {url.findtext(f"{S}loc"): url for url in root.findall(f"{S}url")}
    assert len(entries) == len(root.findall(f"{S}url"))
    return entries


def built_pages(run) -> set:
    """Every built HTML page but the 404s, as its absolute address."""
    found = set()
    for path in run.site.rglob("index.html"):
        rel = path.relative_to(run.site).as_posix()
        found.add(BASE + rel[: -len("index.html")])
    return found


@pytest.fixture
def bilingual(campaign):
    run = campaign(FILES, campaign_yaml=CAMPAIGN + "languages: [en, fr]\n")
    assert run.code == 0, run.err
    return run


def test_the_sitemap_lists_exactly_the_built_pages(bilingual):
    entries = urlset(bilingual)
    assert set(entries) == built_pages(bilingual)
    for address in (BASE, BASE + "cases/ana/letter/", BASE + "countries/fr/", BASE + "about/",
                    BASE + "fr/events/lyon/", BASE + "search/"):
        assert address in entries
    assert not any(address.endswith("404.html") for address in entries)


def test_lastmod_comes_from_the_content(bilingual):
    lastmod = {address: url.findtext(f"{S}lastmod") for address, url in urlset(bilingual).items()}
    assert lastmod[BASE + "news/launch/"] == "2009-11-20"
    assert lastmod[BASE + "fr/news/update/"] == "2009-12-08"
    assert lastmod[BASE + "news/"] == "2009-12-08"
    assert lastmod[BASE + "cases/bo/"] == "2009-12-03"
    assert lastmod[BASE + "cases/ana/"] is None
    assert lastmod[BASE + "events/lyon/"] is None


def test_every_page_names_its_translations(bilingual):
    entries = urlset(bilingual)
    for address, url in entries.items():
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert set(alternates) == {"en", "fr"}, address
        assert address in alternates.values()
        assert all(href in entries for href in alternates.values())
    ana = entries[BASE + "fr/cases/ana/"]
    assert {link.get("hreflang"): link.get("href") for link in ana.findall(f"{XHTML}link")} == \
        {"en": BASE + "cases/ana/", "fr": BASE + "fr/cases/ana/"}


def test_one_language_needs_no_alternates(campaign):
    run = campaign(FILES)
    assert run.code == 0, run.err
    assert "xhtml" not in run.read("sitemap.xml")
    assert set(urlset(run)) == built_pages(run)


def test_robots_txt_points_to_the_sitemap(bilingual):
    assert bilingual.read("robots.txt").splitlines() == \
        ["User-agent: *", "Allow: /", "", f"Sitemap: {BASE}sitemap.xml"]
