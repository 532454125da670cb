"""The campaign as frozen values: what loading produces and rendering reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Optional

KINDS = ("cases", "events", "news", "pages")     # the kinds of item a Site holds, each translatable


@dataclass(frozen=True)
class Stat:
    label: str
    value: int


@dataclass(frozen=True)
class Goal:
    label: str
    target: int
    current: int


@dataclass(frozen=True)
class Campaign:
    title: str
    base_url: str
    starts: date
    ends: date
    tagline: str = ""
    timezone: str = "UTC"
    languages: tuple = ("en",)
    organisation: dict = field(default_factory=dict)
    stats: tuple = ()
    goal: Optional[Goal] = None
    host_form: str = ""
    raw_html: bool = False
    source: str = ""

    @property
    def language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class Appeal:
    to: str = ""
    address: str = ""
    salutation: str = ""
    letter: str = ""
    email: str = ""


@dataclass(frozen=True)
class Solidarity:
    address: str = ""
    note: str = ""


@dataclass(frozen=True)
class Case:
    slug: str
    name: str
    country: str
    status: str
    summary: str
    body: str = ""
    released_on: Optional[date] = None
    deadline: Optional[date] = None
    photo: str = ""
    photo_alt: str = ""
    themes: tuple = ()
    featured: tuple = ()
    appeal: Optional[Appeal] = None
    solidarity: Optional[Solidarity] = None
    lang: str = ""
    translated: bool = True     # False: shown in the default language for lack of a translation
    source: str = ""


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    start: datetime            # aware, in the event's zone
    end: Optional[datetime]
    timezone: str
    country: str
    city: str = ""
    venue: str = ""
    address: str = ""
    online: bool = False
    url: str = ""
    host: str = ""
    rsvp: str = ""
    cases: tuple = ()
    body: str = ""
    lang: str = ""
    translated: bool = True
    source: str = ""

    def __hash__(self) -> int:
        # Equal events have the same slug: hashing it alone spares hashing every field of thousands
        # of events each time a calendar looks up their kept VEVENT text.
        return hash(self.slug)

    # Moments as numbers, worked out once: comparing aware times of many zones works out their
    # offsets on every comparison, which is slow for thousands of events.
    @cached_property
    def start_moment(self) -> float:
        return self.start.timestamp()

    @cached_property
    def over_moment(self) -> float:
        """When it stops being upcoming (timeline.ends_at)."""
        from .timeline import ends_at
        return ends_at(self).timestamp()


@dataclass(frozen=True)
class NewsItem:
    slug: str
    title: str
    date: date
    summary: str = ""
    cases: tuple = ()
    body: str = ""
    lang: str = ""
    translated: bool = True
    source: str = ""


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    menu: Optional[int] = None
    body: str = ""
    lang: str = ""
    translated: bool = True
    source: str = ""


@dataclass(frozen=True)
class Media:
    path: str          # relative to content/media/
    source: str        # file on disk


@dataclass(frozen=True)
class Site:
    """Every published item in the default language, plus translations by (kind, slug, lang)."""
    campaign: Campaign
    cases: tuple
    events: tuple
    news: tuple
    pages: tuple
    media: tuple
    translations: dict = field(default_factory=dict)   # (kind, slug, lang) -> dict of text keys
    content_dir: str = ""
