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
    return env


def render(env: jinja2.Environment, template: str, context: dict) -> bytes:
    return env.get_template(template).render(context).encode("utf-8")
