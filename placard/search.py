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


def search_index(pages: dict[str, bytes], cache_dir: Path | None) -> dict[str, bytes]:
    """{location: bytes} of the index for these HTML pages ({location: html}), under pagefind/."""
    executable = pagefind_executable()
    if executable is None:
        raise SearchIndexError("the search indexer (the pagefind-bin package) is not installed")
    digest = hashlib.sha256()
    for location in sorted(pages):
        digest.update(location.encode() + b"\0" + hashlib.sha256(pages[location]).digest())
    key = digest.hexdigest()
    cached = cache_dir / "search" / key if cache_dir else None
    if cached and cached.is_dir():
        return _read_tree(cached)
    with tempfile.TemporaryDirectory(prefix="placard-search-") as tmp:
        source, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        for location, html in pages.items():
            target = source / location
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        result = subprocess.run([executable, "--site", str(source), "--output-path", str(bundle), "--silent"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SearchIndexError(f"the search indexer failed: {result.stderr.strip()[:500]}")
        _sort_entry(bundle / "pagefind-entry.json")
        files = _read_tree(bundle)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=cached.parent))
            shutil.copytree(bundle, staging, dirs_exist_ok=True)
            try:
                staging.rename(cached)
            except OSError:  # another build stored the same index first
                shutil.rmtree(staging, ignore_errors=True)
    return files


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
