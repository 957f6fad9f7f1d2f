"""What HR records about an employee for the career rules, one module per kind:
``employment`` (type, rank, service status, education, TMT jabatan), ``entries``
(the yearly SKP, disciplinary penalties, credit points), ``certificates`` and
``removal`` (a wrongly entered record).

Every use case checks its rules (a refusal is a ``DomainError`` beside its
field), writes in one transaction and names the HR user who recorded it; a
change of the employment data and a removed record also go to the audit trail.
The checks every kind shares live here.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from app.audit import record
from app.errors import DomainError
from app.models import Employee, User

EARLIEST = date(1950, 1, 1)  # no record of a serving ASN is older
YEARS_AHEAD = 30  # how far ahead a penalty period or a validity may reach
LIMITS = {  # the columns' lengths
    "education_field": 120,
    "description": 200,
    "decree": 80,
    "note": 200,
    "number": 80,
}


def text(value: str, field: str) -> str:
    """The text without surrounding spaces, refused beyond its column's length."""
    value = (value or "").strip()
    if len(value) > LIMITS[field]:
        raise DomainError(
            _l("Keep this to %(most)s characters.", most=LIMITS[field]), field
        )
    return value


def check_day(day: date, field: str, today: date, *, future: bool = False) -> None:
    """Refuse a date before 1950, in the future (unless ``future``) or far ahead."""
    if day < EARLIEST:
        raise DomainError(_l("Enter a date from 1950 on."), field)
    if not future and day > today:
        raise DomainError(_l("The date cannot lie in the future."), field)
    if day.year > today.year + YEARS_AHEAD:
        raise DomainError(
            _l("Enter a date before %(year)d.", year=today.year + YEARS_AHEAD + 1),
            field,
        )


def audit(actor: User, action: str, employee: Employee, details: dict) -> None:
    """Add an event about the employee's records to the audit trail."""
    record(actor, action, "employee", employee.id, details, concerns=employee.id)
