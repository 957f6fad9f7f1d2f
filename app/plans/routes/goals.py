"""Editing a plan in place: goals and their development activities."""

from __future__ import annotations

from flask import (
    request,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.i18n import local_today
from app.models import (
    ActivityStatus,
)
from app.plans import bp
from app.plans.forms import (
    ActivityForm,
    GoalForm,
    MoveForm,
    StatusForm,
    VersionedForm,
)
from app.plans.guards import activity_of, goal_of, visible_plan
from app.plans.pages import GOAL, GOALS, apply_change, open_editor
from app.plans.services import goals

# Goals --------------------------------------------------------------------------


@bp.post("/<int:plan_id>/goals")
@login_required
def create_goal(plan_id: int):
    """Add a goal: a competency to raise, or a free aim."""
    plan = visible_plan(plan_id, owner=True)
    form = GoalForm()

    def change():
        goal = goals.add_goal(
            plan, form.fields(), form.version.data, current_user, local_today()
        )
        return f"goal-{goal.id}"

    return apply_change(plan, form, "goal-new", GOALS, change, _("Goal added."))


@bp.get("/<int:plan_id>/goals/<int:goal_id>/edit")
@login_required
def edit_goal(plan_id: int, goal_id: int):
    """Show a goal's edit form in place."""
    plan = visible_plan(plan_id, owner=True)
    goal = goal_of(plan, goal_id)
    return open_editor(plan, f"goal-{goal.id}", GOAL, goal=goal)


@bp.post("/<int:plan_id>/goals/<int:goal_id>")
@login_required
def update_goal(plan_id: int, goal_id: int):
    """Save a goal's title, competency, target level and note."""
    plan = visible_plan(plan_id, owner=True)
    goal = goal_of(plan, goal_id)
    form = GoalForm()

    def change():
        fields = form.fields()
        goals.update_goal(
            plan, goal, fields, form.version.data, current_user, local_today()
        )
        return f"goal-{goal.id}"

    return apply_change(plan, form, f"goal-{goal.id}", GOALS, change, _("Goal saved."))


@bp.post("/<int:plan_id>/goals/<int:goal_id>/delete")
@login_required
def delete_goal(plan_id: int, goal_id: int):
    """Remove a goal with its activities."""
    plan = visible_plan(plan_id, owner=True)
    goal = goal_of(plan, goal_id)
    form = VersionedForm()

    def change():
        goals.remove_goal(plan, goal, form.version.data, current_user, local_today())
        return "goals"

    return apply_change(plan, form, "goals", GOALS, change, _("Goal removed."))


@bp.post("/<int:plan_id>/goals/<int:goal_id>/move")
@login_required
def move_goal(plan_id: int, goal_id: int):
    """Move a goal one place up or down."""
    plan = visible_plan(plan_id, owner=True)
    goal = goal_of(plan, goal_id)
    form = MoveForm()

    def change():
        direction = form.direction.data
        goals.move_goal(plan, goal, direction, form.version.data, local_today())
        return f"goal-{goal.id}"

    return apply_change(plan, form, "goals", GOALS, change, _("Goal moved."))


# Activities ---------------------------------------------------------------------


@bp.post("/<int:plan_id>/goals/<int:goal_id>/activities")
@login_required
def create_activity(plan_id: int, goal_id: int):
    """Add a development activity to a goal."""
    plan = visible_plan(plan_id, owner=True)
    goal = goal_of(plan, goal_id)
    form = ActivityForm()

    def change():
        activity = goals.add_activity(
            plan,
            goal,
            form.fields(),
            form.version.data,
            current_user,
            local_today(),
        )
        return f"activity-{activity.id}"

    key = f"activity-new-{goal.id}"
    return apply_change(plan, form, key, GOAL, change, _("Activity added."), goal=goal)


@bp.get("/<int:plan_id>/activities/<int:activity_id>/edit")
@login_required
def edit_activity(plan_id: int, activity_id: int):
    """Show an activity's edit form in place."""
    plan = visible_plan(plan_id, owner=True)
    activity = activity_of(plan, activity_id)
    key = f"activity-{activity.id}"
    return open_editor(plan, key, GOAL, goal=activity.goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>")
@login_required
def update_activity(plan_id: int, activity_id: int):
    """Save an activity's kind, title, JP, due date, status and evidence."""
    plan = visible_plan(plan_id, owner=True)
    activity = activity_of(plan, activity_id)
    form = ActivityForm()

    def change():
        goals.update_activity(
            plan,
            activity,
            form.fields(),
            form.version.data,
            current_user,
            local_today(),
        )
        return f"activity-{activity.id}"

    key = f"activity-{activity.id}"
    message = _("Activity saved.")
    return apply_change(plan, form, key, GOAL, change, message, goal=activity.goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>/status")
@login_required
def set_status(plan_id: int, activity_id: int):
    """Record progress on an activity: its status and evidence."""
    plan = visible_plan(plan_id, owner=True)
    activity = activity_of(plan, activity_id)
    form = StatusForm()

    def change():
        goals.set_activity_status(
            plan,
            activity,
            ActivityStatus(form.status.data),
            form.evidence.data if "evidence" in request.form else None,
            form.version.data,
            local_today(),
        )
        return f"activity-{activity.id}"

    key = f"status-{activity.id}"
    message = _("Status saved.")
    return apply_change(plan, form, key, GOAL, change, message, goal=activity.goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>/delete")
@login_required
def delete_activity(plan_id: int, activity_id: int):
    """Remove an activity."""
    plan = visible_plan(plan_id, owner=True)
    activity = activity_of(plan, activity_id)
    goal = activity.goal
    form = VersionedForm()

    def change():
        goals.remove_activity(
            plan, activity, form.version.data, current_user, local_today()
        )
        return f"goal-{goal.id}"

    message = _("Activity removed.")
    return apply_change(plan, form, f"goal-{goal.id}", GOAL, change, message, goal=goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>/move")
@login_required
def move_activity(plan_id: int, activity_id: int):
    """Move an activity one place up or down within its goal."""
    plan = visible_plan(plan_id, owner=True)
    activity = activity_of(plan, activity_id)
    form = MoveForm()

    def change():
        direction = form.direction.data
        goals.move_activity(plan, activity, direction, form.version.data, local_today())
        return f"activity-{activity.id}"

    message = _("Activity moved.")
    goal = activity.goal
    return apply_change(plan, form, f"goal-{goal.id}", GOAL, change, message, goal=goal)
