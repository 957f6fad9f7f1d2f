"""In a real browser: an eligible employee applies for a vacancy in place and
without JavaScript, an ineligible one is told why; HR decides and closes the
selection."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Application, ApplicationStatus, Opportunity
from tests.e2e.helpers import fresh_session, page_errors, post_and_wait, sign_in
from tests.opportunities.factories_vacancy import (
    make_application,
    make_kasi_position,
    make_vacancy,
)
from tests.opportunities.vacancy_helpers import make_eligible


def _vacancy(world, **fields) -> int:
    vacancy = make_vacancy(make_kasi_position(world), **fields)
    make_eligible(world, world.employee)
    db.session.commit()
    return vacancy.id


def _stored(vacancy_id: int):
    with fresh_session() as session:
        return (
            session.scalar(
                select(Opportunity.applicants).where(Opportunity.id == vacancy_id)
            ),
            session.execute(select(Application.status, Application.motivation)).all(),
        )


def test_an_employee_applies_and_withdraws_in_place(new_page, world):
    vacancy_id = _vacancy(world)
    page = new_page()
    sign_in(page, world.users["employee"].email)
    url = f"/opportunities/{vacancy_id}"
    page.goto(url)
    panel = page.locator("#opportunity-panel")
    expect(panel).to_contain_text("Eligible")
    page.evaluate("window.__marker = 1")

    panel.get_by_label("Motivation").fill("Saya siap memimpin seksi.")
    answer = post_and_wait(
        page,
        f"{url}/apply",
        lambda: panel.get_by_role("button", name="Send application").click(),
    )
    assert answer.status == 200
    expect(panel).to_contain_text("Rank 1 of 1")
    expect(page.locator("#flash")).to_contain_text("Your application is sent.")
    assert _stored(vacancy_id) == (
        1,
        [(ApplicationStatus.APPLIED, "Saya siap memimpin seksi.")],
    )

    page.once("dialog", lambda dialog: dialog.accept())
    answer = post_and_wait(
        page,
        f"{url}/withdraw",
        lambda: panel.get_by_role("button", name="Withdraw application").click(),
    )
    assert answer.status == 200
    expect(panel.get_by_role("button", name="Send application")).to_be_visible()
    assert page.evaluate("window.__marker") == 1  # swapped in place, no reload
    assert page_errors(page) == []
    assert _stored(vacancy_id)[0] == 0


def test_an_employee_applies_without_javascript(new_page, world):
    vacancy_id = _vacancy(world)
    page = new_page(javascript=False)
    sign_in(page, world.users["employee"].email)
    page.goto(f"/opportunities/{vacancy_id}")
    panel = page.locator("#opportunity-panel")
    panel.get_by_label("Motivation").fill("Tanpa JavaScript.")
    panel.get_by_role("button", name="Send application").click()
    expect(page.locator("#flash")).to_contain_text("Your application is sent.")
    expect(panel).to_contain_text("Rank 1 of 1")
    panel.get_by_role("button", name="Withdraw application").click()
    expect(page.locator("#flash")).to_contain_text("Your application is withdrawn.")
    assert _stored(vacancy_id) == (
        0,
        [(ApplicationStatus.WITHDRAWN, "Tanpa JavaScript.")],
    )


def test_an_ineligible_employee_is_told_why(new_page, world):
    vacancy = make_vacancy(make_kasi_position(world))
    db.session.commit()
    page = new_page()
    sign_in(page, world.users["outsider"].email)
    page.goto(f"/opportunities/{vacancy.id}")
    panel = page.locator("#opportunity-panel")
    expect(panel).to_contain_text("Not eligible yet")
    expect(panel).to_contain_text("M.01 not assessed yet; level 3 required.")
    expect(panel.get_by_role("button", name="Send application")).to_have_count(0)


def test_hr_decides_and_closes_the_selection(new_page, world):
    vacancy = make_vacancy(make_kasi_position(world), opens=-10, closes=-1, posts=1)
    make_eligible(world, world.employee)
    first = make_application(vacancy, world.employee)
    second = make_application(vacancy, world.colleague)
    db.session.commit()
    ids = (vacancy.id, first.id, second.id)
    page = new_page()
    sign_in(page, world.users["hr"].email)
    url = f"/hr/opportunities/{ids[0]}/applicants"
    page.goto(url)
    rows = page.locator("article.applicant")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Sri Wahyuni Lubis")

    def decide(row, label: str, reason: str, application_id: int):
        row.get_by_label(label, exact=True).check()
        row.get_by_label("Reason").fill(reason)
        return post_and_wait(
            page,
            f"{url}/{application_id}/decision",
            lambda: row.get_by_role("button", name="Record decision").click(),
        )

    assert (
        decide(rows.nth(0), "Selected", "Nilai merit tertinggi.", ids[1]).status == 200
    )
    expect(page.locator("#flash")).to_contain_text("The decision is recorded.")
    answer = decide(rows.nth(1), "Selected", "Juga baik.", ids[2])
    assert answer.status == 409
    answer = decide(
        page.locator("article.applicant").nth(1), "Not selected", "Di bawah.", ids[2]
    )
    assert answer.status == 200
    page.once("dialog", lambda dialog: dialog.accept())
    answer = post_and_wait(
        page,
        f"/hr/opportunities/{ids[0]}/selection/close",
        lambda: page.get_by_role("button", name="Close the selection").click(),
    )
    assert answer.status == 200
    expect(page.locator("#applicants")).to_contain_text("The selection closed on")
    with fresh_session() as session:
        kept = session.execute(
            select(Application.status, Application.rank).order_by(Application.rank)
        ).all()
    assert kept == [
        (ApplicationStatus.SELECTED, 1),
        (ApplicationStatus.NOT_SELECTED, 2),
    ]


def test_hr_decides_without_javascript(new_page, world):
    vacancy = make_vacancy(make_kasi_position(world), opens=-10, closes=-1)
    make_application(vacancy, world.employee)
    db.session.commit()
    page = new_page(javascript=False)
    sign_in(page, world.users["hr"].email)
    page.goto(f"/hr/opportunities/{vacancy.id}/applicants")
    row = page.locator("article.applicant").first
    row.get_by_label("Reason").fill("Tanpa alasan pilihan.")
    row.get_by_role("button", name="Record decision").click()
    expect(page.locator(".field-error")).to_have_text(
        "Choose selected or not selected."
    )
    row = page.locator("article.applicant").first
    row.get_by_label("Not selected", exact=True).check()
    row.get_by_label("Reason").fill("Belum memenuhi.")
    row.get_by_role("button", name="Record decision").click()
    expect(page.locator("#flash")).to_contain_text("The decision is recorded.")
    page.get_by_role("button", name="Close the selection").click()
    expect(page.locator("#flash")).to_contain_text("The selection is closed")
