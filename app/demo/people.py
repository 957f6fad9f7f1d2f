"""Deterministic generation of the demo staff of Kecamatan Medan Marelan.

Pure Python, no database: ``plan_people`` turns a size and a seed into the same
list of people every time, so that seeding can be repeated and extended.
"""

from __future__ import annotations

import functools
import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.demo import catalogue
from app.nip import parse_nip

if TYPE_CHECKING:
    from app.models import Position

# NIPs are generated as of this date so that the same seed gives the same people
# whatever day the command runs.
REFERENCE_DATE = date(2025, 1, 1)
RANK_CODES = [f"{g}/{s}" for g in ("I", "II", "III") for s in "abcd"] + [
    f"IV/{s}" for s in "abcde"
]

_KELURAHAN_SUFFIXES = ("LD", "PP", "RP", "TER", "TJ")
# How many staff each kind of unit gets, relative to the others.
_UNIT_WEIGHTS = {
    "kecamatan": 1,
    "sekretariat": 3,
    "seksi": 2,
    "kelurahan": 3,
    "puskesmas": 5,
    "sekolah": 4,
}


@dataclass
class PersonPlan:
    """One demo employee, with everything needed to insert them."""

    nip: str
    name: str
    front_title: str
    back_title: str
    education: str
    unit: str
    position: str
    rank: str
    supervisor_nip: str | None
    rank_since: date
    position_since: date
    email: str
    role: str | None = None  # the demo persona's role, if this is one
    mentor_capacity: int | None = None
    assessment_seed: int = 0


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
    """The position a structural post reports to inside the kecamatan."""
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


