"""Malformed input on every mentoring form: a 4xx with a message, never a 500,
and nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
)
from tests.mentoring.helpers import start_mentorship

LONG = "x" * 2001


def _state() -> tuple:
    """Everything these forms could write."""
    counts = tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (
            MentorshipRequest,
            Mentorship,
            MentoringSession,
            MentorshipFeedback,
        )
    )
    profiles = db.session.execute(
        select(
            MentorProfile.capacity,
            MentorProfile.active_mentees,
            MentorProfile.is_paused,
            MentorProfile.expertise,
        ).order_by(MentorProfile.id)
    ).all()
    statuses = db.session.scalars(
        select(MentorshipRequest.status).order_by(MentorshipRequest.id)
    ).all()
    return counts, profiles, statuses


CASES = [
    # (who, method, url, form data)
    ("employee", "GET", "/mentoring/find?unit=abc", None),
    ("employee", "GET", "/mentoring/find?competency=NOPE", None),
    ("employee", "GET", "/mentoring/find?scope=everywhere", None),
    ("employee", "POST", "/mentoring/mentors/{mentor}/request", {"message": LONG}),
    ("employee", "POST", "/mentoring/mentors/{mentor}/request", {"goals": "abc"}),
    ("employee", "POST", "/mentoring/mentors/{mentor}/request", {"goals": "99999"}),
    ("mentor", "POST", "/mentoring/profile", {"capacity": "abc"}),
    ("mentor", "POST", "/mentoring/profile", {"capacity": "0", "competencies": "1"}),
    ("mentor", "POST", "/mentoring/profile", {"capacity": "21", "competencies": "1"}),
    ("mentor", "POST", "/mentoring/profile", {"competencies": "abc", "capacity": "2"}),
    ("mentor", "POST", "/mentoring/profile/pause", {"paused": "maybe"}),
    ("mentor", "POST", "/mentoring/requests/{request}/accept", {"response": LONG}),
    ("mentor", "POST", "/mentoring/requests/{request}/decline", {"response": LONG}),
    ("mentor", "POST", "/mentoring/{mentorship}/sessions", {"held_on": "2026-13-45"}),
    (
        "mentor",
        "POST",
        "/mentoring/{mentorship}/sessions",
        {"held_on": "{today}", "minutes": "abc", "topic": "Arsip"},
    ),
    (
        "mentor",
        "POST",
        "/mentoring/{mentorship}/sessions",
        {"held_on": "{today}", "minutes": "60", "topic": "A", "activity_id": "x"},
    ),
    (
        "mentor",
        "POST",
        "/mentoring/{mentorship}/sessions",
        {"held_on": "{today}", "minutes": "9" * 30, "topic": "Arsip"},
    ),
    (
        "mentor",
        "POST",
        "/mentoring/{mentorship}/sessions",
        {"held_on": "1900-01-01", "minutes": "60", "topic": "Arsip"},
    ),
    ("mentor", "POST", "/mentoring/{mentorship}/close", {"rating": "five"}),
    ("mentor", "POST", "/mentoring/{mentorship}/close", {"rating": "0"}),
    (
        "mentor",
        "POST",
        "/mentoring/{mentorship}/close",
        {"rating": "4", "comment": LONG},
    ),
    ("hr", "GET", "/mentoring/cohort?mentees=everyone", None),
    ("hr", "GET", "/mentoring/cohort?unit=abc", None),
    ("hr", "POST", "/mentoring/cohort", {"mentee_id": "abc"}),
    ("hr", "POST", "/mentoring/cohort", {"mentee_id": "1"}),
    ("employee", "GET", "/notifications/?page=abc", None),
]


@pytest.mark.parametrize(("who", "method", "url", "data"), CASES)
def test_malformed_input_is_refused_and_changes_nothing(
    app, world, login, mentor_ready, mentee_gaps, who, method, url, data
):
    mentorship = start_mentorship(
        world, mentee=world.colleague, actor=world.users["hr"]
    )
    pending = MentorshipRequest(mentee=world.outsider, mentor=world.mentor)
    db.session.add(pending)
    db.session.commit()
    names = {
        "mentor": world.mentor.id,
        "request": pending.id,
        "mentorship": mentorship.id,
        "today": local_today().isoformat(),
    }
    url = url.format(**names)
    data = {k: v.format(**names) for k, v in (data or {}).items()}
    before = _state()
    response = login(who).open(url, method=method, data=data)
    assert 400 <= response.status_code < 500, response.status_code
    assert "Something went wrong on our side" not in response.text
    db.session.expire_all()
    assert _state() == before
