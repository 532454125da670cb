"""Markdown to safe HTML: one configured converter, one sanitising allow-list."""
from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.extensions import Extension

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"}, "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"}, "ol": {"start"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}
VOLUNTEER_URL_SCHEMES = {"http", "https"}
EXTENSIONS = ["tables", "fenced_code", "footnotes", "sane_lists", "def_list", "abbr"]
# Deeper nesting than this is flattened: nobody writes it, and it costs quadratic time.
MAX_NESTING = 12


class _RootLinks(Treeprocessor):
    """Links and images starting with / mean the site root: put the sub-path in front."""

    def __init__(self, md, base_path):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root):
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value and value.startswith("/") and not value.startswith("//"):
                    element.set(attr, self.base_path + value[1:])


class _RootLinkExtension(Extension):
    def __init__(self, base_path):
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md):
        md.treeprocessors.register(_RootLinks(md, self.base_path), "placard-root-links", 1)


class Converter:
    """Markdown to HTML for one site (placard.cache.MarkdownCache remembers its conversions)."""

    def __init__(self, base_path: str = "/"):
        self.base_path = base_path
        self._md = markdown.Markdown(extensions=EXTENSIONS + [_RootLinkExtension(base_path)],
                                     output_format="html")

    def html(self, text: str, *, trusted: bool = False, volunteer: bool = False) -> str:
        """Markdown converted; sanitised unless the text is trusted raw HTML.

        A volunteer's text (an event) also loses its e-mail links, and its addresses are obscured.
        """
        if not text:
            return ""
        self._md.reset()
        out = self._md.convert(_limit_nesting(text))
        if volunteer:
            return _obscure_emails_in_html(_VOLUNTEER_RICH_TEXT.clean(out))
        return out if trusted else _RICH_TEXT.clean(out)


def _own_images(tag: str, attribute: str, value: str):
    """An image from another host would tell it who reads the page: only the site's own are kept."""
    if tag == "img" and attribute == "src" and (value.startswith("//") or _SCHEME.match(value)):
        return None
    return value


_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _rich_text_cleaner(url_schemes) -> nh3.Cleaner:
    """The rich-text allow-list: no script, handler, style, frame, script URL or outside image."""
    return nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=url_schemes,
                       attribute_filter=_own_images, link_rel="noopener noreferrer nofollow", strip_comments=True)


# Configured once: configuring the sanitiser on every call cost more than cleaning a short text.
_RICH_TEXT = _rich_text_cleaner(URL_SCHEMES)
_VOLUNTEER_RICH_TEXT = _rich_text_cleaner(VOLUNTEER_URL_SCHEMES)
_NO_TAGS = nh3.Cleaner(tags=set())

_EMAIL = re.compile(r"([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)")
_TEXT = re.compile(r"(^|>)([^<]+)")


def obscure_emails(text: str) -> str:
    """ana (at) example.org: readable by people, not by address harvesters."""
    return _EMAIL.sub(r"\1 (at) \2", text)


def _obscure_emails_in_html(html_text: str) -> str:
    """Addresses in the text between tags obscured; attribute values are left alone."""
    if "@" not in html_text:
        return html_text
    return _TEXT.sub(lambda m: m[1] + obscure_emails(m[2]), html_text)


_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*:)?//\S+")


def plain(html_or_text: str, limit: int = 0) -> str:
    """Text without markup, for descriptions and snippets."""
    text = html.unescape(_NO_TAGS.clean(html_or_text))
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def meta_text(text: str, limit: int = 200) -> str:
    """Text for a page's meta tags and social previews: plain, short, and without web addresses."""
    return " ".join(_URL.sub("", plain(text, limit)).split())


_INDENT = re.compile(r"^([ \t]*)(?=\S)", re.M)


def _limit_nesting(text: str) -> str:
    """Cap indentation (and > quote depth) so pathological nesting stays linear to convert."""
    max_indent = 4 * MAX_NESTING

    def cap(match):
        indent = match.group(1).expandtabs(4)
        return indent[:max_indent]

    text = _INDENT.sub(cap, text)
    return re.sub(r"^((?:>\s*){%d})(?:>\s*)+" % MAX_NESTING, r"\1", text, flags=re.M)
