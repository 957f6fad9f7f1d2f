"""What the plan views load and check first: only what the user may see.

A plan the user may not read answers 404, so that its existence cannot be
probed; an action the user may not take on a plan they can read answers 403.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.i18n import local_today
from app.models import CareerPlan
from app.plans.abilities import plan_abilities
from app.plans.queries import load_plan


def visible_plan(plan_id: int, *, owner: bool = False, reviewer: bool = False):
    """The plan if the user may read it (404 otherwise) and act as asked (403)."""
    plan = load_plan(plan_id)
    if plan is None:
        abort(404)
    abilities = plan_abilities(plan, current_user, local_today())
    if not abilities.can_read:
        abort(404)
    if owner and not abilities.is_owner:
        abort(403)
    if reviewer and not abilities.is_reviewer:
        abort(403)
    return plan


def goal_of(plan: CareerPlan, goal_id: int):
    """The plan's goal with this id; 404 for another plan's."""
    goal = next((g for g in plan.goals if g.id == goal_id), None)
    if goal is None:
        abort(404)
    return goal


def activity_of(plan: CareerPlan, activity_id: int):
    """The plan's activity with this id; 404 for another plan's."""
    for goal in plan.goals:
        for activity in goal.activities:
            if activity.id == activity_id:
                return activity
    abort(404)
