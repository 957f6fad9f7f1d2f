"""Mentoring: mentor profiles, requests, mentorships, sessions and feedback."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, portable_enum, utcnow

MAX_CAPACITY = 20


def places_left(capacity: int, taken: int) -> int:
    """Places a mentor has left: the capacity less the active mentorships."""
    return max(capacity - taken, 0)


class MentorProfile(db.Model):
    """An employee's offer to mentor; the mentor role follows from an active one.

    ``active_mentees`` counts the open mentorships. Accepting raises it with one
    conditional UPDATE (``WHERE active_mentees < capacity``), so two accepts that
    race can never both take the last place; the CHECK is the last line.
    """

    __tablename__ = "mentor_profiles"
    __table_args__ = (
        CheckConstraint(
            f"capacity BETWEEN 1 AND {MAX_CAPACITY}", name="capacity_range"
        ),
        CheckConstraint(
            "active_mentees BETWEEN 0 AND capacity", name="active_within_capacity"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), unique=True)
    capacity: Mapped[int] = mapped_column(Integer, default=3)
    active_mentees: Mapped[int] = mapped_column(
        Integer, default=0, server_default=text("0")
    )
    # Bumped by every change of places taken or of the pause: the sum over all
    # profiles only grows, so the matching cache can tell in one aggregate query
    # that some mentor's availability moved.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    expertise: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(
        String(200), default="", server_default=""
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    is_paused: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        default=utcnow,
        server_default=func.current_timestamp(),
    )

    employee: Mapped[Employee] = relationship()  # noqa: F821
    competencies: Mapped[list[MentorCompetency]] = relationship(
        back_populates="profile", cascade="all, delete-orphan"
    )

    @property
    def places_left(self) -> int:
        """Mentees the mentor can still accept."""
        return places_left(self.capacity, self.active_mentees)

    @property
    def is_open(self) -> bool:
        """Suggested and requestable: opted in, not paused, a place left."""
        return self.is_active and not self.is_paused and self.places_left > 0


class MentorCompetency(db.Model):
    """A competency a mentor offers; the level taught is the mentor's assessed one."""

    __tablename__ = "mentor_competencies"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_profiles.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competencies.id"), primary_key=True
    )

    profile: Mapped[MentorProfile] = relationship(back_populates="competencies")
    competency: Mapped[Competency] = relationship()  # noqa: F821


class RequestStatus(enum.StrEnum):
    """A mentoring request's answer; only a pending one can change."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class RequestOrigin(enum.StrEnum):
    """Who asked: the mentee themself, or HR through a cohort match."""

    MENTEE = "mentee"
    COHORT = "cohort"


request_goals = Table(
    "mentorship_request_goals",
    db.metadata,
    Column(
        "request_id",
        ForeignKey("mentorship_requests.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "goal_id", ForeignKey("plan_goals.id", ondelete="CASCADE"), primary_key=True
    ),
)


class MentorshipRequest(db.Model):
    """A mentee's request to a mentor, with a message and the plan goals it concerns.

    At most one pending request per mentee and mentor (a partial unique index).
    """

    __tablename__ = "mentorship_requests"
    __table_args__ = (
        Index(
            "uq_mentorship_requests_pending",
            "mentee_id",
            "mentor_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        CheckConstraint("mentee_id <> mentor_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[RequestStatus] = mapped_column(
        portable_enum(RequestStatus), default=RequestStatus.PENDING
    )
    origin: Mapped[RequestOrigin] = mapped_column(
        portable_enum(RequestOrigin), default=RequestOrigin.MENTEE
    )
    message: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None]  # the match score shown when it was sent
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    mentee: Mapped[Employee] = relationship(foreign_keys=[mentee_id])  # noqa: F821
    mentor: Mapped[Employee] = relationship(foreign_keys=[mentor_id])  # noqa: F821
    goals: Mapped[list[PlanGoal]] = relationship(  # noqa: F821
        secondary=request_goals, order_by="PlanGoal.position"
    )
    mentorship: Mapped[Mentorship | None] = relationship(back_populates="request")


class MentorshipStatus(enum.StrEnum):
    """An accepted request runs as active until either side closes it."""

    ACTIVE = "active"
    CLOSED = "closed"


class Mentorship(db.Model):
    """A mentor and a mentee working together, born from an accepted request."""

    __tablename__ = "mentorships"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("mentorship_requests.id"), unique=True
    )
    mentee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[MentorshipStatus] = mapped_column(
        portable_enum(MentorshipStatus), default=MentorshipStatus.ACTIVE
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    request: Mapped[MentorshipRequest] = relationship(back_populates="mentorship")
    mentee: Mapped[Employee] = relationship(foreign_keys=[mentee_id])  # noqa: F821
    mentor: Mapped[Employee] = relationship(foreign_keys=[mentor_id])  # noqa: F821
    sessions: Mapped[list[MentoringSession]] = relationship(
        back_populates="mentorship",
        cascade="all, delete-orphan",
        order_by="(MentoringSession.held_on.desc(), MentoringSession.id.desc())",
    )
    feedback: Mapped[list[MentorshipFeedback]] = relationship(
        back_populates="mentorship", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:
        return self.status is MentorshipStatus.ACTIVE


class MentoringSession(db.Model):
    """One meeting of a mentorship; linked to a plan activity it earns the mentee JP."""

    __tablename__ = "mentoring_sessions"
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 15 AND 480", name="minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("development_activities.id", ondelete="SET NULL"), index=True
    )
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    mentorship: Mapped[Mentorship] = relationship(back_populates="sessions")
    activity: Mapped[DevelopmentActivity | None] = relationship()  # noqa: F821


class FeedbackSide(enum.StrEnum):
    """Whose view of the mentorship a feedback is."""

    MENTEE = "mentee"
    MENTOR = "mentor"


class MentorshipFeedback(db.Model):
    """Each side's rating (1..5) and comment when a mentorship closes."""

    __tablename__ = "mentorship_feedback"
    __table_args__ = (
        UniqueConstraint("mentorship_id", "side"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[FeedbackSide] = mapped_column(portable_enum(FeedbackSide))
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    mentorship: Mapped[Mentorship] = relationship(back_populates="feedback")
