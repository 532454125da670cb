"""Incremental rebuilds equal full builds, byte for byte, whatever the editor changes."""
from __future__ import annotations

import gettext
import os
import shutil
from pathlib import Path

import pytest

from placard.cli import parse_now
from placard.errors import ContentErrors
from placard.incremental import Engine, refreshed, snapshot
from placard.pipeline import Options, build
from placard.render import environment
from placard.write import write_files
from tests.helpers import NOW, write_campaign

CAMPAIGN = """\
title: Incremental Write-a-thon
base_url: https://example.org/sub/
starts: 2009-12-05
ends: 2009-12-13
timezone: Europe/London
languages: [en, fr]
"""


def case(name: str, country: str = "MX", status: str = "imprisoned", body: str = "The story.") -> str:
    return (f"---\nname: {name}\ncountry: {country}\nstatus: {status}\nsummary: {name} needs letters.\n"
            "appeal:\n  to: The Governor\n  address: |\n    1 Street\n  salutation: Dear Governor,\n"
            f"  letter: |\n    Release {name}.\n---\n{body}\n")


def event(title: str, start: str, cases: str = "[ana]", country: str = "GB") -> str:
    return (f"---\ntitle: {title}\nstart: {start}\ncountry: {country}\ncity: London\ncases: {cases}\n"
            "---\nBring pens.\n")


FILES = {
    "content/cases/ana.md": case("Ana Example"),
    "content/cases/ana.fr.md": "---\nsummary: Ana a besoin de lettres.\n---\nL'histoire.\n",
    "content/cases/bo.md": case("Bo Example", "BR", "released\nreleased_on: 2009-10-01"),
    "content/cases/cy.md": case("Cy Example", "GB"),
    "content/events/london.md": event("London letters", "2009-12-05T14:00"),
    "content/events/form.csv": "title,start,country,city,cases\nParis night,2009-11-20T18:00,FR,Paris,bo\n",
    "content/news/update.md": "---\ntitle: An update\ndate: 2009-11-02\ncases: [ana]\n---\nNews.\n",
    "content/pages/about.md": "---\ntitle: About us\nmenu: 1\n---\nWho we are.\n",
    "content/pages/faq.md": "---\ntitle: FAQ\n---\nQuestions.\n",
    "layouts/templates/page.html": "{% extends 'base.html' %}{% block content %}<div class=own>{{ body }}</div>"
                                   "{% endblock %}\n",
}

