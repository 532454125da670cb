"""Search with no server: the Pagefind index of a built site, driven in headless Chromium over HTTP."""
from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import NOW, ROOT, run_placard, write_campaign

HOSTILE = '<img src=x onerror="window.pwned=1">Write-in <b>bold</b>'

CAMPAIGN = """\
title: Search Write-a-thon
base_url: https://example.org/sub/
starts: 2009-12-05
ends: 2009-12-13
timezone: Europe/Paris
languages: [en, fr]
"""

FILES = {
    "content/cases/ana.md": """\
---
name: Ana Quetzalcoatl
country: MX
status: imprisoned
summary: A teacher imprisoned for a peaceful protest.
---
Ana's story in English.
""",
    "content/cases/ana.fr.md": """\
---
summary: Une enseignante emprisonnée pour une manifestation pacifique.
---
L'histoire d'Ana, en français : une enseignante de Oaxaca.
""",
    "content/cases/zaw.md": """\
---
name: Zaw Thiha
country: MM
status: detained
summary: A student leader held without trial.
---
Zaw's story.
""",
    "content/events/hostile.md": f"""\
---
title: '{HOSTILE}'
start: 2009-12-05T14:00
country: FR
city: Lyon
---
A write-in with a Xylophonist.
""",
    "content/news/launch.md": """\
---
title: Marathon launched
date: 2009-11-20
---
The Kilimanjaro marathon of letters begins.
""",
}


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript"}

    def log_message(self, format, *args):
        pass


def build_and_serve(workdir: Path, files: dict):
    """Build a campaign under workdir/root/sub/ and serve root on 127.0.0.1: (server, base URL)."""
    write_campaign(workdir, files)
    site = workdir / "root" / "sub"
    code, _, err = run_placard("build", "--content", str(workdir / "content"), "--out", str(site), "--now", NOW)
    assert code == 0, err
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(workdir / "root")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/sub/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server, url = build_and_serve(tmp_path_factory.mktemp("search"), {"content/campaign.yaml": CAMPAIGN, **FILES})
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    outside = []
    tab.on("request", lambda request: outside.append(request.url)
           if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    tab.outside_requests = outside
    yield tab
    context.close()


def search(page, url: str, query: str):
    page.goto(url)
    page.fill("#search-input", query)
    return page.locator(".search-results li a")


def test_typing_a_case_name_finds_the_case(page, served):
    results = search(page, served + "search/", "Quetzalcoatl")
    results.first.wait_for()
    assert results.first.inner_text() == "Ana Quetzalcoatl"
    page.locator(".search-status").get_by_text("Quetzalcoatl").wait_for()
    results.first.click()
    page.wait_for_url(served + "cases/ana/")
    assert page.locator("h1").inner_text() == "Ana Quetzalcoatl"
    assert page.outside_requests == []


def test_events_and_news_are_searchable(page, served):
    results = search(page, served + "search/", "Kilimanjaro")
    results.first.wait_for()
    assert results.first.get_attribute("href") == "/sub/news/launch/"
    results = search(page, served + "search/", "Xylophonist")
    results.first.wait_for()
    assert results.first.get_attribute("href") == "/sub/events/hostile/"


def test_each_language_searches_its_own_pages(page, served):
    results = search(page, served + "fr/search/", "Oaxaca")
    results.first.wait_for()
    assert [results.nth(i).get_attribute("href") for i in range(results.count())] == ["/sub/fr/cases/ana/"]
    results = search(page, served + "search/", "Oaxaca")
    page.locator(".search-status").get_by_text("Oaxaca").wait_for()
    assert results.count() == 0


def test_a_hostile_title_shows_as_text_and_runs_nothing(page, served):
    results = search(page, served + "search/", "Xylophonist")
    results.first.wait_for()
    assert results.first.inner_text() == '<img src=x onerror="window.pwned=1">Write-in <b>bold</b>'
    assert page.locator(".search-results img, .search-results b").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.locator(".search-results p mark").first.inner_text() == "Xylophonist."


def test_a_query_in_the_address_is_searched_on_arrival(page, served):
    page.goto(served + "search/?q=Thiha")
    page.locator(".search-results li a").first.wait_for()
    assert page.locator(".search-results li a").first.inner_text() == "Zaw Thiha"
    assert page.input_value("#search-input") == "Thiha"


def test_the_indexer_reads_only_the_pages_it_indexes():
    from placard.search import page_glob

    pages = ["cases/ana/index.html", "events/london/index.html", "fr/cases/ana/index.html"]
    # Not the letters (cases/ana/letter/) nor the lists (cases/index.html).
    assert page_glob(pages) == "{cases,events,fr/cases}/*/index.html"
    assert page_glob(["news/update/index.html"]) == "news/*/index.html"
    # A layout that marks the letters too has them read.
    assert page_glob(["cases/ana/index.html", "cases/ana/letter/index.html"]) == "{cases,cases/ana}/*/index.html"
    # A page at the top (the home page, or a marked page of a custom layout) means reading them all.
    assert page_glob(pages + ["index.html"]) == "**/index.html"
    assert page_glob(pages + ["about/index.html"]) == "**/index.html"


def test_a_rebuild_leaves_an_unchanged_search_index_untouched(tmp_path):
    """rsync and object-storage sync then send nothing for it; an indexed page's edit gives a new index."""
    about = "---\ntitle: About us\n---\n{}\n"
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES,
                              "content/pages/about.md": about.format("Who we are.")})
    out = tmp_path / "site"
    command = ("build", "--content", str(tmp_path / "content"), "--out", str(out), "--now", NOW)

    def index():
        return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted((out / "pagefind").rglob("*")) if p.is_file()}
    assert run_placard(*command)[0] == 0
    first = index()
    assert "pagefind/pagefind-entry.json" in first
    (tmp_path / "content/pages/about.md").write_text(about.format("Who we are, and why."), encoding="utf-8")
    assert run_placard(*command)[0] == 0
    assert "and why" in (out / "about/index.html").read_text(encoding="utf-8")
    assert index() == first
    (tmp_path / "content/cases/zaw.md").write_text(FILES["content/cases/zaw.md"] + "Zaw writes from Insein.\n",
                                                     encoding="utf-8")
    assert run_placard(*command)[0] == 0
    assert index() != first


