"""Opportunities: trainings, vacancies and announcements, who applied or
registered, and the training records that add JP.

Limited places are held by the database: a training's ``booked`` rises with one
conditional UPDATE (``WHERE booked < quota``) and a CHECK keeps it within the
quota; a vacancy's ``applicants`` rises the same way, and its rules and merit
weights change only while it is 0 (``WHERE applicants = 0``), so a change and a
first application that race cannot both hold.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, portable_enum, utcnow

MAX_QUOTA = 10_000
MAX_POSTS = 1_000
MAX_JP = 1_000  # more than any single training programme runs
MAX_MOTIVATION = 1_000
MAX_REASON = 500


class OpportunityKind(enum.StrEnum):
    TRAINING = "training"
    VACANCY = "vacancy"
    ANNOUNCEMENT = "announcement"


class OpportunityStatus(enum.StrEnum):
    """Draft (HR only), published (open to all), closed (kept for the record)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class TrainingMode(enum.StrEnum):
    """How a training is held: classical (pelatihan klasikal) or not."""

    CLASSROOM = "classroom"
    ONLINE = "online"
    BLENDED = "blended"
    E_LEARNING = "e_learning"
    ON_THE_JOB = "on_the_job"


opportunity_competencies = Table(
    "opportunity_competencies",
    db.metadata,
    Column(
        "opportunity_id",
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("competency_id", ForeignKey("competencies.id"), primary_key=True),
)


class Opportunity(db.Model):
    """A training, a vacancy (promotion or placement) or an announcement.

    Training fields (provider .. booked) and vacancy fields (position_id ..
    weight_experience) are empty for the other kinds. The merit weights are
    whole percentages that add up to 100.
    """

    __tablename__ = "opportunities"
    __table_args__ = (
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
        CheckConstraint(f"jp IS NULL OR jp BETWEEN 1 AND {MAX_JP}", name="jp_range"),
        CheckConstraint(
            f"quota IS NULL OR quota BETWEEN 0 AND {MAX_QUOTA}", name="quota_range"
        ),
        CheckConstraint(
            "booked >= 0 AND (quota IS NULL OR booked <= quota)",
            name="booked_within_quota",
        ),
        CheckConstraint(
            f"posts IS NULL OR posts BETWEEN 1 AND {MAX_POSTS}", name="posts_range"
        ),
        CheckConstraint("applicants >= 0", name="applicants_positive"),
        CheckConstraint(
            "weight_performance IS NULL OR weight_performance"
            " + weight_competency + weight_development + weight_experience = 100",
            name="weights_add_up",
        ),
        Index("ix_opportunities_listing", "status", "kind", "closes_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OpportunityKind] = mapped_column(portable_enum(OpportunityKind))
    status: Mapped[OpportunityStatus] = mapped_column(
        portable_enum(OpportunityStatus), default=OpportunityStatus.DRAFT
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(300), default="")
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)

    provider: Mapped[str] = mapped_column(String(150), default="")
    mode: Mapped[TrainingMode | None] = mapped_column(portable_enum(TrainingMode))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    jp: Mapped[int | None] = mapped_column(Integer)
    quota: Mapped[int | None] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))

    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"))
    posts: Mapped[int | None] = mapped_column(Integer)
    weight_performance: Mapped[int | None] = mapped_column(Integer)
    weight_competency: Mapped[int | None] = mapped_column(Integer)
    weight_development: Mapped[int | None] = mapped_column(Integer)
    weight_experience: Mapped[int | None] = mapped_column(Integer)
    applicants: Mapped[int] = mapped_column(
        Integer, default=0, server_default=text("0")
    )
    selection_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Bumped by every change HR makes, so a change from a stale page is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    position: Mapped[Position | None] = relationship()  # noqa: F821
    competencies: Mapped[list[Competency]] = relationship(  # noqa: F821
        secondary=opportunity_competencies, order_by="Competency.code"
    )

    @property
    def is_training(self) -> bool:
        return self.kind is OpportunityKind.TRAINING

    @property
    def is_vacancy(self) -> bool:
        return self.kind is OpportunityKind.VACANCY

    @property
    def places_left(self) -> int | None:
        """Places a training has left (None: no quota, or not a training)."""
        if self.quota is None:
            return None
        return max(self.quota - self.booked, 0)

    @property
    def weights(self) -> dict[str, int]:
        """The published merit weights by component (empty for a non-vacancy)."""
        if self.weight_performance is None:
            return {}
        return {
            "performance": self.weight_performance,
            "competency": self.weight_competency or 0,
            "development": self.weight_development or 0,
            "experience": self.weight_experience or 0,
        }


class RegistrationStatus(enum.StrEnum):
    """A place held (registered), a place awaited (waiting), or after the fact."""

    REGISTERED = "registered"
    WAITING = "waiting"
    WITHDRAWN = "withdrawn"
    ATTENDED = "attended"
    ABSENT = "absent"


class Registration(db.Model):
    """An employee's registration for a training; the waiting list is ordered by
    ``queued_at`` (then id), and a withdrawal that frees a place moves the first
    one waiting up."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("opportunity_id", "employee_id", name="one_registration"),
        Index("ix_registrations_queue", "opportunity_id", "status", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE")
    )
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(
        portable_enum(RegistrationStatus)
    )
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    opportunity: Mapped[Opportunity] = relationship()
    employee: Mapped[Employee] = relationship()  # noqa: F821


class ApplicationStatus(enum.StrEnum):
    APPLIED = "applied"
    WITHDRAWN = "withdrawn"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"


class Application(db.Model):
    """An employee's application for a vacancy, and the decision on it.

    ``score``, ``components`` and ``rank`` are the merit figures the decision
    rested on, kept when HR closes the selection; until then they are computed
    from the records whenever they are shown.
    """

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("opportunity_id", "employee_id", name="one_application"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(
        portable_enum(ApplicationStatus), default=ApplicationStatus.APPLIED
    )
    motivation: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(MAX_REASON), default="")
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    components: Mapped[dict | None] = mapped_column(JSON)
    rank: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    opportunity: Mapped[Opportunity] = relationship()
    employee: Mapped[Employee] = relationship()  # noqa: F821


class RecordSource(enum.StrEnum):
    """Where a training record comes from: HR's attendance list or the ASN."""

    ATTENDANCE = "attendance"
    CERTIFICATE = "certificate"


class RecordStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    REJECTED = "rejected"


class TrainingRecord(db.Model):
    """Development an employee completed, in JP; only a verified one counts.

    Attendance HR marks is verified as it is recorded; an external certificate
    the employee enters waits for HR to verify or reject it.
    """

    __tablename__ = "training_records"
    __table_args__ = (
        CheckConstraint(f"jp BETWEEN 1 AND {MAX_JP}", name="jp_range"),
        Index("ix_training_records_year", "employee_id", "status", "completed_on"),
        Index("ix_training_records_queue", "status", "submitted_at"),
        # One attendance per training and person; external ones have no training.
        UniqueConstraint("opportunity_id", "employee_id", name="one_attendance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    source: Mapped[RecordSource] = mapped_column(portable_enum(RecordSource))
    status: Mapped[RecordStatus] = mapped_column(portable_enum(RecordStatus))
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(150), default="")
    certificate_number: Mapped[str] = mapped_column(String(80), default="")
    completed_on: Mapped[date] = mapped_column(Date)
    jp: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(MAX_REASON), default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    employee: Mapped[Employee] = relationship()  # noqa: F821
    opportunity: Mapped[Opportunity | None] = relationship()
