"""What the career rules look at: a person's facts and a position's requirements.

Plain frozen data, built from the database by ``app.plans.readiness`` (or by
hand in tests); nothing here knows Flask or SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RankFact:
    """A rank of the catalogue: a PNS pangkat/golongan or a PPPK golongan."""

    code: str
    ordinal: int
    pppk: bool = False


@dataclass(frozen=True)
class Post:
    """A position as the rules see it: where it sits on its ladder."""

    id: int
    code: str
    kind: str  # a PositionKind value: jpt, administrasi, fungsional, tugas_tambahan
    level: str  # jenjang, managerial level or pelaksana
    family: str = ""
    eselon: str | None = None  # IVb, IVa, IIIb, IIIa, ...
    kelas: int | None = None  # kelas jabatan 1-17
    name: str = ""


@dataclass(frozen=True)
class Rule:
    """One requirement row (see ``RequirementKind`` for what the values mean)."""

    kind: str
    value: str = ""
    value_max: str = ""
    param: str = ""
    basis: str = ""
    blocking: bool = True
    alternative: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CompetencyRule:
    """The level of one competency a position requires."""

    competency_id: int
    code: str
    level: int
    basis: str = "PermenPANRB 38/2017"


@dataclass(frozen=True)
class Level:
    """A person's latest level of a competency from one source."""

    level: int
    source: str  # an AssessmentSource value: self, supervisor, assessment
    on: date


@dataclass(frozen=True)
class Penalty:
    """A disciplinary penalty and its period (PP 94/2021)."""

    severity: str  # a PenaltySeverity value
    starts_on: date
    ends_on: date

    def in_force(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Held:
    """A certificate or completed training, with what it was for."""

    code: str  # a CertificateType code
    issued_on: date
    valid_until: date | None = None
    position_id: int | None = None  # the jenjang an uji kompetensi was for

    def valid_on(self, day: date) -> bool:
        return self.issued_on <= day and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class Person:
    """Everything the rules know about one employee.

    ``records_checked_on`` is the day HR last checked the records: before it a
    missing SKP, penalty or certificate is unknown, after it absent.
    """

    birth_date: date
    service_start: date  # TMT CPNS, or the PPPK appointment
    pppk: bool = False
    rank: RankFact | None = None
    post: Post | None = None
    post_since: date | None = None  # TMT jabatan
    education: str | None = None  # an Education value
    education_field: str = ""
    status: str = "active"  # a ServiceStatus value
    ratings: Mapping[int, str] = field(default_factory=dict)  # year -> predikat
    penalties: tuple[Penalty, ...] = ()
    credit_points: Decimal | None = None
    certificates: tuple[Held, ...] = ()
    records_checked_on: date | None = None
    levels: Mapping[int, tuple[Level, ...]] = field(default_factory=dict)
