"""Applications that race over HTTP: one person's twenty at once make one."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.models import Application, Opportunity
from tests.factories import make_employee, make_user
from tests.opportunities.factories_vacancy import make_open_position, make_vacancy


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
