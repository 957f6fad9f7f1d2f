"""In a real browser: HR finds a position and edits its requirements in place;
the change history follows, and the same works without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app.extensions import db
from tests.e2e.helpers import sign_in


def _open_position_as_hr(page, world) -> None:
    email = world.users["hr"].email
    db.session.close()  # hold nothing while the server works
    sign_in(page, email)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Positions"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Position catalogue")


def test_hr_edits_a_requirement_in_place(new_page, world, live_server):
    page = new_page()
    _open_position_as_hr(page, world)
    page.get_by_label("Name or code").press_sequentially("pengadm", delay=30)
    results = page.locator("#position-results")
    expect(results).to_contain_text("1 position found")
    expect(page).to_have_url(re.compile(r"/hr/positions\?q=pengadm$"))
    results.get_by_role("link", name="Pengadministrasi Perkantoran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pengadministrasi Perkantoran"
    )
    page.evaluate("window.__marker = 1")

    requirements = page.locator("#position-requirements")
    row = requirements.locator("tr", has_text="SMA or higher")
    row.get_by_role("button", name="Edit").click()
    editor = requirements.locator("tr form")  # the row, opened in place
    editor.get_by_label("Value", exact=True).fill("S2")
    editor.get_by_label("Parameter").fill("Kearsipan; Administrasi Publik")
    editor.get_by_role("button", name="Save requirement").click()
    expect(requirements).to_contain_text(
        "S2 or higher, in: Kearsipan; Administrasi Publik"
    )
    history = page.locator("#position-history")
    expect(history).to_contain_text("Requirement changed")
    expect(history).to_contain_text("Value: SMA → S2")
    expect(page.locator("#flash")).to_contain_text("Requirement saved.")

    # A refused value comes back beside its field, in place.
    requirements.locator("summary", has_text="Add a requirement").click()
    form = requirements.locator("details.add-requirement form")
    form.get_by_label("Kind").select_option(label="Age cap")
    form.get_by_label("Value", exact=True).fill("200")
    form.get_by_label("Basis (regulation)").fill("Permendikdasmen 7/2025")
    form.get_by_role("button", name="Add requirement").click()
    expect(requirements).to_contain_text(
        "Enter the age as a whole number from 18 to 70."
    )
    assert page.evaluate("window.__marker") == 1  # never reloaded
    assert page.evaluate("window.__pageErrors") == []


def test_hr_changes_a_level_without_javascript(new_page, world):
    page = new_page(javascript=False)
    _open_position_as_hr(page, world)
    page.get_by_role("link", name="Pengadministrasi Perkantoran").click()
    standard = page.locator("#position-standard")
    standard.locator("tr", has_text="M.01").get_by_role("button", name="Edit").click()
    standard.get_by_label("Required level").select_option("4")
    standard.get_by_role("button", name="Save level").click()
    expect(page).to_have_url(re.compile(r"/hr/positions/PENGADM#competency-M\.01$"))
    expect(page.locator("#flash")).to_contain_text("Competency saved.")
    expect(page.locator("#position-history")).to_contain_text("Required level: 2 → 4")
