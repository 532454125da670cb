"""A record of the last build, so that a build whose inputs, moment and output are unchanged does nothing.

The output depends on the moment of the build only through which events are past, so
a record stays valid from the last event that ended before that moment until the next
one ends. The inputs are every byte of the content and layouts, the options and
Placard's code; the output is every file's size and modification time, so a site
touched by hand is rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from .cache import CODE_VERSION, _write_atomically
from .errors import ContentError
from .write import files_in


@dataclass(frozen=True)
class Manifest:
    inputs: str
    valid_from: float | None      # the build's output holds for moments in [valid_from, valid_until)
    valid_until: float | None
    outputs: dict                 # relative path -> [size, mtime_ns]
    pages: int
    warnings: list                # [path, line, message, hint]

    def covers(self, inputs: str, now: datetime) -> bool:
        moment = now.timestamp()
        return (self.inputs == inputs and (self.valid_from is None or self.valid_from <= moment)
                and (self.valid_until is None or moment < self.valid_until))

    def content_warnings(self) -> list:
        return [ContentError(*w) for w in self.warnings]


def input_digest(options) -> str:
    """A hash of every input file, the options that shape the output, and Placard's code."""
    digest = hashlib.blake2b(CODE_VERSION, digest_size=20)
    digest.update(repr((options.base_url, options.drafts, options.search)).encode())
    for folder in [options.content, *options.layout_dirs]:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, folder).encode() + b"\0")
                try:
                    with open(path, "rb") as handle:
                        digest.update(hashlib.blake2b(handle.read(), digest_size=16).digest())
                except OSError:
                    digest.update(b"unreadable")
    return digest.hexdigest()


def record(inputs: str, result, outputs: dict) -> Manifest:
    """What a finished build leaves for the next one to compare with; `outputs` as output_state gives them."""
    return Manifest(inputs, *result.valid, outputs,
                    result.stats["pages"], [[w.path, w.line, w.message, w.hint] for w in result.warnings])


def validity(site, now: datetime) -> tuple:
    """The span of moments around `now` in which no event changes from upcoming to past."""
    moments = sorted({e.over_moment for e in site.events})
    moment = now.timestamp()
    before = [m for m in moments if m <= moment]
    after = [m for m in moments if m > moment]
    return (before[-1] if before else None, after[0] if after else None)


def output_state(out: Path) -> dict:
    return {rel: [info.st_size, info.st_mtime_ns] for rel, info in files_in(out).items()}


def _path(cache_dir: Path, out: Path) -> Path:
    tag = hashlib.blake2b(str(Path(out).resolve()).encode(), digest_size=8).hexdigest()
    return Path(cache_dir) / f"manifest-{tag}.json"


def load(cache_dir: Path, out: Path) -> Manifest | None:
    try:
        return Manifest(**json.loads(_path(cache_dir, out).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def save(cache_dir: Path, out: Path, manifest: Manifest) -> None:
    _write_atomically(_path(cache_dir, out), json.dumps(asdict(manifest)).encode("utf-8"))


def forget(cache_dir: Path, out: Path) -> None:
    try:
        _path(cache_dir, out).unlink()
    except OSError:
        pass
