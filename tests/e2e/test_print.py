"""In a real browser: the printable plan loads whole, without a failed request.

Chromium asks for some resources (the favicon) outside Playwright's view, so the
server's own answers are recorded too.
"""

from __future__ import annotations

import pytest
from flask import request, request_finished
from playwright.sync_api import expect

from tests.e2e.helpers import sign_in
from tests.factories import make_plan

pytestmark = pytest.mark.e2e


@pytest.fixture
def failed_answers(app):
    """Every request the live server answered with a status of 400 or more."""
    failed: list[str] = []

    def record(sender, response, **extra):
        if response.status_code >= 400:
            failed.append(f"{response.status_code} {request.path}")

    request_finished.connect(record, app)
    yield failed
    request_finished.disconnect(record, app)


@pytest.mark.parametrize("query", ["", "?lang=en"], ids=["id", "en"])
def test_the_print_view_loads_without_errors(new_page, world, failed_answers, query):
    plan_id = make_plan(world).id
    page = new_page()
    console_errors: list[str] = []
    failed_in_browser: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and console_errors.append(f"{message.text} ({message.location['url']})")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and failed_in_browser.append(f"{response.status} {response.url}")
        ),
    )
    sign_in(page, world.users["employee"].email)

    page.goto(f"/plans/{plan_id}/print{query}")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    expect(page.locator(".kop")).to_contain_text("KECAMATAN MEDAN MARELAN")
    expect(page.locator(".screen-only")).to_be_hidden()
    assert failed_answers == []
    assert failed_in_browser == []
    assert console_errors == []
