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
    """Jabatan kinds: senior executive, administrative, functional, additional task.

    An additional task (tugas tambahan) such as Kepala Sekolah is held by someone
    in a functional position (a Guru), not moved into by others.
    """

    JPT = "jpt"
    ADMINISTRASI = "administrasi"
    FUNGSIONAL = "fungsional"
    TUGAS_TAMBAHAN = "tugas_tambahan"  # an additional task, e.g. Kepala Sekolah


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


def level_precedence(
    source: AssessmentSource, assessed_at: datetime, row_id: int
) -> tuple[bool, datetime, int]:
    """How one assessed level of a competency ranks against another: the highest
    counts. An external level (the supervisor's or an assessment centre's)
    outranks the self-assessment; among the same kind, the newer one."""
    return (source != AssessmentSource.SELF, assessed_at, row_id)


class ServiceStatus(enum.StrEnum):
    """Where an employee stands in their service (PP 11/2017, PP 94/2021).

    Only an active employee may be promoted or appointed: a CPNS is still on
    probation, one on study leave (tugas belajar) or temporarily dismissed
    (diberhentikan sementara) is away from any post.
    """

    ACTIVE = "active"
    CPNS = "cpns"
    STUDY_LEAVE = "study_leave"
    SUSPENDED = "suspended"


class Expectation(enum.StrEnum):
    """One axis of the yearly SKP rating (PermenPANRB 6/2022)."""

    BELOW = "below"
    AS_EXPECTED = "as_expected"
    ABOVE = "above"


class Predikat(enum.StrEnum):
    """The SKP predikat kinerja, listed best first (PermenPANRB 6/2022)."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def merit(self) -> int:
        """Higher is better: Sangat Baik 5 ... Sangat Kurang 1."""
        return len(Predikat) - list(Predikat).index(self)


class TalentLevel(enum.StrEnum):
    """One axis of the 9-box talent map: low, medium or high (PermenPANRB 3/2020).

    Performance comes from the SKP predikat; potential from an assessment that HR
    records as a potential rating.
    """

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """1 (low) .. 3 (high), the box's column or row."""
        return list(TalentLevel).index(self) + 1


# The performance axis of the 9-box from the SKP predikat (PermenPANRB 3/2020
# reads "kinerja di atas / sesuai / di bawah ekspektasi"; PermenPANRB 6/2022 names
# the predikat): Sangat Baik is above expectations, Baik as expected, the rest below.
PERFORMANCE_OF_PREDIKAT: dict[Predikat, TalentLevel] = {
    Predikat.SANGAT_BAIK: TalentLevel.HIGH,
    Predikat.BAIK: TalentLevel.MEDIUM,
    Predikat.BUTUH_PERBAIKAN: TalentLevel.LOW,
    Predikat.KURANG: TalentLevel.LOW,
    Predikat.SANGAT_KURANG: TalentLevel.LOW,
}


class PenaltySeverity(enum.StrEnum):
    """Disciplinary penalty levels of PP 94/2021: light, moderate, severe."""

    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"

    @property
    def weight(self) -> int:
        return list(PenaltySeverity).index(self) + 1


class RequirementKind(enum.StrEnum):
    """The kinds of requirement a position can set (see DOMAIN.md).

    ``value``, ``value_max`` and ``param`` of a requirement row mean, per kind:

    - employment_type: value PNS (managerial posts are for PNS only)
    - rank: value the lowest, value_max the highest rank code one may hold
    - experience: value years in a post at or above the grade named in param
      (pelaksana, pengawas, administrator, ahli_muda ...), counted from TMT jabatan
    - service_years: value years of service (masa kerja) since TMT CPNS
    - skp: value the lowest predikat, param the number of last years (1 or 2)
    - credit_points: value the cumulative angka kredit
    - competency_test: passed the uji kompetensi for this position
    - education: value the lowest level, param the accepted fields ("; " between)
    - certificate: value a certificate type code (STR, sertifikat pendidik ...)
    - training: value a training type code (PKP, PKA ...), usually not blocking
    - age_max: value the highest age in years
    - discipline: value the lightest penalty level that bars (ringan = any)
    - status: active service (not CPNS, not on study leave, not suspended)
    - family: value the functional family one must hold (a tugas tambahan)
    """

    EMPLOYMENT_TYPE = "employment_type"
    RANK = "rank"
    EXPERIENCE = "experience"
    SERVICE_YEARS = "service_years"
    SKP = "skp"
    CREDIT_POINTS = "credit_points"
    COMPETENCY_TEST = "competency_test"
    EDUCATION = "education"
    CERTIFICATE = "certificate"
    TRAINING = "training"
    AGE_MAX = "age_max"
    DISCIPLINE = "discipline"
    STATUS = "status"
    FAMILY = "family"
