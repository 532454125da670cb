"""Events from a sign-up form's CSV export: encodings, line ends, quoting, slugs and error lines."""
from __future__ import annotations

import json

import pytest

CASE = """\
---
name: Rita Mahato
country: NP
status: at-risk
summary: A health worker threatened for her work.
---
Her story.
"""

# What a form export really looks like: BOM, CRLF, padded and re-cased headers in any
# order, a Timestamp and an Email column, commas and newlines inside quoted cells.
HEADER = "\ufeffTimestamp, Email Address , TITLE,Start,end,Country,City,Venue,Online,URL,Cases,Description,Host\r\n"
ROWS = [
    '2009/11/20 10:01,ana@example.net,Write-in at the library,2009-12-05T14:00,2009-12-05T17:00,NP,Kathmandu,'
    '"City library, room 2",no,,rita-mahato,"Bring pens,\r\nand paper.\r\n\r\nTea *provided*.",Kathmandu group\r\n',
    '2009/11/21 09:30,bo@example.net,Online evening,2009-12-06T19:00,,GB,,,Yes,https://meet.example.org/pens,'
    'rita-mahato; ,"One line",\r\n',
    '2009/11/22 08:00,cy@example.net,Café des lettres,2009-12-07T18:30,2009-12-07T20:00,fr,Paris,,,,,,\r\n',
]


def export(*rows: str) -> bytes:
    return (HEADER + "".join(rows)).encode("utf-8")


def test_a_form_export_becomes_event_pages(campaign):
    run = campaign({"content/cases/rita-mahato.md": CASE, "content/events/signups.csv": export(*ROWS)})
    assert run.code == 0, run.err
    page = run.read("events/write-in-at-the-library-kathmandu-2009-12-05/")
    assert "City library, room 2" in page
    assert "Bring pens,\nand paper." in page and "<em>provided</em>" in page
    assert "Kathmandu group" in page
    online = run.read("events/online-evening-2009-12-06/")
    assert "https://meet.example.org/pens" in online
    assert run.exists("events/cafe-des-lettres-paris-2009-12-07/")
    # The case page lists the events writing for it.
    case = run.read("cases/rita-mahato/")
    assert "Write-in at the library" in case and "Online evening" in case


def test_columns_that_are_not_keys_are_never_published(campaign):
    run = campaign({"content/cases/rita-mahato.md": CASE, "content/events/signups.csv": export(*ROWS)})
    assert run.code == 0, run.err
    for path in run.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".ics", ".xml"):
            text = path.read_text("utf-8")
            assert "@example.net" not in text, path
            assert "2009/11/20" not in text, path


def test_booleans_cases_and_empty_optional_cells(campaign):
    run = campaign({"content/cases/rita-mahato.md": CASE, "content/events/signups.csv": export(*ROWS)})
    items = {e["slug"]: e for e in json.loads(run.read("api/events.json"))["items"]}
    assert items["online-evening-2009-12-06"]["online"] is True
    assert items["online-evening-2009-12-06"]["cases"] == ["rita-mahato"]
    assert items["write-in-at-the-library-kathmandu-2009-12-05"]["online"] is False
    cafe = items["cafe-des-lettres-paris-2009-12-07"]
    assert cafe["country"] == "FR" and cafe["venue"] is None and cafe["cases"] == []


def test_lf_only_and_no_bom_read_the_same(campaign):
    text = export(*ROWS).decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    run = campaign({"content/cases/rita-mahato.md": CASE, "content/events/signups.csv": text})
    assert run.code == 0, run.err
    assert "Bring pens,\nand paper." in run.read("events/write-in-at-the-library-kathmandu-2009-12-05/")


def test_a_cell_above_the_csv_modules_default_limit_is_read(campaign):
    huge = "word " * 40_000      # 200 kB, above csv's 128 kB field limit
    row = f'x,y,Long notes,2009-12-05T10:00,,NP,Pokhara,,,,,"{huge}",\r\n'
    run = campaign({"content/events/signups.csv": export(row)})
    assert run.code == 0, run.err
    assert run.read("events/long-notes-pokhara-2009-12-05/").count("word") >= 40_000


SIMPLE = "title,start,country,city\n"


