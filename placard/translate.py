"""A Site seen in one language: translated text where a translation exists, the original elsewhere."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .memo import LastResults
from .model import KINDS, Appeal, Site, Solidarity


@dataclass(frozen=True)
class Localised:
    lang: str
    cases: tuple
    events: tuple
    news: tuple
    pages: tuple


def localise(site: Site, lang: str, kept: LastResults) -> Localised:
    """Every item in `lang`; an untranslated item keeps its original text and says so.

    `kept`, held by the caller between builds, gives back the same localised item while its
    original and its translation are unchanged, so what is kept for the original is kept for it too."""
    default = site.campaign.language
    if lang == default:
        return Localised(lang, site.cases, site.events, site.news, site.pages)
    translated: dict = {kind: {} for kind in KINDS}
    for key, value in site.translations.items():
        if key[2] == lang:
            translated[key[0]][key] = value
    return Localised(lang, *(_localised(site, kind, lang, translated[kind], kept) for kind in KINDS))


def _localised(site: Site, kind: str, lang: str, translated: dict, kept: LastResults) -> tuple:
    """The kind's items in `lang`; `translated`, the kind's translations into it."""
    # While the kind's translations are as they were, a save makes again only the items it changed.
    inputs = None if kept.unchanged(("translations", kind, lang), translated) else \
        (lambda item: translated.get((kind, item.slug, lang)))
    return tuple(kept.each(("localised", kind, lang), getattr(site, kind),
                           lambda item: _item(site, kind, item, lang), inputs))


def _item(site: Site, kind: str, item, lang: str):
    given = site.translations.get((kind, item.slug, lang))
    if given is None:
        return dataclasses.replace(item, translated=False)
    changes = {"lang": lang, "translated": True, "source": item.source}
    for key, value in given.items():
        if key == "body":
            if value:
                changes["body"] = value
        elif key == "appeal" and item.appeal is not None:
            changes["appeal"] = dataclasses.replace(item.appeal, **value)
        elif key == "appeal":
            changes["appeal"] = Appeal(**value)
        elif key == "solidarity" and item.solidarity is not None:
            changes["solidarity"] = dataclasses.replace(item.solidarity, **value)
        elif key == "solidarity":
            changes["solidarity"] = Solidarity(**value)
        elif key == "description":
            changes["body"] = changes.get("body") or value
        elif key in {f.name for f in dataclasses.fields(item)}:
            changes[key] = value
    return dataclasses.replace(item, **changes)



def part_lang(site: Site, kind: str, slug: str, lang: str, *keys: str) -> str:
    """The language one part of an item (e.g. appeal → letter) is shown in: `lang` if translated there."""
    default = site.campaign.language
    value = site.translations.get((kind, slug, lang)) if lang != default else None
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return lang if value or lang == default else default
