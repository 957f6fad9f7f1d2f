"""In a real browser: the main menu on a phone and on a wide screen.

On a phone the links fold into a "Menu" disclosure that opens without any
script, while the counters stay in view; on a wide screen the same links form
the full bar.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.models import MentorProfile, Notification, NotificationKind
from tests.e2e.helpers import page_errors, sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
# The header may take a line of the phone's screen, not a third of it.
MAX_PHONE_HEADER_PX = 120


def hr_with_unread_notifications(world, unread: int = 2) -> str:
    """HR who also mentors, with ``unread`` notices; returns the e-mail address."""
    db.session.add(MentorProfile(employee=world.hr_employee, capacity=2))
    user = world.users["hr"]
    db.session.add_all(
        Notification(
            user_id=user.id,
            kind=NotificationKind.PLAN_SUBMITTED,
            actor_name=world.employee.name,
            subject_id=1,
        )
        for _ in range(unread)
    )
    db.session.commit()
    return user.email


def nav(page: Page):
    return page.get_by_role("navigation", name="Main menu")


def header_height(page: Page) -> float:
    return page.locator("body > header").bounding_box()["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_menu_is_one_line_opens_and_keeps_the_counters_in_view(
    new_page, world, javascript
):
    email = hr_with_unread_notifications(world)
    page = new_page(javascript=javascript)
    page.set_viewport_size(PHONE)
    sign_in(page, email)

    assert header_height(page) < MAX_PHONE_HEADER_PX
    # The counters show without opening the menu.
    expect(page.locator("#notifications-badge")).to_be_visible()
    expect(page.locator("#notifications-badge")).to_have_text("2")
    for counter in ("Notifications", "Requests"):
        link = nav(page).get_by_role("link", name=re.compile(f"^{counter}"))
        expect(link).to_be_visible()
    employees = nav(page).get_by_role("link", name="Employees")
    expect(employees).to_be_hidden()

    nav(page).get_by_text("Menu", exact=True).click()
    expect(employees).to_be_visible()
    expect(nav(page).get_by_role("button", name="Sign out")).to_be_visible()
    employees.click()
    expect(page).to_have_url(re.compile(r"/hr/employees$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Employee directory")
    # The new page's menu is folded again, the header still small.
    expect(nav(page).get_by_role("link", name="Employees")).to_be_hidden()
    assert header_height(page) < MAX_PHONE_HEADER_PX
    expect(page.locator("#notifications-badge")).to_be_visible()
    if javascript:
        assert page_errors(page) == []


def test_wide_screen_shows_the_full_bar_without_a_menu_button(new_page, world):
    email = hr_with_unread_notifications(world)
    page = new_page()
    page.set_viewport_size(DESKTOP)
    sign_in(page, email)

    expect(nav(page).get_by_text("Menu", exact=True)).to_be_hidden()
    for name in ("Home", "My profile", "My plans", "Cohort matching", "Employees"):
        expect(nav(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(nav(page).get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("#notifications-badge")).to_have_text("2")
    nav(page).get_by_role("link", name="My plans").click()
    expect(page).to_have_url(re.compile(r"/plans/$"))
    assert page_errors(page) == []
