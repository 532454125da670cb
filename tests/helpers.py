"""Test helpers: write a small campaign inline, build it, read what came out."""
from __future__ import annotations

import contextlib
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from placard.cli import main

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
NOW = "2009-12-01T00:00Z"
CHROMIUM = Path("/usr/bin/chromium")       # Debian's; Playwright never downloads a browser here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

CAMPAIGN = """\
title: Test Write-a-thon
base_url: https://example.org/sub/
starts: 2009-12-05
ends: 2009-12-13
timezone: America/New_York
"""

CASE = """\
---
name: Ana Example
country: MX
status: imprisoned
summary: A teacher imprisoned for a peaceful protest.
appeal:
  to: Attorney General
  address: |
    1 Example Street
    Mexico City
  salutation: Dear Attorney General,
  letter: |
    Please release Ana Example.
---
Ana's story.
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    site: Path

    def read(self, location: str) -> str:
        """A built file's text; 'cases/x/' means cases/x/index.html."""
        path = self.site / location
        if location == "" or location.endswith("/"):
            path = path / "index.html"
        return path.read_text("utf-8")

    def exists(self, location: str) -> bool:
        path = self.site / location
        return (path / "index.html").is_file() if location == "" or location.endswith("/") else path.is_file()


def write_campaign(root: Path, files: dict[str, str | bytes], *, campaign: str | None = CAMPAIGN) -> Path:
    """Write {relative path: text} under root; content/campaign.yaml is added unless given."""
    if campaign is not None and "content/campaign.yaml" not in files:
        files = {"content/campaign.yaml": campaign, **files}
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8")
    return root / "content"


def run_placard(*args: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def build(root: Path, *extra: str, now: str = NOW, command: str = "build") -> Run:
    """Build root/content into root/site."""
    site = root / "site"
    code, out, err = run_placard(command, "--content", str(root / "content"), "--out", str(site),
                                 "--now", now, *extra)
    return Run(code, out, err, site)
