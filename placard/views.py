"""Page models: pure functions from the loaded Site to what each template shows.

Each page is an Output: where it goes, which template presents it, the values the
template needs (sorted, counted, formatted, linked), and the sources it read, so
the dev server can re-render exactly the pages a change touches.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from itertools import compress
from operator import attrgetter
from urllib.parse import quote, urlencode

from babel.dates import format_interval

from . import fmt, timeline, urls
from .markup import meta_text
from .memo import LastResults
from .translate import localise, part_lang
from .worldmap import world_map


def N_(text: str) -> str:
    """Marks a string for the catalogs (`python build.py translations`); it is translated where shown."""
    return text


# Each status by its name, in the order the list of cases shows them.
STATUS_NAMES = {"facing-execution": N_("Facing execution"), "disappeared": N_("Disappeared"),
                "imprisoned": N_("Imprisoned"), "detained": N_("Detained"), "at-risk": N_("At risk"),
                "awaiting-justice": N_("Awaiting justice"), "released": N_("Released")}
SLUG = attrgetter("slug")
NEXT_EVENTS_ON_HOME = 6
LATEST_NEWS_ON_HOME = 3


@dataclass(frozen=True)
class Output:
    location: str          # site-relative, e.g. "cases/x/"
    template: str
    context: dict
    deps: frozenset        # keys of what it read: ("case", slug), ("cases",), ...
    source: str = ""       # the content file the page presents, if one


@dataclass
class Env:
    """Everything a view needs besides the items: shared per language."""
    site: object
    lang: str
    now: datetime
    links: urls.Links
    md: object                 # markup.Converter
    photos: dict               # media path -> images.Photo
    assets: dict               # logical asset name -> hashed location
    _: object = str            # gettext of the language, for titles made here
    shapes: object = None      # worldmap.Shapes, for the map of countries
    menu_pages: list = ()      # the language's pages in the main menu, in menu order

    @property
    def default_lang(self):
        return self.site.campaign.language

    def __post_init__(self):
        # The language's part in front of every location ("" or "fr/"), worked out once: build_pages
        # asks it of every item.
        self.prefix = urls.in_language("", self.lang, self.default_lang)

    def loc(self, location: str) -> str:
        return self.prefix + location

    def href(self, location: str) -> str:
        return self.links.href(self.loc(location))

    def status_name(self, status: str) -> str:
        return self._(STATUS_NAMES[status])

    def html(self, text: str, item_kind: str) -> str:
        trusted = self.site.campaign.raw_html and item_kind != "events"
        return self.md.html(text, trusted=trusted, volunteer=item_kind == "events")


def build_pages(site, lang: str, now: datetime, links, md, photos, assets, gettext, shapes,
                kept: LastResults, wanted=None) -> list[Output]:
    """Every HTML page of one language; only those whose location `wanted` accepts, when given.

    `kept`, held by the caller between builds, gives back what a preview save left alone: the
    site-wide indexes of a kind of items that is as it was (a save that changes a case does not
    sort the events again), and the cards and translations of the items it did not change."""
    env = Env(site, lang, now, links, md, photos, assets, gettext, shapes)
    local = localise(site, lang, kept)
    env.menu_pages = sorted((p for p in local.pages if p.menu is not None), key=lambda p: (p.menu, p.slug))

    def want(location: str) -> bool:
        return wanted is None or wanted(env.loc(location))

    def chosen(items, where) -> list:
        """The items whose page at where(slug) is wanted: a save looks among every item for a few,
        by the items' locations, which are kept while their slugs are."""
        if wanted is None:
            return items
        locations = kept.get(("locations", where.__name__, lang), items,
                             lambda: [env.loc(where(item.slug)) for item in items], SLUG)
        return list(compress(items, map(wanted, locations)))

    # The site-wide indexes are made on first use: a preview save that renders one case needs none of them.
    @cache
    def timed():
        """(every event, upcoming, past), in order."""
        events = timeline.kept_in_order(kept, lang, local.events)
        return (events, *timeline.kept_split(kept, lang, events, now))

    @cache
    def countries():
        events = timed()[0]
        return country_index(local.cases, timeline.kept_by_country(kept, lang, events), env)

    @cache
    def event_cards() -> dict:
        """{id(event): its card} of every event, which `/events/` and the countries' pages share. A
        save makes again only those of the events it changed, and the preview renders the others' from memory."""
        events = timed()[0]
        return dict(zip(map(id, events), kept.each(("event cards", lang, now), events,
                                                   lambda event: event_card(env, event))))

    @cache
    def writing_for(kind: str) -> dict:
        """{case slug: [the events, or news, that write for it]}."""
        items = getattr(local, kind)
        return kept.get(("writing for", kind, lang), items, lambda: _writing_for(items), attrgetter("cases"))

    @cache
    def case_by_slug():
        return {c.slug: c for c in local.cases}

    def cases_of(item) -> list:
        """The published cases an event or news item writes for."""
        by_slug = case_by_slug()
        return [by_slug[slug] for slug in item.cases if slug in by_slug]

    indexes = ((urls.HOME, lambda: home(env, local, timed()[1])),
               (urls.CASES, lambda: cases_index(env, local, countries(), kept)),
               (urls.EVENTS, lambda: events_index(env, *timed()[1:], countries(), event_cards(), kept)),
               (urls.COUNTRIES, lambda: countries_index(env, countries())),
               (urls.NEWS, lambda: news_index(env, local)),
               (urls.SEARCH, lambda: search_page(env)), (urls.NOT_FOUND, lambda: not_found(env)))
    outputs = [view() for location, view in indexes if want(location)]
    letters = set(map(id, chosen([case for case in local.cases if case.appeal is not None], urls.letter)))
    for case in chosen(local.cases, urls.case):
        outputs.append(case_page(env, case, timeline.in_order(writing_for("events").get(case.slug, ())),
                                 writing_for("news").get(case.slug, [])))
    outputs += [letter_page(env, case) for case in local.cases if id(case) in letters]
    outputs += [event_page(env, event, cases_of(event)) for event in chosen(local.events, urls.event)]
    codes = set(map(attrgetter("country"), local.cases)) | set(map(attrgetter("country"), local.events))
    if any(want(urls.country(code)) for code in codes):
        outputs += [country_page(env, code, entry, event_cards()) for code, entry in countries().items()
                    if want(urls.country(code))]
    outputs += [news_page(env, item, cases_of(item)) for item in chosen(local.news, urls.news_item)]
    outputs += [free_page(env, page) for page in chosen(local.pages, urls.page)]
    return outputs


