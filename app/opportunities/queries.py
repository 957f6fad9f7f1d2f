"""Read models of the opportunity lists: HR's (drafts included), everyone's
(published, or closed for the record) and the recommendations of one employee.
Nothing here changes data; each list is a fixed number of queries."""

from __future__ import annotations

from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.i18n import localized
from app.models import (
    CareerPlan,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PlanGoal,
    Position,
    PositionCompetency,
)
from app.models.opportunities import opportunity_competencies
from app.opportunities.recommend import Candidate, Goal, Recommendation, recommend
from app.profile.services import effective_levels

STATUS_ORDER = case(
    (Opportunity.status == OpportunityStatus.DRAFT, 0),
    (Opportunity.status == OpportunityStatus.PUBLISHED, 1),
    else_=2,
)


def _escape_like(text: str) -> str:
    """Make % and _ in user input match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _searched(statement, query: str, kind: OpportunityKind | None):
    query = query.strip()
    if query:
        pattern = f"%{_escape_like(query)}%"
        statement = statement.outerjoin(
            Position, Opportunity.position_id == Position.id
        ).where(
            or_(
                Opportunity.title.ilike(pattern, escape="\\"),
                Opportunity.provider.ilike(pattern, escape="\\"),
                Position.name.ilike(pattern, escape="\\"),
            )
        )
    if kind is not None:
        statement = statement.where(Opportunity.kind == kind)
    return statement


def _listing():
    return select(Opportunity).options(joinedload(Opportunity.position))


def search_managed(
    query: str = "",
    kind: OpportunityKind | None = None,
    status: OpportunityStatus | None = None,
    page: int = 1,
    per_page: int = 25,
) -> Pagination:
    """HR's list: every opportunity, drafts first, then by closing date."""
    statement = _searched(_listing(), query, kind)
    if status is not None:
        statement = statement.where(Opportunity.status == status)
    statement = statement.order_by(STATUS_ORDER, Opportunity.closes_on, Opportunity.id)
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def search_published(
    query: str = "",
    kind: OpportunityKind | None = None,
    closed: bool = False,
    page: int = 1,
    per_page: int = 20,
) -> Pagination:
    """Everyone's list: the published ones, the soonest closing first; with
    ``closed``, the closed ones, the latest closed first."""
    statement = _searched(_listing(), query, kind)
    if closed:
        statement = statement.where(
            Opportunity.status == OpportunityStatus.CLOSED
        ).order_by(Opportunity.closes_on.desc(), Opportunity.id.desc())
    else:
        statement = statement.where(
            Opportunity.status == OpportunityStatus.PUBLISHED
        ).order_by(Opportunity.closes_on, Opportunity.id)
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def plan_goals_of(employee_id: int, year: int) -> tuple[CareerPlan | None, list[Goal]]:
    """The employee's plan for ``year`` and its competency goals, each with the
    level held now (two queries)."""
    plan = db.session.scalars(
        select(CareerPlan)
        .where(CareerPlan.employee_id == employee_id, CareerPlan.period == year)
        .options(joinedload(CareerPlan.goals).joinedload(PlanGoal.competency))
    ).first()
    if plan is None:
        return None, []
    levels = effective_levels([employee_id]).get(employee_id, {})
    goals = [
        Goal(
            g.competency_id,
            localized(g.competency, "name"),
            levels.get(g.competency_id),
            g.target_level,
        )
        for g in plan.goals
        if g.competency_id is not None and g.target_level is not None
    ]
    return plan, goals


def recommendations(
    employee_id: int, today: date
) -> list[tuple[Opportunity, Recommendation]]:
    """The open opportunities that help the employee's plan for this year most,
    with their reasons; empty without a plan (a fixed number of queries)."""
    plan, goals = plan_goals_of(employee_id, today.year)
    if plan is None:
        return []
    competency_ids = [g.competency_id for g in goals]
    trains = select(opportunity_competencies.c.opportunity_id).where(
        opportunity_competencies.c.competency_id.in_(competency_ids)
    )
    requiring = select(PositionCompetency.position_id).where(
        PositionCompetency.competency_id.in_(competency_ids)
    )
    rows = (
        db.session.scalars(
            select(Opportunity)
            .where(
                Opportunity.status == OpportunityStatus.PUBLISHED,
                Opportunity.closes_on >= today,
                or_(
                    (Opportunity.kind == OpportunityKind.TRAINING)
                    & Opportunity.id.in_(trains),
                    (Opportunity.kind == OpportunityKind.VACANCY)
                    & (
                        (Opportunity.position_id == plan.target_position_id)
                        | Opportunity.position_id.in_(requiring)
                    ),
                ),
            )
            .options(
                selectinload(Opportunity.competencies),
                joinedload(Opportunity.position).selectinload(Position.requirements),
            )
            .order_by(Opportunity.closes_on, Opportunity.id)
        )
        .unique()
        .all()
    )
    candidates = [_candidate(o) for o in rows]
    by_id = {o.id: o for o in rows}
    return [
        (by_id[r.opportunity_id], r)
        for r in recommend(candidates, goals, plan.target_position_id)
    ]


def _candidate(opportunity: Opportunity) -> Candidate:
    if opportunity.is_training:
        ids = frozenset(c.id for c in opportunity.competencies)
        return Candidate(opportunity.id, "training", ids)
    required = frozenset(r.competency_id for r in opportunity.position.requirements)
    return Candidate(opportunity.id, "vacancy", required, opportunity.position_id)