@pytest.mark.parametrize("csv_text, line, words", [
    ("title,country,city\nA,NP,Kathmandu\n", 1, "column 'start' is missing"),
    (" Title , START \nA,2009-12-05T10:00\n", 1, "column 'country' is missing"),
    (SIMPLE + "A,2009-12-05T10:00,NP,Kathmandu\nB,2009-12-05T10:00,NP,Pokhara,extra\n", 3, "5 fields"),
    (SIMPLE + 'A,2009-12-05T10:00,NP,"Kath\nmandu"\nB,2009-12-05T10:00,UK,Leeds\n', 4, "'UK' is not an ISO"),
    (SIMPLE + '"A\n\nlong\ntitle",2009-12-05T10:00,NP,X\nB,5 Dec 2009,NP,Pokhara\n', 6, "start: '5 Dec 2009'"),
    (SIMPLE + "\nA,2009-12-05T10:00,NP,Kathmandu\n\nB,2009-12-05T25:00,NP,X\n", 5, "start:"),
    (SIMPLE + "A,2009-12-05T10:00,NP,\n", 2, "city is required unless the event is online"),
    ("title,start,country,online\nA,2009-12-05T10:00,NP,maybe\n", 2, "online: 'maybe' is not true or false"),
    ("title,start,country,online,url\nA,2009-12-05T10:00,NP,yes,ftp://x.org/\n", 2, "url:"),
    ("title,start,end,country,city\nA,2009-12-05T10:00,2009-12-05T09:00,NP,X\n", 2, "ends before it starts"),
    (SIMPLE + 'A,2009-12-05T10:00,NP,X\nB,2009-12-05T10:00,NP,"Pokhara\n', 3, "quote"),
    ("title,start,country,city,slug\nA,2009-12-05T10:00,NP,X,../../evil\n", 2, "slug:"),
])
def test_errors_name_the_file_and_physical_line(campaign, csv_text, line, words):
    run = campaign({"content/events/signups.csv": csv_text})
    assert run.code == 1
    assert f"events/signups.csv:{line}: " in run.err, run.err
    message = next(l for l in run.err.splitlines() if f"signups.csv:{line}: " in l)
    assert words in message, run.err
    assert not run.site.exists()


def test_a_file_that_is_not_utf8_is_refused_with_a_hint(campaign):
    run = campaign({"content/events/signups.csv": (SIMPLE + "Café,2009-12-05T10:00,FR,Paris\n").encode("cp1252")})
    assert run.code == 1
    assert "signups.csv:2: the file is not UTF-8" in run.err and "UTF-8" in run.err


GENERATED = SIMPLE + "".join(f"Write-in,2009-12-05T1{i}:00,NP,Kathmandu\n" for i in range(3)) + \
    "Ça va 東京,2009-12-06T10:00,JP,Tōkyō\nမြန်မာ,2009-12-06T10:00,MM,\"ရန်ကုန်\"\n"


def test_generated_slugs_are_ascii_stable_and_unique_in_file_order(campaign):
    run = campaign({"content/events/signups.csv": GENERATED})
    assert run.code == 0, run.err
    slugs = [e["slug"] for e in json.loads(run.read("api/events.json"))["items"]]
    assert slugs[:3] == ["write-in-kathmandu-2009-12-05", "write-in-kathmandu-2009-12-05-2",
                         "write-in-kathmandu-2009-12-05-3"]
    assert set(slugs[3:]) == {"ca-va-tokyo-2009-12-06", "2009-12-06"}
    # The Burmese title and city survive on the page even though the slug cannot hold them.
    assert "မြန်မာ" in run.read("events/2009-12-06/")


def test_generated_slugs_do_not_change_between_builds(campaign, tmp_path):
    first = campaign({"content/events/signups.csv": GENERATED})
    names = sorted(p.name for p in (first.site / "events").iterdir())
    second = campaign({})
    assert sorted(p.name for p in (second.site / "events").iterdir()) == names


MD_EVENT = """\
---
title: Write-in
start: 2009-12-05T10:00
country: NP
city: Kathmandu
---
"""


@pytest.mark.parametrize("csv_text, csv_line", [
    ("title,start,country,city,slug\nOther,2009-12-06T10:00,NP,Pokhara,write-in-kathmandu-2009-12-05\n", 2),
    (SIMPLE + "\nWrite-in,2009-12-05T10:00,NP,Kathmandu\n", 3),
])
def test_a_csv_slug_taken_by_a_markdown_event_is_an_error_naming_both(campaign, csv_text, csv_line):
    run = campaign({"content/events/write-in-kathmandu-2009-12-05.md": MD_EVENT,
                    "content/events/signups.csv": csv_text})
    assert run.code == 1
    message = next(l for l in run.err.splitlines() if f"signups.csv:{csv_line}:" in l)
    assert "duplicate slug 'write-in-kathmandu-2009-12-05'" in message
    assert "write-in-kathmandu-2009-12-05.md:1" in message


def test_many_rows_build(campaign, tmp_path):
    rows = "".join(f"Write-in {i},2009-12-{5 + i % 9:02d}T10:00,NP,Kathmandu\n" for i in range(300))
    run = campaign({"content/events/signups.csv": SIMPLE + rows})
    assert run.code == 0, run.err
    assert len(json.loads(run.read("api/events.json"))["items"]) == 300
