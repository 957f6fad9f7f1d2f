"""The mentorship page: who sees it, logging sessions (JP into the plan), closing
with a rating, the other side's feedback, and the page's query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    ActivityStatus,
    FeedbackSide,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
    Notification,
)
from tests.conftest import text_of
from tests.factories import make_plan
from tests.mentoring.helpers import (
    activity_of,
    add_sessions,
    mentor_profile,
    plan_with_mentoring,
    sessions_of,
    start_mentorship,
)

HTMX = {"HX-Request": "true"}
TODAY = local_today()


@pytest.fixture
def pair(world) -> Mentorship:
    """Sri mentored by Dewi, active."""
    return start_mentorship(world)


def _session(**fields) -> dict:
    data = {
        "held_on": TODAY.isoformat(),
        "minutes": "60",
        "topic": "Klasifikasi arsip dinamis",
        "notes": "Membahas jadwal retensi arsip.",
        "next_steps": "Menyusun daftar arsip aktif.",
        "activity_id": "",
    }
    data.update(fields)
    return data


def _notifications(user, kind) -> list[Notification]:
    return db.session.scalars(
        select(Notification).where(
            Notification.user_id == user.id, Notification.kind == kind
        )
    ).all()


def _feedback_count() -> int:
    return db.session.scalar(select(func.count(MentorshipFeedback.id)))


# Who sees it --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["employee", "mentor"])
def test_the_pair_sees_both_people_the_plan_and_the_forms(app, world, login, role):
    plan, activity = plan_with_mentoring(world)
    mentorship = start_mentorship(world)
    page = login(role).get(f"/mentoring/{mentorship.id}")
    assert page.status_code == 200
    text = text_of(page)
    assert (
        "Mentee Sri Wahyuni Lubis" in text or "Mentee · you Sri Wahyuni Lubis" in text
    )
    assert "Dewi Harahap Lurah Alpha · Kecamatan Uji" in text
    assert "Pengadministrasi Perkantoran · Kelurahan Alpha" in text
    assert f"Active since {TODAY.strftime('%b')}" in text
    # The plan, read-only, with its progress and a link to the full page.
    assert "Career plan of Sri Wahyuni Lubis" in text
    assert "Sasaran 1" in text and "Bimbingan arsip digital" in text
    assert "0% · 0 of 10 JP done" in text
    body = page.get_data(as_text=True)
    assert f'href="/plans/{plan.id}"' in body
    assert "/activities/" not in body  # no editing from here
    # The session form offers the mentoring activity with its JP so far.
    assert f'<option value="{activity.id}"' in body
    assert "(0 of 2 JP logged)" in text
    assert f'value="{TODAY.isoformat()}"' in body
    assert (
        "Close mentorship" in text
        and 'type="radio" name="rating" value="5" required' in body
    )


def test_the_mentor_may_open_the_full_plan_while_mentoring(app, world, login):
    plan, _ = plan_with_mentoring(world)
    start_mentorship(world)
    assert login("mentor").get(f"/plans/{plan.id}").status_code == 200


@pytest.mark.parametrize("role", ["outsider", "supervisor", "hr", "admin"])
@pytest.mark.parametrize(
    "method, path, data",
    [
        ("GET", "", None),
        ("POST", "/sessions", _session()),
        ("POST", "/close", {"rating": "4"}),
        ("POST", "/feedback", {"rating": "4"}),
    ],
)
def test_everyone_else_gets_404_and_nothing_changes(
    app, world, login, pair, role, method, path, data
):
    response = login(role).open(f"/mentoring/{pair.id}{path}", method=method, data=data)
    assert response.status_code == 404
    assert sessions_of(pair.id) == []
    assert db.session.get(Mentorship, pair.id).status is MentorshipStatus.ACTIVE


def test_an_unknown_mentorship_is_404(app, world, login):
    assert login("mentor").get("/mentoring/999999").status_code == 404


def test_signing_in_comes_first(client, world, pair):
    response = client.get(f"/mentoring/{pair.id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


# Sessions -----------------------------------------------------------------------


def test_logging_a_session_without_javascript_redirects_and_notifies(
    app, world, login, pair
):
    client = login("mentor")
    response = client.post(f"/mentoring/{pair.id}/sessions", data=_session())
    assert response.status_code == 303
    assert response.headers["Location"] == f"/mentoring/{pair.id}#sessions"
    (session,) = sessions_of(pair.id)
    assert (session.minutes, session.topic) == (60, "Klasifikasi arsip dinamis")
    assert session.logged_by_id == world.users["mentor"].id
    assert len(_notifications(world.users["employee"], "session_logged")) == 1
    assert _notifications(world.users["mentor"], "session_logged") == []
    page = text_of(client.get(response.headers["Location"]))
    assert "The session is logged." in page
    assert "Klasifikasi arsip dinamis" in page and "60 minutes (1 JP)" in page
    assert "Agreed next steps: Menyusun daftar arsip aktif." in page
    assert "Logged by Dewi Harahap." in page


def test_logging_a_session_with_htmx_answers_with_the_log(app, world, login, pair):
    client = login("employee")
    response = client.post(
        f"/mentoring/{pair.id}/sessions", data=_session(), headers=HTMX
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="sessions"')
    assert "<html" not in body
    assert 'id="mentee-plan"' not in body  # no activity linked: the plan is as it was
    assert (
        "Klasifikasi arsip dinamis" in body and "Logged by Sri Wahyuni Lubis." in body
    )
    assert "The session is logged." in response.headers["HX-Trigger"]
    assert len(_notifications(world.users["mentor"], "session_logged")) == 1


def test_the_log_is_newest_first_and_names_who_logged(app, world, login, pair):
    client = login("mentor")
    earlier = (TODAY - timedelta(days=1)).isoformat()
    client.post(
        f"/mentoring/{pair.id}/sessions",
        data=_session(topic="Pertama", held_on=earlier),
    )
    login("employee").post(
        f"/mentoring/{pair.id}/sessions", data=_session(topic="Kedua")
    )
    page = text_of(client.get(f"/mentoring/{pair.id}"))
    assert page.index("Kedua") < page.index("Pertama")
    assert "2 sessions · 120 minutes in all" in page
    assert "Kedua" in page.split("Logged by Sri Wahyuni Lubis.")[0]


@pytest.mark.parametrize(
    "fields, message",
    [
        (
            {"held_on": (TODAY + timedelta(days=8)).isoformat()},
            "A session can be logged at most a week ahead.",
        ),
        ({"held_on": "kemarin"}, "Enter the date as a date (yyyy-mm-dd)."),
        ({"held_on": ""}, "Enter the date of the session."),
        ({"minutes": "10"}, "A session lasts from 15 to 480 minutes."),
        ({"minutes": "481"}, "A session lasts from 15 to 480 minutes."),
        ({"minutes": "satu jam"}, "A session lasts from 15 to 480 minutes."),
        ({"topic": "   "}, "Say what the session was about."),
        ({"activity_id": "abc"}, "Choose a mentoring activity from the mentee's plan."),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_bad_sessions_are_refused_beside_the_field(
    app, world, login, pair, fields, message, htmx
):
    response = login("mentor").post(
        f"/mentoring/{pair.id}/sessions",
        data=_session(**fields),
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in text_of(response).replace("&#39;", "'")
    assert ("<html" in body) is not htmx
    assert '<details class="log-session" open>' in body  # the form stays open
    assert "Klasifikasi arsip dinamis" in body or fields.get("topic")  # kept
    assert sessions_of(pair.id) == []
    assert _notifications(world.users["employee"], "session_logged") == []


@pytest.mark.parametrize("whose", ["training", "outsider"])
def test_a_session_counts_only_toward_the_mentees_mentoring_activities(
    app, world, login, pair, whose
):
    plan, _ = plan_with_mentoring(world)
    if whose == "training":
        activity = plan.goals[0].activities[0]  # Sri's, but a training
    else:
        _, activity = plan_with_mentoring(world, owner=world.outsider)
    response = login("mentor").post(
        f"/mentoring/{pair.id}/sessions", data=_session(activity_id=str(activity.id))
    )
    assert response.status_code == 422
    assert "Choose a mentoring activity from the mentee" in text_of(response)
    assert sessions_of(pair.id) == []
    assert activity_of(activity.id).status is ActivityStatus.PLANNED


def test_session_minutes_count_as_jp_toward_the_plan(app, world, login, pair):
    plan, activity = plan_with_mentoring(world, planned_jp=2)
    client = login("mentor")
    url = f"/mentoring/{pair.id}/sessions"

    first = client.post(
        url, data=_session(minutes="45", activity_id=str(activity.id)), headers=HTMX
    )
    assert first.status_code == 200
    assert activity_of(activity.id).status is ActivityStatus.IN_PROGRESS
    body = first.get_data(as_text=True)
    assert '<section id="mentee-plan"' in body and 'hx-swap-oob="true"' in body
    assert "In progress" in text_of(first)
    assert "(1 of 2 JP logged)" in text_of(first)  # the form offers it again
    assert "0% · 0 of 10 JP done" in text_of(first)

    # 45 + 60 minutes = 2 JP: the planned JP is reached, the activity is done.
    second = client.post(url, data=_session(minutes="60", activity_id=str(activity.id)))
    assert second.status_code == 303
    assert activity_of(activity.id).status is ActivityStatus.DONE
    page = text_of(client.get(f"/mentoring/{pair.id}"))
    assert "20% · 2 of 10 JP done" in page
    assert "Counts toward the plan activity “Bimbingan arsip digital”." in page
    plan_page = text_of(login("employee").get(f"/plans/{plan.id}"))
    assert "20% · 2 of 10 JP done" in plan_page


# Closing and feedback -------------------------------------------------------------


@pytest.mark.parametrize("rating", ["0", "6", "", "lima"])
def test_closing_needs_a_rating_from_1_to_5(app, world, login, pair, rating):
    response = login("employee").post(
        f"/mentoring/{pair.id}/close", data={"rating": rating, "comment": "Bagus"}
    )
    assert response.status_code == 422
    assert "Give a rating from 1 to 5." in text_of(response)
    assert db.session.get(Mentorship, pair.id).status is MentorshipStatus.ACTIVE
    assert mentor_profile(world).active_mentees == 1
    assert _feedback_count() == 0
    assert _notifications(world.users["mentor"], "mentorship_closed") == []


def test_a_boosted_close_with_a_bad_rating_answers_with_the_whole_page(
    app, world, login, pair
):
    response = login("mentor").post(
        f"/mentoring/{pair.id}/close",
        data={"rating": "9", "comment": "Terlalu tinggi"},
        headers={**HTMX, "HX-Boosted": "true"},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "<html" in body and "Give a rating from 1 to 5." in body
    assert "Terlalu tinggi</textarea>" in body  # the comment is kept
    assert db.session.get(Mentorship, pair.id).status is MentorshipStatus.ACTIVE


def test_closing_frees_a_place_and_notifies_the_other_side(app, world, login, pair):
    assert mentor_profile(world).active_mentees == 1
    client = login("employee")
    response = client.post(
        f"/mentoring/{pair.id}/close",
        data={"rating": "5", "comment": "Sangat membantu."},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/mentoring/{pair.id}"
    mentorship = db.session.get(Mentorship, pair.id)
    assert mentorship.status is MentorshipStatus.CLOSED
    assert mentor_profile(world).active_mentees == 0
    (feedback,) = db.session.scalars(select(MentorshipFeedback)).all()
    assert (feedback.side, feedback.rating) == (FeedbackSide.MENTEE, 5)
    assert len(_notifications(world.users["mentor"], "mentorship_closed")) == 1
    page = text_of(client.get(f"/mentoring/{pair.id}"))
    assert "Closed from" in page
    assert "Your feedback: 5 of 5 : Sangat membantu." in page
    assert "Feedback of Dewi Harahap: not given yet" in page
    assert "Log a session" not in page and "Give feedback" not in page


def test_a_closed_mentorship_takes_no_sessions_and_no_second_close(
    app, world, login, pair
):
    client = login("mentor")
    client.post(f"/mentoring/{pair.id}/close", data={"rating": "4"})
    again = client.post(f"/mentoring/{pair.id}/close", data={"rating": "4"})
    assert again.status_code == 409
    assert "This mentorship is closed." in text_of(again)
    session = login("employee").post(f"/mentoring/{pair.id}/sessions", data=_session())
    assert session.status_code == 409
    assert sessions_of(pair.id) == []
    assert mentor_profile(world).active_mentees == 0


def test_after_closing_the_mentor_no_longer_reads_the_plan(app, world, login, pair):
    plan, _ = plan_with_mentoring(world)
    mentor = login("mentor")
    mentor.post(f"/mentoring/{pair.id}/close", data={"rating": "4"})
    page = mentor.get(f"/mentoring/{pair.id}").get_data(as_text=True)
    assert 'id="mentee-plan"' not in page and f"/plans/{plan.id}" not in page
    assert mentor.get(f"/plans/{plan.id}").status_code == 404
    own = login("employee").get(f"/mentoring/{pair.id}").get_data(as_text=True)
    assert 'id="mentee-plan"' in own


def test_the_other_side_gives_feedback_once(app, world, login, pair):
    login("mentor").post(f"/mentoring/{pair.id}/close", data={"rating": "4"})
    client = login("employee")
    form = text_of(client.get(f"/mentoring/{pair.id}"))
    assert "Give feedback" in form and "Closed by Dewi Harahap." in form

    bad = client.post(f"/mentoring/{pair.id}/feedback", data={"rating": "6"})
    assert bad.status_code == 422 and "Give a rating from 1 to 5." in text_of(bad)
    assert _feedback_count() == 1

    response = client.post(
        f"/mentoring/{pair.id}/feedback", data={"rating": "3", "comment": "Cukup."}
    )
    assert response.status_code == 303
    assert _feedback_count() == 2
    assert len(_notifications(world.users["mentor"], "feedback_given")) == 1
    page = text_of(client.get(response.headers["Location"]))
    assert (
        "Your feedback: 3 of 5" in page and "Feedback of Dewi Harahap: 4 of 5" in page
    )
    assert "Give feedback" not in page

    again = client.post(f"/mentoring/{pair.id}/feedback", data={"rating": "5"})
    assert again.status_code == 409
    assert "You have already given your feedback." in text_of(again)
    closer = login("mentor").post(
        f"/mentoring/{pair.id}/feedback", data={"rating": "5"}
    )
    assert closer.status_code == 409
    assert _feedback_count() == 2


def test_feedback_waits_for_the_close(app, world, login, pair):
    response = login("employee").post(
        f"/mentoring/{pair.id}/feedback", data={"rating": "5"}
    )
    assert response.status_code == 409
    assert "Feedback is given when the mentorship closes." in text_of(response)
    assert _feedback_count() == 0


# Queries --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["mentor", "employee"])
def test_the_page_does_not_grow_with_the_sessions(
    app, world, login, pair, count_queries, role
):
    plan_with_mentoring(world)
    client = login(role)
    url = f"/mentoring/{pair.id}"
    counts = []
    for total in (2, 12):
        add_sessions(pair, total - len(sessions_of(pair.id)), world.users["mentor"])
        with count_queries() as counter:
            page = client.get(url)
        assert f"{total} sessions" in text_of(page)
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 12


def test_a_closed_page_keeps_its_query_count(app, world, login, pair, count_queries):
    make_plan(world, goals=3, activities=3)
    add_sessions(pair, 5, world.users["employee"])
    client = login("employee")
    client.post(f"/mentoring/{pair.id}/close", data={"rating": "4"})
    with count_queries() as counter:
        assert client.get(f"/mentoring/{pair.id}").status_code == 200
    assert counter.count <= 12
