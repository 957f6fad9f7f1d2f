"""Mentor profiles: who offers mentoring, and for how many mentees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class MentorProfile(db.Model):
    """An employee's offer to mentor; the mentor role follows from an active one."""

    __tablename__ = "mentor_profiles"
    __table_args__ = (
        CheckConstraint("capacity BETWEEN 1 AND 20", name="capacity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), unique=True)
    capacity: Mapped[int] = mapped_column(Integer, default=3)
    expertise: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821
