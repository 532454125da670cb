"""Fixtures shared by every test; the helpers themselves live in tests/helpers.py."""
from __future__ import annotations

import pytest

from tests.helpers import *  # noqa: F401,F403  (older tests import the helpers from here)
from tests.helpers import CAMPAIGN, NOW, Run, build, write_campaign


@pytest.fixture
def campaign(tmp_path):
    """A function that writes files into a fresh campaign and builds it."""
    def make(files: dict, *extra: str, now: str = NOW, campaign_yaml: str | None = CAMPAIGN) -> Run:
        write_campaign(tmp_path, files, campaign=campaign_yaml)
        return build(tmp_path, *extra, now=now)
    return make
