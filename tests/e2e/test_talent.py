"""In a real browser: HR records a potential rating in place on the records
page; the talent map then places the employee, and the box drills down to
them."""

from __future__ import annotations

import os

from playwright.sync_api import expect

from app.extensions import db
from tests.e2e.helpers import page_errors, sign_in
from tests.monitoring.talent_fixtures import PERIOD, talent_world


def test_hr_records_a_potential_and_finds_the_person_in_the_box(
    new_page, world, live_server
):
    talent_world(world)
    employee_id, email = world.colleague.id, world.users["hr"].email
    db.session.close()  # hold nothing while the server works
    page = new_page()
    sign_in(page, email)
    page.goto(f"/hr/employees/{employee_id}/records")
    section = page.locator("#records-potentials")
    section.locator("summary", has_text="potential").click()
    form = section.locator("form")
    form.get_by_label("Year").fill(str(PERIOD))
    form.locator("select[name=level]").select_option(label="High")
    form.get_by_label("Assessment it rests on").fill("Asesmen BKN 2024")
    form.get_by_role("button", name="Record the potential").click()
    expect(section).to_contain_text("Asesmen BKN 2024")
    assert page_errors(page) == []

    # Andi: SKP 2024 Baik, potential 2024 high now (it was medium in 2023).
    page.goto(f"/monitoring/talent?period={PERIOD}")
    grid = page.locator("#talent-grid")
    box = grid.locator('[data-box="8"]')
    expect(box).to_contain_text("Performance as expected, high potential")
    expect(box).to_contain_text("2 people")
    expect(box).to_contain_text("Talent pool")
    if os.environ.get("TALENT_SCREENSHOT"):
        page.screenshot(path=os.environ["TALENT_SCREENSHOT"], full_page=True)
    box.click()
    listing = page.locator("#people-list")
    expect(listing).to_contain_text("Andi Nasution")
    expect(listing).to_contain_text("Budi Tarigan")
    expect(page.locator("#people-title")).to_contain_text("Box 8")
