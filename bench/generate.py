"""A synthetic campaign of about N pages, and the same data as a Hugo site, from one seed."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

COUNTRIES = ("MX", "US", "BR", "AR", "CO", "PE", "CL", "VE", "CU", "GT", "GB", "FR", "DE", "ES", "IT",
             "PL", "RU", "UA", "BY", "TR", "IR", "IQ", "SY", "EG", "SA", "IL", "MA", "DZ", "NG", "KE",
             "ET", "ZA", "CN", "IN", "PK", "BD", "MM", "VN", "PH", "ID")
STATUSES = ("imprisoned", "detained", "at-risk", "facing-execution", "awaiting-justice", "disappeared",
            "released")
ZONES = ("America/Mexico_City", "Europe/London", "Africa/Nairobi", "Asia/Dhaka", "America/Sao_Paulo",
         "Europe/Warsaw", "Asia/Manila", "UTC")
WORDS = ("the", "campaign", "letter", "prison", "court", "release", "family", "lawyer", "trial", "detained",
         "journalist", "teacher", "union", "protest", "peaceful", "rights", "torture", "appeal", "authorities",
         "sentence", "years", "evidence", "charges", "freedom", "expression", "assembly", "community",
         "activist", "defender", "health", "access", "visit", "hearing", "judge", "wrote", "thousands",
         "messages", "support", "solidarity", "urgent", "action", "government", "minister", "investigation",
         "of", "and", "to", "in", "for", "with", "was", "were", "has", "after", "before", "since", "their")
# Share of the items of each kind, chosen so that a case (profile and letter) makes two pages.
SHARES = {"cases": 0.15, "events": 0.5, "news": 0.18}
# Cases on the home page: a campaign features a handful of its year's cases, whatever its archive holds.
FEATURED = 12


# Prose draws its words by Zipf's law from a vocabulary of 30,000: the words above first, made-up
# ones after. A story of 900 words then uses about 400 distinct ones and an event's 150 about 90,
# as real prose does; a search index grows with them.
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.1


def _vocabulary(size: int, seed: int = 1) -> list:
    rng = random.Random(seed)
    found = dict.fromkeys(WORDS)
    while len(found) < size:
        syllables = rng.choice((1, 2, 2, 3, 3, 4))
        found["".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(syllables))
              + rng.choice(("", "", "n", "s", "r", "t"))] = None
    return list(found)


VOCABULARY = _vocabulary(VOCABULARY_SIZE)
RANK_WEIGHTS = list(accumulate(1 / rank ** ZIPF_EXPONENT for rank in range(1, VOCABULARY_SIZE + 1)))


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(VOCABULARY, cum_weights=RANK_WEIGHTS, k=count))


def body(rng: random.Random, low: int, high: int) -> str:
    """Markdown prose of low..high words: paragraphs, a heading, a list, emphasis and a link."""
    total, parts = rng.randint(low, high), []
    while total > 0:
        size = min(total, rng.randint(40, 90))
        text = words(rng, size).capitalize()
        kind = rng.random()
        if kind < 0.1:
            parts.append(f"## {words(rng, 4).capitalize()}")
        elif kind < 0.2:
            parts.append("\n".join(f"- {words(rng, rng.randint(5, 12))}" for _ in range(3)))
        elif kind < 0.3:
            text = text.replace(" court ", " *court* ").replace(" release ", " [release](/cases/) ")
        parts.append(text + ".")
        total -= size
    return "\n\n".join(parts) + "\n"


def plan(n: int) -> dict:
    """How many items of each kind make about n pages."""
    return {kind: max(1, int(n * share)) for kind, share in SHARES.items()}


def campaign_items(n: int, seed: int = 2009):
    """(kind, slug, fields, body) of every item, the same for every generator."""
    rng = random.Random(seed)
    counts = plan(n)
    starts = date(2009, 12, 5)
    cases = [f"case-{i:06d}" for i in range(counts["cases"])]
    for number, slug in enumerate(cases):
        status = rng.choice(STATUSES)
        fields = {"name": f"{words(rng, 2).title()} {slug[-6:]}", "country": rng.choice(COUNTRIES),
                  "status": status, "summary": words(rng, 24).capitalize() + ".",
                  "themes": [rng.choice(("trade unions", "freedom of expression", "women", "land"))],
                  "letter": words(rng, 90).capitalize() + "."}
        fields["featured"] = number < FEATURED
        if status == "released":
            fields["released_on"] = (starts - timedelta(days=rng.randint(1, 900))).isoformat()
        yield "cases", slug, fields, body(rng, 600, 1200)
    for i in range(counts["events"]):
        start = datetime(2009, 11, 1, 10) + timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 9))
        fields = {"title": f"Write for rights {words(rng, 2)} {i}", "start": start.strftime("%Y-%m-%dT%H:%M"),
                  "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
                  "timezone": rng.choice(ZONES), "country": rng.choice(COUNTRIES),
                  "city": words(rng, 1).title() + " City", "cases": rng.sample(cases, min(2, len(cases)))}
        yield "events", f"event-{i:06d}", fields, body(rng, 100, 200)
    for i in range(counts["news"]):
        day = starts - timedelta(days=rng.randint(0, 2000))
        fields = {"title": f"Update {words(rng, 4)} {i}", "date": day.isoformat(),
                  "summary": words(rng, 20).capitalize() + ".", "cases": rng.sample(cases, 1)}
        yield "news", f"news-{i:06d}", fields, body(rng, 200, 400)


def _yaml_list(values) -> str:
    return "[" + ", ".join(values) + "]"


def write_placard(root: Path, n: int, seed: int = 2009) -> Path:
    """A Placard campaign under root/content; returns the content folder."""
    content = root / "content"
    for kind in ("cases", "events", "news", "pages"):
        (content / kind).mkdir(parents=True, exist_ok=True)
    (content / "campaign.yaml").write_text(
        "title: Bench Write-a-thon\nbase_url: https://example.org/archive/\n"
        "starts: 2009-12-05\nends: 2009-12-13\ntimezone: UTC\n", encoding="utf-8")
    (content / "pages" / "about.md").write_text("---\ntitle: About\nmenu: 1\n---\nAbout the campaign.\n")
    for kind, slug, f, text in campaign_items(n, seed):
        if kind == "cases":
            head = (f"name: {f['name']}\ncountry: {f['country']}\nstatus: {f['status']}\n"
                    f"summary: {f['summary']}\nthemes: {_yaml_list(f['themes'])}\n"
                    + (f"released_on: {f['released_on']}\n" if "released_on" in f else "")
                    + ("featured: [2009]\n" if f["featured"] else "")
                    + "appeal:\n  to: The Attorney General\n  address: |\n    1 Example Street\n    Capital\n"
                    f"  salutation: Dear Attorney General,\n  letter: |\n    {f['letter']}\n")
        elif kind == "events":
            head = "".join(f"{key}: {f[key]}\n" for key in ("title", "start", "end", "timezone", "country", "city"))
            head += f"cases: {_yaml_list(f['cases'])}\n"
        else:
            head = (f"title: {f['title']}\ndate: {f['date']}\nsummary: {f['summary']}\n"
                    f"cases: {_yaml_list(f['cases'])}\n")
        (content / kind / f"{slug}.md").write_text(f"---\n{head}---\n{text}", encoding="utf-8")
    return content


HUGO_CONFIG = """\
baseURL = "https://example.org/archive/"
title = "Bench Write-a-thon"
disableKinds = ["RSS"]
[taxonomies]
country = "countries"
[markup.goldmark.renderer]
unsafe = false
"""

# The pages of a Hugo site that Pagefind indexes, as Placard's search indexes its cases, events and news.
HUGO_SEARCHED = "{cases,events,news}/*/index.html"
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ site.Title }}</title><meta name="description" content="{{ .Summary | plainify | truncate 200 }}">
<link rel="stylesheet" href="/archive/style.css"></head><body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.country }}<p><a href="{{ (printf "/countries/%s/" (lower .)) | relURL }}">{{ . }}</a></p>{{ end }}
{{ .Content }}
{{ with .Params.letter }}<section class="letter">{{ . | markdownify }}</section>{{ end }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ with .Params.summary }}{{ . }}{{ end }}</li>
{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1><ul>
{{ range first 6 (where site.RegularPages "Section" "events") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
""",
}


def write_hugo(root: Path, n: int, seed: int = 2009) -> Path:
    """The same items as a Hugo site: one page per case, letter, event and news item, country terms."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        path = root / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for folder in ("cases", "letters", "events", "news"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    for kind, slug, f, text in campaign_items(n, seed):
        title = f.get("name") or f["title"]
        head = f'title: "{title}"\nsummary: "{f.get("summary", "")}"\n'
        if "country" in f:
            head += f'countries: ["{f["country"]}"]\n'
        if kind == "cases":
            head += f'letter: "{f["letter"]}"\n'
            (root / "content" / "letters" / f"{slug}.md").write_text(
                f'---\ntitle: "Letter for {title}"\n---\n{f["letter"]}\n')
        (root / "content" / kind / f"{slug}.md").write_text(f"---\n{head}---\n{text}", encoding="utf-8")
    return root
