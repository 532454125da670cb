"""The loaders never crash: random and mutated front matter, YAML and CSV give a model or content errors."""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placard.errors import ContentErrors
from placard.load import load_site
from placard.model import Site

CAMPAIGN = """\
title: Property Write-a-thon
base_url: https://example.org/
starts: 2009-12-05
ends: 2009-12-13
timezone: Asia/Kathmandu
"""
EVENT = """\
---
title: Write-in at the library
start: 2009-12-05T14:00
end: 2009-12-05T17:00
timezone: Asia/Kathmandu
country: NP
city: Kathmandu
online: false
cases: [ana]
rsvp: https://example.org/rsvp
---
Bring *pens*.
"""
CASE = """\
---
name: Ana Example
country: MX
status: released
released_on: 2009-11-20
summary: A teacher.
appeal:
  to: Attorney General
  address: |
    1 Example Street
  letter: Please.
featured: [2009]
---
Story.
"""
CSV = ("\ufeffTitle,Start,End,Country,City,Online,URL,Cases,Description,Slug\r\n"
       'Write-in,2009-12-05T10:00,2009-12-05T12:00,NP,Pokhara,no,,ana,"Pens,\r\npaper",\r\n'
       "Online,2009-12-06T19:00,,GB,,yes,https://meet.example.org/x,,,online-one\r\n")

PROPERTY = settings(max_examples=80, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Characters that matter to YAML, Markdown front matter, CSV and dates, and some that are merely odd.
TRICKY = st.sampled_from(list(":-[]{}\"',#&*!|>%@`?\n\r\t ;=/\\.0123456789TZ+\x00\x1b\ufeff\u2028é日")
                         + ["---", "\n---\n", "...", "- ", ": ", "&a ", "*a", "!!python/object:os.system",
                            "2009-02-30", "24:61", "NO", "yes", "~", "null", '"""', "\r\n"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=6)), max_size=12).map("".join)


@st.composite
def mutated(draw, original: str) -> str:
    """The original text with a few pieces cut, replaced, inserted or repeated."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        piece = draw(TEXT)
        how = draw(st.sampled_from(["cut", "replace", "insert", "repeat"]))
        if how == "cut":
            text = text[:start] + text[end:]
        elif how == "replace":
            text = text[:start] + piece + text[end:]
        elif how == "insert":
            text = text[:start] + piece + text[start:]
        else:
            text = text[:end] + text[start:end] + text[end:]
    return text


YAML_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
              TEXT, st.dates().map(str)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8)
EVENT_KEYS = ["title", "start", "end", "timezone", "country", "city", "venue", "address", "online", "url",
              "host", "rsvp", "cases", "draft", "slug", "description", "unknown"]


def outcome(files: dict) -> None:
    """Load a campaign made of `files`; anything but a Site or well-formed ContentErrors fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        try:
            site, warnings = load_site(root)
        except ContentErrors as exc:
            assert exc.errors
            for error in exc.errors:
                path = Path(error.path)
                assert path.is_relative_to(root), error
                assert isinstance(error.line, int) and error.line >= 1, error
                if path.is_file():
                    text = path.read_bytes().decode("utf-8", "replace")
                    assert error.line <= len(io.StringIO(text, newline="").readlines()) + 1, error
                assert error.message and "Traceback" not in error.message, error
            return
        assert isinstance(site, Site)
        for warning in warnings:
            assert warning.line >= 1


@PROPERTY
@given(mutated(EVENT))
def test_mutated_event_front_matter(text):
    outcome({"campaign.yaml": CAMPAIGN, "cases/ana.md": CASE, "events/write-in.md": text})


@PROPERTY
@given(mutated(CASE))
def test_mutated_case_front_matter(text):
    outcome({"campaign.yaml": CAMPAIGN, "cases/ana.md": text, "events/write-in.md": EVENT})


@PROPERTY
@given(mutated(CAMPAIGN))
def test_mutated_campaign_yaml(text):
    outcome({"campaign.yaml": text, "events/write-in.md": EVENT.replace("cases: [ana]\n", "")})


@PROPERTY
@given(st.dictionaries(st.sampled_from(EVENT_KEYS), YAML_VALUE, max_size=10), TEXT)
def test_random_yaml_values_for_every_event_key(values, body):
    front = yaml.safe_dump(values, allow_unicode=True)
    outcome({"campaign.yaml": CAMPAIGN, "cases/ana.md": CASE, "events/random.md": f"---\n{front}---\n{body}"})


@PROPERTY
@given(mutated(CSV))
def test_mutated_csv(text):
    outcome({"campaign.yaml": CAMPAIGN, "cases/ana.md": CASE, "events/signups.csv": text})


@PROPERTY
@given(st.permutations(["title", "start", "country", "city", "online", "url", "end", "cases", "x"]),
       st.lists(st.lists(TEXT, min_size=0, max_size=11), max_size=5), st.sampled_from(["\n", "\r\n", "\r"]))
def test_random_csv_rows(columns, rows, newline):
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value
    text = newline.join(",".join(cell(v) for v in row) for row in [columns, *rows]) + newline
    outcome({"campaign.yaml": CAMPAIGN, "cases/ana.md": CASE, "events/rows.csv": text})


@PROPERTY
@given(st.binary(max_size=200))
def test_random_bytes_as_every_kind_of_file(data):
    outcome({"campaign.yaml": CAMPAIGN, "events/a.md": data, "events/b.csv": data, "news/c.md": data})