# Each step is what an editor does between two saves: {path: new text, or None to delete}.
STEPS = [
    ("edit a case's story", {"content/cases/ana.md": case("Ana Example", body="A new chapter.")}),
    ("change a case's country and status", {"content/cases/cy.md": case("Cy Example", "FR", "detained")}),
    ("edit a translated story", {"content/cases/ana.fr.md": "---\nsummary: Ana a besoin de lettres.\n---\n"
                                                            "Un nouveau chapitre.\n"}),
    ("edit a translation's summary, which the lists in its language show",
     {"content/cases/ana.fr.md": "---\nsummary: Ana a besoin de vos lettres.\n---\nUn nouveau chapitre.\n"}),
    ("edit a case's summary, which the lists show",
     {"content/cases/ana.md": case("Ana Example", body="A new chapter.").replace("needs letters",
                                                                                  "needs your letters")}),
    ("edit an event's description, which its calendars carry",
     {"content/events/london.md": event("London letters", "2009-12-05T14:00").replace("Bring pens.", "Bring ink.")}),
    ("rename an event, which the lists of events, the API and the calendars show",
     {"content/events/london.md": event("London letter night", "2009-12-05T14:00").replace("Bring pens.",
                                                                                           "Bring ink.")}),
    ("move an event to an earlier day, before another event and into the past",
     {"content/events/london.md": event("London letter night", "2009-11-19T14:00")}),
    ("edit a news item's body, which the feed carries",
     {"content/news/update.md": "---\ntitle: An update\ndate: 2009-11-02\ncases: [ana]\n---\nMore news.\n"}),
    ("edit a page's body", {"content/pages/faq.md": "---\ntitle: FAQ\n---\nMore questions.\n"}),
    ("edit a released case's story, which the feed shows",
     {"content/cases/bo.md": case("Bo Example", "BR", "released\nreleased_on: 2009-10-01", "Free at last.")}),
    ("a released case is detained again and leaves the feed, its release date kept",
     {"content/cases/bo.md": case("Bo Example", "BR", "detained\nreleased_on: 2009-10-01", "Free at last.")}),
    ("a case is released again, on a new date, and rejoins the feed",
     {"content/cases/bo.md": case("Bo Example", "BR", "released\nreleased_on: 2009-11-20", "Free at last.")}),
    ("a case's release date is set ahead of its release", {"content/cases/cy.md": case(
        "Cy Example", "FR", "detained\nreleased_on: 2009-11-25")}),
    ("the case is released and joins the feed", {"content/cases/cy.md": case(
        "Cy Example", "FR", "released\nreleased_on: 2009-11-25")}),
    ("add an event", {"content/events/lyon.md": event("Lyon letters", "2009-12-06T10:00", "[cy, bo]", "FR")}),
    ("move an event to another case", {"content/events/london.md": event("London letters", "2009-12-05T14:00", "[bo]")}),
    ("move an event to another country, whose calendar gains it",
     {"content/events/london.md": event("London letters", "2009-12-05T14:00", "[bo]", "IT")}),
    ("translate a news item", {"content/news/update.fr.md": "---\ntitle: Une mise à jour\n---\nNouvelles.\n"}),
    ("delete a case", {"content/cases/cy.md": None,
                       "content/events/lyon.md": event("Lyon letters", "2009-12-06T10:00", "[bo]", "FR")}),
    ("rename a menu page", {"content/pages/about.md": "---\ntitle: Who we are\nmenu: 1\n---\nWho.\n"}),
    ("put a page in the menu", {"content/pages/faq.md": "---\ntitle: FAQ\nmenu: 2\n---\nQuestions.\n"}),
    ("change a layout", {"layouts/templates/page.html": "{% extends 'base.html' %}{% block content %}"
                                                        "<div class=mine>{{ body }}</div>{% endblock %}\n"}),
    ("change a stylesheet", {"layouts/assets/style.css": "body { color: #123; }\n"}),
    ("add a CSV row", {"content/events/form.csv": "title,start,country,city,cases\n"
                                                  "Paris night,2009-11-20T18:00,FR,Paris,bo\n"
                                                  "Rome day,2009-12-07T11:00,IT,Rome,ana\n"}),
    ("a second sign-up sheet repeats a row, which is named after the first's",
     {"content/events/more.csv": "title,start,country,city\nRome day,2009-12-07T11:00,IT,Rome\n"}),
    ("the first sheet is deleted, and the repeated row takes the plain name",
     {"content/events/form.csv": None}),
    ("delete the last event of a country", {"content/events/lyon.md": None}),
    ("change the campaign's time zone, which events without their own take",
     {"content/campaign.yaml": CAMPAIGN.replace("Europe/London", "Europe/Paris")}),
    ("change campaign.yaml", {"content/campaign.yaml": CAMPAIGN.replace("Incremental", "Changed")}),
]


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def options(root: Path, out: str, search: bool = False) -> Options:
    return Options(content=root / "content", out=root / out, now=parse_now(NOW), search=search)


def apply(root: Path, changes: dict) -> None:
    for rel, text in changes.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def assert_same_as_full_build(root: Path, engine: Engine, step: str) -> None:
    full = options(root, "full", engine.options.search)
    build(full)
    live, clean = tree(engine.options.out), tree(full.out)
    assert sorted(live) == sorted(clean), f"{step}: files differ"
    differing = [rel for rel in clean if live[rel] != clean[rel]]
    assert not differing, f"{step}: different bytes in {differing}"


