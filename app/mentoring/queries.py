"""Reads for the mentoring pages: profiles, requests, mentorships, plan activities.

No rule lives here and nothing is written; each function loads what one page or
part shows, with the relations it needs, in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    Employee,
    FeedbackSide,
    MentorCompetency,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    PlanGoal,
    RequestStatus,
)
from app.plans.queries import current_plans

MENTORING_KINDS = (ActivityKind.MENTORING, ActivityKind.COACHING)


# -- mentors --------------------------------------------------------------


def profile_of(employee_id: int) -> MentorProfile | None:
    """An employee's mentor profile with its competencies, if they ever opted in."""
    return db.session.scalars(
        select(MentorProfile)
        .where(MentorProfile.employee_id == employee_id)
        .options(
            selectinload(MentorProfile.competencies).joinedload(
                MentorCompetency.competency
            )
        )
    ).first()


def active_profile(employee_id: int) -> MentorProfile | None:
    """The mentor profile of someone who mentors now (opted in and not opted out)."""
    profile = profile_of(employee_id)
    return profile if profile is not None and profile.is_active else None


def mentors_with_ratings(
    ids: Collection[int],
) -> dict[int, tuple[Employee, MentorProfile, tuple]]:
    """Mentors with position, unit, profile and their mentees' ratings, one query.

    The ratings are (average, how many) of what former mentees gave at closing.
    """
    # One row per mentor, grouped before the join: a correlated subquery turned
    # into a derived table loses its correlation and averages everyone's ratings.
    rated = (
        select(
            Mentorship.mentor_id,
            func.avg(MentorshipFeedback.rating).label("average"),
            func.count().label("count"),
        )
        .join(Mentorship, Mentorship.id == MentorshipFeedback.mentorship_id)
        .where(
            Mentorship.mentor_id.in_(ids),
            MentorshipFeedback.side == FeedbackSide.MENTEE,
        )
        .group_by(Mentorship.mentor_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Employee, MentorProfile, rated.c.average, rated.c.count)
        .join(MentorProfile, MentorProfile.employee_id == Employee.id)
        .outerjoin(rated, rated.c.mentor_id == Employee.id)
        .where(Employee.id.in_(ids))
        .options(joinedload(Employee.position), joinedload(Employee.unit))
    )
    return {
        employee.id: (employee, profile, (average, count or 0))
        for employee, profile, average, count in rows
    }


# -- requests -------------------------------------------------------------


def load_request(request_id: int) -> MentorshipRequest | None:
    """A request with both people and its goals."""
    return db.session.scalars(
        select(MentorshipRequest)
        .where(MentorshipRequest.id == request_id)
        .options(
            joinedload(MentorshipRequest.mentee).joinedload(Employee.position),
            joinedload(MentorshipRequest.mentor),
            selectinload(MentorshipRequest.goals),
        )
    ).first()


def inbox(mentor_id: int) -> Sequence[MentorshipRequest]:
    """Pending requests to a mentor, oldest first (first come, first answered)."""
    return db.session.scalars(
        select(MentorshipRequest)
        .where(
            MentorshipRequest.mentor_id == mentor_id,
            MentorshipRequest.status == RequestStatus.PENDING,
        )
        .options(
            joinedload(MentorshipRequest.mentee).joinedload(Employee.position),
            joinedload(MentorshipRequest.mentee).joinedload(Employee.unit),
            selectinload(MentorshipRequest.goals).joinedload(PlanGoal.competency),
        )
        .order_by(MentorshipRequest.created_at, MentorshipRequest.id)
    ).all()


def pending_requests(*, mentor_id: int | None = None, mentee_id: int | None = None):
    """A scalar subquery: pending requests to the mentor, or of the mentee."""
    side = (
        MentorshipRequest.mentor_id == mentor_id
        if mentee_id is None
        else MentorshipRequest.mentee_id == mentee_id
    )
    return (
        select(func.count())
        .select_from(MentorshipRequest)
        .where(side, MentorshipRequest.status == RequestStatus.PENDING)
        .scalar_subquery()
    )


def pending_count(mentor_id: int) -> int:
    """How many requests wait for the mentor's answer (the navigation badge)."""
    return db.session.scalar(select(pending_requests(mentor_id=mentor_id)))


def requests_sent(mentee_id: int, limit: int = 20) -> Sequence[MentorshipRequest]:
    """A mentee's latest requests, pending first."""
    return db.session.scalars(
        select(MentorshipRequest)
        .where(MentorshipRequest.mentee_id == mentee_id)
        .options(
            joinedload(MentorshipRequest.mentor).joinedload(Employee.position),
            selectinload(MentorshipRequest.goals),
        )
        .order_by(
            (MentorshipRequest.status == RequestStatus.PENDING).desc(),
            MentorshipRequest.created_at.desc(),
            MentorshipRequest.id.desc(),
        )
        .limit(limit)
    ).all()


def unavailable_to(mentee_id: int) -> set[int]:
    """Mentors the mentee has a pending request to or an active mentorship with."""
    pending = select(MentorshipRequest.mentor_id).where(
        MentorshipRequest.mentee_id == mentee_id,
        MentorshipRequest.status == RequestStatus.PENDING,
    )
    active = select(Mentorship.mentor_id).where(
        Mentorship.mentee_id == mentee_id,
        Mentorship.status == MentorshipStatus.ACTIVE,
    )
    return set(db.session.scalars(pending.union(active)))


def active_mentorship_between(mentee_id: int, mentor_id: int) -> Mentorship | None:
    """The open mentorship of this pair, if any."""
    return db.session.scalars(
        select(Mentorship).where(
            Mentorship.mentee_id == mentee_id,
            Mentorship.mentor_id == mentor_id,
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
    ).first()


# -- mentorships ----------------------------------------------------------


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


def mentee_plan(mentee_id: int, year: int) -> CareerPlan | None:
    """The plan a mentorship works on (the mentee's current one), for reading."""
    return current_plans([mentee_id], year, activities=True).get(mentee_id)


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
