"""Full-text search with no server: Pagefind indexes the built pages into static files."""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ContentError, ContentErrors
from .write import files_in

SEARCH_FOLDER = "pagefind"
SEARCH_MARK = b"data-pagefind-body"      # what a page marks for indexing; unmarked pages are left out
# Pagefind's allocator (jemalloc, read from this variable): one arena packs the word maps of
# every page, which its index build holds at once, about a sixth tighter; huge pages let it
# zero memory in place instead of handing pages back to the system and faulting them in again.
INDEXER_ALLOCATOR = {"_RJEM_MALLOC_CONF": "narenas:1,thp:always"}


class SearchIndexError(Exception):
    pass


def pagefind_executable() -> str | None:
    try:
        import pagefind_bin
        return str(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError, OSError):
        return shutil.which("pagefind")


def search_files(folder: Path, searched: dict, cache_dir: Path, languages=()) -> dict:
    """The search index of the pages in `folder` that `searched` names: {location: its file in the cache}."""
    search = Search(folder, cache_dir)
    search.start(searched, languages)
    return search.files()


class Search:
    """The search index of the pages written into a folder, made in the background."""

    def __init__(self, folder: Path, cache_dir: Path):
        self.folder, self.cache_dir = folder, cache_dir
        self.indexing: Indexing | None = None

    def start(self, searched: dict, languages=()) -> None:
        """Begin indexing the pages `searched` ({page file: (marked, hash)}) chooses.

        `languages` are the campaign's other languages than its first, whose pages sit under
        their code: each is indexed on its own."""
        # Where pages mark what to index (cases, events, news), Pagefind reads only those: give it no others.
        marked = {location: digest for location, (mark, digest) in searched.items() if mark}
        pages = marked or {location: hashlib.blake2b((self.folder / location).read_bytes(), digest_size=16).digest()
                           for location in searched}
        try:
            self.indexing = Indexing(self.folder, pages, self.cache_dir, languages)
        except SearchIndexError as exc:
            raise ContentErrors([ContentError("(search index)", 1, str(exc))]) from None

    def cancel(self) -> None:
        if self.indexing is not None:
            self.indexing.cancel()
            self.indexing = None

    def files(self) -> dict:
        """{location in the site: the index file, kept in the cache folder}."""
        try:
            return self.indexing.files()
        except SearchIndexError as exc:
            raise ContentErrors([ContentError("(search index)", 1, str(exc))]) from None


