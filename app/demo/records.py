"""Demo HR records: SKP ratings, penalties, credit points and certificates.

What the career rules read besides the employee row (``app/models/records.py``).
``draw_records`` gives one person their records from a generator seeded by the
seed and their number, dated relative to the day of seeding: the SKP of the last
two years (mostly Baik or Sangat Baik, some Butuh Perbaikan or worse, some not
recorded), a disciplinary penalty for a few (some in force, some ended), the
cumulative credit points of functional staff (some enough for the next jenjang,
some not, some not recorded) and their certificates and completed training:
Latsar, STR and Ners, the sertifikat pendidik, a passed uji kompetensi for some
next-jenjang candidates, PKP and PKA, the Diklat Dasar Pol PP, puskesmas
management, calon kepala sekolah training, the kepamongprajaan certificate.

The personas' records are fixed (``_persona_records``) so that each of them
shows met, not met and unknown requirements for their likely next posts: Nadia,
for one, has an SKP for the year before last but none yet for last year, which
ended after HR last checked her records, and no PKP. ``insert_records`` writes
the records of the new people in bulk, recorded by the HR persona.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from app.demo import catalogue
from app.demo.people import OFFICE_KINDS, Batch, PersonPlan, rank_ordinal
from app.extensions import db
from app.i18n import WIB
from app.models import (
    Certificate,
    CertificateType,
    CreditPointRecord,
    DisciplinaryPenalty,
    Expectation,
    PenaltySeverity,
    PerformanceRating,
)
from app.models.records import predikat_of
from app.nip import parse_number

ABOVE, AS_EXPECTED, BELOW = (
    Expectation.ABOVE,
    Expectation.AS_EXPECTED,
    Expectation.BELOW,
)
AXES = (ABOVE, AS_EXPECTED, BELOW)
HASIL_WEIGHTS = (22, 68, 10)  # hasil kerja: above, as expected, below
PERILAKU_WEIGHTS = (22, 75, 3)  # perilaku kerja
SKP_MISSING_SHARE = 0.08
PENALTY_SHARE = 0.06
PENALTY_IN_FORCE_SHARE = 0.5
CREDIT_POINTS_SHARE = 0.85  # of functional staff
_CHUNK = 5000

# Penalties of PP 94/2021 for unexcused absence, by severity, with how many
# months each runs (a light one is shown for six months, check).
PENALTIES = {
    PenaltySeverity.RINGAN: (
        ("Teguran lisan: tidak masuk kerja tanpa alasan yang sah 3 hari kerja", 6),
        ("Teguran tertulis: tidak masuk kerja tanpa alasan yang sah 5 hari kerja", 6),
        (
            "Pernyataan tidak puas secara tertulis: tidak masuk kerja tanpa alasan "
            "yang sah 8 hari kerja",
            6,
        ),
    ),
    PenaltySeverity.SEDANG: (
        (
            "Pemotongan tunjangan kinerja 25% selama 6 bulan: tidak masuk kerja "
            "tanpa alasan yang sah 12 hari kerja",
            6,
        ),
        (
            "Pemotongan tunjangan kinerja 25% selama 9 bulan: tidak masuk kerja "
            "tanpa alasan yang sah 15 hari kerja",
            9,
        ),
        (
            "Pemotongan tunjangan kinerja 25% selama 12 bulan: tidak masuk kerja "
            "tanpa alasan yang sah 18 hari kerja",
            12,
        ),
    ),
    PenaltySeverity.BERAT: (
        (
            "Penurunan jabatan setingkat lebih rendah selama 12 bulan: tidak masuk "
            "kerja tanpa alasan yang sah 22 hari kerja",
            12,
        ),
    ),
}
SEVERITY_WEIGHTS = (5, 3, 1)  # ringan, sedang, berat


@dataclass(frozen=True)
class Rating:
    year: int
    hasil_kerja: Expectation
    perilaku: Expectation
    recorded: date


@dataclass(frozen=True)
class Penalty:
    severity: PenaltySeverity
    description: str
    decree: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Points:
    total: Decimal
    as_of: date
    note: str


@dataclass(frozen=True)
class Held:
    """A certificate or completed training; ``position`` for an uji kompetensi."""

    type: str
    issued_on: date
    number: str
    position: str | None = None


@dataclass
class Records:
    ratings: list[Rating] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    points: list[Points] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)


@dataclass
class RecordCounts:
    """How many records the seeding added (for the report)."""

    ratings: int = 0
    penalties: int = 0
    in_force: int = 0
    points: int = 0
    certificates: int = 0

    @property
    def line(self) -> str:
        return (
            f"Records: {self.ratings} SKP ratings, {self.penalties} penalties "
            f"({self.in_force} in force), {self.points} credit point records, "
            f"{self.certificates} certificates"
        )


def draw_records(person: PersonPlan, today: date, seed: int) -> Records:
    """One person's records as of ``today``; the same for the same seed."""
    if person.role is not None:
        return _persona_records(person.role, today)
    rng = random.Random(f"{seed}:records:{person.nip}")
    start = parse_number(person.nip, check_dates=False).service_start
    records = Records()
    if start > today:
        return records  # a CPNS whose TMT is still ahead
    spec = catalogue.position(person.position)
    for year in (today.year - 2, today.year - 1):
        hasil = rng.choices(AXES, HASIL_WEIGHTS)[0]
        perilaku = rng.choices(AXES, PERILAKU_WEIGHTS)[0]
        recorded = date(year + 1, 1, 10) + timedelta(days=rng.randint(0, 70))
        missing = rng.random() < SKP_MISSING_SHARE
        if start <= date(year, 6, 30) and recorded < today and not missing:
            records.ratings.append(Rating(year, hasil, perilaku, recorded))
    if rng.random() < PENALTY_SHARE and start <= _years_before(today, 2):
        records.penalties.append(_penalty(rng, today))
    if spec.functional and rng.random() < CREDIT_POINTS_SHARE:
        records.points.append(_points(rng, person, spec, today))
    records.held.extend(_certificates(rng, person, spec, start, today))
    return records


