"""Changing a position's requirement rows and competency standard.

Each change is one transaction that also writes its audit event (who, when,
before and after). A change of an existing row names the version of the row its
page showed (``audit.version_of`` of the row's values); the write is a
conditional UPDATE or DELETE that holds only while the row still has the values
that version describes, so a change from a stale page, or one that lost a race
to another officer's, is refused with a conflict and nothing is overwritten.

Readiness is computed from these rows whenever it is shown, so a saved change
applies to every readiness figure at once.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, select, update

from app import audit, catalogue
from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.hr.positions.requirements import (
    Catalogues,
    RequirementFields,
    check_requirement,
)
from app.models import (
    Competency,
    Opportunity,
    OpportunityStatus,
    Position,
    PositionCompetency,
    PositionRequirement,
    RequirementKind,
    User,
)

SUBJECT = "position"
LEVELS = range(1, 6)
MAX_BASIS = 160
STALE_REQUIREMENT = _l(
    "This requirement has changed since the page was opened. Reload the page to "
    "see it as it is now, then try again."
)
STALE_STANDARD = _l(
    "This competency of the standard has changed since the page was opened. "
    "Reload the page to see it as it is now, then try again."
)

APPLIED = _l(
    "A published vacancy for this position has applicants: its requirements and "
    "competency standard cannot change until the vacancy is closed."
)


def refuse_while_applied(position: Position) -> None:
    """Refuse a change of the position's rules while a published vacancy for it
    has applicants: they applied under the rules as published."""
    if db.session.scalar(
        select(
            exists().where(
                Opportunity.position_id == position.id,
                Opportunity.status == OpportunityStatus.PUBLISHED,
                Opportunity.applicants > 0,
            )
        )
    ):
        raise Conflict(APPLIED)


# Requirement rows ----------------------------------------------------------------


def requirement_fields(row: PositionRequirement) -> RequirementFields:
    """A stored row as the fields a form shows."""
    return RequirementFields(
        kind=RequirementKind(row.kind),
        value=row.value,
        value_max=row.value_max,
        param=row.param,
        basis=row.basis,
        blocking=row.blocking,
        alternative=row.alternative,
        note=row.note,
    )


def requirement_version(row: PositionRequirement) -> str:
    """The version marker of a requirement row as it is now."""
    return audit.version_of(requirement_fields(row).snapshot())


def requirement_of(position: Position, requirement_id: int):
    """The position's requirement row with this id, None for another's."""
    return next((r for r in position.rules if r.id == requirement_id), None)


def _catalogues() -> Catalogues:
    return Catalogues(
        ranks=catalogue.ranks(),
        certificate_types=catalogue.certificate_types(),
    )


def _refuse_duplicate(
    position: Position, row: RequirementFields, but: int | None = None
) -> None:
    same = ("kind", "value", "value_max", "param", "alternative")
    wanted = tuple(getattr(row, name) for name in same)
    for other in position.rules:
        if other.id != but and wanted == tuple(
            getattr(requirement_fields(other), name) for name in same
        ):
            raise DomainError(
                _l("The position has this requirement already."), field="value"
            )


def _matches(row: PositionRequirement, before: RequirementFields):
    """The WHERE of a write that holds only while the row is as ``before``."""
    return (
        PositionRequirement.id == row.id,
        PositionRequirement.kind == before.kind,
        PositionRequirement.value == before.value,
        PositionRequirement.value_max == before.value_max,
        PositionRequirement.param == before.param,
        PositionRequirement.basis == before.basis,
        PositionRequirement.blocking == before.blocking,
        PositionRequirement.alternative == before.alternative,
        PositionRequirement.note == before.note,
    )


def _current(row: PositionRequirement | None, seen: str | None) -> RequirementFields:
    """The row's values, if the page showed this version of it; else a conflict."""
    if row is None or requirement_version(row) != seen:
        raise Conflict(STALE_REQUIREMENT)
    return requirement_fields(row)


def _commit(conflict: Conflict) -> None:
    with moved_on(conflict):
        db.session.commit()


def add_requirement(
    position: Position, fields: RequirementFields, actor: User
) -> PositionRequirement:
    """Add a requirement row to the position."""
    refuse_while_applied(position)
    row = check_requirement(fields, _catalogues())
    _refuse_duplicate(position, row)
    stored = row.snapshot()
    requirement = PositionRequirement(**{**stored, "kind": row.kind})
    position.rules.append(requirement)
    db.session.flush()
    audit.record(
        actor,
        "requirement.added",
        SUBJECT,
        position.id,
        {"requirement": requirement.id, "before": None, "after": stored},
    )
    _commit(Conflict(STALE_REQUIREMENT))
    return requirement


