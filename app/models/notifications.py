"""Portal notifications: what happened that a user should know about."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, portable_enum, utcnow


class NotificationKind(enum.StrEnum):
    """What a notification is about; the message is worded when it is shown.

    Storing the kind (not a sentence) lets each reader see it in their language.
    """

    REQUEST_RECEIVED = "request_received"
    REQUEST_ACCEPTED = "request_accepted"
    REQUEST_DECLINED = "request_declined"
    REQUEST_WITHDRAWN = "request_withdrawn"
    COHORT_PROPOSED = "cohort_proposed"
    SESSION_LOGGED = "session_logged"
    MENTORSHIP_CLOSED = "mentorship_closed"
    FEEDBACK_GIVEN = "feedback_given"
    PLAN_SUBMITTED = "plan_submitted"
    PLAN_APPROVED = "plan_approved"
    PLAN_RETURNED = "plan_returned"
    OPPORTUNITY_OPENED = "opportunity_opened"
    PLACE_CONFIRMED = "place_confirmed"
    APPLICATION_DECIDED = "application_decided"
    RECORD_VERIFIED = "record_verified"
    RECORD_REJECTED = "record_rejected"


class Notification(db.Model):
    """One notice to one user, about one subject (a request, mentorship, plan,
    opportunity, application or training record)."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(portable_enum(NotificationKind))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    subject_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()  # noqa: F821

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
