"""The append-only audit trail: who did what to which record, and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class AuditEvent(db.Model):
    """One recorded action. Rows are only ever added, never changed.

    ``subject_type``/``subject_id`` name the record acted on (e.g. "position",
    12); ``details`` holds what changed (before and after) as JSON.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(String(500), default="")
    # The employee the event is about (the applicant decided on, the owner of
    # a verified record, the employee whose records changed): they read it.
    concerns_id: Mapped[int | None] = mapped_column(
        ForeignKey("employees.id"), index=True
    )

    actor: Mapped[User | None] = relationship()  # noqa: F821
