"""Deterministic generation of the demo staff around Kecamatan Medan Marelan.

Pure Python, no database: ``plan_people`` turns a size, a seed and a day into
the same list of people every time, so that seeding can be repeated and
extended. Besides the personas and the holders of every post with a seat, the
staff are PNS and PPPK (functional and pelaksana posts only, with an NI and a
PPPK golongan), a few CPNS (one whose TMT lies a few months ahead), a few on
study leave; most have a field of study, a TMT jabatan and a day HR last checked
their records, some do not, so that requirements can be unknown as well as met
or not met. Their records (SKP, penalties, credit points, certificates) are
drawn by ``app/demo/records.py``.
"""

from __future__ import annotations

import functools
import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.demo import catalogue
from app.nip import parse_ni, parse_nip, parse_number

if TYPE_CHECKING:
    from app.models import Position

# Ordinary NIPs and NIs are generated as of this date so that the same seed gives
# the same people whatever day the command runs; only a CPNS's number follows
# the day (their TMT CPNS lies within the last year, or a few months ahead).
REFERENCE_DATE = date(2025, 1, 1)
RANK_CODES = [f"{g}/{s}" for g in ("I", "II", "III") for s in "abcd"] + [
    f"IV/{s}" for s in "abcde"
]
# PPPK golongan I..XVII; a golongan sits at the step of the PNS rank of the same
# ordinal (Perpres 98/2020: IX for a PNS's III/a).
PPPK_RANKS = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip
# The rank a new CPNS starts at, by education.
ENTRY_RANK = {"SMA": "II/a", "D1": "II/a", "D2": "II/b", "D3": "II/c", "S1": "III/a"}
ENTRY_RANK["S2"] = "III/b"

# Shares of the general staff. PPPK and CPNS hold entry posts: a functional
# post's first jenjang or a pelaksana post.
ENTRY_LEVELS = ("ahli_pertama", "pemula", "terampil", "pelaksana")
PPPK_SHARE = {
    "Guru": 0.6,
    "Perawat": 0.4,
    "Bidan": 0.4,
    "Dokter": 0.2,
    "Pranata Komputer": 0.4,
    "Penata Layanan Operasional": 0.2,
    "Pengelola Layanan Operasional": 0.2,
    "Operator Layanan Operasional": 0.2,
}
CPNS_SHARE = 0.06  # of the PNS in entry posts
# Study leave and the gaps in the data, each with its share of the general staff
# (the first ones get one each whatever the draw): on study leave (of the PNS
# with an S1, off for an S2); no rank recorded (PNS); no education, no field of
# study, no TMT jabatan recorded; records never checked by HR.
GAP_SHARES = {
    "study_leave": 0.04,
    "rank": 0.015,
    "education": 0.01,
    "field": 0.1,
    "position_since": 0.07,
    "checked": 0.15,
}
TOP_OF_BAND_SHARE = 0.4  # at the top rank of their post: next-jenjang candidates
OFFICE_KINDS = ("kecamatan", "sekretariat", "seksi", "kelurahan")

_KELURAHAN_SUFFIXES = ("LD", "PP", "RP", "TER", "TJ")
# How many staff each kind of unit gets, relative to the others; city-wide
# offices (kota, dinas, satpol_pp) are outside the demo and get none.
_UNIT_WEIGHTS = {
    "kecamatan": 1,
    "sekretariat": 3,
    "seksi": 2,
    "kelurahan": 3,
    "puskesmas": 5,
    "sekolah": 4,
    "pos_pol_pp": 3,
}
_PROFESSION_FIELDS = {
    "Dokter": "Kedokteran",
    "Perawat": "Keperawatan",
    "Bidan": "Kebidanan",
}


@dataclass
class PersonPlan:
    """One demo employee, with everything needed to insert them."""

    nip: str  # the NIP of a PNS or the NI of a PPPK
    name: str
    front_title: str
    back_title: str
    education: str | None
    unit: str
    position: str
    rank: str | None  # a pangkat/golongan or PPPK golongan code
    supervisor_nip: str | None
    rank_since: date | None
    position_since: date | None  # TMT jabatan
    email: str
    role: str | None = None  # the demo persona's role, if this is one
    mentor_capacity: int | None = None
    assessment_seed: int = 0
    education_field: str = ""
    employment_type: str = "PNS"
    service_status: str = "active"
    records_checked_on: date | None = None
    # A CPNS whose NIP follows the day of seeding: re-seeding later moves it.
    follows_today: bool = False

    @property
    def pppk(self) -> bool:
        return self.employment_type == "PPPK"


