"""What the browser tests share: signing in, page errors, waiting for a POST,
reading what the server stored."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, Response, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy.orm import scoped_session

from app.extensions import db
from tests.factories import PASSWORD


def sign_in(page: Page, email: str) -> None:
    """Sign in through the login form and wait for the signed-in menu.

    The menu may be folded (a narrow viewport), so its sign-out button need only
    be in the page.
    """
    page.goto("/login")
    page.get_by_label("NIP, NI PPPK or e-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    sign_out = page.get_by_role("button", name="Sign out", include_hidden=True)
    expect(sign_out).to_be_attached()


def page_errors(page: Page) -> list[str]:
    """Errors the page's scripts have met (see conftest.RECORD_PAGE_ERRORS)."""
    return page.evaluate("window.__pageErrors")


def is_post(path: str):
    """Matches the response to a POST to ``path`` (for ``expect_response``)."""
    return lambda response: (
        response.request.method == "POST" and response.url.split("?")[0].endswith(path)
    )


def post_and_wait(page: Page, path: str, action) -> Response:
    """Run ``action`` and return the response of the POST it sends to ``path``."""
    try:
        with page.expect_response(is_post(path)) as answer:
            action()
    except PlaywrightTimeoutError:
        errors = page.evaluate("window.__pageErrors || null")
        pytest.fail(f"no POST to {path}; the page met {errors}")
    return answer.value


@contextmanager
def fresh_session() -> Iterator[scoped_session]:
    """The test's session, emptied, to read what the live server has committed.

    The factories leave their objects loaded in the session (a commit keeps
    them), and a rollback expires nothing when no transaction is open: through
    them ``get`` answers without asking the database, and a query does not
    overwrite what they hold, so a read could see the state before the server's
    change. Closing the session forgets every object and ends any transaction;
    closing it again at the end leaves the test holding no connection while the
    server works. Take plain values out of the block, not objects.
    """
    db.session.close()
    try:
        yield db.session
    finally:
        db.session.close()
