"""Organisation and people: units, ranks, positions, employees and logins."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import (
    Education,
    EmploymentType,
    PositionKind,
    UTCDateTime,
    portable_enum,
    utcnow,
)
from app.nip import format_nip, parse_nip


class Unit(db.Model):
    """A unit kerja; units form a tree (kecamatan > seksi, kelurahan, ...)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)

    parent: Mapped[Unit | None] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list[Unit]] = relationship(back_populates="parent")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class Rank(db.Model):
    """A pangkat/golongan; ``ordinal`` orders them from I/a (1) upwards."""

    __tablename__ = "ranks"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    ordinal: Mapped[int] = mapped_column(Integer, unique=True)

    @property
    def label(self) -> str:
        """E.g. "Penata Muda (III/a)"."""
        return f"{self.name} ({self.code})"

    def __repr__(self) -> str:
        return f"<Rank {self.code}>"


class Position(db.Model):
    """A jabatan with its competency standard and minimum requirements."""

    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    kind: Mapped[PositionKind] = mapped_column(portable_enum(PositionKind))
    level: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    min_rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id"))
    min_education: Mapped[Education | None] = mapped_column(portable_enum(Education))
    min_years_in_rank: Mapped[int | None] = mapped_column(Integer)

    unit: Mapped[Unit | None] = relationship()
    min_rank: Mapped[Rank | None] = relationship()
    requirements: Mapped[list[PositionCompetency]] = relationship(
        back_populates="position", cascade="all, delete-orphan"
    )

    @property
    def family(self) -> str:
        """The jabatan without its level: "Arsiparis" for "Arsiparis Mahir".

        Functional positions are named family + jenjang; other names stand alone.
        """
        suffix = " " + self.level.replace("_", " ").title()
        if self.kind is PositionKind.FUNGSIONAL and self.name.endswith(suffix):
            return self.name.removesuffix(suffix)
        return self.name

    def __repr__(self) -> str:
        return f"<Position {self.code}>"


class PositionCompetency(db.Model):
    """The level of one competency that a position requires."""

    __tablename__ = "position_competencies"
    __table_args__ = (
        CheckConstraint("required_level BETWEEN 1 AND 5", name="required_level_range"),
    )

    position_id: Mapped[int] = mapped_column(
        ForeignKey("positions.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competencies.id"), primary_key=True
    )
    required_level: Mapped[int] = mapped_column(Integer)

    position: Mapped[Position] = relationship(back_populates="requirements")
    competency: Mapped[Competency] = relationship()  # noqa: F821


class Employee(db.Model):
    """An ASN. Birth date and gender are read from the NIP, never stored twice."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    front_title: Mapped[str] = mapped_column(String(30), default="")
    back_title: Mapped[str] = mapped_column(String(60), default="")
    employment_type: Mapped[EmploymentType] = mapped_column(
        portable_enum(EmploymentType), default=EmploymentType.PNS
    )
    education: Mapped[Education | None] = mapped_column(portable_enum(Education))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id"), index=True)
    position_id: Mapped[int | None] = mapped_column(
        ForeignKey("positions.id"), index=True
    )
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("employees.id"), index=True
    )
    rank_since: Mapped[date | None]  # TMT pangkat
    position_since: Mapped[date | None]  # TMT jabatan

    unit: Mapped[Unit] = relationship()
    rank: Mapped[Rank | None] = relationship()
    position: Mapped[Position | None] = relationship()
    supervisor: Mapped[Employee | None] = relationship(
        remote_side=[id], back_populates="subordinates"
    )
    subordinates: Mapped[list[Employee]] = relationship(back_populates="supervisor")
    user: Mapped[User | None] = relationship(back_populates="employee")

    @property
    def display_name(self) -> str:
        """The name with academic titles, as written on official letters."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_display(self) -> str:
        """The NIP grouped as printed on ID cards: 19860926 201505 1 001."""
        return format_nip(self.nip)

    @property
    def birth_date(self) -> date:
        """Birth date, from the NIP."""
        return parse_nip(self.nip).birth_date

    @property
    def gender(self) -> str:
        """ "M" or "F", from the NIP."""
        return parse_nip(self.nip).gender

    @property
    def cpns_start(self) -> date:
        """First day of the month the employee became CPNS, from the NIP."""
        return parse_nip(self.nip).cpns_start

    def __repr__(self) -> str:
        return f"<Employee {self.nip}>"


class User(UserMixin, db.Model):
    """A login. Most belong to an employee; HR and admin are flags, not rows."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int | None] = mapped_column(
        ForeignKey("employees.id"), unique=True
    )
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_hr: Mapped[bool] = mapped_column(default=False)
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    employee: Mapped[Employee | None] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email}>"