@dataclass
class Batch:
    """One seeding run: the people it plans, the new ones and their rows so far.

    ``levels`` (per NIP, the level each competency's gap is computed from) is
    filled by the assessments and raised where a mentor's offer adds an
    assessment-centre result; the plans start from it.
    """

    people: Sequence[PersonPlan]  # everyone the size asks for
    new: Sequence[PersonPlan]  # those not in the database before
    ids: dict[str, int]  # NIP -> employee id
    logins: dict[int, int]  # employee id -> user id
    positions: dict[str, Position]  # by code
    seed: int
    now: datetime
    say: Callable[[str], None]
    levels: dict[str, dict[int, int]] = field(default_factory=dict)


def structural_supervisor(position_code: str) -> str | None:
    """The post a post with a seat reports to inside the kecamatan."""
    if position_code == "CAMAT" or position_code.startswith(("KAPUS-", "KASEK-")):
        return None  # puskesmas and schools report to their dinas
    if position_code.startswith("KASUBBAG-"):
        return "SEKCAM"
    for suffix in _KELURAHAN_SUFFIXES:
        if position_code.endswith(f"-{suffix}") and not position_code.startswith(
            "LURAH-"
        ):
            return f"LURAH-{suffix}"
    return "CAMAT"


def rank_ordinal(code: str) -> int:
    """1 for I/a or golongan I ... 17 for IV/e or golongan XVII."""
    ranks = PPPK_RANKS if "/" not in code else RANK_CODES
    return ranks.index(code) + 1


