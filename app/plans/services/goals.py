"""Goals and their development activities: adding, changing, moving, removing,
and recording progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from app.errors import DomainError
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    Competency,
    DevelopmentActivity,
    PlanEventKind,
    PlanGoal,
    User,
)
from app.plans.services.changes import (
    changed,
    check_content_editable,
    check_open,
    save,
)

MAX_ACTIVITY_JP = 1000  # more than any single training programme runs


@dataclass
class GoalFields:
    """What a user sets on a goal."""

    title: str
    competency: Competency | None = None
    target_level: int | None = None
    note: str = ""


def _check_goal(fields: GoalFields) -> None:
    if not fields.title.strip():
        raise DomainError(_l("Give the goal a title."), field="title")
    if fields.target_level is not None and fields.competency is None:
        raise DomainError(
            _l("A target level needs a competency."), field="target_level"
        )


def add_goal(
    plan: CareerPlan, fields: GoalFields, version: int | None, actor: User, today: date
) -> PlanGoal:
    """Append a goal to the plan."""
    check_content_editable(plan, version, today)
    _check_goal(fields)
    goal = PlanGoal(
        position=_next_position(plan.goals),
        title=fields.title.strip(),
        competency=fields.competency,
        target_level=fields.target_level,
        note=fields.note.strip(),
    )
    plan.goals.append(goal)
    save(plan, *changed(plan, PlanEventKind.GOAL_ADDED, actor, goal.title))
    return goal


def update_goal(
    plan: CareerPlan,
    goal: PlanGoal,
    fields: GoalFields,
    version: int | None,
    actor: User,
    today: date,
) -> None:
    """Change a goal's title, competency, target level or note."""
    check_content_editable(plan, version, today)
    _check_goal(fields)
    goal.title = fields.title.strip()
    goal.competency = fields.competency
    goal.target_level = fields.target_level
    goal.note = fields.note.strip()
    save(plan, *changed(plan, PlanEventKind.GOAL_CHANGED, actor, goal.title))


def remove_goal(
    plan: CareerPlan, goal: PlanGoal, version: int | None, actor: User, today: date
) -> None:
    """Delete a goal with its activities."""
    check_content_editable(plan, version, today)
    plan.goals.remove(goal)
    save(plan, *changed(plan, PlanEventKind.GOAL_REMOVED, actor, goal.title))


def _next_position(items) -> int:
    """The position after the last of ``items`` (goals or activities)."""
    return max((each.position for each in items), default=-1) + 1


def _swap(items: list, item, direction: str) -> None:
    """Move ``item`` one place up or down and renumber the positions."""
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        raise DomainError(_l("It cannot move further that way."))
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        each.position = position


def move_goal(
    plan: CareerPlan, goal: PlanGoal, direction: str, version: int | None, today: date
) -> None:
    """Move a goal one place up or down."""
    check_content_editable(plan, version, today)
    _swap(list(plan.goals), goal, direction)
    plan.goals.sort(key=lambda each: each.position)
    save(plan)


@dataclass
class ActivityFields:
    """What a user sets on a development activity."""

    kind: ActivityKind
    title: str
    planned_jp: int
    due_date: date
    status: ActivityStatus = ActivityStatus.PLANNED
    evidence: str = ""


def _check_activity(plan: CareerPlan, fields: ActivityFields) -> None:
    if not fields.title.strip():
        raise DomainError(_l("Give the activity a title."), field="title")
    if not 0 <= fields.planned_jp <= MAX_ACTIVITY_JP:
        raise DomainError(
            _l("Planned JP must be from 0 to %(max)d.", max=MAX_ACTIVITY_JP),
            field="planned_jp",
        )
    if fields.due_date.year != plan.period:
        raise DomainError(
            _l(
                "The due date must fall within the plan's period (%(period)s).",
                period=plan.period,
            ),
            field="due_date",
        )


def _fill(activity: DevelopmentActivity, fields: ActivityFields) -> None:
    activity.kind = fields.kind
    activity.title = fields.title.strip()
    activity.planned_jp = fields.planned_jp
    activity.due_date = fields.due_date
    activity.status = fields.status
    activity.evidence = fields.evidence.strip()


def add_activity(
    plan: CareerPlan,
    goal: PlanGoal,
    fields: ActivityFields,
    version: int | None,
    actor: User,
    today: date,
) -> DevelopmentActivity:
    """Add a development activity to a goal."""
    check_content_editable(plan, version, today)
    _check_activity(plan, fields)
    activity = DevelopmentActivity(position=_next_position(goal.activities))
    _fill(activity, fields)
    goal.activities.append(activity)
    save(plan, *changed(plan, PlanEventKind.ACTIVITY_ADDED, actor, activity.title))
    return activity


def update_activity(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    fields: ActivityFields,
    version: int | None,
    actor: User,
    today: date,
) -> None:
    """Change an activity; after approval a change of its plan is recorded."""
    check_content_editable(plan, version, today)
    _check_activity(plan, fields)
    planned = (activity.kind, activity.title, activity.planned_jp, activity.due_date)
    _fill(activity, fields)
    replanned = planned != (
        activity.kind,
        activity.title,
        activity.planned_jp,
        activity.due_date,
    )
    events = (
        changed(plan, PlanEventKind.ACTIVITY_CHANGED, actor, activity.title)
        if replanned
        else ()
    )
    save(plan, *events)


def set_activity_status(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    status: ActivityStatus,
    evidence: str | None,
    version: int | None,
    today: date,
) -> None:
    """Record progress on an activity; allowed in every state of an open plan."""
    check_open(plan, version, today)
    activity.status = status
    if evidence is not None:
        activity.evidence = evidence.strip()
    save(plan)


def remove_activity(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    version: int | None,
    actor: User,
    today: date,
) -> None:
    """Delete an activity."""
    check_content_editable(plan, version, today)
    activity.goal.activities.remove(activity)
    save(plan, *changed(plan, PlanEventKind.ACTIVITY_REMOVED, actor, activity.title))


def move_activity(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    direction: str,
    version: int | None,
    today: date,
) -> None:
    """Move an activity one place up or down within its goal."""
    check_content_editable(plan, version, today)
    _swap(list(activity.goal.activities), activity, direction)
    activity.goal.activities.sort(key=lambda each: each.position)
    save(plan)
