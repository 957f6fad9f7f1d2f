"""The yearly SKP rating, disciplinary penalties and credit points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.models import (
    CreditPointRecord,
    DisciplinaryPenalty,
    Employee,
    Expectation,
    PenaltySeverity,
    PerformanceRating,
    User,
    predikat_of,
)
from app.records import queries
from app.records.services import EARLIEST, check_day, text

# Numeric(8, 3): five whole digits and three decimals.
MAX_CREDIT_POINTS = Decimal("99999.999")
CREDIT_POINTS_RANGE = _l(
    "Enter the credit points as a number from 0 to 99999.999, with at most three "
    "decimals."
)


@dataclass
class RatingFields:
    """One year's SKP: work results and work behaviour against expectations."""

    year: int
    hasil_kerja: Expectation
    perilaku: Expectation


@dataclass
class PenaltyFields:
    """A disciplinary penalty (PP 94/2021) and its period."""

    severity: PenaltySeverity
    decree: str  # nomor SK
    description: str
    starts_on: date
    ends_on: date


@dataclass
class CreditPointFields:
    """The cumulative angka kredit as of a date (e.g. from a PAK)."""

    total: Decimal
    as_of: date
    note: str = ""


def add_rating(
    employee: Employee, fields: RatingFields, actor: User, today: date
) -> PerformanceRating:
    """Record one year's SKP; the predikat follows from the PermenPANRB 6/2022
    matrix. One rating per year: a wrong one is removed, then entered again."""
    year = fields.year
    if year < EARLIEST.year:
        raise DomainError(_l("Enter a year from 1950 on."), "year")
    if year > today.year:
        raise DomainError(_l("A year that has not come yet cannot be rated."), "year")
    if queries.rating_year_taken(employee.id, year):
        raise DomainError(
            _l(
                "The SKP of %(year)d is recorded already. Remove it first to "
                "correct it.",
                year=year,
            ),
            "year",
        )
    rating = PerformanceRating(
        employee_id=employee.id,
        year=year,
        hasil_kerja=fields.hasil_kerja,
        perilaku=fields.perilaku,
        predikat=predikat_of(fields.hasil_kerja, fields.perilaku),
        recorded_by_id=actor.id,
    )
    # Two officers may enter the same year at once: the unique index decides.
    raced = Conflict(
        _l(
            "The SKP of %(year)d has been recorded since the page was opened. "
            "Reload the page.",
            year=year,
        )
    )
    with moved_on(raced):
        db.session.add(rating)
        db.session.commit()
    return rating


def add_penalty(
    employee: Employee, fields: PenaltyFields, actor: User, today: date
) -> DisciplinaryPenalty:
    """Record a disciplinary penalty with its decree and period."""
    decree = text(fields.decree, "decree")
    if not decree:
        raise DomainError(_l("Enter the number of the decree (nomor SK)."), "decree")
    description = text(fields.description, "description")
    check_day(fields.starts_on, "starts_on", today, future=True)
    check_day(fields.ends_on, "ends_on", today, future=True)
    if fields.ends_on < fields.starts_on:
        raise DomainError(_l("The penalty cannot end before it starts."), "ends_on")
    penalty = DisciplinaryPenalty(
        employee_id=employee.id,
        severity=fields.severity,
        decree=decree,
        description=description,
        starts_on=fields.starts_on,
        ends_on=fields.ends_on,
        recorded_by_id=actor.id,
    )
    db.session.add(penalty)
    db.session.commit()
    return penalty


def add_credit_points(
    employee: Employee, fields: CreditPointFields, actor: User, today: date
) -> CreditPointRecord:
    """Record the cumulative credit points as of a date; the newest counts."""
    total = fields.total
    if (
        not total.is_finite()
        or not 0 <= total <= MAX_CREDIT_POINTS
        or total.as_tuple().exponent < -3
    ):
        raise DomainError(CREDIT_POINTS_RANGE, "total")
    check_day(fields.as_of, "as_of", today)
    record = CreditPointRecord(
        employee_id=employee.id,
        total=total,
        as_of=fields.as_of,
        note=text(fields.note, "note"),
        recorded_by_id=actor.id,
    )
    db.session.add(record)
    db.session.commit()
    return record