def _first_of_month(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


class _Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.seed = seed
        self.today = today
        self.sequences: Counter[str] = Counter()
        self.emails: set[str] = set()
        self.future_cpns = False  # one CPNS gets a TMT a few months ahead
        self.pending_gaps = list(GAP_SHARES)
        for account in catalogue.accounts():
            self._register_nip(account.nip)
            self.emails.add(account.email)

    def _register_nip(self, nip: str) -> None:
        prefix = nip[:15]
        self.sequences[prefix] = max(self.sequences[prefix], int(nip[15:]))

    def _number(self, prefix: str) -> str:
        self.sequences[prefix] += 1
        return f"{prefix}{self.sequences[prefix]:03d}"

    def nip(self, rng: random.Random, min_years: int = 0) -> str:
        """A PNS's NIP with a TMT CPNS at least ``min_years`` before 2024."""
        born = date(rng.randint(1969, 2001), rng.randint(1, 12), rng.randint(1, 28))
        start_age = rng.randint(19, 33)
        start_year = min(born.year + start_age, REFERENCE_DATE.year - 1 - min_years)
        start_month = rng.randint(1, 12)
        if start_year - born.year < 19:
            born = born.replace(year=start_year - 19 - rng.randint(0, 6))
        sex = rng.choice("12")
        nip = self._number(f"{born:%Y%m%d}{start_year:04d}{start_month:02d}{sex}")
        parse_nip(nip, today=REFERENCE_DATE)  # generated NIPs must always be valid
        return nip

    def cpns_nip(self, rng: random.Random, ahead: bool) -> str:
        """The NIP of a CPNS: TMT within the last year, or a few months ahead."""
        months = rng.randint(2, 4) if ahead else -rng.randint(1, 10)
        start = _first_of_month(self.today, months)
        born = date(
            start.year - rng.randint(21, 32), rng.randint(1, 12), rng.randint(1, 28)
        )
        sex = rng.choice("12")
        nip = self._number(f"{born:%Y%m%d}{start:%Y%m}{sex}")
        parse_nip(nip, today=self.today)
        return nip

    def ni(self, rng: random.Random) -> str:
        """A PPPK's NI: appointed 2021-2024, on a first or second contract."""
        year = rng.randint(2021, REFERENCE_DATE.year - 1)
        born = date(year - rng.randint(22, 45), rng.randint(1, 12), rng.randint(1, 28))
        contract = rng.choice("12") if year < 2024 else "1"
        sex = rng.choice("12")
        ni = self._number(f"{born:%Y%m%d}{year}2{contract}{sex}")
        parse_ni(ni, today=REFERENCE_DATE)
        return ni

    def _force_gap(self, gaps: dict[str, bool], newcomer: bool, education) -> None:
        """Give the first general staff one each of the data gaps, in turn, so
        that even a small demo has someone whose requirement is unknown."""
        for gap in self.pending_gaps:
            if gap in ("rank", "study_leave") and newcomer:
                continue
            if gap in ("field", "study_leave") and education != "S1":
                continue
            gaps[gap] = True
            self.pending_gaps.remove(gap)
            return

    def name(self, rng: random.Random, female: bool) -> str:
        names = catalogue.names()
        given = names.female_given if female else names.male_given
        parts = [rng.choice(given)]
        if rng.random() < 0.3:
            parts.append(rng.choice(given))
        parts.append(rng.choice(names.family))
        return " ".join(dict.fromkeys(parts))  # no doubled name

    def email(self, name: str) -> str:
        words = [w.lower().strip(".'") for w in name.split()]
        base = f"{words[0]}.{words[-1]}"
        candidate, number = f"{base}@marelan.example.id", 1
        while candidate in self.emails:
            number += 1
            candidate = f"{base}{number}@marelan.example.id"
        self.emails.add(candidate)
        return candidate

    def titles(self, rng: random.Random, family: str, education: str | None):
        """The titles before and after the name, from the post and education."""
        if education is None:
            return "", ""
        master = education in ("S2", "S3")
        if family == "Dokter":
            return "dr.", ("M.Kes." if master else "")
        if family in ("Guru", "Kepala Sekolah"):
            return "", ("S.Pd., M.Pd." if master else "S.Pd.")
        if family == "Perawat":
            return "", ("A.Md.Kep." if education == "D3" else "S.Kep., Ners")
        if family == "Bidan":
            return "", ("A.Md.Keb." if education == "D3" else "S.Tr.Keb.")
        if family == "Kepala UPT Puskesmas":
            doctor = rng.random() < 0.5
            front, back = ("dr.", "") if doctor else ("", "S.KM.")
            if master:
                back = f"{back}, M.Kes." if back else "M.Kes."
            return front, back
        options = _office_titles(education)
        if master:
            return "", f"{rng.choice(_office_titles('S1'))}, {rng.choice(options)}"
        return "", (rng.choice(options) if options else "")

    def field_of_study(self, rng, spec, front: str, back: str, education) -> str:
        """The field of the person's highest education, from the post or title."""
        if education in (None, "SD", "SMP", "SMA"):
            return ""
        if spec.family in ("Guru", "Kepala Sekolah"):
            fields = _guru_fields()
            return fields[0] if rng.random() < 0.7 else rng.choice(fields[1:])
        if spec.family in _PROFESSION_FIELDS:
            return _PROFESSION_FIELDS[spec.family]
        titles = [t for t in back.split(", ") if t] or [front]
        options = catalogue.names().fields.get(titles[-1], ())
        return rng.choice(options) if options else ""

    def person(
        self,
        index: int,
        unit: str,
        position: str,
        supervisor: str | None,
        *,
        seated: bool = False,
    ) -> PersonPlan:
        """A generated employee; ``seated``: the holder of a post with a seat."""
        rng = random.Random(f"{self.seed}:{index}")
        spec = catalogue.position(position)
        female = rng.random() < 0.55
        entry = spec.level in ENTRY_LEVELS and not seated
        draw = rng.random()
        pppk = entry and draw < PPPK_SHARE.get(spec.family, 0.0)
        cpns = entry and not pppk and draw > 1 - CPNS_SHARE
        education = spec.education
        if education == "S1" and rng.random() < 0.2 and not cpns:
            education = "S2"
        entry_rank = rank_ordinal(ENTRY_RANK.get(education, "II/a"))
        low = rank_ordinal(spec.min_rank) if spec.min_rank else entry_rank
        high = rank_ordinal(spec.max_rank) if spec.max_rank else low
        top = rng.random() < TOP_OF_BAND_SHARE
        rank = high if top else rng.randint(low, high)
        step_up = rng.random() < 0.3
        ahead = False
        if pppk:
            rank = min(max(low, entry_rank) + step_up, high)
            number = self.ni(rng)
        elif cpns:
            rank = min(max(entry_rank, low), high)
            ahead = not self.future_cpns
            self.future_cpns = True
            number = self.cpns_nip(rng, ahead)
        else:
            number = self.nip(rng, min_years=max(0, 4 * (rank - entry_rank)))
        female = number[14] == "2"
        name = self.name(rng, female)
        front, back = self.titles(rng, spec.family, education)
        field = self.field_of_study(rng, spec, front, back, education)
        start = parse_number(number, check_dates=False).service_start
        rank_since = date(
            rng.randint(max(start.year, 2015), max(start.year, 2024)),
            rng.choice((4, 10)),
            1,
        )
        position_since = date(
            rng.randint(max(start.year, 2016), max(start.year, 2024)), 1, 2
        )
        gaps = {gap: rng.random() < share for gap, share in GAP_SHARES.items()}
        checked = self.today - timedelta(days=rng.randint(10, 330))
        status = "active"
        if pppk:
            rank_since = position_since = date(start.year, 3, 1)
        elif cpns:
            rank_since = position_since = None if ahead else start
            status = "cpns"
        if not seated:
            self._force_gap(gaps, pppk or cpns, education)
        if gaps["study_leave"] and education == "S1" and not (seated or pppk or cpns):
            status = "study_leave"
        rank_code = (PPPK_RANKS if pppk else RANK_CODES)[rank - 1]
        if gaps["rank"] and not (pppk or cpns or seated):
            rank_code = rank_since = None
        if gaps["education"] and not seated:
            education, front, back, field = None, "", "", ""
        if gaps["field"]:
            field = ""
        if gaps["position_since"] and not seated:
            position_since = None
        if ahead or gaps["checked"]:
            checked = None
        return PersonPlan(
            nip=number,
            name=name,
            front_title=front,
            back_title=back,
            education=education,
            education_field=field,
            unit=unit,
            position=position,
            rank=rank_code,
            supervisor_nip=supervisor,
            rank_since=rank_since,
            position_since=position_since,
            email=self.email(name),
            mentor_capacity=(
                rng.choice((2, 3, 4)) if low >= 11 and rng.random() < 0.25 else None
            ),
            assessment_seed=rng.randrange(2**31),
            employment_type="PPPK" if pppk else "PNS",
            service_status=status,
            records_checked_on=checked,
            follows_today=cpns,
        )


# Degrees of the health and teaching professions, not given to office staff.
_PROFESSION_TITLES = {
    "dr.",
    "S.Ked.",
    "S.Kep.",
    "S.Tr.Keb.",
    "S.Pd.",
    "A.Md.Kep.",
    "A.Md.Keb.",
    "M.Kes.",
    "M.Pd.",
}


@functools.cache
def _office_titles(education: str) -> tuple[str, ...]:
    titles = catalogue.names().academic_titles.get(education, ())
    return tuple(title for title in titles if title not in _PROFESSION_TITLES)


@functools.cache
def _guru_fields() -> tuple[str, ...]:
    """The fields a Guru post accepts, the usual one (PGSD) first."""
    return catalogue.position("GURU-PERTAMA").education_fields


@functools.cache
def _staff_positions(unit_kind: str) -> list[str]:
    """Posts without a seat that are held in a kind of unit, weighted.

    Pelaksana are the bulk of an office; puskesmas, schools and the Pol PP post
    are mostly their professionals.
    """
    office = unit_kind in OFFICE_KINDS
    result = []
    for spec in catalogue.positions():
        if spec.unit is None and unit_kind in spec.works_in:
            pelaksana = spec.level == "pelaksana"
            weight = (4 if pelaksana else 1) if office else (1 if pelaksana else 3)
            result.extend([spec.code] * weight)
    return result


def _persona_plan(account, role: str, boss: str | None, today: date) -> PersonPlan:
    """A persona as a person; the dates that make their requirements tell a story.

    Nadia has been in her post two years (short of the four a pengawas post asks
    for) and HR last checked her records before last year's SKP was due.
    """
    since = date(2021, 1, 4)
    checked = today - timedelta(days=_PERSONA_CHECKED_DAYS_AGO.get(role, 30))
    if role == "employee":
        since = date(today.year - 2, 1, 2)
        checked = date(today.year - 1, 12, 1)
    elif account.employment_type == "PPPK":
        since = date(int(account.nip[8:12]), 3, 1)
    return PersonPlan(
        nip=account.nip,
        name=account.full_name,
        front_title="",
        back_title=account.title,
        education=account.education,
        education_field=account.education_field,
        unit=account.unit,
        position=account.position,
        rank=account.rank,
        supervisor_nip=boss,
        rank_since=since if account.employment_type == "PPPK" else date(2022, 4, 1),
        position_since=since,
        email=account.email,
        role=role,
        mentor_capacity=3 if role == "mentor" else None,
        assessment_seed=zlib.crc32(role.encode()),
        employment_type=account.employment_type,
        records_checked_on=checked,
    )


_PERSONA_CHECKED_DAYS_AGO = {
    "pppk": 120,
    "mentor": 60,
    "supervisor": 40,
    "hr": 15,
    "admin": 90,
}


def plan_people(total: int, seed: int = 2026, today: date = REFERENCE_DATE):
    """The demo staff: the personas, every post with a seat, then general staff.

    Every post holder is always included, so the list may be longer than
    ``total``. ``today`` dates what is relative to the day of seeding: the CPNS's
    TMT and the day HR last checked the records.
    """
    generator = _Generator(seed, today)
    people: list[PersonPlan] = []
    holder_of: dict[str, str] = {}  # position code -> NIP
    personas = {a.role: a for a in catalogue.accounts()}
    for account in catalogue.accounts():
        holder_of.setdefault(account.position, account.nip)

    seated = [p.code for p in catalogue.positions() if p.unit is not None]
    for index, code in enumerate(seated, start=1):
        if code in holder_of:
            continue
        spec = catalogue.position(code)
        plan = generator.person(index, spec.unit, code, None, seated=True)
        holder_of[code] = plan.nip
        people.append(plan)
    for plan in people:
        boss = structural_supervisor(plan.position)
        plan.supervisor_nip = holder_of.get(boss) if boss else None

    leaders = _unit_leaders(holder_of)
    for role, account in personas.items():
        if account.reports_to:
            boss = personas[account.reports_to].nip
        elif catalogue.position(account.position).unit is not None:
            code = structural_supervisor(account.position)
            boss = holder_of.get(code) if code else None
        else:
            boss = next(iter(leaders[account.unit]), None)
        people.insert(0, _persona_plan(account, role, boss, today))

    units = list(catalogue.units())
    weights = [_UNIT_WEIGHTS.get(u.kind, 0) for u in units]
    unit_rng = random.Random(f"{seed}:units")
    index = len(seated) + 1
    while len(people) < total:
        unit = unit_rng.choices(units, weights)[0]
        position = unit_rng.choice(_staff_positions(unit.kind))
        bosses = leaders[unit.code]
        boss = unit_rng.choice(bosses) if bosses else None
        people.append(generator.person(index, unit.code, position, boss))
        index += 1
    return people


def _unit_leaders(holder_of: dict[str, str]) -> dict[str, list[str]]:
    """For each unit, the NIPs general staff there may report to.

    Staff report to the sections and heads of their own organisation: in the
    kecamatan to the Sekretaris Camat or a Kepala Seksi (else the Camat), in a
    puskesmas or a school to its head; the Pol PP posted to the kecamatan report
    to Satpol PP Kota Medan, outside the demo.
    """
    leaders: dict[str, list[str]] = {}
    for spec in catalogue.positions():
        code = spec.code
        if spec.unit is None or code not in holder_of:
            continue
        if code.startswith("LURAH-") or code in ("CAMAT", "SEKCAM"):
            continue  # staff report to the sections, not the head
        leaders.setdefault(spec.unit, []).append(holder_of[code])
    leaders["KEC"] = [holder_of["SEKCAM"]]
    in_kecamatan = catalogue.descendants("KEC")
    for unit in catalogue.units():
        default = [holder_of["CAMAT"]] if unit.code in in_kecamatan else []
        leaders.setdefault(unit.code, default)
    return leaders
