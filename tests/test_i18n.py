"""A campaign in English, Spanish, French and Arabic: translated pages, fallbacks, formatting,
direction, and links between languages that all lead somewhere."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import CAMPAIGN, SITES, Run, build

BASE = "https://example.org/rights/"
LANGUAGES = ("en", "es", "fr", "ar")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Run:
    """The multilingual fixture campaign, built once for the module."""
    root = tmp_path_factory.mktemp("multilingual")
    shutil.copytree(SITES / "multilingual", root, dirs_exist_ok=True)
    run = build(root)
    assert run.code == 0, run.err
    return run


class Page(HTMLParser):
    """The parts of a built page these tests read."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root: dict = {}
        self.alternates: dict = {}
        self.switcher: dict = {}
        self.feed_href = ""
        self.elements: list = []          # (tag, attrs) of every start tag
        self._in_languages = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "html":
            self.root = attrs
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "link" and attrs.get("type") == "application/atom+xml":
            self.feed_href = attrs["href"]
        elif tag == "nav" and "languages" in attrs.get("class", ""):
            self._in_languages = True
        elif tag == "a" and self._in_languages:
            self.switcher[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_languages = False

    def first(self, tag: str, css_class: str) -> dict:
        return next(attrs for t, attrs in self.elements if t == tag and css_class in attrs.get("class", "").split())


def page(run: Run, location: str) -> Page:
    return Page(run.read(location))


def html_locations(run: Run) -> list[str]:
    found = []
    for path in sorted(run.site.rglob("*.html")):
        rel = path.relative_to(run.site).as_posix()
        if rel.startswith("media/"):
            continue
        found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return found


def resolves(run: Run, url: str) -> bool:
    """Whether a link of the site (absolute or root-relative) leads to a built file."""
    path = urlsplit(url).path
    assert path.startswith("/rights/"), url
    return run.exists(path[len("/rights/"):])


# ------------------------------------------------------------------ translated text and fallbacks

def test_a_translated_case_speaks_its_language_in_its_tree(site):
    assert "Mujeres de Atenco" in site.read("es/cases/women-of-atenco/")
    assert "Femmes d’Atenco" in site.read("fr/cases/women-of-atenco/")
    assert "نساء أتينكو" in site.read("ar/cases/women-of-atenco/")
    assert "Women of Atenco" in site.read("cases/women-of-atenco/")
    spanish = site.read("es/cases/women-of-atenco/")
    assert "En mayo de 2006, 45 mujeres fueron detenidas" in spanish
    assert "Le pido que las mujeres de Atenco reciban justicia." in spanish
    assert "Esta página aún no está traducida" not in spanish


def test_keys_a_translation_leaves_out_come_from_the_original(site):
    spanish = site.read("es/cases/women-of-atenco/")
    assert "A la espera de justicia" in spanish                  # status: from the original, named in Spanish
    assert "1 Example Street" in spanish                          # the appeal address
    assert "Envía tu carta antes del 31 de enero de 2010." in spanish   # the deadline, in a Spanish sentence
    assert "Ciudad de México" in site.read("es/events/write-in-mexico-city/")


def test_an_untranslated_item_keeps_its_text_with_a_note_and_its_own_language(site):
    for lang, note in (("es", "Esta página aún no está traducida; se muestra en su idioma original."),
                       ("fr", "Cette page n’est pas encore traduite\u202f; elle s’affiche dans sa langue d’origine."),
                       ("ar", "لم تُترجم هذه الصفحة بعد؛ وهي معروضة بلغتها الأصلية.")):
        html = site.read(f"{lang}/cases/mansour-ossanlu/")
        assert note in html
        assert "Mansour Ossanlu leads the union" in html
        parsed = Page(html)
        assert parsed.root["lang"] == lang
        article = parsed.first("article", "case")
        assert (article["lang"], article["dir"]) == ("en", "ltr")
    assert "not translated yet" not in site.read("cases/mansour-ossanlu/")


def test_untranslated_items_in_lists_carry_their_language(site):
    spanish = site.read("es/cases/")
    assert re.search(r'<a href="/rights/es/cases/mansour-ossanlu/" lang="en" dir="auto">', spanish)
    assert re.search(r'<a href="/rights/es/cases/women-of-atenco/" lang="es" dir="auto">Mujeres de Atenco</a>',
                     spanish)


def test_interface_strings_and_status_names_are_translated(site):
    checks = {
        "es": ["Casos", "Eventos", "Países", "Noticias", "Buscar", "En prisión", "En libertad"],
        "fr": ["Cas", "Événements", "Pays", "Actualités", "Rechercher", "En prison", "En liberté"],
        "ar": ["القضايا", "الفعاليات", "البلدان", "الأخبار", "بحث", "في السجن", "تم الإفراج"],
    }
    for lang, words in checks.items():
        html = site.read(f"{lang}/cases/")
        for word in words:
            assert f">{word}<" in html, (lang, word)
    assert "Añadir al calendario" in site.read("es/events/write-in-mexico-city/")
    assert "أضف إلى التقويم" in site.read("ar/events/write-in-mexico-city/")


def test_arabic_counts_use_the_right_plural_form(site):
    html = site.read("ar/countries/")
    # Mexico: one case, two events; the United Kingdom: no case, one event; Iran: one case, no event.
    assert "قضية واحدة، فعاليتان" in html or "قضية واحدة, فعاليتان" in html
    assert "لا قضايا" in html and "لا فعاليات" in html
    assert "2 events" in site.read("countries/") and "1 case" in site.read("countries/")


# ------------------------------------------------------------------ formatting

def test_dates_and_times_are_written_the_way_each_language_writes_them(site):
    expected = {
        "": ("December 10, 2009", "Saturday, December 5, 2009", r"4:00\sPM–6:00\sPM"),
        "es/": ("10 de diciembre de 2009", "sábado, 5 de diciembre de 2009", "16:00–18:00"),
        "fr/": ("10 décembre 2009", "samedi 5 décembre 2009", "16:00–18:00"),
        "ar/": ("10 ديسمبر 2009", "السبت، 5 ديسمبر 2009", r"4:00\sم–6:00\sم"),
    }
    for prefix, (day, weekday, start) in expected.items():
        assert day in site.read(f"{prefix}news/campaign-opens/"), prefix
        event = site.read(f"{prefix}events/write-in-mexico-city/")
        assert weekday in event, prefix
        assert re.search(start, event), prefix
    assert "السبت، 5 ديسمبر 2009، 4:00" in site.read("ar/events/write-in-mexico-city/")


def test_country_names_and_figures_are_in_each_language(site):
    names = {"": ("Mexico", "Iran", "Belarus"), "es/": ("México", "Irán", "Bielorrusia"),
             "fr/": ("Mexique", "Iran", "Biélorussie"), "ar/": ("المكسيك", "إيران", "بيلاروس")}
    for prefix, countries in names.items():
        html = site.read(f"{prefix}countries/")
        for name in countries:
            assert f">{name}</a>" in html, (prefix, name)
    figures = {"": "295,000", "es/": "295.000", "fr/": "295\u202f000", "ar/": "295,000"}
    for prefix, figure in figures.items():
        assert f'<strong class="stat-value">{figure}</strong>' in site.read(prefix), prefix


# ------------------------------------------------------------------ direction and language

def test_every_page_carries_its_language_and_direction(site):
    for location in html_locations(site):
        lang = next((l for l in LANGUAGES[1:] if location.startswith(f"{l}/")), "en")
        root = page(site, location).root
        assert root["lang"] == lang, location
        assert root["dir"] == ("rtl" if lang == "ar" else "ltr"), location


@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"),
                                             ("en", "ltr"), ("es", "ltr"), ("fr", "ltr")])
