"""Rebuild only what a change touches, keeping the model in memory between saves.

After a full build the engine remembers every output and the sources it read (its
deps). On a change it reloads the content, works out which items changed, and
re-renders exactly the outputs whose deps name them; the result is the same as a
full build of the same files, byte for byte.
"""
from __future__ import annotations

import gc
import os
import time as clock
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2.meta

from . import urls
from .cache import Cache
from .load import differing, file_stamp, load_site
from .memo import replaced
from .pipeline import (Options, load_theme, page_models, plan_shape, prepare, rebuild, render_pages,
                       site_file_plan)
from .search import SEARCH_FOLDER, search_files
from .write import Memory, write_files

KINDS = (("cases", "case"), ("events", "event"), ("news", "news"), ("pages", "page"))
EVERYTHING = ("campaign",)


@dataclass
class Update:
    """What one rebuild did, for the terminal line."""
    changed: list            # the files that changed, relative to the campaign folder
    pages: int = 0           # HTML pages rendered again
    written: int = 0         # files whose bytes changed on disk
    removed: int = 0
    seconds: float = 0.0
    warnings: list = field(default_factory=list)


def snapshot(folders) -> dict:
    """{path: (modification time, size, inode)} of every visible file under the folders."""
    found = {}
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if not name.startswith("."):
                    path = os.path.join(root, name)
                    try:
                        found[path] = file_stamp(path)
                    except OSError:
                        continue
    return found


def refreshed(seen: dict, paths, folders) -> dict:
    """`seen`, a snapshot of the folders, brought up to date for `paths` that were reported changed.

    A reported file is looked at again; a reported folder is scanned again whole. The result
    equals a new snapshot whenever every change was reported."""
    current = dict(seen)
    for path in sorted(set(paths)):
        if not _visible(path, folders):
            continue
        known_file = current.pop(path, None) is not None
        if os.path.isdir(path) or not (known_file or os.path.exists(path)):
            # A folder (made, moved or deleted), or something deleted that was not a file we knew.
            below = path.rstrip(os.sep) + os.sep
            for known in [known for known in current if known.startswith(below)]:
                del current[known]
            if os.path.isdir(path):
                current.update(snapshot([path]))
            continue
        try:
            current[path] = file_stamp(path)
        except OSError:
            continue
    return current


def _visible(path: str, folders) -> bool:
    """Whether a snapshot of the folders would hold the path: inside one, with no hidden part."""
    for folder in folders:
        folder = folder.rstrip(os.sep)
        if path == folder:
            return True
        if path.startswith(folder + os.sep):
            return not any(part.startswith(".") for part in path[len(folder) + 1:].split(os.sep))
    return False


