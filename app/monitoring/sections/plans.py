"""Career plans on the dashboard: where the plans of the period stand, how far
they have come per unit, and which have waited longest for their review.

Three aggregate queries for the page, one for the overview's tile, whatever
the number of employees:
- status counts: the people in view outer-joined to their plan of the period,
  counted per unit and status (no plan counts as "none");
- progress: each plan's share of its planned JP done (of its activities done
  when it plans no JP; dropped activities leave both counts), the definition
  of ``app.plans.progress``, summed and counted per unit: the mean is the sum
  over the count, after the roll-up;
- waiting for review: the submitted plans of the period by the moment they
  were (last) submitted, the oldest first, with the direct supervisor who
  reviews them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import (
    Float,
    Integer,
    and_,
    case,
    cast,
    func,
    null,
    select,
)
from sqlalchemy.orm import aliased

from app import catalogue
from app.extensions import db
from app.i18n import WIB
from app.models import (
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    Employee,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
)
from app.monitoring.breakdown import UnitRow, rollup, total
from app.monitoring.figures import Figure, register
from app.monitoring.people import plan_status_word
from app.monitoring.sections import Section, add
from app.monitoring.sql import days_since
from app.monitoring.view import View

KEY = "plans"

# The statuses in the order of the review workflow; "none": no plan at all.
STATUSES = ("none", "draft", "submitted", "returned", "approved")

WAITING_SHOWN = 10  # rows of the "waiting longest" table; the figure lists all


def status_word(status: str) -> str:
    """The translated name of a status of ``STATUSES``."""
    return plan_status_word(None if status == "none" else PlanStatus(status))


def _plan_of_period(view: View):
    """The join condition of an employee's plan of the period in view."""
    return and_(CareerPlan.employee_id == Employee.id, CareerPlan.period == view.period)


def _progress_percent(period: int):
    """Each plan of ``period``'s progress in percent (0..100, a float), as a
    column over a subquery to outer-join on ``plan_id``."""
    active = DevelopmentActivity.status != ActivityStatus.DROPPED
    done = DevelopmentActivity.status == ActivityStatus.DONE
    sums = (
        select(
            PlanGoal.plan_id.label("plan_id"),
            func.sum(case((active, DevelopmentActivity.planned_jp), else_=0)).label(
                "planned_jp"
            ),
            func.sum(case((done, DevelopmentActivity.planned_jp), else_=0)).label(
                "done_jp"
            ),
            func.sum(case((active, 1), else_=0)).label("activities"),
            func.sum(case((done, 1), else_=0)).label("done"),
        )
        .join(DevelopmentActivity, DevelopmentActivity.goal_id == PlanGoal.id)
        .join(CareerPlan, CareerPlan.id == PlanGoal.plan_id)
        .where(CareerPlan.period == period)
        .group_by(PlanGoal.plan_id)
        .subquery("plan_progress")
    )
    percent = case(
        (sums.c.planned_jp > 0, 100.0 * sums.c.done_jp / sums.c.planned_jp),
        (sums.c.activities > 0, 100.0 * sums.c.done / sums.c.activities),
        else_=0.0,
    )
    return sums, cast(func.coalesce(percent, 0.0), Float)


def _submitted_at(view: View):
    """When each submitted plan of the period was (last) submitted: a
    subquery and the moment's column (the plan's last change without one)."""
    events = (
        select(
            PlanEvent.plan_id.label("plan_id"),
            func.max(PlanEvent.created_at).label("at"),
        )
        .join(CareerPlan, CareerPlan.id == PlanEvent.plan_id)
        .where(
            PlanEvent.kind == PlanEventKind.SUBMITTED,
            CareerPlan.period == view.period,
            CareerPlan.status == PlanStatus.SUBMITTED,
        )
        .group_by(PlanEvent.plan_id)
        .subquery("submitted")
    )
    return events, func.coalesce(events.c.at, CareerPlan.updated_at)


# Reading the figures ---------------------------------------------------------


