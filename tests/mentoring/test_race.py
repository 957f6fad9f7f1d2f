"""Accepts that race over HTTP: the mentor's capacity holds whatever the timing."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.mentoring.services.requests import send_request
from app.models import MentorProfile, Mentorship, MentorshipRequest, RequestStatus
from tests.factories import make_employee, make_user


def test_simultaneous_accepts_fill_the_places_and_refuse_the_rest(
    app, world, mentor_ready
):
    """Eight POSTs to accept eight requests arrive at once for three places."""
    mentees = [make_employee(f"Peminta {n}", world.kel_b) for n in range(8)]
    for mentee in mentees:
        make_user(mentee)
    db.session.commit()
    requests = [
        send_request(
            mentee, world.mentor.id, "", [], world.users["hr"], local_today()
        ).id
        for mentee in mentees
    ]
    clients = [app.test_client(user=world.users["mentor"]) for _ in requests]
    start = threading.Barrier(len(requests))
    answers: dict[int, int] = {}

    def accept(client, request_id: int) -> None:
        with app.app_context():  # each thread is its own worker
            start.wait()
            response = client.post(f"/mentoring/requests/{request_id}/accept")
            answers[request_id] = response.status_code
            db.session.remove()

    threads = [
        threading.Thread(target=accept, args=pair)
        for pair in zip(clients, requests, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers.values()) == [303] * 3 + [409] * 5
    db.session.expire_all()
    assert (
        db.session.scalar(
            select(MentorProfile.active_mentees).where(
                MentorProfile.employee_id == world.mentor.id
            )
        )
        == 3
    )
    assert db.session.scalar(select(func.count()).select_from(Mentorship)) == 3
    accepted = {request_id for request_id, status in answers.items() if status == 303}
    statuses = dict(
        db.session.execute(
            select(MentorshipRequest.id, MentorshipRequest.status).where(
                MentorshipRequest.id.in_(requests)
            )
        ).all()
    )
    assert {rid for rid, s in statuses.items() if s is RequestStatus.ACCEPTED} == (
        accepted
    )
