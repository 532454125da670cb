"""Finding an event: upcoming and past at --now, days in local dates, countries, online or in person."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

CASE = """\
---
name: Ana Example
country: MX
status: imprisoned
summary: A teacher imprisoned for a peaceful protest.
---
"""


def event(title: str, start: str, zone: str, country: str, *, end: str = "", city: str = "Town",
          online: bool = False, cases: str = "") -> str:
    lines = ["---", f"title: {title}", f"start: {start}", f"timezone: {zone}", f"country: {country}"]
    lines += [f"end: {end}"] if end else []
    lines += ["online: true", "url: https://meet.example.org/room-" + title.lower().replace(" ", "-")] if online \
        else [f"city: {city}"]
    lines += [f"cases: [{cases}]"] if cases else []
    return "\n".join(lines + ["---", ""])


class Listing(HTMLParser):
    """Event cards of a page: (section id, local day, title, data-country, data-mode), in page order."""

    def __init__(self):
        super().__init__()
        self.cards, self.section, self.day, self.card, self.in_title = [], "", "", None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("id"):
            self.section = attrs["id"]
        if tag == "section" and "data-day" in attrs:
            self.day = attrs["data-day"]
        if tag == "article" and "event-card" in (attrs.get("class") or ""):
            self.card = [self.section, self.day, "", attrs["data-country"], attrs["data-mode"]]
        if tag == "a" and self.card is not None and not self.card[2]:
            self.in_title = True

    def handle_data(self, data):
        if self.in_title:
            self.card[2] += data

    def handle_endtag(self, tag):
        if tag == "a" and self.in_title:
            self.in_title = False
            self.cards.append(tuple(self.card))
            self.card = None


def cards(html: str) -> list:
    parser = Listing()
    parser.feed(html)
    return parser.cards


@dataclass
class Note:
    hidden: bool
    text: str


def past_note(html: str) -> Note:
    tag = re.search(r'<p class="note past-note"([^>]*)>([^<]*)</p>', html)
    return Note(" hidden" in tag[1], tag[2])


EVENTS = {
    "content/cases/ana-example.md": CASE,
    # 5 Dec 10:00 in Sydney, no end: upcoming until midnight there (13:00 UTC).
    "content/events/sydney.md": event("Sydney", "2009-12-05T10:00", "Australia/Sydney", "AU"),
    # Ends 17:00 in New York, 22:00 UTC.
    "content/events/new-york.md": event("New York", "2009-12-05T14:00", "America/New_York", "US",
                                        end="2009-12-05T17:00", cases="ana-example"),
    # 6 Dec 08:00 in Auckland is 5 Dec 19:00 UTC: it starts before Honolulu's but on a later local day.
    "content/events/auckland.md": event("Auckland", "2009-12-06T08:00", "Pacific/Auckland", "NZ"),
    "content/events/honolulu.md": event("Honolulu", "2009-12-05T20:00", "Pacific/Honolulu", "US"),
    "content/events/online.md": event("Online", "2009-12-07T18:00", "Europe/London", "GB", online=True,
                                      end="2009-12-07T19:00", cases="ana-example"),
}


@pytest.mark.parametrize("now, upcoming, past", [
    ("2009-12-01T00:00Z", ["Sydney", "New York", "Honolulu", "Auckland", "Online"], []),
    ("2009-12-05T12:59Z", ["Sydney", "New York", "Honolulu", "Auckland", "Online"], []),
    ("2009-12-05T13:00Z", ["New York", "Honolulu", "Auckland", "Online"], ["Sydney"]),
    ("2009-12-05T21:59Z", ["New York", "Honolulu", "Auckland", "Online"], ["Sydney"]),
    ("2009-12-05T22:00Z", ["Honolulu", "Auckland", "Online"], ["New York", "Sydney"]),
    ("2009-12-31T00:00Z", [], ["Online", "Auckland", "Honolulu", "New York", "Sydney"]),
])
def test_upcoming_and_past_split_at_now(campaign, now, upcoming, past):
    run = campaign(EVENTS, now=now)
    assert run.code == 0, run.err
    listed = cards(run.read("events/"))
    assert [c[2] for c in listed if c[0] == "upcoming"] == upcoming
    assert [c[2] for c in listed if c[0] == "past"] == past
    api = {e["title"]: e["past"] for e in json.loads(run.read("api/events.json"))["items"]}
    assert sorted(t for t, was in api.items() if was) == sorted(past)
    assert sorted(c[2] for c in cards(run.read(""))) == sorted(upcoming)


def test_days_are_the_events_local_dates(campaign):
    run = campaign(EVENTS)
    days = [(c[1], c[2]) for c in cards(run.read("events/"))]
    assert days == [("2009-12-05", "Sydney"), ("2009-12-05", "New York"), ("2009-12-05", "Honolulu"),
                    ("2009-12-06", "Auckland"), ("2009-12-07", "Online")]
    page = run.read("events/")
    assert "Saturday, December 5, 2009" in page and "Sunday, December 6, 2009" in page


def test_an_ended_event_page_says_so_and_carries_its_end_for_the_script(campaign):
    run = campaign(EVENTS, now="2009-12-06T00:00Z")
    ended = run.read("events/new-york/")
    assert 'data-ends="2009-12-05T17:00:00-05:00"' in ended
    assert not past_note(ended).hidden and past_note(ended).text == "This event has ended."
    assert past_note(run.read("events/online/")).hidden
    # Without an end, the script moves the event at local midnight.
    assert 'data-ends="2009-12-06T00:00:00+11:00"' in run.read("events/")


def test_filters_by_country_and_kind(campaign):
    run = campaign(EVENTS)
    listed = cards(run.read("events/"))
    assert {(c[2], c[3], c[4]) for c in listed} >= {("Online", "gb", "online"), ("Sydney", "au", "in-person")}
    page = run.read("events/")
    for code in ("au", "gb", "nz", "us"):
        assert f'href="/sub/countries/{code}/"' in page
    assert '<option value="online">' in page and '<option value="in-person">' in page
    # Without a script the form stays hidden; the per-country pages are the filter.
    assert '<form class="event-filter" hidden>' in page
    assert [c[2] for c in cards(run.read("countries/us/"))] == ["New York", "Honolulu"]
    assert [c[2] for c in cards(run.read("countries/nz/"))] == ["Auckland"]


def test_a_case_lists_the_events_writing_for_it(campaign):
    run = campaign(EVENTS, now="2009-12-06T00:00Z")
    listed = cards(run.read("cases/ana-example/"))
    assert sorted(c[2] for c in listed) == ["New York", "Online"]
    event_page = run.read("events/new-york/")
    assert 'href="/sub/cases/ana-example/"' in event_page


def test_an_online_events_address_is_only_on_its_own_page(campaign):
    run = campaign(EVENTS)
    assert "room-online" in run.read("events/online/")
    for location in ("", "events/", "countries/gb/", "cases/ana-example/", "api/events.json", "feed.xml"):
        assert "room-online" not in run.read(location), location


@pytest.mark.parametrize("text, line, words", [
    ("---\ntitle: A\nstart: 2009-12-05T10:00\ncountry: NP\n---\n", 1, "city is required unless"),
    ("---\ntitle: A\nstart: 2009-12-05T10:00\ncountry: NP\nonline: false\n---\n", 5, "city is required unless"),
    ("---\ntitle: A\nstart: 2009-12-05T10:00\ncountry: NP\nonline: true\n---\n", 5, "url: an online event"),
    ("---\ntitle: A\nstart: 2009-12-05T10:00\nend: 2009-12-05T10:00\ncountry: NP\ncity: X\n---\n", 4,
     "ends before it starts"),
])
def test_where_an_event_happens_is_checked(campaign, text, line, words):
    run = campaign({"content/events/a.md": text})
    assert run.code == 1
    assert f"events/a.md:{line}: " in run.err and words in run.err, run.err