# ------------------------------------------------------------------ shared pieces

def chrome(env: Env, location: str, title: str, description: str, *, image: str = "",
           item=None, kind: str = "") -> dict:
    """What every page shows around its content: head, menu, language switch."""
    campaign = env.site.campaign
    menu_pages = env.menu_pages
    languages = [{"lang": lang, "name": fmt.language_name(lang), "current": lang == env.lang,
                  "href": env.links.href(urls.in_language(location, lang, env.default_lang))}
                 for lang in campaign.languages]
    alternates = [{"lang": lang, "href": env.links.absolute(urls.in_language(location, lang, env.default_lang))}
                  for lang in campaign.languages] if len(campaign.languages) > 1 else []
    item_lang = item.lang if item is not None else env.lang
    return {
        "lang": env.lang,
        "og_locale": fmt.og_locale(env.lang),
        "dir": fmt.direction(env.lang),
        "content_lang": item_lang,
        "content_dir": fmt.direction(item_lang),
        "untranslated": item is not None and not item.translated,
        "title": title,
        "full_title": title if location == "" else f"{title} · {campaign.title}",
        "description": meta_text(description),
        "meta_title": meta_text(title),
        "canonical": env.links.absolute(env.loc(location)),
        "image": image,
        "og_type": "article" if kind else "website",
        "alternates": alternates,
        "x_default": env.links.absolute(location) if alternates else "",
        "languages": languages if len(languages) > 1 else [],
        "campaign": {"title": campaign.title, "tagline": campaign.tagline,
                     "dates": date_range(campaign.starts, campaign.ends, env.lang)},
        "home_href": env.href(urls.HOME),
        "nav": [{"key": key, "href": env.href(loc), "current": location.startswith(loc) and loc != ""}
                for key, loc in (("cases", urls.CASES), ("events", urls.EVENTS),
                                 ("countries", urls.COUNTRIES), ("news", urls.NEWS))],
        "menu": [{"title": p.title, "href": env.href(urls.page(p.slug)),
                  "current": location == urls.page(p.slug)} for p in menu_pages],
        "search_href": env.href(urls.SEARCH),
        "feed_href": env.href(urls.FEED),
        "calendar_href": env.links.href(urls.EVENTS_ICS),
        "css": env.links.href(env.assets["style.css"]),
        "print_css": env.links.href(env.assets["print.css"]),
        "js": env.links.href(env.assets["site.js"]),
        "organisation": organisation(env),
        "host_form": campaign.host_form,
    }