def change_requirement(
    position: Position,
    requirement: PositionRequirement | None,
    fields: RequirementFields,
    seen: str | None,
    actor: User,
) -> bool:
    """Save a requirement row as HR edited it; False when nothing changed."""
    refuse_while_applied(position)
    before = _current(requirement, seen)
    row = check_requirement(fields, _catalogues())
    if row == before:
        return False
    _refuse_duplicate(position, row, but=requirement.id)
    result = db.session.execute(
        update(PositionRequirement)
        .where(*_matches(requirement, before))
        .values(**{**row.snapshot(), "kind": row.kind})
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # changed or removed since the check above
        db.session.rollback()
        raise Conflict(STALE_REQUIREMENT)
    audit.record(
        actor,
        "requirement.changed",
        SUBJECT,
        position.id,
        {
            "requirement": requirement.id,
            "before": before.snapshot(),
            "after": row.snapshot(),
        },
    )
    _commit(Conflict(STALE_REQUIREMENT))
    return True


def remove_requirement(
    position: Position,
    requirement: PositionRequirement | None,
    seen: str | None,
    actor: User,
) -> None:
    """Remove a requirement row from the position."""
    refuse_while_applied(position)
    before = _current(requirement, seen)
    result = db.session.execute(
        delete(PositionRequirement)
        .where(*_matches(requirement, before))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(STALE_REQUIREMENT)
    audit.record(
        actor,
        "requirement.removed",
        SUBJECT,
        position.id,
        {"requirement": requirement.id, "before": before.snapshot(), "after": None},
    )
    _commit(Conflict(STALE_REQUIREMENT))


# The competency standard ------------------------------------------------------------


def standard_snapshot(row: PositionCompetency) -> dict:
    """What a competency of the standard holds, as plain JSON."""
    return {"required_level": row.required_level, "basis": row.basis}


def standard_version(row: PositionCompetency) -> str:
    """The version marker of a competency of the standard as it is now."""
    return audit.version_of(standard_snapshot(row))


def standard_of(position: Position, competency: Competency | None):
    """The position's standard row for this competency, None if it has none."""
    if competency is None:
        return None
    return next(
        (r for r in position.requirements if r.competency_id == competency.id), None
    )


def _check_level(level: int | None, basis: str) -> str:
    if level not in LEVELS:
        raise DomainError(_l("Choose a level from 1 to 5."), field="required_level")
    basis = " ".join(basis.split())
    if not basis:
        raise DomainError(
            _l("Name the regulation this level rests on (its basis)."), field="basis"
        )
    if len(basis) > MAX_BASIS:
        raise DomainError(
            _l("The basis can be at most %(max)d characters.", max=MAX_BASIS),
            field="basis",
        )
    return basis


def add_competency(
    position: Position, competency: Competency, level: int, basis: str, actor: User
) -> None:
    """Add a competency with its required level to the position's standard."""
    refuse_while_applied(position)
    basis = _check_level(level, basis)
    if standard_of(position, competency) is not None:
        raise DomainError(
            _l("This competency is in the standard already: change its level."),
            field="competency",
        )
    position.requirements.append(
        PositionCompetency(competency=competency, required_level=level, basis=basis)
    )
    after = {"required_level": level, "basis": basis}
    audit.record(
        actor,
        "competency.added",
        SUBJECT,
        position.id,
        {"competency": competency.code, "before": None, "after": after},
    )
    _commit(Conflict(STALE_STANDARD))  # another officer added it first


def _standard_matches(row: PositionCompetency, before: dict):
    return (
        PositionCompetency.position_id == row.position_id,
        PositionCompetency.competency_id == row.competency_id,
        PositionCompetency.required_level == before["required_level"],
        PositionCompetency.basis == before["basis"],
    )


def _current_standard(row: PositionCompetency | None, seen: str | None) -> dict:
    if row is None or standard_version(row) != seen:
        raise Conflict(STALE_STANDARD)
    return standard_snapshot(row)


def change_competency(
    position: Position,
    competency: Competency,
    level: int | None,
    basis: str,
    seen: str | None,
    actor: User,
) -> bool:
    """Change the required level and basis of a competency; False if unchanged."""
    refuse_while_applied(position)
    row = standard_of(position, competency)
    before = _current_standard(row, seen)
    after = {"required_level": level, "basis": _check_level(level, basis)}
    if after == before:
        return False
    result = db.session.execute(
        update(PositionCompetency)
        .where(*_standard_matches(row, before))
        .values(**after)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(STALE_STANDARD)
    audit.record(
        actor,
        "competency.changed",
        SUBJECT,
        position.id,
        {"competency": competency.code, "before": before, "after": after},
    )
    _commit(Conflict(STALE_STANDARD))
    return True


def remove_competency(
    position: Position, competency: Competency, seen: str | None, actor: User
) -> None:
    """Take a competency out of the position's standard."""
    refuse_while_applied(position)
    row = standard_of(position, competency)
    before = _current_standard(row, seen)
    result = db.session.execute(
        delete(PositionCompetency)
        .where(*_standard_matches(row, before))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(STALE_STANDARD)
    audit.record(
        actor,
        "competency.removed",
        SUBJECT,
        position.id,
        {"competency": competency.code, "before": before, "after": None},
    )
    _commit(Conflict(STALE_STANDARD))


# Key positions ---------------------------------------------------------------------


def set_key(position: Position, is_key: bool, actor: User) -> bool:
    """Mark ``position`` as a key post HR plans successors for, or unmark it;
    False when it was so already. The UPDATE holds only while the position is
    the other way, so two officers' clicks record one change."""
    result = db.session.execute(
        update(Position)
        .where(Position.id == position.id, Position.is_key.is_not(is_key))
        .values(is_key=is_key)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    audit.record(
        actor,
        "position.key_changed",
        SUBJECT,
        position.id,
        {"before": {"is_key": not is_key}, "after": {"is_key": is_key}},
    )
    db.session.commit()
    return True
