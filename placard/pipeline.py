"""The recipe of a build: load everything, render everything, then write once."""
from __future__ import annotations

import time as clock
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2

from . import feeds, urls, views
from .assets import collect_assets
from .calendar import calendar_bytes
from .errors import ContentError, ContentErrors
from .i18n import load_translations
from .images import publish_media
from .load import load_site
from .markup import Converter
from .render import environment, render
from .search import SearchIndexError, search_index
from .translate import localise
from .write import check_output_dir, write_site

DEFAULT_LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"


@dataclass(frozen=True)
class Options:
    content: Path
    out: Path
    now: datetime
    layouts: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    search: bool = True

    @property
    def layout_dirs(self) -> list[Path]:
        """The campaign's own layouts (override) before Placard's default theme."""
        dirs = []
        own = self.layouts or (self.content.parent / "layouts")
        if own.is_dir() and own.resolve() != DEFAULT_LAYOUTS:
            dirs.append(own)
        return dirs + [DEFAULT_LAYOUTS]

    @property
    def cache_dir(self) -> Path:
        return self.content.parent / ".placard-cache"


@dataclass
class Result:
    files: dict = field(default_factory=dict)      # location -> bytes
    pages: list = field(default_factory=list)      # views.Output of every HTML page
    warnings: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def build(options: Options, progress=None) -> Result:
    """Build the whole site and write it to options.out; raises ContentErrors, writes nothing then."""
    started = clock.perf_counter()
    check_output_dir(options.out, [options.content, *options.layout_dirs])
    result = render_site(options, progress)
    result.stats.update(write_site(options.out, result.files))
    result.stats["seconds"] = clock.perf_counter() - started
    return result


def render_site(options: Options, progress=None) -> Result:
    """Every output file of the site in memory."""
    site, warnings = load_site(options.content, drafts=options.drafts, base_url=options.base_url)
    campaign = site.campaign
    links = urls.Links(campaign.base_url)
    md = Converter(links.base_path)
    asset_names, files = collect_assets(options.layout_dirs)
    photos, media_files, errors = publish_media(site.media, options.cache_dir)
    if errors:
        raise ContentErrors(errors)
    files.update(media_files)
    result = Result(warnings=warnings)
    for lang in campaign.languages:
        translations = load_translations(options.layout_dirs, lang)
        env = environment(options.layout_dirs, translations)
        gettext = translations.gettext
        pages = views.build_pages(site, lang, options.now, links, md, photos, asset_names, gettext)
        for number, page in enumerate(pages, 1):
            files[urls.output_file(page.location)] = render_page(env, page, options.layout_dirs)
            if progress and number % 500 == 0:
                progress(f"{lang}: {number}/{len(pages)} pages")
        result.pages += pages
        local = localise(site, lang)
        feed_location = urls.in_language(urls.FEED, lang, campaign.language)
        files[feed_location] = feeds.atom_feed(local, campaign, links, md, lang, gettext)
    files.update(calendars(site, links, md))
    files[urls.API_CASES] = feeds.api_cases(site, links)
    files[urls.API_EVENTS] = feeds.api_events(site, links, options.now)
    files[urls.SITEMAP] = sitemap_file(site, result.pages, links)
    files[urls.ROBOTS] = feeds.robots(links)
    if options.search:
        try:
            files.update(search_index({loc: data for loc, data in files.items()
                                       if loc.endswith("index.html") and not loc.startswith("media/")},
                                      options.cache_dir))
        except SearchIndexError as exc:
            raise ContentErrors([ContentError("(search index)", 1, str(exc))]) from None
    result.files = files
    result.stats["pages"] = len(result.pages)
    result.stats["base_url"] = campaign.base_url
    return result


def render_page(env, page, layout_dirs) -> bytes:
    try:
        return render(env, page.template, page.context)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentErrors([ContentError(exc.filename or page.template, exc.lineno or 1,
                                          f"template error: {exc.message}")]) from None
    except jinja2.TemplateError as exc:
        where = _template_line(exc, layout_dirs) or (page.template, 1)
        raise ContentErrors([ContentError(where[0], where[1], f"template error: {exc}")]) from None


def _template_line(exc, layout_dirs):
    """The template file and line a rendering error happened on, from its traceback."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".html") and any(str(d) in name for d in layout_dirs):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def calendars(site, links, md) -> dict:
    files = {urls.EVENTS_ICS: calendar_bytes(site.events, site.campaign, links, md, site.campaign.title)}
    by_country: dict = {}
    for event in site.events:
        files[urls.event_ics(event.slug)] = calendar_bytes([event], site.campaign, links, md, event.title)
        by_country.setdefault(event.country, []).append(event)
    for code, events in by_country.items():
        files[urls.country_ics(code)] = calendar_bytes(events, site.campaign, links, md,
                                                       f"{site.campaign.title}: {code}")
    return files


def sitemap_file(site, pages, links) -> bytes:
    """Every HTML page but the 404s, with its translations as alternates."""
    default = site.campaign.language
    languages = site.campaign.languages
    dated = {urls.news_item(n.slug): n.date for n in site.news}
    entries, alternates = [], {}
    for page in pages:
        if page.location.endswith(urls.NOT_FOUND):
            continue
        base = page.location
        lang = next((l for l in languages[1:] if base.startswith(f"{l}/")), default)
        neutral = base[len(lang) + 1:] if lang != default else base
        entries.append((base, dated.get(neutral)))
        if len(languages) > 1:
            alternates[base] = [(l, urls.in_language(neutral, l, default)) for l in languages]
    return feeds.sitemap(entries, links, alternates)
