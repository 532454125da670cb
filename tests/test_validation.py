"""Every content rule: one broken line each, and the exact `path:line: message` it gives."""
from __future__ import annotations

import re

import pytest

from tests.helpers import CAMPAIGN, build, write_campaign

CASE = """\
---
name: Ana Example
country: MX
status: imprisoned
summary: A teacher imprisoned for a peaceful protest.
---
Story.
"""
EVENT = """\
---
title: Write-in at the library
start: 2009-12-05T14:00
end: 2009-12-05T17:00
timezone: America/Mexico_City
country: MX
city: Mexico City
cases: [ana-example]
---
Bring pens.
"""
NEWS = """\
---
title: The campaign begins
date: 2009-12-01
cases: [ana-example]
---
Text.
"""
PAGE = """\
---
title: About us
menu: 1
---
Text.
"""
CSV_HEADER = "Slug,Title,Start,End,Timezone,Country,City,Online,URL,Cases,Description\n"
CSV_ROW = "lima-letters,Letters in Lima,2009-12-06T15:00,2009-12-06T18:00,America/Lima,PE,Lima,no,,ana-example,Tea.\n"
BASE = {"content/cases/ana-example.md": CASE, "content/events/library.md": EVENT,
        "content/news/begins.md": NEWS, "content/pages/about.md": PAGE,
        "content/events/signups.csv": CSV_HEADER + CSV_ROW}


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# (id, {file: new text}, expected file, expected line, words the message must contain)
CASES = [
    ("campaign title missing", {"content/campaign.yaml": edit(CAMPAIGN, "title: Test Write-a-thon\n", "")},
     "campaign.yaml", 1, ["title", "required"]),
    ("campaign base_url not http", {"content/campaign.yaml": edit(CAMPAIGN, "https://example.org/sub/", "example.org")},
     "campaign.yaml", 2, ["base_url", "http"]),
    ("campaign bad zone", {"content/campaign.yaml": edit(CAMPAIGN, "America/New_York", "America/New_Yrok")},
     "campaign.yaml", 5, ["America/New_Yrok", "did you mean America/New_York"]),
    ("campaign ends before starts", {"content/campaign.yaml": edit(CAMPAIGN, "ends: 2009-12-13", "ends: 2009-12-01")},
     "campaign.yaml", 4, ["ends before it starts"]),
    ("campaign unknown language", {"content/campaign.yaml": CAMPAIGN + "languages: [en, xx-notalanguage]\n"},
     "campaign.yaml", 6, ["language"]),
    ("case name missing", {"content/cases/ana-example.md": edit(CASE, "name: Ana Example\n", "")},
     "cases/ana-example.md", 1, ["name", "required"]),
    ("case uk is not a code", {"content/cases/ana-example.md": edit(CASE, "country: MX", "country: uk")},
     "cases/ana-example.md", 3, ["'uk' is not an ISO", "did you mean GB"]),
    ("case country name", {"content/cases/ana-example.md": edit(CASE, "country: MX", "country: Mexico")},
     "cases/ana-example.md", 3, ["did you mean MX"]),
    ("case bad status", {"content/cases/ana-example.md": edit(CASE, "status: imprisoned", "status: freed")},
     "cases/ana-example.md", 4, ["freed", "did you mean released"]),
    ("released without date", {"content/cases/ana-example.md": edit(CASE, "status: imprisoned", "status: released")},
     "cases/ana-example.md", 4, ["released_on"]),
    ("photo without alt", {"content/cases/ana-example.md": edit(CASE, "summary:", "photo: ana.jpg\nsummary:"),
                           "content/media/ana.jpg": b""},
     "cases/ana-example.md", 5, ["photo_alt"]),
    ("photo file missing", {"content/cases/ana-example.md": edit(
        CASE, "summary:", "photo: portraits/ana.jpg\nphoto_alt: Ana smiling\nsummary:")},
     "cases/ana-example.md", 5, ["portraits/ana.jpg"]),
    ("bad date", {"content/cases/ana-example.md": edit(CASE, "summary:", "deadline: 2009-02-30\nsummary:")},
     "cases/ana-example.md", 5, ["2009-02-30", "date"]),
    ("bad slug key", {"content/cases/ana-example.md": edit(CASE, "summary:", "slug: ../../etc\nsummary:")},
     "cases/ana-example.md", 5, ["slug", "../../etc"]),
    ("file name is no slug", {"content/cases/Ana Example.md": CASE},
     "cases/Ana Example.md", 1, ["slug", "ana-example.md"]),
    ("front matter not closed", {"content/pages/about.md": "---\ntitle: About us\n\nText.\n"},
     "pages/about.md", 1, ["front matter", "---"]),
    ("no front matter", {"content/pages/about.md": "Just text.\n"},
     "pages/about.md", 1, ["front matter"]),
    ("yaml unbalanced quote", {"content/news/begins.md": edit(NEWS, "title: The campaign begins",
                                                             'title: "The "campaign" begins')},
     "news/begins.md", 2, ["YAML"]),
    ("news date invalid", {"content/news/begins.md": edit(NEWS, "date: 2009-12-01", "date: 2009-13-01")},
     "news/begins.md", 3, ["2009-13-01", "month"]),
    ("news unknown case", {"content/news/begins.md": edit(NEWS, "cases: [ana-example]", "cases: [ana-exmple]")},
     "news/begins.md", 4, ["ana-exmple", "did you mean ana-example"]),
    ("page menu not a number", {"content/pages/about.md": edit(PAGE, "menu: 1", "menu: first")},
     "pages/about.md", 3, ["menu", "whole number"]),
    ("event country missing", {"content/events/library.md": edit(EVENT, "country: MX\n", "")},
     "events/library.md", 1, ["country", "required"]),
    ("event end before start", {"content/events/library.md": edit(EVENT, "end: 2009-12-05T17:00", "end: 2009-12-05T13:00")},
     "events/library.md", 4, ["ends before it starts"]),
    ("event bad time", {"content/events/library.md": edit(EVENT, "start: 2009-12-05T14:00", "start: 5 Dec 2pm")},
     "events/library.md", 3, ["5 Dec 2pm", "YYYY-MM-DDTHH:MM"]),
    ("event bad zone", {"content/events/library.md": edit(EVENT, "America/Mexico_City", "Mexico/Somewhere")},
     "events/library.md", 5, ["Mexico/Somewhere", "time zone"]),
    ("event no city, not online", {"content/events/library.md": edit(EVENT, "city: Mexico City\n", "")},
     "events/library.md", 1, ["city", "online"]),
    ("online without url", {"content/events/library.md": edit(EVENT, "city: Mexico City", "online: true")},
     "events/library.md", 7, ["url"]),
    ("online url not http", {"content/events/library.md": edit(EVENT, "city: Mexico City",
                                                               "online: true\nurl: meet.example.org/x")},
     "events/library.md", 8, ["url", "http"]),
    ("rsvp javascript", {"content/events/library.md": edit(EVENT, "cases:", "rsvp: javascript:alert(1)\ncases:")},
     "events/library.md", 8, ["rsvp", "http"]),
    ("event unknown case", {"content/events/library.md": edit(EVENT, "[ana-example]", "[bob]")},
     "events/library.md", 8, ["bob"]),
    ("duplicate event slug", {"content/events/other.md": edit(EVENT, "title: Write-in", "slug: library\ntitle: Write-in")},
     "events/other.md", 2, ["duplicate", "library"]),
    ("translation without original", {"content/campaign.yaml": CAMPAIGN + "languages: [en, fr]\n",
                                      "content/pages/missing.fr.md": "---\ntitle: Absent\n---\n"},
     "pages/missing.fr.md", 1, ["no original"]),
    ("translation in unknown language", {"content/pages/about.de.md": "---\ntitle: Über uns\n---\n"},
     "pages/about.de.md", 1, ["'de'", "languages"]),
    ("page slug taken by the site", {"content/pages/events.md": PAGE},
     "pages/events.md", 1, ["events", "taken"]),
    ("csv unknown country", {"content/events/signups.csv": CSV_HEADER + CSV_ROW.replace(",PE,", ",QQ,")},
     "events/signups.csv", 2, ["QQ"]),
    ("csv too many fields", {"content/events/signups.csv": CSV_HEADER + CSV_ROW.replace("Tea.\n", "Tea.,extra\n")},
     "events/signups.csv", 2, ["12 fields", "11 columns"]),
    ("csv missing column", {"content/events/signups.csv": CSV_HEADER.replace("Start,", "") +
                            CSV_ROW.replace("2009-12-06T15:00,", "", 1)},
     "events/signups.csv", 1, ["start", "missing"]),
    ("csv not utf-8", {"content/events/signups.csv": (CSV_HEADER + CSV_ROW.replace("Lima,no", "Limá,no")).encode("cp1252")},
     "events/signups.csv", 2, ["UTF-8"]),
    ("csv slug climbs out", {"content/events/signups.csv": CSV_HEADER + CSV_ROW.replace("lima-letters", "../../evil")},
     "events/signups.csv", 2, ["slug", "../../evil"]),
    ("csv row after a quoted newline", {"content/events/signups.csv": CSV_HEADER + CSV_ROW.replace("Tea.", '"Tea\nand cake"')
                                        + CSV_ROW.replace("lima-letters", "b").replace(",PE,", ",ZZ,")},
     "events/signups.csv", 4, ["ZZ"]),
]


