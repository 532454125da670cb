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
    """The catalog for a language; the first layouts folder that has one wins; English falls back."""
    for folder in layout_dirs:
        path = catalog_path(Path(folder), lang)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            buffer = BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer)
    return gettext.NullTranslations()
