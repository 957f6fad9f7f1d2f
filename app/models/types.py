"""Column types and enumerations shared by the models."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone, PostgreSQL does; this type makes both behave alike.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def portable_enum(enum_class) -> Enum:
    """A portable enum column that stores the values ("S1"), not the names."""
    return Enum(
        enum_class,
        native_enum=False,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Education(enum.StrEnum):
    """Highest completed education, lowest first (S1 also covers D-IV)."""

    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"


class EmploymentType(enum.StrEnum):
    """PNS are permanent civil servants, PPPK are on government contracts."""

    PNS = "PNS"
    PPPK = "PPPK"


class PositionKind(enum.StrEnum):
    """Jabatan kinds: senior executive, administrative and functional."""

    JPT = "jpt"
    ADMINISTRASI = "administrasi"
    FUNGSIONAL = "fungsional"


class CompetencyCategory(enum.StrEnum):
    """The three kinds of ASN competency (PermenPANRB 38/2017)."""

    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"
    TEKNIS = "teknis"


class AssessmentSource(enum.StrEnum):
    """Who set an assessed level."""

    SELF = "self"
    SUPERVISOR = "supervisor"
    ASSESSMENT = "assessment"  # an assessment centre, recorded by HR
