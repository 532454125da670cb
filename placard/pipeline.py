"""The recipe of a build: load everything, then render and write every file into a new site swapped in at the end."""
from __future__ import annotations

import ctypes
import gc
import hashlib
import multiprocessing
import os
import time as clock
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import compress
from operator import attrgetter
from pathlib import Path

import jinja2

from . import feeds, manifest, timeline, urls, views
from .assets import collect_assets
from .cache import Cache, MarkdownCache, fingerprint
from .calendar import VEVENT_INPUTS, calendar_bytes, vevent_text
from .errors import ContentError, ContentErrors
from .i18n import load_translations
from .images import publish_media
from .load import load_site
from .markup import Converter
from .memo import LastResults, swaps_between
from .render import environment, render
from .search import SEARCH_MARK, Search
from .translate import localise
from .worldmap import Shapes, cached_shapes, shapes_later
from .write import Staging, check_output_dir

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
    def own_layouts(self) -> Path:
        """Where the campaign's own layouts are, or would be once created."""
        return self.layouts or (self.content.parent / "layouts")

    @property
    def layout_dirs(self) -> list[Path]:
        """The campaign's own layouts (override) before Placard's default theme."""
        own = self.own_layouts
        dirs = [own] if own.is_dir() and own.resolve() != DEFAULT_LAYOUTS else []
        return dirs + [DEFAULT_LAYOUTS]

    @property
    def cache_dir(self) -> Path:
        return self.content.parent / ".placard-cache"


@dataclass
class Result:
    files: object = None                           # where the files went: a write.Staging or write.Memory
    pages: list = field(default_factory=list)      # views.Output of every HTML page
    warnings: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    site: object = None                            # the loaded model.Site
    prepared: object = None                        # the Prepared links, media and theme it used
    valid: tuple = (None, None)                    # the moments the output holds for (manifest.validity)


def build(options: Options, progress=None) -> Result:
    """Build the whole site and write it to options.out; raises ContentErrors, writes nothing then.

    The Result holds the stats and warnings; rebuild's also holds the model."""
    started = clock.perf_counter()
    inputs = manifest.input_digest(options)     # a build that writes nothing needs no output check
    last = manifest.load(options.cache_dir, options.out)
    if last and last.covers(inputs, options.now) and last.outputs == manifest.output_state(options.out):
        stats = {"pages": last.pages, "written": 0, "unchanged": len(last.outputs), "removed": 0,
                 "seconds": clock.perf_counter() - started}
        return Result(warnings=last.content_warnings(), stats=stats)
    return rebuild(options, progress, inputs, started, keep_model=False)


def rebuild(options: Options, progress=None, inputs: str | None = None, started: float | None = None,
            parsed: dict | None = None, keep_model: bool = True) -> Result:
    """Render and write the whole site, whatever the last build left; the Result holds the model
    when `keep_model` (the preview's engine works from it).

    `parsed` is load_site's per-file parse cache, kept by the preview server for its rebuilds."""
    started = clock.perf_counter() if started is None else started
    inputs = inputs or manifest.input_digest(options)
    check_output_dir(options.out, [options.content, *options.layout_dirs])
    manifest.forget(options.cache_dir, options.out)
    with Staging(options.out) as staging:
        result = render_site(options, staging, progress, parsed, keep_model)
        result.stats.update(staging.commit())
    manifest.save(options.cache_dir, options.out, manifest.record(inputs, result, staging.placed))
    result.stats["seconds"] = clock.perf_counter() - started
    return result


@dataclass
class Theme:
    """What the layouts give a build: hashed assets, and templates and strings per language."""
    asset_names: dict
    asset_files: dict
    envs: dict           # language -> jinja2.Environment
    gettexts: dict       # language -> gettext
    fingerprint: bytes   # a hash of every layout file, part of every cached page's key


@dataclass
class Prepared:
    """Everything besides the content that rendering pages needs."""
    links: urls.Links
    md: MarkdownCache
    photos: dict
    media_files: dict
    theme: Theme
    cache: Cache
    shapes: Shapes
    vevents: dict = field(default_factory=dict)    # event -> its VEVENT text, made once for every calendar
    searched: dict = field(default_factory=dict)   # page file -> (marked for search, hash of its bytes)
    kept: LastResults = field(default_factory=LastResults)   # indexes, cards, API entries, for the next save


