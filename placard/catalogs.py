"""Interface catalogs: extract the strings of templates and code, keep every language's .po in step."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from . import __version__
from .errors import ContentErrors
from .i18n import DOMAIN, catalog_path
from .load import Problems, load_campaign

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "babel.cfg"
SOURCE_LANGUAGE = "en"          # the language the templates and code are written in
TEMPLATE = f"{DOMAIN}.pot"
COMMENT_TAGS = ("Translators:",)
_DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


@dataclass(frozen=True)
class Updated:
    lang: str
    path: Path
    messages: int
    untranslated: int
    written: bool


def extract(layout_dirs) -> Catalog:
    """Every interface string: Placard's code and templates (babel.cfg), then a campaign's own templates."""
    template = Catalog(project="Placard", version=__version__, fuzzy=False, header_comment=_header("template"))
    with MAPPING.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = list(extract_from_dir(ROOT, method_map, options_map, comment_tags=COMMENT_TAGS,
                                  strip_comment_tags=True))
    jinja_options = next(opts for pattern, opts in options_map.items() if pattern.endswith(".html"))
    for folder in layout_dirs:
        folder = Path(folder).resolve()
        if folder == ROOT / "layouts":
            continue
        for name, line, message, comments, context in extract_from_dir(
                folder, [("templates/**.html", "jinja2")], {"templates/**.html": jinja_options},
                comment_tags=COMMENT_TAGS, strip_comment_tags=True):
            found.append((f"{folder.name}/{name}", line, message, comments, context))
    for name, line, message, comments, context in found:
        template.add(message, None, [(name, line)], auto_comments=comments, context=context)
    return template


def update(layouts: Path, template: Catalog, languages, seed_dirs=()) -> list[Updated]:
    """Write layouts/locale/messages.pot and bring each language's catalog (new or existing) up to it.

    A string the catalog lacks is copied from the same language's catalog in seed_dirs (Placard's
    own, for a campaign's layouts), so translators see only what nobody has translated yet."""
    folder = Path(layouts) / "locale"
    _write(folder / TEMPLATE, template)
    existing = {p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    results = []
    for lang in sorted(existing | set(languages)):
        path = catalog_path(Path(layouts), lang)
        catalog = _read(path, lang) if path.is_file() else Catalog(
            locale=lang, project="Placard", version=__version__, fuzzy=False,
            header_comment=_header(Locale.parse(lang).english_name))
        catalog.update(copy.deepcopy(template), update_header_comment=False)
        _seed(catalog, catalogs_for(seed_dirs, lang))
        if lang == SOURCE_LANGUAGE:
            for message in catalog:
                if message.id and missing_in(catalog, message):
                    message.string = message.id
                    message.flags.discard("fuzzy")
        written = _write(path, catalog)
        results.append(Updated(lang, path, _count(catalog), len(missing(catalog, template)), written))
    return results


def missing(catalog: Catalog | None, template: Catalog) -> list[str]:
    """The template's strings this catalog does not translate (fuzzy ones count as not translated)."""
    return [message.id[0] if message.pluralizable else message.id for message in template
            if message.id and (catalog is None or missing_in(catalog, message))]


def _seed(catalog: Catalog, sources: list[Catalog]) -> None:
    for message in catalog:
        if not message.id or not missing_in(catalog, message):
            continue
        for source in sources:
            given = source.get(message.id, message.context)
            if given is not None and not missing_in(source, given):
                message.string = given.string
                message.flags.discard("fuzzy")
                break


def missing_in(catalog: Catalog, message) -> bool:
    """Whether the catalog lacks a finished translation of this message (every plural form given)."""
    own = catalog.get(message.id, message.context)
    if own is None or own.fuzzy:
        return True
    return not (all(own.string) if own.pluralizable else own.string)


def catalogs_for(layout_dirs, lang: str) -> list[Catalog]:
    """The language's catalogs, the campaign's own first, Placard's last."""
    return [_read(path, lang) for path in (catalog_path(Path(d), lang) for d in layout_dirs) if path.is_file()]


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _write(path: Path, catalog: Catalog) -> bool:
    """Write the catalog unless only its dates would change, so a rerun leaves files alone."""
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True)
    data = buffer.getvalue()
    if path.is_file() and _DATES.sub(b"", path.read_bytes()) == _DATES.sub(b"", data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _count(catalog: Catalog) -> int:
    return sum(1 for message in catalog if message.id)


def _header(what: str) -> str:
    return (f"# Placard interface strings: {what}.\n"
            "# Edit with any gettext editor (Poedit, Lokalize, Weblate); after a template changes,\n"
            "# run `python build.py translations` to add the new strings to every catalog.\n")


def translations_command(options) -> int:
    """`translations`: extract the interface strings and update the catalogs of every language."""
    problems = Problems()
    campaign = load_campaign(Path(options.content), problems, options.base_url)
    if campaign is None:
        raise ContentErrors(problems.errors)
    layouts = options.layout_dirs[0]
    template = extract(options.layout_dirs)
    print(f"{shown(layouts / 'locale' / TEMPLATE)}: {_count(template)} strings")
    for result in update(layouts, template, campaign.languages, options.layout_dirs[1:]):
        todo = f"{result.untranslated} to translate" if result.untranslated else "complete"
        print(f"  {result.lang}  {shown(result.path)}: {result.messages} strings, {todo}"
              f"{'' if result.written else ' (unchanged)'}")
    return 0


def shown(path: Path) -> str:
    """A path relative to the working directory when it lies beneath it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
