"""What progress on a plan means, and how mentoring moves it.

One definition over loaded activities (``progress_of``), the same computed in SQL
for many plans at once (``progress_by_plan``), and the rule by which logged
mentoring sessions advance an activity. The yearly JP a plan is set against
depends on the owner's employment type and is set by HR
(``app.catalogue.jp_target``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select

from app.extensions import db
from app.models import (
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    PlanGoal,
)
from app.models.types import utcnow


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


def mentoring_progress(
    status: ActivityStatus, planned_jp: int, earned_jp: int
) -> ActivityStatus:
    """An activity's status once its logged mentoring has earned ``earned_jp``.

    It starts with the first session and is done once the sessions reach its
    planned JP.
    """
    if planned_jp and earned_jp >= planned_jp:
        return ActivityStatus.DONE
    if status is ActivityStatus.PLANNED:
        return ActivityStatus.IN_PROGRESS
    return status


def progress_from_mentoring(activity: DevelopmentActivity, earned_jp: int) -> None:
    """Progress of an activity from its logged mentoring, in the caller's transaction.

    The status follows ``mentoring_progress``; the plan's version moves, so pages
    showing it refuse stale changes. The caller's commit raises StaleDataError if
    the plan changed meanwhile.
    """
    activity.status = mentoring_progress(
        activity.status, activity.planned_jp, earned_jp
    )
    activity.goal.plan.updated_at = utcnow()