def organisation(env: Env) -> dict:
    org = env.site.campaign.organisation or {}
    press = org.get("press") or {}
    return {"name": org.get("name", ""), "url": org.get("url", ""),
            "about": env.html(org.get("about", ""), "campaign"),
            "press": {"name": press.get("name", ""), "email": press.get("email", ""),
                      "phone": press.get("phone", "")}}


@lru_cache(maxsize=1024)     # the campaign's dates head every page
def date_range(start, end, lang: str) -> str:
    return format_interval(start, end, "yMMMMd", locale=lang)


def page_deps(*keys) -> frozenset:
    return frozenset({("campaign",), ("menu",), *keys})


def photo(env: Env, path: str, alt: str) -> dict | None:
    if not path or path not in env.photos:
        return None
    info = env.photos[path]
    return {"src": env.links.href(info.fallback), "alt": alt, "width": info.width, "height": info.height,
            "srcset": ", ".join(f"{env.links.href(v.location)} {v.width}w" for v in info.variants
                                if v.format == "jpeg"),
            "webp_srcset": ", ".join(f"{env.links.href(v.location)} {v.width}w" for v in info.variants
                                     if v.format == "webp"),
            "og": env.links.absolute(info.fallback)}


def share_links(env: Env, location: str, title: str) -> list[dict]:
    """Plain links that share a page by email or on the major networks: no third-party script runs."""
    url = env.links.absolute(env.loc(location))
    text = f"{title} {url}"

    def query(**fields):
        return urlencode(fields, quote_via=quote)     # %20 for spaces: mailto reads "+" literally

    return [{"name": env._("Email"), "href": "mailto:?" + query(subject=title, body=text)},
            {"name": "Bluesky", "href": "https://bsky.app/intent/compose?" + query(text=text)},
            {"name": "Facebook", "href": "https://www.facebook.com/sharer/sharer.php?" + query(u=url)},
            {"name": "LinkedIn", "href": "https://www.linkedin.com/sharing/share-offsite/?" + query(url=url)},
            {"name": "Telegram", "href": "https://t.me/share/url?" + query(url=url, text=title)},
            {"name": "WhatsApp", "href": "https://wa.me/?" + query(text=text)},
            {"name": "X", "href": "https://x.com/intent/post?" + query(text=title, url=url)}]


def case_card(env: Env, case) -> dict:
    return {"name": case.name, "href": env.href(urls.case(case.slug)), "status": case.status,
            "status_name": env.status_name(case.status), "summary": case.summary,
            "country": fmt.country_name(case.country, env.lang),
            "country_href": env.href(urls.country(case.country)), "lang": case.lang,
            "photo": photo(env, case.photo, case.photo_alt)}


def when(env: Env, event) -> dict:
    """The event's local day and time, with its zone, as people there read it."""
    start, end = event.start, event.end
    same_day = end is not None and end.date() == start.date()
    text = fmt.time(start, env.lang)
    if end is not None:
        text += "–" + (fmt.time(end, env.lang) if same_day
                       else f"{fmt.weekday(end.date(), env.lang)} {fmt.time(end, env.lang)}")
    day = fmt.weekday(start.date(), env.lang)
    return {"day": day, "time": text, "day_time": fmt.day_and_time(day, text, env.lang),
            "zone": fmt.zone_label(start),
            "zone_name": event.timezone, "start_iso": start.isoformat(),
            "end_iso": (end.isoformat() if end else ""),
            "ends_iso": timeline.ends_at(event).isoformat()}


