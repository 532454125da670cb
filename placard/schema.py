"""One field table per content kind: types, required keys, coercion, translatable keys."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable, Optional

from . import coerce as c
from .errors import Invalid


@dataclass(frozen=True)
class Field:
    coerce: Optional[Callable] = None
    required: bool = False
    text: bool = False                      # a translation may give it
    table: Optional[dict] = None            # a nested set of keys
    each: Optional[dict] = None             # a list of nested sets of keys
    default: object = None


COMMON = {"draft": Field(c.flag, default=False), "slug": Field(c.slug)}

PRESS = {"name": Field(c.text), "email": Field(c.text), "phone": Field(c.text)}
ORGANISATION = {"name": Field(c.text), "url": Field(c.http_url), "about": Field(c.markdown),
                "press": Field(table=PRESS)}
STAT = {"label": Field(c.text, required=True, text=True), "value": Field(c.integer, required=True)}
GOAL = {"label": Field(c.text, required=True), "target": Field(c.integer, required=True),
        "current": Field(c.integer, default=0)}

CAMPAIGN = {
    "title": Field(c.text, required=True),
    "tagline": Field(c.text),
    "base_url": Field(c.http_url, required=True),
    "starts": Field(c.day, required=True),
    "ends": Field(c.day, required=True),
    "timezone": Field(c.zone, default="UTC"),
    "languages": Field(c.languages, default=("en",)),
    "organisation": Field(table=ORGANISATION),
    "stats": Field(each=STAT),
    "goal": Field(table=GOAL),
    "host_form": Field(c.http_url),
    "raw_html": Field(c.flag, default=False),
}

APPEAL = {"to": Field(c.text, text=True), "address": Field(c.multiline),
          "salutation": Field(c.text, text=True), "letter": Field(c.markdown, text=True),
          "email": Field(c.text)}
SOLIDARITY = {"address": Field(c.multiline), "note": Field(c.markdown, text=True)}

CASE = {
    **COMMON,
    "name": Field(c.text, required=True, text=True),
    "country": Field(c.country, required=True),
    "status": Field(c.status, required=True),
    "summary": Field(c.text, required=True, text=True),
    "released_on": Field(c.day),
    "deadline": Field(c.day),
    "photo": Field(c.media_path),
    "photo_alt": Field(c.text, text=True),
    "themes": Field(c.words, default=(), text=True),
    "featured": Field(c.years, default=()),
    "appeal": Field(table=APPEAL),
    "solidarity": Field(table=SOLIDARITY),
}

EVENT = {
    **COMMON,
    "title": Field(c.text, required=True, text=True),
    "start": Field(c.local_datetime, required=True),
    "end": Field(c.local_datetime),
    "timezone": Field(c.zone),
    "country": Field(c.country, required=True),
    "city": Field(c.text, text=True),
    "venue": Field(c.text, text=True),
    "address": Field(c.multiline),
    "online": Field(c.flag, default=False),
    "url": Field(c.http_url),
    "host": Field(c.text),
    "rsvp": Field(c.http_url),
    "cases": Field(c.slug_list, default=()),
    "description": Field(c.markdown, text=True),
}

NEWS = {
    **COMMON,
    "title": Field(c.text, required=True, text=True),
    "date": Field(c.day, required=True),
    "summary": Field(c.text, text=True),
    "cases": Field(c.slug_list, default=()),
}

PAGE = {
    **COMMON,
    "title": Field(c.text, required=True, text=True),
    "menu": Field(c.number_or_none),
}


@dataclass
class Result:
    values: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)   # (key path, message, hint)
    warnings: list = field(default_factory=list)


def validate(raw, table: dict, *, translation: bool = False, prefix: tuple = ()) -> Result:
    """Coerce a mapping by its table; collect every problem with the key path it concerns."""
    result = Result()
    if not isinstance(raw, dict):
        result.problems.append((prefix, "must be a set of `key: value` lines", ""))
        return result
    for key, value in raw.items():
        key_name = str(key)
        if key_name not in table:
            close = difflib.get_close_matches(key_name, list(table), n=1)
            hint = f"did you mean {close[0]}?" if close else ""
            result.warnings.append((prefix + (key,), f"unknown key '{key_name}' is ignored", hint))
            continue
        spec = table[key_name]
        if translation and not spec.text and not spec.table:
            continue  # every other key comes from the original
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        path = prefix + (key,)
        if spec.table is not None:
            sub = validate(value, spec.table, translation=translation, prefix=path)
            _merge(result, sub)
            result.values[key_name] = sub.values
        elif spec.each is not None:
            if not isinstance(value, list):
                result.problems.append((path, f"'{key_name}' must be a list", ""))
                continue
            items = []
            for index, item in enumerate(value):
                sub = validate(item, spec.each, prefix=path + (index,))
                _merge(result, sub)
                items.append(sub.values)
            result.values[key_name] = tuple(items)
        else:
            try:
                result.values[key_name] = spec.coerce(value)
            except Invalid as exc:
                result.problems.append((path, f"{key_name}: {exc.message}", exc.hint))
    if not translation:
        for key_name, spec in table.items():
            if key_name in result.values:
                continue
            if spec.required and not any(p[0][:len(prefix) + 1] == prefix + (key_name,) for p in result.problems):
                result.problems.append((prefix, f"'{key_name}' is required but missing", ""))
            elif spec.default is not None:
                result.values[key_name] = spec.default
    return result


def _merge(into: Result, sub: Result) -> None:
    into.problems += sub.problems
    into.warnings += sub.warnings
