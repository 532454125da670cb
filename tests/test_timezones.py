"""Local times where the events happen: odd offsets, daylight-saving days, skipped and repeated hours."""
from __future__ import annotations

import json
import zoneinfo
from datetime import datetime, timezone

import icalendar
import pytest


def event(start: str, zone: str | None = None, end: str | None = None, city: str = "Town",
          country: str = "NP") -> str:
    lines = ["---", "title: Write-in", f"start: {start}", f"country: {country}", f"city: {city}"]
    if end:
        lines.append(f"end: {end}")
    if zone:
        lines.append(f"timezone: {zone}")
    return "\n".join(lines + ["---", "Letters.", ""])


def utc_instants(run, slug: str):
    """(start, end) of an event's own .ics, as UTC moments."""
    cal = icalendar.Calendar.from_ical(run.read(f"events/{slug}/event.ics"))
    vevent = next(iter(cal.walk("VEVENT")))
    return tuple(vevent.decoded(key).astimezone(timezone.utc) for key in ("dtstart", "dtend"))


@pytest.mark.parametrize("zone, start, label, utc_start", [
    ("Asia/Kathmandu", "2009-12-05T14:00", "UTC+05:45", datetime(2009, 12, 5, 8, 15)),
    ("Asia/Kolkata", "2009-12-05T14:00", "IST, UTC+05:30", datetime(2009, 12, 5, 8, 30)),
    ("Australia/Eucla", "2009-12-05T14:00", "UTC+08:45", datetime(2009, 12, 5, 5, 15)),
    ("Pacific/Chatham", "2009-12-05T14:00", "UTC+13:45", datetime(2009, 12, 5, 0, 15)),
    ("America/St_Johns", "2009-12-05T14:00", "NST, UTC−03:30", datetime(2009, 12, 5, 17, 30)),
    ("Australia/Sydney", "2009-12-05T14:00", "AEDT, UTC+11:00", datetime(2009, 12, 5, 3, 0)),
])
def test_pages_show_local_time_with_zone_and_calendars_hold_the_instant(campaign, zone, start, label, utc_start):
    run = campaign({"content/events/write-in.md": event(start, zone, end=start[:11] + "16:00")})
    assert run.code == 0, run.err
    page = run.read("events/write-in/")
    assert label in page and zone in page
    assert "2:00" in page or "14:00" in page
    assert label in run.read("events/")
    assert utc_instants(run, "write-in")[0] == utc_start.replace(tzinfo=timezone.utc)
    item = json.loads(run.read("api/events.json"))["items"][0]
    assert item["start_utc"] == utc_start.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert item["start_local"] == start


def test_an_event_across_the_night_the_clocks_go_back(campaign):
    # New York, 1 November 2009: 02:00 EDT became 01:00 EST; 00:30 to 03:30 lasts four hours.
    run = campaign({"content/events/night.md": event("2009-11-01T00:30", "America/New_York",
                                                     end="2009-11-01T03:30", country="US")})
    assert run.code == 0, run.err
    start, end = utc_instants(run, "night")
    assert start == datetime(2009, 11, 1, 4, 30, tzinfo=timezone.utc)
    assert end == datetime(2009, 11, 1, 8, 30, tzinfo=timezone.utc)
    assert "EDT, UTC−04:00" in run.read("events/night/")


def test_an_event_on_the_day_the_clocks_go_forward(campaign):
    run = campaign({"content/events/spring.md": event("2009-03-29T10:00", "Europe/London",
                                                      end="2009-03-29T12:00", country="GB")})
    assert run.code == 0, run.err
    assert utc_instants(run, "spring")[0] == datetime(2009, 3, 29, 9, 0, tzinfo=timezone.utc)
    assert "BST, UTC+01:00" in run.read("events/spring/")


def test_the_campaigns_zone_applies_when_an_event_names_none(campaign):
    run = campaign({"content/events/write-in.md": event("2009-12-05T14:00", country="US")})
    assert run.code == 0, run.err
    assert "EST, UTC−05:00" in run.read("events/write-in/")
    assert utc_instants(run, "write-in")[0] == datetime(2009, 12, 5, 19, 0, tzinfo=timezone.utc)


def test_a_skipped_local_time_is_an_error_with_a_hint(campaign):
    run = campaign({"content/events/spring.md": event("2009-03-08T02:30", "America/New_York", country="US")})
    assert run.code == 1
    assert "spring.md:3: start: 2009-03-08T02:30 does not exist in America/New_York" in run.err
    assert "outside the skipped hour" in run.err


def test_a_repeated_local_time_is_an_error_that_suggests_offsets(campaign):
    run = campaign({"content/events/autumn.md": event("2009-11-01T00:30", "America/New_York",
                                                      end="2009-11-01T01:30", country="US")})
    assert run.code == 1
    assert "autumn.md:6: end: 2009-11-01T01:30 happens twice in America/New_York" in run.err
    assert "2009-11-01T01:30-04:00" in run.err and "2009-11-01T01:30-05:00" in run.err


@pytest.mark.parametrize("end, utc_end", [
    ("2009-11-01T01:30-04:00", datetime(2009, 11, 1, 5, 30, tzinfo=timezone.utc)),
    ("2009-11-01T01:30-05:00", datetime(2009, 11, 1, 6, 30, tzinfo=timezone.utc)),
])
def test_an_offset_picks_one_of_the_repeated_hours(campaign, end, utc_end):
    run = campaign({"content/events/autumn.md": event("2009-11-01T00:30", "America/New_York",
                                                      end=f'"{end}"', country="US")})
    assert run.code == 0, run.err
    assert utc_instants(run, "autumn")[1] == utc_end


def test_an_offset_the_zone_never_has_is_an_error(campaign):
    run = campaign({"content/events/x.md": event('"2009-12-05T14:00+02:00"', "America/New_York", country="US")})
    assert run.code == 1
    assert "x.md:3: start: 2009-12-05T14:00 in America/New_York is not at UTC offset +02:00" in run.err


def test_an_unknown_zone_is_an_error_with_a_suggestion(campaign):
    run = campaign({"content/events/x.md": event("2009-12-05T14:00", "Asia/Katmandoo")})
    assert run.code == 1
    assert "x.md:6: timezone: 'Asia/Katmandoo' is not a time zone" in run.err
    assert "did you mean Asia/Katmandu" in run.err or "did you mean Asia/Kathmandu" in run.err


def test_zone_data_comes_from_the_tzdata_package(campaign):
    """With no system zone folders at all, the build still knows Kathmandu."""
    saved = zoneinfo.TZPATH
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
    try:
        run = campaign({"content/events/write-in.md": event("2009-12-05T14:00", "Asia/Kathmandu")})
    finally:
        zoneinfo.reset_tzpath(to=saved)
        zoneinfo.ZoneInfo.clear_cache()
    assert run.code == 0, run.err
    assert utc_instants(run, "write-in")[0] == datetime(2009, 12, 5, 8, 15, tzinfo=timezone.utc)
