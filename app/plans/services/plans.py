"""Creating a plan with a goal proposed for each gap, and aiming it elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.i18n import localized
from app.models import (
    CareerPlan,
    Employee,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    Position,
    User,
)
from app.plans.abilities import is_drafting
from app.plans.services.changes import (
    check_open,
    save,
)
from app.profile.services import CompetencyStanding


def open_periods(today: date) -> list[int]:
    """The periods a new plan may be made for: this year and the next."""
    return [today.year, today.year + 1]


def goal_title_for(standing: CompetencyStanding) -> str:
    """The title of a goal proposed for a competency gap, in the user's language."""
    return gettext(
        "Raise %(name)s to level %(level)d",
        name=localized(standing.competency, "name"),
        level=standing.required,
    )


def create_plan(
    employee: Employee,
    period: int,
    target: Position,
    actor: User,
    standings: Sequence[CompetencyStanding],
    today: date,
) -> CareerPlan:
    """A draft plan for a period, with one proposed goal per competency gap.

    ``standings`` are the employee's standings against ``target``.
    """
    if period not in open_periods(today):
        raise DomainError(
            _l("Choose this year or next year as the period."), field="period"
        )
    plan = CareerPlan(employee=employee, period=period, target_position=target)
    plan.goals = [
        PlanGoal(
            position=index,
            competency=standing.competency,
            target_level=standing.required,
            title=goal_title_for(standing),
        )
        for index, standing in enumerate(
            s for s in standings if s.required is not None and (s.gap or 0) > 0
        )
    ]
    plan.events.append(PlanEvent(kind=PlanEventKind.CREATED, actor=actor))
    db.session.add(plan)
    taken = _l("You already have a plan for %(period)s.", period=period)
    with moved_on(Conflict(taken, field="period")):
        db.session.commit()
    return plan


def change_target(
    plan: CareerPlan, target: Position, version: int | None, today: date
) -> None:
    """Aim a draft or returned plan at another position."""
    check_open(plan, version, today)
    if not is_drafting(plan):
        raise Conflict(
            _l("The target can only change while the plan is a draft or returned.")
        )
    plan.target_position = target
    save(plan)
