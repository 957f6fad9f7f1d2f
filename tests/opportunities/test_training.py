"""Registering for a training within its quota, the waiting list, withdrawing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import Conflict
from app.extensions import db
from app.i18n import local_today
from app.models import (
    Notification,
    NotificationKind,
    OpportunityKind,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
)
from app.opportunities.services import training
from tests.conftest import text_of
from tests.opportunities.factories_training import make_training, people


def statuses(opportunity_id: int) -> dict[int, RegistrationStatus]:
    return dict(
        db.session.execute(
            select(Registration.employee_id, Registration.status).where(
                Registration.opportunity_id == opportunity_id
            )
        ).all()
    )


def booked(opportunity_id: int) -> int:
    db.session.expire_all()
    from app.models import Opportunity

    return db.session.get(Opportunity, opportunity_id).booked


def test_registering_takes_a_place_until_the_quota_then_queues(world):
    course = make_training(quota=2)
    a, b, c, d = people(world, 4)
    today = local_today()
    assert training.register(course, a, today).status is RegistrationStatus.REGISTERED
    assert training.register(course, b, today).status is RegistrationStatus.REGISTERED
    third = training.register(course, c, today)
    fourth = training.register(course, d, today)
    assert third.status is fourth.status is RegistrationStatus.WAITING
    assert training.queue_position(third) == 1
    assert training.queue_position(fourth) == 2
    assert booked(course.id) == 2


def test_registering_twice_is_refused_and_changes_nothing(world):
    course = make_training(quota=1)
    training.register(course, world.employee, local_today())
    with pytest.raises(Conflict):
        training.register(course, world.employee, local_today())
    assert booked(course.id) == 1
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 1


def test_withdrawing_passes_the_place_to_the_first_waiting(world):
    course = make_training(quota=1)
    a, b, c = people(world, 3)
    today = local_today()
    training.register(course, a, today)
    training.register(course, b, today)
    training.register(course, c, today)
    training.withdraw(course, a, today)
    assert statuses(course.id) == {
        a.id: RegistrationStatus.WITHDRAWN,
        b.id: RegistrationStatus.REGISTERED,
        c.id: RegistrationStatus.WAITING,
    }
    assert booked(course.id) == 1
    assert training.queue_position(training.registration_of(course.id, c.id)) == 1
    notices = db.session.scalars(select(Notification)).all()
    assert [(n.user_id, n.kind, n.subject_id) for n in notices] == [
        (b.user.id, NotificationKind.PLACE_CONFIRMED, course.id)
    ]


def test_withdrawing_with_nobody_waiting_frees_the_place(world):
    course = make_training(quota=2)
    training.register(course, world.employee, local_today())
    training.withdraw(course, world.employee, local_today())
    assert booked(course.id) == 0
    assert statuses(course.id) == {world.employee.id: RegistrationStatus.WITHDRAWN}


def test_a_waiting_one_withdraws_and_the_queue_closes_up(world):
    course = make_training(quota=1)
    a, b, c = people(world, 3)
    today = local_today()
    for person in (a, b, c):
        training.register(course, person, today)
    training.withdraw(course, b, today)
    assert booked(course.id) == 1
    assert training.queue_position(training.registration_of(course.id, c.id)) == 1
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_registering_again_after_withdrawing_goes_to_the_end_of_the_queue(world):
    course = make_training(quota=1)
    a, b, c = people(world, 3)
    today = local_today()
    for person in (a, b, c):
        training.register(course, person, today)
    training.withdraw(course, b, today)
    again = training.register(course, b, today)
    assert again.status is RegistrationStatus.WAITING
    assert training.queue_position(again) == 2  # behind c, who queued later first
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 3


def test_no_quota_is_unlimited_and_quota_zero_queues_everyone(world):
    open_course = make_training("Tanpa kuota", quota=None)
    closed_course = make_training("Kuota nol", quota=0)
    a, b = people(world, 2)
    today = local_today()
    for person in (a, b):
        assert training.register(open_course, person, today).status is (
            RegistrationStatus.REGISTERED
        )
        assert training.register(closed_course, person, today).status is (
            RegistrationStatus.WAITING
        )
    assert booked(open_course.id) == 2 and booked(closed_course.id) == 0


def test_raising_the_quota_fills_the_places_from_the_queue(world):
    course = make_training(quota=0)
    a, b, c = people(world, 3)
    for person in (a, b, c):
        training.register(course, person, local_today())
    course.quota = 2
    db.session.commit()
    assert training.fill_places(course.id) == 2
    db.session.commit()
    assert statuses(course.id) == {
        a.id: RegistrationStatus.REGISTERED,
        b.id: RegistrationStatus.REGISTERED,
        c.id: RegistrationStatus.WAITING,
    }
    assert booked(course.id) == 2


@pytest.mark.parametrize(
    "change",
    [
        {"status": OpportunityStatus.DRAFT},
        {"status": OpportunityStatus.CLOSED},
        {"kind": OpportunityKind.ANNOUNCEMENT},
        {"opens_on": local_today() + timedelta(days=1)},
        {
            "opens_on": local_today() - timedelta(days=9),
            "closes_on": local_today() - timedelta(days=1),
        },
    ],
    ids=["draft", "closed", "announcement", "not-yet-open", "after-closing"],
)
def test_registering_outside_an_open_training_is_refused(world, change):
    course = make_training(**change)
    with pytest.raises(Conflict):
        training.register(course, world.employee, local_today())
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 0
    assert booked(course.id) == 0


def test_withdrawing_after_closing_is_refused(world):
    course = make_training(quota=1)
    training.register(course, world.employee, local_today())
    later = course.closes_on + timedelta(days=1)
    with pytest.raises(Conflict):
        training.withdraw(course, world.employee, later)
    # On the day registration closes, withdrawing still works.
    training.withdraw(course, world.employee, course.closes_on)
    assert booked(course.id) == 0


# Over HTTP: the panel with JavaScript, the page without.


def test_registering_over_htmx_answers_with_the_panel(world, login):
    course = make_training(quota=1)
    client = login("employee")
    response = client.post(
        f"/opportunities/{course.id}/register",
        headers={"HX-Request": "true", "HX-Target": "opportunity-panel"},
    )
    assert response.status_code == 200
    body = text_of(response)
    assert "Registered" in body and "0 of 1 places left" in body
    assert "Withdraw registration" in body
    assert "jenjang:saved" in response.headers["HX-Trigger"]


def test_registering_without_javascript_goes_back_to_the_page(world, login):
    course = make_training(quota=0)
    client = login("employee")
    response = client.post(f"/opportunities/{course.id}/register")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/opportunities/{course.id}")
    page = client.get(response.headers["Location"])
    body = text_of(page)
    assert "number 1 on the waiting list" in body
    assert "you are number 1 on the waiting list" in body  # the flash


def test_withdrawing_over_http_and_twice(world, login):
    course = make_training(quota=3)
    client = login("employee")
    client.post(f"/opportunities/{course.id}/register")
    response = client.post(f"/opportunities/{course.id}/unregister")
    assert response.status_code == 303
    again = client.post(f"/opportunities/{course.id}/unregister")
    assert again.status_code == 409
    assert "not registered" in text_of(again)
    assert booked(course.id) == 0


def test_registering_twice_over_http_is_409_with_a_message(world, login):
    course = make_training(quota=3)
    client = login("employee")
    assert client.post(f"/opportunities/{course.id}/register").status_code == 303
    second = client.post(f"/opportunities/{course.id}/register")
    assert second.status_code == 409
    assert "already registered" in text_of(second)
    assert booked(course.id) == 1


def test_a_draft_is_hidden_from_the_asn(world, login):
    course = make_training(status=OpportunityStatus.DRAFT)
    response = login("employee").post(f"/opportunities/{course.id}/register")
    assert response.status_code == 404
    assert booked(course.id) == 0


def test_a_closed_training_refuses_with_a_translated_message(world, app):
    course = make_training(status=OpportunityStatus.CLOSED)
    client = app.test_client(user=world.users["employee"], locale="id")
    response = client.post(f"/opportunities/{course.id}/register")
    assert response.status_code == 409
    assert "Pendaftaran pelatihan ini tidak dibuka." in text_of(response)


def test_hr_sees_the_counts_and_the_attendance_link(world, login):
    course = make_training(quota=1)
    a, b = people(world, 2)
    training.register(course, a, local_today())
    training.register(course, b, local_today())
    body = text_of(login("hr").get(f"/opportunities/{course.id}"))
    assert "1 registered" in body and "1 on the waiting list" in body
    assert "Attendance" in body


def test_the_panel_shows_what_the_training_offers(world, login):
    course = make_training(quota=5, competencies=[world.archives])
    body = text_of(login("employee").get(f"/opportunities/{course.id}"))
    for words in (
        "BPSDM Provinsi Sumatera Utara",
        "Classroom",
        "5 of 5 places left",
        "Pengelolaan Arsip",
        "24",
        "Register",
    ):
        assert words in body


def test_the_panel_query_count_does_not_grow(world, login, count_queries):
    course = make_training(quota=3)
    client = login("hr")
    counts = []
    for extra in (1, 6):
        for person in people(world, extra):
            training.register(course, person, local_today())
        with count_queries() as counter:
            assert client.get(f"/opportunities/{course.id}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_the_promoted_one_reads_the_notification_and_opens_the_training(world, app):
    course = make_training(quota=1)
    training.register(course, world.colleague, local_today())
    training.register(course, world.employee, local_today())
    training.withdraw(course, world.colleague, local_today())
    client = app.test_client(user=world.users["employee"])
    page = client.get("/notifications/")
    assert "A place in a training you waited for is yours now." in text_of(page)
    notice = db.session.scalars(select(Notification)).one()
    opened = client.get(f"/notifications/{notice.id}")
    assert opened.headers["Location"] == f"/opportunities/{course.id}"
