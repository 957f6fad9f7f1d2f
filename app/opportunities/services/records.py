"""Training records: attendance HR marks, external certificates the ASN enters
and HR verifies or rejects. Only a verified record adds JP (see ``ledger``).

Each decision is audited (``attendance.marked``, ``jp.verified``,
``jp.rejected``, about the employee concerned) and a verification notifies the
owner. A record moves out of "submitted" with one conditional UPDATE, so two
HR officers deciding at once cannot both win; attendance creates at most one
record per training and person (the ``one_attendance`` constraint).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app import audit
from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.models import (
    Employee,
    NotificationKind,
    Opportunity,
    RecordSource,
    RecordStatus,
    Registration,
    RegistrationStatus,
    TrainingRecord,
    User,
)
from app.models.opportunities import MAX_JP, MAX_REASON
from app.models.types import utcnow
from app.notifications.services import notify
from app.records.services import check_day

LIMITS = {"title": 200, "provider": 150, "certificate_number": 80}
JP_RANGE = _l("JP must be a whole number from 1 to %(most)d.", most=MAX_JP)


class NotYours(DomainError):
    """HR deciding on their own record or attendance: never allowed."""

    status = 403


OWN_RECORD = _l("You cannot verify your own training record.")
OWN_ATTENDANCE = _l("You cannot mark your own attendance.")


@dataclass
class CertificateFields:
    """An external certificate as the employee entered it."""

    title: str
    provider: str
    certificate_number: str
    completed_on: date
    jp: int


def _text(value: str | None, field: str, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_l("This field is required."), field)
    if len(value) > LIMITS[field]:
        raise DomainError(
            _l("Keep this to %(most)s characters.", most=LIMITS[field]), field
        )
    return value


def submit_certificate(
    employee: Employee, fields: CertificateFields, today: date
) -> TrainingRecord:
    """The employee enters a certificate; it counts once HR verifies it."""
    title = _text(fields.title, "title", required=True)
    provider = _text(fields.provider, "provider")
    number = _text(fields.certificate_number, "certificate_number")
    check_day(fields.completed_on, "completed_on", today)
    if not 1 <= fields.jp <= MAX_JP:
        raise DomainError(JP_RANGE, "jp")
    record = TrainingRecord(
        employee_id=employee.id,
        source=RecordSource.CERTIFICATE,
        status=RecordStatus.SUBMITTED,
        title=title,
        provider=provider,
        certificate_number=number,
        completed_on=fields.completed_on,
        jp=fields.jp,
    )
    db.session.add(record)
    db.session.commit()
    return record


def _decide(
    record: TrainingRecord, actor: User, status: RecordStatus, reason: str
) -> None:
    if record.employee_id == actor.employee_id:
        raise NotYours(OWN_RECORD)
    moved = db.session.execute(
        update(TrainingRecord)
        .where(
            TrainingRecord.id == record.id,
            TrainingRecord.status == RecordStatus.SUBMITTED,
        )
        .values(
            status=status,
            reason=reason,
            verified_at=utcnow(),
            verified_by_id=actor.id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        db.session.rollback()
        raise Conflict(_l("This record has already been decided."))
    verified = status is RecordStatus.VERIFIED
    audit.record(
        actor,
        "jp.verified" if verified else "jp.rejected",
        "training_record",
        record.id,
        {"title": record.title, "jp": record.jp},
        reason=reason,
        concerns=record.employee_id,
    )
    notify(
        [record.employee_id],
        NotificationKind.RECORD_VERIFIED
        if verified
        else NotificationKind.RECORD_REJECTED,
        record.id,
        actor=actor.employee,
    )
    db.session.commit()
    db.session.expire(record)


def verify(record: TrainingRecord, actor: User) -> None:
    """HR verifies a submitted certificate: its JP count from now on."""
    _decide(record, actor, RecordStatus.VERIFIED, "")


def reject(record: TrainingRecord, actor: User, reason: str) -> None:
    """HR rejects a submitted certificate, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Say why the record is rejected."), "reason")
    if len(reason) > MAX_REASON:
        raise DomainError(
            _l("Keep the reason to %(most)s characters.", most=MAX_REASON), "reason"
        )
    _decide(record, actor, RecordStatus.REJECTED, reason)


def attendance_refusal(opportunity: Opportunity, today: date):
    """Why attendance of the training cannot be marked today, or None."""
    if not opportunity.is_training:
        return _l("Only a training has attendance.")
    started = opportunity.starts_on or opportunity.opens_on
    if today < started:
        return _l(
            "Attendance can be marked once the training has started (%(day)s).",
            day=started.isoformat(),
        )
    return None


def mark_attendance(
    opportunity: Opportunity,
    registration_id: int,
    attended: bool,
    actor: User,
    today: date,
) -> Registration:
    """Mark a registered person as attended or absent, once.

    Attended adds a verified record of the training's JP, completed on its last
    day (today if that lies ahead), in the same transaction.
    """
    refusal = attendance_refusal(opportunity, today)
    if refusal is not None:
        raise Conflict(refusal)
    registration = db.session.scalars(
        select(Registration).where(
            Registration.id == registration_id,
            Registration.opportunity_id == opportunity.id,
        )
    ).first()
    if registration is None:
        raise DomainError(_l("Choose a person registered for this training."))
    if registration.employee_id == actor.employee_id:
        raise NotYours(OWN_ATTENDANCE)
    if registration.status in (RegistrationStatus.ATTENDED, RegistrationStatus.ABSENT):
        raise Conflict(_l("Attendance of this person is already marked."))
    status = RegistrationStatus.ATTENDED if attended else RegistrationStatus.ABSENT
    moved = db.session.execute(
        update(Registration)
        .where(
            Registration.id == registration.id,
            Registration.status == RegistrationStatus.REGISTERED,
        )
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        db.session.rollback()
        raise Conflict(_l("Only a registered person's attendance can be marked."))
    details = {"opportunity": opportunity.id, "attended": attended}
    if attended and opportunity.jp:
        completed_on = min(opportunity.ends_on or today, today)
        db.session.add(
            TrainingRecord(
                employee_id=registration.employee_id,
                source=RecordSource.ATTENDANCE,
                status=RecordStatus.VERIFIED,
                opportunity_id=opportunity.id,
                title=opportunity.title,
                provider=opportunity.provider,
                completed_on=completed_on,
                jp=opportunity.jp,
                verified_at=utcnow(),
                verified_by_id=actor.id,
            )
        )
        details["jp"] = opportunity.jp
    audit.record(
        actor,
        "attendance.marked",
        "registration",
        registration.id,
        details,
        concerns=registration.employee_id,
    )
    with moved_on(Conflict(_l("Attendance of this person is already marked."))):
        db.session.commit()
    db.session.expire(registration)
    return registration