def load_theme(layout_dirs, languages) -> Theme:
    asset_names, asset_files = collect_assets(layout_dirs)
    envs, gettexts = {}, {}
    for lang in languages:
        translations = load_translations(layout_dirs, lang)
        envs[lang] = environment(layout_dirs, translations)
        gettexts[lang] = translations.gettext
    return Theme(asset_names, asset_files, envs, gettexts, fingerprint(layout_dirs))


def prepare(options: Options, site, theme: Theme | None = None,
            shapes: Callable[[], Shapes] | None = None) -> Prepared:
    """Links, the Markdown converter, published media, the theme and the map for a loaded site.

    `shapes`, when given, is worldmap.shapes_later's: asked for last, it has had the longest to work."""
    links = urls.Links(site.campaign.base_url)
    photos, media_files, errors = publish_media(site.media, options.cache_dir)
    if errors:
        raise ContentErrors(errors)
    theme = theme or load_theme(options.layout_dirs, site.campaign.languages)
    md = MarkdownCache(Converter(links.base_path), options.cache_dir)
    return Prepared(links, md, photos, media_files, theme, Cache(options.cache_dir),
                    shapes() if shapes else cached_shapes(options.cache_dir))


def render_site(options: Options, files, progress=None, parsed: dict | None = None,
                keep_model: bool = True) -> Result:
    """Every output file of the site, put into `files` (a write.Staging, or write.Memory for a check).

    Without `keep_model` the Result holds no model (site, prepared, pages), so the memory they
    took is given back before the search index is waited for: Pagefind holds every page's words
    at once, and the largest moment of a build is Pagefind's beside this process."""
    search = Search(files.folder, options.cache_dir) if options.search else None
    try:
        result = _render(options, files, search, progress, parsed)
        if not keep_model:
            result = replace(result, site=None, prepared=None, pages=[])
        if search:
            _return_freed_memory()
            for location, path in search.files().items():
                files.put_file(location, path)
    except BaseException:
        if search:
            search.cancel()
        raise
    return result


def _render(options: Options, files, search: Search | None, progress, parsed: dict | None) -> Result:
    """Every file but the search index's, which `search` is making when this returns."""
    shapes = shapes_later(options.cache_dir)
    site, warnings = load_site(options.content, drafts=options.drafts, base_url=options.base_url, parsed=parsed)
    prepared = prepare(options, site, shapes=shapes)
    for location, data in {**prepared.theme.asset_files, **prepared.media_files}.items():
        files.put(location, data)
    pages = render_every_page(site, prepared, options, files, progress)
    result = Result(files=files, warnings=warnings, site=site, pages=[page for _lang, page in pages],
                    prepared=prepared, valid=manifest.validity(site, options.now))
    # Pagefind reads the written pages while the calendars, feeds and API are made.
    if search:
        search.start(prepared.searched, site.campaign.languages[1:])
    made = files.locations()        # the events' own calendars, when worker processes made them
    for location, _deps, make in site_file_plan(site, prepared, options.now, result.pages,
                                                lambda location: location not in made):
        files.put(location, make())
    prepared.cache.flush()
    prepared.md.save()
    result.stats["pages"] = len(result.pages)
    result.stats["base_url"] = site.campaign.base_url
    return result


