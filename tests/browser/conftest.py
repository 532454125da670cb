"""Browser suite: build the default campaign and a right-to-left one once, serve each over
HTTP under its base_url sub-path, and drive them in one headless Chromium."""
from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser.sites import DEFAULT_PAGES, RTL_PAGES
from tests.helpers import NOW, ROOT, SITES, run_placard



@dataclass(frozen=True)
class Served:
    """A built site and the address it is served at."""
    name: str
    site: Path       # the built site/ folder
    url: str         # http://127.0.0.1:PORT/<base path>/
    pages: dict      # page kind -> location

    def at(self, location: str) -> str:
        return self.url + location

    def html_locations(self) -> list[str]:
        """Every built HTML page, as a location ('cases/x/' or '404.html')."""
        found = []
        for path in sorted(self.site.rglob("*.html")):
            rel = path.relative_to(self.site).as_posix()
            found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return found


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files, with the site's own 404 page for a missing address, as a web host would."""
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".ics": "text/calendar"}
    not_found: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def build_and_serve(content: Path, base_path: str, workdir: Path):
    """Copy a campaign into workdir, build it under root/<base_path>, serve root on port 0."""
    shutil.copytree(content, workdir / "content")
    root = workdir / "root"
    site = root / base_path.strip("/")
    code, out, err = run_placard("build", "--content", str(workdir / "content"), "--out", str(site),
                                 "--now", NOW)
    assert code == 0, err
    handler = type("Handler", (SiteHandler,), {"not_found": site / "404.html"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, site


@pytest.fixture(scope="session")
def default_site(tmp_path_factory):
    """The default campaign (base_url https://example.org/writeathon/)."""
    server, site = build_and_serve(ROOT / "content", "/writeathon/",
                                   tmp_path_factory.mktemp("default"))
    yield Served("default", site, f"http://127.0.0.1:{server.server_port}/writeathon/", DEFAULT_PAGES)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def rtl_site(tmp_path_factory):
    """tests/sites/rtl: Arabic first, English second (base_url https://example.org/amal/)."""
    server, site = build_and_serve(SITES / "rtl" / "content", "/amal/",
                                   tmp_path_factory.mktemp("rtl"))
    yield Served("rtl", site, f"http://127.0.0.1:{server.server_port}/amal/", RTL_PAGES)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session", params=["default", "rtl"])
def served(request):
    """Each served site in turn: the left-to-right default campaign, then the right-to-left one."""
    return request.getfixturevalue(f"{request.param}_site")


def open_tab(browser, **options):
    """A tab in a fresh context; waits have no clock limit, as a slow shared machine needs."""
    context = browser.new_context(**options)
    context.set_default_timeout(0)
    context.set_default_navigation_timeout(0)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A desktop tab, JavaScript on."""
    context, tab = open_tab(browser)
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    """A 360 x 640 touch screen."""
    context, tab = open_tab(browser, viewport={"width": 360, "height": 640}, device_scale_factor=2,
                            is_mobile=True, has_touch=True)
    yield tab
    context.close()


@pytest.fixture
def no_js_page(browser):
    """A desktop tab with JavaScript off."""
    context, tab = open_tab(browser, java_script_enabled=False)
    yield tab
    context.close()
