"""The JSON API for partners: cases and events with absolute URLs, event times in UTC and local."""
from __future__ import annotations

import json
import re

import pytest

from tests.helpers import CASE, ROOT

BASE = "https://example.org/sub/"

FILES = {
    "content/cases/ana.md": CASE,
    "content/cases/bo.md": """\
---
name: Bo Freed
country: cn
status: released
released_on: 2009-12-03
summary: A writer, released.
photo: bo.png
photo_alt: Bo smiling
themes: [freedom of expression]
featured: [2008]
solidarity:
  address: |
    PO Box 1
    Beijing
---
Bo is home.
""",
    "content/events/kathmandu.md": """\
---
title: Human Rights Day write-in
start: 2009-12-10T11:00
end: 2009-12-10T15:30
timezone: Asia/Kathmandu
country: NP
city: Kathmandu
venue: Basantapur Square
cases: [ana]
---
Bring pens.
""",
    "content/events/early.md": """\
---
title: Warm-up evening
start: 2009-11-28T19:00
country: US
city: New York
---
Before the campaign.
""",
    "content/events/online.md": """\
---
title: Online write-in
start: 2009-12-06T20:00
online: true
url: https://meet.example.net/write
country: GB
timezone: Europe/London
---
From home.
""",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from PIL import Image
    from tests.helpers import build, write_campaign
    root = tmp_path_factory.mktemp("api")
    media = root / "content" / "media"
    media.mkdir(parents=True)
    Image.new("RGB", (20, 10), (200, 30, 30)).save(media / "bo.png")
    write_campaign(root, FILES)
    run = build(root)
    assert run.code == 0, run.err
    return run


def items(run, location):
    data = json.loads(run.read(location))
    assert data["campaign"] == "Test Write-a-thon"
    return {item["slug"]: item for item in data["items"]}


def test_cases_carry_the_contract_fields_with_absolute_urls(built):
    cases = items(built, "api/cases.json")
    assert list(cases) == ["ana", "bo"]
    ana, bo = cases["ana"], cases["bo"]
    assert ana["name"] == "Ana Example" and ana["status"] == "imprisoned" and ana["country"] == "MX"
    assert ana["country_name"] == "Mexico"
    assert ana["url"] == BASE + "cases/ana/" and ana["letter_url"] == BASE + "cases/ana/letter/"
    assert ana["appeal"] == {"to": "Attorney General", "address": "1 Example Street\nMexico City",
                             "salutation": "Dear Attorney General,", "email": None}
    assert ana["released_on"] is None and ana["photo"] is None and ana["solidarity"] is None
    assert bo["country"] == "CN" and bo["released_on"] == "2009-12-03"
    assert bo["photo"] == BASE + "media/bo.png" and bo["photo_alt"] == "Bo smiling"
    assert bo["themes"] == ["freedom of expression"] and bo["featured"] == [2008]
    assert bo["letter_url"] is None and bo["solidarity"] == {"address": "PO Box 1\nBeijing"}


def test_every_url_in_the_api_is_a_built_file(built):
    for location in ("api/cases.json", "api/events.json"):
        for item in items(built, location).values():
            for key in ("url", "letter_url", "photo", "ics"):
                if item.get(key):
                    assert item[key].startswith(BASE)
                    assert built.exists(item[key][len(BASE):]), item[key]


def test_events_give_start_and_end_in_utc_and_local_time(built):
    events = items(built, "api/events.json")
    assert list(events) == ["early", "online", "kathmandu"]
    kathmandu = events["kathmandu"]
    assert kathmandu["start_utc"] == "2009-12-10T05:15:00Z" and kathmandu["end_utc"] == "2009-12-10T09:45:00Z"
    assert kathmandu["start_local"] == "2009-12-10T11:00" and kathmandu["end_local"] == "2009-12-10T15:30"
    assert kathmandu["timezone"] == "Asia/Kathmandu" and kathmandu["utc_offset"] == "+05:45"
    assert kathmandu["url"] == BASE + "events/kathmandu/" and kathmandu["ics"] == BASE + "events/kathmandu/event.ics"
    assert kathmandu["venue"] == "Basantapur Square" and kathmandu["cases"] == ["ana"]
    assert kathmandu["country_name"] == "Nepal" and kathmandu["online"] is False
    early = events["early"]
    assert early["timezone"] == "America/New_York" and early["start_utc"] == "2009-11-29T00:00:00Z"
    assert early["utc_offset"] == "-05:00", "plain ASCII, as partners' parsers expect"
    assert early["end_utc"] is None and early["end_local"] is None
    online = events["online"]
    assert online["online"] is True
    assert "meet.example.net" not in json.dumps(online), "an online event's address stays on its own page"
    assert online["city"] is None


def test_past_events_stay_listed_with_a_past_flag(built):
    events = items(built, "api/events.json")
    assert {slug: event["past"] for slug, event in events.items()} == \
        {"early": True, "online": False, "kathmandu": False}
    assert set(json.loads(built.read("api/events.json"))) == {"campaign", "items"}


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_the_readme_documents_every_field_partners_receive(built):
    documented = set(re.findall(r"`([a-z_]+)`", readme_section("For partners: the JSON API")))
    for location in ("api/cases.json", "api/events.json"):
        data = json.loads(built.read(location))
        fields = set(data) | {key for item in data["items"] for key in item}
        fields |= {key for item in data["items"] for value in item.values() if isinstance(value, dict)
                   for key in value}
        assert fields <= documented, fields - documented