def event_card(env: Env, event) -> dict:
    place = event.city or ""
    return {"title": event.title, "href": env.href(urls.event(event.slug)), "when": when(env, event),
            "online": event.online, "city": place, "country": fmt.country_name(event.country, env.lang),
            "country_code": event.country.lower(), "host": event.host, "lang": event.lang,
            "past": timeline.is_past(event, env.now)}


def day_groups(env: Env, events, cards: dict, kept: LastResults, newest_first=False) -> list:
    """The cards ({id(event): card}) of `events`, by the events' local day. A day whose cards a save
    left alone is given again as the same group, so that the preview renders it from memory."""
    groups = []
    for day, group in timeline.kept_by_local_day(kept, env.lang, events, newest_first):
        day_cards = [cards[id(e)] for e in group]
        groups.append(kept.get(("day of events", env.lang, newest_first, day), day_cards, lambda: {
            "day": fmt.weekday(day, env.lang), "iso": day.isoformat(), "events": day_cards}))
    return groups


def country_index(cases, events_by_country: dict, env: Env) -> dict:
    """{code: {cases, events}} for every country with a case or an event, by name; events as given."""
    entries: dict = {}
    for case in cases:
        entries.setdefault(case.country, {"cases": [], "events": []})["cases"].append(case)
    for code, events in events_by_country.items():
        entries.setdefault(code, {"cases": [], "events": []})["events"] = events
    return dict(sorted(entries.items(), key=lambda kv: fmt.country_name(kv[0], env.lang)))


def _writing_for(items) -> dict:
    """{case slug: [the items that write for it]}."""
    found: dict = {}
    for item in items:
        for slug in item.cases:
            found.setdefault(slug, []).append(item)
    return found


# ------------------------------------------------------------------ pages

def home(env: Env, local, upcoming) -> Output:
    campaign = env.site.campaign
    year = campaign.starts.year
    featured = [c for c in local.cases if year in c.featured] or [c for c in local.cases
                                                                    if c.status != "released"]
    goal = None
    if campaign.goal:
        g = campaign.goal
        fraction = min(1.0, g.current / g.target) if g.target > 0 else 0.0
        goal = {"label": g.label, "current": fmt.number(g.current, env.lang),
                "target": fmt.number(g.target, env.lang), "percent": round(fraction * 100),
                "percent_text": fmt.percent(fraction, env.lang)}
    news = sorted(local.news, key=lambda n: (n.date, n.slug), reverse=True)[:LATEST_NEWS_ON_HOME]
    context = {
        "page": chrome(env, urls.HOME, campaign.title, campaign.tagline or campaign.title),
        "stats": [{"label": s.label, "value": fmt.number(s.value, env.lang)} for s in campaign.stats],
        "goal": goal,
        "cases": [case_card(env, c) for c in featured],
        "events": [event_card(env, e) for e in upcoming[:NEXT_EVENTS_ON_HOME]],
        "news": [news_card(env, n) for n in news],
        "all_cases_href": env.href(urls.CASES), "all_events_href": env.href(urls.EVENTS),
        "all_news_href": env.href(urls.NEWS),
    }
    return Output(env.loc(urls.HOME), "home.html", context, page_deps(("cases",), ("events",), ("news",)))


def cases_index(env: Env, local, countries, kept: LastResults) -> Output:
    by_status: dict = {}
    for case in local.cases:
        by_status.setdefault(case.status, []).append(case)
    groups = []
    for status in STATUS_NAMES:
        if status in by_status:
            members = sorted(by_status[status], key=lambda c: c.name.casefold())
            # Cards of the cases a save left alone are kept: /cases/ shows every case.
            cards = kept.each(("case cards", env.lang, status), members, lambda case: case_card(env, case))
            # ...and a status whose cards a save left alone is the same group, which the preview
            # renders from memory.
            groups.append(kept.get(("cases of status", env.lang, status), cards, lambda: {
                "status": status, "name": env.status_name(status), "cases": cards}))
    filters = [{"name": fmt.country_name(code, env.lang), "href": env.href(urls.country(code)),
                "count": len(entry["cases"])} for code, entry in countries.items() if entry["cases"]]
    context = {"page": chrome(env, urls.CASES, env._("Cases"), env._("Every person and group we write for")),
               "groups": groups, "countries": filters}
    return Output(env.loc(urls.CASES), "cases.html", context, page_deps(("cases",)))