def test_right_to_left_languages_get_a_right_to_left_page(campaign, lang, direction):
    run = campaign({"content/pages/about.md": "---\ntitle: About\n---\nHello.\n"},
                   campaign_yaml=CAMPAIGN.replace("timezone:", f"languages: [{lang}]\ntimezone:"))
    assert run.code == 0, run.err
    assert f'<html lang="{lang}" dir="{direction}">' in run.read("about/")


def test_names_in_another_script_keep_their_own_direction(site):
    html = site.read("ar/cases/")
    assert re.search(r'<a href="/rights/ar/cases/mansour-ossanlu/" lang="en" dir="auto">'
                     r'Mansour Ossanlu \(منصور اسانلو\)</a>', html)
    event = site.read("ar/events/write-in-mexico-city/")
    assert "<bdi>Grupo 1 (Ciudad de México)</bdi>" in event
    assert "<bdi>Mexico City</bdi>" in event


# ------------------------------------------------------------------ links between languages

def test_the_switcher_lands_on_the_same_page_in_each_language(site):
    switcher = page(site, "fr/cases/women-of-atenco/letter/").switcher
    assert switcher == {"en": "/rights/cases/women-of-atenco/letter/",
                        "es": "/rights/es/cases/women-of-atenco/letter/",
                        "fr": "/rights/fr/cases/women-of-atenco/letter/",
                        "ar": "/rights/ar/cases/women-of-atenco/letter/"}
    assert page(site, "ar/404.html").switcher["es"] == "/rights/es/404.html"


