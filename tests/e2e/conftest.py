"""End-to-end tests: real Chromium (Debian's) driven by Playwright against a live server.

Marked ``e2e`` by the folder (``tests/conftest.py``)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime

import pytest
from django.conf import settings

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def live_url(tenants, django_db_blocker):
    """A live server thread on the test database; the SPA must have been built."""
    from pytest_django.live_server_helper import LiveServer

    if not (settings.FRONTEND_DIST / "index.html").exists():
        pytest.fail("SPA not built: run `make frontend` (make test does it).")
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
        yield f"http://{{slug}}.localhost:{server.thread.port}"
        server._live_server_modified_settings.disable()
        server.stop()


class ClockedBrowser:
    """Chromium whose pages read the run's clock.

    In a run at another date (``scripts/test-at.sh``), Python's clocks are moved and the
    browser's are not: each new context gets Playwright's clock installed at Python's "now",
    still ticking, so that the SPA's ``new Date()`` agrees with the server's today."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        if os.environ.get("MARELLE_TEST_CLOCK"):
            context.clock.install(time=datetime.now(UTC))
        return context

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield ClockedBrowser(browser)
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # Chromium reports what the Content-Security-Policy blocked on the console only: a page
    # would go on half-styled or half-working without failing any assertion.
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"


@pytest.fixture
def committed(django_db_blocker):
    """Create data outside any test transaction, so that the live server sees it."""
    with django_db_blocker.unblock():
        yield