def case_page(env: Env, case, events, news) -> Output:
    """The case's own page; `events`, those that write for it, in order."""
    upcoming, past = timeline.split(events, env.now)
    image = photo(env, case.photo, case.photo_alt)
    appeal = None
    if case.appeal is not None:
        appeal = {"to": case.appeal.to, "address": case.appeal.address.splitlines(),
                  "salutation": case.appeal.salutation, "email": case.appeal.email,
                  "letter": env.html(case.appeal.letter, "cases"),
                  "letter_href": env.href(urls.letter(case.slug)), **letter_lang(env, case)}
    solidarity = None
    if case.solidarity is not None:
        solidarity = {"address": case.solidarity.address.splitlines(),
                      "note": env.html(case.solidarity.note, "cases")}
    context = {
        "page": chrome(env, urls.case(case.slug), case.name, case.summary,
                       image=image["og"] if image else "", item=case, kind="case"),
        "case": {**case_card(env, case), "body": env.html(case.body, "cases"), "photo": image,
                 "themes": list(case.themes),
                 "released_on": fmt.day(case.released_on, env.lang) if case.released_on else "",
                 "deadline": fmt.day(case.deadline, env.lang) if case.deadline else "",
                 "appeal": appeal, "solidarity": solidarity},
        "upcoming": [event_card(env, e) for e in upcoming],
        "past": [event_card(env, e) for e in past],
        "news": [news_card(env, n) for n in news],
        "share": share_links(env, urls.case(case.slug), case.name),
    }
    # Events and news that write for the case change it through ("writes-for", slug).
    deps = page_deps(("case", case.slug), ("body", "case", case.slug), ("writes-for", case.slug))
    return Output(env.loc(urls.case(case.slug)), "case.html", context, deps, case.source)


def letter_page(env: Env, case) -> Output:
    appeal = case.appeal
    context = {
        "page": chrome(env, urls.letter(case.slug), case.name, case.summary, item=case, kind="letter"),
        "case": {"name": case.name, "href": env.href(urls.case(case.slug))},
        "letter": {"to": appeal.to, "address": appeal.address.splitlines(), "salutation": appeal.salutation,
                   "body": env.html(appeal.letter, "cases"), "email": appeal.email,
                   "deadline": fmt.day(case.deadline, env.lang) if case.deadline else "",
                   **letter_lang(env, case)},
    }
    return Output(env.loc(urls.letter(case.slug)), "letter.html", context, page_deps(("case", case.slug)),
                  case.source)


def letter_lang(env: Env, case) -> dict:
    """A translated case may leave its sample letter in the original language: say which it is in."""
    lang = part_lang(env.site, "cases", case.slug, env.lang, "appeal", "letter")
    return {"lang": lang, "dir": fmt.direction(lang)}


def events_index(env: Env, upcoming, past, countries, cards: dict, kept: LastResults) -> Output:
    """Every event, upcoming and past, in order; `cards` are theirs ({id(event): card})."""
    filters = [{"name": fmt.country_name(code, env.lang), "code": code.lower(),
                "href": env.href(urls.country(code)), "count": len(entry["events"])}
               for code, entry in countries.items() if entry["events"]]
    context = {"page": chrome(env, urls.EVENTS, env._("Events"), env._("Letter-writing events near you and online")),
               "upcoming": day_groups(env, upcoming, cards, kept),
               "past": day_groups(env, past, cards, kept, newest_first=True),
               "countries": filters, "calendar_href": env.links.href(urls.EVENTS_ICS),
               "host_form": env.site.campaign.host_form}
    return Output(env.loc(urls.EVENTS), "events.html", context, page_deps(("events",)))


def event_page(env: Env, event, cases) -> Output:
    context = {
        "page": chrome(env, urls.event(event.slug), event.title,
                       f"{event.title}: {fmt.weekday(event.start.date(), env.lang)}", item=event, kind="event"),
        "event": {**event_card(env, event), "venue": event.venue, "address": event.address.splitlines(),
                  "url": event.url, "rsvp": event.rsvp, "body": env.html(event.body, "events"),
                  "country_href": env.href(urls.country(event.country)),
                  "ics": env.links.href(urls.event_ics(event.slug)),
                  "cases": [{"name": c.name, "href": env.href(urls.case(c.slug)), "lang": c.lang}
                            for c in cases]},
        "share": share_links(env, urls.event(event.slug), event.title),
    }
    deps = page_deps(("event", event.slug), ("body", "event", event.slug),
                     *(("case", slug) for slug in event.cases))
    return Output(env.loc(urls.event(event.slug)), "event.html", context, deps, event.source)


