"""HR's attendance page: the people holding a place, attended or absent once
the training has started; attended adds a verified record of the training's JP."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    AuditEvent,
    OpportunityKind,
    RecordSource,
    RecordStatus,
    Registration,
    RegistrationStatus,
    TrainingRecord,
)
from app.opportunities import ledger
from app.opportunities.services import training
from tests.conftest import text_of
from tests.opportunities.factories_training import make_training, people


def started_training(**fields):
    """A training that closed yesterday and runs from yesterday to tomorrow."""
    today = local_today()
    fields.setdefault("opens_on", today - timedelta(days=10))
    fields.setdefault("closes_on", today - timedelta(days=1))
    fields.setdefault("starts_on", today - timedelta(days=1))
    fields.setdefault("ends_on", today + timedelta(days=1))
    return make_training(**fields)


def registered(course, employee) -> Registration:
    """Register ``employee`` while the training was open."""
    return training.register(course, employee, course.opens_on)


def records_count() -> int:
    return db.session.scalar(select(func.count()).select_from(TrainingRecord))


def test_attended_adds_a_verified_record_and_an_audit_event(world, login):
    course = started_training(jp=16)
    registration = registered(course, world.employee)
    response = login("hr").post(
        f"/hr/opportunities/{course.id}/attendance",
        data={"registration": registration.id, "outcome": "attended"},
    )
    assert response.status_code == 303
    record = db.session.scalars(select(TrainingRecord)).one()
    assert (record.source, record.status, record.jp, record.opportunity_id) == (
        RecordSource.ATTENDANCE,
        RecordStatus.VERIFIED,
        16,
        course.id,
    )
    assert record.completed_on == local_today()  # the last day lies ahead
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.action, event.subject_type, event.subject_id, event.concerns_id) == (
        "attendance.marked",
        "registration",
        registration.id,
        world.employee.id,
    )
    assert ledger.year_standing(world.employee, local_today()).tally.training == 16


def test_a_record_is_completed_on_the_last_day_when_it_has_passed(world, login):
    today = local_today()
    course = started_training(
        starts_on=today - timedelta(days=3), ends_on=today - timedelta(days=2)
    )
    registration = registered(course, world.employee)
    login("hr").post(
        f"/hr/opportunities/{course.id}/attendance",
        data={"registration": registration.id, "outcome": "attended"},
    )
    record = db.session.scalars(select(TrainingRecord)).one()
    assert record.completed_on == today - timedelta(days=2)


def test_marking_again_is_refused_and_never_adds_jp_twice(world, login):
    course = started_training()
    registration = registered(course, world.employee)
    client = login("hr")
    url = f"/hr/opportunities/{course.id}/attendance"
    data = {"registration": registration.id, "outcome": "attended"}
    assert client.post(url, data=data).status_code == 303
    again = client.post(url, data=data)
    assert again.status_code == 409
    assert "already marked" in text_of(again)
    absent = client.post(url, data={**data, "outcome": "absent"})
    assert absent.status_code == 409
    assert records_count() == 1
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_absent_adds_no_record(world, login):
    course = started_training()
    registration = registered(course, world.employee)
    response = login("hr").post(
        f"/hr/opportunities/{course.id}/attendance",
        data={"registration": registration.id, "outcome": "absent"},
        headers={"HX-Request": "true", "HX-Target": "attendance-list"},
    )
    assert response.status_code == 200
    assert "Absent" in text_of(response)
    assert records_count() == 0
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).status is (
        RegistrationStatus.ABSENT
    )


def test_attendance_waits_for_the_start(world, login):
    course = make_training()  # starts after closing, ahead
    registration = registered(course, world.employee)
    client = login("hr")
    page = client.get(f"/hr/opportunities/{course.id}/attendance")
    assert "once the training has started" in text_of(page)
    assert "Attended" not in text_of(page).split("Status")[-1]
    response = client.post(
        f"/hr/opportunities/{course.id}/attendance",
        data={"registration": registration.id, "outcome": "attended"},
    )
    assert response.status_code == 409
    assert records_count() == 0


def test_bad_marks_are_refused(world, login):
    course = started_training()
    other = started_training(title="Lain")
    mine = registered(course, world.employee)
    elsewhere = registered(other, world.colleague)
    waiting_course = started_training(title="Penuh", quota=0)
    waiting = registered(waiting_course, world.outsider)
    hr_own = registered(course, world.hr_employee)
    client = login("hr")
    url = f"/hr/opportunities/{course.id}/attendance"
    cases = [
        ({"registration": elsewhere.id, "outcome": "attended"}, 422),
        ({"registration": mine.id, "outcome": "maybe"}, 422),
        ({"registration": "x", "outcome": "attended"}, 422),
        ({"registration": "99999999999", "outcome": "attended"}, 422),
        ({"registration": "1\x00", "outcome": "attended"}, 400),
        ({"registration": hr_own.id, "outcome": "attended"}, 403),
    ]
    for data, status in cases:
        assert client.post(url, data=data).status_code == status, data
    response = client.post(
        f"/hr/opportunities/{waiting_course.id}/attendance",
        data={"registration": waiting.id, "outcome": "attended"},
    )
    assert response.status_code == 409
    assert records_count() == 0


def test_no_attendance_page_for_a_vacancy(world, login):
    vacancy = make_training(kind=OpportunityKind.ANNOUNCEMENT)
    assert (
        login("hr").get(f"/hr/opportunities/{vacancy.id}/attendance").status_code == 404
    )


def test_the_attendance_page_query_count_does_not_grow(world, login, count_queries):
    course = started_training(quota=None)
    client = login("hr")
    counts = []
    for extra in (1, 8):
        for person in people(world, extra):
            registered(course, person)
        with count_queries() as counter:
            page = client.get(f"/hr/opportunities/{course.id}/attendance")
        assert page.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert "Peserta 7" in text_of(page)
