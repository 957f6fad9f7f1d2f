"""Browser fixtures: the app on a live server, driven by Debian's Chromium.

Playwright never downloads a browser here: it starts the Chromium that Debian
installs (or CHROMIUM_PATH). Without it the browser tests are skipped, unless
JENJANG_REQUIRE_BROWSER=1 (CI), which makes its absence a failure.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app.extensions import db
from app.i18n import LOCALE_COOKIE

# Each wait fails after this many milliseconds, so a broken page fails fast.
TIMEOUT_MS = 5_000

# The machine's network is closed: without the background-networking flags
# Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Uncaught script errors, Content-Security-Policy violations and htmx's error
# events, kept in window.__pageErrors so that a test can say why a click did
# nothing (an hx-target that is not a valid selector, say) instead of timing out.
RECORD_PAGE_ERRORS = """
window.__pageErrors = [];
window.addEventListener("error", (event) => {
  window.__pageErrors.push("error: " + event.message);
});
document.addEventListener("securitypolicyviolation", (event) => {
  window.__pageErrors.push("CSP: " + event.violatedDirective + " " + event.blockedURI);
});
for (const name of ["htmx:targetError", "htmx:oobErrorNoTarget", "htmx:swapError",
                    "htmx:sendError", "htmx:responseError"]) {
  document.addEventListener(name, (event) => {
    const detail = event.detail || {};
    const what = detail.target || (detail.xhr && detail.xhr.status) || "";
    window.__pageErrors.push(name + ": " + String(what));
  });
}
"""


def chromium_path() -> str:
    """Where Chromium is expected: CHROMIUM_PATH, else Debian's package."""
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``e2e`` (``-m "not e2e"`` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        if os.environ.get("JENJANG_REQUIRE_BROWSER") == "1":
            pytest.fail(
                f"Chromium not found at {path}, and JENJANG_REQUIRE_BROWSER=1 "
                "requires it (install the chromium package or set CHROMIUM_PATH)",
                pytrace=False,
            )
        pytest.skip(f"Chromium not found at {path}: browser tests skipped")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@dataclass(frozen=True)
class LiveServer:
    """The address of the running app."""

    url: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


def closing_responses(app):
    """``app``, answering with its body read whole and the response closed.

    Werkzeug's server skips a response's close() when the browser resets the
    connection just as the body is sent (a page closed while a script loads):
    the static file stays open until the garbage collector finds it, and its
    ResourceWarning then fails whichever test is running.
    """

    def answer(environ, start_response):
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    return answer


@pytest.fixture
def live_server(app) -> Iterator[LiveServer]:
    """The test app (CSRF protection on) served on a free port of 127.0.0.1.

    It shares the ``app`` fixture's database, which is emptied after the test.
    """
    assert app.config.get("WTF_CSRF_ENABLED", True), "CSRF must stay on here"
    # The main thread keeps no transaction open while the server writes.
    db.session.remove()
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        db.session.remove()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(javascript=False, locale=None)``: a page in a fresh context.

    English unless ``locale`` says otherwise (None: the default, Indonesian).

    Contexts close before the server stops, so no request outlives the test.
    """
    contexts = []

    def make(javascript: bool = True, locale: str | None = "en"):
        context = browser.new_context(
            java_script_enabled=javascript, base_url=live_server.url
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        # The interface defaults to Bahasa Indonesia; the cookie picks English.
        if locale:
            context.add_cookies(
                [{"name": LOCALE_COOKIE, "value": locale, "url": live_server.url}]
            )
        if javascript:
            context.add_init_script(RECORD_PAGE_ERRORS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
