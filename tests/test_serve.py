"""The preview server over real HTTP: pages appear, change on save, survive bad content."""
from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import CASE, NOW, ROOT, write_campaign

WAIT_SECONDS = 90      # a bound on waiting for the server, not a speed requirement


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, root: Path, *extra: str):
        self.root, self.port = root, free_port()
        self.log = root / "serve.log"
        self.errors = root / "serve.err"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(root / "content"),
             "--out", str(root / "site"), "--now", NOW, "--port", str(self.port), *extra],
            stdout=self.log.open("w"), stderr=self.errors.open("w"), env=env, cwd=root)
        self.wait_for(lambda: self.fetch("/sub/")[0] == 200)

    def fetch(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            return 0, ""

    def wait_for(self, condition) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped: {self.errors.read_text()}")
            if condition():
                return
            time.sleep(0.1)
        raise AssertionError(f"gave up waiting; server said:\n{self.log.read_text()}\n{self.errors.read_text()}")

    def lines(self, word: str = "changed:") -> list[str]:
        return [line for line in self.log.read_text().splitlines() if word in line]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=WAIT_SECONDS)


@pytest.fixture
def served(tmp_path):
    write_campaign(tmp_path, {
        "content/cases/ana.md": CASE,
        "content/cases/bo.md": CASE.replace("Ana Example", "Bo Example"),
        "content/pages/about.md": "---\ntitle: About us\nmenu: 1\n---\nWho we are.\n",
    })
    server = Served(tmp_path)
    yield server
    server.stop()


def save(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_serves_the_site_under_its_sub_path_on_loopback(served):
    status, home = served.fetch("/")
    assert status == 200 and "Test Write-a-thon" in home       # / leads to the base_url path
    status, page = served.fetch("/sub/cases/ana/")
    assert status == 200 and "Ana Example" in page
    assert "livereload.js" in page                             # the browser reloads after a rebuild
    assert served.fetch("/sub/cases/nobody/")[0] == 404
    assert "previewing at http://127.0.0.1:" in served.log.read_text()
    assert "WARNING" not in served.errors.read_text()


def test_a_saved_case_shows_on_its_page(served):
    save(served.root, "content/cases/ana.md", CASE.replace("Ana's story.", "Ana was moved to a new prison."))
    served.wait_for(lambda: "moved to a new prison" in served.fetch("/sub/cases/ana/")[1])
    line = served.lines()[-1]
    assert "content/cases/ana.md changed:" in line and "pages rendered" in line and " ms" in line


def test_bad_content_shows_an_overlay_on_every_page_until_fixed(served):
    save(served.root, "content/cases/ana.md", CASE.replace("status: imprisoned", "status: jailed"))
    served.wait_for(lambda: "placard-errors" in served.fetch("/sub/")[1])
    status, page = served.fetch("/sub/cases/bo/")
    assert status == 200 and "placard-errors" in page
    assert "content/cases/ana.md:4: status" in page.replace(str(served.root) + "/", "")
    assert "Ana Example" in served.fetch("/sub/cases/ana/")[1]        # the last good site
    save(served.root, "content/cases/ana.md", CASE.replace("Ana's story.", "Fixed at last."))
    served.wait_for(lambda: "Fixed at last." in served.fetch("/sub/cases/ana/")[1])
    assert "placard-errors" not in served.fetch("/sub/")[1]
    assert served.process.poll() is None


def test_a_deleted_case_disappears(served):
    (served.root / "content/cases/bo.md").unlink()
    served.wait_for(lambda: served.fetch("/sub/cases/bo/")[0] == 404)
    assert "Bo Example" not in served.fetch("/sub/cases/")[1]
    assert not (served.root / "site/cases/bo").exists()


def test_a_layout_change_shows_on_the_pages_that_use_it(served):
    save(served.root, "layouts/templates/page.html",
         "{% extends 'base.html' %}{% block content %}<div class=our-page>{{ body }}</div>{% endblock %}\n")
    served.wait_for(lambda: "our-page" in served.fetch("/sub/about/")[1])


def test_a_save_storm_gives_one_rebuild(served):
    before = len(served.lines())
    for number in range(40):
        save(served.root, f"content/news/item-{number}.md",
             f"---\ntitle: Item {number}\ndate: 2009-11-{number % 28 + 1:02d}\n---\nNews {number}.\n")
    served.wait_for(lambda: served.fetch("/sub/news/item-39/")[0] == 200)
    time.sleep(1)       # a second rebuild would have begun by now
    assert len(served.lines()) == before + 1
    assert "and 37 more changed:" in served.lines()[-1]


def test_never_serves_files_outside_the_output_folder(served):
    (served.root / "secret.txt").write_text("do not serve")
    for path in ("/sub/../secret.txt", "/sub/%2e%2e/secret.txt", "/sub/..%2fsecret.txt", "/secret.txt"):
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        assert "do not serve" not in response.read().decode("utf-8", "replace"), path
        assert response.status in (403, 404), path
        connection.close()


def test_says_loudly_when_it_listens_beyond_this_computer(tmp_path):
    write_campaign(tmp_path, {"content/cases/ana.md": CASE})
    server = Served(tmp_path, "--host", "0.0.0.0")
    try:
        assert "WARNING: serving on 0.0.0.0" in server.errors.read_text()
        assert "for previews only" in server.errors.read_text()
    finally:
        assert server.stop() == 0


def test_a_save_by_renaming_over_the_file_is_seen(served):
    """Many editors save to a hidden file and rename it over the old one."""
    hidden = served.root / "content/cases/.ana.md.swp"
    hidden.write_text(CASE.replace("Ana's story.", "Ana wrote back."), encoding="utf-8")
    os.replace(hidden, served.root / "content/cases/ana.md")
    served.wait_for(lambda: "Ana wrote back." in served.fetch("/sub/cases/ana/")[1])
    assert "content/cases/ana.md changed:" in served.lines()[-1]


def test_the_campaigns_own_layouts_may_come_go_and_come_back(served):
    template = "{% extends 'base.html' %}{% block content %}<div class={}>{{ body }}</div>{% endblock %}\n"
    save(served.root, "layouts/templates/page.html", template.replace("{}", "first", 1))
    served.wait_for(lambda: "class=first" in served.fetch("/sub/about/")[1])
    shutil.rmtree(served.root / "layouts")
    served.wait_for(lambda: "class=first" not in served.fetch("/sub/about/")[1])
    save(served.root, "layouts/templates/page.html", template.replace("{}", "again", 1))
    served.wait_for(lambda: "class=again" in served.fetch("/sub/about/")[1])
