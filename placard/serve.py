"""The preview server: build, serve under the base_url path, rebuild what a save touches, reload.

It serves the output folder with livereload's server (so browsers reload after
each rebuild) and never a file outside that folder. A watcher notices saved
files and waits until they stop changing, so a save storm gives one rebuild.
Bad content never stops it: the last good site stays, with an overlay on every
page listing the errors, until the next good save.
"""
from __future__ import annotations

import contextlib
import html
import ipaddress
import logging
import mimetypes
import os
import sys
import threading
import time as clock
import traceback

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import ioloop, web
from watchdog.events import (EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_MODIFIED, EVENT_TYPE_OPENED,
                             FileSystemEventHandler)
from watchdog.observers import Observer

from . import urls
from .errors import ContentError, ContentErrors, format_errors
from .incremental import Engine, refreshed, snapshot

POLL_SECONDS = 0.15        # how often the watcher takes in what changed
QUIET_SECONDS = 0.3        # how long files must stay unchanged before a rebuild starts
LOOPBACK_NAMES = {"localhost"}


class Preview:
    """The engine plus what the browser sees between rebuilds: the errors of the last save."""

    def __init__(self, options, out=sys.stdout):
        self.engine = Engine(options)
        self.errors: list = []
        self.out = out

    def rebuild(self, seen: dict | None = None) -> bool:
        """Bring the site up to date and print one line; True when browsers should reload.

        `seen` is the watcher's snapshot of the folders, if it has just taken one."""
        try:
            update = self.engine.update(search=False, seen=seen)
        except ContentErrors as exc:
            changed = ", ".join(self._relative(self.engine.changes())) or "files"
            self._say(f"{changed} changed: {len(exc.errors)} error(s); still serving the last good site")
            self._say(format_errors(exc.errors).replace("nothing was written", "fix and save again"))
            self.errors = exc.errors
            return True
        except Exception as exc:     # a bug must not take the preview down with it
            self._say(f"rebuild failed: {exc.__class__.__name__}: {exc}; still serving the last good site")
            traceback.print_exc()
            self.errors = [ContentError("(placard)", 1, f"internal error: {exc}")]
            return True
        had_errors, self.errors = bool(self.errors), []
        if update is None:
            return had_errors
        changed = ", ".join(update.changed[:3]) + (f" and {len(update.changed) - 3} more"
                                                   if len(update.changed) > 3 else "")
        self._say(f"{changed} changed: {update.pages} pages rendered, {update.written} files written, "
                  f"{update.removed} removed in {update.seconds * 1000:.0f} ms")
        return True

    def reindex(self) -> None:
        """The search index, after the pages, so a save shows up without waiting for it."""
        if self.engine.options.search and not self.errors:
            try:
                self.engine.update_search()
            except ContentErrors as exc:
                self._say(format_errors(exc.errors))

    def _relative(self, paths):
        root = self.engine.options.content.parent
        return [os.path.relpath(p, root) for p in paths][:3]

    def _say(self, line: str) -> None:
        print(f"{clock.strftime('%H:%M:%S')} {line}", file=self.out, flush=True)


class SettledWatcher(Watcher):
    """Calls back once the watched files have changed and then stayed still for a moment.

    The operating system reports what changes (inotify, FSEvents or ReadDirectoryChangesW,
    through watchdog), so a campaign of any size costs nothing between saves; `last`, a
    snapshot of the folders, is kept up to date by looking again only at what was reported.
    Where the system cannot report changes, every file is looked at on each tick instead.
    """

    def __init__(self, folders, on_settled):
        super().__init__()
        self.folders = folders
        self.on_settled = on_settled
        self.last = snapshot(folders)
        self.moved_at = None
        self.reported: set = set()       # paths reported changed since the last tick
        self.lock = threading.Lock()
        self.observer = Observer()
        self.watches: dict = {}          # folder -> watchdog's watch of it

    def start(self, callback) -> bool:
        self.observer.start()
        ioloop.PeriodicCallback(self.tick, POLL_SECONDS * 1000).start()
        return True

    def examine(self):
        return None, None

    def report(self, *paths: str) -> None:
        with self.lock:
            self.reported.update(paths)

    def _watch_new_folders(self) -> None:
        """Watch each folder while it exists (a campaign's own layouts may come and go); look at it whole
        when it comes or goes."""
        for folder in self.folders:
            exists = os.path.isdir(folder)
            if folder in self.watches and not exists:
                with contextlib.suppress(KeyError, OSError):      # its watch may have ended with it
                    self.observer.unschedule(self.watches.pop(folder))
                self.report(folder)
            elif folder not in self.watches and exists:
                self.watches[folder] = self.observer.schedule(_Reporter(self), folder, recursive=True)
                self.report(folder)

    def tick(self) -> None:
        if self.observer is not None:
            try:
                self._watch_new_folders()
            except OSError:      # e.g. no inotify watches left: look at every file from now on
                with contextlib.suppress(Exception):
                    self.observer.stop()
                self.observer = None
        if self.observer is None:
            current = snapshot(self.folders)
        else:
            with self.lock:
                reported, self.reported = self.reported, set()
            current = refreshed(self.last, reported, self.folders) if reported else self.last
        if current != self.last:
            self.last, self.moved_at = current, clock.monotonic()
        elif self.moved_at is not None and clock.monotonic() - self.moved_at >= QUIET_SECONDS:
            self.moved_at = None
            self.on_settled()


