"""Machine-readable outputs: the Atom feed, the sitemap, robots.txt and the JSON API."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, time, timezone

from . import fmt, timeline, urls
from .markup import plain
from .memo import LastResults

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
ET.register_namespace("xhtml", XHTML)


def _stamp(day) -> str:
    return datetime.combine(day, time(0), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def in_feed(case) -> bool:
    return case.status == "released" and case.released_on is not None


def atom_feed(local, campaign, links, md, lang: str, gettext=str) -> bytes:
    """News items and released cases, newest first (RFC 4287); links in their text are absolute.

    `md` is the build's converter, so a body the pages converted is not converted again."""
    loc = lambda location: urls.in_language(location, lang, campaign.language)  # noqa: E731
    untrusted = lambda text: md.html(text, trusted=False, volunteer=False)  # noqa: E731
    entries = []
    for item in local.news:
        body = untrusted(item.body)
        entries.append((item.date, links.absolute(loc(urls.news_item(item.slug))), item.title,
                        item.summary or plain(body, 300), _absolute(body, links)))
    for case in local.cases:
        if in_feed(case):
            title = gettext("%(name)s is free") % {"name": case.name}
            entries.append((case.released_on, links.absolute(loc(urls.case(case.slug))), title,
                            case.summary, _absolute(untrusted(case.body), links)))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = campaign.title
    if campaign.tagline:
        ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = campaign.tagline
    ET.SubElement(feed, f"{{{ATOM}}}id").text = links.absolute(loc(urls.FEED))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": links.absolute(loc(urls.FEED))})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                            "href": links.absolute(loc(urls.HOME))})
    updated = max((e[0] for e in entries), default=campaign.starts)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = (campaign.organisation or {}).get("name") or campaign.title
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "Placard"
    for day, url, title, summary, body in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = title
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(day)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(day)
        if summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
        if body:
            ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"}).text = body
    return _xml(feed, ATOM)


def _absolute(html: str, links) -> str:
    """Links to the site made absolute: a feed reader shows the text away from the site."""
    return re.sub(r'( (?:href|src)=")' + re.escape(links.base_path),
                  lambda match: match.group(1) + links.base_url, html)


def lastmod_dates(site) -> dict:
    """{location: date} of the pages whose content says when it last changed (default language)."""
    dates = {urls.news_item(item.slug): item.date for item in site.news}
    if site.news:
        dates[urls.NEWS] = max(item.date for item in site.news)
    for case in site.cases:
        if case.released_on:
            dates[urls.case(case.slug)] = case.released_on
            dates[urls.letter(case.slug)] = case.released_on
    return dates


def sitemap(pages: list, links, alternates: dict) -> bytes:
    """Every HTML page; `alternates` maps a location to [(lang, location)] of its translations."""
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for location, lastmod in sorted(pages):
        entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = links.absolute(location)
        if lastmod:
            ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod.isoformat()
        for lang, other in alternates.get(location, ()):
            ET.SubElement(entry, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": lang,
                                                      "href": links.absolute(other)})
    return _xml(root, SITEMAP)


def robots(links) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {links.absolute(urls.SITEMAP)}\n".encode()


def _xml(root, namespace: str) -> bytes:
    """The document with `namespace` as its default (ElementTree alone would write ns0: prefixes)."""
    prefix = f"{{{namespace}}}"
    for element in root.iter():
        element.tag = element.tag.removeprefix(prefix)
    root.set("xmlns", namespace)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                     xml_declaration=False) + b"\n"


# ------------------------------------------------------------------ JSON API

def api_cases(site, links, kept: LastResults) -> bytes:
    """Every case as JSON. `kept`, held by the caller between builds for one base URL and language,
    gives back the text of each case a save left alone."""
    language = site.campaign.language
    entries = kept.each(("api cases",), sorted(site.cases, key=lambda c: c.slug),
                        lambda case: _encoded(_case_entry(case, language, links)).encode())
    return _api_file(site, entries)


def _case_entry(case, language: str, links) -> dict:
    return {
        "slug": case.slug, "name": case.name, "country": case.country,
        "country_name": fmt.country_name(case.country, language),
        "status": case.status, "summary": case.summary,
        "url": links.absolute(urls.case(case.slug)),
        "letter_url": links.absolute(urls.letter(case.slug)) if case.appeal else None,
        "released_on": case.released_on.isoformat() if case.released_on else None,
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "photo": links.absolute(urls.media(case.photo)) if case.photo else None,
        "photo_alt": case.photo_alt or None, "themes": list(case.themes), "featured": list(case.featured),
        "appeal": {"to": case.appeal.to, "address": case.appeal.address,
                   "salutation": case.appeal.salutation, "email": case.appeal.email or None}
        if case.appeal else None,
        "solidarity": {"address": case.solidarity.address} if case.solidarity else None,
    }


def api_events(site, links, now, kept: LastResults) -> bytes:
    """Every event as JSON, in time order. `kept`, as for api_cases, gives back the text of each
    event a save left alone while `now` is the same."""
    language = site.campaign.language
    ordered = timeline.kept_in_order(kept, language, site.events)
    entries = kept.each(("api events", now), ordered,
                        lambda event: _encoded(_event_entry(event, language, links, now)).encode())
    return _api_file(site, entries)


def _event_entry(event, language: str, links, now) -> dict:
    return {
        "slug": event.slug, "title": event.title, "url": links.absolute(urls.event(event.slug)),
        "ics": links.absolute(urls.event_ics(event.slug)),
        "start_utc": _utc(event.start), "end_utc": _utc(event.end) if event.end else None,
        "start_local": event.start.replace(tzinfo=None).isoformat(timespec="minutes"),
        "end_local": event.end.replace(tzinfo=None).isoformat(timespec="minutes") if event.end else None,
        "timezone": event.timezone, "utc_offset": event.start.isoformat(timespec="minutes")[-6:],
        "past": timeline.is_past(event, now), "online": event.online,
        "country": event.country, "country_name": fmt.country_name(event.country, language),
        "city": event.city or None, "venue": event.venue or None, "address": event.address or None,
        "host": event.host or None, "rsvp": event.rsvp or None, "cases": list(event.cases),
    }


def _api_file(site, entries: list) -> bytes:
    """{"campaign": its title, "items": [each entry's JSON]}, as _json writes it; joined once, for
    the entries of thousands of items are megabytes."""
    head = f'{{"campaign":{_encoded(site.campaign.title)},"items":['.encode()
    return b"".join([head, b",".join(entries), b"]}\n"])


def _utc(moment) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _json(data) -> bytes:
    return (_encoded(data) + "\n").encode("utf-8")


def _encoded(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