def status_per_unit(view: View) -> dict[int, list[int]]:
    """Per unit id, how many people in view have each status of ``STATUSES``."""
    stmt = view.restrict(
        select(Employee.unit_id, CareerPlan.status, func.count(Employee.id))
        .outerjoin(CareerPlan, _plan_of_period(view))
        .group_by(Employee.unit_id, CareerPlan.status)
    )
    per_unit: dict[int, list[int]] = {}
    for unit_id, status, count in db.session.execute(stmt):
        counts = per_unit.setdefault(unit_id, [0] * len(STATUSES))
        counts[STATUSES.index(status.value if status else "none")] += count
    return per_unit


def progress_per_unit(view: View) -> dict[int, tuple[float, int]]:
    """Per unit id, the sum of the plans' progress (percent) and the plans."""
    sums, percent = _progress_percent(view.period)
    stmt = view.restrict(
        select(Employee.unit_id, func.sum(percent), func.count(CareerPlan.id))
        .join(CareerPlan, _plan_of_period(view))
        .outerjoin(sums, sums.c.plan_id == CareerPlan.id)
        .group_by(Employee.unit_id)
    )
    return {
        unit_id: (float(summed or 0), int(plans))
        for unit_id, summed, plans in db.session.execute(stmt)
    }


@dataclass(frozen=True)
class Waiting:
    """A submitted plan, the owner and the direct supervisor who reviews it."""

    plan_id: int
    owner: Employee
    reviewer: Employee | None
    submitted_at: datetime
    days: int

    @property
    def submitted_on(self) -> date:
        """The day (in Medan) the plan was submitted."""
        return self.submitted_at.astimezone(WIB).date()


def waiting_longest(view: View, limit: int = WAITING_SHOWN) -> list[Waiting]:
    """The submitted plans of the period in view, longest waiting first."""
    events, submitted_at = _submitted_at(view)
    reviewer = aliased(Employee, name="reviewer")
    stmt = view.restrict(
        select(
            CareerPlan.id,
            Employee,
            reviewer,
            submitted_at,
            days_since(submitted_at, view.today),
        )
        .select_from(Employee)
        .join(
            CareerPlan,
            and_(_plan_of_period(view), CareerPlan.status == PlanStatus.SUBMITTED),
        )
        .outerjoin(events, events.c.plan_id == CareerPlan.id)
        .outerjoin(reviewer, reviewer.id == Employee.supervisor_id)
        .order_by(submitted_at, CareerPlan.id)
        .limit(limit)
    )
    return [Waiting(*row) for row in db.session.execute(stmt)]


def status_totals(view: View) -> dict[str, int]:
    """How many people in view have each status (the tile's one query)."""
    stmt = view.restrict(
        select(CareerPlan.status, func.count(Employee.id))
        .select_from(Employee)
        .outerjoin(CareerPlan, _plan_of_period(view))
        .group_by(CareerPlan.status)
    )
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in db.session.execute(stmt):
        counts[status.value if status else "none"] += count
    return counts


# What the templates show -------------------------------------------------------


def people_url(view: View, figure: str, unit_id: int | None = None, **params) -> str:
    """The people behind a figure, in the view (or in ``unit_id``)."""
    args = view.filters.args(unit=unit_id) if unit_id else view.filters.args()
    return url_for("monitoring.people", figure=figure, **params, **args)


def unit_url(view: View, row: UnitRow) -> str | None:
    """The section narrowed to a row's unit; None for the focus's own row."""
    if not row.drillable:
        return None
    return url_for("monitoring.section", key=KEY, **view.filters.args(unit=row.unit.id))


def _percent(part: float, whole: float) -> int | None:
    """``part`` of ``whole`` in whole percent; None of nothing."""
    return round(100 * part / whole) if whole else None


def _mean(summed: float, count: float) -> int | None:
    return round(summed / count) if count else None


