"""Career plans (rencana pengembangan karier, IDP): goals, activities, reviews."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, portable_enum, utcnow


class PlanStatus(enum.StrEnum):
    """Where a plan stands in its review workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ActivityKind(enum.StrEnum):
    """Classical training and the non-classical forms of development."""

    TRAINING = "training"
    MENTORING = "mentoring"
    ASSIGNMENT = "assignment"  # on-the-job assignment
    COACHING = "coaching"
    SELF_STUDY = "self_study"


class ActivityStatus(enum.StrEnum):
    """How far an activity has come; dropped ones leave the progress count."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class PlanEventKind(enum.StrEnum):
    """What the plan's history records: the review steps and later changes."""

    CREATED = "created"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    # Changes to the content of an approved plan, shown to the supervisor.
    GOAL_ADDED = "goal_added"
    GOAL_CHANGED = "goal_changed"
    GOAL_REMOVED = "goal_removed"
    ACTIVITY_ADDED = "activity_added"
    ACTIVITY_CHANGED = "activity_changed"
    ACTIVITY_REMOVED = "activity_removed"


class CareerPlan(db.Model):
    """One employee's development plan for one period (a calendar year).

    ``version`` guards against lost updates: every change bumps it, and a change
    made from a page showing an older version is refused.
    """

    __tablename__ = "career_plans"
    __table_args__ = (
        UniqueConstraint("employee_id", "period"),
        CheckConstraint("period BETWEEN 2000 AND 2100", name="period_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    period: Mapped[int] = mapped_column(Integer)
    target_position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"))
    status: Mapped[PlanStatus] = mapped_column(
        portable_enum(PlanStatus), default=PlanStatus.DRAFT, index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821
    target_position: Mapped[Position] = relationship()  # noqa: F821
    goals: Mapped[list[PlanGoal]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="(PlanGoal.position, PlanGoal.id)",
    )
    events: Mapped[list[PlanEvent]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="(PlanEvent.created_at.desc(), PlanEvent.id.desc())",
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<CareerPlan {self.employee_id}/{self.period}>"


class PlanGoal(db.Model):
    """An aim of the plan: a competency to raise to a level, or a free aim."""

    __tablename__ = "plan_goals"
    __table_args__ = (
        CheckConstraint(
            "target_level IS NULL OR target_level BETWEEN 1 AND 5",
            name="target_level_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("career_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    competency_id: Mapped[int | None] = mapped_column(ForeignKey("competencies.id"))
    target_level: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[CareerPlan] = relationship(back_populates="goals")
    competency: Mapped[Competency | None] = relationship()  # noqa: F821
    activities: Mapped[list[DevelopmentActivity]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="(DevelopmentActivity.position, DevelopmentActivity.id)",
    )


class DevelopmentActivity(db.Model):
    """A kegiatan pengembangan planned for a goal, with its JP and evidence."""

    __tablename__ = "development_activities"
    __table_args__ = (
        CheckConstraint("planned_jp BETWEEN 0 AND 1000", name="planned_jp_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("plan_goals.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[ActivityKind] = mapped_column(portable_enum(ActivityKind))
    title: Mapped[str] = mapped_column(String(200))
    planned_jp: Mapped[int] = mapped_column(Integer, default=0)
    due_date: Mapped[date]
    status: Mapped[ActivityStatus] = mapped_column(
        portable_enum(ActivityStatus), default=ActivityStatus.PLANNED
    )
    evidence: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[PlanGoal] = relationship(back_populates="activities")


class PlanEvent(db.Model):
    """One line of a plan's history: a review step, or a change after approval."""

    __tablename__ = "plan_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("career_plans.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[PlanEventKind] = mapped_column(portable_enum(PlanEventKind))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    subject: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    plan: Mapped[CareerPlan] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()  # noqa: F821