def test_every_step_equals_a_full_build(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    for step, changes in STEPS:
        apply(tmp_path, changes)
        update = engine.update()
        assert update is not None, step
        assert_same_as_full_build(tmp_path, engine, step)


def test_saves_among_many_events_equal_a_full_build(tmp_path):
    """Among many events a save changes one, and what is kept of the others (their cards, API
    entries, order, days) takes it in its place; or, when it moves in time, orders them again."""
    events = {f"content/events/e{n}.md": event(f"Letters {n}", f"2009-12-{5 + n % 4:02d}T{10 + n}:00")
              for n in range(10)}
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES, **events})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    saves = [("rename one", {"content/events/e3.md": event("Letters, renamed", "2009-12-08T13:00")}),
             ("rename another", {"content/events/e7.md": event("Letters again", "2009-12-08T17:00")}),
             ("move one to another day", {"content/events/e3.md": event("Letters, renamed", "2009-12-06T09:00")}),
             ("move one into the past", {"content/events/e5.md": event("Letters 5", "2009-11-06T15:00")}),
             ("give one a zone of its own, at the same moment", {"content/events/e7.md": event(
                 "Letters again", "2009-12-08T18:00").replace("city: London", "city: Paris\ntimezone: Europe/Paris")}),
             ("take one down and put up another, last of all, in the same save",
              {"content/events/e1.md": None, "content/events/e99.md": event("Letters 99", "2009-12-09T10:00")})]
    for step, changes in saves:
        apply(tmp_path, changes)
        engine.update()
        assert_same_as_full_build(tmp_path, engine, step)


def test_saves_among_many_events_are_checked_as_a_full_build_checks_them(tmp_path):
    """A saved event among many is checked again: its references to cases, a draft it becomes,
    the drafts before it."""
    def draft(text):
        return text.replace("---\ntitle", "---\ndraft: true\ntitle", 1)
    events = {f"content/events/e{n}.md": event(f"Letters {n}", f"2009-12-{5 + n % 4:02d}T{10 + n}:00")
              for n in range(10)}
    events["content/events/e0.md"] = draft(events["content/events/e0.md"])
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES, **events,
                              "content/cases/dora.md": case("Dora Example").replace("---\n", "---\ndraft: true\n", 1)})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    apply(tmp_path, {"content/events/e3.md": event("Letters, renamed", "2009-12-08T13:00")})
    engine.update()
    assert_same_as_full_build(tmp_path, engine, "rename an event after a draft")
    apply(tmp_path, {"content/events/e0.md": None})
    engine.update()
    apply(tmp_path, {"content/events/e4.md": event("Letters 4", "2009-12-05T14:00", "[ana, nobody]")})
    with pytest.raises(ContentErrors) as raised:
        engine.update()
    assert [(Path(e.path).name, e.line, e.message) for e in raised.value.errors] == [
        ("e4.md", 6, "cases: there is no case 'nobody'")]
    apply(tmp_path, {"content/events/e4.md": event("Letters 4", "2009-12-05T14:00", "[ana, bo]")})
    engine.update()
    apply(tmp_path, {"content/events/e5.md": draft(events["content/events/e5.md"])})
    engine.update()
    assert not (tmp_path / "site/events/e5").exists()
    assert_same_as_full_build(tmp_path, engine, "an event becomes a draft")
    apply(tmp_path, {"content/events/e5.md": events["content/events/e5.md"]})
    engine.update()
    apply(tmp_path, {"content/events/e4.md": event("Letters 4", "2009-12-05T14:00", "[ana, dora]")})
    warned = engine.update()
    assert [(Path(w.path).name, w.message) for w in warned.warnings] == [
        ("e4.md", "case 'dora' is a draft; the link to it is left out")]
    assert_same_as_full_build(tmp_path, engine, "an event links to a draft case")