def _return_freed_memory() -> None:
    """Give the memory this process has freed back to the system; glibc's allocator keeps it otherwise."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):   # another C library, whose allocator returns memory its own way
        pass


def render_every_page(site, prepared: Prepared, options: Options, files, progress=None) -> list:
    """[(language, page)] of every HTML page, rendered into `files`; on every core for a large site.

    Each worker process makes the page models, renders and writes the pages of its share of
    the locations, and makes the VEVENTs and calendars of its share of the events; the pages
    it returns keep their sources and deps but not their values.
    """
    items = len(site.cases) + len(site.events) + len(site.news) + len(site.pages)
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if items * len(site.campaign.languages) < PARALLEL_FROM or workers < 2 \
            or "fork" not in multiprocessing.get_all_start_methods():
        pages = page_models(site, prepared, options.now)
        render_pages(pages, prepared, options.layout_dirs, files, progress)
        return pages
    if progress:
        progress(f"rendering on {workers} processes")
    global _SHARED
    _SHARED = (site, prepared, options, workers, files)
    # Frozen, the loaded site is left out of the workers' collections, which would otherwise
    # write to every object's memory page and so copy each page the fork shares.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = pool.map(_render_share, range(workers))
    finally:
        _SHARED = None
        gc.unfreeze()
    pages = []
    for share_pages, share_files, conversions, searched, vevents in shares:
        pages += share_pages
        files.absorb(share_files)
        prepared.md.used.update(conversions)
        prepared.searched.update(searched)
        prepared.vevents.update((site.events[index], text) for index, text in vevents)
    order = {lang: index for index, lang in enumerate(site.campaign.languages)}
    pages.sort(key=lambda pair: (order[pair[0]], pair[1].location))
    return pages


MAX_WORKERS = 8
PARALLEL_FROM = 300      # items (times languages) below which starting processes costs more than it saves
_SHARED = None           # what forked workers inherit: (site, prepared, options, workers, files)


def _render_share(index: int):
    """One worker's share of the pages, and of the events' own calendars."""
    site, prepared, options, workers, files = _SHARED

    def ours(location: str) -> bool:
        return zlib.crc32(location.encode()) % workers == index
    pages = page_models(site, prepared, options.now, ours)
    render_pages(pages, prepared, options.layout_dirs, files)
    # Each event's own calendar; its VEVENT is kept for the calendars of all events and of its country.
    calendars = {urls.event_ics(event.slug) for event in site.events if ours(urls.event(event.slug))}
    for location, _deps, make in site_file_plan(site, prepared, options.now, [], calendars.__contains__):
        files.put(location, make())
    prepared.cache.flush()
    vevents = [(number, prepared.vevents[event]) for number, event in enumerate(site.events)
               if event in prepared.vevents]
    return ([(lang, replace(page, context={})) for lang, page in pages], files.share(), prepared.md.used,
            prepared.searched, vevents)


def page_models(site, prepared: Prepared, now, wanted=None) -> list:
    """[(language, views.Output)] of every HTML page, or of those whose location `wanted` accepts."""
    theme = prepared.theme
    return [(lang, page) for lang in site.campaign.languages
            for page in views.build_pages(site, lang, now, prepared.links, prepared.md, prepared.photos,
                                          theme.asset_names, theme.gettexts[lang], prepared.shapes, prepared.kept,
                                          wanted)]


def render_pages(pages, prepared: Prepared, layout_dirs, files, progress=None) -> None:
    """Render [(language, page)] into `files`; a page whose template and values are unchanged comes from the cache.

    Each page's hash goes into prepared.searched, for the search index."""
    theme = prepared.theme
    for number, (lang, page) in enumerate(pages, 1):
        location = urls.output_file(page.location)
        data = prepared.cache.fetch((theme.fingerprint, lang, page.template, page.context),
                                    lambda: render_page(theme.envs[lang], page, layout_dirs))
        files.put(location, data)
        # Only the pages marked for search are indexed, so only theirs are hashed here (the list of
        # every event is megabytes); a theme that marks none has its pages hashed when indexing starts.
        marked = SEARCH_MARK in data
        prepared.searched[location] = (marked, hashlib.blake2b(data, digest_size=16).digest() if marked else None)
        if progress and number % 500 == 0:
            progress(f"{number}/{len(pages)} pages")
    prepared.cache.flush()