class Engine:
    """A site kept in memory and on disk, brought up to date by `update()`."""

    def __init__(self, options: Options):
        self.options = options
        # The campaign's own layouts folder is watched even before it exists, so creating it takes effect.
        # The content folder keeps the name load_site reads it by, so a scan's stats serve the load.
        layouts = [str(Path(f).resolve()) for f in [options.own_layouts, *options.layout_dirs]]
        self.folders = list(dict.fromkeys([str(Path(options.content)), *layouts]))
        self.seen: dict = {}
        self.site = None
        self.prepared = None
        self.pages: dict = {}      # location -> (language, views.Output)
        self.readers = Readers()   # which of those pages read each dep
        self.extras: dict = {}     # location of a non-page file -> its deps
        self.locations: set = set()   # every output file on disk
        self.parsed: dict = {}     # load_site's parse of each content file, so a save re-reads one file
        self.shape = None          # pipeline.plan_shape of the site

    def build(self):
        """A full build, remembered; raises ContentErrors like pipeline.build."""
        seen = snapshot(self.folders)
        result = rebuild(self.options, parsed=self.parsed)
        self.seen = seen
        self.site, self.prepared, self.locations = result.site, result.prepared, result.files.locations()
        self.pages, self.readers = {}, Readers()
        for lang, page in _with_languages(result.pages, self.site.campaign):
            self.pages[page.location] = (lang, page)
            self.readers.add(page.location, page.deps)
        self.extras = {location: deps for location, deps, _make in
                       site_file_plan(self.site, self.prepared, self.options.now, result.pages)}
        self.shape = plan_shape(self.site)
        gc.freeze()      # the site kept in memory is long-lived: collections need not walk it on every save
        return result

    def changes(self) -> list:
        """The files added, changed or removed since the last good build."""
        return differing(self.seen, snapshot(self.folders))

    def update(self, search: bool = True, seen: dict | None = None) -> Update | None:
        """Bring the site up to date with the files; None when nothing changed.

        `seen` is a snapshot of the folders the caller just took (the watcher has one).
        Raises ContentErrors on bad content and keeps the last good site then.
        """
        started = clock.perf_counter()
        seen = snapshot(self.folders) if seen is None else seen
        changed = differing(self.seen, seen)
        if not changed:
            return None
        options = self.options
        site, warnings = load_site(options.content, drafts=options.drafts, base_url=options.base_url,
                                   parsed=self.parsed, stats=seen)
        layout_paths = [p for p in changed if not _inside(p, options.content)]
        keys = changed_keys(self.site, site)
        if any(_inside(p, options.content / "media") for p in changed):
            keys.add(EVERYTHING)
        theme = self.prepared.theme
        templates: set = set()
        if layout_paths or ("campaign",) in keys:
            theme = load_theme(options.layout_dirs, site.campaign.languages)
            templates = _changed_templates(layout_paths, theme)
            if len(templates) < len(layout_paths):       # an asset or a string catalog changed
                keys.add(EVERYTHING)
        if EVERYTHING in keys:
            prepared = prepare(options, site, theme)
            prepared.searched.update(self.prepared.searched)
        else:
            prepared = replace(self.prepared, theme=theme)
        users = _template_users(theme, templates)
        affected = self.readers.of(keys)
        if users:
            affected |= {location for location, (_lang, page) in self.pages.items() if page.template in users}
        pages = page_models(site, prepared, options.now,
                            lambda location: location in affected or location not in self.pages)
        fresh = Memory()
        for env in theme.envs.values():
            env.globals["cached"].keep()     # a save renders the same lists again and again
        # A save's pages are new ones but for an undo: looking each up in the page cache, and keeping
        # it there, costs more than it saves. The next full build keeps them.
        render_pages(pages, replace(prepared, cache=Cache(None)), options.layout_dirs, fresh)
        produced = {page.location for _lang, page in pages}
        gone = affected - produced
        for location in gone:
            self.readers.remove(location, self.pages.pop(location)[1].deps)
            prepared.searched.pop(urls.output_file(location), None)
        for lang, page in pages:
            if page.location in self.pages:
                self.readers.remove(page.location, self.pages[page.location][1].deps)
            self.pages[page.location] = (lang, page)
            self.readers.add(page.location, page.deps)
        if produced - affected or gone:
            keys.add(("locations",))
        # Read by the sitemap alone, and only when it is made again.
        all_pages = (page for _lang, page in self.pages.values())
        # Only a change beyond an item's body (a key of one part, such as ("cases",)) can change the shape.
        shape = plan_shape(site, (self.site, self.shape)) if any(len(key) == 1 for key in keys) else self.shape
        if shape != self.shape:
            # Items came or went, an event moved country, a case's status or release date changed:
            # the files, or what they read, may differ.
            plan = site_file_plan(site, prepared, options.now, all_pages)
            extras = {location: deps for location, deps, _make in plan}
        else:
            # The same files read the same things: make those that read what changed.
            touched = {location for location, deps in self.extras.items() if deps & keys}
            plan = site_file_plan(site, prepared, options.now, all_pages, touched.__contains__)
            extras = self.extras
        for location, deps, make in plan:
            # What a file read before the change counts too: a case no longer released leaves the feed.
            if location not in self.extras or (deps | self.extras[location]) & keys:
                fresh[location] = make()
        removed = [urls.output_file(location) for location in gone]
        removed += [location for location, deps in self.extras.items() if location not in extras]
        if EVERYTHING in keys or templates or layout_paths:
            fresh.update(theme.asset_files)
            fresh.update(prepared.media_files)
            kept = set(theme.asset_files) | set(prepared.media_files)
            removed += [location for location in self.locations
                        if location.startswith(("assets/", "media/")) and location not in kept]
        removed = sorted(set(removed) - set(fresh))
        self.locations.difference_update(removed)
        self.locations.update(fresh)
        written = write_files(options.out, fresh, removed)
        self.site, self.prepared, self.extras, self.seen, self.shape = site, prepared, extras, seen, shape
        gc.freeze()      # as after a build: what a save keeps lives until the next one replaces it
        if search and options.search:
            written += self.update_search()
        root = options.content.parent
        return Update(changed=[os.path.relpath(p, root) for p in changed], pages=len(pages),
                      written=written, removed=len(removed), seconds=clock.perf_counter() - started,
                      warnings=warnings)

    def update_search(self) -> int:
        """Index the current pages again; returns files written."""
        index = {location: path.read_bytes() for location, path in
                 search_files(self.options.out, self.prepared.searched, self.options.cache_dir,
                              self.site.campaign.languages[1:]).items()}
        stale = [location for location in self.locations
                 if location.startswith(f"{SEARCH_FOLDER}/") and location not in index]
        self.locations.difference_update(stale)
        self.locations.update(index)
        return write_files(self.options.out, index, stale)


class Readers:
    """The pages that read each dep, so a change finds the pages it touches without a pass over all."""

    def __init__(self):
        self.by_dep: dict = {}

    def add(self, location: str, deps) -> None:
        for dep in deps:
            self.by_dep.setdefault(dep, set()).add(location)

    def remove(self, location: str, deps) -> None:
        for dep in deps:
            readers = self.by_dep.get(dep)
            if readers is not None:
                readers.discard(location)
                if not readers:
                    del self.by_dep[dep]

    def of(self, keys) -> set:
        return set().union(*(self.by_dep.get(key, ()) for key in keys))


