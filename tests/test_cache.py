"""The build cache in .placard-cache/ never changes a byte of the site."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import build, write_campaign

FILES = {
    "content/cases/ana.md": "---\nname: Ana Example\ncountry: MX\nstatus: imprisoned\nsummary: A teacher.\n"
                            "---\nAna's *story*.\n",
    "content/events/london.md": "---\ntitle: London letters\nstart: 2009-12-05T14:00\ntimezone: Europe/London\n"
                                "country: GB\ncity: London\ncases: [ana]\n---\nBring pens.\n",
    "content/news/update.md": "---\ntitle: An update\ndate: 2009-11-02\n---\nNews for [Ana](/cases/ana/).\n",
}


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(root: Path, out: str):
    run = build(root, "--out", str(root / out))
    assert run.code == 0, run.err
    return tree(root / out)


def test_a_cached_build_equals_a_clean_one(tmp_path):
    write_campaign(tmp_path, FILES)
    cold = build_into(tmp_path, "cold")
    assert (tmp_path / ".placard-cache").is_dir()
    warm = build_into(tmp_path, "warm")
    shutil.rmtree(tmp_path / ".placard-cache")
    clean = build_into(tmp_path, "clean")
    assert warm == cold == clean


def test_a_layout_change_is_not_hidden_by_the_cache(tmp_path):
    write_campaign(tmp_path, FILES)
    build_into(tmp_path, "site")
    write_campaign(tmp_path, {"layouts/templates/case.html": "{% extends 'base.html' %}{% block content %}"
                                                             "<p class=ours>{{ case.name }}</p>{% endblock %}\n"})
    cached = build_into(tmp_path, "site")
    assert "class=ours" in cached["cases/ana/index.html"].decode()
    shutil.rmtree(tmp_path / ".placard-cache")
    assert build_into(tmp_path, "clean") == cached


def test_a_content_change_is_not_hidden_by_the_cache(tmp_path):
    write_campaign(tmp_path, FILES)
    build_into(tmp_path, "site")
    write_campaign(tmp_path, {"content/cases/ana.md": FILES["content/cases/ana.md"].replace("story", "new story")})
    cached = build_into(tmp_path, "site")
    assert "<em>new story</em>" in cached["cases/ana/index.html"].decode()
    shutil.rmtree(tmp_path / ".placard-cache")
    assert build_into(tmp_path, "clean") == cached
