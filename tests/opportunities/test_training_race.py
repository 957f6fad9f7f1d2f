"""Registrations and withdrawals that race over HTTP: the quota holds whatever
the timing, and the waiting list moves up in order (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Notification,
    NotificationKind,
    Opportunity,
    Registration,
    RegistrationStatus,
)
from app.opportunities.services import training
from tests.opportunities.factories_training import make_training, people


def _at_once(app, users, url: str) -> list[int]:
    """POST ``url`` as each user, all released at the same moment."""
    clients = [app.test_client(user=user) for user in users]
    start = threading.Barrier(len(clients))
    answers: list[int] = []

    def post(client) -> None:
        with app.app_context():  # each thread is its own worker
            start.wait()
            answers.append(client.post(url).status_code)
            db.session.remove()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _by_status(opportunity_id: int) -> dict[RegistrationStatus, int]:
    db.session.expire_all()
    return dict(
        db.session.execute(
            select(Registration.status, func.count())
            .where(Registration.opportunity_id == opportunity_id)
            .group_by(Registration.status)
        ).all()
    )


def test_twenty_simultaneous_registrations_for_five_places(app, world):
    course = make_training(quota=5)
    users = [person.user for person in people(world, 20)]
    answers = _at_once(app, users, f"/opportunities/{course.id}/register")
    assert answers == [303] * 20
    assert _by_status(course.id) == {
        RegistrationStatus.REGISTERED: 5,
        RegistrationStatus.WAITING: 15,
    }
    assert db.session.get(Opportunity, course.id).booked == 5
    waiting = db.session.scalars(
        select(Registration)
        .where(Registration.status == RegistrationStatus.WAITING)
        .order_by(Registration.queued_at, Registration.id)
    ).all()
    assert [training.queue_position(r) for r in waiting] == list(range(1, 16))


def test_twenty_simultaneous_withdrawals_never_over_book(app, world):
    course = make_training(quota=5)
    crowd = people(world, 30)
    for person in crowd:
        training.register(course, person, local_today())
    queue = [p.id for p in crowd[5:]]  # the waiting list in order
    leaving = crowd[:5] + crowd[5:20]  # every place holder and 15 of the queue
    answers = _at_once(
        app, [p.user for p in leaving], f"/opportunities/{course.id}/unregister"
    )
    assert answers == [303] * 20
    assert _by_status(course.id) == {
        RegistrationStatus.WITHDRAWN: 20,
        RegistrationStatus.REGISTERED: 5,
        RegistrationStatus.WAITING: 5,
    }
    assert db.session.get(Opportunity, course.id).booked == 5
    holders = set(
        db.session.scalars(
            select(Registration.employee_id).where(
                Registration.status == RegistrationStatus.REGISTERED
            )
        )
    )
    remaining = [i for i in queue if i not in {p.id for p in leaving}]
    # Each freed place went to someone who was still waiting when it freed: never
    # more places than the quota, and every confirmation was notified once.
    assert len(holders) == 5 and holders <= set(queue)
    confirmed = db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.kind == NotificationKind.PLACE_CONFIRMED)
    )
    assert confirmed >= 5
    assert set(remaining) >= holders - {p.id for p in leaving}