def test_a_theme_that_marks_nothing_for_search_has_every_page_searched(tmp_path):
    """Without data-pagefind-body anywhere, every page is indexed, and a rebuild that changed none
    leaves the index untouched."""
    about = "---\ntitle: About us\n---\n{}\n"
    plain = "{{% extends 'base.html' %}}{{% block content %}}<h1>{{{{ {0}.{1} }}}}</h1>{{{{ {0}.body|safe }}}}" \
            "{{% endblock %}}\n"
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES,
                              "content/pages/about.md": about.format("Who we are."),
                              "layouts/templates/case.html": plain.format("case", "name"),
                              "layouts/templates/event.html": plain.format("event", "title"),
                              "layouts/templates/news_item.html": plain.format("item", "title")})
    out = tmp_path / "site"
    command = ("build", "--content", str(tmp_path / "content"), "--out", str(out), "--now", NOW)

    def index():
        return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted((out / "pagefind").rglob("*")) if p.is_file()}

    def pages_indexed(lang):
        return json.loads((out / "pagefind/pagefind-entry.json").read_text())["languages"][lang]["page_count"]
    assert run_placard(*command)[0] == 0
    assert "data-pagefind-body" not in (out / "cases/ana/index.html").read_text(encoding="utf-8")
    pages = [p for p in out.rglob("index.html") if not p.relative_to(out).as_posix().startswith("fr/")]
    assert pages_indexed("en") == len(pages)         # the lists, the letter and the about page too
    first = index()
    assert run_placard(*command)[0] == 0
    assert index() == first
    (tmp_path / "content/pages/about.md").write_text(about.format("Who we are, and why."), encoding="utf-8")
    assert run_placard(*command)[0] == 0
    assert index() != first


def test_a_theme_that_labels_every_language_alike_has_every_page_searched(tmp_path):
    """Each language is indexed on its own; where a theme labels the pages of two languages with the
    same one, their pages still all reach the index."""
    base = (ROOT / "layouts/templates/base.html").read_text(encoding="utf-8")
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES,
                              "layouts/templates/base.html": base.replace('lang="{{ page.lang }}"', 'lang="en"', 1)})
    out = tmp_path / "site"
    assert run_placard("build", "--content", str(tmp_path / "content"), "--out", str(out), "--now", NOW)[0] == 0
    marked = [p for p in out.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert any(p.relative_to(out).as_posix().startswith("fr/") for p in marked)
    languages = json.loads((out / "pagefind/pagefind-entry.json").read_text())["languages"]
    assert {lang: entry["page_count"] for lang, entry in languages.items()} == {"en": len(marked)}
