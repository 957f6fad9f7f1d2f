"""The people behind a figure: a page of them for the screen, all of them for
the exports; each with unit, rank, position and the plan of the period.

A fixed number of queries whatever the list's length: the rows with their
unit, rank, position and plan in one statement, and a count for the pager.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, null, select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.models import CareerPlan, Employee, PlanStatus, Unit
from app.monitoring.figures import Choice
from app.monitoring.view import View
from app.pagination import PagerFields

PAGE_SIZE = 50


@dataclass(frozen=True)
class PersonRow:
    """One person of a drill-down list."""

    employee: Employee
    value: object
    plan_id: int | None
    plan_status: PlanStatus | None


@dataclass(frozen=True)
class PeoplePage(PagerFields):
    rows: list[PersonRow]
    total: int
    page: int
    pages: int


def _selection(view: View, choice: Choice):
    """``(employee_id, value)`` of the people the figure names."""
    if choice.figure is not None:
        return choice.figure.people(view, choice.params).subquery("figure")
    return view.restrict(
        select(Employee.id.label("employee_id"), null().label("value"))
    ).subquery("figure")


def _rows(view: View, choice: Choice):
    chosen = _selection(view, choice)
    plan = CareerPlan.__table__
    stmt = (
        select(Employee, chosen.c.value, plan.c.id, plan.c.status)
        .join(chosen, chosen.c.employee_id == Employee.id)
        .join(Employee.unit)
        .outerjoin(Employee.rank)
        .outerjoin(Employee.position)
        .outerjoin(
            plan,
            and_(plan.c.employee_id == Employee.id, plan.c.period == view.period),
        )
        .options(
            contains_eager(Employee.unit),
            contains_eager(Employee.rank),
            contains_eager(Employee.position),
        )
        .order_by(Unit.code, Employee.name, Employee.id)
    )
    return stmt, chosen


def people_page(view: View, choice: Choice, page: int) -> PeoplePage:
    """One page of the people behind the figure, by unit and name."""
    stmt, chosen = _rows(view, choice)
    total = db.session.scalar(select(func.count()).select_from(chosen)) or 0
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 1), pages)
    rows = db.session.execute(stmt.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    return PeoplePage(
        [_person(*row) for row in rows], total=total, page=page, pages=pages
    )


def _person(employee, value, plan_id, status) -> PersonRow:
    return PersonRow(employee, value, plan_id, PlanStatus(status) if status else None)


HEADINGS = (
    _l("Name"),
    _l("NIP / NI PPPK"),
    _l("Employment type"),
    _l("Unit"),
    _l("Rank"),
    _l("Position"),
    _l("Plan status"),
)


def export_table(view: View, choice: Choice) -> tuple[list[str], Iterator[list]]:
    """Headings and every row of the list, worded in Indonesian: the files go
    into BKPSDM's own records, which keep one set of columns."""
    stmt, _chosen = _rows(view, choice)
    with force_locale("id"):
        headings = [str(h) for h in HEADINGS]
        if choice.figure is not None and choice.figure.value_label is not None:
            headings.append(str(choice.figure.value_label))
        rows = [_line(_person(*row), choice) for row in db.session.execute(stmt)]
    return headings, iter(rows)


def _line(person: PersonRow, choice: Choice) -> list:
    employee = person.employee
    line = [
        employee.display_name,
        employee.nip_display,
        employee.employment_type.value,
        employee.unit.name,
        employee.rank.label if employee.rank else "",
        employee.position.name if employee.position else "",
        plan_status_word(person.plan_status),
    ]
    if choice.figure is not None and choice.figure.value_label is not None:
        line.append(person.value)
    return line


PLAN_STATUS_WORDS = {
    None: _l("No plan"),
    PlanStatus.DRAFT: _l("Draft"),
    PlanStatus.SUBMITTED: _l("Awaiting review"),
    PlanStatus.RETURNED: _l("Returned"),
    PlanStatus.APPROVED: _l("Approved"),
}


def plan_status_word(status: PlanStatus | None) -> str:
    return str(PLAN_STATUS_WORDS[status])
