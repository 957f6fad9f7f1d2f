"""The competency dictionary and the assessed levels of employees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import (
    AssessmentSource,
    CompetencyCategory,
    UTCDateTime,
    portable_enum,
    utcnow,
)


class Competency(db.Model):
    """A competency of the ASN dictionary (manajerial, sosial kultural, teknis)."""

    __tablename__ = "competencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    category: Mapped[CompetencyCategory] = mapped_column(
        portable_enum(CompetencyCategory)
    )
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")

    levels: Mapped[list[CompetencyLevel]] = relationship(
        back_populates="competency",
        cascade="all, delete-orphan",
        order_by="CompetencyLevel.level",
    )

    def __repr__(self) -> str:
        return f"<Competency {self.code}>"


class CompetencyLevel(db.Model):
    """The observable behaviour that marks one level (1..5) of a competency."""

    __tablename__ = "competency_levels"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),)

    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competencies.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    descriptor: Mapped[str] = mapped_column(Text)
    descriptor_en: Mapped[str] = mapped_column(Text, default="")

    competency: Mapped[Competency] = relationship(back_populates="levels")


class CompetencyAssessment(db.Model):
    """One dated level given to an employee's competency; history is never edited."""

    __tablename__ = "competency_assessments"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        Index(
            "ix_competency_assessments_latest",
            "employee_id",
            "competency_id",
            "source",
            "assessed_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    competency_id: Mapped[int] = mapped_column(ForeignKey("competencies.id"))
    level: Mapped[int] = mapped_column(Integer)
    source: Mapped[AssessmentSource] = mapped_column(portable_enum(AssessmentSource))
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(500), default="")
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821
    competency: Mapped[Competency] = relationship()
    assessed_by: Mapped[User | None] = relationship()  # noqa: F821
