"""The review workflow: draft -> submitted -> approved | returned -> submitted -> ...

The owner submits to the direct supervisor, who approves or returns the plan
with a comment; each step notifies the other side and is kept in the history.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from app.errors import Conflict, DomainError
from app.models import (
    CareerPlan,
    NotificationKind,
    PlanEvent,
    PlanEventKind,
    PlanStatus,
    User,
)
from app.notifications.services import notify
from app.plans.abilities import in_review, is_drafting
from app.plans.services.changes import (
    check_open,
    save,
)


def submit(plan: CareerPlan, version: int | None, actor: User, today: date) -> None:
    """Send a draft or returned plan to the direct supervisor."""
    check_open(plan, version, today)
    if not is_drafting(plan):
        raise Conflict(_l("Only a draft or a returned plan can be submitted."))
    if not plan.goals:
        raise DomainError(_l("Add at least one goal before submitting the plan."))
    empty = [goal.title for goal in plan.goals if not goal.activities]
    if empty:
        raise DomainError(
            _l(
                "Every goal needs at least one activity. Without one: %(goals)s.",
                goals="; ".join(empty),
            )
        )
    if plan.employee.supervisor_id is None:
        raise Conflict(
            _l("No direct supervisor is recorded for you; ask HR to add one.")
        )
    notify(  # before the change: its lookups must not flush the plan early
        [plan.employee.supervisor_id],
        NotificationKind.PLAN_SUBMITTED,
        plan.id,
        actor=plan.employee,
    )
    plan.status = PlanStatus.SUBMITTED
    save(plan, PlanEvent(kind=PlanEventKind.SUBMITTED, actor=actor))


def _review(
    plan: CareerPlan,
    status: PlanStatus,
    comment: str,
    version: int | None,
    actor: User,
    today: date,
) -> None:
    check_open(plan, version, today)
    if not in_review(plan):
        raise Conflict(_l("Only a submitted plan can be reviewed."))
    if len(comment) > 2000:
        raise DomainError(
            _l("The comment can be at most 2000 characters."), field="comment"
        )
    kind = (
        NotificationKind.PLAN_APPROVED
        if status is PlanStatus.APPROVED
        else NotificationKind.PLAN_RETURNED
    )
    notify([plan.employee_id], kind, plan.id, actor=actor.employee)
    plan.status = status
    event = PlanEvent(
        kind=PlanEventKind(status.value), actor=actor, comment=comment.strip()
    )
    save(plan, event)


def approve(
    plan: CareerPlan, comment: str, version: int | None, actor: User, today: date
) -> None:
    """Approve a submitted plan, with an optional comment."""
    _review(plan, PlanStatus.APPROVED, comment, version, actor, today)


def return_plan(
    plan: CareerPlan, comment: str, version: int | None, actor: User, today: date
) -> None:
    """Send a submitted plan back to its owner; the comment says what to change."""
    if not comment.strip():
        raise DomainError(
            _l("Say what should change before returning the plan."), field="comment"
        )
    _review(plan, PlanStatus.RETURNED, comment, version, actor, today)