def site_file_plan(site, prepared: Prepared, now, pages, wanted=None) -> list:
    """[(location, deps, make)] of every file that is not an HTML page: feeds, calendars, API, sitemap;
    only those whose location `wanted` accepts, when given.

    `make()` produces the bytes; deps say what it reads, as views.Output deps do, so a
    rebuild makes only the files a change touches. ("locations",) is the set of pages.
    """
    campaign, links, md = site.campaign, prepared.links, prepared.md
    every = ("campaign",)
    plan = []

    def want(location: str) -> bool:
        return wanted is None or wanted(location)

    def vevent(event) -> bytes:
        # Kept across builds: icalendar's work is most of a calendar's, and few events change between builds.
        return prepared.cache.fetch(("vevent", links.base_url, campaign.starts, VEVENT_INPUTS(event)),
                                    lambda: vevent_text(event, campaign, links, md))

    def calendar(events, name, kept=None):
        return lambda: calendar_bytes(events, name, vevent, prepared.vevents, kept)

    def shown(key, items) -> set:
        """Calendars and the feed carry their items' bodies, so they depend on each item's body too."""
        return {dep for item in items for dep in ((key, item.slug), ("body", key, item.slug))}

    for lang in campaign.languages:
        location = urls.in_language(urls.FEED, lang, campaign.language)
        if want(location):
            # The news and the released cases: editing another case leaves the feed alone.
            deps = {every, ("news",), ("some", "news"), *shown("case", [c for c in site.cases if feeds.in_feed(c)])}
            plan.append((location, deps, lambda lang=lang: feeds.atom_feed(
                localise(site, lang, prepared.kept), campaign, links, md, lang, prepared.theme.gettexts[lang])))
    ordered = timeline.kept_in_order(prepared.kept, campaign.language, site.events)
    if want(urls.EVENTS_ICS):
        plan.append((urls.EVENTS_ICS, {every, ("events",), ("some", "event")},
                     calendar(ordered, campaign.title, prepared.kept)))
    # Each event's own calendar; a save looks among them by their locations, kept while the slugs are.
    own_calendars = prepared.kept.get(("calendar locations",), site.events,
                                      lambda: [urls.event_ics(event.slug) for event in site.events], views.SLUG)
    for event, location in zip(site.events, own_calendars) if wanted is None else \
            compress(zip(site.events, own_calendars), map(wanted, own_calendars)):
        plan.append((location, {every, *shown("event", [event])}, calendar([event], event.title)))
    for code, events in timeline.kept_by_country(prepared.kept, campaign.language, ordered).items():
        location = urls.country_ics(code)
        if want(location):
            plan.append((location, {every, ("country", code), *shown("event", events)},
                         calendar(events, f"{campaign.title}: {code}", prepared.kept)))
    if want(urls.API_CASES):
        plan.append((urls.API_CASES, {every, ("cases",)}, lambda: feeds.api_cases(site, links, prepared.kept)))
    if want(urls.API_EVENTS):
        plan.append((urls.API_EVENTS, {every, ("events",)}, lambda: feeds.api_events(site, links, now, prepared.kept)))
    if want(urls.SITEMAP):
        dated_cases = {("case", c.slug) for c in site.cases if c.released_on}    # their lastmod is the release
        plan.append((urls.SITEMAP, {every, ("news",), ("locations",), *dated_cases},
                     lambda: sitemap_file(site, pages, links)))
    if want(urls.ROBOTS):
        plan.append((urls.ROBOTS, {every}, lambda: feeds.robots(links)))
    return plan


def plan_shape(site, before=None) -> tuple:
    """What decides which files site_file_plan makes and what each one reads: two sites of the
    same shape have the same plan but for the bytes, so a save that keeps it plans only the
    files it touches. Everything a dep or a location above is made from belongs here (the
    feed and the sitemap follow a case's status and release date).

    `before`, (an earlier site, its shape), lends the parts of the kinds whose items are all as they were."""
    parts = [site.campaign.languages]
    for number, (kind, read) in enumerate(SHAPE_OF_KINDS, 1):
        items = getattr(site, kind)
        # Kept items are the same objects, so comparing a kind that a save left alone is quick, and
        # one whose saved items kept what the shape reads of them too.
        same = before is not None and swaps_between(getattr(before[0], kind), items, read) is not None
        parts.append(before[1][number] if same else list(map(read, items)))
    return tuple(parts)


SHAPE_OF_KINDS = (("events", attrgetter("slug", "country")), ("news", attrgetter("slug")),
                  ("cases", attrgetter("slug", "status", "released_on")))


def render_page(env, page, layout_dirs) -> bytes:
    try:
        return render(env, page.template, page.context, page.location)
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


def sitemap_file(site, pages, links) -> bytes:
    """Every HTML page but the 404s, with its translations as alternates."""
    default = site.campaign.language
    languages = site.campaign.languages
    dated = feeds.lastmod_dates(site)
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
