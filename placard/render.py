"""Jinja2 presents page models: one environment per language, autoescaped and strict."""
from __future__ import annotations

from pathlib import Path

import jinja2


def environment(layout_dirs, translations) -> jinja2.Environment:
    """Templates from the campaign's layouts first, then Placard's default theme."""
    env = jinja2.Environment(
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