def test_every_alternate_and_switcher_link_resolves(site):
    checked = 0
    for location in html_locations(site):
        parsed = page(site, location)
        assert set(parsed.switcher) == set(LANGUAGES), location
        if location.endswith("404.html"):
            continue
        assert set(parsed.alternates) == {*LANGUAGES, "x-default"}, location
        for url in [*parsed.alternates.values(), *parsed.switcher.values()]:
            assert resolves(site, url), (location, url)
            checked += 1
    assert checked > 300


def test_the_sitemap_lists_every_translation_with_alternates_that_resolve(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((site.site / "sitemap.xml").read_bytes())
    entries = root.findall("s:url", ns)
    locs = {entry.find("s:loc", ns).text for entry in entries}
    assert f"{BASE}ar/cases/mansour-ossanlu/" in locs and f"{BASE}es/about/" in locs
    for entry in entries:
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        assert set(alternates) == set(LANGUAGES)
        assert entry.find("s:loc", ns).text in alternates.values()
        assert all(resolves(site, url) for url in alternates.values())


def test_each_language_has_its_feed_and_its_pages_point_to_it(site):
    for lang in LANGUAGES[1:]:
        assert page(site, f"{lang}/news/").feed_href == f"/rights/{lang}/feed.xml"
        feed = ET.fromstring((site.site / lang / "feed.xml").read_bytes())
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert page(site, "news/").feed_href == "/rights/feed.xml"
    assert "انطلاق الحملة" in (site.site / "ar" / "feed.xml").read_text("utf-8")
    assert "أُفرج عن Zmitser Dashkevich" in (site.site / "ar" / "feed.xml").read_text("utf-8")


def test_search_is_indexed_per_language(site):
    bundle = site.site / "pagefind"
    languages = {path.name.split(".")[1].split("_")[0] for path in bundle.glob("pagefind.*.pf_meta")}
    assert set(LANGUAGES) <= languages


def test_the_menu_links_stay_in_the_language(site):
    html = site.read("es/")
    assert '<a href="/rights/es/about/" dir="auto">Quiénes somos</a>' in html
    assert '<a href="/rights/es/how-to-write/" dir="auto">How to write a letter</a>' in html


# ------------------------------------------------------------------ right to left in a browser

def _open(browser, site: Run, location: str):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    tab = context.new_page()
    tab.route("**/*", lambda route: route.fulfill(path=str(_file(site, route.request.url))))
    tab.goto("https://example.org/rights/" + location)
    return context, tab


def _file(site: Run, url: str) -> Path:
    path = site.site / urlsplit(url).path[len("/rights/"):]
    return path / "index.html" if path.is_dir() else path


def test_an_arabic_page_mirrors_the_layout(site, browser):
    boxes = {}
    for prefix in ("", "ar/"):
        context, tab = _open(browser, site, prefix)
        boxes[prefix] = tab.evaluate("""() => {
            const box = (s) => document.querySelector(s).getBoundingClientRect();
            const stat = getComputedStyle(document.querySelector('.stats li'));
            return {brand: box('.brand').left, languages: box('.languages').left,
                    statLeft: stat.borderLeftWidth, statRight: stat.borderRightWidth};
        }""")
        context.close()
    english, arabic = boxes[""], boxes["ar/"]
    assert english["brand"] < english["languages"]
    assert arabic["brand"] > arabic["languages"]
    assert (english["statLeft"], english["statRight"]) == ("6px", "0px")
    assert (arabic["statLeft"], arabic["statRight"]) == ("0px", "6px")


def test_an_arabic_letter_points_its_back_arrow_the_way_the_page_reads(site, browser):
    context, tab = _open(browser, site, "ar/cases/women-of-atenco/letter/")
    arrow, name = tab.evaluate("""() => {
        const link = document.querySelector('.screen-only a');
        return [getComputedStyle(link.querySelector('.back-arrow')).transform,
                link.querySelector('bdi').textContent];
    }""")
    context.close()
    assert arrow.startswith("matrix(-1")
    assert name == "نساء أتينكو"


def test_a_sample_letter_left_untranslated_keeps_its_language_and_direction(site):
    arabic = site.read("ar/cases/women-of-atenco/letter/")
    assert '<div class="letter-body" lang="en" dir="ltr">' in arabic
    assert '<div class="letter-body" lang="es" dir="ltr">' in site.read("es/cases/women-of-atenco/letter/")
    assert '<div class="sample-letter prose" lang="en" dir="ltr">' in site.read("ar/cases/women-of-atenco/")
