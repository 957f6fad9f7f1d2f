"""Mentorships under way: sessions that earn JP, and closing with feedback.

A session linked to a mentoring or coaching activity of the mentee's plan counts
toward it at ``JP_MINUTES`` to the JP; closing frees the mentor's place and asks
each side for a rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from app.errors import moved_on
from app.extensions import db
from app.mentoring.abilities import FEEDBACK_GIVEN, mentorship_abilities, side_of
from app.mentoring.queries import linkable_activities, logged_minutes
from app.mentoring.services import MESSAGE_LIMIT, MentoringConflict, MentoringError
from app.models import (
    DevelopmentActivity,
    FeedbackSide,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
    NotificationKind,
    User,
)
from app.models.types import utcnow
from app.notifications.services import notify
from app.plans.progress import progress_from_mentoring
from app.plans.services.changes import STALE_PLAN

JP_MINUTES = 45  # one jam pelajaran; HR may set another rate for mentoring
SESSION_MINUTES = range(15, 481)
SESSION_AHEAD_DAYS = 7  # a session may be logged up to a week ahead (planned)


@dataclass
class SessionFields:
    """One logged meeting."""

    held_on: date
    minutes: int
    topic: str
    notes: str = ""
    next_steps: str = ""
    activity_id: int | None = None


def jp_of(minutes: int) -> int:
    """Whole JP earned by minutes of mentoring (45 minutes to the JP)."""
    return minutes // JP_MINUTES


def _other_side(mentorship: Mentorship, side: FeedbackSide) -> int:
    if side is FeedbackSide.MENTEE:
        return mentorship.mentor_id
    return mentorship.mentee_id


def _check_session(
    mentorship: Mentorship, fields: SessionFields, today: date
) -> DevelopmentActivity | None:
    if fields.held_on > today + timedelta(days=SESSION_AHEAD_DAYS):
        raise MentoringError(
            _l("A session can be logged at most a week ahead."), field="held_on"
        )
    if fields.held_on < mentorship.started_at.date() - timedelta(days=1):
        raise MentoringError(
            _l("The session date lies before the mentorship began."), field="held_on"
        )
    if fields.minutes not in SESSION_MINUTES:
        raise MentoringError(
            _l("A session lasts from 15 to 480 minutes."), field="minutes"
        )
    if not fields.topic.strip():
        raise MentoringError(_l("Say what the session was about."), field="topic")
    if len(fields.topic.strip()) > 200:
        raise MentoringError(_l("Keep the topic to 200 characters."), field="topic")
    for name in ("notes", "next_steps"):
        if len(getattr(fields, name)) > MESSAGE_LIMIT:
            raise MentoringError(
                _l("Keep this to %(most)s characters.", most=MESSAGE_LIMIT),
                field=name,
            )
    if fields.activity_id is None:
        return None
    allowed = {a.id: a for a in linkable_activities(mentorship.mentee_id, today.year)}
    if fields.activity_id not in allowed:
        raise MentoringError(
            _l("Choose a mentoring activity from the mentee's plan."),
            field="activity_id",
        )
    return allowed[fields.activity_id]


def log_session(
    mentorship: Mentorship, fields: SessionFields, actor: User, today: date
) -> MentoringSession:
    """Record a session; linked to a plan activity it counts toward its JP.

    The activity starts when its first session is logged and is done once the
    sessions reach its planned JP.
    """
    mentorship_abilities(mentorship, actor.employee_id).check("log_session")
    activity = _check_session(mentorship, fields, today)
    session = MentoringSession(
        mentorship=mentorship,
        held_on=fields.held_on,
        minutes=fields.minutes,
        topic=fields.topic.strip(),
        notes=fields.notes.strip(),
        next_steps=fields.next_steps.strip(),
        activity=activity,
        logged_by_id=actor.id,
    )
    db.session.add(session)
    side = side_of(mentorship, actor.employee_id)
    # The mentee may change the plan at that very moment.
    with moved_on(MentoringConflict(STALE_PLAN)):
        if activity is not None:
            db.session.flush()
            earned = jp_of(logged_minutes([activity.id]).get(activity.id, 0))
            progress_from_mentoring(activity, earned)
            db.session.flush()  # the plan's version moves, unless it moved meanwhile
        notify(
            [_other_side(mentorship, side)],
            NotificationKind.SESSION_LOGGED,
            mentorship.id,
            actor=actor.employee,
        )
        db.session.commit()
    db.session.expire(mentorship)  # its session list reloads in date order
    return session


def _check_feedback(rating: int | None, comment: str) -> None:
    if rating is None or not 1 <= rating <= 5:
        raise MentoringError(_l("Give a rating from 1 to 5."), field="rating")
    if len(comment) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the comment to %(most)s characters.", most=MESSAGE_LIMIT),
            field="comment",
        )


def _add_feedback(
    mentorship: Mentorship,
    actor: User,
    side: FeedbackSide,
    rating: int,
    comment: str,
    kind: NotificationKind,
) -> None:
    """One side's rating and comment; the other side is told ``kind``."""
    db.session.add(
        MentorshipFeedback(
            mentorship_id=mentorship.id,
            side=side,
            rating=rating,
            comment=comment.strip(),
        )
    )
    notify([_other_side(mentorship, side)], kind, mentorship.id, actor=actor.employee)


def close_mentorship(
    mentorship: Mentorship, actor: User, rating: int | None, comment: str
) -> None:
    """Either side ends the mentorship with their feedback; a place frees up."""
    side = side_of(mentorship, actor.employee_id)
    _check_feedback(rating, comment)
    closed = db.session.execute(
        update(Mentorship)
        .where(
            Mentorship.id == mentorship.id,
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
        .values(
            status=MentorshipStatus.CLOSED, closed_at=utcnow(), closed_by_id=actor.id
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed != 1:
        db.session.rollback()
        raise MentoringConflict(_l("This mentorship is already closed."))
    db.session.execute(
        update(MentorProfile)
        .where(
            MentorProfile.employee_id == mentorship.mentor_id,
            MentorProfile.active_mentees > 0,
        )
        .values(
            active_mentees=MentorProfile.active_mentees - 1,
            revision=MentorProfile.revision + 1,
        )
        .execution_options(synchronize_session=False)
    )
    _add_feedback(
        mentorship, actor, side, rating, comment, NotificationKind.MENTORSHIP_CLOSED
    )
    db.session.commit()
    db.session.expire_all()


def give_feedback(
    mentorship: Mentorship, actor: User, rating: int | None, comment: str
) -> None:
    """The other side's feedback on a closed mentorship; once per side."""
    abilities = mentorship_abilities(mentorship, actor.employee_id)
    abilities.check("give_feedback")
    side = abilities.side
    _check_feedback(rating, comment)
    _add_feedback(
        mentorship, actor, side, rating, comment, NotificationKind.FEEDBACK_GIVEN
    )
    with moved_on(MentoringConflict(FEEDBACK_GIVEN)):
        db.session.commit()
    db.session.expire(mentorship)
