"""Which open opportunities help an employee's plan most: a pure function.

The inputs are the goals of the employee's current-year plan (each competency
with the level it aims at and the level the employee holds now, by the
profile's rule) and the candidates (trainings with the competencies they
develop, vacancies with their position and the competencies it requires).
Nothing here reads the database or the clock.

- A **training** scores the gaps it closes: over its competencies, each plan
  goal's gap from the level held to the target (a goal without a gap left adds
  nothing).
- A **vacancy** for the position the plan targets scores every gap of the plan
  plus one (the plan is aimed at it; a plan with no gap left still gets it
  first). A vacancy whose position requires competencies the plan develops
  scores half of those goals' gaps: it uses the growth rather than brings it.

Candidates that score nothing are left out; the rest go highest first, then in
the order given (the list's: the soonest closing first). Every recommendation
carries its reasons, largest gap first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

TARGET_BONUS = 1
REQUIRES_SHARE = Fraction(1, 2)
LIMIT = 5


@dataclass(frozen=True)
class Goal:
    """A plan goal in a competency: the level held now (None: never assessed)
    and the level it aims at."""

    competency_id: int
    name: str
    level: int | None
    target: int

    @property
    def gap(self) -> int:
        return max(self.target - (self.level or 0), 0)


@dataclass(frozen=True)
class Candidate:
    """An open training or vacancy. ``competency_ids``: a training's, or the
    competencies a vacancy's position requires."""

    opportunity_id: int
    kind: str  # "training" or "vacancy"
    competency_ids: frozenset[int] = frozenset()
    position_id: int | None = None


@dataclass(frozen=True)
class Reason:
    """Why: "develops" or "requires" a goal's competency, or the plan's "target"."""

    kind: str
    goal: Goal | None = None


@dataclass(frozen=True)
class Recommendation:
    opportunity_id: int
    score: Fraction
    reasons: tuple[Reason, ...]


def plan_goals(goals: Iterable[Goal]) -> list[Goal]:
    """One goal per competency (the highest target), largest gap first."""
    best: dict[int, Goal] = {}
    for goal in goals:
        held = best.get(goal.competency_id)
        if held is None or goal.target > held.target:
            best[goal.competency_id] = goal
    return sorted(best.values(), key=lambda g: (-g.gap, g.name))


def score(
    candidate: Candidate, goals: Sequence[Goal], target_position_id: int | None
) -> Recommendation:
    """How much ``candidate`` closes the gaps of the plan's ``goals``."""
    goals = plan_goals(goals)
    open_goals = [g for g in goals if g.gap > 0]
    touched = [g for g in open_goals if g.competency_id in candidate.competency_ids]
    if candidate.kind == "vacancy":
        if (
            candidate.position_id is not None
            and candidate.position_id == target_position_id
        ):
            total = sum(g.gap for g in open_goals) + TARGET_BONUS
            reasons = (Reason("target"), *(Reason("requires", g) for g in touched))
            return Recommendation(candidate.opportunity_id, Fraction(total), reasons)
        total = REQUIRES_SHARE * sum(g.gap for g in touched)
        reasons = tuple(Reason("requires", g) for g in touched)
        return Recommendation(candidate.opportunity_id, total, reasons)
    total = Fraction(sum(g.gap for g in touched))
    reasons = tuple(Reason("develops", g) for g in touched)
    return Recommendation(candidate.opportunity_id, total, reasons)


def recommend(
    candidates: Sequence[Candidate],
    goals: Sequence[Goal],
    target_position_id: int | None,
    limit: int = LIMIT,
) -> list[Recommendation]:
    """The candidates that help, highest score first (then in the given order)."""
    scored = [score(c, goals, target_position_id) for c in candidates]
    helpful = [r for r in scored if r.score > 0]
    helpful.sort(key=lambda r: -r.score)  # stable: ties keep the given order
    return helpful[:limit]
