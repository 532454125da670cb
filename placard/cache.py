"""Work kept across builds in .placard-cache/, found by a hash of everything that made it.

A key covers the inputs, Placard's own code and the versions of the libraries that
shape the output, and (for pages) every template and string catalog, so a cached
result is only ever reused where rebuilding would give the same bytes. Deleting
the folder is always safe.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

LIBRARIES = ("markdown", "nh3", "jinja2", "icalendar", "babel", "pycountry", "tzdata")


def _code_version() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(name.encode())
    return digest.digest()


CODE_VERSION = _code_version()


def fingerprint(folders) -> bytes:
    """A hash of every file under the folders, e.g. templates and catalogs."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


class Cache:
    """Rendered pages by key, in one SQLite file (a file per page would cost a file creation each).

    Each process (forked workers too) opens its own connection. A cache that cannot be read
    or written only makes the build slower; without a folder it remembers nothing.
    """

    BATCH = 256      # pages written in one transaction: a commit per page costs system calls each

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / "rendered.sqlite" if folder else None
        self._db = None
        self._pid = None
        self._new: list = []

    def key(self, *parts) -> bytes:
        return hashlib.blake2b(pickle.dumps((CODE_VERSION, parts), protocol=5), digest_size=20).digest()

    def fetch(self, parts, make) -> bytes:
        """The cached bytes for these inputs, or make() them and keep them."""
        db = self._connection()
        if db is None:
            return make()
        key = self.key(*parts)
        try:
            found = db.execute("SELECT data FROM pages WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            found = None
        if found is not None:
            return found[0]
        data = make()
        self._new.append((key, data))
        if len(self._new) >= self.BATCH:
            self.flush()
        return data

    def flush(self) -> None:
        """Write the pages made since the last flush."""
        new, self._new = self._new, []
        if new and self._pid == os.getpid() and self._db is not None:
            try:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", new)
                self._db.execute("COMMIT")
            except sqlite3.Error:
                if self._db.in_transaction:
                    self._db.rollback()

    def _connection(self):
        if self.path is None:
            return None
        if self._pid != os.getpid():
            self._pid, self._db, self._new = os.getpid(), None, []
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = OFF")      # a cache lost in a crash is only rebuilt
                db.execute("CREATE TABLE IF NOT EXISTS pages (key BLOB PRIMARY KEY, data BLOB)")
                self._db = db
            except sqlite3.Error:
                pass
        return self._db


class MarkdownCache:
    """A Converter whose conversions persist across builds: Markdown is most of a build's work."""

    def __init__(self, converter, folder: Path | None):
        self.converter = converter
        self.path = None
        if folder:
            tag = hashlib.blake2b(CODE_VERSION + converter.base_path.encode(), digest_size=12).hexdigest()
            self.path = Path(folder) / f"markdown-{tag}.pickle"
        self.known: dict = self._load()
        self.used: dict = {}

    def html(self, text: str, *, trusted: bool = False, volunteer: bool = False) -> str:
        """The converter's html(), converted once for all builds."""
        if not text:
            return ""
        key = (hashlib.blake2b(text.encode(), digest_size=16).digest(), trusted, volunteer)
        found = self.used.get(key)
        if found is None:
            found = self.known.get(key)
            if found is None:
                found = self.converter.html(text, trusted=trusted, volunteer=volunteer)
            self.used[key] = found
        return found

    def save(self) -> None:
        """Keep this build's conversions (and only those, so the file never outgrows the site)."""
        if self.path is not None and self.used.keys() != self.known.keys():
            _write_atomically(self.path, pickle.dumps(self.used, protocol=5))
            self.known = dict(self.used)

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            return pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            return {}


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except OSError:
        pass        # a cache that cannot be written only makes the next build slower
