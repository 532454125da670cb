"""Locale-aware text for dates, times, zones, numbers and country names (Babel, CLDR data)."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

import pycountry
from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

RTL_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"}


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


def direction(lang: str) -> str:
    return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"


def og_locale(lang: str) -> str:
    """The language with its most likely territory, as Open Graph wants it: en_US, ar_EG."""
    parts = (get_global("likely_subtags").get(lang) or lang).split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else lang


def language_name(lang: str) -> str:
    """A language's name in itself, e.g. Français, العربية."""
    name = locale(lang).get_display_name(locale(lang)) or lang
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=None)
def country_name(code: str, lang: str) -> str:
    name = locale(lang).territories.get(code.upper())
    if name:
        return name
    entry = pycountry.countries.get(alpha_2=code.upper())
    return entry.name if entry else code.upper()


@lru_cache(maxsize=4096)      # dates repeat across a build's pages: Babel's pattern work is worth keeping
def day(value: date, lang: str) -> str:
    """5 December 2009."""
    return format_date(value, "long", locale=lang)


@lru_cache(maxsize=4096)
def weekday(value: date, lang: str) -> str:
    """Saturday, 5 December 2009."""
    return format_date(value, "full", locale=lang)


def time(value: datetime, lang: str) -> str:
    return _clock_time(value.replace(tzinfo=None).time(), lang)


@lru_cache(maxsize=4096)
def _clock_time(value, lang: str) -> str:
    return format_time(value, "short", locale=lang)


def day_and_time(day_text: str, time_text: str, lang: str) -> str:
    """A day and a time joined the way the language joins them (CLDR), e.g. 'sábado, 5 …, 14:00'."""
    pattern = str(locale(lang).datetime_formats["full"])
    return pattern.replace("{1}", day_text).replace("{0}", time_text)


def offset(value: datetime) -> str:
    """UTC+05:45, UTC−04:00."""
    minutes = int(value.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_label(value: datetime) -> str:
    """The zone's abbreviation and offset, e.g. 'AEDT, UTC+11:00' or 'UTC+05:45'."""
    name = value.tzname() or ""
    off = offset(value)
    if not name or name[0] in "+-" or name == "UTC":
        return off
    return f"{name}, {off}"


def number(value: int, lang: str) -> str:
    return format_decimal(value, locale=lang)


def percent(fraction: float, lang: str) -> str:
    return format_percent(fraction, locale=lang)
