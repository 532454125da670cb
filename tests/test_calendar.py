"""iCalendar files: one per event, one for all, one per country; parsed back with icalendar."""
from __future__ import annotations

from datetime import datetime, timezone

import icalendar

EVENTS = {
    "content/events/kathmandu.md": """\
---
title: Write-in at the library
start: 2009-12-05T14:00
end: 2009-12-05T17:00
timezone: Asia/Kathmandu
country: NP
city: Kathmandu
venue: City library, room 2
address: |
  Ram Shah Path
  Ward 4
rsvp: https://example.org/sign-up
---
Bring pens; we bring *paper*.
""",
    "content/events/online.md": """\
---
title: Online evening
start: 2009-12-06T19:00
end: 2009-12-06T20:30
timezone: Europe/London
country: GB
online: true
url: https://meet.example.org/secret-room
---
From home.
""",
    "content/events/pokhara.md": """\
---
title: Lakeside letters
start: 2009-12-07T10:00
timezone: Asia/Kathmandu
country: NP
city: Pokhara
---
""",
}


def parse(run, location: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(run.read(location))


def by_uid(cal) -> dict:
    return {str(v["uid"]): v for v in cal.walk("VEVENT")}


def test_every_calendar_exists_and_parses(campaign):
    run = campaign(EVENTS)
    assert run.code == 0, run.err
    everything = parse(run, "events.ics")
    assert len(everything.walk("VEVENT")) == 3
    assert {str(t["tzid"]) for t in everything.walk("VTIMEZONE")} == {"Asia/Kathmandu", "Europe/London"}
    nepal = parse(run, "countries/np/events.ics")
    assert sorted(str(v["summary"]) for v in nepal.walk("VEVENT")) == ["Lakeside letters",
                                                                      "Write-in at the library"]
    assert [str(v["summary"]) for v in parse(run, "countries/gb/events.ics").walk("VEVENT")] == ["Online evening"]
    for slug in ("kathmandu", "online", "pokhara"):
        assert len(parse(run, f"events/{slug}/event.ics").walk("VEVENT")) == 1


def test_instants_location_and_link_back(campaign):
    run = campaign(EVENTS)
    vevent = by_uid(parse(run, "events.ics"))["kathmandu@example.org"]
    assert vevent.decoded("dtstart").astimezone(timezone.utc) == datetime(2009, 12, 5, 8, 15, tzinfo=timezone.utc)
    assert vevent.decoded("dtend").astimezone(timezone.utc) == datetime(2009, 12, 5, 11, 15, tzinfo=timezone.utc)
    assert vevent["dtstart"].params["TZID"] == "Asia/Kathmandu"
    assert str(vevent["location"]) == "City library, room 2, Ram Shah Path, Ward 4, Kathmandu, Nepal"
    assert str(vevent["url"]) == "https://example.org/sub/events/kathmandu/"
    description = str(vevent["description"])
    assert "Bring pens; we bring paper." in description and "https://example.org/sign-up" in description
    # Without an end, an event is given two hours in calendars.
    lakeside = by_uid(parse(run, "events.ics"))["pokhara@example.org"]
    assert lakeside.decoded("dtend") - lakeside.decoded("dtstart") == (
        datetime(2009, 1, 1, 2) - datetime(2009, 1, 1))


def test_uids_are_stable_and_shared_between_files(campaign):
    first = campaign(EVENTS)
    again = campaign({})
    assert first.read("events.ics") == again.read("events.ics")
    own = by_uid(parse(first, "events/online/event.ics"))
    assert list(own) == ["online@example.org"]
    assert "online@example.org" in by_uid(parse(first, "events.ics"))


def test_an_online_events_address_stays_on_its_page(campaign):
    run = campaign(EVENTS)
    vevent = by_uid(parse(run, "events.ics"))["online@example.org"]
    assert str(vevent["location"]) == "Online"
    for location in ("events.ics", "countries/gb/events.ics", "events/online/event.ics",
                     "events/", "countries/gb/", "", "search/", "api/events.json"):
        assert "secret-room" not in run.read(location), location
    assert 'href="https://meet.example.org/secret-room"' in run.read("events/online/")


def test_each_event_page_offers_its_calendar_file(campaign):
    run = campaign(EVENTS)
    page = run.read("events/kathmandu/")
    assert 'href="/sub/events/kathmandu/event.ics"' in page and "Add to calendar" in page
    assert 'href="/sub/events.ics"' in run.read("events/")
    assert 'href="/sub/countries/np/events.ics"' in run.read("countries/np/")


def test_the_files_are_rfc5545_text(campaign):
    run = campaign(EVENTS)
    data = (run.site / "events.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"VERSION:2.0" in data and b"PRODID:" in data


def test_line_breaks_in_fields_cannot_smuggle_a_second_event(campaign):
    smuggler = """\
---
title: "Tea\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Smuggled listing"
start: 2009-12-05T14:00
country: NP
city: Kathmandu
venue: "Hall\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Smuggled listing\\r\\nDTSTART:20091205T000000Z"
---
Notes
END:VEVENT
BEGIN:VEVENT
SUMMARY:Smuggled listing
"""
    csv_text = ('title,start,country,city,description\r\n'
                'Row,2009-12-06T10:00,NP,Pokhara,"a\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Smuggled listing"\r\n')
    run = campaign({"content/events/smuggler.md": smuggler, "content/events/rows.csv": csv_text})
    assert run.code == 0, run.err
    for location in ("events.ics", "countries/np/events.ics", "events/smuggler/event.ics"):
        lines = (run.site / location).read_bytes().split(b"\r\n")
        assert not [line for line in lines if line.startswith(b"SUMMARY:Smuggled")]
        assert lines.count(b"BEGIN:VEVENT") == len(parse(run, location).walk("VEVENT"))
    assert len(parse(run, "events.ics").walk("VEVENT")) == 2


def test_a_fold_never_splits_an_escaped_character(campaign):
    """Some calendar apps (Google Calendar among them) drop an event whose long line is folded
    between a backslash and the character it escapes (icalendar issue 1501)."""
    body = " ".join(f"Bring {'pen' * (n % 7)}, paper; stamps." for n in range(40))
    run = campaign({"content/events/long.md": EVENTS["content/events/pokhara.md"] + body + "\n"})
    assert run.code == 0, run.err
    lines = (run.site / "events/long/event.ics").read_bytes().split(b"\r\n")
    folded = [line for line, after in zip(lines, lines[1:]) if after.startswith(b" ")]
    assert len(folded) > 10
    for line in folded:
        trailing = len(line) - len(line.rstrip(b"\\"))
        assert trailing % 2 == 0, line
