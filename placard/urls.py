"""Every URL and output path of the site, in one place."""
from __future__ import annotations

from urllib.parse import urlsplit

# Site-relative locations ("" is the home page); pages end in "/".
HOME = ""
CASES, EVENTS, COUNTRIES, NEWS, SEARCH = "cases/", "events/", "countries/", "news/", "search/"
EVENTS_ICS, FEED, SITEMAP, ROBOTS, NOT_FOUND = "events.ics", "feed.xml", "sitemap.xml", "robots.txt", "404.html"
API_CASES, API_EVENTS = "api/cases.json", "api/events.json"


def case(slug: str) -> str:
    return f"cases/{slug}/"


def letter(slug: str) -> str:
    return f"cases/{slug}/letter/"


def event(slug: str) -> str:
    return f"events/{slug}/"


def event_ics(slug: str) -> str:
    return f"events/{slug}/event.ics"


def country(code: str) -> str:
    return f"countries/{code.lower()}/"


def country_ics(code: str) -> str:
    return f"countries/{code.lower()}/events.ics"


def news_item(slug: str) -> str:
    return f"news/{slug}/"


def page(slug: str) -> str:
    return f"{slug}/"


def media(path: str) -> str:
    return f"media/{path}"


def in_language(location: str, lang: str, default_lang: str) -> str:
    """The same location in another language's tree."""
    return location if lang == default_lang else f"{lang}/{location}"


def output_file(location: str) -> str:
    """Where a location is written: pages become index.html in their folder."""
    if location == "" or location.endswith("/"):
        return location + "index.html"
    return location


class Links:
    """Turns site-relative locations into links that work under base_url's sub-path."""

    def __init__(self, base_url: str):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.base_path = urlsplit(self.base_url).path or "/"

    def href(self, location: str) -> str:
        """Root-relative link, e.g. /writeathon/cases/x/ (works on every page, 404 included)."""
        return self.base_path + location

    def absolute(self, location: str) -> str:
        return self.base_url + location

    def site_path(self, link: str) -> str:
        """An editor's root link '/cases/x/' made to work under the sub-path."""
        return self.base_path + link.lstrip("/")
