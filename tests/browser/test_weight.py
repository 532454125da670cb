"""Weight: the home page, without photos, transfers under 100 KB (HTML, CSS and scripts)."""
from __future__ import annotations

BUDGET = 100 * 1024
TEXT_KINDS = {"document", "stylesheet", "script", "fetch", "xhr", "font"}


def test_home_page_transfers_under_100_kb(served, page, record_property):
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(served.at(""), wait_until="networkidle")
    sizes = {}
    for request in loaded:
        if request.resource_type in TEXT_KINDS:
            sizes[request.url] = request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
    total = sum(sizes.values())
    record_property(f"{served.name}_home_page_bytes", total)
    assert any(url.endswith(".css") for url in sizes) and any(url.endswith(".js") for url in sizes)
    assert total < BUDGET, f"{served.name} home page weighs {total} bytes: {sizes}"
