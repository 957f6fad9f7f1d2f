"""The JP ledger: development an employee completed, in JP (UU 20/2023).

Three sources count, each only once it is trustworthy:
- training records HR verified (attendance it marked, or an external
  certificate the employee entered and HR checked), on the day completed;
- certificates of completed training HR recorded in the personnel records,
  with their JP, on the day issued;
- mentoring sessions the employee attended as mentee, 45 minutes to the JP
  (PermenPANRB 38/2017's non-classical forms; the whole minutes of the period).

Everything is read for many employees at once: one query of three sums, however
many people or records.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, literal_column, select, union_all

from app import catalogue
from app.extensions import db
from app.mentoring.services.mentorships import JP_MINUTES
from app.models import (
    Certificate,
    Employee,
    EmploymentRule,
    EmploymentType,
    MentoringSession,
    Mentorship,
    RecordStatus,
    TrainingRecord,
)


@dataclass(frozen=True)
class Tally:
    """JP of one employee in a period, by source."""

    training: int = 0
    certificates: int = 0
    mentoring_minutes: int = 0

    @property
    def mentoring(self) -> int:
        return self.mentoring_minutes // JP_MINUTES

    @property
    def total(self) -> int:
        return self.training + self.certificates + self.mentoring


@dataclass(frozen=True)
class YearStanding:
    """An employee's JP this year against the target of their employment type."""

    year: int
    tally: Tally
    target: int

    @property
    def total(self) -> int:
        return self.tally.total

    @property
    def missing(self) -> int:
        return max(self.target - self.total, 0)

    @property
    def percent(self) -> int:
        """Share of the target reached, 0..100 (100 with no target)."""
        if self.target <= 0:
            return 100
        return min(round(100 * self.total / self.target), 100)

    @property
    def met(self) -> bool:
        return self.total >= self.target


def tallies(employee_ids: Collection[int], start: date, end: date) -> dict[int, Tally]:
    """Each employee's JP from ``start`` to ``end`` (both included)."""
    ids = set(employee_ids)
    if not ids:
        return {}
    # One round trip: the three sums, each tagged with its source.
    rows = db.session.execute(
        union_all(
            select(
                literal_column("'t'").label("source"),
                TrainingRecord.employee_id,
                func.sum(TrainingRecord.jp),
            )
            .where(
                TrainingRecord.employee_id.in_(ids),
                TrainingRecord.status == RecordStatus.VERIFIED,
                TrainingRecord.completed_on.between(start, end),
            )
            .group_by(TrainingRecord.employee_id),
            select(
                literal_column("'c'"), Certificate.employee_id, func.sum(Certificate.jp)
            )
            .where(
                Certificate.employee_id.in_(ids),
                Certificate.jp.is_not(None),
                Certificate.issued_on.between(start, end),
            )
            .group_by(Certificate.employee_id),
            select(
                literal_column("'m'"),
                Mentorship.mentee_id,
                func.sum(MentoringSession.minutes),
            )
            .join(Mentorship, MentoringSession.mentorship_id == Mentorship.id)
            .where(
                Mentorship.mentee_id.in_(ids),
                MentoringSession.held_on.between(start, end),
            )
            .group_by(Mentorship.mentee_id),
        )
    ).all()
    sums: dict[str, dict[int, int]] = {"t": {}, "c": {}, "m": {}}
    for source, employee_id, total in rows:
        sums[source][employee_id] = int(total or 0)
    return {
        i: Tally(sums["t"].get(i, 0), sums["c"].get(i, 0), sums["m"].get(i, 0))
        for i in ids
    }


def tally_of(employee_id: int, start: date, end: date) -> Tally:
    """One employee's JP from ``start`` to ``end``, in one query (a page that
    shows one person's standing pays one round trip, not three)."""
    training = (
        select(func.coalesce(func.sum(TrainingRecord.jp), 0))
        .where(
            TrainingRecord.employee_id == employee_id,
            TrainingRecord.status == RecordStatus.VERIFIED,
            TrainingRecord.completed_on.between(start, end),
        )
        .scalar_subquery()
    )
    certificates = (
        select(func.coalesce(func.sum(Certificate.jp), 0))
        .where(
            Certificate.employee_id == employee_id,
            Certificate.jp.is_not(None),
            Certificate.issued_on.between(start, end),
        )
        .scalar_subquery()
    )
    minutes = (
        select(func.coalesce(func.sum(MentoringSession.minutes), 0))
        .join(Mentorship, MentoringSession.mentorship_id == Mentorship.id)
        .where(
            Mentorship.mentee_id == employee_id,
            MentoringSession.held_on.between(start, end),
        )
        .scalar_subquery()
    )
    row = db.session.execute(select(training, certificates, minutes)).one()
    return Tally(*(int(value or 0) for value in row))


