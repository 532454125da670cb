"""When events happen: past or upcoming at a moment, in order, grouped by local day."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from operator import attrgetter


def is_past(event, now: datetime) -> bool:
    """Past once its end has passed, or without an end, once its local start day is over (ends_at)."""
    return event.over_moment <= now.timestamp()


def ends_at(event) -> datetime:
    """The moment an event stops being upcoming."""
    if event.end is not None:
        return event.end
    return datetime.combine(event.start.date() + timedelta(days=1), time(0), event.start.tzinfo)


def in_order(events) -> list:
    """Events by the moment they start, then by slug."""
    return sorted(events, key=ORDERED_BY)


ORDERED_BY = attrgetter("start_moment", "slug")


def kept_in_order(kept, lang: str, events) -> list:
    """in_order(events) of one language's events, given again by `kept` (a memo.LastResults) while
    they are the same, or while those a save changed start when they did: the pages, the
    calendars and the API of a save share one sort."""
    return kept.get(("events in order", lang), events, lambda: in_order(events), ORDERED_BY)


def kept_by_country(kept, lang: str, ordered) -> dict:
    """by_country(ordered) of one language's events in order, shared as kept_in_order is."""
    return kept.get(("events by country", lang), ordered, lambda: by_country(ordered), attrgetter("country"))


def kept_split(kept, lang: str, ordered, now: datetime):
    """split(ordered, now), kept as kept_in_order is."""
    return kept.get(("events split", lang, now), ordered, lambda: split(ordered, now), attrgetter("over_moment"))


def kept_by_local_day(kept, lang: str, events, newest_first: bool = False):
    """by_local_day(events, newest_first), kept as kept_in_order is."""
    return kept.get(("events by local day", lang, newest_first), events,
                    lambda: by_local_day(events, newest_first), lambda event: event.start.date())


def split(ordered, now: datetime):
    """(upcoming soonest first, past newest first) of events already in_order."""
    past = [is_past(e, now) for e in ordered]
    upcoming = [e for e, gone in zip(ordered, past) if not gone]
    return upcoming, [e for e, gone in zip(reversed(ordered), reversed(past)) if gone]


def by_country(events) -> dict:
    """{country code: [its events, in the order given]}."""
    found: dict = {}
    for event in events:
        found.setdefault(event.country, []).append(event)
    return found


def by_local_day(events, newest_first: bool = False):
    """[(local date, [events])]: days in order, each day's events in the order given."""
    days: dict = {}
    for event in events:
        days.setdefault(event.start.date(), []).append(event)
    return sorted(days.items(), key=lambda pair: pair[0], reverse=newest_first)
