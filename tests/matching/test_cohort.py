"""Exact assignment under capacities, and cohort matching on top of the model."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from app.matching.cohort import assign, propose
from app.matching.features import MenteeProfile, MentorCandidate
from app.matching.model import MatchModel, ReasonKind


def brute_force(scores, eligible, capacities) -> float:
    """The best total over every way to give each mentee one mentor or none."""
    n_rows, n_columns = scores.shape
    best = 0.0
    for choice in itertools.product(range(-1, n_columns), repeat=n_rows):
        if any(c >= 0 and not eligible[r, c] for r, c in enumerate(choice)):
            continue
        if any(choice.count(c) > capacities[c] for c in range(n_columns)):
            continue
        best = max(best, sum(scores[r, c] for r, c in enumerate(choice) if c >= 0))
    return best


def total(triples) -> float:
    return sum(score for _, _, score in triples)


def test_optimum_where_greedy_fails() -> None:
    # Greedy gives mentee 0 its best (mentor 0, 0.9), leaving mentee 1 with 0.1:
    # 1.0 in total. The optimum swaps them: 0.8 + 0.85 = 1.65.
    scores = np.array([[0.9, 0.8], [0.85, 0.1]])
    eligible = np.ones_like(scores, dtype=bool)
    triples = assign(scores, eligible, [1, 1])
    assert triples == [(0, 1, 0.8), (1, 0, 0.85)]
    assert total(triples) == pytest.approx(brute_force(scores, eligible, [1, 1]))


@pytest.mark.parametrize("seed", range(12))
def test_matches_brute_force_on_small_random_cases(seed) -> None:
    rng = np.random.default_rng(seed)
    n_rows, n_columns = rng.integers(1, 6), rng.integers(1, 4)
    scores = rng.random((n_rows, n_columns)).round(2)
    eligible = rng.random((n_rows, n_columns)) < 0.7
    capacities = rng.integers(0, 3, size=n_columns)
    triples = assign(scores, eligible, capacities)
    assert total(triples) == pytest.approx(brute_force(scores, eligible, capacities))
    rows = [r for r, _, _ in triples]
    assert len(rows) == len(set(rows))
    for column in range(n_columns):
        assert sum(c == column for _, c, _ in triples) <= capacities[column]
    assert all(eligible[r, c] for r, c, _ in triples)


def test_capacities_are_respected_and_the_rest_unassigned() -> None:
    scores = np.full((5, 2), 0.5)
    eligible = np.ones_like(scores, dtype=bool)
    triples = assign(scores, eligible, [2, 1])
    columns = [c for _, c, _ in triples]
    assert columns.count(0) == 2 and columns.count(1) == 1
    assert len(triples) == 3


def test_ineligible_and_zero_pairs_are_never_assigned() -> None:
    scores = np.array([[0.99, 0.0], [0.5, 0.7]])
    eligible = np.array([[False, True], [True, True]])
    # Mentee 0's only eligible pair scores 0: it stays unassigned.
    assert assign(scores, eligible, [2, 2]) == [(1, 1, pytest.approx(0.7))]


def test_more_places_than_mentees() -> None:
    scores = np.array([[0.2, 0.9, 0.4]])
    triples = assign(scores, np.ones_like(scores, dtype=bool), [3, 3, 3])
    assert triples == [(0, 1, pytest.approx(0.9))]


@pytest.mark.parametrize(
    "scores, eligible, capacities",
    [
        (np.zeros((2, 2)), np.ones((2, 3), dtype=bool), [1, 1]),
        (np.zeros((2, 2)), np.ones((2, 2), dtype=bool), [1]),
        (np.zeros((2, 2)), np.ones((2, 2), dtype=bool), [1, -1]),
    ],
)
def test_refuses_mismatched_input(scores, eligible, capacities) -> None:
    with pytest.raises(ValueError):
        assign(scores, eligible, capacities)


def test_empty_input_assigns_nothing() -> None:
    assert assign(np.zeros((0, 3)), np.zeros((0, 3), dtype=bool), [1, 1, 1]) == []


# --------------------------------------------------------------------------
# propose
# --------------------------------------------------------------------------


def needing(mentee_id: int, competency: int, supervisor: int | None = None):
    """A mentee two levels short of level 4 on one competency."""
    return MenteeProfile(
        mentee_id, 1, supervisor, {competency: 2}, {competency: 4}, frozenset()
    )


@pytest.fixture
def model() -> MatchModel:
    mentors = [
        MentorCandidate(1, 1, "Ana", {10: 4}, capacity_left=1),
        MentorCandidate(2, 2, "Bima", {10: 5, 20: 4}, capacity_left=2),
        MentorCandidate(3, 1, "Citra", {30: 5}, capacity_left=0),
    ]
    return MatchModel.fit(mentors)


def test_propose_pairs_load_and_unassigned(model) -> None:
    mentees = [needing(101, 10), needing(102, 10), needing(103, 20), needing(104, 30)]
    result = propose(model, mentees)
    assigned = {pair.mentee_id: pair.mentor_id for pair in result.pairs}
    # Mentor 3 is full, so the mentee needing 30 is left; 1 + 2 places for 3.
    assert result.unassigned == [104]
    assert assigned[103] == 2
    assert sorted(assigned) == [101, 102, 103]
    assert result.load == {1: 1, 2: 2, 3: 0}
    assert result.spread() == {0: 1, 1: 1, 2: 1}
    assert result.total_score == pytest.approx(sum(p.score for p in result.pairs))
    for pair in result.pairs:
        assert pair.reasons[0].kind is ReasonKind.COVERS_GAP


def test_propose_capacities_override_and_supervisor(model) -> None:
    mentees = [needing(101, 10, supervisor=2), needing(102, 10)]
    result = propose(model, mentees, capacities={1: 1, 2: 0})
    assert [(p.mentee_id, p.mentor_id) for p in result.pairs] == [(101, 1)]
    assert result.unassigned == [102]


def test_propose_on_some_mentors_only(model) -> None:
    result = propose(model, [needing(101, 10)], mentor_ids=[2])
    assert [p.mentor_id for p in result.pairs] == [2]
    assert result.load == {2: 1}


def test_propose_refuses_duplicate_mentees(model) -> None:
    with pytest.raises(ValueError, match="unique"):
        propose(model, [needing(101, 10), needing(101, 10)])


@pytest.fixture
def model_with_texts() -> MatchModel:
    """Mentors in two units, two with an expertise text (TF-IDF is fitted)."""
    mentors = [
        MentorCandidate(1, 1, "Ana", {10: 4}, text="arsip dinamis", capacity_left=1),
        MentorCandidate(2, 2, "Bima", {10: 5, 20: 4}, text="kerja sama tim"),
        MentorCandidate(3, 2, "Citra", {30: 5}, capacity_left=2),
    ]
    return MatchModel.fit(mentors)


def test_explaining_no_pairs_gives_no_reasons(model_with_texts) -> None:
    assert model_with_texts.explain_many([]) == []


def test_propose_with_nobody_to_pair(model_with_texts) -> None:
    mentees = [needing(101, 10), needing(102, 30)]
    result = propose(model_with_texts, mentees, mentor_ids=[])
    assert (result.pairs, result.unassigned, result.load) == ([], [101, 102], {})
    result = propose(model_with_texts, [])
    assert (result.pairs, result.unassigned) == ([], [])
    assert result.load == {1: 0, 2: 0, 3: 0}
    # Only full mentors: every mentee is left over.
    result = propose(model_with_texts, mentees, capacities={1: 0, 2: 0, 3: 0})
    assert (result.pairs, result.unassigned) == ([], [101, 102])


def test_propose_offers_alternatives_and_says_why_mentees_are_left(model) -> None:
    mentees = [needing(101, 10), needing(102, 10), needing(103, 10), needing(104, 30)]
    result = propose(model, mentees, alternatives=1)
    # Ana (1 place) and Bima (2) teach 10; Citra, who teaches 30, is full.
    assert sorted(result.load.items()) == [(1, 1), (2, 2), (3, 0)]
    assert result.unassigned == [104]
    assert result.why == {104: "no_eligible"}
    for pair in result.pairs:
        offered = [mentor for mentor, _ in result.options[pair.mentee_id]]
        assert offered[0] == pair.mentor_id and sorted(offered) == [1, 2]
        assert result.options[pair.mentee_id][0][1] == pytest.approx(pair.score)
    assert result.options[104] == []


def test_propose_never_offers_an_excluded_pair(model) -> None:
    mentees = [needing(101, 10), needing(102, 10), needing(103, 10), needing(104, 10)]
    result = propose(model, mentees, excluded={(101, 1), (101, 2)}, alternatives=2)
    assert 101 in result.unassigned and result.why[101] == "no_eligible"
    assert result.options[101] == []
    assert len(result.pairs) == 3
    # Without the exclusion, three places for four mentees: one runs out.
    result = propose(model, mentees, alternatives=2)
    assert [result.why[i] for i in result.unassigned] == ["no_places"]


def linear_program_optimum(scores, eligible, capacities) -> float:
    """The best total by a linear program over the pairs, solved independently.

    Each mentee takes at most one mentor, each mentor at most its places; the
    constraint matrix is that of a bipartite graph (totally unimodular), so the
    LP optimum is the optimum of the whole-number assignment.
    """
    from scipy.optimize import linprog

    n_rows, n_columns = scores.shape
    pairs = [(r, c) for r in range(n_rows) for c in range(n_columns) if eligible[r, c]]
    if not pairs:
        return 0.0
    bounds_matrix = np.zeros((n_rows + n_columns, len(pairs)))
    for k, (r, c) in enumerate(pairs):
        bounds_matrix[r, k] = 1
        bounds_matrix[n_rows + c, k] = 1
    limits = np.concatenate([np.ones(n_rows), capacities])
    result = linprog(
        -np.array([scores[r, c] for r, c in pairs]),
        A_ub=bounds_matrix,
        b_ub=limits,
        bounds=(0, 1),
        method="highs",
    )
    assert result.status == 0
    return -result.fun


def slot_expanded_optimum(scores, eligible, capacities) -> float:
    """The best total by the textbook reduction, written out in full here.

    Every mentor becomes ``capacity`` identical slot columns, and every mentee
    gets a column of its own worth 0 (staying unassigned), so each mentee row
    is matched exactly once; ineligible pairs cost more than any total.
    """
    from scipy.optimize import linear_sum_assignment

    n_rows, n_columns = scores.shape
    slots = [c for c in range(n_columns) for _ in range(capacities[c])]
    forbidden = -1e6
    weights = np.full((n_rows, len(slots) + n_rows), forbidden)
    for r in range(n_rows):
        for k, c in enumerate(slots):
            if eligible[r, c]:
                weights[r, k] = scores[r, c]
        weights[r, len(slots) + r] = 0.0
    rows, columns = linear_sum_assignment(weights, maximize=True)
    chosen = weights[rows, columns]
    assert (chosen > forbidden).all()
    return float(chosen.sum())


@pytest.mark.parametrize("seed", range(20))
def test_matches_independent_solvers_on_random_instances(seed) -> None:
    rng = np.random.default_rng(100 + seed)
    n_rows, n_columns = rng.integers(5, 40), rng.integers(2, 12)
    scores = rng.random((n_rows, n_columns)).astype(np.float32)
    eligible = rng.random((n_rows, n_columns)) < rng.uniform(0.2, 0.9)
    capacities = rng.integers(0, 5, size=n_columns)
    triples = assign(scores, eligible, capacities)
    assert total(triples) == pytest.approx(
        linear_program_optimum(scores, eligible, capacities), rel=1e-5
    )
    assert total(triples) == pytest.approx(
        slot_expanded_optimum(scores, eligible, capacities), rel=1e-5
    )
    assert all(eligible[r, c] for r, c, _ in triples)
    for column in range(n_columns):
        assert sum(c == column for _, c, _ in triples) <= capacities[column]
