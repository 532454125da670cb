"""The Atom feeds: news items and releases, valid per RFC 4287, with absolute links under base_url."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from tests.helpers import CAMPAIGN

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/sub/"
BILINGUAL = CAMPAIGN + "languages: [en, fr]\norganisation:\n  name: Letters United\n"

FILES = {
    "content/news/launch.md": """\
---
title: The write-a-thon starts
date: 2009-11-20
summary: Letters for ten people.
cases: [ana]
---
Read about [Ana](/cases/ana/) and ![a poster](/media/poster.pdf).
""",
    "content/news/launch.fr.md": """\
---
title: Le marathon commence
---
Lisez l'histoire d'[Ana](/cases/ana/).
""",
    "content/news/update.md": "---\ntitle: Halfway there\ndate: 2009-12-08\n---\nMore letters.\n",
    "content/cases/ana.md": "---\nname: Ana Example\ncountry: MX\nstatus: imprisoned\n"
                            "summary: A teacher imprisoned.\n---\nStory.\n",
    "content/cases/bo.md": "---\nname: Bo Freed\ncountry: CN\nstatus: released\nreleased_on: 2009-12-03\n"
                           "summary: A writer, released.\n---\nBo is home.\n",
}


def stamp(text: str) -> datetime:
    """An RFC 3339 date-time, as Atom requires (a date alone is not one)."""
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture
def built(campaign):
    run = campaign(FILES, campaign_yaml=BILINGUAL)
    assert run.code == 0, run.err
    return run


def feed(run, location="feed.xml"):
    return ET.fromstring(run.read(location).encode())


def test_the_feed_has_what_rfc_4287_requires(built):
    root = feed(built)
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}id") == BASE + "feed.xml"
    assert root.findtext(f"{A}title") == "Test Write-a-thon"
    stamp(root.findtext(f"{A}updated"))
    assert root.find(f"{A}author/{A}name").text == "Letters United"
    assert root.find(f"{A}link[@rel='self']").get("href") == BASE + "feed.xml"
    assert root.find(f"{A}link[@rel='alternate']").get("href") == BASE
    entries = root.findall(f"{A}entry")
    assert entries
    ids = [entry.findtext(f"{A}id") for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.findtext(f"{A}title")
        stamp(entry.findtext(f"{A}updated"))
        assert entry.find(f"{A}link[@rel='alternate']").get("href").startswith(BASE)


def test_news_and_releases_newest_first_with_their_dates(built):
    entries = feed(built).findall(f"{A}entry")
    got = [(e.findtext(f"{A}title"), e.findtext(f"{A}updated"), e.find(f"{A}link").get("href"))
           for e in entries]
    assert got == [
        ("Halfway there", "2009-12-08T00:00:00Z", BASE + "news/update/"),
        ("Bo Freed is free", "2009-12-03T00:00:00Z", BASE + "cases/bo/"),
        ("The write-a-thon starts", "2009-11-20T00:00:00Z", BASE + "news/launch/"),
    ]
    assert feed(built).findtext(f"{A}updated") == "2009-12-08T00:00:00Z"
    launch = entries[2]
    assert launch.findtext(f"{A}summary") == "Letters for ten people."


def test_every_address_in_the_feed_is_absolute_under_base_url(built):
    root = feed(built)
    addresses = [link.get("href") for link in root.iter(f"{A}link")]
    addresses += [entry.findtext(f"{A}id") for entry in root.iter(f"{A}entry")]
    for content in root.iter(f"{A}content"):
        assert content.get("type") == "html"
        addresses += re.findall(r'(?:href|src)="([^"]*)"', content.text)
    assert BASE + "cases/ana/" in addresses and BASE + "media/poster.pdf" in addresses
    assert all(address.startswith(BASE) for address in addresses), addresses


def test_each_language_has_its_feed_in_its_own_tree(built):
    root = feed(built, "fr/feed.xml")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.findtext(f"{A}id") == BASE + "fr/feed.xml"
    links = [e.find(f"{A}link").get("href") for e in root.findall(f"{A}entry")]
    assert BASE + "fr/news/launch/" in links and BASE + "fr/cases/bo/" in links
    assert "Le marathon commence" in [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]
    content = root.find(f"{A}entry[{A}title='Le marathon commence']/{A}content").text
    assert f'href="{BASE}cases/ana/"' in content


def test_pages_announce_the_feed_of_their_language(built):
    assert '<link rel="alternate" type="application/atom+xml" href="/sub/feed.xml"' in built.read("")
    assert '<link rel="alternate" type="application/atom+xml" href="/sub/fr/feed.xml"' in built.read("fr/")


def test_a_campaign_without_news_or_releases_still_has_a_valid_feed(campaign):
    run = campaign({})
    assert run.code == 0, run.err
    root = feed(run)
    assert root.findall(f"{A}entry") == []
    assert stamp(root.findtext(f"{A}updated")).date().isoformat() == "2009-12-05"
    assert root.find(f"{A}author/{A}name").text == "Test Write-a-thon"
