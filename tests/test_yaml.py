"""YAML 1.1's traps never corrupt an editor's data."""
from __future__ import annotations

import json

from tests.helpers import build, write_campaign

CASE = """\
---
name: {name}
country: {country}
status: detained
summary: {summary}
themes: [on, yes, 10:00, 1.10]
---
Story.
"""


def case_json(tmp_path, **fields) -> dict:
    values = {"name": "Ola Nordmann", "country": "NO", "summary": "Held since 2009."} | fields
    write_campaign(tmp_path, {"content/cases/ola.md": CASE.format(**values)})
    run = build(tmp_path)
    assert run.code == 0, run.err
    return json.loads(run.read("api/cases.json"))["items"][0]


def test_an_unquoted_no_is_norway(tmp_path):
    case = case_json(tmp_path)
    assert case["country"] == "NO"
    assert case["country_name"] == "Norway"


def test_words_and_times_stay_text(tmp_path):
    case = case_json(tmp_path)
    assert case["themes"] == ["on", "yes", "10:00", "1.10"]


def test_a_name_that_looks_like_a_number_or_boolean_stays_as_written(tmp_path):
    case = case_json(tmp_path, name="0012", summary="yes")
    assert case["name"] == "0012"
    assert case["summary"] == "yes"


def test_lower_case_country_codes_are_accepted(tmp_path):
    case = case_json(tmp_path, country="gb")
    assert case["country"] == "GB"


def test_online_accepts_yes(tmp_path):
    write_campaign(tmp_path, {"content/events/online.md": "---\ntitle: Online\nstart: 2009-12-05T10:00\n"
                              "country: NO\nonline: yes\nurl: https://meet.example.org/a\n---\n"})
    run = build(tmp_path)
    assert run.code == 0, run.err
    event = json.loads(run.read("api/events.json"))["items"][0]
    assert event["online"] is True and event["country"] == "NO"