class Indexing:
    """A search index being made in the background: start it, do other work, then ask for its files.

    Pagefind reads the pages where they were written (`folder`); `pages` maps each page it
    should index (its file, relative to the folder) to a hash of its bytes, so an index made
    before from the same pages is taken from the cache instead. Each index stays in the cache
    folder, where the site's copy links to it.

    Pagefind holds every page it indexes in memory at once, and makes an index per language
    anyway: the pages of each language are indexed in turn, one Pagefind after another, and
    their indexes put together in one folder, so a campaign in four languages takes the memory
    of its largest one.
    """

    def __init__(self, folder: Path, pages: dict[str, bytes], cache_dir: Path, languages=()):
        self.executable = pagefind_executable()
        if self.executable is None:
            raise SearchIndexError("the search indexer (the pagefind-bin package) is not installed")
        digest = hashlib.sha256()
        for location in sorted(pages):
            digest.update(location.encode() + b"\0" + pages[location])
        self.folder = folder
        self.cached = Path(cache_dir) / "search" / digest.hexdigest()
        self.process = None
        if self.cached.is_dir():
            return
        self.cached.parent.mkdir(parents=True, exist_ok=True)
        self.bundle = Path(tempfile.mkdtemp(prefix=".new-", dir=self.cached.parent))
        self.glob = page_glob(pages)
        globs = [page_glob(group) for group in by_language(pages, languages)]
        if len(globs) > 1 and "**/index.html" in globs:      # pages outside the sections: one run reads them all
            globs = [self.glob]
        self.runs = [(glob, self.bundle if len(globs) == 1 else Path(tempfile.mkdtemp(
            prefix=".part-", dir=self.cached.parent))) for glob in globs]
        self.waiting = list(self.runs)
        self._run_next()

    def _run_next(self) -> None:
        glob, output = self.waiting.pop(0)
        self.process = subprocess.Popen(
            [self.executable, "--site", str(self.folder), "--glob", glob, "--output-path", str(output),
             "--silent"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, **INDEXER_ALLOCATOR})

    def _wait(self) -> None:
        _out, errors = self.process.communicate()
        if self.process.returncode != 0:
            raise SearchIndexError(f"the search indexer failed: {errors.strip()[:500]}")

    def cancel(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.communicate()
            self._clear()

    def files(self) -> dict[str, Path]:
        if self.process is not None:
            try:
                self._wait()
                while self.waiting:
                    self._run_next()
                    self._wait()
                together = len(self.runs) > 1 and _put_together([output for _glob, output in self.runs], self.bundle)
                if len(self.runs) > 1 and not together:
                    # Two runs gave the same language (a theme that labels its pages otherwise): one run for all.
                    self.waiting = [(self.glob, self.bundle)]
                    self._run_next()
                    self._wait()
                if not together:
                    _sort_entry(self.bundle / "pagefind-entry.json")
                try:
                    self.bundle.rename(self.cached)
                except OSError:  # another build stored the same index first
                    pass
            finally:
                self._clear()
            self.process = None
        return _tree(self.cached)

    def _clear(self) -> None:
        for folder in {self.bundle, *(output for _glob, output in self.runs)}:
            shutil.rmtree(folder, ignore_errors=True)


def by_language(pages, languages) -> list[list[str]]:
    """The pages grouped by language: those under one of `languages`' folders, then the rest."""
    groups: dict = {}
    for page in pages:
        top = page.split("/", 1)[0]
        groups.setdefault(top if top in languages else "", []).append(page)
    return [groups[key] for key in sorted(groups)]


def _put_together(parts: list[Path], bundle: Path) -> bool:
    """Move the indexes of `parts` into `bundle`, with one entry naming every language; False when
    two parts hold the same language. Their other files (pagefind.js and the like) are the same."""
    languages: dict = {}
    for part in parts:
        entry = json.loads((part / "pagefind-entry.json").read_text("utf-8"))
        if languages.keys() & entry["languages"].keys():
            return False
        languages.update(entry["languages"])
    for part in parts:
        for rel in files_in(part):
            target = bundle / rel
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part / rel, target)
    _write_entry(bundle / "pagefind-entry.json", {**entry, "languages": languages})
    return True


def page_glob(pages) -> str:
    """A glob of the pages, for Pagefind: it need not read the others (a case's letter, the lists).

    Pages sit at <section>/<slug>/index.html (with a language in front for translations),
    so the sections and one folder below are enough; a page at the top means reading every page."""
    sections = sorted({posixpath.dirname(posixpath.dirname(page)) for page in pages})
    if not sections or "" in sections or any(set(s) & set("{},*?[]!") for s in sections):
        return "**/index.html"
    return (sections[0] if len(sections) == 1 else "{" + ",".join(sections) + "}") + "/*/index.html"


def _sort_entry(path: Path) -> None:
    if path.is_file():
        _write_entry(path, json.loads(path.read_text("utf-8")))


def _write_entry(path: Path, entry: dict) -> None:
    """Pagefind lists a multilingual site's languages in no fixed order: they are written sorted,
    for byte-identical builds."""
    if isinstance(entry.get("languages"), dict):
        entry = {**entry, "languages": dict(sorted(entry["languages"].items()))}
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _tree(folder: Path) -> dict[str, Path]:
    return {f"{SEARCH_FOLDER}/{rel}": folder / rel for rel in sorted(files_in(folder))}
