"""Cohort matching: assign many mentees at once, maximising the total score.

Each mentor is repeated once per place (a *slot*), which turns capacities into a
plain assignment problem that ``linear_sum_assignment`` solves exactly. Ineligible
pairs weigh 0 and 0-weight pairs are dropped from the answer: every partial
matching extends to a full one with 0-weight pairs, so the optimum is the same
as over eligible pairs only, and no dummy columns are needed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.matching.features import MenteeProfile
from app.matching.model import MatchModel, Reason, top_k


@dataclass(frozen=True)
class Pair:
    """A mentee assigned to a mentor, with the pair's score and reasons."""

    mentee_id: int
    mentor_id: int
    score: float
    reasons: tuple[Reason, ...]


NO_ELIGIBLE = "no_eligible"  # no chosen mentor is eligible for the mentee
NO_PLACES = "no_places"  # some are, but the assignment gave their places away


@dataclass
class CohortResult:
    """The assignment, the mentees left without a mentor, and each mentor's load.

    ``options`` lists, per mentee, the mentors one may choose instead as
    (mentor id, score): the proposed one first, then the best others; ``why``
    says of each unassigned mentee whether nobody fits or the places ran out.
    """

    pairs: list[Pair] = field(default_factory=list)
    unassigned: list[int] = field(default_factory=list)
    load: dict[int, int] = field(default_factory=dict)
    options: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    why: dict[int, str] = field(default_factory=dict)

    @property
    def total_score(self) -> float:
        """The sum of the assigned pairs' scores: what the assignment maximised."""
        return sum(pair.score for pair in self.pairs)

    def spread(self) -> dict[int, int]:
        """How the load is spread: {mentees per mentor: number of mentors}."""
        return dict(sorted(Counter(self.load.values()).items()))


def assign(
    scores: np.ndarray, eligible: np.ndarray, capacities: Sequence[int]
) -> list[tuple[int, int, float]]:
    """Optimal (mentee row, mentor column, score) triples under mentor capacities.

    Each row gets at most one column, column j at most ``capacities[j]`` rows;
    only eligible pairs with a positive score are ever returned.
    """
    # Imported here: scipy.optimize adds ~27 MB that web workers serving only
    # suggestions never need.
    from scipy.optimize import linear_sum_assignment

    scores = np.asarray(scores)
    eligible = np.asarray(eligible, dtype=bool)
    if scores.shape != eligible.shape or scores.ndim != 2:
        raise ValueError("scores and eligible must be matrices of the same shape")
    capacities = np.asarray(capacities, dtype=np.int64)
    if capacities.shape != (scores.shape[1],) or (capacities < 0).any():
        raise ValueError("one non-negative capacity per mentor column")
    positive = eligible & (scores > 0)
    rows = np.flatnonzero(positive.any(axis=1))
    # A mentor never needs more slots than it has candidates: a smaller problem.
    slots = np.minimum(capacities, positive.sum(axis=0))
    columns = np.repeat(np.arange(scores.shape[1]), slots)
    if not rows.size or not columns.size:
        return []
    costs = _slot_costs(scores, positive, rows, slots)
    if len(columns) <= len(rows):
        slot_index, row_index = linear_sum_assignment(costs)
    else:
        row_index, slot_index = linear_sum_assignment(costs.T)
    chosen = -costs[slot_index, row_index]
    triples = [
        (int(rows[r]), int(columns[s]), float(w))
        for s, r, w in zip(slot_index, row_index, chosen, strict=True)
        if w > 0
    ]
    return sorted(triples)


def _slot_costs(
    scores: np.ndarray, positive: np.ndarray, rows: np.ndarray, slots: np.ndarray
) -> np.ndarray:
    """The negated weights, one row per mentor slot, one column per mentee row.

    Filled mentor by mentor into one float64 array. With fewer places than
    mentees (the usual case) SciPy works on it as it is; ``maximize=True`` would
    make a negated copy of its own, as large as the matrix.
    """
    costs = np.empty((int(slots.sum()), len(rows)))
    start = 0
    for column in np.flatnonzero(slots):
        weights = np.where(positive[rows, column], scores[rows, column], 0.0)
        costs[start : start + slots[column]] = -weights
        start += slots[column]
    return costs


def propose(
    model: MatchModel,
    mentees: Sequence[MenteeProfile],
    mentor_ids: Sequence[int] | None = None,
    capacities: Mapping[int, int] | None = None,
    excluded: Collection[tuple[int, int]] = (),
    alternatives: int = 0,
) -> CohortResult:
    """Assign the mentees to the model's mentors (or ``mentor_ids``) optimally.

    ``capacities`` maps mentor id to places; mentors it does not name offer their
    ``capacity_left``. The hard filters still apply, so a full mentor gets nobody;
    ``excluded`` (mentee id, mentor id) pairs are never proposed (a request waits
    there already). With ``alternatives``, each mentee is also offered that many
    other mentors who fit, best first.
    """
    mentee_ids = [m.id for m in mentees]
    if len(set(mentee_ids)) != len(mentee_ids):
        raise ValueError("mentee ids must be unique")
    ids = list(model.mentor_ids if mentor_ids is None else mentor_ids)
    places = model.capacity_left(ids)
    if capacities:
        places = np.array(
            [capacities.get(i, p) for i, p in zip(ids, places, strict=True)]
        )
    scores, eligible = model.scores(mentees, ids)
    usable = eligible & (scores > 0)
    if excluded:
        row_of = {mentee_id: r for r, mentee_id in enumerate(mentee_ids)}
        column_of = {mentor_id: c for c, mentor_id in enumerate(ids)}
        for mentee_id, mentor_id in excluded:
            if mentee_id in row_of and mentor_id in column_of:
                usable[row_of[mentee_id], column_of[mentor_id]] = False
    triples = assign(scores, usable, places)
    reasons = model.explain_many([(mentees[r], ids[c]) for r, c, _ in triples])
    pairs = [
        Pair(mentee_ids[r], ids[c], score, why)
        for (r, c, score), why in zip(triples, reasons, strict=True)
    ]
    chosen = {r: c for r, c, _ in triples}
    load = dict.fromkeys(ids, 0)
    for pair in pairs:
        load[pair.mentor_id] += 1
    result = CohortResult(pairs=pairs, load=load)
    fits = usable.any(axis=1)
    column_ids = np.asarray(ids, dtype=np.int64)
    for r, mentee_id in enumerate(mentee_ids):
        c = chosen.get(r)
        if c is None:
            result.unassigned.append(mentee_id)
            result.why[mentee_id] = NO_PLACES if fits[r] else NO_ELIGIBLE
        if alternatives:
            result.options[mentee_id] = _options(
                scores[r], usable[r], column_ids, c, alternatives
            )
    return result


def _options(
    scores: np.ndarray,
    usable: np.ndarray,
    ids: np.ndarray,
    chosen: int | None,
    alternatives: int,
) -> list[tuple[int, float]]:
    """(mentor id, score): the chosen column first, then the best other ones."""
    fitting = np.flatnonzero(usable)
    best = fitting[top_k(scores[fitting], ids[fitting], alternatives + 1)]
    others = [column for column in best if column != chosen][:alternatives]
    columns = ([chosen] if chosen is not None else []) + others
    return [(int(ids[column]), float(scores[column])) for column in columns]
