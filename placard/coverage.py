"""What is not translated yet, per language: content items and interface strings, for `check`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogs import SOURCE_LANGUAGE, catalogs_for, extract, missing, shown
from .i18n import catalog_path
from .model import KINDS

SHOWN_STRINGS = 5
SHOWN_LENGTH = 40


@dataclass(frozen=True)
class Coverage:
    lang: str
    items: dict              # kind -> (number translated, number translatable, slugs not translated)
    strings: int             # interface strings in all
    untranslated: tuple      # interface strings the language's catalogs do not translate
    catalog: Path            # where a translator translates them


def translation_coverage(site, layout_dirs) -> list[Coverage]:
    """Each language of the campaign: which items and interface strings still need a translator."""
    template = extract(layout_dirs)
    strings = sum(1 for message in template if message.id)
    default = site.campaign.language
    result = []
    for lang in site.campaign.languages:
        items = {} if lang == default else {kind: _items(site, kind, lang) for kind in KINDS}
        untranslated = () if lang == SOURCE_LANGUAGE else _strings(layout_dirs, lang, template)
        result.append(Coverage(lang, items, strings, untranslated, catalog_path(Path(layout_dirs[0]), lang)))
    return result


def _items(site, kind: str, lang: str) -> tuple:
    # CSV events come from a sign-up form and have no translation file.
    translatable = [item for item in getattr(site, kind) if not item.source.endswith(".csv")]
    todo = [item.slug for item in translatable if (kind, item.slug, lang) not in site.translations]
    return (len(translatable) - len(todo), len(translatable), tuple(todo))


def _strings(layout_dirs, lang: str, template) -> tuple:
    """Strings no catalog of the language translates (a campaign's own catalog or Placard's)."""
    catalogs = catalogs_for(layout_dirs, lang) or [None]
    left = set.intersection(*(set(missing(catalog, template)) for catalog in catalogs))
    return tuple(text for text in missing(None, template) if text in left)


def report(coverages: list[Coverage]) -> list[str]:
    """The lines `check` prints: one summary per language, then what to send to translators."""
    if len(coverages) == 1 and not coverages[0].untranslated:
        return []
    lines = ["translations:"]
    for entry in coverages:
        parts = [f"{kind} {done}/{total}" for kind, (done, total, _) in entry.items.items() if total]
        parts.append(f"interface {entry.strings - len(entry.untranslated)}/{entry.strings}")
        todo = [f"{kind}/{slug}" for kind, (_, _, slugs) in entry.items.items() for slug in slugs]
        complete = not todo and not entry.untranslated
        lines.append(f"  {entry.lang}  {', '.join(parts)}{': complete' if complete else ''}")
        if todo:
            lines.append(f"      to translate: {', '.join(todo)}")
        if entry.untranslated:
            sample = "; ".join(_short(text) for text in entry.untranslated[:SHOWN_STRINGS])
            more = len(entry.untranslated) - SHOWN_STRINGS
            where = shown(entry.catalog) if entry.catalog.is_file() else \
                f"{shown(entry.catalog)} (python build.py translations creates it)"
            lines.append(f"      interface strings to translate in {where}: {sample}"
                         + (f" and {more} more" if more > 0 else ""))
    return lines


def _short(text: str) -> str:
    return f"“{text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 1] + '…'}”"
