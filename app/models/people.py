"""Organisation and people: units, ranks, positions, employees and logins."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import (
    Education,
    EmploymentType,
    PositionKind,
    RequirementKind,
    ServiceStatus,
    UTCDateTime,
    portable_enum,
    utcnow,
)
from app.nip import format_number, parse_number


class Unit(db.Model):
    """A unit kerja; units form a tree by organisation (under whom).

    ``area`` is the wilayah the unit serves, kept apart from the tree: a UPT
    Puskesmas in Medan Marelan belongs to Dinas Kesehatan, not to the Camat.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    area: Mapped[str] = mapped_column(String(80), default="")

    parent: Mapped[Unit | None] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list[Unit]] = relationship(back_populates="parent")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class Rank(db.Model):
    """A PNS pangkat/golongan (I/a..IV/e) or a PPPK golongan (I..XVII).

    ``ordinal`` orders the ranks of one employment type from the lowest (1).
    """

    __tablename__ = "ranks"
    __table_args__ = (UniqueConstraint("employment_type", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    ordinal: Mapped[int] = mapped_column(Integer)
    employment_type: Mapped[EmploymentType] = mapped_column(
        portable_enum(EmploymentType), default=EmploymentType.PNS
    )

    @property
    def label(self) -> str:
        """E.g. "Penata Muda (III/a)"; a PPPK golongan is its name alone."""
        if self.employment_type is EmploymentType.PPPK:
            return self.name
        return f"{self.name} ({self.code})"

    def __repr__(self) -> str:
        return f"<Rank {self.code}>"


class Position(db.Model):
    """A jabatan: where it sits on its ladder, its competency standard and rules.

    ``level`` is the jenjang (ahli_pertama .. penyelia), the managerial level
    (pengawas, administrator, pratama ...) or pelaksana; ``family`` names the
    functional position without its jenjang ("Arsiparis"). ``eselon`` (IIIa,
    IVb ...) and ``kelas_jabatan`` (1-17) compare posts across ladders. The rank
    band (``min_rank``..``max_rank``) is where holders of the post sit; what a
    candidate must hold is a requirement row.
    """

    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    kind: Mapped[PositionKind] = mapped_column(portable_enum(PositionKind))
    level: Mapped[str] = mapped_column(String(20))
    family: Mapped[str] = mapped_column(String(120), default="")
    eselon: Mapped[str | None] = mapped_column(String(4))
    kelas_jabatan: Mapped[int | None] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    min_rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id"))
    max_rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id"))
    # A key post (jabatan kritikal) HR plans successors for.
    is_key: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )

    unit: Mapped[Unit | None] = relationship()
    min_rank: Mapped[Rank | None] = relationship(foreign_keys=[min_rank_id])
    max_rank: Mapped[Rank | None] = relationship(foreign_keys=[max_rank_id])
    requirements: Mapped[list[PositionCompetency]] = relationship(
        back_populates="position", cascade="all, delete-orphan"
    )
    rules: Mapped[list[PositionRequirement]] = relationship(
        back_populates="position",
        cascade="all, delete-orphan",
        order_by="PositionRequirement.id",
    )

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
    basis: Mapped[str] = mapped_column(String(160), default="PermenPANRB 38/2017")

    position: Mapped[Position] = relationship(back_populates="requirements")
    competency: Mapped[Competency] = relationship()  # noqa: F821


class PositionRequirement(db.Model):
    """One requirement of a position other than a competency level.

    What ``value``, ``value_max`` and ``param`` mean depends on ``kind`` (see
    ``RequirementKind``). ``basis`` names the regulation the rule rests on and is
    never empty. A requirement that is not ``blocking`` is a gap to plan for
    (leadership training follows appointment). Rows of one position that share
    an ``alternative`` label are met when any one of them is.
    """

    __tablename__ = "position_requirements"
    __table_args__ = (CheckConstraint("basis <> ''", name="basis_given"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(
        ForeignKey("positions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RequirementKind] = mapped_column(portable_enum(RequirementKind))
    value: Mapped[str] = mapped_column(String(80), default="")
    value_max: Mapped[str] = mapped_column(String(80), default="")
    param: Mapped[str] = mapped_column(String(200), default="")
    basis: Mapped[str] = mapped_column(String(160))
    blocking: Mapped[bool] = mapped_column(Boolean, default=True)
    alternative: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(String(300), default="")

    position: Mapped[Position] = relationship(back_populates="rules")

    def __repr__(self) -> str:
        return f"<PositionRequirement {self.kind} {self.value}>"


class Employee(db.Model):
    """An ASN. Birth date and gender are read from the number, never stored twice.

    ``nip`` holds the NIP of a PNS or the NI of a PPPK (both 18 digits).
    """

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
    education_field: Mapped[str] = mapped_column(String(120), default="")
    service_status: Mapped[ServiceStatus] = mapped_column(
        portable_enum(ServiceStatus), default=ServiceStatus.ACTIVE
    )
    # The day HR last checked the person's records (SKP, penalties, certificates):
    # before it, a missing record is unknown, not absent.
    records_checked_on: Mapped[date | None]
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
    def is_pppk(self) -> bool:
        return self.employment_type is EmploymentType.PPPK

    @property
    def nip_display(self) -> str:
        """The number grouped as printed: 19860926 201505 1 001 (NIP)."""
        return format_number(self.nip)

    @property
    def birth_date(self) -> date:
        """Birth date, from the NIP or NI."""
        return parse_number(self.nip, check_dates=False).birth_date

    @property
    def gender(self) -> str:
        """ "M" or "F", from the NIP or NI."""
        return parse_number(self.nip, check_dates=False).gender

    @property
    def cpns_start(self) -> date:
        """The start of service: TMT CPNS (NIP) or the appointment year (NI)."""
        return parse_number(self.nip, check_dates=False).service_start

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
