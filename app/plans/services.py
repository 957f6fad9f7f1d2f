"""Career plans: creation with proposed goals, editing, progress and the review.

Every change names the plan version it was made from; a change from an older
version is refused (two tabs never overwrite each other silently). The workflow
is draft -> submitted -> approved | returned -> submitted -> ...
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.errors import Conflict, DomainError
from app.extensions import db
from app.i18n import localized
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    Competency,
    DevelopmentActivity,
    Employee,
    NotificationKind,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
    User,
)
from app.models.types import utcnow
from app.notifications.services import notify
from app.plans.abilities import in_review, is_drafting, is_open
from app.profile.services import CompetencyStanding

MAX_ACTIVITY_JP = 1000  # more than any single training programme runs
JP_TARGET = 20  # the yearly development right of every ASN
TEAM_PAGE_SIZE = 20
STALE_PLAN = _l(
    "This plan was changed in another window or by someone else. "
    "Reload the page to see the latest version, then try again."
)


@dataclass(frozen=True)
class Progress:
    """Share of planned JP done; of activities done when no JP is planned.

    Dropped activities leave both counts. The one definition every page shows.
    """

    planned_jp: int = 0
    done_jp: int = 0
    activities: int = 0
    done: int = 0

    @property
    def percent(self) -> int:
        if self.planned_jp:
            return round(100 * self.done_jp / self.planned_jp)
        if self.activities:
            return round(100 * self.done / self.activities)
        return 0

    @property
    def by_jp(self) -> bool:
        return self.planned_jp > 0


def progress_of(activities: Iterable[DevelopmentActivity]) -> Progress:
    """Progress over loaded activities."""
    active = [a for a in activities if a.status is not ActivityStatus.DROPPED]
    done = [a for a in active if a.status is ActivityStatus.DONE]
    return Progress(
        planned_jp=sum(a.planned_jp for a in active),
        done_jp=sum(a.planned_jp for a in done),
        activities=len(active),
        done=len(done),
    )


def plan_progress(plan: CareerPlan) -> Progress:
    """Progress of a plan whose goals and activities are loaded."""
    return progress_of(a for goal in plan.goals for a in goal.activities)


def progress_by_plan(plan_ids: Sequence[int]) -> dict[int, Progress]:
    """Progress of many plans in one query, computed as ``progress_of`` does."""
    if not plan_ids:
        return {}
    active = DevelopmentActivity.status != ActivityStatus.DROPPED
    done = DevelopmentActivity.status == ActivityStatus.DONE
    rows = db.session.execute(
        select(
            PlanGoal.plan_id,
            func.sum(case((active, DevelopmentActivity.planned_jp), else_=0)),
            func.sum(case((done, DevelopmentActivity.planned_jp), else_=0)),
            func.sum(case((active, 1), else_=0)),
            func.sum(case((done, 1), else_=0)),
        )
        .join(DevelopmentActivity, DevelopmentActivity.goal_id == PlanGoal.id)
        .where(PlanGoal.plan_id.in_(plan_ids))
        .group_by(PlanGoal.plan_id)
    )
    found = {row[0]: Progress(*(int(v or 0) for v in row[1:])) for row in rows}
    return {plan_id: found.get(plan_id, Progress()) for plan_id in plan_ids}


# Reading ---------------------------------------------------------------------


def load_plan(plan_id: int) -> CareerPlan | None:
    """A plan with its owner, target, goals, activities and history."""
    return db.session.scalars(
        select(CareerPlan)
        .where(CareerPlan.id == plan_id)
        .options(
            joinedload(CareerPlan.employee).joinedload(Employee.rank),
            joinedload(CareerPlan.employee).joinedload(Employee.position),
            joinedload(CareerPlan.employee).joinedload(Employee.unit),
            joinedload(CareerPlan.target_position).joinedload(Position.min_rank),
            selectinload(CareerPlan.goals).joinedload(PlanGoal.competency),
            selectinload(CareerPlan.goals).selectinload(PlanGoal.activities),
            selectinload(CareerPlan.events)
            .joinedload(PlanEvent.actor)
            .joinedload(User.employee),
        )
    ).first()


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


def open_periods(today: date) -> list[int]:
    """The periods a new plan may be made for: this year and the next."""
    return [today.year, today.year + 1]


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


# Changing --------------------------------------------------------------------


def _check_open(plan: CareerPlan, version: int | None, today: date) -> None:
    if version != plan.version:
        raise Conflict(STALE_PLAN)
    if not is_open(plan, today):
        raise Conflict(_l("Plans of earlier periods are closed and read-only."))


def _check_content_editable(plan: CareerPlan) -> None:
    if in_review(plan):
        raise Conflict(
            _l(
                "The plan is with your supervisor for review. It can be changed "
                "again once it is approved or returned."
            )
        )


def _save(plan: CareerPlan, *events: PlanEvent) -> None:
    """Commit a change; a concurrent one to the same plan makes it a conflict."""
    plan.updated_at = utcnow()  # bumps the version even when only children changed
    plan.events[0:0] = reversed(events)  # the history reads newest first
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(STALE_PLAN) from None


def _changed(
    plan: CareerPlan, kind: PlanEventKind, actor: User, subject: str
) -> tuple[PlanEvent, ...]:
    """A history line for a content change, recorded once a plan is approved."""
    if plan.status is not PlanStatus.APPROVED:
        return ()
    return (PlanEvent(kind=kind, actor=actor, subject=subject[:200]),)


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
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _l("You already have a plan for %(period)s.", period=period),
            field="period",
        ) from None
    return plan


def change_target(
    plan: CareerPlan, target: Position, version: int | None, today: date
) -> None:
    """Aim a draft or returned plan at another position."""
    _check_open(plan, version, today)
    if not is_drafting(plan):
        raise Conflict(
            _l("The target can only change while the plan is a draft or returned.")
        )
    plan.target_position = target
    _save(plan)


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
    _check_open(plan, version, today)
    _check_content_editable(plan)
    _check_goal(fields)
    goal = PlanGoal(
        position=max((g.position for g in plan.goals), default=-1) + 1,
        title=fields.title.strip(),
        competency=fields.competency,
        target_level=fields.target_level,
        note=fields.note.strip(),
    )
    plan.goals.append(goal)
    _save(plan, *_changed(plan, PlanEventKind.GOAL_ADDED, actor, goal.title))
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
    _check_open(plan, version, today)
    _check_content_editable(plan)
    _check_goal(fields)
    goal.title = fields.title.strip()
    goal.competency = fields.competency
    goal.target_level = fields.target_level
    goal.note = fields.note.strip()
    _save(plan, *_changed(plan, PlanEventKind.GOAL_CHANGED, actor, goal.title))


def remove_goal(
    plan: CareerPlan, goal: PlanGoal, version: int | None, actor: User, today: date
) -> None:
    """Delete a goal with its activities."""
    _check_open(plan, version, today)
    _check_content_editable(plan)
    plan.goals.remove(goal)
    _save(plan, *_changed(plan, PlanEventKind.GOAL_REMOVED, actor, goal.title))


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
    _check_open(plan, version, today)
    _check_content_editable(plan)
    _swap(list(plan.goals), goal, direction)
    plan.goals.sort(key=lambda each: each.position)
    _save(plan)


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
    _check_open(plan, version, today)
    _check_content_editable(plan)
    _check_activity(plan, fields)
    activity = DevelopmentActivity(
        position=max((a.position for a in goal.activities), default=-1) + 1
    )
    _fill(activity, fields)
    goal.activities.append(activity)
    _save(plan, *_changed(plan, PlanEventKind.ACTIVITY_ADDED, actor, activity.title))
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
    _check_open(plan, version, today)
    _check_content_editable(plan)
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
        _changed(plan, PlanEventKind.ACTIVITY_CHANGED, actor, activity.title)
        if replanned
        else ()
    )
    _save(plan, *events)


def set_activity_status(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    status: ActivityStatus,
    evidence: str | None,
    version: int | None,
    today: date,
) -> None:
    """Record progress on an activity; allowed in every state of an open plan."""
    _check_open(plan, version, today)
    activity.status = status
    if evidence is not None:
        activity.evidence = evidence.strip()
    _save(plan)


def progress_from_mentoring(activity: DevelopmentActivity, earned_jp: int) -> None:
    """Progress of an activity from its logged mentoring, in the caller's transaction.

    It starts with the first session and is done once the sessions reach its
    planned JP; the plan's version moves, so pages showing it refuse stale
    changes. The caller's commit raises StaleDataError if the plan changed meanwhile.
    """
    if activity.planned_jp and earned_jp >= activity.planned_jp:
        activity.status = ActivityStatus.DONE
    elif activity.status is ActivityStatus.PLANNED:
        activity.status = ActivityStatus.IN_PROGRESS
    activity.goal.plan.updated_at = utcnow()


def remove_activity(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    version: int | None,
    actor: User,
    today: date,
) -> None:
    """Delete an activity."""
    _check_open(plan, version, today)
    _check_content_editable(plan)
    activity.goal.activities.remove(activity)
    _save(plan, *_changed(plan, PlanEventKind.ACTIVITY_REMOVED, actor, activity.title))


def move_activity(
    plan: CareerPlan,
    activity: DevelopmentActivity,
    direction: str,
    version: int | None,
    today: date,
) -> None:
    """Move an activity one place up or down within its goal."""
    _check_open(plan, version, today)
    _check_content_editable(plan)
    _swap(list(activity.goal.activities), activity, direction)
    activity.goal.activities.sort(key=lambda each: each.position)
    _save(plan)


# The review workflow ---------------------------------------------------------


def submit(plan: CareerPlan, version: int | None, actor: User, today: date) -> None:
    """Send a draft or returned plan to the direct supervisor."""
    _check_open(plan, version, today)
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
    _save(plan, PlanEvent(kind=PlanEventKind.SUBMITTED, actor=actor))


def _review(
    plan: CareerPlan,
    status: PlanStatus,
    comment: str,
    version: int | None,
    actor: User,
    today: date,
) -> None:
    _check_open(plan, version, today)
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
    _save(plan, event)


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
