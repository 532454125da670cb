"""Full-text search with no server: Pagefind indexes the built pages into static files."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

SEARCH_FOLDER = "pagefind"


class SearchIndexError(Exception):
    pass


def pagefind_executable() -> str | None:
    try:
        import pagefind_bin
        return str(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError, OSError):
        return shutil.which("pagefind")


class Indexing:
    """A search index being made in the background: start it, do other work, then ask for its files."""

    def __init__(self, pages: dict[str, bytes], cache_dir: Path | None):
        executable = pagefind_executable()
        if executable is None:
            raise SearchIndexError("the search indexer (the pagefind-bin package) is not installed")
        digest = hashlib.sha256()
        for location in sorted(pages):
            digest.update(location.encode() + b"\0" + hashlib.sha256(pages[location]).digest())
        self.cached = cache_dir / "search" / digest.hexdigest() if cache_dir else None
        self.process = None
        if self.cached and self.cached.is_dir():
            return
        self.tmp = tempfile.TemporaryDirectory(prefix="placard-search-")
        source, self.bundle = Path(self.tmp.name) / "site", Path(self.tmp.name) / "bundle"
        for location, html in pages.items():
            target = source / location
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        self.process = subprocess.Popen(
            [executable, "--site", str(source), "--output-path", str(self.bundle), "--silent"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def files(self) -> dict[str, bytes]:
        if self.process is None:
            return _read_tree(self.cached)
        try:
            _out, errors = self.process.communicate()
            if self.process.returncode != 0:
                raise SearchIndexError(f"the search indexer failed: {errors.strip()[:500]}")
            _sort_entry(self.bundle / "pagefind-entry.json")
            files = _read_tree(self.bundle)
            if self.cached:
                self._store()
            return files
        finally:
            self.tmp.cleanup()

    def _store(self) -> None:
        self.cached.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=self.cached.parent))
        shutil.copytree(self.bundle, staging, dirs_exist_ok=True)
        try:
            staging.rename(self.cached)
        except OSError:  # another build stored the same index first
            shutil.rmtree(staging, ignore_errors=True)


def _sort_entry(path: Path) -> None:
    """Pagefind lists a multilingual site's languages in no fixed order: sort them, for byte-identical builds."""
    if path.is_file():
        entry = json.loads(path.read_text("utf-8"))
        if isinstance(entry.get("languages"), dict):
            entry["languages"] = dict(sorted(entry["languages"].items()))
        path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _read_tree(folder: Path) -> dict[str, bytes]:
    return {f"{SEARCH_FOLDER}/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
