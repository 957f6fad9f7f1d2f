"""The employment data: type, rank, service status, education and TMT jabatan,
and the day HR last checked the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from app import catalogue
from app.errors import DomainError
from app.extensions import db
from app.models import (
    Education,
    Employee,
    EmploymentType,
    Rank,
    ServiceStatus,
    User,
)
from app.nip import is_ni
from app.records.services import audit, check_day, text


@dataclass
class EmploymentFields:
    """The employment data HR keeps up to date."""

    employment_type: EmploymentType
    rank_id: int | None
    service_status: ServiceStatus
    education: Education | None
    education_field: str
    position_since: date | None  # TMT jabatan


def _employment_of(employee: Employee) -> dict:
    """The employment data as plain values, for the audit trail."""
    return {
        "employment_type": employee.employment_type.value,
        "rank": employee.rank.code if employee.rank else None,
        "service_status": employee.service_status.value,
        "education": employee.education.value if employee.education else None,
        "education_field": employee.education_field,
        "position_since": (
            employee.position_since.isoformat() if employee.position_since else None
        ),
    }


def _rank(fields: EmploymentFields) -> Rank | None:
    """The chosen rank, which must be of the catalogue for the employment type."""
    if fields.rank_id is None:
        return None
    rank = next((r for r in catalogue.ranks() if r.id == fields.rank_id), None)
    if rank is None or rank.employment_type is not fields.employment_type:
        raise DomainError(
            _l("Choose a PPPK golongan (I to XVII): a PPPK holds no pangkat.")
            if fields.employment_type is EmploymentType.PPPK
            else _l(
                "Choose a pangkat/golongan (I/a to IV/e): a PNS holds no PPPK golongan."
            ),
            "rank",
        )
    return rank


def _check(employee: Employee, fields: EmploymentFields, today: date) -> None:
    pppk = fields.employment_type is EmploymentType.PPPK
    if is_ni(employee.nip) != pppk:
        raise DomainError(
            _l("The number is an NI: this employee is a PPPK.")
            if is_ni(employee.nip)
            else _l("The number is an NIP: this employee is a PNS."),
            "employment_type",
        )
    if pppk and fields.service_status is ServiceStatus.CPNS:
        raise DomainError(
            _l("A PPPK serves no CPNS probation: choose another status."),
            "service_status",
        )
    since = fields.position_since
    if since is not None:
        check_day(since, "position_since", today)
        if since < employee.cpns_start:
            raise DomainError(
                _l("The TMT jabatan cannot lie before the start of service."),
                "position_since",
            )


def update_employment(
    employee: Employee, fields: EmploymentFields, actor: User, today: date
) -> None:
    """Set the employment type, rank, service status, education and TMT jabatan.

    The type must fit the number (an NIP is a PNS's, an NI a PPPK's) and the
    rank the type. What changed goes to the audit trail.
    """
    _check(employee, fields, today)
    rank = _rank(fields)
    education_field = text(fields.education_field, "education_field")
    before = _employment_of(employee)
    employee.employment_type = fields.employment_type
    employee.rank = rank
    employee.service_status = fields.service_status
    employee.education = fields.education
    employee.education_field = education_field
    employee.position_since = fields.position_since
    after = _employment_of(employee)
    changed = {
        key: [before[key], after[key]] for key in before if before[key] != after[key]
    }
    if changed:
        audit(actor, "employment.updated", employee, changed)
    db.session.commit()


def mark_checked(employee: Employee, actor: User, today: date) -> None:
    """Note that HR checked the person's records today: from now on a missing
    record means there is none, not that nobody looked. The trail says who."""
    employee.records_checked_on = today
    audit(actor, "records.checked", employee, {"on": today.isoformat()})
    db.session.commit()
