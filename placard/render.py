"""Jinja2 presents page models: one environment per language, autoescaped and strict."""
from __future__ import annotations

from pathlib import Path

import jinja2


class PageEnvironment(jinja2.Environment):
    """Jinja's environment, quicker at `page.title` on the plain dicts that page models are made of."""

    def getattr(self, obj, attribute):
        # Jinja tries the attribute first and then the key: on a dict that costs a raised AttributeError
        # per lookup, for thousands of lookups a page. Where a dict has no such attribute, the key is
        # what Jinja would find anyway.
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


DICT_ATTRIBUTES = frozenset(dir(dict))


class Fragments:
    """The template global `cached`: `{% call cached(item, *variant) %}part{% endcall %}` renders the
    part, and in the preview gives it back when the same page is rendered again with the very same
    `item` object and an equal variant. A preview save keeps the cards of the items it left alone
    (views), so /events/ renders one event's card anew instead of all 5,000. A part must show
    nothing but its item and variant.

    Off in a build, which renders each page once: `keep()` turns it on."""

    def __init__(self):
        self._pages: dict | None = None    # location -> {(id(item), variant): (item, part)}
        self._last: dict = {}
        self._now: dict = {}

    def keep(self) -> None:
        if self._pages is None:
            self._pages = {}

    def rendering(self, location: str) -> None:
        """The page rendered from now on; its parts of last time are on offer."""
        if self._pages is not None:
            self._last = self._pages.get(location, {})
            self._now = self._pages[location] = {}

    def __call__(self, item, *variant, caller):
        if self._pages is None:
            return caller()
        key = (id(item), variant)
        part = self._last.get(key)
        if part is None or part[0] is not item:     # the item held in `part` keeps its id from being reused
            part = (item, caller())
        self._now[key] = part
        return part[1]


def environment(layout_dirs, translations) -> jinja2.Environment:
    """Templates from the campaign's layouts first, then Placard's default theme."""
    env = PageEnvironment(
        loader=jinja2.FileSystemLoader([str(Path(d) / "templates") for d in layout_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,      # a layout change gets a new environment; no file checks on every page
    )
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["cached"] = Fragments()
    return env


def render(env: jinja2.Environment, template: str, context: dict, location: str) -> bytes:
    """The page at `location`."""
    env.globals["cached"].rendering(location)
    return env.get_template(template).render(context).encode("utf-8")
