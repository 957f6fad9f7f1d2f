"""Mentorships under way: the page's reads, sessions that earn JP, and closing.

A session linked to a mentoring or coaching activity of the mentee's plan counts
toward it at ``JP_MINUTES`` to the JP; closing frees the mentor's place and asks
each side for a rating.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.mentoring.services import MESSAGE_LIMIT, MentoringConflict, MentoringError
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    Employee,
    FeedbackSide,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
    NotificationKind,
    PlanGoal,
    User,
)
from app.models.types import utcnow
from app.notifications.services import notify
from app.plans.progress import progress_from_mentoring
from app.plans.queries import current_plans
from app.plans.services.changes import STALE_PLAN

JP_MINUTES = 45  # one jam pelajaran; HR may set another rate for mentoring
SESSION_MINUTES = range(15, 481)
SESSION_AHEAD_DAYS = 7  # a session may be logged up to a week ahead (planned)
MENTORING_KINDS = (ActivityKind.MENTORING, ActivityKind.COACHING)


def load_mentorship(mentorship_id: int) -> Mentorship | None:
    """A mentorship with both people, its request, sessions and feedback."""
    return db.session.scalars(
        select(Mentorship)
        .where(Mentorship.id == mentorship_id)
        .options(
            joinedload(Mentorship.mentee).joinedload(Employee.position),
            joinedload(Mentorship.mentee).joinedload(Employee.unit),
            joinedload(Mentorship.mentor).joinedload(Employee.position),
            joinedload(Mentorship.mentor).joinedload(Employee.unit),
            joinedload(Mentorship.request),
            selectinload(Mentorship.sessions).joinedload(MentoringSession.activity),
            selectinload(Mentorship.feedback),
        )
    ).first()


def mentorships_of(employee_id: int) -> Sequence[Mentorship]:
    """Every mentorship an employee is in, on either side, active ones first."""
    return db.session.scalars(
        select(Mentorship)
        .where(
            or_(
                Mentorship.mentee_id == employee_id,
                Mentorship.mentor_id == employee_id,
            )
        )
        .options(joinedload(Mentorship.mentee), joinedload(Mentorship.mentor))
        .order_by(
            (Mentorship.status == MentorshipStatus.ACTIVE).desc(),
            Mentorship.started_at.desc(),
            Mentorship.id.desc(),
        )
    ).all()


def side_of(mentorship: Mentorship, employee_id: int | None) -> FeedbackSide | None:
    """Which side of the mentorship an employee is on, if any."""
    if employee_id == mentorship.mentee_id:
        return FeedbackSide.MENTEE
    if employee_id == mentorship.mentor_id:
        return FeedbackSide.MENTOR
    return None


def _other_side(mentorship: Mentorship, side: FeedbackSide) -> int:
    if side is FeedbackSide.MENTEE:
        return mentorship.mentor_id
    return mentorship.mentee_id


@dataclass
class SessionFields:
    """One logged meeting."""

    held_on: date
    minutes: int
    topic: str
    notes: str = ""
    next_steps: str = ""
    activity_id: int | None = None


def linkable_activities(mentee_id: int, year: int) -> Sequence[DevelopmentActivity]:
    """The mentee's mentoring and coaching activities a session may count toward."""
    return db.session.scalars(
        select(DevelopmentActivity)
        .join(PlanGoal)
        .join(CareerPlan)
        .where(
            CareerPlan.employee_id == mentee_id,
            CareerPlan.period >= year,
            DevelopmentActivity.kind.in_(MENTORING_KINDS),
            DevelopmentActivity.status != ActivityStatus.DROPPED,
        )
        .options(joinedload(DevelopmentActivity.goal))
        .order_by(CareerPlan.period, PlanGoal.position, DevelopmentActivity.position)
    ).all()


def mentee_plan(mentee_id: int, year: int) -> CareerPlan | None:
    """The plan a mentorship works on (the mentee's current one), for reading."""
    return current_plans([mentee_id], year, activities=True).get(mentee_id)


def logged_minutes(activity_ids: Collection[int]) -> dict[int, int]:
    """Minutes of mentoring logged against each activity."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        select(MentoringSession.activity_id, func.sum(MentoringSession.minutes))
        .where(MentoringSession.activity_id.in_(activity_ids))
        .group_by(MentoringSession.activity_id)
    )
    return {activity_id: int(minutes) for activity_id, minutes in rows}


def jp_of(minutes: int) -> int:
    """Whole JP earned by minutes of mentoring (45 minutes to the JP)."""
    return minutes // JP_MINUTES


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
    if not mentorship.is_active:
        raise MentoringConflict(_l("This mentorship is closed."))
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
    try:
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
    except StaleDataError:  # the mentee changed the plan at that very moment
        db.session.rollback()
        raise MentoringConflict(STALE_PLAN) from None
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
    side = side_of(mentorship, actor.employee_id)
    if mentorship.is_active:
        raise MentoringConflict(_l("Feedback is given when the mentorship closes."))
    if any(f.side is side for f in mentorship.feedback):
        raise MentoringConflict(_l("You have already given your feedback."))
    _check_feedback(rating, comment)
    _add_feedback(
        mentorship, actor, side, rating, comment, NotificationKind.FEEDBACK_GIVEN
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise MentoringConflict(_l("You have already given your feedback.")) from None
    db.session.expire(mentorship)
