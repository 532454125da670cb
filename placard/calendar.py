"""iCalendar (RFC 5545) files: one per event, one for all events, one per country."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from operator import attrgetter
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent
from icalendar import Timezone

from . import fmt, urls
from .markup import plain
from .model import Event

PRODID = "-//Placard//Campaign events//EN"
DESCRIPTION_LIMIT = 2000


def calendar_bytes(events, name: str, vevent: Callable[[Event], bytes], known: dict, kept=None) -> bytes:
    """An iCalendar file holding `events`, in order (timeline.in_order), with the VTIMEZONE of every
    zone they use.

    `vevent(event)` gives an event's VEVENT text (vevent_text); `known` keeps each (by the event)
    for the next calendar that holds it.
    `kept`, a memo.LastResults held between a preview's saves, keeps what a calendar of many
    events reads of them: a save then looks again only at the events it changed."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    parts = []

    def text(event) -> bytes:
        found = known.get(event)
        if found is None:
            found = known[event] = vevent(event)
        return found
    if events:
        first, last, zones = _zones(events) if kept is None else kept.get(
            ("calendar zones", name), events, lambda: _zones(events), attrgetter("start", "end", "timezone"))
        parts += [_timezone_block(zone, first, last) for zone in zones]
    parts += map(text, events) if kept is None else kept.each(("calendar", name), events, text)
    end = b"END:VCALENDAR\r\n"
    # Joined once: a calendar of thousands of events is megabytes, and each copy of it costs.
    return b"".join([cal.to_ical()[:-len(end)], *parts, end])


def _zones(events) -> tuple:
    """(first day, last day, zones) of the VTIMEZONEs of a calendar of `events`: one per zone, in
    name order, so the bytes never depend on the machine. Their span is whole years around the
    events' local days, so calendars of the same years share one worked-out block."""
    return (date(min(e.start.year for e in events) - 1, 1, 1),
            date(max((e.end or e.start).year for e in events) + 2, 1, 1),
            tuple(sorted({e.timezone for e in events})))


@lru_cache(maxsize=256)
def _timezone_block(zone: str, first, last) -> bytes:
    """A zone's VTIMEZONE text: costly to work out, and the same for every calendar of a build."""
    return Timezone.from_tzid(zone, first_date=first, last_date=last).to_ical()


# Every field of an event, more than its VEVENT reads, so no change it shows is missed: with the
# site's address, the campaign's first day and the code, its key in the cache kept across builds.
VEVENT_INPUTS = attrgetter(*(f.name for f in fields(Event)))


def vevent_text(event, campaign, links, md) -> bytes:
    """An event's VEVENT, made once though it appears in its own, its country's and the whole calendar."""
    host = urlsplit(links.base_url).hostname or "placard"
    stamp = datetime.combine(campaign.starts, time(0), timezone.utc)
    return _vevent(event, host, stamp, links, md).to_ical()


def _vevent(event, host: str, stamp: datetime, links, md) -> VEvent:
    page = links.absolute(urls.event(event.slug))
    vevent = VEvent()
    vevent.add("uid", f"{event.slug}@{host}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _moment(event.start))
    vevent.add("dtend", _moment(event.end or event.start + timedelta(hours=2)))
    vevent.add("summary", event.title)
    vevent.add("url", page)
    vevent.add("location", location(event))
    text = plain(md.html(event.body, volunteer=True), DESCRIPTION_LIMIT)
    extra = [f"RSVP: {event.rsvp}"] if event.rsvp else []
    vevent.add("description", "\n\n".join([t for t in (text, *extra) if t] + [page]))
    return vevent


def _moment(value: datetime) -> datetime:
    """Local time with its zone; in UTC for the second of a repeated hour, which a TZID cannot name."""
    if value.fold and value.replace(fold=0).utcoffset() != value.utcoffset():
        return value.astimezone(timezone.utc)
    return value


def location(event) -> str:
    if event.online:
        return "Online"
    country = fmt.country_name(event.country, event.lang)    # in the campaign's language
    parts = [event.venue, *event.address.splitlines(), event.city, country]
    return ", ".join(dict.fromkeys(p for p in parts if p))
