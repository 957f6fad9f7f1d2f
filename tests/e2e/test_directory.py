"""In a real browser: HR searches the directory as they type; the URL follows."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app.extensions import db
from tests.factories import PASSWORD


def _sign_in_as_hr(page, world) -> None:
    email = world.users["hr"].email
    db.session.close()  # hold nothing while the server works (see fresh_session)
    page.goto("/login")
    page.get_by_label("NIP, NI PPPK or e-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Employees"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employee directory")


def test_search_as_you_type_updates_results_and_url(new_page, world, live_server):
    page = new_page()
    _sign_in_as_hr(page, world)
    results = page.locator("#directory-results")
    expect(results).to_contain_text("6 employees found")
    page.evaluate("window.__marker = 1")

    page.get_by_label("Name, NIP or NI PPPK").press_sequentially("lub", delay=30)
    expect(results).to_contain_text("1 employee found")
    # Each row links the profile by the name, and the personnel records.
    expect(results.locator("td:first-child a")).to_have_text(["Sri Wahyuni Lubis"])
    expect(
        results.get_by_role("link", name="Personnel records of Sri Wahyuni Lubis")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/hr/employees\?q=lub$"))
    assert page.evaluate("window.__marker") == 1  # swapped in place, no reload
    assert page.evaluate("window.__pageErrors") == []

    page.get_by_label("Unit").select_option(label="Kelurahan Beta")
    expect(results).to_contain_text("0 employees found")
    expect(page).to_have_url(re.compile(r"unit=\d+"))

    # The shared URL restores the same search on a fresh load.
    page.reload()
    expect(page.get_by_label("Name, NIP or NI PPPK")).to_have_value("lub")
    expect(results).to_contain_text("0 employees found")


def test_directory_works_without_javascript(new_page, world):
    page = new_page(javascript=False)
    _sign_in_as_hr(page, world)
    page.get_by_label("Name, NIP or NI PPPK").fill("siregar")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=siregar"))
    expect(page.locator("#directory-results td:first-child a")).to_have_text(
        ["Rahmat Siregar"]
    )
