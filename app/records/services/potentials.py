"""The potential of an employee (talent assessment) by year, for the 9-box.

HR records the level an assessment found (low, medium, high: PermenPANRB
3/2020) with the assessment it rests on; never their own, one a year, never a
year to come. Each addition goes to the audit trail; a wrong one is removed
(``removal``) and entered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.models import Employee, PotentialRating, TalentLevel, User
from app.records import queries
from app.records.services import EARLIEST, audit

BASIS_MAX = 160  # the columns' lengths
NOTE_MAX = 300


@dataclass
class PotentialFields:
    """One year's potential as an assessment found it."""

    year: int
    level: str  # a TalentLevel value; anything else is refused
    basis: str  # the assessment it rests on
    note: str = ""


def _text(value: str, field: str, most: int) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(
            _l("The text contains a character that cannot be used."), field
        )
    if len(value) > most:
        raise DomainError(_l("Keep this to %(most)s characters.", most=most), field)
    return value


def potential_details(row: PotentialRating) -> dict:
    """What the audit trail keeps of a potential rating."""
    return {
        "year": row.year,
        "level": row.level.value,
        "basis": row.basis,
        "note": row.note,
    }


def check_recorder(employee: Employee, actor: User) -> None:
    """Refuse an HR officer's own potential: another officer records it."""
    if actor.employee_id is not None and actor.employee_id == employee.id:
        raise DomainError(
            _l("You cannot record your own potential: another HR officer records it.")
        )


def add_potential(
    employee: Employee, fields: PotentialFields, actor: User, today: date
) -> PotentialRating:
    """Record one year's potential rating of the employee."""
    check_recorder(employee, actor)
    try:
        level = TalentLevel(fields.level)
    except ValueError:
        raise DomainError(
            _l("Choose low, medium or high potential."), "level"
        ) from None
    year = fields.year
    if year < EARLIEST.year:
        raise DomainError(_l("Enter a year from 1950 on."), "year")
    if year > today.year:
        raise DomainError(
            _l("A year that has not come yet cannot be assessed."), "year"
        )
    basis = _text(fields.basis, "basis", BASIS_MAX)
    if not basis:
        raise DomainError(_l("Name the assessment the potential rests on."), "basis")
    note = _text(fields.note, "note", NOTE_MAX)
    if queries.potential_year_taken(employee.id, year):
        raise DomainError(
            _l(
                "The potential of %(year)d is recorded already. Remove it first "
                "to correct it.",
                year=year,
            ),
            "year",
        )
    rating = PotentialRating(
        employee_id=employee.id,
        year=year,
        level=level,
        basis=basis,
        note=note,
        recorded_by_id=actor.id,
    )
    raced = Conflict(
        _l(
            "The potential of %(year)d has been recorded since the page was "
            "opened. Reload the page.",
            year=year,
        )
    )
    with moved_on(raced):
        db.session.add(rating)
        db.session.flush()
        audit(actor, "potential.added", employee, potential_details(rating))
        db.session.commit()
    return rating