def changed_keys(old, new) -> set:
    """The dependency keys (as in views.Output.deps) whose values differ between two Sites.

    An item's body is shown only on its own pages, calendars and feed entry, which depend on
    ("body", key, slug); an edit of the body alone leaves lists, country pages, the pages it
    writes for and the letter untouched. ("some", key) says that some item of the key changed at
    all: the files that show every item's body, such as the calendar of all events, read that."""
    keys = set()
    if old.campaign != new.campaign or old.media != new.media:
        keys.add(EVERYTHING)
    retranslated = _retranslated(old.translations, new.translations)
    before_text, after_text = _translations(old, retranslated), _translations(new, retranslated)
    for kind, key in KINDS:
        before_items, after_items = getattr(old, kind), getattr(new, kind)
        slugs_retranslated = {slug for k, slug in retranslated if k == kind}
        if before_items == after_items and not slugs_retranslated:
            continue      # the kind's items are the same objects, or equal: quick to tell
        # A save of thousands of events changes one: only the places where the items differ are read.
        swapped = None if len(before_items) != len(after_items) else [
            (before_items[at], after_items[at]) for at in replaced(before_items, after_items)]
        if swapped is not None and all(b.slug == a.slug for b, a in swapped):
            pairs = swapped + [(b, a) for b, a in zip(before_items, after_items)
                               if b is a and a.slug in slugs_retranslated] if slugs_retranslated else swapped
        else:
            keys.add((kind,))
            before = {item.slug: item for item in before_items}
            after = {item.slug: item for item in after_items}
            pairs = ((before.get(slug), after.get(slug)) for slug in before.keys() | after.keys())
        for was, now in pairs:
            if was is now and not (slugs_retranslated and now.slug in slugs_retranslated):
                continue
            slug = (now or was).slug
            text_was, text_now = before_text.get((kind, slug)), after_text.get((kind, slug))
            if (was is now or was == now) and text_was == text_now:
                continue
            keys.update({("body", key, slug), ("some", key)})
            if was is not None and now is not None and not _beyond_body(was, now) \
                    and not _beyond_body(text_was, text_now):
                continue
            keys.update({(key, slug), (kind,)})
            for item in (was, now):
                if item is None:
                    continue
                if hasattr(item, "country"):
                    keys.add(("country", item.country))
                    if was is None or now is None or was.country != now.country:
                        keys.add(("countries",))     # what each country counts
                keys.update(("writes-for", case) for case in getattr(item, "cases", ()))
                if kind == "pages" and item.menu is not None:
                    keys.add(("menu",))
    return keys


BODIES = ("body", "description")     # the keys of an item's own text, shown on its own pages only


def _beyond_body(before, after) -> bool:
    """Whether two versions of an item, or of its translations, differ in more than their body."""
    if before is None or after is None:
        return before is not after
    if isinstance(before, list):
        strip = lambda text: [(lang, [kv for kv in values if kv[0] not in BODIES])  # noqa: E731
                              for lang, values in text]
        return strip(before) != strip(after)
    return replace(before, body="") != replace(after, body="")


def _retranslated(before: dict, after: dict) -> set:
    """{(kind, slug)} of the items whose translations differ between two sites' translations."""
    if before == after:
        return set()
    return {(kind, slug) for kind, slug, lang in before.keys() | after.keys()
            if before.get((kind, slug, lang)) != after.get((kind, slug, lang))}


def _translations(site, items: set) -> dict:
    """{(kind, slug): [(language, text keys)]} of the translations of `items` ({(kind, slug)})."""
    found: dict = {}
    if not items:
        return found
    for (kind, slug, lang), values in site.translations.items():
        if (kind, slug) in items:
            found.setdefault((kind, slug), []).append((lang, sorted(values.items(), key=lambda kv: kv[0])))
    return {key: sorted(value, key=lambda pair: pair[0]) for key, value in found.items()}


def _changed_templates(paths, theme) -> set:
    """Names of the templates among changed layout files."""
    names = set()
    for path in paths:
        parts = Path(path).parts
        if "templates" in parts:
            names.add("/".join(parts[len(parts) - parts[::-1].index("templates"):]))
    return names


def _template_users(theme, changed: set) -> set:
    """Every template that is, extends, includes or imports one of `changed`."""
    if not changed:
        return set()
    env = next(iter(theme.envs.values()))
    references = {}
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        source = env.loader.get_source(env, name)[0]
        try:
            references[name] = set(jinja2.meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateSyntaxError:
            references[name] = set()
    users = set(changed)
    grew = True
    while grew:
        more = {name for name, refs in references.items() if refs & users} - users
        users |= more
        grew = bool(more)
    return users


def _with_languages(pages, campaign):
    """[(language, page)]: a page's language is the first part of its location, or the default."""
    others = set(campaign.languages[1:])
    for page in pages:
        head = page.location.split("/", 1)[0]
        yield (head if head in others else campaign.language), page


def _inside(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
