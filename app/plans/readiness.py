"""Readiness for a position, and the career paths open from the current one.

Readiness sets an employee against every published requirement of a position:
minimum rank, years in that rank, education and the competency standard. Paths
follow the jabatan ladders of DOMAIN.md: the next level of the same functional
family, the next structural level, or a move at the same level.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from app.models import (
    Education,
    Employee,
    Position,
    PositionCompetency,
    PositionKind,
)
from app.models.competency import CompetencyAssessment
from app.models.types import AssessmentSource
from app.profile.services import CompetencyStanding

Latest = dict[int, dict[AssessmentSource, CompetencyAssessment]]

# Comparable grades across the ladders, after the equivalence of structural and
# functional levels (eselon IV ~ ahli muda, eselon III ~ ahli madya).
GRADES = {
    "pemula": 1,
    "terampil": 1,
    "pelaksana": 1,
    "mahir": 2,
    "penyelia": 2,
    "ahli_pertama": 2,
    "pengawas": 3,
    "ahli_muda": 3,
    "administrator": 4,
    "ahli_madya": 4,
    "pratama": 5,
    "ahli_utama": 5,
    "madya": 6,
    "utama": 7,
}
EDUCATION_ORDER = list(Education)
PATH_LIMIT = 5


class PathKind(enum.StrEnum):
    """The three ways up or across from a position."""

    FUNCTIONAL = "functional"  # the next jenjang of the same functional family
    STRUCTURAL = "structural"  # the next structural (administrasi, JPT) level
    LATERAL = "lateral"  # another position at the same level


@dataclass
class Check:
    """One non-competency requirement: ``kind`` is rank, years or education."""

    kind: str
    met: bool
    required: str
    actual: str | None


@dataclass
class Readiness:
    """How an employee measures up to one position's published requirements."""

    position: Position
    checks: list[Check]
    standings: list[CompetencyStanding] = field(default_factory=list)

    @property
    def competencies_met(self) -> int:
        return sum(1 for s in self.standings if s.status == "met")

    @property
    def total_gap(self) -> int:
        """Levels missing over all required competencies."""
        return sum(s.gap or 0 for s in self.standings)

    @property
    def met(self) -> int:
        """Requirements met, each competency counting as one."""
        return sum(1 for c in self.checks if c.met) + self.competencies_met

    @property
    def total(self) -> int:
        return len(self.checks) + len(self.standings)

    @property
    def percent(self) -> int:
        """Share of requirements met, 0..100 (100 when nothing is required)."""
        return round(100 * self.met / self.total) if self.total else 100

    @property
    def ready(self) -> bool:
        return self.met == self.total

    @property
    def gaps(self) -> list[CompetencyStanding]:
        """Required competencies still below their level, largest gap first."""
        open_ = [s for s in self.standings if s.status in ("gap", "unassessed")]
        return sorted(open_, key=lambda s: (-(s.gap or 0), s.competency.code))


def full_years(since: date, today: date) -> int:
    """Whole years from ``since`` to ``today``."""
    before_anniversary = (today.month, today.day) < (since.month, since.day)
    return today.year - since.year - before_anniversary


def readiness_for(
    employee: Employee,
    position: Position,
    latest: Latest,
    today: date,
    standings: Sequence[CompetencyStanding] | None = None,
) -> Readiness:
    """Check ``employee`` against ``position``.

    ``latest`` holds the employee's newest assessments per competency (see
    ``latest_by_competency``); pass ``standings`` when they are already built.
    """
    checks: list[Check] = []
    if position.min_rank is not None:
        rank = employee.rank
        checks.append(
            Check(
                "rank",
                rank is not None and rank.ordinal >= position.min_rank.ordinal,
                position.min_rank.code,
                rank.code if rank else None,
            )
        )
    for rule in position.rules:
        if rule.kind == "education" and rule.value:
            education = employee.education
            checks.append(
                Check(
                    "education",
                    education is not None
                    and EDUCATION_ORDER.index(education)
                    >= EDUCATION_ORDER.index(Education(rule.value)),
                    rule.value,
                    education.value if education else None,
                )
            )
    if standings is None:
        standings = [
            _standing(requirement, latest) for requirement in position.requirements
        ]
    required = [s for s in standings if s.required is not None]
    return Readiness(position, checks, required)


def _standing(requirement: PositionCompetency, latest: Latest) -> CompetencyStanding:
    return CompetencyStanding(
        requirement.competency,
        requirement.required_level,
        dict(latest.get(requirement.competency_id, {})),
    )


def grade_of(position: Position | None) -> int:
    """The comparable grade of a position; 0 when there is none."""
    return GRADES.get(position.level, 0) if position else 0


def _is_structural(position: Position) -> bool:
    return position.kind is not PositionKind.FUNGSIONAL


def classify(current: Position | None, candidate: Position) -> PathKind | None:
    """Which kind of step ``candidate`` is from ``current``, if it is one."""
    if current is not None and candidate.id == current.id:
        return None
    own, other = grade_of(current), grade_of(candidate)
    if (
        current is not None
        and current.kind is PositionKind.FUNGSIONAL
        and candidate.kind is PositionKind.FUNGSIONAL
        and candidate.family == current.family
    ):
        return PathKind.FUNCTIONAL if other > own else None
    if _is_structural(candidate) and other > own:
        return PathKind.STRUCTURAL
    if other == own and current is not None:
        return PathKind.LATERAL
    return None


@dataclass
class CareerPaths:
    """The best few positions of each path kind, and how many there are."""

    paths: dict[PathKind, list[Readiness]]
    counts: dict[PathKind, int]


def career_paths(
    employee: Employee,
    positions: Sequence[Position],
    latest: Latest,
    today: date,
    limit: int = PATH_LIMIT,
) -> CareerPaths:
    """Positions the employee could grow into next, the readiest first.

    Steps up go to the nearest level above the current grade only (the next
    jenjang, the next structural level); the same unit comes first among equals.
    """
    current = employee.position
    found: dict[PathKind, list[Readiness]] = {kind: [] for kind in PathKind}
    for position in positions:
        kind = classify(current, position)
        if kind is not None:
            found[kind].append(readiness_for(employee, position, latest, today))
    for kind in (PathKind.FUNCTIONAL, PathKind.STRUCTURAL):  # one step up only
        if found[kind]:
            nearest = min(grade_of(r.position) for r in found[kind])
            found[kind] = [r for r in found[kind] if grade_of(r.position) == nearest]

    def order(readiness: Readiness):
        same_unit = readiness.position.unit_id in (None, employee.unit_id)
        return (-readiness.percent, readiness.total_gap, not same_unit)

    return CareerPaths(
        paths={kind: sorted(items, key=order)[:limit] for kind, items in found.items()},
        counts={kind: len(items) for kind, items in found.items()},
    )
