"""Shared pieces of the position catalogue tests."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.hr.positions.services import requirement_version, standard_version
from app.models import AuditEvent, PositionCompetency, PositionRequirement

HX = {"HX-Request": "true"}
BASIS = "PP 11/2017 jo. PP 17/2020 ps. 54"


def requirement_form(**fields) -> dict:
    """A requirement row as the form posts it (an education requirement)."""
    data = {"kind": "education", "value": "S1", "basis": BASIS, "blocking": "y"}
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def rule_of(position, kind: str) -> PositionRequirement:
    """The position's first requirement row of a kind, read fresh."""
    return db.session.scalars(
        select(PositionRequirement)
        .where(
            PositionRequirement.position_id == position.id,
            PositionRequirement.kind == kind,
        )
        .order_by(PositionRequirement.id)
    ).first()


def seen(row) -> str:
    """The version marker the page shows with a row."""
    if isinstance(row, PositionCompetency):
        return standard_version(row)
    return requirement_version(row)


def standard_row(position, competency) -> PositionCompetency | None:
    return db.session.get(PositionCompetency, (position.id, competency.id))


def events(subject_type: str = "position") -> list[AuditEvent]:
    """The audit events of a subject type, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject_type == subject_type)
            .order_by(AuditEvent.id)
        )
    )


def counts() -> tuple[int, int, int]:
    """(requirement rows, standard rows, audit events): what a refusal keeps."""
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (PositionRequirement, PositionCompetency, AuditEvent)
    )
