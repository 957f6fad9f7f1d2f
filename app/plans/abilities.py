"""What a user may do with a plan: the one answer the guards and the pages ask.

Who the user is to the plan comes from ``app/access.py`` (owner, reviewer,
reader); what the plan allows comes from its period and its step in the review
workflow. The services refuse the same states with a message (``is_open``,
``is_drafting``, ``in_review``), so a button is shown exactly when its action
would be accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from app.access import can_read_plan, owns_plan, reviews_plan
from app.models import CareerPlan, PlanStatus, User

DRAFTING = (PlanStatus.DRAFT, PlanStatus.RETURNED)


def is_open(plan: CareerPlan, today: date) -> bool:
    """A plan of an earlier period is kept as history and no longer changes."""
    return plan.period >= today.year


def is_drafting(plan: CareerPlan) -> bool:
    """A draft or returned plan: its target may change and it may be submitted."""
    return plan.status in DRAFTING


def in_review(plan: CareerPlan) -> bool:
    """A submitted plan waits for its reviewer; its goals and activities hold still."""
    return plan.status is PlanStatus.SUBMITTED


@dataclass(frozen=True)
class PlanAbilities:
    """What one user may do with one plan, today."""

    is_owner: bool
    is_reviewer: bool
    is_open: bool
    can_edit: bool  # record progress, change the target, submit
    can_edit_content: bool  # goals and activities
    can_change_target: bool
    can_submit: bool
    can_review: bool  # approve or return
    plan: CareerPlan = field(repr=False, compare=False)
    user: User = field(repr=False, compare=False)

    @cached_property
    def can_read(self) -> bool:
        """Whether the user may open the plan at all (a mentor's costs a query)."""
        return can_read_plan(self.user, self.plan)


def plan_abilities(plan: CareerPlan, user: User, today: date) -> PlanAbilities:
    """What ``user`` may do with ``plan`` on ``today``."""
    owner = owns_plan(user, plan)
    reviewer = reviews_plan(user, plan)
    open_ = is_open(plan, today)
    can_edit = owner and open_
    return PlanAbilities(
        is_owner=owner,
        is_reviewer=reviewer,
        is_open=open_,
        can_edit=can_edit,
        can_edit_content=can_edit and not in_review(plan),
        can_change_target=can_edit and is_drafting(plan),
        can_submit=can_edit and is_drafting(plan),
        can_review=reviewer and open_ and in_review(plan),
        plan=plan,
        user=user,
    )
