"""`check`: build everything in memory, then report content errors, broken links and warnings."""
from __future__ import annotations

import dataclasses
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import urls
from .errors import ContentError, format_errors
from .coverage import report, translation_coverage
from .pipeline import render_site
from .write import Memory


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def check_site(options) -> int:
    """Exit status 0 when the campaign builds with every internal link resolving, else 1."""
    result = render_site(dataclasses.replace(options, search=False), Memory())
    links = urls.Links(result.stats["base_url"])
    errors = broken_links(result, links)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for line in report(translation_coverage(result.site, options.layout_dirs)):
        print(line)
    if errors:
        print(format_errors(errors).replace("nothing was written", "fix them before publishing"),
              file=sys.stderr)
        return 1
    print(f"checked {result.stats['pages']} pages: no errors")
    return 0


def broken_links(result, links) -> list[ContentError]:
    """Internal links and images that lead to no file of the site, at the line that wrote them."""
    files = set(result.files)
    errors = []
    for page in result.pages:
        parser = _Links()
        parser.feed(result.files[urls.output_file(page.location)].decode("utf-8"))
        for ref in dict.fromkeys(parser.found):
            target = _target(ref, links)
            if target is None or target in files or urls.output_file(target) in files \
                    or urls.output_file(target + "/") in files:
                continue
            path, line = _where(page, ref, links)
            errors.append(ContentError(path, line, f"the link {ref} leads to no page of the site",
                                       "check the address; site links start with / and end with /"))
    return errors


def _target(ref: str, links) -> str | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        if ref.startswith(links.base_url):
            return unquote(urlsplit(ref[len(links.base_url) - 1:]).path)[1:]
        return None
    path = unquote(parts.path)
    if not path.startswith(links.base_path):
        return None if not path.startswith("/") else path
    return path[len(links.base_path):]


def _where(page, ref: str, links) -> tuple[str, int]:
    """The content file and line that wrote a link, as near as can be told."""
    if not page.source:
        return (f"(layouts) {page.template}", 1)
    try:
        text = Path(page.source).read_text("utf-8")
    except OSError:
        return (page.source, 1)
    written = "/" + ref[len(links.base_path):] if ref.startswith(links.base_path) else ref
    for number, line in enumerate(text.splitlines(), 1):
        if written in line or ref in line:
            return (page.source, number)
    return (page.source, 1)

