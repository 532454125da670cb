"""The only module that writes the output folder.

A full build is written into a staging folder beside the output, then swapped in,
so a failure never leaves a half-written site. Files whose bytes did not change
are carried over as hard links, keeping their timestamps, so rsync and object
storage sync send only what changed. An incremental write replaces single files
atomically in place.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class UnsafeOutput(Exception):
    """The output folder is one Placard must not replace."""


def check_output_dir(out: Path, protected: list[Path]) -> None:
    """Refuse to own a folder that is, holds or lies in the content or layouts; a home, the root or a git repository."""
    target = out.resolve()
    if target == Path(target.anchor):
        raise UnsafeOutput(f"{out} is the root of the file system")
    if target == Path.home().resolve():
        raise UnsafeOutput(f"{out} is a home directory")
    if (target / ".git").exists():
        raise UnsafeOutput(f"{out} is the root of a git repository")
    for folder in protected:
        folder = folder.resolve()
        if folder == target or target in folder.parents:
            raise UnsafeOutput(f"{out} is or contains {folder}")
        if folder in target.parents:
            raise UnsafeOutput(f"{out} lies inside {folder}")


def write_site(out: Path, files: dict[str, bytes]) -> dict:
    """Replace `out` with exactly `files` ({relative path: bytes}); returns counts."""
    out = Path(out)
    old = _existing(out)
    changed = [rel for rel, data in files.items() if old.get(rel) != len(data) or _differs(out / rel, data)]
    stale = [rel for rel in old if rel not in files]
    if out.is_dir() and not changed and not stale:
        return {"written": 0, "unchanged": len(files), "removed": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        changed_set, folders = set(changed), set()
        for rel, data in files.items():
            target = staging / rel
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            if rel in changed_set:
                target.write_bytes(data)
            else:
                _link_or_copy(out / rel, target)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {"written": len(changed), "unchanged": len(files) - len(changed), "removed": len(stale)}


def write_files(out: Path, files: dict[str, bytes], removed=()) -> int:
    """Write single files in place (each atomically) and delete removed ones; returns files written."""
    written = 0
    for rel, data in files.items():
        target = Path(out) / rel
        if not _differs(target, data):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        written += 1
    for rel in removed:
        target = Path(out) / rel
        if target.is_file():
            target.unlink()
            _prune_empty(target.parent, Path(out))
    return written


def _existing(out: Path) -> dict[str, int]:
    if not out.is_dir():
        return {}
    found = {}
    for folder, _dirs, names in os.walk(out):
        for name in names:
            path = Path(folder) / name
            found[path.relative_to(out).as_posix()] = path.stat().st_size
    return found


def _differs(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return True
        return path.read_bytes() != data
    except OSError:
        return True


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _swap(staging: Path, out: Path) -> None:
    os.chmod(staging, 0o755)
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(retired)
    os.replace(out, retired)
    os.replace(staging, out)
    shutil.rmtree(retired, ignore_errors=True)


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
