"""Reading closed mentorships for their outcomes, in a fixed number of queries.

Four queries whatever the number of mentorships: the closed mentorships (of the
mentors of some units, or all), the competencies each taught, the mentee's
assessments of those competencies, and both sides' ratings. Nothing here
changes data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import Subquery, and_, select, union
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.hr.outcomes.rules import MentorshipOutcome, Reading, mentorship_outcome
from app.models import (
    CompetencyAssessment,
    DevelopmentActivity,
    Employee,
    FeedbackSide,
    MentoringSession,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
    PlanGoal,
)
from app.models.mentoring import request_goals


def _closed(mentor_unit_ids: Collection[int] | None) -> Subquery:
    """The closed mentorships, of mentors in ``mentor_unit_ids`` if given."""
    query = select(
        Mentorship.id,
        Mentorship.request_id,
        Mentorship.mentor_id,
        Mentorship.mentee_id,
        Mentorship.started_at,
        Mentorship.closed_at,
    ).where(Mentorship.status == MentorshipStatus.CLOSED)
    if mentor_unit_ids is not None:
        query = query.join(Employee, Employee.id == Mentorship.mentor_id).where(
            Employee.unit_id.in_(sorted(mentor_unit_ids))
        )
    return query.subquery("closed")


def _taught(closed: Subquery) -> Subquery:
    """(mentorship id, competency id): the competencies of the plan goals the
    request concerns, and of the goals of the activities its sessions counted
    toward."""
    by_request = (
        select(closed.c.id.label("mentorship_id"), PlanGoal.competency_id)
        .join(request_goals, request_goals.c.request_id == closed.c.request_id)
        .join(PlanGoal, PlanGoal.id == request_goals.c.goal_id)
        .where(PlanGoal.competency_id.is_not(None))
    )
    by_session = (
        select(closed.c.id.label("mentorship_id"), PlanGoal.competency_id)
        .join(MentoringSession, MentoringSession.mentorship_id == closed.c.id)
        .join(
            DevelopmentActivity, DevelopmentActivity.id == MentoringSession.activity_id
        )
        .join(PlanGoal, PlanGoal.id == DevelopmentActivity.goal_id)
        .where(PlanGoal.competency_id.is_not(None))
    )
    return union(by_request, by_session).subquery("taught")


def closed_outcomes(
    mentor_unit_ids: Collection[int] | None = None,
) -> list[MentorshipOutcome]:
    """Every closed mentorship's outcome, the last closed first."""
    closed = _closed(mentor_unit_ids)
    taught = _taught(closed)
    competencies: dict[int, list[int]] = defaultdict(list)
    for mentorship_id, competency_id in db.session.execute(select(taught)):
        competencies[mentorship_id].append(competency_id)
    readings: dict[int, dict[int, list[Reading]]] = defaultdict(
        lambda: defaultdict(list)
    )
    assessed = (
        select(
            taught.c.mentorship_id,
            CompetencyAssessment.competency_id,
            CompetencyAssessment.level,
            CompetencyAssessment.source,
            CompetencyAssessment.assessed_at,
            CompetencyAssessment.id,
        )
        .join(closed, closed.c.id == taught.c.mentorship_id)
        .join(
            CompetencyAssessment,
            and_(
                CompetencyAssessment.employee_id == closed.c.mentee_id,
                CompetencyAssessment.competency_id == taught.c.competency_id,
            ),
        )
    )
    for mentorship_id, competency_id, level, source, at, row_id in db.session.execute(
        assessed
    ):
        readings[mentorship_id][competency_id].append(
            Reading(level, source, at, row_id)
        )
    ratings: dict[int, dict[FeedbackSide, int]] = defaultdict(dict)
    for mentorship_id, side, rating in db.session.execute(
        select(
            MentorshipFeedback.mentorship_id,
            MentorshipFeedback.side,
            MentorshipFeedback.rating,
        ).join(closed, closed.c.id == MentorshipFeedback.mentorship_id)
    ):
        ratings[mentorship_id][side] = rating
    rows = db.session.execute(
        select(
            closed.c.id,
            closed.c.mentor_id,
            closed.c.mentee_id,
            closed.c.started_at,
            closed.c.closed_at,
        ).order_by(closed.c.closed_at.desc(), closed.c.id.desc())
    )
    return [
        mentorship_outcome(
            id=id_,
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            started_at=started_at,
            closed_at=closed_at,
            taught=competencies.get(id_, ()),
            readings=readings.get(id_, {}),
            mentee_rating=ratings[id_].get(FeedbackSide.MENTEE),
            mentor_rating=ratings[id_].get(FeedbackSide.MENTOR),
        )
        for id_, mentor_id, mentee_id, started_at, closed_at in rows
    ]


def people(ids: Collection[int]) -> dict[int, Employee]:
    """The employees named on a page, with their units, by id (one query)."""
    if not ids:
        return {}
    return {
        employee.id: employee
        for employee in db.session.scalars(
            select(Employee)
            .where(Employee.id.in_(sorted(ids)))
            .options(joinedload(Employee.unit))
        )
    }


def people_in_closed(
    mentor_unit_ids: Collection[int] | None = None,
) -> dict[int, Employee]:
    """The mentors and mentees of the closed mentorships in the filter, by id."""
    closed = _closed(mentor_unit_ids)
    ids = select(closed.c.mentor_id).union(select(closed.c.mentee_id))
    return {
        employee.id: employee
        for employee in db.session.scalars(
            select(Employee)
            .where(Employee.id.in_(ids))
            .options(joinedload(Employee.unit))
        )
    }