class _Reporter(FileSystemEventHandler):
    """Hands watchdog's events to the watcher: which paths were made, written, moved or deleted."""

    def __init__(self, watcher: SettledWatcher):
        self.watcher = watcher

    def on_any_event(self, event) -> None:
        if event.event_type in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE) \
                or (event.is_directory and event.event_type == EVENT_TYPE_MODIFIED):
            return      # a file read (the build reads them all), or a folder whose files changed
        self.watcher.report(*(os.fsdecode(path) for path in (event.src_path, event.dest_path) if path))


class SiteHandler(web.RequestHandler):
    """Files of the output folder under the base_url path; the error overlay on HTML pages."""

    def initialize(self, root: str, base_path: str, preview: Preview):
        self.root, self.base_path, self.preview = os.path.realpath(root), base_path, preview

    def get(self, path: str) -> None:
        request_path = "/" + path
        if not request_path.startswith(self.base_path):
            if request_path == "/" or request_path + "/" == self.base_path:
                self.redirect(self.base_path)
                return
            self.send(self.not_found(), 404)
            return
        relative = request_path[len(self.base_path):]
        target = self.resolve(relative)
        if target is None:
            self.send(self.not_found(), 404)
        elif os.path.isdir(target):
            self.redirect(request_path + "/")
        else:
            self.send(target, 200)

    def resolve(self, relative: str) -> str | None:
        """The file a site path names, only if it lies inside the output folder."""
        candidate = os.path.realpath(os.path.join(self.root, relative.lstrip("/")))
        if candidate != self.root and not candidate.startswith(self.root + os.sep):
            return None
        if os.path.isdir(candidate):
            index = os.path.join(candidate, "index.html")
            if os.path.isfile(index):
                return index if relative.endswith("/") or relative == "" else candidate
            return None
        return candidate if os.path.isfile(candidate) else None

    def not_found(self) -> str | None:
        page = os.path.join(self.root, urls.NOT_FOUND)
        return page if os.path.isfile(page) else None

    def send(self, target: str | None, status: int) -> None:
        self.set_status(status)
        self.set_header("Cache-Control", "no-store")
        if target is None:
            self.finish(b"not found")
            return
        kind = mimetypes.guess_type(target)[0] or "application/octet-stream"
        self.set_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        with open(target, "rb") as stream:
            data = stream.read()
        if kind == "text/html" and self.preview.errors:
            data = with_overlay(data, self.preview.errors)
        self.finish(data)


def with_overlay(page: bytes, errors) -> bytes:
    """The page with a box over it listing `path:line: message` of every error."""
    items = "".join(f"<li>{html.escape(str(e))}</li>" for e in errors)
    box = (f'<div id="placard-errors" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:99999;'
           f'max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#2b0000;color:#fff;'
           f'font:15px/1.5 monospace;border-top:4px solid #f44">'
           f'<strong>Placard could not build this save; showing the last good site.</strong>'
           f'<ul style="margin:.5em 0 0;padding-left:1.2em">{items}</ul></div>').encode("utf-8")
    at = page.rfind(b"</body>")
    return page[:at] + box + page[at:] if at >= 0 else page + box


class PreviewServer(Server):
    """livereload's server, serving the site through SiteHandler and logging nothing itself."""

    def __init__(self, preview: Preview, root: str, base_path: str, watcher: Watcher):
        super().__init__(watcher=watcher)
        self.preview, self.site_root, self.base_path = preview, root, base_path

    def get_web_handlers(self, script):
        return [(r"/(.*)", SiteHandler, {"root": self.site_root, "base_path": self.base_path,
                                         "preview": self.preview})]

    def _setup_logging(self):
        logging.getLogger("livereload").setLevel(logging.WARNING)
        logging.getLogger("tornado.access").setLevel(logging.ERROR)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(options, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Build, then preview until Ctrl+C; exit status 0 (1 when the first build fails)."""
    preview = Preview(options)
    started = clock.perf_counter()
    try:
        result = preview.engine.build()
    except ContentErrors as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        return 1
    base_path = result.prepared.links.base_path
    print(f"built {result.stats['pages']} pages in {clock.perf_counter() - started:.2f} s", flush=True)
    if not is_loopback(host):
        print(f"\nWARNING: serving on {host}: anyone who can reach this computer on port {port} can see "
              "the preview.\nThe preview server is for previews only; publish the site folder with a "
              "real web server.\n", file=sys.stderr, flush=True)
    shown = f"[{host}]" if ":" in host else host
    print(f"previewing at http://{shown}:{port}{base_path} (for previews only; Ctrl+C stops)", flush=True)

    def rebuild():
        if preview.rebuild(watcher.last):
            LiveReloadHandler.reload_waiters()
            ioloop.IOLoop.current().add_callback(preview.reindex)

    watcher = SettledWatcher(preview.engine.folders, rebuild)
    watcher.last = preview.engine.seen
    server = PreviewServer(preview, str(options.out), base_path, watcher)
    server.serve(port=port, host=host, restart_delay=0)
    return 0
