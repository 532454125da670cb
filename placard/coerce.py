"""Coercers: text from YAML or CSV into the value a field needs, or Invalid with a hint."""
from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pycountry

from .errors import Invalid

STATUSES = ("imprisoned", "detained", "at-risk", "facing-execution",
            "awaiting-justice", "disappeared", "released")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Codes that ISO reserves for other uses but that people write for a country.
RESERVED_CODES = {"UK": "GB", "EL": "GR", "EN": "GB"}
# Control characters (but tab and line ends) have no place in content and break XML feeds.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1", "on", "y"}, {"false", "no", "0", "off", "n", ""}


def without_controls(raw: str) -> str:
    return CONTROLS.sub("", raw)


def text(value) -> str:
    """One line of plain text."""
    if isinstance(value, (dict, list)):
        raise Invalid("must be text, not a " + ("list" if isinstance(value, list) else "set of keys"))
    result = " ".join(str(value).split())
    if not result:
        raise Invalid("is empty")
    return result


def markdown(value) -> str:
    """Markdown text, line breaks kept."""
    if isinstance(value, (dict, list)):
        raise Invalid("must be text (Markdown)")
    return str(value).strip("\n")


def multiline(value) -> str:
    """Text whose line breaks matter, such as a postal address."""
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    if isinstance(value, dict):
        raise Invalid("must be text, one line per address line")
    lines = [" ".join(line.split()) for line in str(value).strip().splitlines()]
    return "\n".join(line for line in lines if line)


def day(value) -> date:
    raw = text(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise Invalid(f"'{raw}' is not a date", "write dates as YYYY-MM-DD, e.g. 2009-12-10")
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise Invalid(f"'{raw}' is not a date: {exc}") from None


def local_datetime(value) -> datetime:
    """A local date and time, e.g. 2009-12-05T14:00; a UTC offset may follow to pick a repeated hour."""
    raw = text(value)
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?"
                         r"(?:([+-])(\d{2}):?(\d{2}))?", raw)
    if not match:
        raise Invalid(f"'{raw}' is not a local date and time",
                      "write it as YYYY-MM-DDTHH:MM, e.g. 2009-12-05T14:00, without a zone")
    try:
        the_day = date.fromisoformat(match[1])
        offset = None
        if match[5]:
            minutes = (int(match[6]) * 60 + int(match[7])) * (-1 if match[5] == "-" else 1)
            offset = timezone(timedelta(minutes=minutes))
        return datetime(the_day.year, the_day.month, the_day.day,
                        int(match[2]), int(match[3]), int(match[4] or 0), tzinfo=offset)
    except ValueError as exc:
        raise Invalid(f"'{raw}' is not a date and time: {exc}") from None


def country(value) -> str:
    raw = text(value)
    code = raw.upper()
    if len(code) == 2 and pycountry.countries.get(alpha_2=code):
        return code
    hint = ""
    if code in RESERVED_CODES:
        hint = f"did you mean {RESERVED_CODES[code]}?"
    else:
        try:
            hint = f"did you mean {pycountry.countries.lookup(raw).alpha_2}?"
        except LookupError:
            hint = "use the two-letter ISO 3166-1 code, e.g. MX for Mexico"
    raise Invalid(f"'{raw}' is not an ISO country code", hint)


def status(value) -> str:
    raw = text(value).lower()
    if raw in STATUSES:
        return raw
    close = difflib.get_close_matches(raw, STATUSES, n=1)
    hint = f"did you mean {close[0]}?" if close else ""
    raise Invalid(f"'{raw}' is not a status; use one of: {', '.join(STATUSES)}", hint)


def flag(value) -> bool:
    if isinstance(value, bool):
        return value
    raw = "" if value is None else text(value).lower() if str(value).strip() else ""
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise Invalid(f"'{value}' is not true or false", "write true or false")


def integer(value) -> int:
    raw = text(value).replace(",", "").replace("_", "")
    if not re.fullmatch(r"[-+]?\d+", raw):
        raise Invalid(f"'{value}' is not a whole number")
    return int(raw)


def number_or_none(value):
    return None if value is None else integer(value)


def years(value) -> tuple[int, ...]:
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        year = integer(item)
        if not 1900 <= year <= 2200:
            raise Invalid(f"'{item}' is not a year")
        result.append(year)
    return tuple(result)


def words(value) -> tuple[str, ...]:
    """A list of short texts; a single text is a list of one."""
    items = value if isinstance(value, list) else [value]
    return tuple(text(item) for item in items if item is not None and str(item).strip())


def slug_list(value) -> tuple[str, ...]:
    """Slugs as a YAML list or as text separated by ; or ,."""
    items = value if isinstance(value, list) else re.split(r"[;,]", str(value or ""))
    result = []
    for item in items:
        raw = text(item).lower() if item is not None and str(item).strip() else ""
        if raw:
            result.append(slug(raw))
    return tuple(dict.fromkeys(result))


def slug(value) -> str:
    raw = text(value)
    if not SLUG.fullmatch(raw):
        raise Invalid(f"'{raw}' is not a valid slug",
                      "use lower-case ASCII letters, digits and - only, e.g. " + (make_slug(raw) or "my-slug"))
    return raw


def http_url(value) -> str:
    raw = text(value)
    if any(unicodedata.category(ch) == "Cc" or ch.isspace() for ch in str(value).strip()):
        raise Invalid(f"{str(value).strip()!r} is not an http(s) URL",
                      "it contains spaces or control characters; a space in an address is written %20")
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Invalid(f"'{raw}' is not an http(s) URL", "it must start with https:// or http://")
    return raw


def zone(value) -> str:
    raw = text(value)
    try:
        ZoneInfo(raw)
        return raw
    except (ZoneInfoNotFoundError, ValueError):
        pass
    close = difflib.get_close_matches(raw, _zones(), n=1, cutoff=0.7)
    hint = f"did you mean {close[0]}?" if close else "use an IANA zone name such as Europe/Paris"
    raise Invalid(f"'{raw}' is not a time zone", hint)


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def languages(value) -> tuple[str, ...]:
    from babel import Locale, UnknownLocaleError

    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        code = text(item).lower()
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise Invalid(f"'{code}' is not a language code", "use codes such as en, es, fr, ar") from None
        if not SLUG.fullmatch(code):
            raise Invalid(f"'{code}' is not a language code", "use codes such as en, es, fr, ar")
        result.append(code)
    if not result:
        raise Invalid("lists no language")
    return tuple(dict.fromkeys(result))


def media_path(value) -> str:
    """A path inside content/media/."""
    raw = text(value).lstrip("/")
    raw = raw[len("media/"):] if raw.startswith("media/") else raw
    parts = raw.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise Invalid(f"'{value}' is not a path inside content/media/")
    return "/".join(parts)


def make_slug(*parts: str) -> str:
    """ASCII slug from free text: accents dropped, other scripts left out."""
    joined = " ".join(p for p in parts if p)
    ascii_text = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
