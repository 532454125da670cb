"""Whole builds: the contract's paths, links under a sub-path, determinism, and nothing lost on failure."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import CASE, ROOT, build, write_campaign

DEFAULT_CONTENT = ROOT / "content"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("href", "src") and v]


def internal_targets(site: Path, base_path: str):
    """(page, link, file it resolves to) for every link into the site."""
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        for ref in parser.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            path = unquote(parts.path)
            yield page, ref, path


@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("default")
    shutil.copytree(DEFAULT_CONTENT, root / "content")
    run = build(root)
    assert run.code == 0, run.err
    return run


def test_the_default_campaign_has_every_page_of_the_contract(default_site):
    for location in ["", "cases/", "cases/women-of-atenco/", "cases/women-of-atenco/letter/", "events/",
                     "events.ics", "countries/", "countries/mx/", "news/", "feed.xml", "search/",
                     "api/cases.json", "api/events.json", "sitemap.xml", "robots.txt", "404.html",
                     "how-to-write-a-letter/"]:
        assert default_site.exists(location), location


def test_every_internal_link_stays_under_the_sub_path_and_resolves(default_site):
    broken = []
    for page, ref, path in internal_targets(default_site.site, "/writeathon/"):
        if not path.startswith("/writeathon/"):
            broken.append(f"{page}: {ref} leaves the sub-path")
            continue
        target = default_site.site / path[len("/writeathon/"):]
        if not (target.is_file() or (target / "index.html").is_file()):
            broken.append(f"{page}: {ref}")
    assert not broken, broken[:5]


def test_the_home_page_shows_the_campaign(default_site):
    home = default_site.read("")
    assert "Global Write-a-thon 2009" in home
    assert "295,000" in home
    assert "<progress" in home
    assert "/writeathon/cases/women-of-atenco/" in home
    assert "/writeathon/cases/hana-abdi/" not in home, "released cases are not featured in 2009"


def test_the_letter_page_is_a_printable_letter(default_site):
    letter = default_site.read("cases/women-of-atenco/letter/")
    assert 'media="print"' in letter
    assert "Your name" in letter and "Signature" in letter
    assert "The authorities of Mexico" in letter


def test_a_case_page_links_to_its_country_letter_and_events(default_site):
    page = default_site.read("cases/women-of-atenco/")
    assert "/writeathon/countries/mx/" in page
    assert "/writeathon/cases/women-of-atenco/letter/" in page
    assert "/writeathon/events/example-write-in-mexico-city/" in page
    assert "Claudia Hernandez" in page


def test_country_names_come_from_the_library(default_site):
    assert "Myanmar" in default_site.read("countries/mm/")
    assert "Belarus" in default_site.read("countries/")


def test_two_builds_are_byte_identical_whatever_the_machine_time_zone(tmp_path):
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    trees = []
    for zone, out in (("Pacific/Chatham", "a"), ("America/Caracas", "b")):
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(tmp_path / "content"),
                        "--out", str(tmp_path / out), "--now", "2009-12-01T00:00Z"],
                       check=True, capture_output=True, env={**os.environ, "TZ": zone, "PYTHONHASHSEED": "random"})
        trees.append({p.relative_to(tmp_path / out): p.read_bytes() for p in (tmp_path / out).rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    assert build(tmp_path).code == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "site").rglob("*") if p.is_file()}
    (tmp_path / "content/cases/ana.md").write_text(CASE.replace("country: MX", "country: ZZ"))
    run = build(tmp_path)
    assert run.code == 1
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("processes", ["one process", "worker processes"])
@pytest.mark.parametrize("template", ["case.html", "letter.html"])
def test_a_build_failing_midway_leaves_the_previous_site_and_no_half_written_one(tmp_path, monkeypatch,
                                                                                 processes, template):
    from placard import pipeline

    rows = "".join(f"meet-{n},Meet {n},2009-12-07T10:00,GB,London\n" for n in range(pipeline.PARALLEL_FROM))
    write_campaign(tmp_path, {"content/cases/ana.md": CASE,
                              "content/events/signups.csv": "slug,title,start,country,city\n" + rows})
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9 if processes == "one process" else 1)
    assert build(tmp_path).code == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "site").rglob("*") if p.is_file()}
    # Assets and many pages are written before the template that fails is reached.
    (tmp_path / "layouts/templates").mkdir(parents=True)
    (tmp_path / "layouts/templates" / template).write_text("{{ no_such_value.name }}\n")
    run = build(tmp_path)
    assert run.code == 1
    assert f"{template}:1" in run.err
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")], "a staging folder was left"
    assert not list((tmp_path / ".placard-cache/search").glob(".new-*")), "a half-made search index was left"


def test_a_campaign_layout_reads_page_values_as_jinja_documents_them(tmp_path):
    """`case.name` is the value; a dict's own methods still work; a misspelt name stops the build at its line."""
    layout = ("{% extends 'base.html' %}{% block content %}<h1>{{ case.name }}</h1>\n"
              "<dl>{% for key, value in case.items() if key == 'status' %}<dt>{{ key }}</dt><dd>{{ value }}</dd>"
              "{% endfor %}</dl>\n{{ case.nmae }}{% endblock %}\n")
    write_campaign(tmp_path, {"content/cases/ana.md": CASE,
                              "layouts/templates/case.html": layout.replace("{{ case.nmae }}", "")})
    assert build(tmp_path).code == 0
    page = (tmp_path / "site/cases/ana/index.html").read_text("utf-8")
    assert "<h1>Ana Example</h1>" in page
    assert "<dt>status</dt><dd>imprisoned</dd>" in page
    (tmp_path / "layouts/templates/case.html").write_text(layout)
    run = build(tmp_path)
    assert run.code == 1
    assert "case.html:3" in run.err and "nmae" in run.err


