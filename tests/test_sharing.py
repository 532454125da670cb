"""What a shared link shows and what a page loads: titles, descriptions, canonical and social tags,
share links without third-party scripts, content-hashed assets, and no request to another host."""
from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tests.helpers import CAMPAIGN, CASE, ROOT, build, write_campaign

BASE = "https://example.org/sub/"
HOST_FILES = {
    "content/cases/ana.md": CASE.replace("appeal:", "photo: ana.png\nphoto_alt: Ana at her desk\nappeal:"),
    "content/cases/ana.fr.md": "---\nsummary: Une enseignante emprisonnée.\n---\nL'histoire d'Ana.\n",
    "content/events/lyon.md": "---\ntitle: Lyon write-in\nstart: 2009-12-05T14:00\ncountry: FR\ncity: Lyon\n"
                              "rsvp: https://forms.example.net/lyon\n---\nSee [the map](https://maps.example.com/).\n",
    "content/news/launch.md": "---\ntitle: Launch & more\ndate: 2009-11-20\ncases: [ana]\n---\nWe start.\n",
    "content/pages/about.md": "---\ntitle: About\nmenu: 1\n---\nWho we are. ![Our logo](/media/ana.png)\n",
}
ORGANISATION = "organisation:\n  name: Letters United\n  url: https://letters.example.com/\n"
# Elements and attributes that make a browser fetch something (an <a> only goes where it is clicked).
FETCHING = {("img", "src"), ("img", "srcset"), ("source", "srcset"), ("source", "src"), ("script", "src"),
            ("link", "href"), ("iframe", "src"), ("form", "action"), ("object", "data"), ("embed", "src"),
            ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src")}


class Page(HTMLParser):
    """The parts of a page this file checks."""

    def __init__(self, html: str):
        super().__init__()
        self.title, self._in_title = "", False
        self.meta, self.links, self.fetches, self.anchors = {}, [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title" and not self.title:
            self._in_title = True
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content", "")
        if tag == "link":
            self.links.append(attrs)
        if tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])
        for name, value in attrs.items():
            if (tag, name) in FETCHING and value:
                urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
                self.fetches += [(tag, url) for url in urls]

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False


