"""Generated data with planted pairs, the metrics, and the model against baselines."""

from __future__ import annotations

import numpy as np
import pytest

from app.matching.evaluate import (
    Metrics,
    _metrics,
    _ranks,
    evaluate,
    format_report,
    generate,
    run_evaluation,
    topic,
)


@pytest.fixture(scope="module")
def dataset():
    return generate(60, 120, seed=3)


def competency_cosines(dataset, mentee) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of need and strength, and eligibility, of one mentee to every mentor."""
    competencies = sorted({c for m in dataset.mentors for c in m.levels})
    levels = np.array(
        [[m.levels.get(c, 0) for c in competencies] for m in dataset.mentors], float
    )
    gaps = mentee.needs()
    need = np.array([gaps.get(c, 0) * mentee.weight(c) for c in competencies])
    target = np.array([mentee.target.get(c, 99) for c in competencies])
    norms = np.linalg.norm(levels, axis=1)
    cosine = levels @ need / (norms * np.linalg.norm(need))
    covers = ((levels >= target) & (need > 0)).any(axis=1)
    ids = np.array([m.id for m in dataset.mentors])
    is_open = np.array([m.available and m.capacity_left > 0 for m in dataset.mentors])
    eligible = covers & is_open & (ids != mentee.id) & (ids != mentee.supervisor_id)
    return cosine, eligible


def test_generate_is_reproducible(dataset) -> None:
    assert generate(60, 120, seed=3) == dataset
    assert generate(60, 120, seed=4) != dataset


def test_ids_and_planted_mentors(dataset) -> None:
    assert [m.id for m in dataset.mentors] == list(range(1, 121))
    assert [m.id for m in dataset.mentees] == list(range(121, 181))
    assert set(dataset.planted) == {m.id for m in dataset.mentees}


def test_planted_mentor_covers_exactly_the_needs_and_shares_words(dataset) -> None:
    mentors = {m.id: m for m in dataset.mentors}
    for mentee in dataset.mentees:
        planted = mentors[dataset.planted[mentee.id]]
        assert set(planted.levels) == set(mentee.needs())
        for c in planted.levels:
            assert planted.levels[c] >= mentee.target[c]
        assert planted.available and planted.capacity_left > 0
        assert set(mentee.text.lower().split()) & set(planted.text.lower().split())


def test_planted_mentor_is_the_best_fit_by_need_and_strength(dataset) -> None:
    for mentee in dataset.mentees:
        cosine, eligible = competency_cosines(dataset, mentee)
        planted = dataset.planted[mentee.id] - 1
        assert eligible[planted]
        rivals = np.delete(cosine, planted)[np.delete(eligible, planted)]
        assert (rivals < cosine[planted]).all()


def test_distractors_fool_the_simple_methods(dataset) -> None:
    planted_mentors = set(dataset.planted.values())
    distractors = [m for m in dataset.mentors if m.id not in planted_mentors]
    mentors = {m.id: m for m in dataset.mentors}
    planted_sets = {frozenset(mentors[i].levels) for i in planted_mentors}
    short = [m for m in distractors if frozenset(m.levels) in planted_sets]
    generalists = [m for m in distractors if len(m.levels) >= 20]
    closed = [m for m in distractors if not m.available or m.capacity_left == 0]
    planted_texts = {mentors[i].text for i in planted_mentors}
    rivals = [m for m in distractors if m.text in planted_texts]
    assert short and generalists and closed and rivals
    # Same competencies as a planted mentor means lower levels, never a tie.
    for mentor in short:
        template = next(
            mentors[i]
            for i in planted_mentors
            if set(mentors[i].levels) == set(mentor.levels)
        )
        assert all(mentor.levels[c] < template.levels[c] for c in mentor.levels)


def test_topics_beyond_thirty_are_distinct() -> None:
    assert topic(1) != topic(31) != topic(61)
    assert len({w for c in range(1, 100) for w in topic(c)}) == 4 * 99


def test_ranks_and_metrics() -> None:
    scores = np.array([[0.9, 0.5, 0.5], [0.1, 0.2, 0.3], [0.4, 0.4, 0.4]])
    ranked = np.array([[True, True, True], [True, True, False], [True] * 3])
    keys = np.array([[0, 1, 2], [0, 1, 2], [2, 1, 0]])
    planted = np.array([2, 2, 0])
    ranks = _ranks(scores, ranked, keys, planted)
    # Row 0: 0.9 ahead, 0.5 tied with a lower key ahead -> 3. Row 1: filtered out.
    assert ranks.tolist() == [3, 0, 3]
    assert _metrics(np.array([1, 2, 0, 6])) == Metrics(
        precision_at_1=0.25,
        precision_at_5=0.5,
        mrr=pytest.approx((1 + 1 / 2 + 1 / 6) / 4),
    )


def test_model_beats_the_baselines_clearly(dataset) -> None:
    results = evaluate(dataset)
    model = results["model"]
    for baseline in ("random", "name_overlap"):
        assert model.mrr >= results[baseline].mrr + 0.2
        assert model.precision_at_5 > results[baseline].precision_at_5
        assert model.precision_at_1 > results[baseline].precision_at_1


def test_report_is_an_aligned_table() -> None:
    results = run_evaluation(30, 60, seed=1)
    report = format_report(results)
    lines = report.splitlines()
    assert lines[0].split() == ["method", "P@1", "P@5", "MRR"]
    assert [line.split()[0] for line in lines[2:]] == list(results)
    assert len({len(line) for line in lines}) == 1
