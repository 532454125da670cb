"""Interface strings: gettext catalogs (.po) in layouts/locale/, read with Babel."""
from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"


def catalog_path(layouts: Path, lang: str) -> Path:
    return layouts / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(layout_dirs, lang: str):
    """The language's catalogs, the campaign's own before Placard's; a string none translates stays English."""
    chain = gettext.NullTranslations()
    for folder in reversed(list(layout_dirs)):
        path = catalog_path(Path(folder), lang)
        if path.is_file():
            translations = _compiled(path, lang)
            translations.add_fallback(chain)
            chain = translations
    return chain


def _compiled(path: Path, lang: str) -> Translations:
    """A .po read and compiled in memory; untranslated and fuzzy entries are left out, so they fall back."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)
