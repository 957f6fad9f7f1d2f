"""Read models of trainings and the JP record: the attendance list, the
verification queue, one's own records and the employees below their target.
Each page is a bounded number of queries, whatever the data."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from math import ceil

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    Employee,
    RecordStatus,
    Registration,
    TrainingRecord,
)
from app.opportunities import ledger
from app.opportunities.services.training import HOLDS_PLACE
from app.pagination import PagerFields

PAGE_SIZE = 50
OWN_RECORDS = 200  # a person's own list; more than a career holds


def attendance_list(opportunity_id: int, page: int) -> Pagination:
    """The people holding a place, by name, with their unit (two queries)."""
    statement = (
        select(Registration)
        .join(Employee, Registration.employee_id == Employee.id)
        .where(
            Registration.opportunity_id == opportunity_id,
            Registration.status.in_(HOLDS_PLACE),
        )
        .options(joinedload(Registration.employee).joinedload(Employee.unit))
        .order_by(Employee.name, Registration.id)
    )
    return db.paginate(statement, page=page, per_page=PAGE_SIZE, error_out=False)


def record_queue(page: int) -> Pagination:
    """Submitted certificates, oldest first, with their owner and unit."""
    statement = (
        select(TrainingRecord)
        .where(TrainingRecord.status == RecordStatus.SUBMITTED)
        .options(joinedload(TrainingRecord.employee).joinedload(Employee.unit))
        .order_by(TrainingRecord.submitted_at, TrainingRecord.id)
    )
    return db.paginate(statement, page=page, per_page=PAGE_SIZE, error_out=False)


def records_of(employee_id: int) -> list[TrainingRecord]:
    """The employee's own training records, newest first."""
    return db.session.scalars(
        select(TrainingRecord)
        .where(TrainingRecord.employee_id == employee_id)
        .order_by(TrainingRecord.completed_on.desc(), TrainingRecord.id.desc())
        .limit(OWN_RECORDS)
    ).all()


@dataclass(frozen=True)
class Below:
    """One employee below their JP target, with the JP by source."""

    employee: Employee
    training: int
    certificates: int
    mentoring: int
    total: int
    target: int

    @property
    def missing(self) -> int:
        return self.target - self.total

    @property
    def percent(self) -> int:
        return min(round(100 * self.total / self.target), 100) if self.target else 100


@dataclass(frozen=True)
class Page(PagerFields):
    """A page of rows, with what the pager macro reads."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(ceil(self.total / self.per_page), 1)


def below_target(year: int, unit_ids: Collection[int] | None, page: int) -> Page:
    """Employees below their JP target in ``year``, most missing first (two
    queries: the count and the page, each one aggregate statement)."""
    statement = ledger.below_target(year)
    if unit_ids is not None:
        statement = statement.where(Employee.unit_id.in_(unit_ids))
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = db.session.execute(
        statement.options(joinedload(Employee.unit))
        .order_by(
            (
                statement.selected_columns.target - statement.selected_columns.total
            ).desc(),
            Employee.name,
            Employee.id,
        )
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    items = [Below(row[0], *(int(value) for value in row[1:])) for row in rows]
    return Page(items, page, PAGE_SIZE, total)
