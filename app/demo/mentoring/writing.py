"""Writing the mentoring story into the database.

Rows go in with Core ``executemany`` and the new ids are read back above the
highest id before; then the mentoring activities sessions count toward, their
plans' last change, the mentors' count of active mentees, the levels given
after closed mentorships and the notifications.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import bindparam, func, insert, select, update

from app.demo.mentoring.ledger import Ledger
from app.demo.mentoring.records import Mentor
from app.extensions import db
from app.models import (
    CareerPlan,
    CompetencyAssessment,
    DevelopmentActivity,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    Notification,
)
from app.models.mentoring import request_goals

UNREAD_DAYS = 7  # notifications younger than this are still unread
_ROWS = 5000  # rows per executemany


def insert_story(ledger: Ledger, mentors: Iterable[Mentor]) -> None:
    """Everything the story drew, in a few bulk inserts and updates."""
    requests = ledger.requests
    if requests:
        before = _last_id(MentorshipRequest)
        _rows(
            MentorshipRequest,
            [
                {
                    "mentee_id": r.mentee.employee_id,
                    "mentor_id": r.mentor.employee_id,
                    "status": r.status,
                    "origin": r.origin,
                    "message": r.message,
                    "response": r.response,
                    "score": r.score,
                    "created_by_id": r.created_by.user_id if r.created_by else None,
                    "created_at": r.created_at,
                    "decided_at": r.decided_at,
                }
                for r in requests
            ],
        )
        new_ids = {
            (mentee, mentor): request_id
            for request_id, mentee, mentor in db.session.execute(
                select(
                    MentorshipRequest.id,
                    MentorshipRequest.mentee_id,
                    MentorshipRequest.mentor_id,
                ).where(MentorshipRequest.id > before)
            )
        }
        for r in requests:
            r.id = new_ids[r.mentee.employee_id, r.mentor.employee_id]
        goals = [
            {"request_id": r.id, "goal_id": goal_id}
            for r in requests
            for goal_id in r.goal_ids
        ]
        if goals:
            _rows(request_goals, goals)
    accepted = [r for r in requests if r.mentorship is not None]
    if accepted:
        before = _last_id(Mentorship)
        _rows(
            Mentorship,
            [
                {
                    "request_id": r.id,
                    "mentee_id": r.mentee.employee_id,
                    "mentor_id": r.mentor.employee_id,
                    "status": r.mentorship.status,
                    "started_at": r.mentorship.started_at,
                    "closed_at": r.mentorship.closed_at,
                    "closed_by_id": (
                        r.mentorship.closed_by.user_id
                        if r.mentorship.closed_by
                        else None
                    ),
                }
                for r in accepted
            ],
        )
        by_request = dict(
            db.session.execute(
                select(Mentorship.request_id, Mentorship.id).where(
                    Mentorship.id > before
                )
            ).all()
        )
        for r in accepted:
            r.mentorship.id = by_request[r.id]
        sessions = [
            {
                "mentorship_id": r.mentorship.id,
                "held_on": s.held_on,
                "minutes": s.minutes,
                "topic": s.topic,
                "notes": s.notes,
                "next_steps": s.next_steps,
                "activity_id": s.activity_id,
                "logged_by_id": s.logged_by.user_id,
                "created_at": s.at,
            }
            for r in accepted
            for s in r.mentorship.sessions
        ]
        if sessions:
            _rows(MentoringSession, sessions)
        feedback = [
            {
                "mentorship_id": r.mentorship.id,
                "side": f.side,
                "rating": f.rating,
                "comment": f.comment,
                "created_at": f.at,
            }
            for r in accepted
            for f in r.mentorship.feedback
        ]
        if feedback:
            _rows(MentorshipFeedback, feedback)
    _update_progress(ledger)
    _update(
        MentorProfile,
        "employee_id",
        [
            {"employee_id": m.person.employee_id, "active_mentees": m.active}
            for m in mentors
            if m.active
        ],
    )
    if ledger.assessments:
        _rows(
            CompetencyAssessment,
            [
                {
                    "employee_id": a.employee_id,
                    "competency_id": a.competency_id,
                    "level": a.level,
                    "source": a.source,
                    "assessed_by_id": a.by,
                    "note": a.note,
                    "assessed_at": a.at,
                }
                for a in ledger.assessments
            ],
        )
    _insert_notes(ledger)


def _update_progress(ledger: Ledger) -> None:
    """Activities sessions count toward, and their plans' last change."""
    _update(
        DevelopmentActivity,
        "id",
        [
            {"id": a.id, "status": a.status, "evidence": a.evidence, "title": a.title}
            for a in ledger.activities.values()
        ],
    )
    if not ledger.touched:
        return
    changed = dict(
        db.session.execute(
            select(CareerPlan.id, CareerPlan.updated_at).where(
                CareerPlan.id.in_(list(ledger.touched))
            )
        ).all()
    )
    _update(
        CareerPlan,
        "id",
        [
            {"id": plan_id, "updated_at": at}
            for plan_id, at in ledger.touched.items()
            if at > changed[plan_id]
        ],
    )


def _insert_notes(ledger: Ledger) -> None:
    """The notifications, read some time after they came unless recent."""
    rng = random.Random(f"{ledger.seed}:notifications")
    recent = ledger.now - timedelta(days=UNREAD_DAYS)
    rows = []
    for note in ledger.notes:
        if note.user_id is None:
            continue
        subject = note.subject
        read_at = None
        if not note.unread and note.at < recent:
            read_at = note.at + timedelta(minutes=rng.randint(10, 2880))
            read_at = min(read_at, ledger.now - timedelta(minutes=1))
        rows.append(
            {
                "user_id": note.user_id,
                "kind": note.kind,
                "actor_name": note.actor.name if note.actor else "",
                "subject_id": subject if isinstance(subject, int) else subject.id,
                "created_at": note.at,
                "read_at": read_at,
            }
        )
    if rows:
        _rows(Notification, rows)


def _rows(model, rows: list[dict]) -> None:
    table = getattr(model, "__table__", model)
    for start in range(0, len(rows), _ROWS):
        db.session.execute(insert(table), rows[start : start + _ROWS])


def _update(model, key: str, rows: list[dict]) -> None:
    """Each row's other columns, on the row found by its ``key``, in one executemany."""
    if not rows:
        return
    table = model.__table__
    db.session.execute(
        update(table)
        .where(table.c[key] == bindparam(f"b_{key}"))
        .values(
            {column: bindparam(f"b_{column}") for column in rows[0] if column != key}
        ),
        [{f"b_{column}": value for column, value in row.items()} for row in rows],
    )


def _last_id(model) -> int:
    return db.session.scalar(select(func.max(model.id))) or 0
