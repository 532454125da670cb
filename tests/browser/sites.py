"""The page of each kind that the browser suite visits, in each served campaign."""

# One page of every kind, as a location under the site's base path.
DEFAULT_PAGES = {
    "home": "",
    "cases": "cases/",
    "case": "cases/shi-tao/",
    "letter": "cases/shi-tao/letter/",
    "events": "events/",
    "event": "events/example-evening-write-in-london/",
    "countries": "countries/",
    "country": "countries/mx/",
    "news": "news/",
    "news item": "news/global-write-a-thon-2009/",
    "free page": "how-to-write-a-letter/",
    "search": "search/",
    "404": "no-such-page/",
}
RTL_PAGES = {
    "home": "",
    "cases": "cases/",
    "case": "cases/nour-example/",
    "letter": "cases/nour-example/letter/",
    "events": "events/",
    "event": "events/beirut-write-in/",
    "countries": "countries/",
    "country": "countries/eg/",
    "news": "news/",
    "news item": "news/campaign-opens/",
    "free page": "how-to-write/",
    "search": "search/",
    "404": "no-such-page/",
}
KINDS = list(DEFAULT_PAGES)
