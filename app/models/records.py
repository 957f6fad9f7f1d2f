"""What HR records about an employee that the career rules need.

The yearly SKP predikat, disciplinary penalties, credit points (angka kredit),
certificates and completed training. Each row names who recorded it and when.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import (
    EmploymentType,
    Expectation,
    PenaltySeverity,
    Predikat,
    TalentLevel,
    UTCDateTime,
    portable_enum,
    utcnow,
)

# The predikat from the two axes of the SKP (PermenPANRB 6/2022, lampiran):
# rows are hasil kerja, columns perilaku kerja.
PREDIKAT_MATRIX: dict[tuple[Expectation, Expectation], Predikat] = {
    (Expectation.ABOVE, Expectation.BELOW): Predikat.KURANG,
    (Expectation.ABOVE, Expectation.AS_EXPECTED): Predikat.BAIK,
    (Expectation.ABOVE, Expectation.ABOVE): Predikat.SANGAT_BAIK,
    (Expectation.AS_EXPECTED, Expectation.BELOW): Predikat.KURANG,
    (Expectation.AS_EXPECTED, Expectation.AS_EXPECTED): Predikat.BAIK,
    (Expectation.AS_EXPECTED, Expectation.ABOVE): Predikat.BAIK,
    (Expectation.BELOW, Expectation.BELOW): Predikat.SANGAT_KURANG,
    (Expectation.BELOW, Expectation.AS_EXPECTED): Predikat.BUTUH_PERBAIKAN,
    (Expectation.BELOW, Expectation.ABOVE): Predikat.BUTUH_PERBAIKAN,
}


def predikat_of(hasil_kerja: Expectation, perilaku: Expectation) -> Predikat:
    """The predikat kinerja of one year's SKP (PermenPANRB 6/2022)."""
    return PREDIKAT_MATRIX[(hasil_kerja, perilaku)]


class PerformanceRating(db.Model):
    """One year's SKP rating of an employee; one per year."""

    __tablename__ = "performance_ratings"
    __table_args__ = (UniqueConstraint("employee_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    hasil_kerja: Mapped[Expectation] = mapped_column(portable_enum(Expectation))
    perilaku: Mapped[Expectation] = mapped_column(portable_enum(Expectation))
    predikat: Mapped[Predikat] = mapped_column(portable_enum(Predikat))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821


class DisciplinaryPenalty(db.Model):
    """A disciplinary penalty (hukuman disiplin, PP 94/2021) and its period."""

    __tablename__ = "disciplinary_penalties"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    severity: Mapped[PenaltySeverity] = mapped_column(portable_enum(PenaltySeverity))
    description: Mapped[str] = mapped_column(String(200), default="")
    decree: Mapped[str] = mapped_column(String(80), default="")  # nomor SK
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821

    def active_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class CreditPointRecord(db.Model):
    """The cumulative angka kredit of an employee as of a date; the newest counts."""

    __tablename__ = "credit_point_records"
    __table_args__ = (CheckConstraint("total >= 0", name="total_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    total: Mapped[Decimal] = mapped_column(Numeric(8, 3))
    as_of: Mapped[date]
    note: Mapped[str] = mapped_column(String(200), default="")  # e.g. the PAK number
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821


class CertificateType(db.Model):
    """A kind of certificate or completed training a requirement can name.

    ``training`` marks a course (PKP, PKA, Diklat Dasar Pol PP ...) rather than
    a professional certificate (STR, sertifikat pendidik ...). ``validity_years``
    is how long one stays valid (None: for good).
    """

    __tablename__ = "certificate_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    name_en: Mapped[str] = mapped_column(String(150), default="")
    training: Mapped[bool] = mapped_column(default=False)
    validity_years: Mapped[int | None] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(String(160), default="")


class Certificate(db.Model):
    """A certificate or completed training an employee holds, verified by HR.

    ``position_id`` ties a passed uji kompetensi to the jenjang it was for.
    """

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    type_id: Mapped[int] = mapped_column(ForeignKey("certificate_types.id"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"))
    number: Mapped[str] = mapped_column(String(80), default="")
    issued_on: Mapped[date]
    valid_until: Mapped[date | None]
    jp: Mapped[int | None] = mapped_column(Integer)  # hours of a training, in JP
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821
    type: Mapped[CertificateType] = relationship()
    position: Mapped[Position | None] = relationship()  # noqa: F821


class EmploymentRule(db.Model):
    """What differs by employment type and HR sets: the yearly JP target."""

    __tablename__ = "employment_rules"
    __table_args__ = (CheckConstraint("jp_target BETWEEN 0 AND 1000", name="jp_range"),)

    employment_type: Mapped[EmploymentType] = mapped_column(
        portable_enum(EmploymentType), primary_key=True
    )
    jp_target: Mapped[int] = mapped_column(Integer)
    jp_basis: Mapped[str] = mapped_column(String(160))


class PotentialRating(db.Model):
    """The potential of an employee as an assessment found it in a year.

    One of the catalogue's levels (low, medium, high: PermenPANRB 3/2020), with
    the assessment it rests on; recorded by HR, never for oneself, one per year.
    """

    __tablename__ = "potential_ratings"
    __table_args__ = (UniqueConstraint("employee_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[TalentLevel] = mapped_column(portable_enum(TalentLevel))
    basis: Mapped[str] = mapped_column(String(160), default="")  # the assessment
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employee: Mapped[Employee] = relationship()  # noqa: F821


class TalentBox(db.Model):
    """One box of the 9-box: its number, its name and whether it is in the
    talent pool. Numbering and names vary by agency (DOMAIN.md: check), so HR
    sets them; the axes never change."""

    __tablename__ = "talent_boxes"
    __table_args__ = (
        UniqueConstraint("number"),
        CheckConstraint("number BETWEEN 1 AND 9", name="number_range"),
    )

    performance: Mapped[TalentLevel] = mapped_column(
        portable_enum(TalentLevel), primary_key=True
    )
    potential: Mapped[TalentLevel] = mapped_column(
        portable_enum(TalentLevel), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    in_pool: Mapped[bool] = mapped_column(default=False)
    basis: Mapped[str] = mapped_column(String(160), default="PermenPANRB 3/2020")
