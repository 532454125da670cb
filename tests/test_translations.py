"""Interface catalogs (complete, checked, right plural forms), the `translations` command, English
fallback for a missing string, and the per-language report of `check`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from placard.catalogs import extract
from placard.i18n import catalog_path, load_translations
from tests.helpers import ROOT, SITES, build, run_placard, write_campaign

LAYOUTS = ROOT / "layouts"
SHIPPED = ("es", "fr", "ar")

MULTILINGUAL = """\
title: Test Write-a-thon
base_url: https://example.org/sub/
starts: 2009-12-05
ends: 2009-12-13
languages: [en, es, pt]
"""


def read_catalog(path: Path, lang: str):
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


# ------------------------------------------------------------------ the shipped catalogs

@pytest.mark.parametrize("lang", SHIPPED)
def test_every_interface_string_is_translated(lang):
    catalog = read_catalog(catalog_path(LAYOUTS, lang), lang)
    untranslated = []
    for message in extract([LAYOUTS]):
        if not message.id:
            continue
        own = catalog.get(message.id)
        strings = own.string if own is not None and message.pluralizable else [own.string if own else ""]
        if own is None or own.fuzzy or not all(strings):
            untranslated.append(message.id)
    assert untranslated == [], f"run python build.py translations, then translate these in {lang}"


@pytest.mark.parametrize("lang", (*SHIPPED, "en"))
def test_catalogs_pass_the_gettext_checks(lang):
    """Placeholders match their English string; plural entries have every form of the language."""
    catalog = read_catalog(catalog_path(LAYOUTS, lang), lang)
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == []


def test_the_english_catalog_mirrors_the_source_strings():
    catalog = read_catalog(catalog_path(LAYOUTS, "en"), "en")
    assert all(message.string == message.id for message in catalog if message.id)


def test_arabic_has_six_plural_forms_used_the_arabic_way():
    ngettext = load_translations([LAYOUTS], "ar").ngettext
    forms = {n: ngettext("%(num)d case", "%(num)d cases", n) % {"num": n} for n in (0, 1, 2, 3, 10, 11, 99, 100, 102)}
    assert forms == {0: "لا قضايا", 1: "قضية واحدة", 2: "قضيتان", 3: "3 قضايا", 10: "10 قضايا",
                     11: "11 قضية", 99: "99 قضية", 100: "100 قضية", 102: "102 قضية"}


def test_spanish_and_french_plurals():
    es = load_translations([LAYOUTS], "es").ngettext
    fr = load_translations([LAYOUTS], "fr").ngettext
    assert [es("%(num)d event", "%(num)d events", n) % {"num": n} for n in (0, 1, 2)] == \
        ["0 eventos", "1 evento", "2 eventos"]
    assert [fr("%(num)d event", "%(num)d events", n) % {"num": n} for n in (0, 1, 2)] == \
        ["0 événement", "1 événement", "2 événements"]


# ------------------------------------------------------------------ fallbacks to English

def test_a_missing_string_falls_back_to_english(tmp_path):
    """The campaign's own Spanish catalog changes one word; Placard's fills the rest; Portuguese has none."""
    write_campaign(tmp_path, {"content/pages/about.md": "---\ntitle: About\nmenu: 1\n---\nHello.\n"},
                   campaign=MULTILINGUAL)
    own = read_catalog(catalog_path(LAYOUTS, "es"), "es")
    for message in own:
        if message.id and message.id != "Cases":
            message.string = ("", "", "") if message.pluralizable else ""
    own.get("Cases").string = "Expedientes"
    path = catalog_path(tmp_path / "layouts", "es")
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, own)
    run = build(tmp_path)
    assert run.code == 0, run.err
    spanish = run.read("es/")
    assert ">Expedientes</a>" in spanish and ">Eventos</a>" in spanish
    portuguese = run.read("pt/")
    assert '<html lang="pt" dir="ltr">' in portuguese
    assert ">Cases</a>" in portuguese and ">Events</a>" in portuguese
    assert "13 de dez" in portuguese        # dates are still Portuguese: they come from CLDR


# ------------------------------------------------------------------ the translations command

def test_the_translations_command_extracts_new_strings_into_the_campaigns_catalogs(tmp_path, monkeypatch):
    page = (LAYOUTS / "templates" / "page.html").read_text("utf-8")
    write_campaign(tmp_path, {
        "content/pages/about.md": "---\ntitle: About\n---\nHello.\n",
        "content/pages/about.es.md": "---\ntitle: Acerca de\n---\nHola.\n",
        "layouts/templates/page.html": page.replace("{% block content %}",
                                                    "{% block content %}\n<p>{{ _('Thank you, volunteers') }}</p>"),
    }, campaign=MULTILINGUAL)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_placard("translations", "--content", "content")
    assert code == 0, err
    template = read_catalog(tmp_path / "layouts/locale/messages.pot", "en")
    assert template.get("Thank you, volunteers") is not None and template.get("Add to calendar") is not None
    assert "layouts/locale/es/LC_MESSAGES/messages.po" in out and "1 to translate" in out
    spanish = read_catalog(catalog_path(tmp_path / "layouts", "es"), "es")
    assert spanish.get("Thank you, volunteers").string == ""
    assert spanish.get("Add to calendar").string == "Añadir al calendario"     # seeded from Placard's
    assert read_catalog(catalog_path(tmp_path / "layouts", "pt"), "pt").get("Add to calendar").string == ""

    spanish.get("Thank you, volunteers").string = "Gracias, voluntarias y voluntarios"
    with catalog_path(tmp_path / "layouts", "es").open("wb") as handle:
        write_po(handle, spanish)
    strings = len([m for m in extract([tmp_path / "layouts", LAYOUTS]) if m.id])
    code, again, _ = run_placard("translations", "--content", "content")
    assert code == 0 and f"es  layouts/locale/es/LC_MESSAGES/messages.po: {strings} strings, complete\n" in again
    code, third, _ = run_placard("translations", "--content", "content")
    assert f"es  layouts/locale/es/LC_MESSAGES/messages.po: {strings} strings, complete (unchanged)" in third

    run = build(tmp_path)
    assert run.code == 0, run.err
    assert "Gracias, voluntarias y voluntarios" in run.read("es/about/")
    assert "Thank you, volunteers" in run.read("about/")


# ------------------------------------------------------------------ the check report

def test_check_reports_what_each_language_still_needs(tmp_path):
    shutil.copytree(SITES / "multilingual", tmp_path, dirs_exist_ok=True)
    run = build(tmp_path, command="check")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    start = lines.index("translations:")
    report = lines[start:start + 8]
    strings = len([m for m in extract([LAYOUTS]) if m.id])
    interface = f"interface {strings}/{strings}"
    assert report[1] == f"  en  {interface}: complete"
    assert report[2] == f"  es  cases 1/3, events 1/3, news 0/1, pages 1/2, {interface}"
    assert report[3] == ("      to translate: cases/mansour-ossanlu, cases/zmitser-dashkevich, "
                         "events/closing-write-in-puebla, events/online-write-in, news/campaign-opens, "
                         "pages/how-to-write")
    assert report[4] == f"  fr  cases 1/3, events 0/3, news 0/1, pages 1/2, {interface}"
    assert report[6] == f"  ar  cases 1/3, events 0/3, news 1/1, pages 1/2, {interface}"
    assert "news/campaign-opens" not in report[7]


def test_check_names_the_interface_strings_a_language_lacks(tmp_path):
    write_campaign(tmp_path, {
        "content/pages/about.md": "---\ntitle: About\n---\nHello.\n",
        "content/pages/about.es.md": "---\ntitle: Acerca de\n---\nHola.\n",
        "content/pages/about.pt.md": "---\ntitle: Sobre\n---\nOlá.\n",
        "content/events/fair.csv": "title,start,country,city\nFair,2009-12-06T10:00,BR,Recife\n",
    }, campaign=MULTILINGUAL)
    run = build(tmp_path, command="check")
    assert run.code == 0, run.err
    strings = len([m for m in extract([LAYOUTS]) if m.id])
    assert f"  es  pages 1/1, interface {strings}/{strings}: complete" in run.out
    assert f"  pt  pages 1/1, interface 0/{strings}" in run.out      # a CSV event is never counted
    assert "interface strings to translate in " in run.out and "(python build.py translations creates it)" in run.out
    assert "“Go to the home page”" in run.out


def test_a_single_language_campaign_gets_no_translation_report(tmp_path):
    write_campaign(tmp_path, {"content/pages/about.md": "---\ntitle: About\n---\nHello.\n"})
    run = build(tmp_path, command="check")
    assert run.code == 0, run.err
    assert "translations:" not in run.out