def countries_index(env: Env, countries) -> Output:
    entries = [{"code": code, "name": fmt.country_name(code, env.lang), "href": env.href(urls.country(code)),
                "cases": len(entry["cases"]), "events": len(entry["events"])}
               for code, entry in countries.items()]
    context = {"page": chrome(env, urls.COUNTRIES, env._("Countries"), env._("Cases and events by country")),
               "countries": entries,
               "map": {**world_map({e["code"]: {"href": e["href"], "label": e["name"]} for e in entries},
                                   env.shapes),
                       "title": env._("World map of the countries with cases or events")}}
    # It counts each country's cases and events: a save that moves none from one country to another leaves it.
    return Output(env.loc(urls.COUNTRIES), "countries.html", context, page_deps(("countries",)))


def country_page(env: Env, code: str, entry, cards: dict) -> Output:
    """`cards`, those of every event ({id(event): card})."""
    upcoming, past = timeline.split(entry["events"], env.now)
    name = fmt.country_name(code, env.lang)
    context = {"page": chrome(env, urls.country(code), name, env._("Cases and events: %(country)s") % {"country": name}),
               "country": {"code": code, "name": name},
               "cases": [case_card(env, c) for c in sorted(entry["cases"], key=lambda c: c.name.casefold())],
               "upcoming": [cards[id(e)] for e in upcoming],
               "past": [cards[id(e)] for e in past],
               "calendar_href": env.links.href(urls.country_ics(code)) if entry["events"] else ""}
    return Output(env.loc(urls.country(code)), "country.html", context, page_deps(("country", code)))


def news_card(env: Env, item) -> dict:
    return {"title": item.title, "href": env.href(urls.news_item(item.slug)), "date": fmt.day(item.date, env.lang),
            "iso": item.date.isoformat(), "summary": item.summary, "lang": item.lang}


def news_index(env: Env, local) -> Output:
    items = sorted(local.news, key=lambda n: (n.date, n.slug), reverse=True)
    context = {"page": chrome(env, urls.NEWS, env._("News"), env._("Updates from the campaign")),
               "items": [news_card(env, n) for n in items]}
    return Output(env.loc(urls.NEWS), "news.html", context, page_deps(("news",)))


def news_page(env: Env, item, cases) -> Output:
    context = {"page": chrome(env, urls.news_item(item.slug), item.title, item.summary or item.body,
                              item=item, kind="news"),
               "item": {**news_card(env, item), "body": env.html(item.body, "news"),
                        "cases": [case_card(env, c) for c in cases]},
               "share": share_links(env, urls.news_item(item.slug), item.title)}
    deps = page_deps(("news", item.slug), ("body", "news", item.slug),
                     *(("case", slug) for slug in item.cases))
    return Output(env.loc(urls.news_item(item.slug)), "news_item.html", context, deps, item.source)


def free_page(env: Env, page) -> Output:
    context = {"page": chrome(env, urls.page(page.slug), page.title, page.body, item=page, kind="page"),
               "body": env.html(page.body, "pages")}
    return Output(env.loc(urls.page(page.slug)), "page.html", context,
                  page_deps(("page", page.slug), ("body", "page", page.slug)), page.source)


def search_page(env: Env) -> Output:
    context = {"page": chrome(env, urls.SEARCH, env._("Search"), env._("Search cases, events and news")),
               "pagefind": env.links.href("pagefind/")}
    return Output(env.loc(urls.SEARCH), "search.html", context, page_deps())


def not_found(env: Env) -> Output:
    context = {"page": chrome(env, urls.NOT_FOUND, env._("Page not found"), env._("This page does not exist"))}
    location = urls.NOT_FOUND if env.lang == env.default_lang else f"{env.lang}/{urls.NOT_FOUND}"
    return Output(location, "404.html", context, page_deps())