def test_a_rebuild_removes_stale_pages_and_keeps_unchanged_files(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE, "content/cases/bo.md": CASE.replace("Ana", "Bo")})
    assert build(tmp_path).code == 0
    css = next((tmp_path / "site/assets").glob("style.*.css"))
    inode = css.stat().st_ino
    (tmp_path / "content/cases/bo.md").unlink()
    run = build(tmp_path)
    assert run.code == 0
    assert not (tmp_path / "site/cases/bo").exists()
    assert css.stat().st_ino == inode, "unchanged files are carried over, not rewritten"


def test_drafts_stay_out_unless_asked_for(tmp_path):
    draft = CASE.replace("status: imprisoned", "status: imprisoned\ndraft: true").replace("Ana Example", "Secret Name")
    write_campaign(tmp_path, {"content/cases/ana.md": CASE, "content/cases/secret.md": draft})
    run = build(tmp_path)
    assert run.code == 0
    leaks = [p for p in run.site.rglob("*") if p.is_file() and b"Secret Name" in p.read_bytes()]
    assert leaks == []
    assert not run.exists("cases/secret/")
    run = build(tmp_path, "--drafts")
    assert run.exists("cases/secret/")


def test_base_url_option_overrides_campaign_yaml(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    run = build(tmp_path, "--base-url", "https://example.net/other/path/")
    assert run.code == 0
    assert 'href="/other/path/cases/ana/"' in run.read("cases/")
    assert "https://example.net/other/path/cases/ana/" in run.read("sitemap.xml")


@pytest.mark.parametrize("out", ["content", ".", "content/site"])
def test_the_output_folder_may_not_hold_the_content(tmp_path, out, monkeypatch):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    monkeypatch.chdir(tmp_path)
    from tests.helpers import run_placard
    code, _, err = run_placard("--content", "content", "--out", out, "--now", "2009-12-01T00:00Z")
    assert code == 2
    assert "refusing" in err
    assert (tmp_path / "content/cases/ana.md").is_file()


def test_a_git_repository_root_is_refused_as_output(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    (tmp_path / "repo/.git").mkdir(parents=True)
    from tests.helpers import run_placard
    code, _, err = run_placard("--content", str(tmp_path / "content"), "--out", str(tmp_path / "repo"))
    assert code == 2 and "git repository" in err
    assert (tmp_path / "repo/.git").is_dir()


def test_markdown_root_links_work_under_the_sub_path(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE,
                              "content/pages/help.md": "---\ntitle: Help\n---\nSee [the cases](/cases/) "
                                                       "and ![a map](/media/map.png)\n"})
    run = build(tmp_path)
    page = run.read("help/")
    assert 'href="/sub/cases/"' in page


def test_names_in_any_script_survive_unchanged(tmp_path):
    names = ["Ma Khin Khin Leh (မခင်ခင်လေး)", "منصور اسانلو", "卜东伟", "Zmitser Dashkevich (Зміцер Дашкевіч)"]
    files = {f"content/cases/c{i}.md": CASE.replace("Ana Example", name) for i, name in enumerate(names)}
    write_campaign(tmp_path, files)
    run = build(tmp_path)
    assert run.code == 0, run.err
    listing = run.read("cases/")
    for name in names:
        assert name in listing


def test_a_multilingual_site_builds_byte_identical_twice(tmp_path):
    trees = []
    for name in ("a", "b"):
        shutil.copytree(ROOT / "tests/sites/multilingual", tmp_path / name)
        run = build(tmp_path / name)
        assert run.code == 0, run.err
        trees.append({p.relative_to(run.site): p.read_bytes() for p in run.site.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []
