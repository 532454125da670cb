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


def search_files(folder: Path, searched: dict, cache_dir: Path) -> dict:
    """The search index of the pages in `folder` that `searched` names: {location: its file in the cache}."""
    search = Search(folder, cache_dir)
    search.start(searched)
    return search.files()


class Search:
    """The search index of the pages written into a folder, made in the background."""

    def __init__(self, folder: Path, cache_dir: Path):
        self.folder, self.cache_dir = folder, cache_dir
        self.indexing: Indexing | None = None

    def start(self, searched: dict) -> None:
        """Begin indexing the pages `searched` ({page file: (marked, hash)}) chooses."""
        # Where pages mark what to index (cases, events, news), Pagefind reads only those: give it no others.
        marked = {location: digest for location, (mark, digest) in searched.items() if mark}
        pages = marked or {location: hashlib.blake2b((self.folder / location).read_bytes(), digest_size=16).digest()
                           for location in searched}
        try:
            self.indexing = Indexing(self.folder, pages, self.cache_dir)
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
    """

    def __init__(self, folder: Path, pages: dict[str, bytes], cache_dir: Path):
        executable = pagefind_executable()
        if executable is None:
            raise SearchIndexError("the search indexer (the pagefind-bin package) is not installed")
        digest = hashlib.sha256()
        for location in sorted(pages):
            digest.update(location.encode() + b"\0" + pages[location])
        self.cached = Path(cache_dir) / "search" / digest.hexdigest()
        self.process = None
        if self.cached.is_dir():
            return
        self.cached.parent.mkdir(parents=True, exist_ok=True)
        self.bundle = Path(tempfile.mkdtemp(prefix=".new-", dir=self.cached.parent))
        self.process = subprocess.Popen(
            [executable, "--site", str(folder), "--glob", page_glob(pages), "--output-path", str(self.bundle),
             "--silent"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, **INDEXER_ALLOCATOR})

    def cancel(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.communicate()
            shutil.rmtree(self.bundle, ignore_errors=True)

    def files(self) -> dict[str, Path]:
        if self.process is not None:
            try:
                _out, errors = self.process.communicate()
                if self.process.returncode != 0:
                    raise SearchIndexError(f"the search indexer failed: {errors.strip()[:500]}")
                _sort_entry(self.bundle / "pagefind-entry.json")
                try:
                    self.bundle.rename(self.cached)
                except OSError:  # another build stored the same index first
                    pass
            finally:
                shutil.rmtree(self.bundle, ignore_errors=True)
            self.process = None
        return _tree(self.cached)


def page_glob(pages) -> str:
    """A glob of the pages, for Pagefind: it need not read the others (a case's letter, the lists).

    Pages sit at <section>/<slug>/index.html (with a language in front for translations),
    so the sections and one folder below are enough; a page at the top means reading every page."""
    sections = sorted({posixpath.dirname(posixpath.dirname(page)) for page in pages})
    if not sections or "" in sections or any(set(s) & set("{},*?[]!") for s in sections):
        return "**/index.html"
    return (sections[0] if len(sections) == 1 else "{" + ",".join(sections) + "}") + "/*/index.html"


def _sort_entry(path: Path) -> None:
    """Pagefind lists a multilingual site's languages in no fixed order: sort them, for byte-identical builds."""
    if path.is_file():
        entry = json.loads(path.read_text("utf-8"))
        if isinstance(entry.get("languages"), dict):
            entry["languages"] = dict(sorted(entry["languages"].items()))
        path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _tree(folder: Path) -> dict[str, Path]:
    return {f"{SEARCH_FOLDER}/{rel}": folder / rel for rel in sorted(files_in(folder))}