def year_standing(
    employee: Employee, today: date, year: int | None = None
) -> YearStanding:
    """The employee's JP in ``year`` (``today``'s by default) against their target.

    Only what is trustworthy counts (see the module): a certificate the
    employee entered counts once HR verified it, never while it waits.
    """
    year = year or today.year
    tally = tally_of(employee.id, *year_bounds(year))
    return YearStanding(year, tally, catalogue.jp_target(employee.employment_type))


def last_twelve_months(employee_ids: Collection[int], today: date) -> dict[int, int]:
    """Each employee's JP total over the twelve months up to ``today``."""
    start = today - timedelta(days=365)
    return {i: t.total for i, t in tallies(employee_ids, start, today).items()}


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _per_employee_jp(start: date, end: date):
    """Three subqueries (employee id, amount): verified training JP, certificate
    JP and mentoring minutes as mentee, each summed per employee."""
    training = (
        select(
            TrainingRecord.employee_id.label("employee_id"),
            func.sum(TrainingRecord.jp).label("amount"),
        )
        .where(
            TrainingRecord.status == RecordStatus.VERIFIED,
            TrainingRecord.completed_on.between(start, end),
        )
        .group_by(TrainingRecord.employee_id)
        .subquery("training_jp")
    )
    certificates = (
        select(
            Certificate.employee_id.label("employee_id"),
            func.sum(Certificate.jp).label("amount"),
        )
        .where(Certificate.jp.is_not(None), Certificate.issued_on.between(start, end))
        .group_by(Certificate.employee_id)
        .subquery("certificate_jp")
    )
    mentoring = (
        select(
            Mentorship.mentee_id.label("employee_id"),
            func.sum(MentoringSession.minutes).label("amount"),
        )
        .join(Mentorship, MentoringSession.mentorship_id == Mentorship.id)
        .where(MentoringSession.held_on.between(start, end))
        .group_by(Mentorship.mentee_id)
        .subquery("mentoring_minutes")
    )
    return training, certificates, mentoring


def target_of(employee):
    """The yearly JP target of ``employee``'s employment type as a SQL
    expression: HR's rule (a subquery on the small rules table), else the
    default; no extra query before the statement that uses it."""
    saved = (
        select(EmploymentRule.jp_target)
        .where(EmploymentRule.employment_type == employee.employment_type)
        .scalar_subquery()
    )
    default = case(
        *(
            (employee.employment_type == kind, catalogue.DEFAULT_JP_TARGETS[kind][0])
            for kind in EmploymentType
        ),
        else_=0,
    )
    return func.coalesce(saved, default)


def below_target(year: int):
    """A SELECT of the employees below their JP target in ``year``.

    Columns: the Employee, ``training``, ``certificates``, ``mentoring`` (JP),
    ``total`` and ``target``; computed by the database in one statement
    (aggregates per source joined to the employees), never employee by employee.
    The caller filters (units), orders and pages it.
    """
    training, certificates, mentoring = _per_employee_jp(*year_bounds(year))
    training_jp = func.coalesce(training.c.amount, 0)
    certificate_jp = func.coalesce(certificates.c.amount, 0)
    mentoring_jp = func.coalesce(mentoring.c.amount, 0) // JP_MINUTES
    total = training_jp + certificate_jp + mentoring_jp
    target = target_of(Employee)
    return (
        select(
            Employee,
            training_jp.label("training"),
            certificate_jp.label("certificates"),
            mentoring_jp.label("mentoring"),
            total.label("total"),
            target.label("target"),
        )
        .outerjoin(training, training.c.employee_id == Employee.id)
        .outerjoin(certificates, certificates.c.employee_id == Employee.id)
        .outerjoin(mentoring, mentoring.c.employee_id == Employee.id)
        .where(total < target)
    )
