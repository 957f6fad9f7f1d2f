"""Read models of the plan pages: a plan with all it shows, lists of plans, counts.

Nothing here changes data.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import (
    CareerPlan,
    Employee,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
    PositionCompetency,
    User,
)
from app.profile.services import CompetencyStanding

TEAM_PAGE_SIZE = 20


def load_plan(plan_id: int) -> CareerPlan | None:
    """A plan with its owner, target, goals, activities and history."""
    return (
        db.session.scalars(
            select(CareerPlan)
            .where(CareerPlan.id == plan_id)
            .options(
                joinedload(CareerPlan.employee).joinedload(Employee.rank),
                joinedload(CareerPlan.employee).joinedload(Employee.position),
                joinedload(CareerPlan.employee).joinedload(Employee.unit),
                joinedload(CareerPlan.target_position).joinedload(Position.min_rank),
                joinedload(CareerPlan.target_position)
                .joinedload(Position.requirements)
                .joinedload(PositionCompetency.competency),
                joinedload(CareerPlan.target_position).joinedload(Position.rules),
                selectinload(CareerPlan.goals).joinedload(PlanGoal.competency),
                selectinload(CareerPlan.goals).selectinload(PlanGoal.activities),
                selectinload(CareerPlan.events)
                .joinedload(PlanEvent.actor)
                .joinedload(User.employee),
            )
        )
        .unique()
        .first()
    )


def current_plans(
    employee_ids: Collection[int], year: int, *, activities: bool = False
) -> dict[int, CareerPlan]:
    """Each employee's current plan: this year's, else next year's.

    Target, goals and their competencies (and ``activities``) in one query.
    """
    goals = joinedload(CareerPlan.goals)
    options = [
        joinedload(CareerPlan.target_position),
        goals.joinedload(PlanGoal.competency),
    ]
    if activities:
        options.append(goals.joinedload(PlanGoal.activities))
    plans = db.session.scalars(
        select(CareerPlan)
        .where(CareerPlan.employee_id.in_(employee_ids), CareerPlan.period >= year)
        .options(*options)
        .order_by(CareerPlan.period.desc())
    ).unique()
    return {plan.employee_id: plan for plan in plans}  # the earliest period wins


def plans_of(employee_id: int) -> Sequence[CareerPlan]:
    """An employee's plans, the latest period first."""
    return db.session.scalars(
        select(CareerPlan)
        .where(CareerPlan.employee_id == employee_id)
        .options(joinedload(CareerPlan.target_position))
        .order_by(CareerPlan.period.desc())
    ).all()


def team_plans(
    supervisor_id: int, period: int, status: PlanStatus | None = None, page: int = 1
) -> tuple[Pagination, dict[int, CareerPlan]]:
    """Direct subordinates by name, a page at a time, and their plans for a period.

    With ``status`` only those whose plan is in that state.
    """
    query = (
        select(Employee)
        .where(Employee.supervisor_id == supervisor_id)
        .options(joinedload(Employee.position))
        .order_by(Employee.name, Employee.id)
    )
    if status is not None:
        query = query.where(
            select(CareerPlan.id)
            .where(
                CareerPlan.employee_id == Employee.id,
                CareerPlan.period == period,
                CareerPlan.status == status,
            )
            .exists()
        )
    people = db.paginate(query, page=page, per_page=TEAM_PAGE_SIZE, error_out=False)
    plans = db.session.scalars(
        select(CareerPlan)
        .where(
            CareerPlan.employee_id.in_([e.id for e in people.items]),
            CareerPlan.period == period,
        )
        .options(joinedload(CareerPlan.target_position))
    )
    return people, {plan.employee_id: plan for plan in plans}


def plans_awaiting_review(supervisor_id: int) -> int:
    """How many of the direct subordinates' plans wait for this supervisor."""
    return db.session.scalar(
        select(func.count(CareerPlan.id))
        .join(Employee, Employee.id == CareerPlan.employee_id)
        .where(
            Employee.supervisor_id == supervisor_id,
            CareerPlan.status == PlanStatus.SUBMITTED,
        )
    )


def changes_since_approval(plan_ids: Sequence[int]) -> dict[int, int]:
    """How many content changes each approved plan had after its last approval."""
    if not plan_ids:
        return {}
    approved_at = (
        select(PlanEvent.plan_id, func.max(PlanEvent.created_at).label("at"))
        .where(
            PlanEvent.plan_id.in_(plan_ids), PlanEvent.kind == PlanEventKind.APPROVED
        )
        .group_by(PlanEvent.plan_id)
        .subquery()
    )
    rows = db.session.execute(
        select(PlanEvent.plan_id, func.count())
        .join(approved_at, approved_at.c.plan_id == PlanEvent.plan_id)
        .where(
            PlanEvent.created_at > approved_at.c.at,
            PlanEvent.kind.in_(CHANGE_KINDS),
        )
        .group_by(PlanEvent.plan_id)
    )
    return dict(rows.all())


CHANGE_KINDS = (
    PlanEventKind.GOAL_ADDED,
    PlanEventKind.GOAL_CHANGED,
    PlanEventKind.GOAL_REMOVED,
    PlanEventKind.ACTIVITY_ADDED,
    PlanEventKind.ACTIVITY_CHANGED,
    PlanEventKind.ACTIVITY_REMOVED,
)


def uncovered_gaps(
    plan: CareerPlan, standings: Sequence[CompetencyStanding]
) -> list[CompetencyStanding]:
    """Required competencies below their level that no goal addresses yet."""
    covered = {goal.competency_id for goal in plan.goals}
    return [
        s
        for s in standings
        if s.required is not None
        and (s.gap or 0) > 0
        and s.competency.id not in covered
    ]
