"""The published merit score of a vacancy's applicant: a pure function.

Four components, each 0..100 points, weighed by the vacancy's published
weights (whole percentages adding up to 100); the score is their weighted sum,
0..100 with one decimal. Same inputs, same score: nothing here reads the
database or the clock.

- performance: the SKP predikat of the last two years (PermenPANRB 6/2022),
  Sangat Baik 100, Baik 75, Butuh Perbaikan 40, Kurang/Misconduct 15, Sangat
  Kurang 0, averaged over the years recorded; no rating counts 0.
- competency fit: over the position's competency standard, each competency's
  level as far as the requirement (``min(level, required) / required``),
  averaged; only a supervisor's or an assessment centre's level counts, never
  a self-assessment (PermenPANRB 38/2017; a merit decision rests on what others
  observed). A position without a standard gives 100.
- development record: JP of verified training and mentoring in the last twelve
  months against the person's yearly JP target (UU 20/2023), at most 100.
- experience: full years in the current post (TMT jabatan),
  ``POINTS_PER_YEAR`` each, at most 100.

Applicants are ranked by score, then performance, then competency fit, then
who applied first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

COMPONENTS = ("performance", "competency", "development", "experience")
PREDIKAT_POINTS = {
    "sangat_baik": 100,
    "baik": 75,
    "butuh_perbaikan": 40,
    "kurang": 15,
    "sangat_kurang": 0,
}
RATED_YEARS = 2  # the last two years' SKP
POINTS_PER_YEAR = 20  # experience: five full years in the post give 100
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class MeritFacts:
    """What the score of one applicant is computed from.

    ``predikats``: the predikat of each of the last two years, newest first
    (None: not rated). ``levels``: competency id to the supervisor's or
    assessment centre's level. ``standard``: competency id to the level the
    position requires.
    """

    predikats: tuple[str | None, ...]
    levels: Mapping[int, int]
    standard: Mapping[int, int]
    jp_last_year: int
    jp_target: int
    years_in_post: int


@dataclass(frozen=True)
class Component:
    """One component: its points (0..100), its weight and what it adds."""

    name: str
    points: Decimal
    weight: int

    @property
    def weighted(self) -> Decimal:
        return _one_decimal(self.points * self.weight / 100)


@dataclass(frozen=True)
class Merit:
    """An applicant's merit: the components and their weighted sum."""

    components: tuple[Component, ...]

    @property
    def score(self) -> Decimal:
        return _one_decimal(sum(c.points * c.weight for c in self.components) / 100)

    def points(self, name: str) -> Decimal:
        return next(c.points for c in self.components if c.name == name)

    def as_dict(self) -> dict[str, dict[str, str | int]]:
        """The components as JSON, to keep with a decision."""
        return {
            c.name: {"points": str(c.points), "weight": c.weight}
            for c in self.components
        }


def _one_decimal(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def performance_points(predikats: Sequence[str | None]) -> Decimal:
    """The mean points of the years rated among the last two (0 if none)."""
    rated = [PREDIKAT_POINTS[p] for p in predikats[:RATED_YEARS] if p is not None]
    return _one_decimal(Decimal(sum(rated)) / len(rated)) if rated else Decimal("0.0")


def competency_points(
    levels: Mapping[int, int], standard: Mapping[int, int]
) -> Decimal:
    """How far the levels reach the standard, averaged (100 with no standard)."""
    if not standard:
        return Decimal("100.0")
    shares = [
        Decimal(min(levels.get(competency_id, 0), required)) / required
        for competency_id, required in standard.items()
        if required > 0
    ]
    if not shares:
        return Decimal("100.0")
    return _one_decimal(100 * sum(shares) / len(shares))


def development_points(jp: int, target: int) -> Decimal:
    """JP of the last twelve months against the yearly target, at most 100."""
    if target <= 0:
        return Decimal("100.0")
    return _one_decimal(min(Decimal(max(jp, 0)) * 100 / target, Decimal(100)))


def experience_points(years_in_post: int) -> Decimal:
    """``POINTS_PER_YEAR`` per full year in the post, at most 100."""
    return _one_decimal(min(max(years_in_post, 0) * POINTS_PER_YEAR, 100))


def merit_of(facts: MeritFacts, weights: Mapping[str, int]) -> Merit:
    """The merit of one applicant under a vacancy's published weights."""
    points = {
        "performance": performance_points(facts.predikats),
        "competency": competency_points(facts.levels, facts.standard),
        "development": development_points(facts.jp_last_year, facts.jp_target),
        "experience": experience_points(facts.years_in_post),
    }
    return Merit(
        tuple(
            Component(name, points[name], weights.get(name, 0)) for name in COMPONENTS
        )
    )


def ranking_key(merit: Merit, applied_order: int) -> tuple:
    """Sort key: higher score first, then performance, competency fit, and who
    applied first (``applied_order``: smaller is earlier)."""
    return (
        -merit.score,
        -merit.points("performance"),
        -merit.points("competency"),
        applied_order,
    )


def check_weights(weights: Mapping[str, int]) -> bool:
    """Weights are whole percentages, one per component, adding up to 100."""
    return (
        set(weights) == set(COMPONENTS)
        and all(0 <= w <= 100 for w in weights.values())
        and sum(weights.values()) == 100
    )
