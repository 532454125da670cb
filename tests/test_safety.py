"""Hostile input: a campaign stuffed with markup and tricks builds into a site where none of it is live."""
from __future__ import annotations

import json
import re
import shutil
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from tests.helpers import CAMPAIGN, SITES, build, write_campaign

BASE_PATH = "/hostile/"
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href", "background",
                  "cite", "ping", "codebase"}
# Attributes whose URL the browser fetches by itself when the page loads.
FETCHED = {"src", "srcset", "poster", "data", "background", "codebase"}
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math",
             "video", "audio", "marquee", "hijos", "friends", "test"}
HOST_EMAILS = ("ana.host@example.net", "bea.host@example.net", "host.person@example.net",
               "other.person@example.net", "third.person@example.net", "volunteer.one@example.net")


class Page(HTMLParser):
    """Everything on a page that could run, load or leak, as the browser would parse it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.comments, self.scripts, self.noscript = [], [], [], []
        self.text, self._in = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("script", "noscript", "title"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        if self._in and self._in[-1] == "noscript":
            self.noscript.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(SITES / "hostile" / "content", root / "content")
    run = build(root)
    assert run.code == 0, run.err
    return run


def html_pages(run):
    pages = sorted(run.site.rglob("*.html"))
    assert len(pages) > 15
    return pages


def test_no_script_from_content_reaches_any_page(hostile):
    for path in html_pages(hostile):
        page = parse(path)
        for tag, attrs in page.tags:
            if tag == "script":
                src = dict(attrs).get("src") or ""
                assert src.startswith(BASE_PATH) and not src.startswith("//"), (path, attrs)
        assert not [s for s in page.scripts if s.strip()], path


def test_no_event_handler_attribute_anywhere(hostile):
    for path in html_pages(hostile):
        for tag, attrs in parse(path).tags:
            handlers = [name for name, _value in attrs if name.startswith("on")]
            assert not handlers, (path, tag, attrs)


def test_no_script_or_data_url(hostile):
    for path in html_pages(hostile):
        for tag, attrs in parse(path).tags:
            for name, value in attrs:
                if name in URL_ATTRIBUTES and value:
                    squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                    assert not squeezed.startswith(SCRIPT_SCHEMES), (path, tag, name, value)


def test_no_embedding_or_page_hijacking_element_and_no_inline_style(hostile):
    for path in html_pages(hostile):
        for tag, attrs in parse(path).tags:
            assert tag not in EMBEDDING, (path, tag, attrs)
            assert "style" not in dict(attrs), (path, tag, attrs)
            if tag == "meta":
                assert dict(attrs).get("http-equiv") in (None, "Content-Security-Policy"), (path, attrs)
            if tag == "form":
                assert (dict(attrs).get("action") or BASE_PATH).startswith(BASE_PATH), (path, attrs)
            if tag == "link":
                assert "import" not in (dict(attrs).get("rel") or ""), (path, attrs)


def test_no_comment_or_noscript_break_out_from_content(hostile):
    for path in html_pages(hostile):
        raw = path.read_text("utf-8")
        assert "<!-- PRIVATE-NOTE" not in raw, path
        page = parse(path)
        assert not [c for c in page.comments if "prompt" in c or "PRIVATE" in c], path
        assert not [n for n in page.noscript if "onerror" in n or "<img" in n], path


def test_every_page_restricts_itself_to_its_own_site(hostile):
    for path in html_pages(hostile):
        page = parse(path)
        policies = [dict(a).get("content", "") for t, a in page.tags
                    if t == "meta" and dict(a).get("http-equiv") == "Content-Security-Policy"]
        assert len(policies) == 1, path
        assert "default-src 'self'" in policies[0] and "img-src 'self'" in policies[0], path
        for tag, attrs in page.tags:
            attributes = dict(attrs)
            fetched = [v for n, v in attrs if n in FETCHED and v]
            if tag == "link" and set((attributes.get("rel") or "").split()) & {"stylesheet", "icon", "preload",
                                                                              "modulepreload", "manifest"}:
                fetched.append(attributes["href"])
            for value in fetched:
                for url in re.split(r",\s*", value):
                    assert url.startswith(BASE_PATH) or not re.match(r"(?i)([a-z][a-z0-9+.-]*:|//)", url), \
                        (path, tag, value)


def test_the_theme_loads_nothing_from_elsewhere(hostile):
    for path in (hostile.site / "assets").rglob("*"):
        if path.suffix in (".css", ".js"):
            text = path.read_text("utf-8")
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
            assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), path


def test_plain_text_fields_are_escaped_and_intact(hostile):
    case = parse(hostile.site / "cases/cooperativa/index.html")
    assert "Cooperativa Núñez & <Hijos>" in "".join(case.text)
    api = json.loads((hostile.site / "api/cases.json").read_text("utf-8"))
    assert api["items"][0]["name"] == "Cooperativa Núñez & <Hijos>"
    page = parse(hostile.site / "volunteers/index.html")
    assert "Volunteers & <friends>" in "".join(page.text)
    title = parse(hostile.site / "events/script-vectors/index.html")
    assert "Write-in </title><script>prompt('title')</script>" in "".join(title.text)
    formula = parse(hostile.site / "events/hyperlink-https-attacker-example-click-bordeaux-2009-12-09/index.html")
    assert '=HYPERLINK("https://attacker.example","Click")' in "".join(formula.text)


def test_hosts_addresses_are_never_published_as_text_or_mailto(hostile):
    for path in hostile.site.rglob("*"):
        if path.suffix in (".html", ".json", ".ics", ".xml", ".txt"):
            text = path.read_text("utf-8")
            for address in HOST_EMAILS:
                assert address not in text, (path, address)
    for path in (hostile.site / "events").rglob("*.html"):
        for tag, attrs in parse(path).tags:
            assert not re.match(r"(?i)mailto:[^?]*@", dict(attrs).get("href") or ""), path
    assert "ana.host (at) example.net" in (hostile.site / "events/script-vectors/index.html").read_text("utf-8")


def test_feeds_calendars_and_api_stay_well_formed(hostile):
    for name in ("feed.xml", "sitemap.xml"):
        ET.parse(hostile.site / name)
    items = json.loads((hostile.site / "api/events.json").read_text("utf-8"))["items"]
    assert len(items) == 8
    data = (hostile.site / "events.ics").read_bytes()
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 8
    assert not [line for line in data.split(b"\r\n") if line.startswith(b"SUMMARY:Smuggled")]
    assert data.split(b"\r\n").count(b"BEGIN:VEVENT") == 8


def test_a_cell_above_128_kb_and_a_huge_row_still_build(hostile):
    text = (hostile.site / "events/huge-cell-rennes-2009-12-10/index.html").read_text("utf-8")
    assert text.count("Long minutes.") == 12000


# ------------------------------------------------------------------ URLs, slugs and links

EVENT = """\
---
title: Write-in
start: 2009-12-05T14:00
country: FR
city: Paris
{extra}
---
"""


@pytest.mark.parametrize("extra, words", [
    ('rsvp: "java\\tscript:prompt(document.domain)"', "rsvp:"),
    ("rsvp: javascript:prompt(1)", "rsvp: 'javascript:prompt(1)' is not an http(s) URL"),
    ("rsvp: JaVaScRiPt:prompt(1)", "is not an http(s) URL"),
    ("rsvp: ' javascript:prompt(1)'", "is not an http(s) URL"),
    ('rsvp: "https://example.org/\\x00x"', "rsvp:"),
    ("rsvp: https://exa mple.org/", "rsvp:"),
    ("rsvp: //example.org/sign-up", "is not an http(s) URL"),
    ("rsvp: ftp://example.org/", "is not an http(s) URL"),
    ("rsvp: https:///no-host", "is not an http(s) URL"),
    ("online: true\nurl: data:text/html;base64,PHNjcmlwdD4=", "url: 'data:text/html"),
    ("online: true\nurl: vbscript:msgbox(1)", "url:"),
])
def test_rsvp_and_url_must_be_http(campaign, extra, words):
    run = campaign({"content/events/write-in.md": EVENT.format(extra=extra)})
    assert run.code == 1, run.out
    assert "write-in.md:" in run.err and words in run.err, run.err


def test_a_csv_link_must_be_http_too(campaign):
    run = campaign({"content/events/rows.csv": "title,start,country,city,rsvp\n"
                                               "A,2009-12-05T10:00,FR,Paris,javascript:prompt(1)\n"})
    assert run.code == 1
    assert "rows.csv:2: rsvp: 'javascript:prompt(1)' is not an http(s) URL" in run.err


@pytest.mark.parametrize("slug", ["../../evil", "/etc/passwd", "a/b", "..", "UPPER", "a b", "é"])
def test_a_slug_cannot_leave_its_folder(campaign, slug):
    run = campaign({"content/events/write-in.md": EVENT.format(extra=f'slug: "{slug}"')})
    assert run.code == 1
    assert "write-in.md:6: slug:" in run.err and "is not a valid slug" in run.err
    assert not run.site.exists()


def test_a_file_name_that_makes_no_slug_is_refused(campaign):
    run = campaign({"content/events/Write In!.md": EVENT.format(extra="")})
    assert run.code == 1
    assert "does not make a valid slug" in run.err and "write-in.md" in run.err


@pytest.mark.parametrize("link, target, is_dir", [
    ("content/events/leak.md", "outside/leak.md", False),
    ("content/events/folder", "outside", True),
    ("content/media/photos", "outside", True),
    ("content/media/secret.txt", "outside/secret.txt", False),
    ("content/pages", "outside", True),
])
def test_links_out_of_the_content_folder_are_refused(tmp_path, link, target, is_dir):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text(EVENT.format(extra=""))
    (outside / "secret.txt").write_text("the shelter's address")
    write_campaign(tmp_path, {})
    (tmp_path / link).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / link).symlink_to(tmp_path / target, target_is_directory=is_dir)
    run = build(tmp_path)
    assert run.code == 1
    assert f"{link.split('/', 1)[1]}:1: this symbolic link points outside the content folder" in run.err
    assert "copy the file or folder into the campaign" in run.err


def test_a_link_within_the_content_folder_is_followed(tmp_path):
    write_campaign(tmp_path, {"content/media/docs/guide.txt": "How to write a letter."})
    (tmp_path / "content/media/guide.txt").symlink_to(tmp_path / "content/media/docs/guide.txt")
    run = build(tmp_path)
    assert run.code == 0, run.err
    assert run.read("media/guide.txt") == "How to write a letter."


def test_a_link_loop_is_refused(tmp_path):
    write_campaign(tmp_path, {})
    (tmp_path / "content/media").mkdir()
    (tmp_path / "content/media/loop-a").symlink_to(tmp_path / "content/media/loop-b")
    (tmp_path / "content/media/loop-b").symlink_to(tmp_path / "content/media/loop-a")
    run = build(tmp_path)
    assert run.code == 1 and "media/loop-a:1: this symbolic link points outside" in run.err


# ------------------------------------------------------------------ editors' HTML

EDITOR_CASE = """\
---
name: Ana Example
country: MX
status: imprisoned
summary: A teacher.
---
<aside class="timeline" style="color: red">Arrested in 2006.</aside>
<script>prompt('editor')</script>
"""
VOLUNTEER_EVENT = EVENT.format(extra="") + "<aside class=\"x\">Tea</aside><script>prompt('volunteer')</script>\n"


def test_editors_html_is_sanitised_by_default(campaign):
    run = campaign({"content/cases/ana.md": EDITOR_CASE, "content/events/write-in.md": VOLUNTEER_EVENT})
    assert run.code == 0, run.err
    page = run.read("cases/ana/")
    assert "Arrested in 2006." in page and "<aside" not in page and "prompt('editor')" not in page


def test_raw_html_lets_editors_files_through_but_never_events(campaign):
    run = campaign({"content/cases/ana.md": EDITOR_CASE, "content/events/write-in.md": VOLUNTEER_EVENT},
                   campaign_yaml=CAMPAIGN + "raw_html: true\n")
    assert run.code == 0, run.err
    assert '<aside class="timeline" style="color: red">' in run.read("cases/ana/")
    event = run.read("events/write-in/")
    assert "Tea" in event and "<aside" not in event and "prompt('volunteer')" not in event


# ------------------------------------------------------------------ bounded work

def timed_build(root):
    started = time.perf_counter()
    run = build(root)
    return run, time.perf_counter() - started


def test_a_two_megabyte_description_builds(tmp_path, capsys):
    body = "".join(f"Paragraph {i} with a [link](https://example.org/{i}) and *emphasis*.\n\n"
                   for i in range(30_000))
    assert len(body) > 2_000_000
    write_campaign(tmp_path, {"content/events/minutes.md": EVENT.format(extra="") + body})
    run, seconds = timed_build(tmp_path)
    assert run.code == 0, run.err
    assert "Paragraph 29999" in run.read("events/minutes/")
    with capsys.disabled():
        print(f"\n  2 MB description: {seconds:.1f} s")


def test_deeply_nested_lists_and_quotes_build(tmp_path, capsys):
    nested = "".join("    " * depth + f"- level {depth}\n" for depth in range(1000))
    quotes = ">" * 5000 + " deep quote\n"
    write_campaign(tmp_path, {"content/events/nested.md": EVENT.format(extra="") + nested + "\n" + quotes})
    run, seconds = timed_build(tmp_path)
    assert run.code == 0, run.err
    page = run.read("events/nested/")
    assert "level 999" in page and "deep quote" in page
    with capsys.disabled():
        print(f"\n  1,000-deep list and 5,000-deep quote: {seconds:.1f} s")


def test_a_file_above_the_size_limit_is_refused(campaign):
    run = campaign({"content/events/huge.md": EVENT.format(extra="") + "x" * (9 * 1024 * 1024)})
    assert run.code == 1
    assert "huge.md:1: the file is 9 MB; the limit is 8 MB" in run.err
