"""The only module that writes the output folder.

A full build is written into a staging folder beside the output, then swapped in,
so a failure never leaves a half-written site. Files whose bytes did not change
are carried over as hard links, keeping their timestamps, so rsync and object
storage sync send only what changed. The preview's incremental writes rewrite single
files in place.
"""
from __future__ import annotations

import os
import shutil
import stat
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


class Staging:
    """A new site written file by file beside the old one, then swapped in whole by `commit()`.

    A file whose bytes equal the old site's becomes a hard link to it, keeping its timestamp.
    Forked worker processes may put files too: each sends its `share()` back to be `absorb`ed.
    Used as a context manager, a build that fails leaves the old site as it was.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.old = {rel: info.st_size for rel, info in files_in(self.out).items()}
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
        self.written: set = set()
        self.kept: set = set()
        self.placed: dict = {}      # location -> [size, modification time], as the manifest keeps them
        self._folders: set = set()

    def put(self, rel: str, data: bytes) -> None:
        old = self.out / rel
        # The walk of the old site gave its size: comparing the bytes needs no second look.
        self._place(rel, self.old.get(rel) == len(data) and not _differs(old, data, self.old[rel]),
                    lambda target: target.write_bytes(data))

    def put_file(self, rel: str, source: Path) -> None:
        """Put a file that is on disk already (the search index, in its cache) as a hard link to it."""
        old = self.out / rel
        same = rel in self.old and self.old[rel] == source.stat().st_size \
            and (_same_file(old, source) or not _differs(old, source.read_bytes(), self.old[rel]))
        self._place(rel, same, lambda target: _link_or_copy(source, target))

    def _place(self, rel: str, same_as_old: bool, write) -> None:
        """A file equal to the old site's becomes a hard link to it, keeping its timestamp; others are written."""
        target = self.folder / rel
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        if same_as_old:
            _link_or_copy(self.out / rel, target)
            self.kept.add(rel)
        else:
            write(target)
            self.written.add(rel)
        # Taken here, by the process that placed the file: the swap leaves it as it is.
        info = os.stat(target)
        self.placed[rel] = [info.st_size, info.st_mtime_ns]

    def share(self):
        """What this process put since it last shared, for the process that commits."""
        share = (self.written, self.kept, self.placed)
        self.written, self.kept, self.placed = set(), set(), {}
        return share

    def absorb(self, share) -> None:
        written, kept, placed = share
        self.written |= written
        self.kept |= kept
        self.placed.update(placed)

    def locations(self) -> set:
        return set(self.placed)

    def commit(self) -> dict:
        """Swap the new site in (unless nothing changed at all); returns counts."""
        stale = [rel for rel in self.old if rel not in self.written and rel not in self.kept]
        if self.out.is_dir() and not self.written and not stale:
            self.discard()
        else:
            _swap(self.folder, self.out)
        return {"written": len(self.written), "unchanged": len(self.kept), "removed": len(stale)}

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, kind, _value, _tb):
        if kind is not None:
            self.discard()


class Memory(dict):
    """Files kept in memory instead of written, for a check of the site that must write nothing."""

    def put(self, rel: str, data: bytes) -> None:
        self[rel] = data

    def put_file(self, rel: str, source: Path) -> None:
        self[rel] = source.read_bytes()

    def share(self):
        share = dict(self)
        self.clear()
        return share

    def absorb(self, share) -> None:
        self.update(share)

    def locations(self) -> set:
        return set(self)


def write_files(out: Path, files: dict[str, bytes], removed=()) -> int:
    """Write single files and delete removed ones; returns files written.

    A changed file that is a plain file of its own is overwritten where it is: replacing it would
    hand its pages back to the system and take new ones, several times slower for the megabytes of
    a calendar of all events. A file with other links (the search index's files, linked from the
    cache) is replaced instead, atomically, leaving the other links as they were."""
    written = 0
    for rel, data in files.items():
        target = Path(out) / rel
        try:
            state = os.lstat(target)
        except OSError:
            state = None
        if state is not None and stat.S_ISREG(state.st_mode) and not _differs(target, data, state.st_size):
            continue
        if state is not None and stat.S_ISREG(state.st_mode) and state.st_nlink == 1:
            with open(target, "r+b") as stream:
                stream.write(data)
                stream.truncate()
        else:
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


def files_in(folder: Path) -> dict[str, os.stat_result]:
    """{path below `folder`, with /: its stat} of every file there."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        below = os.path.relpath(root, folder)
        prefix = "" if below == "." else below.replace(os.sep, "/") + "/"
        for name in names:
            found[prefix + name] = os.stat(os.path.join(root, name))
    return found


def _differs(path: Path, data: bytes, size: int | None = None) -> bool:
    """Whether the file at `path` holds other bytes than `data`; `size`, its size when already known."""
    try:
        if (path.stat().st_size if size is None else size) != len(data):
            return True
        return path.read_bytes() != data
    except OSError:
        return True


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


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