def _years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _penalty(rng: random.Random, today: date) -> Penalty:
    severity = rng.choices(list(PenaltySeverity), SEVERITY_WEIGHTS)[0]
    description, months = rng.choice(PENALTIES[severity])
    length = (_months_after(today, months) - today).days
    if rng.random() < PENALTY_IN_FORCE_SHARE:
        starts = today - timedelta(days=rng.randint(10, length - 10))
    else:
        starts = today - timedelta(days=length + rng.randint(30, 900))
    return Penalty(
        severity,
        description,
        f"800/{rng.randint(100, 999)}/BKPSDM/{starts.year}",
        starts,
        _months_after(starts, months),
    )


def _points(rng: random.Random, person: PersonPlan, spec, today: date) -> Points:
    """Credit points: enough for the next jenjang for some (more often for those
    at the top rank of their post), short of it for the others."""
    target = catalogue.next_jenjang(spec.code) or spec
    rule = target.rule("credit_points")
    need = int(rule.value) if rule else 100
    top = _at_top(person, spec)
    enough = rng.random() < (0.6 if top else 0.3)
    share = rng.uniform(1.0, 1.5) if enough else rng.uniform(0.15, 0.95)
    total = Decimal(round(need * share * 8)) / 8  # angka kredit come in eighths
    as_of = today - timedelta(days=rng.randint(20, 400))
    note = f"PAK {rng.randint(100, 999)}/BKPSDM/{as_of.year}"
    return Points(total.quantize(Decimal("0.001")), as_of, note)


def _at_top(person: PersonPlan, spec) -> bool:
    """At the top rank (or PPPK golongan of that step) of the post's band."""
    if person.rank is None or spec.max_rank is None:
        return False
    return rank_ordinal(person.rank) >= rank_ordinal(spec.max_rank)


