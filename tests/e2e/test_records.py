"""In a real browser: HR records an SKP in place, a second one for the same
year is refused beside the year, and the same works without JavaScript."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.models import PerformanceRating, Predikat
from tests.e2e.helpers import fresh_session, page_errors, post_and_wait, sign_in


def _open_records(page, world) -> str:
    sign_in(page, world.users["hr"].email)
    url = f"/hr/employees/{world.employee.id}/records"
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnel records")
    return url


def _rate(page, year: str, hasil: str) -> None:
    section = page.locator("#records-ratings")
    section.get_by_role("button", name="Add a year").click()
    section.get_by_label("Year").fill(year)
    section.get_by_label("Work results (hasil kerja)").select_option(label=hasil)
    section.get_by_role("button", name="Record the SKP").click()


def test_hr_records_an_skp_in_place(new_page, world):
    page = new_page()
    url = _open_records(page, world)
    page.evaluate("window.__marker = 1")
    section = page.locator("#records-ratings")

    answer = post_and_wait(
        page, f"{url}/ratings", lambda: _rate(page, "2023", "Above expectations")
    )
    assert answer.status == 200
    rows = section.locator("tr[id^=rating-]")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Good (Baik)")
    expect(page.locator("#flash")).to_contain_text("The SKP rating is recorded.")

    answer = post_and_wait(
        page, f"{url}/ratings", lambda: _rate(page, "2023", "Below expectations")
    )
    assert answer.status == 422
    expect(section.locator(".field-error")).to_have_text(
        "The SKP of 2023 is recorded already. Remove it first to correct it."
    )
    assert page.evaluate("window.__marker") == 1  # swapped in place, no reload
    assert page_errors(page) == []
    with fresh_session() as session:
        predikat = session.scalars(select(PerformanceRating.predikat)).all()
    assert predikat == [Predikat.BAIK]


def test_hr_records_an_skp_without_javascript(new_page, world):
    page = new_page(javascript=False)
    _open_records(page, world)
    _rate(page, "2022", "Above expectations")
    expect(page.locator("#flash")).to_contain_text("The SKP rating is recorded.")
    expect(page.locator("#records-ratings tr[id^=rating-]")).to_contain_text("2022")
    _rate(page, "2022", "As expected")
    expect(page.locator("#records-ratings .field-error")).to_have_text(
        "The SKP of 2022 is recorded already. Remove it first to correct it."
    )
