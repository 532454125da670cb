"""The build cache in .placard-cache/ never changes a byte of the site."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.helpers import CAMPAIGN, CASE, ROOT, build, write_campaign

FILES = {
    "content/cases/ana.md": "---\nname: Ana Example\ncountry: MX\nstatus: imprisoned\nsummary: A teacher.\n"
                            "---\nAna's *story*.\n",
    "content/events/london.md": "---\ntitle: London letters\nstart: 2009-12-05T14:00\ntimezone: Europe/London\n"
                                "country: GB\ncity: London\ncases: [ana]\n---\nBring pens.\n",
    "content/news/update.md": "---\ntitle: An update\ndate: 2009-11-02\n---\nNews for [Ana](/cases/ana/).\n",
}


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(root: Path, out: str):
    run = build(root, "--out", str(root / out))
    assert run.code == 0, run.err
    return tree(root / out)


def test_a_cached_build_equals_a_clean_one(tmp_path):
    write_campaign(tmp_path, FILES)
    cold = build_into(tmp_path, "cold")
    assert (tmp_path / ".placard-cache").is_dir()
    warm = build_into(tmp_path, "warm")
    shutil.rmtree(tmp_path / ".placard-cache")
    clean = build_into(tmp_path, "clean")
    assert warm == cold == clean


def test_a_layout_change_is_not_hidden_by_the_cache(tmp_path):
    write_campaign(tmp_path, FILES)
    build_into(tmp_path, "site")
    write_campaign(tmp_path, {"layouts/templates/case.html": "{% extends 'base.html' %}{% block content %}"
                                                             "<p class=ours>{{ case.name }}</p>{% endblock %}\n"})
    cached = build_into(tmp_path, "site")
    assert "class=ours" in cached["cases/ana/index.html"].decode()
    shutil.rmtree(tmp_path / ".placard-cache")
    assert build_into(tmp_path, "clean") == cached


def test_a_content_change_is_not_hidden_by_the_cache(tmp_path):
    write_campaign(tmp_path, FILES)
    build_into(tmp_path, "site")
    write_campaign(tmp_path, {"content/cases/ana.md": FILES["content/cases/ana.md"].replace("story", "new story")})
    cached = build_into(tmp_path, "site")
    assert "<em>new story</em>" in cached["cases/ana/index.html"].decode()
    shutil.rmtree(tmp_path / ".placard-cache")
    assert build_into(tmp_path, "clean") == cached


def test_calendars_follow_every_change_that_their_events_show(tmp_path):
    """An event's calendar entry is kept across builds: an edit, the site's address and the campaign's
    first day (its stamp) must each still reach every calendar that holds it."""
    write_campaign(tmp_path, FILES)
    build_into(tmp_path, "site")
    event = FILES["content/events/london.md"].replace("Bring pens.", "Bring envelopes.")
    earlier = CAMPAIGN.replace("starts: 2009-12-05", "starts: 2009-12-04")
    changes = [     # each against the build before it, whose calendars the cache holds
        ("content/events/london.md", event, "Bring envelopes."),
        ("content/events/london.md", event.replace("14:00", "15:30"), "DTSTART;TZID=Europe/London:20091205T153000"),
        ("content/campaign.yaml", earlier, "DTSTAMP:20091204T000000Z"),
        ("content/campaign.yaml", earlier.replace("https://example.org/sub/", "https://example.net/w/"),
         "https://example.net/w/events/london/"),
    ]
    for path, text, shown in changes:
        write_campaign(tmp_path, {path: text})
        cached = build_into(tmp_path, "site")
        for calendar in ("events/london/event.ics", "events.ics", "countries/gb/events.ics"):
            assert shown in cached[calendar].decode().replace("\r\n ", ""), (path, calendar)
        shutil.rmtree(tmp_path / ".placard-cache")
        assert build_into(tmp_path, "clean") == cached
        shutil.rmtree(tmp_path / "clean")


def test_a_large_site_rendered_on_several_processes_equals_one_process(tmp_path, monkeypatch):
    from placard import pipeline

    parallel_from = pipeline.PARALLEL_FROM
    events = parallel_from + 20
    rows = "".join(f"write-in-{n},Write-in {n},2009-12-{n % 9 + 5:02d}T{n % 12 + 8:02d}:00,,Europe/London,GB,"
                   f"London,Bring pens and *stamps* for case {n}.\n" for n in range(events))
    files = {"content/events/signups.csv": "slug,title,start,end,timezone,country,city,description\n" + rows,
             "content/cases/ana.md": CASE}
    # Then again with one event edited, the workers' cache of the last build at hand.
    edited = {"content/events/signups.csv": files["content/events/signups.csv"].replace(
        "Write-in 7,2009-12-12T15:00", "Write-in seven,2009-12-12T16:30")}
    for version in (files, edited):
        trees = []
        for name, threshold in (("parallel", parallel_from), ("single", 10**9)):
            monkeypatch.setattr(pipeline, "PARALLEL_FROM", threshold)
            write_campaign(tmp_path / name, version)
            run = build(tmp_path / name)
            assert run.code == 0, run.err
            assert ("processes" in run.err) == (name == "parallel" and (os.cpu_count() or 1) > 1)
            trees.append({p.relative_to(run.site): p.read_bytes() for p in run.site.rglob("*") if p.is_file()})
        assert len(trees[0]) > 2 * events
        assert trees[0] == trees[1]
    assert b"SUMMARY:Write-in seven" in trees[0][Path("events/write-in-7/event.ics")]


def test_pages_a_layout_marks_for_search_are_indexed_when_rendered_on_several_processes(tmp_path, monkeypatch):
    from placard import pipeline

    letter = (ROOT / "layouts/templates/letter.html").read_text()
    events = pipeline.PARALLEL_FROM
    rows = "".join(f"meet-{n},Meet {n},2009-12-07T10:00,GB,London\n" for n in range(events))
    files = {"content/cases/ana.md": CASE,
             "content/events/signups.csv": "slug,title,start,country,city\n" + rows,
             # A layout may mark other pages than the items' for search: here the letters.
             "layouts/templates/letter.html": "</div>{% endblock %}".join(
                 letter.replace("{% block content %}", "{% block content %}<div data-pagefind-body>")
                 .rsplit("{% endblock %}", 1))}
    indexes = []
    for name, threshold in (("parallel", 1), ("single", 10**9)):
        monkeypatch.setattr(pipeline, "PARALLEL_FROM", threshold)
        write_campaign(tmp_path / name, files)
        run = build(tmp_path / name)
        assert run.code == 0, run.err
        indexes.append({p.relative_to(run.site): p.read_bytes() for p in (run.site / "pagefind").rglob("*")
                        if p.is_file()})
    assert indexes[0] == indexes[1]
    entry = json.loads(indexes[0][Path("pagefind/pagefind-entry.json")])
    assert sum(language["page_count"] for language in entry["languages"].values()) == 1 + 1 + events  # the case, its letter, the events
