"""In a real browser: registering for a training and withdrawing, in place with
JavaScript and by the page's buttons without; a full training puts one on the
waiting list; HR verifies and rejects a training certificate."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.i18n import local_today
from app.models import RecordStatus, Registration, RegistrationStatus, TrainingRecord
from app.opportunities.services import training
from tests.e2e.helpers import fresh_session, page_errors, post_and_wait, sign_in
from tests.opportunities.factories_training import make_record, make_training


def _statuses() -> list[RegistrationStatus]:
    with fresh_session() as session:
        return session.scalars(
            select(Registration.status).order_by(Registration.id)
        ).all()


def test_registering_and_withdrawing_in_place(new_page, world):
    course = make_training(quota=1)
    page = new_page()
    sign_in(page, world.users["employee"].email)
    page.goto(f"/opportunities/{course.id}")
    page.evaluate("window.__marker = 1")
    panel = page.locator("#opportunity-panel")
    expect(panel.locator("#training-places")).to_have_text("1 of 1 places left")

    answer = post_and_wait(
        page,
        f"/opportunities/{course.id}/register",
        lambda: panel.get_by_role("button", name="Register").click(),
    )
    assert answer.status == 200
    expect(panel.locator("#registration-status")).to_have_text("Registered")
    expect(panel.locator("#training-places")).to_have_text("0 of 1 places left")
    expect(page.locator("#flash")).to_contain_text("You are registered for")

    post_and_wait(
        page,
        f"/opportunities/{course.id}/unregister",
        lambda: panel.get_by_role("button", name="Withdraw registration").click(),
    )
    expect(panel.locator("#training-places")).to_have_text("1 of 1 places left")
    expect(panel.get_by_role("button", name="Register")).to_be_visible()
    assert page.evaluate("window.__marker") == 1  # swapped in place, no reload
    assert page_errors(page) == []
    assert _statuses() == [RegistrationStatus.WITHDRAWN]


def test_a_full_training_queues_without_javascript(new_page, world):
    course = make_training(quota=1)
    training.register(course, world.colleague, local_today())
    page = new_page(javascript=False)
    sign_in(page, world.users["employee"].email)
    page.goto(f"/opportunities/{course.id}")
    panel = page.locator("#opportunity-panel")
    expect(panel).to_contain_text("The quota is full: you will join the waiting list.")
    panel.get_by_role("button", name="Register").click()
    expect(page.locator("#flash")).to_contain_text(
        "The quota is full: you are number 1 on the waiting list."
    )
    expect(panel.locator("#registration-status")).to_have_text("On the waiting list")
    expect(panel.locator("#queue-position")).to_have_text(
        "number 1 on the waiting list"
    )
    panel.get_by_role("button", name="Withdraw registration").click()
    expect(page.locator("#flash")).to_contain_text("Your registration is withdrawn.")
    expect(panel.get_by_role("button", name="Register")).to_be_visible()
    assert _statuses() == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WITHDRAWN,
    ]


def test_hr_verifies_and_rejects_certificates(new_page, world):
    first = make_record(world.employee, 12, title="Diklat Pelayanan Prima")
    second = make_record(world.colleague, 8, title="Kursus Arsip Daring")
    page = new_page()
    sign_in(page, world.users["hr"].email)
    page.goto("/hr/training-records")
    queue = page.locator("#record-queue")
    expect(queue.locator("article")).to_have_count(2)

    post_and_wait(
        page,
        f"/hr/training-records/{first.id}/verify",
        lambda: (
            page.locator(f"#record-{first.id}")
            .get_by_role("button", name="Verify")
            .click()
        ),
    )
    expect(page.locator("#flash")).to_contain_text(
        "Diklat Pelayanan Prima is verified."
    )
    expect(queue.locator("article")).to_have_count(1)

    other = page.locator(f"#record-{second.id}")
    answer = post_and_wait(
        page,
        f"/hr/training-records/{second.id}/reject",
        lambda: other.get_by_role("button", name="Reject").click(),
    )
    assert answer.status == 422
    expect(page.locator(".field-error")).to_have_text("Say why the record is rejected.")
    page.locator(f"#record-{second.id}").get_by_label("Reason for rejecting").fill(
        "Sertifikat tidak terbaca."
    )
    post_and_wait(
        page,
        f"/hr/training-records/{second.id}/reject",
        lambda: (
            page.locator(f"#record-{second.id}")
            .get_by_role("button", name="Reject")
            .click()
        ),
    )
    expect(queue).to_contain_text("No training records wait for verification.")
    assert page_errors(page) == []
    with fresh_session() as session:
        decided = dict(
            session.execute(select(TrainingRecord.id, TrainingRecord.status)).all()
        )
    assert decided == {
        first.id: RecordStatus.VERIFIED,
        second.id: RecordStatus.REJECTED,
    }
