"""What a closed mentorship left behind: the rule, pure (no database, no Flask).

For each competency the mentor taught, the mentee's level before the mentorship
is the effective level from the assessments dated on or before its start; the
level after is the effective level from the assessments dated after it. The
effective level follows the profile's rule (``app.profile.services``): an
external level (the supervisor's or an assessment centre's) outranks the
self-assessment, and among them the newest counts. A rise is *confirmed* only
when the level after is external; a rise shown by a self-assessment alone is
shown as such and not counted.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from app.models.types import AssessmentSource, level_precedence


class Outcome(enum.StrEnum):
    """How a taught competency's level moved from the start to now."""

    ROSE = "rose"
    SAME = "same"
    FELL = "fell"
    NOT_REASSESSED = "not_reassessed"  # no assessment after the start
    NO_EARLIER_LEVEL = "no_earlier_level"  # a level after the start only


@dataclass(frozen=True)
class Reading:
    """One dated assessment of a competency of the mentee."""

    level: int
    source: AssessmentSource
    assessed_at: datetime
    id: int = 0

    @property
    def external(self) -> bool:
        """Given by the supervisor or an assessment centre, not by the mentee."""
        return self.source is not AssessmentSource.SELF


def effective(readings: Iterable[Reading]) -> Reading | None:
    """The reading that counts: external before self, then the newest."""
    return max(
        readings,
        key=lambda r: level_precedence(r.source, r.assessed_at, r.id),
        default=None,
    )


@dataclass(frozen=True)
class CompetencyOutcome:
    """A taught competency: the level before the start, the level after it."""

    competency_id: int
    before: Reading | None
    after: Reading | None

    @property
    def outcome(self) -> Outcome:
        if self.after is None:
            return Outcome.NOT_REASSESSED
        if self.before is None:
            return Outcome.NO_EARLIER_LEVEL
        if self.after.level > self.before.level:
            return Outcome.ROSE
        if self.after.level < self.before.level:
            return Outcome.FELL
        return Outcome.SAME

    @property
    def compared(self) -> bool:
        """Reassessed with a level from before the start to compare with."""
        return self.before is not None and self.after is not None

    @property
    def confirmed_rise(self) -> bool:
        """Rose, and the level after is the supervisor's or an assessment
        centre's."""
        return self.outcome is Outcome.ROSE and self.after.external

    @property
    def self_assessed_rise(self) -> bool:
        """Rose by the mentee's own assessment only: shown, never counted."""
        return self.outcome is Outcome.ROSE and not self.after.external


def competency_outcome(
    competency_id: int, readings: Iterable[Reading], started_at: datetime
) -> CompetencyOutcome:
    """Split one competency's assessments at the start and compare the two sides."""
    readings = list(readings)
    return CompetencyOutcome(
        competency_id,
        before=effective(r for r in readings if r.assessed_at <= started_at),
        after=effective(r for r in readings if r.assessed_at > started_at),
    )


@dataclass(frozen=True)
class MentorshipOutcome:
    """A closed mentorship: what was taught, how it moved, how both sides rated."""

    id: int
    mentor_id: int
    mentee_id: int
    started_at: datetime
    closed_at: datetime | None
    competencies: tuple[CompetencyOutcome, ...]
    mentee_rating: int | None  # the mentee's rating of the mentorship, 1..5
    mentor_rating: int | None

    @property
    def names_competency(self) -> bool:
        return bool(self.competencies)

    @property
    def compared(self) -> int:
        return sum(c.compared for c in self.competencies)

    @property
    def confirmed_rises(self) -> int:
        return sum(c.confirmed_rise for c in self.competencies)


def mentorship_outcome(
    *,
    id: int,
    mentor_id: int,
    mentee_id: int,
    started_at: datetime,
    closed_at: datetime | None,
    taught: Iterable[int],
    readings: dict[int, Sequence[Reading]],
    mentee_rating: int | None = None,
    mentor_rating: int | None = None,
) -> MentorshipOutcome:
    """A mentorship's outcome from the competencies it taught and the mentee's
    assessments of them (``readings`` by competency id)."""
    return MentorshipOutcome(
        id=id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        started_at=started_at,
        closed_at=closed_at,
        competencies=tuple(
            competency_outcome(cid, readings.get(cid, ()), started_at)
            for cid in sorted(set(taught))
        ),
        mentee_rating=mentee_rating,
        mentor_rating=mentor_rating,
    )


@dataclass
class Figures:
    """The counts a group of closed mentorships adds up to."""

    mentorships: int = 0
    rated: int = 0  # with a rating from the mentee
    rating_total: int = 0
    compared: int = 0  # taught competencies reassessed, with an earlier level
    confirmed: int = 0  # of those, confirmed rises

    def add(self, outcome: MentorshipOutcome) -> None:
        self.mentorships += 1
        if outcome.mentee_rating is not None:
            self.rated += 1
            self.rating_total += outcome.mentee_rating
        self.compared += outcome.compared
        self.confirmed += outcome.confirmed_rises

    @property
    def average_rating(self) -> float | None:
        """The mentees' average rating, None when nobody rated."""
        return self.rating_total / self.rated if self.rated else None

    @property
    def confirmed_share(self) -> float | None:
        """Confirmed rises among the taught competencies reassessed."""
        return self.confirmed / self.compared if self.compared else None


def figures(outcomes: Iterable[MentorshipOutcome]) -> Figures:
    """The figures of all the mentorships together."""
    total = Figures()
    for outcome in outcomes:
        total.add(outcome)
    return total


def figures_by_mentor(outcomes: Iterable[MentorshipOutcome]) -> dict[int, Figures]:
    """The figures of each mentor's mentorships, by mentor id."""
    by_mentor: dict[int, Figures] = {}
    for outcome in outcomes:
        by_mentor.setdefault(outcome.mentor_id, Figures()).add(outcome)
    return by_mentor
