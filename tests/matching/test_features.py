"""Input records and the arrays built from them."""

from __future__ import annotations

import numpy as np
import pytest

from app.matching.features import (
    GOAL_WEIGHT,
    MAX_LEVEL,
    MenteeProfile,
    MentorCandidate,
    build_mentor_features,
    build_need_rows,
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


def test_mentor_features_columns_strength_and_reaches() -> None:
    mentors = [
        MentorCandidate(1, 1, "A", {7: 3, 2: 5}),
        MentorCandidate(2, 1, "B", {2: 1}),
    ]
    features = build_mentor_features(mentors)
    assert features.competencies.tolist() == [2, 7]
    assert features.levels.tolist() == [[5, 3], [1, 0]]
    np.testing.assert_allclose(np.linalg.norm(features.strength, axis=1), 1.0)
    # Block l-1 of reaches marks level >= l: mentor 1 reaches level 4 on 2 only.
    block = features.reaches[:, 3 * 2 : 4 * 2]
    assert block.tolist() == [[1, 0], [0, 0]]
    assert features.reaches.shape == (2, MAX_LEVEL * 2)


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
    expected = weighted[0] / np.linalg.norm(weighted)
    np.testing.assert_allclose(rows.need.toarray(), [[expected, 0.0]], rtol=1e-6)
    # Cover marks (target 3, column 0) in the reaches layout of 2 columns.
    assert rows.cover.nonzero()[1].tolist() == [(3 - 1) * 2 + 0]


def test_need_rows_skip_targets_above_the_scale() -> None:
    rows = build_need_rows([mentee(current={}, target={1: 6})], {1: 0})
    assert rows.cover.nnz == 0
    assert rows.need.nnz == 1


def test_vectorizer_drops_indonesian_function_words_and_numbers() -> None:
    vectorizer = make_vectorizer().fit(
        ["Penyusunan anggaran dan pelaporan yang akurat untuk 2025", "Arsip digital"]
    )
    terms = set(vectorizer.get_feature_names_out())
    assert {"penyusunan", "anggaran", "pelaporan", "arsip", "digital"} <= terms
    assert not terms & {"dan", "yang", "untuk", "2025"}