@pytest.mark.parametrize("files, path, line, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_broken_line_is_reported_with_its_file_and_line(tmp_path, files, path, line, words):
    write_campaign(tmp_path, {**BASE, **files})
    run = build(tmp_path)
    assert run.code == 1, run.out + run.err
    assert "Traceback" not in run.err
    pattern = re.compile(re.escape(path) + rf":{line}: (.*)")
    messages = [m.group(1) for m in pattern.finditer(run.err)]
    assert messages, f"no error at {path}:{line} in:\n{run.err}"
    assert any(all(word in message for word in words) for message in messages), run.err
    assert not run.site.exists(), "a failed build must write nothing"


def test_the_base_campaign_builds(tmp_path):
    write_campaign(tmp_path, BASE)
    run = build(tmp_path)
    assert run.code == 0, run.err
    assert run.exists("events/lima-letters/")


def test_every_error_is_reported_at_once(tmp_path):
    write_campaign(tmp_path, {**BASE,
                              "content/cases/ana-example.md": edit(CASE, "country: MX", "country: ZZ"),
                              "content/news/begins.md": edit(NEWS, "date: 2009-12-01", "date: 2009-13-01"),
                              "content/events/signups.csv": CSV_HEADER + CSV_ROW.replace(",PE,", ",QQ,")})
    run = build(tmp_path)
    assert run.code == 1
    for where in ("cases/ana-example.md:3:", "news/begins.md:3:", "events/signups.csv:2:"):
        assert where in run.err
    assert "3 errors" in run.err


def test_a_broken_case_causes_no_second_error_where_it_is_named(tmp_path):
    write_campaign(tmp_path, {**BASE, "content/cases/ana-example.md": edit(CASE, "status: imprisoned", "status: x")})
    run = build(tmp_path)
    assert run.code == 1
    assert run.err.count("ana-example") == 1, run.err


def test_error_paths_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    write_campaign(tmp_path, {**BASE, "content/cases/ana-example.md": edit(CASE, "country: MX", "country: ZZ")})
    monkeypatch.chdir(tmp_path)
    run = build(tmp_path)
    assert run.err.startswith("content/cases/ana-example.md:3: "), run.err


def test_a_missing_campaign_yaml_is_a_content_error(tmp_path):
    write_campaign(tmp_path, BASE, campaign=None)
    run = build(tmp_path)
    assert run.code == 1
    assert "campaign.yaml:1:" in run.err and "missing" in run.err
