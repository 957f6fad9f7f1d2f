"""Notifications: made by the services, listed in the reader's language, opened,
marked read, counted in the badge, and listed in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.mentoring.services import requests
from app.models import (
    Notification,
    NotificationKind,
    PlanStatus,
    RequestOrigin,
)
from app.models.types import utcnow
from app.notifications.messages import message_for, target_of
from tests.conftest import text_of
from tests.factories import make_plan
from tests.mentoring.helpers import mentor_profile, start_mentorship

HTMX = {"HX-Request": "true"}


def _add(world, role: str, count: int, kind=NotificationKind.SESSION_LOGGED, **fields):
    """``count`` notifications for the user of ``role``, one a minute back from now."""
    now = utcnow()
    for n in range(count):
        db.session.add(
            Notification(
                user_id=world.users[role].id,
                kind=kind,
                subject_id=fields.get("subject_id", 1),
                actor_name=fields.get("actor_name", "Dewi Harahap"),
                created_at=now - timedelta(minutes=n),
                read_at=fields.get("read_at"),
            )
        )
    db.session.commit()


def _of(world, role: str) -> list[Notification]:
    return db.session.scalars(
        select(Notification)
        .where(Notification.user_id == world.users[role].id)
        .order_by(Notification.id)
    ).all()


def _unread(world, role: str) -> int:
    return sum(n.read_at is None for n in _of(world, role))


# Made by the services, listed in words -----------------------------------------


def test_mentoring_steps_notify_the_other_side_by_name(app, world, login):
    mentor, mentee = login("mentor"), login("employee")
    pair = start_mentorship(world)  # Sri asks, Dewi accepts
    assert "Sri Wahyuni Lubis asked you to be their mentor." in text_of(
        mentor.get("/notifications/")
    )
    page = text_of(mentee.get("/notifications/"))
    assert "Dewi Harahap accepted your mentoring request." in page
    assert "WIB" in page

    mentor.post(
        f"/mentoring/{pair.id}/sessions",
        data={"held_on": local_today().isoformat(), "minutes": "60", "topic": "Arsip"},
    )
    assert "Dewi Harahap logged a mentoring session." in text_of(
        mentee.get("/notifications/")
    )
    mentee.post(f"/mentoring/{pair.id}/close", data={"rating": "5"})
    page = text_of(mentor.get("/notifications/"))
    assert (
        "Sri Wahyuni Lubis closed your mentorship and asks for your feedback." in page
    )
    mentor.post(f"/mentoring/{pair.id}/feedback", data={"rating": "4"})
    page = text_of(mentee.get("/notifications/"))
    assert "Dewi Harahap gave feedback on your mentorship." in page
    # Newest first.
    assert page.index("gave feedback") < page.index("accepted your mentoring")


def test_a_submitted_plan_notifies_the_supervisor(app, world, login):
    plan = make_plan(world)
    login("employee").post(f"/plans/{plan.id}/submit", data={"version": "1"})
    page = text_of(login("supervisor").get("/notifications/"))
    assert "Sri Wahyuni Lubis submitted a career plan for your review." in page


def test_unread_ones_are_marked(app, world, login):
    _add(world, "employee", 1)
    _add(world, "employee", 1, NotificationKind.PLAN_APPROVED, read_at=utcnow())
    body = login("employee").get("/notifications/").get_data(as_text=True)
    assert body.count('class="notification unread"') == 1
    assert body.count('class="notification"') == 1
    assert "1 unread" in body and "Mark all as read" in body


# Opening ------------------------------------------------------------------------


def test_opening_marks_read_and_leads_to_the_mentorship(app, world, login):
    start_mentorship(world)
    (accepted,) = _of(world, "employee")
    assert accepted.kind is NotificationKind.REQUEST_ACCEPTED
    client = login("employee")
    response = client.get(f"/notifications/{accepted.id}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/mentoring/{accepted.subject_id}"
    assert _unread(world, "employee") == 0
    assert 'class="notification unread"' not in client.get("/notifications/").get_data(
        as_text=True
    )


def test_a_request_leads_the_mentor_to_the_inbox(app, world, login):
    start_mentorship(world)
    (received,) = _of(world, "mentor")
    response = login("mentor").get(f"/notifications/{received.id}")
    assert response.headers["Location"] == "/mentoring/inbox"
    assert _unread(world, "mentor") == 0


def test_a_plan_notification_leads_to_the_plan(app, world, login):
    plan = make_plan(world, status=PlanStatus.DRAFT)
    login("employee").post(f"/plans/{plan.id}/submit", data={"version": "1"})
    (submitted,) = _of(world, "supervisor")
    response = login("supervisor").get(f"/notifications/{submitted.id}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/plans/{plan.id}"


def test_a_cohort_proposal_reads_and_leads_by_side(app, world, login):
    mentor_profile(world)
    requests.send_request(
        world.employee,
        world.mentor.id,
        "",
        [],
        world.users["hr"],
        local_today(),
        origin=RequestOrigin.COHORT,
        score=0.8,
    )
    mentor_page = text_of(login("mentor").get("/notifications/"))
    assert "Cohort matching proposes you as the mentor of Sri Wahyuni Lubis." in (
        mentor_page
    )
    mentee_page = text_of(login("employee").get("/notifications/"))
    assert "Maya Sembiring proposed a mentor for you through cohort matching." in (
        mentee_page
    )
    (to_mentor,) = _of(world, "mentor")
    (to_mentee,) = _of(world, "employee")
    assert (
        login("mentor").get(f"/notifications/{to_mentor.id}").headers["Location"]
        == "/mentoring/inbox"
    )
    assert (
        login("employee").get(f"/notifications/{to_mentee.id}").headers["Location"]
        == "/mentoring/"
    )


def test_someone_elses_notification_is_404(app, world, login):
    _add(world, "employee", 1)
    (mine,) = _of(world, "employee")
    for role in ("mentor", "hr", "admin"):
        assert login(role).get(f"/notifications/{mine.id}").status_code == 404
    assert login("employee").get("/notifications/999999").status_code == 404
    assert _unread(world, "employee") == 1


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_has_words_and_a_place(app: Flask, kind):
    notification = Notification(kind=kind, subject_id=7, actor_name="Dewi Harahap")
    with app.test_request_context(), force_locale("en"):
        for as_mentor in (False, True):
            assert message_for(notification, as_mentor).startswith(
                ("Dewi Harahap", "Cohort matching")
            )
            assert target_of(notification, as_mentor).startswith(
                ("/mentoring/", "/plans/7", "/opportunities/7")
            )
        nameless = message_for(Notification(kind=kind, subject_id=7))
        assert nameless.startswith(("Someone ", "Cohort matching"))


# Read all, the badge, pages ---------------------------------------------------


def test_read_all_without_javascript_goes_back_to_the_list(app, world, login):
    _add(world, "employee", 3)
    _add(world, "mentor", 2)
    response = login("employee").post("/notifications/read-all")
    assert response.status_code == 303
    assert response.headers["Location"] == "/notifications/"
    assert _unread(world, "employee") == 0
    assert _unread(world, "mentor") == 2  # only one's own


def test_read_all_with_htmx_answers_with_the_list_and_the_badge_event(
    app, world, login
):
    _add(world, "employee", 3)
    response = login("employee").post("/notifications/read-all", headers=HTMX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="notifications-list"')
    assert "<html" not in body and "unread" not in body
    assert "notifications-changed" in response.headers["HX-Trigger"]
    assert _unread(world, "employee") == 0


def test_the_badge_counts_unread_ones(app, world, login):
    _add(world, "employee", 4)
    _add(world, "employee", 2, read_at=utcnow())
    client = login("employee")
    badge = client.get("/notifications/badge", headers=HTMX)
    assert badge.status_code == 200
    body = badge.get_data(as_text=True)
    assert body.lstrip().startswith('<span id="notifications-badge"')
    assert "4 unread notifications" in body and ">4</span>" in body
    client.post("/notifications/read-all")
    assert 'class="badge empty"' in client.get("/notifications/badge").get_data(
        as_text=True
    )


def test_the_list_comes_a_page_at_a_time(app, world, login):
    _add(world, "employee", 25)
    client = login("employee")
    first = client.get("/notifications/")
    assert first.get_data(as_text=True).count('class="notification unread"') == 20
    assert "Page 1 of 2" in text_of(first)
    second = client.get(
        "/notifications/?page=2",
        headers={**HTMX, "HX-Target": "notifications-list"},
    )
    body = second.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="notifications-list"')
    assert body.count('class="notification unread"') == 5
    assert client.get("/notifications/?page=abc").status_code == 400


def test_no_notifications_yet(app, world, login):
    page = text_of(login("admin").get("/notifications/"))
    assert "No notifications yet." in page and "Mark all as read" not in page


def test_the_list_does_not_grow_with_the_notifications(
    app, world, login, count_queries
):
    client = login("mentor")
    counts = []
    for total in (3, 30):
        _add(world, "mentor", total - len(_of(world, "mentor")))
        _add(world, "mentor", 1, NotificationKind.COHORT_PROPOSED)
        with count_queries() as counter:
            assert client.get("/notifications/").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 12