class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.sequences: Counter[str] = Counter()
        self.emails: set[str] = set()
        for account in catalogue.accounts():
            self._register_nip(account.nip)
            self.emails.add(account.email)

    def _register_nip(self, nip: str) -> None:
        prefix = nip[:15]
        self.sequences[prefix] = max(self.sequences[prefix], int(nip[15:]))

    def nip(self, rng: random.Random, min_age_at_start: int = 19) -> str:
        born = date(rng.randint(1966, 2001), rng.randint(1, 12), rng.randint(1, 28))
        start_age = rng.randint(min_age_at_start, 33)
        start_year = min(born.year + start_age, REFERENCE_DATE.year - 1)
        start_month = rng.randint(1, 12)
        if date(start_year, start_month, 1) < born.replace(year=born.year + 18):
            start_year = born.year + 19
        if start_year >= REFERENCE_DATE.year:
            born = born.replace(year=born.year - 5)
            start_year = REFERENCE_DATE.year - 1
        prefix = f"{born:%Y%m%d}{start_year:04d}{start_month:02d}{rng.choice('12')}"
        self.sequences[prefix] += 1
        nip = f"{prefix}{self.sequences[prefix]:03d}"
        parse_nip(nip, today=REFERENCE_DATE)  # generated NIPs must always be valid
        return nip

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

    def titles(self, rng: random.Random, position: str, education: str):
        if position.startswith("DOKTER"):
            return "dr.", ("M.Kes." if education == "S2" else "")
        if position.startswith("GURU") or position.startswith("KASEK"):
            return "", ("S.Pd." if education == "S1" else "M.Pd.")
        if position.startswith("PERAWAT"):
            return "", ("A.Md.Kep." if education == "D3" else "S.Kep., Ners")
        if position.startswith("BIDAN"):
            return "", ("A.Md.Keb." if education == "D3" else "S.Tr.Keb.")
        options = _office_titles(education)
        if education == "S2":
            return "", f"{rng.choice(_office_titles('S1'))}, {rng.choice(options)}"
        return "", (rng.choice(options) if options else "")

    def person(self, index: int, unit: str, position: str, supervisor: str | None):
        rng = random.Random(f"{self.seed}:{index}")
        spec = catalogue.position(position)
        female = rng.random() < 0.55
        min_rank = RANK_CODES.index(spec.min_rank or "II/a")
        rank = RANK_CODES[min(min_rank + rng.choice((0, 0, 1, 1, 2, 3)), 16)]
        education = spec.min_education or "SMA"
        if education == "S1" and rng.random() < 0.2:
            education = "S2"
        nip = self.nip(rng)
        if (nip[14] == "2") != female:
            female = nip[14] == "2"
        name = self.name(rng, female)
        front, back = self.titles(rng, position, education)
        start = parse_nip(nip, today=REFERENCE_DATE).cpns_start
        rank_since = date(
            rng.randint(max(start.year, 2015), 2024), rng.choice((4, 10)), 1
        )
        return PersonPlan(
            nip=nip,
            name=name,
            front_title=front,
            back_title=back,
            education=education,
            unit=unit,
            position=position,
            rank=rank,
            supervisor_nip=supervisor,
            rank_since=rank_since,
            position_since=date(rng.randint(max(start.year, 2016), 2024), 1, 2),
            email=self.email(name),
            mentor_capacity=(
                rng.choice((2, 3, 4))
                if min_rank >= 10 and rng.random() < 0.25
                else None
            ),
            assessment_seed=rng.randrange(2**31),
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
def _staff_positions(unit_kind: str) -> list[str]:
    """Generic positions that fit a kind of unit."""
    result = []
    for spec in catalogue.positions():
        if spec.unit is not None:
            continue
        technical = {code for code in spec.competencies if code.startswith("T.")}
        health, school = "T.04" in technical, "T.10" in technical
        pelaksana = spec.level == "pelaksana"
        if unit_kind == "puskesmas":
            fits = health or pelaksana
        elif unit_kind == "sekolah":
            fits = school or spec.code in (
                "PENGADM-PERKANTORAN",
                "PENGELOLA-UMUM-OPS",
            )
        else:
            fits = not health and not school
        if fits:
            # Pelaksana are the bulk of every office; weight them up.
            result.extend([spec.code] * (4 if pelaksana else 1))
    return result


def plan_people(total: int, seed: int = 2026) -> list[PersonPlan]:
    """The demo staff: the personas, every structural post, then general staff.

    Every post holder is always included, so the list may be longer than ``total``.
    """
    generator = _Generator(seed)
    people: list[PersonPlan] = []
    holder_of: dict[str, str] = {}  # position code -> NIP
    personas = {a.role: a for a in catalogue.accounts()}
    for account in catalogue.accounts():
        holder_of.setdefault(account.position, account.nip)

    structural = [p.code for p in catalogue.positions() if p.unit is not None]
    for index, code in enumerate(structural, start=1):
        if code in holder_of:
            continue
        plan = generator.person(index, catalogue.position(code).unit, code, None)
        holder_of[code] = plan.nip
        people.append(plan)
    for plan in people:
        boss = structural_supervisor(plan.position)
        plan.supervisor_nip = holder_of.get(boss) if boss else None

    for role, account in personas.items():
        if account.reports_to:
            boss = personas[account.reports_to].nip
        else:
            code = structural_supervisor(account.position)
            boss = holder_of.get(code) if code else None
        people.insert(
            0,
            PersonPlan(
                nip=account.nip,
                name=account.full_name,
                front_title="",
                back_title=account.title,
                education=account.education,
                unit=account.unit,
                position=account.position,
                rank=account.rank,
                supervisor_nip=boss,
                rank_since=date(2022, 4, 1),
                position_since=date(2021, 1, 4),
                email=account.email,
                role=role,
                mentor_capacity=3 if role == "mentor" else None,
                assessment_seed=zlib.crc32(role.encode()),
            ),
        )

    units = list(catalogue.units())
    weights = [_UNIT_WEIGHTS[u.kind] for u in units]
    unit_rng = random.Random(f"{seed}:units")
    leaders = _unit_leaders(holder_of)
    index = len(structural) + 1
    while len(people) < total:
        unit = unit_rng.choices(units, weights)[0]
        position = unit_rng.choice(_staff_positions(unit.kind))
        boss = unit_rng.choice(leaders[unit.code])
        people.append(generator.person(index, unit.code, position, boss))
        index += 1
    return people


def _unit_leaders(holder_of: dict[str, str]) -> dict[str, list[str]]:
    """For each unit, the NIPs general staff there may report to."""
    leaders: dict[str, list[str]] = {}
    for spec in catalogue.positions():
        code = spec.code
        if spec.unit is None or code not in holder_of:
            continue
        if code.startswith("LURAH-") or code in ("CAMAT", "SEKCAM"):
            continue  # staff report to the sections, not the head
        leaders.setdefault(spec.unit, []).append(holder_of[code])
    leaders["KEC"] = [holder_of["SEKCAM"]]
    for unit in catalogue.units():
        leaders.setdefault(unit.code, [holder_of["CAMAT"]])
    return leaders
