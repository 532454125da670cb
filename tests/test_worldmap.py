"""The world map on /countries/: every country with a case or an event highlighted and linked."""
from __future__ import annotations

import multiprocessing
import re
import xml.etree.ElementTree as ET

import pycountry
import pytest

from placard.worldmap import cached_shapes, shapes_later, world_map, world_shapes
from tests.helpers import CASE
from tests.test_search import build_and_serve, page  # noqa: F401  (fixtures)

SVG = "{http://www.w3.org/2000/svg}"
FILES = {
    "content/cases/ana.md": CASE,
    "content/cases/sami.md": "---\nname: Sami Example\ncountry: BH\nstatus: detained\nsummary: Held.\n---\n",
    "content/events/lyon.md": "---\ntitle: Lyon write-in\nstart: 2009-12-05T14:00\ncountry: FR\ncity: Lyon\n---\n",
}


def the_map(html: str):
    """The inline <svg> of the countries page, parsed."""
    found = re.search(r"<svg .*?</svg>", html, re.S)
    assert found, "no inline map"
    return ET.fromstring(found.group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def test_the_shapes_cover_the_world_keyed_by_iso_code():
    shapes = world_shapes()
    assert len(shapes.outlines) > 200
    for code in shapes.outlines:
        assert pycountry.countries.get(alpha_2=code.upper()) or code == "xk", code
    for code in ("mx", "qa", "ss", "fj", "ua", "np"):
        assert shapes.outlines[code].startswith("M")


def test_the_shapes_kept_in_the_cache_are_the_shapes_worked_out(tmp_path):
    worked_out = cached_shapes(tmp_path)
    assert list(tmp_path.glob("worldmap-*.json")), "the shapes are kept for the next build"
    assert cached_shapes(tmp_path) == worked_out == world_shapes()


def test_shapes_worked_out_while_the_content_loads_are_the_shapes_worked_out(tmp_path):
    later = shapes_later(tmp_path)
    assert later() == world_shapes()
    assert list(tmp_path.glob("worldmap-*.json")), "the worker kept the shapes for the next build"
    running = set(multiprocessing.active_children())
    kept = shapes_later(tmp_path)
    assert set(multiprocessing.active_children()) <= running, "shapes in the cache need no worker"
    assert kept() == world_shapes()


def test_only_the_given_countries_are_linked():
    model = world_map({"MX": {"href": "/c/mx/", "label": "Mexico"}}, world_shapes())
    linked = [c for c in model["countries"] if c["href"]]
    assert [(c["code"], c["href"], c["label"]) for c in linked] == [("mx", "/c/mx/", "Mexico")]
    assert model["markers"] == []


def test_the_countries_page_draws_the_map_with_links(campaign):
    run = campaign(FILES)
    assert run.code == 0, run.err
    html = run.read("countries/")
    svg = the_map(html)
    title_id = svg.get("aria-labelledby")
    assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}title").text.strip()
    links = {a.get("href"): a for a in svg.iter(f"{SVG}a")}
    assert set(links) == {"/sub/countries/mx/", "/sub/countries/fr/", "/sub/countries/bh/"}
    assert links["/sub/countries/mx/"].findtext(f"{SVG}title") == "Mexico"
    assert links["/sub/countries/mx/"].find(f"{SVG}path").get("class") == "country highlighted"
    assert links["/sub/countries/bh/"].find(f"{SVG}circle") is not None     # too small to see: a dot
    unlinked = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "country"]
    assert len(unlinked) > 200
    assert '<ul class="country-list">' in html and 'href="/sub/countries/mx/">Mexico</a>' in html
    assert len(html.encode()) < 200_000


def test_a_campaign_without_countries_has_no_map(campaign):
    run = campaign({})
    assert run.code == 0, run.err
    assert "<svg" not in run.read("countries/")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server, url = build_and_serve(tmp_path_factory.mktemp("worldmap"), FILES)
    yield url
    server.shutdown()
    server.server_close()


def test_in_a_browser_the_highlighted_country_stands_out_and_leads_to_its_page(page, served):  # noqa: F811
    page.goto(served + "countries/")
    fill = "el => getComputedStyle(el).fill"
    mexico = page.locator('svg a[href="/sub/countries/mx/"] path')
    other = page.locator("svg path.country:not(.highlighted)").first
    assert mexico.evaluate(fill) != other.evaluate(fill)
    assert page.get_by_role("group", name="World map of the countries with cases or events").is_visible()
    mexico.click()
    page.wait_for_url(served + "countries/mx/")
    assert page.outside_requests == []
