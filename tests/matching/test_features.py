"""Input records and the arrays built from them."""

from __future__ import annotations

import numpy as np
import pytest

from app.matching.features import (
    COVER_BASE,
    GOAL_WEIGHT,
    MAX_LEVEL,
    TEACHING_LEVEL,
    MenteeProfile,
    MentorCandidate,
    build_mentor_features,
    build_need_rows,
    cover_quality,
    make_vectorizer,
)


def mentee(**fields) -> MenteeProfile:
    """A mentee with a gap of 2 on competency 1 unless told otherwise."""
    values = {
        "id": 100,
        "unit_id": 1,
        "supervisor_id": None,
        "current": {1: 2},
        "target": {1: 4},
        "goal_competencies": frozenset(),
    }
    return MenteeProfile(**{**values, **fields})


def test_need_is_target_minus_current_never_negative() -> None:
    profile = mentee(current={1: 2, 2: 5}, target={1: 4, 2: 3, 3: 2})
    assert profile.need(1) == 2
    assert profile.need(2) == 0  # already above the target
    assert profile.need(3) == 2  # not assessed counts as 0
    assert profile.need(9) == 0  # not in the target at all
    assert profile.needs() == {1: 2, 3: 2}


def test_goal_competencies_weigh_more() -> None:
    profile = mentee(goal_competencies=frozenset({1}))
    assert profile.weight(1) == GOAL_WEIGHT
    assert profile.weight(2) == 1.0


def test_mentor_features_columns_and_cover_quality() -> None:
    mentors = [
        MentorCandidate(1, 1, "A", {7: 3, 2: 5}),
        MentorCandidate(2, 1, "B", {2: 4}),
    ]
    features = build_mentor_features(mentors)
    assert features.competencies.tolist() == [2, 7]
    assert features.levels.tolist() == [[5, 3], [4, 0]]
    assert features.quality.shape == (MAX_LEVEL * 2, 2)
    assert features.quality.flags.c_contiguous
    # Rows of block t-1 hold the quality for a mentee aiming at level t.
    block = {t: features.quality[(t - 1) * 2 : t * 2].T for t in (3, 5)}
    # Target 3: level 5 is 2 above (0.9), level 4 one above (0.8); 3 teaches nothing.
    np.testing.assert_allclose(block[3], [[0.9, 0.0], [0.8, 0.0]], rtol=1e-6)
    # Target 5: only level 5 holds it, with no headroom.
    np.testing.assert_allclose(block[5], [[0.6, 0.0], [0.0, 0.0]], rtol=1e-6)


@pytest.mark.parametrize(
    "level, target, expected",
    [
        (3, 2, 0.0),  # holds the target but does not teach (below level 4)
        (3, 3, 0.0),
        (4, 5, 0.0),  # teaches, but below the target
        (4, 4, COVER_BASE),
        (5, 5, COVER_BASE),
        (4, 3, 0.8),
        (5, 3, 0.9),
        (5, 2, 0.95),
        (5, 1, 0.975),
    ],
)
def test_cover_quality(level, target, expected) -> None:
    assert cover_quality(level, target) == pytest.approx(expected)


def test_more_headroom_is_always_better_and_never_outweighs_a_gap() -> None:
    qualities = [cover_quality(5, target) for target in (5, 4, 3, 2, 1)]
    assert qualities == sorted(qualities) and len(set(qualities)) == 5
    # Two gaps of the same weight covered at the target beat one with any headroom.
    assert 2 * cover_quality(TEACHING_LEVEL, TEACHING_LEVEL) > max(qualities)


@pytest.mark.parametrize(
    "mentors, message",
    [
        (
            [MentorCandidate(1, 1, "A", {1: 3}), MentorCandidate(1, 1, "B", {})],
            "unique",
        ),
        ([MentorCandidate(1, 1, "A", {1: 6})], "out of range"),
    ],
)
def test_mentor_features_refuse_bad_input(mentors, message) -> None:
    with pytest.raises(ValueError, match=message):
        build_mentor_features(mentors)


def test_need_rows_divide_by_the_full_need() -> None:
    # Competency 9 is offered by nobody: it is not a column but still counts.
    profile = mentee(current={}, target={1: 3, 9: 4}, goal_competencies={1})
    rows = build_need_rows([profile], {1: 0, 2: 1})
    weighted = np.array([3 * GOAL_WEIGHT, 4.0])
    # One entry, at (target 3, column 0) of 2 columns: its share of all the need.
    assert rows.weight.nonzero()[1].tolist() == [(3 - 1) * 2 + 0]
    assert rows.weight.data.tolist() == pytest.approx([weighted[0] / weighted.sum()])


def test_need_rows_skip_targets_above_the_scale() -> None:
    rows = build_need_rows([mentee(current={}, target={1: 6})], {1: 0})
    assert rows.weight.nnz == 0


def test_vectorizer_drops_indonesian_function_words_and_numbers() -> None:
    vectorizer = make_vectorizer().fit(
        ["Penyusunan anggaran dan pelaporan yang akurat untuk 2025", "Arsip digital"]
    )
    terms = set(vectorizer.get_feature_names_out())
    assert {"penyusunan", "anggaran", "pelaporan", "arsip", "digital"} <= terms
    assert not terms & {"dan", "yang", "untuk", "2025"}
