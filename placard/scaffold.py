"""`new`: start a content file with every key it can take, explained in comments."""
from __future__ import annotations

from pathlib import Path

from .coerce import make_slug
from .errors import UsageError

TEMPLATES = {
    "case": """\
---
name: {title}
country: MX            # ISO code of the country (MX is Mexico)
status: imprisoned     # imprisoned, detained, at-risk, facing-execution, awaiting-justice, disappeared or released
summary: >-
  One or two sentences for cards, search results and social previews.
# released_on: 2009-12-01     # required when status is released
# deadline: 2010-01-31        # last day letters should be sent
# photo: {slug}.jpg           # a file in content/media/
# photo_alt: Describe the photo for people who cannot see it
themes: []             # e.g. [trade unions, freedom of expression]
featured: []           # campaign years, e.g. [2009]
draft: true            # remove this line to publish
appeal:
  to: The official's name and title
  address: |
    First line of the address
    Second line
    Country
  salutation: Dear Minister,
  letter: |
    The sample letter, in Markdown.

    Yours sincerely,
  # email: office@example.org
solidarity:
  address: |
    Where messages of hope can be sent
  note: What to write, and what not to.
---
The story of the case, in Markdown.
""",
    "event": """\
---
title: {title}
start: 2009-12-05T14:00      # local date and time
end: 2009-12-05T17:00        # optional; after start
timezone: Europe/London      # optional; else the campaign's time zone
country: GB                  # ISO code of the country
city: London                 # required unless online: true
venue: The public library
address: |
  1 Example Street
host: The group or person hosting
# rsvp: https://example.org/sign-up     # http(s) link to sign up
# online: true                          # an online event ...
# url: https://example.org/meeting      # ... needs the link where it happens
cases: []                    # slugs of the cases the event writes for
draft: true                  # remove this line to publish
---
What will happen, what to bring, how to get there.
""",
    "news": """\
---
title: {title}
date: 2009-12-10
summary: One sentence for the news list and the feed.
cases: []          # slugs of the cases it concerns
draft: true        # remove this line to publish
---
The news, in Markdown.
""",
    "page": """\
---
title: {title}
# menu: 4          # its place in the main menu; leave out to keep it out of the menu
draft: true        # remove this line to publish
---
The page, in Markdown.
""",
}
FOLDERS = {"case": "cases", "event": "events", "news": "news", "page": "pages"}


def new_file(content: Path, kind: str, title: str) -> Path:
    """Write content/<kind folder>/<slug>.md from the title; never overwrite a file."""
    slug = make_slug(title)
    if not slug:
        raise UsageError(f"cannot make a file name from {title!r}: give a title with some Latin letters or digits")
    path = Path(content) / FOLDERS[kind] / f"{slug}.md"
    if path.exists():
        raise UsageError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path.write_text(TEMPLATES[kind].format(title=quoted, slug=slug), encoding="utf-8")
    return path
