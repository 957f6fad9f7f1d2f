"""Removing a wrongly entered record; the audit trail keeps what it said."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select

from app.extensions import db
from app.models import (
    Certificate,
    CreditPointRecord,
    DisciplinaryPenalty,
    Employee,
    PerformanceRating,
    PotentialRating,
    User,
)
from app.records.services import audit
from app.records.services.potentials import potential_details


def _rating(row: PerformanceRating) -> dict:
    return {
        "year": row.year,
        "hasil_kerja": row.hasil_kerja.value,
        "perilaku": row.perilaku.value,
        "predikat": row.predikat.value,
    }


def _penalty(row: DisciplinaryPenalty) -> dict:
    return {
        "severity": row.severity.value,
        "decree": row.decree,
        "starts_on": row.starts_on.isoformat(),
        "ends_on": row.ends_on.isoformat(),
    }


def _credit_points(row: CreditPointRecord) -> dict:
    return {"total": str(row.total), "as_of": row.as_of.isoformat(), "note": row.note}


def _certificate(row: Certificate) -> dict:
    return {
        "type_id": row.type_id,
        "number": row.number,
        "issued_on": row.issued_on.isoformat(),
    }


# The sections of the records page that list rows: the model, what the audit
# trail keeps of a removed row, and the name of the action.
REMOVABLE: dict[str, tuple[type, Callable[..., dict], str]] = {
    "ratings": (PerformanceRating, _rating, "performance_rating.removed"),
    "penalties": (DisciplinaryPenalty, _penalty, "penalty.removed"),
    "credit-points": (CreditPointRecord, _credit_points, "credit_points.removed"),
    "certificates": (Certificate, _certificate, "certificate.removed"),
    "potentials": (PotentialRating, potential_details, "potential.removed"),
}


def remove_record(
    employee: Employee, section: str, record_id: int, actor: User
) -> bool:
    """Remove a wrongly entered record of the employee; False if there is none
    (another's record, or one removed meanwhile by someone else)."""
    model, details, action = REMOVABLE[section]
    mine = (model.id == record_id, model.employee_id == employee.id)
    row = db.session.scalar(select(model).where(*mine))
    if row is None:
        return False
    kept = details(row)
    # A removal another request made first leaves nothing to delete: not found.
    if not db.session.execute(delete(model).where(*mine)).rowcount:
        db.session.rollback()
        return False
    audit(actor, action, employee, kept)
    db.session.commit()
    return True
