"""Certificates and completed training, verified by HR."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from app import catalogue
from app.errors import DomainError
from app.extensions import db
from app.models import (
    Certificate,
    CertificateType,
    Employee,
    Position,
    PositionKind,
    User,
)
from app.records.services import check_day, text

COMPETENCY_TEST = "UJI-KOMPETENSI"  # the certificate type that names a position
MAX_JP = 2000
JP_RANGE = _l("JP must be a whole number from 1 to %(most)d.", most=MAX_JP)


@dataclass
class CertificateFields:
    """A certificate or completed training; a competency test names its position."""

    type_code: str
    issued_on: date
    number: str = ""
    valid_until: date | None = None
    position_code: str | None = None
    jp: int | None = None


def _certificate_type(code: str) -> CertificateType:
    kind = next((t for t in catalogue.certificate_types() if t.code == code), None)
    if kind is None:
        raise DomainError(_l("Choose a type from the catalogue."), "type")
    return kind


def _tested_position(kind: CertificateType, code: str | None) -> Position | None:
    """The functional position a competency test was for; no other type names one."""
    if kind.code != COMPETENCY_TEST:
        if code:
            raise DomainError(
                _l("Only a competency test names the position it was for."),
                "position",
            )
        return None
    position = catalogue.position_by_code(code)
    if position is None or position.kind is not PositionKind.FUNGSIONAL:
        raise DomainError(
            _l("Choose the functional position the competency test was for."),
            "position",
        )
    return position


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def _valid_until(kind: CertificateType, fields: CertificateFields, today: date):
    """The given expiry, or the type's validity counted from the issue."""
    if fields.valid_until is None:
        if kind.validity_years:
            return _years_later(fields.issued_on, kind.validity_years)
        return None
    check_day(fields.valid_until, "valid_until", today, future=True)
    if fields.valid_until < fields.issued_on:
        raise DomainError(
            _l("A certificate cannot expire before it was issued."), "valid_until"
        )
    return fields.valid_until


def add_certificate(
    employee: Employee, fields: CertificateFields, actor: User, today: date
) -> Certificate:
    """Record a certificate or a completed training.

    Without a date of expiry a type that is valid for some years gets one.
    """
    kind = _certificate_type(fields.type_code)
    number = text(fields.number, "number")
    check_day(fields.issued_on, "issued_on", today)
    valid_until = _valid_until(kind, fields, today)
    position = _tested_position(kind, fields.position_code)
    if fields.jp is not None and not 1 <= fields.jp <= MAX_JP:
        raise DomainError(JP_RANGE, "jp")
    certificate = Certificate(
        employee_id=employee.id,
        type=kind,
        position=position,
        number=number,
        issued_on=fields.issued_on,
        valid_until=valid_until,
        jp=fields.jp,
        recorded_by_id=actor.id,
    )
    db.session.add(certificate)
    db.session.commit()
    return certificate
