"""The command line: commands, options, exit statuses and messages an editor can act on."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import CASE, ROOT, build, run_placard, write_campaign


def test_help_lists_the_commands_in_plain_words():
    code, out, _ = run_placard("--help")
    assert code == 0
    for words in ("build", "serve", "check", "new", "--content", "--out", "--now", "--drafts", "--base-url"):
        assert words in out


def test_build_py_runs_as_a_script_and_summarises(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(tmp_path / "content"),
                             "--out", str(tmp_path / "site"), "--now", "2009-12-01T00:00Z"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout and "pages" in result.stdout and " s " in result.stdout


def test_a_bad_option_is_a_usage_error():
    code, _, err = run_placard("--no-such-option")
    assert code == 2 and "usage" in err


def test_a_missing_content_folder_is_a_usage_error(tmp_path):
    code, _, err = run_placard("--content", str(tmp_path / "nowhere"), "--out", str(tmp_path / "site"))
    assert code == 2
    assert "does not exist" in err
    assert not (tmp_path / "site").exists()


def test_a_bad_now_is_a_usage_error(tmp_path):
    write_campaign(tmp_path, {})
    code, _, err = run_placard("--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                               "--now", "next tuesday")
    assert code == 2 and "--now" in err


EVENT = """\
---
title: Write-in
start: 2009-12-05T14:00
country: US
city: Boston
---
"""


def test_now_splits_upcoming_from_past(tmp_path):
    write_campaign(tmp_path, {"content/events/write-in.md": EVENT})
    before = build(tmp_path, now="2009-12-05T12:00Z")
    assert json.loads(before.read("api/events.json"))["items"][0]["past"] is False
    after = build(tmp_path, now="2009-12-06T05:01Z")  # midnight in Boston has passed
    assert json.loads(after.read("api/events.json"))["items"][0]["past"] is True


def test_source_date_epoch_is_the_default_now(tmp_path, monkeypatch):
    write_campaign(tmp_path, {"content/events/write-in.md": EVENT})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1260000000")  # 2009-12-05T08:00Z
    code, _, err = run_placard("--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"))
    assert code == 0, err
    data = json.loads((tmp_path / "site/api/events.json").read_text())
    assert data["items"][0]["past"] is False


@pytest.mark.parametrize("kind", ["case", "event", "news", "page"])
def test_new_scaffolds_a_draft_that_builds(tmp_path, kind):
    write_campaign(tmp_path, {})
    code, out, err = run_placard("new", kind, "Rita Mahato’s day", "--content", str(tmp_path / "content"))
    assert code == 0, err
    folder = {"case": "cases", "event": "events", "news": "news", "page": "pages"}[kind]
    path = tmp_path / "content" / folder / "rita-mahatos-day.md"
    assert path.is_file() and str(path.name) in out
    text = path.read_text()
    assert "draft: true" in text and "#" in text, "every key is explained"
    assert build(tmp_path).code == 0, "a draft stays out of the build"
    run = build(tmp_path, "--drafts")
    assert run.code == 0, run.err
    assert "Rita Mahato’s day" in run.read(f"{'' if kind == 'page' else folder + '/'}rita-mahatos-day/")


def test_new_never_overwrites(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    code, _, err = run_placard("new", "case", "Ana", "--content", str(tmp_path / "content"))
    assert code == 2 and "already exists" in err
    assert (tmp_path / "content/cases/ana.md").read_text() == CASE


def test_check_reports_a_broken_link_at_its_line_and_writes_nothing(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE + "\nSee [her letter](/cases/anna/letter/).\n"})
    code, out, err = run_placard("check", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                                 "--now", "2009-12-01T00:00Z")
    assert code == 1
    assert "cases/ana.md:17:" in err and "/sub/cases/anna/letter/" in err
    assert not (tmp_path / "site").exists()


def test_check_passes_a_good_campaign(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    code, out, _ = run_placard("check", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"))
    assert code == 0 and "no errors" in out


def test_unknown_keys_are_warnings_with_a_suggestion(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE.replace("status:", "staus: x\nstatus:")})
    run = build(tmp_path)
    assert run.code == 0
    assert "cases/ana.md:4: unknown key 'staus' is ignored (did you mean status?)" in run.err
