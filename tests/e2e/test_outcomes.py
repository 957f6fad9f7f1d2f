"""In a real browser: HR reads the mentoring outcomes and narrows them to the
mentors of a unit, in place with JavaScript and by a plain form without."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.e2e.helpers import page_errors, sign_in
from tests.hr.outcome_data import two_mentors


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hr_narrows_the_outcomes_to_a_unit(new_page, world, javascript):
    two_mentors(world)
    email = world.users["hr"].email
    db.session.close()  # hold nothing while the server works
    page = new_page(javascript=javascript)
    sign_in(page, email)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Mentoring outcomes"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring outcomes")
    rows = page.locator("#outcome-rows tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#outcome-mentors tbody tr")).to_have_count(2)
    expect(page.locator("#outcome-chart .outcome-bar")).to_have_count(2)
    if javascript:
        page.evaluate("window.__marker = 1")

    page.get_by_label("Unit of the mentor").select_option(label="Kelurahan Beta")
    if not javascript:
        page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/hr/mentoring/outcomes\?unit=\d+$"))
    expect(rows).to_have_count(2)
    expect(page.locator("#outcome-mentors tbody tr")).to_have_count(1)
    expect(page.locator("#outcome-mentors")).to_contain_text("Bima Purba")
    if javascript:
        assert page.evaluate("window.__marker") == 1  # swapped in place
        assert page_errors(page) == []
