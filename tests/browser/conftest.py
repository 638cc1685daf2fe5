"""A real headless browser for the report tests: Playwright driving Debian's chromium.

Playwright cannot download its own browser build here, so it is launched
with the executable of the distribution package. The session fixture
installs what is missing: ``playwright`` and ``axe-playwright-python`` (the
``[test]`` extras) with pip, and chromium with ``apt-get`` when running as
root. It skips, saying why, only where no browser can exist (not root and no
chromium, or no apt-get). axe-core comes from the axe-playwright-python
wheel (``axe.min.js``), never from a CDN.

Reports are built from the hand-built results of ``tests/report/conftest.py``
(no model needed) and served from ``file://``, the way a reader opens them.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimdiff.report import write_report
from tests.report.conftest import make_hostile_result, make_result

CHROMIUM_CANDIDATES = (
    os.environ.get("CLAIMDIFF_CHROMIUM", ""),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
# Set by .ci/run: in CI a missing browser fails the run instead of skipping it unseen.
REQUIRE_BROWSER = bool(os.environ.get("CLAIMDIFF_REQUIRE_BROWSER"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PIP_PACKAGES = ("playwright>=1.45", "axe-playwright-python>=0.1.4")


def find_chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return None


def _no_browser(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (CLAIMDIFF_REQUIRE_BROWSER is set: the browser tests must run)")
    pytest.skip(reason)


def ensure_chromium() -> str:
    """The chromium executable, installed with apt-get if missing and we are root."""
    path = find_chromium()
    if path:
        return path
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        _no_browser("no chromium at /usr/bin/chromium and not root: cannot apt-get install it")
    if shutil.which("apt-get") is None:
        _no_browser("no chromium and no apt-get to install it: no browser can run here")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
    proc = subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    path = find_chromium()
    if path is None:
        pytest.fail(
            f"apt-get install chromium failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )
    return path


def ensure_python_packages() -> None:
    """playwright and axe-playwright-python: the [test] extras, installed if missing."""
    missing = [
        pkg
        for mod, pkg in (
            ("playwright", PIP_PACKAGES[0]),
            ("axe_playwright_python", PIP_PACKAGES[1]),
        )
        if importlib.util.find_spec(mod) is None
    ]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)
        importlib.invalidate_caches()


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    ensure_python_packages()
    executable = ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report"
    write_report(make_result(), out)
    return out


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-hostile") / "report"
    write_report(make_hostile_result(), out)
    return out


class PageWatch:
    """Console errors, page errors, dialogs and requests of one page."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def watched(context: Any) -> Iterator[PageWatch]:
    page = context.new_page()
    yield PageWatch(page)
    page.close()
