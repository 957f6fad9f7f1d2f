"""Requests that race over HTTP: one person's twenty applications at once make
one, and officers selecting at once never fill more than the posts."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.models import Application, ApplicationStatus, Opportunity
from tests.factories import make_employee, make_user
from tests.opportunities.factories_vacancy import (
    make_application,
    make_open_position,
    make_vacancy,
)


def _race(app, posts: list[tuple]) -> list[int]:
    """POST each (client, url, data) at once; the status codes."""
    start = threading.Barrier(len(posts))
    answers: list[int] = []

    def send(client, url, data) -> None:
        with app.app_context():  # each thread is its own worker
            start.wait()
            answers.append(client.post(url, data=data).status_code)
            db.session.remove()

    threads = [threading.Thread(target=send, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_twenty_simultaneous_applications_by_one_person_make_one(app, world):
    vacancy = make_vacancy(make_open_position())
    db.session.commit()
    url = f"/opportunities/{vacancy.id}/apply"
    clients = [app.test_client(user=world.users["employee"]) for _ in range(20)]
    answers = _race(app, [(c, url, {"motivation": "Siap"}) for c in clients])
    assert sorted(answers) == [303] + [409] * 19
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1
    assert db.session.get(Opportunity, vacancy.id).applicants == 1


def test_simultaneous_applications_of_different_people_are_all_counted(app, world):
    people = [make_employee(f"Pelamar {n}", world.kel_b) for n in range(8)]
    users = [make_user(person) for person in people]
    vacancy = make_vacancy(make_open_position())
    db.session.commit()
    url = f"/opportunities/{vacancy.id}/apply"
    answers = _race(
        app, [(app.test_client(user=u), url, {"motivation": "Siap"}) for u in users]
    )
    assert answers == [303] * 8
    db.session.expire_all()
    assert db.session.get(Opportunity, vacancy.id).applicants == 8
    assert db.session.scalar(select(func.count()).select_from(Application)) == 8


def test_simultaneous_selections_never_exceed_the_posts(app, world):
    """Six officers each select a different applicant at once for two posts."""
    vacancy = make_vacancy(make_open_position(), opens=-10, closes=-1, posts=2)
    people = [make_employee(f"Pelamar {n}", world.kel_b) for n in range(6)]
    officers = [
        make_user(make_employee(f"Petugas {n}", world.kec), is_hr=True)
        for n in range(6)
    ]
    applications = [make_application(vacancy, person) for person in people]
    db.session.commit()
    base = f"/hr/opportunities/{vacancy.id}/applicants"
    answers = _race(
        app,
        [
            (
                app.test_client(user=officer),
                f"{base}/{application.id}/decision",
                {"decision": "selected", "reason": "Terbaik."},
            )
            for officer, application in zip(officers, applications, strict=True)
        ],
    )
    assert sorted(answers) == [303] * 2 + [409] * 4
    db.session.expire_all()
    selected = db.session.scalar(
        select(func.count()).where(Application.status == ApplicationStatus.SELECTED)
    )
    assert selected == 2
