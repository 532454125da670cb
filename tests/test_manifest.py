"""A build with nothing new to do does nothing, and never leaves a stale site."""
from __future__ import annotations

import json
import os

from tests.helpers import CASE, build, write_campaign

EVENT = """\
---
title: Write-in
start: 2009-12-05T14:00
end: 2009-12-05T17:00
timezone: America/New_York
country: US
city: Boston
---
"""


def files(run) -> dict:
    return {p: p.read_bytes() for p in run.site.rglob("*") if p.is_file()}


def test_a_second_build_of_the_same_content_writes_nothing(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE, "content/events/write-in.md": EVENT})
    first = build(tmp_path)
    assert first.code == 0
    second = build(tmp_path)
    assert second.code == 0
    assert "0 files written" in second.out
    assert files(second) == files(first)


def test_a_second_build_of_a_site_rendered_on_several_processes_writes_nothing(tmp_path, monkeypatch):
    from placard import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    rows = "".join(f"meet-{n},Meet {n},2009-12-07T10:00,GB,London\n" for n in range(40))
    write_campaign(tmp_path, {"content/cases/ana.md": CASE,
                              "content/events/signups.csv": "slug,title,start,country,city\n" + rows})
    first = build(tmp_path)
    assert first.code == 0, first.err
    assert "processes" in first.err or (os.cpu_count() or 1) < 2
    second = build(tmp_path)
    assert "0 files written" in second.out and "processes" not in second.err, "nothing was rendered again"
    assert files(second) == files(first)


def test_a_later_moment_rebuilds_only_when_an_event_has_ended_since(tmp_path):
    write_campaign(tmp_path, {"content/events/write-in.md": EVENT})
    build(tmp_path, now="2009-12-01T00:00Z")
    same = build(tmp_path, now="2009-12-05T21:00Z")          # 16:00 in Boston: still on
    assert "0 files written" in same.out
    assert json.loads(same.read("api/events.json"))["items"][0]["past"] is False
    later = build(tmp_path, now="2009-12-05T22:00Z")         # 17:00 in Boston: over
    assert json.loads(later.read("api/events.json"))["items"][0]["past"] is True


def test_an_edited_file_is_always_rebuilt_even_at_the_same_size(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    build(tmp_path)
    (tmp_path / "content/cases/ana.md").write_text(CASE.replace("Ana Example", "Ana Exempla"))
    run = build(tmp_path)
    assert "Ana Exempla" in run.read("cases/ana/")


def test_a_site_changed_by_hand_is_rebuilt(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    first = build(tmp_path)
    page = first.site / "cases/ana/index.html"
    original = page.read_bytes()
    page.write_text("edited by hand")
    (first.site / "stray.html").write_text("left behind")
    run = build(tmp_path)
    assert page.read_bytes() == original
    assert not (run.site / "stray.html").exists()


def test_a_layout_change_is_rebuilt(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    build(tmp_path)
    write_campaign(tmp_path, {"layouts/templates/case.html":
                              "{% extends 'base.html' %}{% block content %}<p class=mine>{{ case.name }}</p>"
                              "{% endblock %}\n"}, campaign=None)
    run = build(tmp_path)
    assert "class=mine" in run.read("cases/ana/")


def test_warnings_are_shown_again_when_nothing_is_rebuilt(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE.replace("status:", "staus: x\nstatus:")})
    build(tmp_path)
    run = build(tmp_path)
    assert "0 files written" in run.out
    assert "unknown key 'staus'" in run.err
