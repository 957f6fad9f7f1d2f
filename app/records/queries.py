"""Read models of an employee's personnel records: one query per kind of record."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    Certificate,
    CreditPointRecord,
    DisciplinaryPenalty,
    PerformanceRating,
    PotentialRating,
)


def ratings_of(employee_id: int) -> Sequence[PerformanceRating]:
    """The yearly SKP ratings, newest year first."""
    return db.session.scalars(
        select(PerformanceRating)
        .where(PerformanceRating.employee_id == employee_id)
        .order_by(PerformanceRating.year.desc())
    ).all()


def rating_year_taken(employee_id: int, year: int) -> bool:
    """True when the employee's SKP of ``year`` is recorded already."""
    return db.session.scalar(
        select(
            exists().where(
                PerformanceRating.employee_id == employee_id,
                PerformanceRating.year == year,
            )
        )
    )


def penalties_of(employee_id: int) -> Sequence[DisciplinaryPenalty]:
    """The disciplinary penalties, the latest to start first."""
    return db.session.scalars(
        select(DisciplinaryPenalty)
        .where(DisciplinaryPenalty.employee_id == employee_id)
        .order_by(DisciplinaryPenalty.starts_on.desc(), DisciplinaryPenalty.id.desc())
    ).all()


def credit_points_of(employee_id: int) -> Sequence[CreditPointRecord]:
    """The credit point totals, newest first: the first is the one that counts."""
    return db.session.scalars(
        select(CreditPointRecord)
        .where(CreditPointRecord.employee_id == employee_id)
        .order_by(CreditPointRecord.as_of.desc(), CreditPointRecord.id.desc())
    ).all()


def certificates_of(employee_id: int) -> Sequence[Certificate]:
    """Certificates and completed training with their type and position, newest
    first."""
    return db.session.scalars(
        select(Certificate)
        .where(Certificate.employee_id == employee_id)
        .options(joinedload(Certificate.type), joinedload(Certificate.position))
        .order_by(Certificate.issued_on.desc(), Certificate.id.desc())
    ).all()


def potentials_of(employee_id: int) -> Sequence[PotentialRating]:
    """The potential ratings (talent assessment), newest year first."""
    return db.session.scalars(
        select(PotentialRating)
        .where(PotentialRating.employee_id == employee_id)
        .order_by(PotentialRating.year.desc())
    ).all()


def potential_year_taken(employee_id: int, year: int) -> bool:
    """True when the employee's potential of ``year`` is recorded already."""
    return db.session.scalar(
        select(
            exists().where(
                PotentialRating.employee_id == employee_id,
                PotentialRating.year == year,
            )
        )
    )