def _certificates(rng, person: PersonPlan, spec, start: date, today: date):
    """Certificates and training, each drawn by who the person is."""
    family, level, code = spec.family, spec.level, spec.code
    seated = spec.unit is not None
    pns = not person.pppk
    newcomer = person.service_status == "cpns"
    rank = rank_ordinal(person.rank) if person.rank else 0
    health_degree = person.education_field in (
        "Kedokteran",
        "Kesehatan Masyarakat",
        "Keperawatan",
        "Kebidanan",
    )

    def days_ago(low: int, high: int) -> date:
        return today - timedelta(days=rng.randint(low, high))

    def before(day: date, low: int, high: int) -> date:
        return day - timedelta(days=rng.randint(low, high))

    def after(day: date | None, low: int, high: int) -> date:
        if day is None:
            return days_ago(low + 200, high + 1500)
        return day + timedelta(days=rng.randint(low, high))

    draws: list[tuple[str, float, date, str | None]] = []
    if pns and start.year >= 2018:
        draws.append(("LATSAR", 0.9, after(start, 150, 300), None))
    if family in ("Perawat", "Bidan", "Dokter") or (seated and health_degree):
        draws.append(("STR", 0.92, before(start, 60, 700), None))
    if family == "Perawat" and person.education in ("S1", "S2"):
        draws.append(("NERS", 0.95, before(start, 200, 900), None))
    if family in ("Guru", "Kepala Sekolah"):
        share = 0.85 if pns else 0.55
        draws.append(("SERTIFIKAT-PENDIDIK", share, after(start, 400, 3000), None))
    following = catalogue.next_jenjang(code)
    if following is not None and not newcomer:
        share = 0.45 if _at_top(person, spec) else 0.08
        draws.append(("UJI-KOMPETENSI", share, days_ago(30, 600), following.code))
    if level == "pengawas" and seated:
        draws.append(("PKP", 0.75, after(person.position_since, 60, 330), None))
        draws.append(("PKA", 0.1, days_ago(100, 900), None))
    elif level == "administrator" and seated:
        draws.append(("PKP", 0.9, days_ago(2500, 4500), None))
        draws.append(("PKA", 0.75, after(person.position_since, 60, 330), None))
    elif pns and not newcomer and rank >= rank_ordinal("III/a"):
        draws.append(("PKP", 0.06, days_ago(100, 1500), None))
    in_office = catalogue.unit(person.unit).kind in OFFICE_KINDS
    if in_office and pns and not newcomer:
        share = 0.15 if seated else 0.02
        draws.append(("KEPAMONGPRAJAAN", share, days_ago(200, 3000), None))
    if family == "Polisi Pamong Praja":
        draws.append(("DIKLAT-POLPP", 0.88, after(start, 100, 400), None))
    if family == "Kepala UPT Puskesmas":
        draws.append(("MANAJEMEN-PUSKESMAS", 0.9, days_ago(100, 1500), None))
    elif family in ("Perawat", "Bidan", "Dokter") and level.startswith("ahli"):
        draws.append(("MANAJEMEN-PUSKESMAS", 0.1, days_ago(100, 1500), None))
    if family == "Kepala Sekolah":
        draws.append(("CAKEPSEK", 0.9, days_ago(300, 2500), None))
    elif family == "Guru" and level in ("ahli_muda", "ahli_madya") and pns:
        draws.append(("CAKEPSEK", 0.15, days_ago(100, 1200), None))
    for kind, share, issued, position in draws:
        number = _number(rng, kind, issued)
        if rng.random() < share and issued < today:
            yield Held(kind, issued, number, position)


def _number(rng: random.Random, kind: str, issued: date) -> str:
    if kind == "STR":
        return f"{rng.randrange(10**15, 10**16)}"
    return f"{kind}/{issued.year}/{rng.randint(1, 99999):05d}"


def _persona_records(role: str, today: date) -> Records:
    """The personas' records, so their readiness shows every verdict.

    Years and dates are relative to the day of seeding (the last two years).
    """
    last, before = today.year - 1, today.year - 2

    def skp(year: int, hasil: Expectation, perilaku: Expectation) -> Rating:
        return Rating(year, hasil, perilaku, date(year + 1, 1, 20))

    if role == "employee":  # Nadia: last year's SKP not yet in, no PKP
        return Records(
            ratings=[skp(before, ABOVE, ABOVE)],
            held=[Held("LATSAR", date(2020, 10, 16), "LATSAR/2020/00412")],
        )
    if role == "pppk":  # Rina: a PPPK Guru with her sertifikat pendidik
        return Records(
            ratings=[skp(before, AS_EXPECTED, AS_EXPECTED), skp(last, ABOVE, ABOVE)],
            points=[Points(Decimal("37.500"), date(last, 12, 31), "PAK 214/BKPSDM")],
            held=[
                Held(
                    "SERTIFIKAT-PENDIDIK",
                    date(2024, 11, 29),
                    "SERTIFIKAT-PENDIDIK/2024/18832",
                )
            ],
        )
    if role == "mentor":  # Rosmawati: Ahli Madya, well above the points
        return Records(
            ratings=[skp(before, ABOVE, ABOVE), skp(last, ABOVE, ABOVE)],
            points=[Points(Decimal("412.500"), date(last, 12, 31), "PAK 118/BKPSDM")],
            held=[Held("PKP", date(2012, 5, 25), "PKP/2012/00731")],
        )
    if role == "supervisor":  # Fauzi: a Lurah with PKP, not yet PKA
        return Records(
            ratings=[skp(before, AS_EXPECTED, ABOVE), skp(last, ABOVE, ABOVE)],
            held=[Held("PKP", date(2017, 10, 13), "PKP/2017/01244")],
        )
    if role == "hr":  # Dedi: Kasubbag with PKP
        return Records(
            ratings=[
                skp(before, AS_EXPECTED, AS_EXPECTED),
                skp(last, AS_EXPECTED, AS_EXPECTED),
            ],
            held=[Held("PKP", date(2019, 8, 30), "PKP/2019/00389")],
        )
    if role == "admin":  # Fitri: Ahli Pertama short of points, no uji kompetensi
        return Records(
            ratings=[
                skp(before, AS_EXPECTED, AS_EXPECTED),
                skp(last, ABOVE, AS_EXPECTED),
            ],
            points=[Points(Decimal("86.250"), date(last, 12, 31), "PAK 305/BKPSDM")],
            held=[Held("LATSAR", date(2019, 11, 8), "LATSAR/2019/00977")],
        )
    return Records()