def html_pages(site):
    """{location: Page} of every built HTML page ('cases/x/' or '404.html')."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = Page(path.read_text("utf-8"))
    return pages


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from PIL import Image
    root = tmp_path_factory.mktemp("sharing")
    (root / "content" / "media").mkdir(parents=True)
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(root / "content" / "media" / "ana.png")
    write_campaign(root, {"content/campaign.yaml": CAMPAIGN + "languages: [en, fr]\n" + ORGANISATION,
                          **HOST_FILES})
    run = build(root)
    assert run.code == 0, run.err
    return run


def test_every_page_has_a_title_description_and_social_tags(built):
    for location, page in html_pages(built.site).items():
        assert page.title.strip(), location
        for key in ("description", "og:title", "og:description", "og:type", "og:site_name",
                    "twitter:card", "twitter:title", "twitter:description"):
            assert page.meta.get(key, "").strip(), (location, key)
        assert page.meta["og:locale"] == ("fr_FR" if location.startswith("fr/") else "en_US"), location


def test_canonical_and_og_url_are_the_pages_own_absolute_address(built):
    for location, page in html_pages(built.site).items():
        canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
        assert len(canonical) == 1, location
        assert canonical[0].startswith(BASE) and page.meta["og:url"] == canonical[0], location
        if not location.endswith("404.html"):
            assert canonical[0] == BASE + location


def test_a_case_page_previews_with_the_case_photo(built):
    page = Page(built.read("cases/ana/"))
    assert page.meta["og:image"] == BASE + "media/ana.png"
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["twitter:image"] == page.meta["og:image"]
    assert page.meta["og:type"] == "article"
    assert page.meta["og:title"] == "Ana Example"
    assert page.meta["description"] == "A teacher imprisoned for a peaceful protest."
    assert built.exists("media/ana.png")
    assert Page(built.read("fr/cases/ana/")).meta["og:description"] == "Une enseignante emprisonnée."


@pytest.mark.parametrize("location, title", [("cases/ana/", "Ana Example"), ("events/lyon/", "Lyon write-in"),
                                             ("news/launch/", "Launch & more"),
                                             ("fr/cases/ana/", "Ana Example")])
def test_case_event_and_news_pages_offer_plain_share_links(built, location, title):
    page = Page(built.read(location))
    address = BASE + location
    shares = [href for href in page.anchors if address in href or address in str(parse_qs(urlsplit(href).query))]
    email = [href for href in shares if href.startswith("mailto:")]
    assert len(email) == 1
    fields = parse_qs(urlsplit(email[0]).query)
    assert fields["subject"] == [title] and address in fields["body"][0]
    assert "+" not in email[0]
    hosts = {urlsplit(href).hostname for href in shares if href.startswith("https://")}
    assert {"www.facebook.com", "x.com", "www.linkedin.com", "bsky.app", "wa.me"} <= hosts
    assert all(src.startswith("/sub/") for tag, src in page.fetches if tag == "script")


def test_other_pages_have_no_share_links(built):
    assert "mailto:?" not in built.read("") and "mailto:?" not in built.read("cases/")


def test_no_page_loads_anything_from_another_host(built):
    """Outbound <a> links (content, share links, the organisation) are fine; fetches are not."""
    own = urlsplit(BASE).hostname
    for location, page in html_pages(built.site).items():
        for tag, url in page.fetches:
            absolute = urljoin(BASE + location, url)
            assert urlsplit(absolute).hostname == own, (location, tag, url)
            assert absolute.startswith(BASE), (location, tag, url)
    about = html_pages(built.site)["about/"]
    assert "https://letters.example.com/" in about.anchors


def test_the_default_campaign_loads_nothing_from_another_host(tmp_path):
    import shutil
    shutil.copytree(ROOT / "content", tmp_path / "content")
    run = build(tmp_path, "--base-url", "https://example.org/writeathon/")
    assert run.code == 0, run.err
    for location, page in html_pages(run.site).items():
        for tag, url in page.fetches:
            assert urljoin("https://example.org/writeathon/" + location, url).startswith(
                "https://example.org/writeathon/"), (location, tag, url)


def test_css_and_javascript_have_content_hashed_names(built):
    page = Page(built.read(""))
    sheets = [link["href"] for link in page.links if link.get("rel") == "stylesheet"]
    scripts = [url for tag, url in page.fetches if tag == "script"]
    assert len(sheets) == 2 and len(scripts) == 1
    for url in sheets + scripts:
        assert url.startswith("/sub/assets/")
        name = url.rsplit("/", 1)[1]
        stem, digest, suffix = name.rsplit(".", 2)
        data = (built.site / url[len("/sub/"):]).read_bytes()
        assert digest == hashlib.sha256(data).hexdigest()[:10], url
        assert (stem, suffix) in {("style", "css"), ("print", "css"), ("site", "js")}
    assert sorted(p.name for p in (built.site / "assets").iterdir()) == \
        sorted(url.rsplit("/", 1)[1] for url in sheets + scripts)


def test_photo_variants_have_hashed_names_and_the_editors_file_keeps_its_path(built):
    page = Page(built.read("cases/ana/"))
    variants = [url for tag, url in page.fetches if tag in ("img", "source") and url != "/sub/media/ana.png"]
    assert variants
    for url in variants:
        data = (built.site / url[len("/sub/"):]).read_bytes()
        assert url.split(".")[-2] == hashlib.sha256(data).hexdigest()[:10], url
    assert ("img", "/sub/media/ana.png") in page.fetches
    assert ("img", "/sub/media/ana.png") in Page(built.read("about/")).fetches