def figures(view: View) -> dict[str, Any]:
    """The section page: status counts and progress per unit, and the plans
    waiting for review longest."""
    status_rows = rollup(view.filters.unit_id, status_per_unit(view))
    progress_rows = rollup(view.filters.unit_id, progress_per_unit(view))
    status_total = total(status_rows) or (0,) * len(STATUSES)
    progress_total = total(progress_rows) or (0, 0)
    progress = [
        {
            "unit": row.unit,
            "href": unit_url(view, row),
            "plans": int(row.values[1]),
            "percent": _mean(*row.values),
        }
        for row in progress_rows
    ]
    return {
        "statuses": STATUSES,
        "status_words": [status_word(s) for s in STATUSES],
        "status_rows": status_rows,
        "status_total": [int(v) for v in status_total],
        "status_chart": [
            {
                "label": row.unit.name,
                "parts": [int(v) for v in row.values],
                "href": unit_url(view, row),
            }
            for row in status_rows
        ],
        "progress": progress,
        "progress_chart": [
            {
                "label": item["unit"].name,
                "value": item["percent"] or 0,
                "text": _(
                    "%(percent)d%% (%(plans)s)",
                    percent=item["percent"] or 0,
                    plans=ngettext("%(num)d plan", "%(num)d plans", item["plans"]),
                ),
                "href": item["href"],
            }
            for item in progress
        ],
        "progress_mean": _mean(*progress_total),
        "progress_plans": int(progress_total[1]),
        "waiting": waiting_longest(view),
        "units_by_id": {unit.id: unit for unit in catalogue.units()},
        "waiting_count": int(status_total[STATUSES.index("submitted")]),
        "people_url": people_url,
        "unit_url": unit_url,
    }


def headline(view: View) -> dict[str, Any]:
    """The overview's tile: people per status and the share approved."""
    counts = status_totals(view)
    people = sum(counts.values())
    return {
        "statuses": STATUSES,
        "counts": counts,
        "words": {s: status_word(s) for s in STATUSES},
        "people": people,
        "approved_percent": _percent(counts["approved"], people),
        "people_url": people_url,
    }


add(
    Section(
        key=KEY,
        title=_l("Career plans"),
        template="monitoring/_plans.html",
        tile="monitoring/_plans_tile.html",
        figures=figures,
        headline=headline,
    )
)


# Drill-down ------------------------------------------------------------------


def _status(value: str) -> str | None:
    return value if value in STATUSES else None


def _with_status(view: View, params: Mapping[str, Any]):
    status = params["status"]
    stmt = select(Employee.id.label("employee_id"), null().label("value"))
    if status == "none":
        stmt = stmt.outerjoin(CareerPlan, _plan_of_period(view)).where(
            CareerPlan.id.is_(None)
        )
    else:
        stmt = stmt.join(
            CareerPlan,
            and_(_plan_of_period(view), CareerPlan.status == PlanStatus(status)),
        )
    return view.restrict(stmt)


def _status_title(params: Mapping[str, Any]) -> str:
    if params["status"] == "none":
        return _("People without a career plan for the year")
    return _("Career plans: %(status)s", status=status_word(params["status"]))


def _with_progress(view: View, params: Mapping[str, Any]):
    sums, percent = _progress_percent(view.period)
    return view.restrict(
        select(
            Employee.id.label("employee_id"),
            cast(func.round(percent), Integer).label("value"),
        )
        .join(CareerPlan, _plan_of_period(view))
        .outerjoin(sums, sums.c.plan_id == CareerPlan.id)
    )


def _waiting(view: View, params: Mapping[str, Any]):
    events, submitted_at = _submitted_at(view)
    return view.restrict(
        select(
            Employee.id.label("employee_id"),
            days_since(submitted_at, view.today).label("value"),
        )
        .join(
            CareerPlan,
            and_(_plan_of_period(view), CareerPlan.status == PlanStatus.SUBMITTED),
        )
        .outerjoin(events, events.c.plan_id == CareerPlan.id)
    )


register(
    Figure(
        key="plan-status",
        title=_status_title,
        people=_with_status,
        params={"status": _status},
        section=KEY,
    )
)
register(
    Figure(
        key="plan-progress",
        title=lambda params: _("Progress of the career plans"),
        people=_with_progress,
        value_label=_l("Progress (%)"),
        section=KEY,
    )
)
register(
    Figure(
        key="waiting-review",
        title=lambda params: _("Career plans waiting for review"),
        people=_waiting,
        value_label=_l("Days waiting"),
        section=KEY,
    )
)
