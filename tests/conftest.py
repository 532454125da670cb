"""Fixtures shared by every test; the helpers themselves live in tests/helpers.py."""
from __future__ import annotations

import pytest

from tests.helpers import CAMPAIGN, CHROMIUM, CHROMIUM_ARGS, NOW, Run, build, write_campaign


@pytest.fixture
def campaign(tmp_path):
    """A function that writes files into a fresh campaign and builds it."""
    def make(files: dict, *extra: str, now: str = NOW, campaign_yaml: str | None = CAMPAIGN) -> Run:
        write_campaign(tmp_path, files, campaign=campaign_yaml)
        return build(tmp_path, *extra, now=now)
    return make


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session: Playwright's sync API allows one at a time."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