# Seeding ---------------------------------------------------------------------


def insert_records(batch: Batch, hr_user: int | None) -> RecordCounts:
    """The records of the new people, in bulk; ``hr_user`` recorded them."""
    now, ids = batch.now, batch.ids
    today = now.astimezone(WIB).date()
    types = dict(
        db.session.execute(select(CertificateType.code, CertificateType.id)).all()
    )
    missing = {"LATSAR", "PKP", "UJI-KOMPETENSI"} - set(types)
    if missing:
        raise RuntimeError("Load the certificate types first (flask load-catalogues).")
    positions = {code: p.id for code, p in batch.positions.items()}
    counts = RecordCounts()
    tables: dict[object, list[dict]] = {
        PerformanceRating: [],
        DisciplinaryPenalty: [],
        CreditPointRecord: [],
        Certificate: [],
    }
    for number, person in enumerate(batch.new, 1):
        rng = random.Random(f"{batch.seed}:recorded:{person.nip}")
        employee_id = ids[person.nip]
        records = draw_records(person, today, batch.seed)
        at = functools.partial(_recorded_at, rng, now=now)
        common = {"employee_id": employee_id, "recorded_by_id": hr_user}
        for r in records.ratings:
            tables[PerformanceRating].append(
                common
                | {
                    "year": r.year,
                    "hasil_kerja": r.hasil_kerja,
                    "perilaku": r.perilaku,
                    "predikat": predikat_of(r.hasil_kerja, r.perilaku),
                    "recorded_at": at(r.recorded),
                }
            )
        for p in records.penalties:
            counts.in_force += p.starts_on <= today <= p.ends_on
            tables[DisciplinaryPenalty].append(
                common
                | {
                    "severity": p.severity,
                    "description": p.description,
                    "decree": p.decree,
                    "starts_on": p.starts_on,
                    "ends_on": p.ends_on,
                    "recorded_at": at(p.starts_on),
                }
            )
        for p in records.points:
            tables[CreditPointRecord].append(
                common
                | {
                    "total": p.total,
                    "as_of": p.as_of,
                    "note": p.note,
                    "recorded_at": at(p.as_of),
                }
            )
        for held in records.held:
            tables[Certificate].append(
                common
                | {
                    "type_id": types[held.type],
                    "position_id": positions.get(held.position),
                    "number": held.number,
                    "issued_on": held.issued_on,
                    "valid_until": None,
                    "jp": None,
                    "recorded_at": at(held.issued_on),
                }
            )
        if sum(map(len, tables.values())) >= _CHUNK or number == len(batch.new):
            counts.ratings += len(tables[PerformanceRating])
            counts.penalties += len(tables[DisciplinaryPenalty])
            counts.points += len(tables[CreditPointRecord])
            counts.certificates += len(tables[Certificate])
            _flush(tables.items())
            batch.say(f"  records for {number}/{len(batch.new)} employees")
    return counts


def _flush(tables: Iterable[tuple[object, list[dict]]]) -> None:
    for model, rows in tables:
        if rows:
            # Core executemany: the ORM bulk path costs seconds here.
            db.session.execute(insert(model.__table__), rows)
            rows.clear()


def _recorded_at(rng: random.Random, day: date, *, now: datetime) -> datetime:
    """A moment in office hours (WIB) a few days after ``day``, before ``now``."""
    moment = datetime.combine(
        day + timedelta(days=rng.randint(1, 12)),
        time(rng.randint(8, 15), rng.randint(0, 59)),
        tzinfo=WIB,
    ).astimezone(UTC)
    return min(moment, now - timedelta(minutes=rng.randint(5, 600)))