def test_saves_among_many_translated_cases_equal_a_full_build(tmp_path):
    """What is kept of each case's translation follows the case's saves and the translation's."""
    cases = {f"content/cases/c{n}.md": case(f"Case {n}") for n in range(10)}
    translations = {f"content/cases/c{n}.fr.md": f"---\nsummary: Cas {n}.\n---\nL'histoire {n}.\n"
                    for n in range(0, 10, 2)}
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES, **cases, **translations})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    saves = [("edit a translated case", {"content/cases/c4.md": case("Case 4", body="More.")}),
             ("edit an untranslated case", {"content/cases/c5.md": case("Case 5", body="More.")}),
             ("delete the translation of the case saved before", {"content/cases/c4.fr.md": None}),
             ("translate a case", {"content/cases/c5.fr.md": "---\nsummary: Cas cinq.\n---\nCinq.\n"}),
             ("edit a translation", {"content/cases/c0.fr.md": "---\nsummary: Cas zéro.\n---\nZéro.\n"})]
    for step, changes in saves:
        apply(tmp_path, changes)
        engine.update()
        assert_same_as_full_build(tmp_path, engine, step)


def test_a_story_edit_renders_only_the_pages_that_show_it(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    result = engine.build()
    apply(tmp_path, {"content/cases/ana.md": case("Ana Example", body="A new chapter.")})
    update = engine.update()
    # The case's page in English and in French: lists, the letter and event pages show no story.
    assert update.pages == 2 < result.stats["pages"]
    assert "A new chapter." in (tmp_path / "site/cases/ana/index.html").read_text()
    assert update.changed == [os.path.join("content", "cases", "ana.md")]


def test_a_layout_change_renders_only_the_pages_that_use_it(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    apply(tmp_path, {"layouts/templates/page.html": "{% extends 'base.html' %}{% block content %}"
                                                    "<div class=mine>{{ body }}</div>{% endblock %}\n"})
    update = engine.update()
    assert update.pages == 4        # two free pages in two languages
    assert "class=mine" in (tmp_path / "site/fr/about/index.html").read_text()


def test_nothing_changed_means_no_rebuild(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    assert engine.update() is None


def test_bad_content_keeps_the_last_good_site_until_fixed(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    before = tree(tmp_path / "site")
    apply(tmp_path, {"content/cases/ana.md": case("Ana Example").replace("status: imprisoned", "status: jailed")})
    with pytest.raises(ContentErrors) as raised:
        engine.update()
    assert any(e.path.endswith("ana.md") and e.line == 4 for e in raised.value.errors)
    assert tree(tmp_path / "site") == before
    apply(tmp_path, {"content/cases/ana.md": case("Ana Example", body="Fixed story.")})
    engine.update()
    assert "Fixed story." in (tmp_path / "site/cases/ana/index.html").read_text()
    assert_same_as_full_build(tmp_path, engine, "after a fix")


def test_a_file_saved_as_a_link_out_of_the_campaign_is_refused(tmp_path):
    """A save in a folder reads the files it knows without listing the folder again; a file that
    became a link is looked at as a build would, and one leading out of content/ is refused."""
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    apply(tmp_path, {"content/events/london.md": event("London letters", "2009-12-05T14:00").replace("pens", "ink")})
    engine.update(seen=refreshed(engine.seen, [str(tmp_path / "content/events/london.md")], engine.folders))
    outside = tmp_path / "private.md"
    outside.write_text(event("Private meeting", "2009-12-05T14:00"), encoding="utf-8")
    london = tmp_path / "content/events/london.md"
    london.unlink()
    london.symlink_to(outside)
    with pytest.raises(ContentErrors) as raised:
        engine.update(seen=refreshed(engine.seen, [str(london)], engine.folders))
    assert [(e.path, e.message) for e in raised.value.errors] == [
        (str(london), "this symbolic link points outside the content folder (or nowhere)")]
    assert "Private meeting" not in (tmp_path / "site/events/index.html").read_text(encoding="utf-8")


def test_an_error_in_one_file_stays_reported_while_others_are_saved(tmp_path):
    """A translation written before its language is added: its error lasts through saves of other
    files, in its folder and in others, and adding the language to campaign.yaml clears it. Taking a
    language away makes its translations errors, though their folder did not change."""
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    engine.update()
    apply(tmp_path, {"content/news/update.de.md": "---\ntitle: Neuigkeiten\n---\nNeues.\n"})
    for save in ({}, {"content/cases/ana.md": case("Ana Example", body="Another chapter.")},
                 {"content/events/london.md": event("London letters", "2009-12-05T15:00")},
                 {"content/news/update.md": "---\ntitle: An update\ndate: 2009-11-02\n---\nMore news.\n"}):
        apply(tmp_path, save)
        with pytest.raises(ContentErrors) as raised:
            engine.update()
        assert any(e.path.endswith("update.de.md") for e in raised.value.errors), save
    apply(tmp_path, {"content/campaign.yaml": CAMPAIGN.replace("[en, fr]", "[en, fr, de]")})
    engine.update()
    assert "Neues." in (tmp_path / "site/de/news/update/index.html").read_text()
    assert_same_as_full_build(tmp_path, engine, "the language added")
    apply(tmp_path, {"content/campaign.yaml": CAMPAIGN.replace("[en, fr]", "[en, de]")})
    with pytest.raises(ContentErrors) as raised:
        engine.update()
    assert any(e.path.endswith("ana.fr.md") for e in raised.value.errors)


def test_a_warning_comes_and_goes_with_the_save_that_makes_it(tmp_path):
    """A save can leave a file readable but with a key Placard does not know: the save reports it,
    as a build does, among a folder of other files, and the save that takes it out stops it."""
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    london = event("London letters", "2009-12-05T14:00")
    apply(tmp_path, {"content/events/london.md": london.replace("city: London", "city: London\nvenu: The Hall")})
    warned = engine.update()
    assert [(Path(w.path).name, w.line, w.message) for w in warned.warnings] == [
        ("london.md", 6, "unknown key 'venu' is ignored")]
    apply(tmp_path, {"content/events/london.md": london.replace("Bring pens.", "Bring ink.")})
    assert engine.update().warnings == []


def test_an_edit_that_keeps_the_file_size_is_seen(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    story = tmp_path / "content/cases/ana.md"
    before = story.stat()
    story.write_text(case("Ana Example", body="The stone."), encoding="utf-8")   # as long as "The story."
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))  # saved a second later
    assert story.stat().st_size == before.st_size
    update = engine.update()
    assert update is not None
    assert "The stone." in (tmp_path / "site/cases/ana/index.html").read_text()
    assert_same_as_full_build(tmp_path, engine, "an edit keeping the size")


def test_a_save_reads_again_only_the_saved_file(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site"))
    engine.build()
    kept = {path: entry for path, entry in engine.parsed.items() if not path.endswith("ana.md")}
    apply(tmp_path, {"content/cases/ana.md": case("Ana Example", body="A new chapter.")})
    engine.update()
    assert all(engine.parsed[path] is entry for path, entry in kept.items())
    apply(tmp_path, {"content/events/london.md": None})
    engine.update()
    assert not any(path.endswith("london.md") for path in engine.parsed)
    assert not (tmp_path / "site/events/london").exists()


def test_the_search_index_follows_a_save(tmp_path):
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    engine = Engine(options(tmp_path, "site", search=True))
    engine.build()
    apply(tmp_path, {"content/cases/ana.md": case("Ana Example", body="A zanzibarquux chapter."),
                     "content/events/london.md": None})
    engine.update(search=False)
    engine.update_search()
    assert_same_as_full_build(tmp_path, engine, "the index after a save")


def test_a_snapshot_brought_up_to_date_from_reports_equals_a_new_one(tmp_path):
    """The preview's watcher looks again only at what the system reported; it must miss nothing."""
    content = tmp_path / "content"
    write_campaign(tmp_path, {"content/campaign.yaml": CAMPAIGN, **FILES})
    folders = [str(content), str(tmp_path / "layouts")]
    seen = snapshot(folders)
    def save_by_renaming():          # as many editors save: a hidden file, then renamed over the old one
        (content / "pages/.faq.md.swp").write_text("new", encoding="utf-8")
        os.replace(content / "pages/.faq.md.swp", content / "pages/faq.md")

    def add_folder():
        (content / "media/maps").mkdir(parents=True)
        (content / "media/maps/a.png").write_bytes(b"png")

    steps = [
        ("edit a file", lambda: (content / "cases/ana.md").write_text("edited", encoding="utf-8"), ["cases/ana.md"]),
        ("add a folder of files", add_folder, ["media"]),
        ("save by renaming a hidden file", save_by_renaming, ["pages/.faq.md.swp", "pages/faq.md"]),
        ("delete a file", lambda: (content / "news/update.md").unlink(), ["news/update.md"]),
        ("delete a folder", lambda: shutil.rmtree(content / "media"), ["media"]),
        ("rename a folder", lambda: os.replace(content / "events", content / "happenings"), ["events", "happenings"]),
    ]
    for step, change, reported in steps:
        change()
        seen = refreshed(seen, [str(content / rel) for rel in reported], folders)
        assert seen == snapshot(folders), step


def test_a_save_renders_again_only_the_cards_of_the_items_it_changed():
    """A save keeps the cards of the items it left alone (views), and the templates' `cached` gives
    back the part it rendered for such a card when the page was last rendered: a list of 5,000
    events renders one card anew. A build renders each page once and keeps nothing."""
    env = environment([Path(__file__).parents[1] / "layouts"], gettext.NullTranslations())
    rendered = []
    env.globals["shown"] = lambda card: rendered.append(card["title"]) or card["title"]
    template = env.from_string("{% for e in events %}{% call cached(e, heading) %}<{{ heading }}>{{ shown(e) }}"
                               "</{{ heading }}>{% endcall %}{% endfor %}")

    def render(location, events, heading="h3"):
        env.globals["cached"].rendering(location)
        return template.render(events=events, heading=heading)

    a, b = {"title": "A"}, {"title": "B"}
    render("events/", [a, b])
    render("events/", [a, b])
    assert rendered == ["A", "B", "A", "B"], "a build keeps nothing"

    env.globals["cached"].keep()
    render("events/", [a, b])
    rendered.clear()
    assert render("events/", [a, {"title": "B, renamed"}]) == "<h3>A</h3><h3>B, renamed</h3>"
    assert rendered == ["B, renamed"]
    rendered.clear()
    assert render("events/", [dict(a)], "h4") == "<h4>A</h4>"
    assert rendered == ["A"], "an equal card that is a new object, or another variant, is rendered anew"
    rendered.clear()
    render("", [a])
    assert rendered == ["A"], "each page offers only its own parts"


def test_a_save_leaves_other_links_to_a_file_as_they_were(tmp_path):
    """A save rewrites the preview's own files in place, and shortens one that got shorter; a file
    also linked from elsewhere (the search index's files are linked from .placard-cache/) is
    replaced instead, so that the other copy keeps its bytes. A file whose bytes are unchanged is
    not written."""
    out = tmp_path / "site"
    (out / "pagefind").mkdir(parents=True)
    cached = tmp_path / "cached-index"
    cached.write_bytes(b"the index as cached")
    os.link(cached, out / "pagefind/index")
    (out / "events.ics").write_bytes(b"a calendar longer than the new one")
    (out / "feed.xml").write_bytes(b"the same feed")
    files = {"pagefind/index": b"a new index", "events.ics": b"a new calendar", "feed.xml": b"the same feed"}
    assert write_files(out, files) == 2
    assert cached.read_bytes() == b"the index as cached"
    assert {rel: (out / rel).read_bytes() for rel in files} == files
