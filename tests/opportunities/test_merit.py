"""The merit score is pure: same inputs, same score; each component by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.opportunities.merit import (
    COMPONENTS,
    MeritFacts,
    check_weights,
    competency_points,
    development_points,
    experience_points,
    merit_of,
    performance_points,
    ranking_key,
)

WEIGHTS = {"performance": 40, "competency": 30, "development": 20, "experience": 10}


def facts(**changes) -> MeritFacts:
    base = {
        "predikats": ("sangat_baik", "baik"),
        "levels": {1: 3, 2: 1},
        "standard": {1: 3, 2: 2},
        "jp_last_year": 15,
        "jp_target": 20,
        "years_in_post": 3,
    }
    return MeritFacts(**{**base, **changes})


def test_same_inputs_give_the_same_score():
    first = merit_of(facts(), WEIGHTS)
    second = merit_of(facts(), dict(WEIGHTS))
    assert first == second
    assert first.score == second.score
    assert first.as_dict() == second.as_dict()


def test_each_component_computed_by_hand():
    merit = merit_of(facts(), WEIGHTS)
    # performance: (100 + 75) / 2 = 87.5
    assert merit.points("performance") == Decimal("87.5")
    # competency: (3/3 + 1/2) / 2 = 0.75 -> 75
    assert merit.points("competency") == Decimal("75.0")
    # development: 15 of 20 JP -> 75
    assert merit.points("development") == Decimal("75.0")
    # experience: 3 full years x 20 = 60
    assert merit.points("experience") == Decimal("60.0")
    # score: 87.5*.4 + 75*.3 + 75*.2 + 60*.1 = 35 + 22.5 + 15 + 6 = 78.5
    assert merit.score == Decimal("78.5")
    assert [c.weighted for c in merit.components] == [
        Decimal("35.0"),
        Decimal("22.5"),
        Decimal("15.0"),
        Decimal("6.0"),
    ]


def test_the_weights_decide_the_score():
    merit = merit_of(facts(), {**WEIGHTS, "performance": 10, "experience": 40})
    # 87.5*.1 + 75*.3 + 75*.2 + 60*.4 = 8.75 + 22.5 + 15 + 24 = 70.25 -> 70.3
    assert merit.score == Decimal("70.3")
    only_experience = dict.fromkeys(COMPONENTS, 0) | {"experience": 100}
    assert merit_of(facts(), only_experience).score == Decimal("60.0")


@pytest.mark.parametrize(
    ("predikats", "points"),
    [
        ((None, None), "0.0"),
        (("baik", None), "75.0"),  # the unrated year is left out, not 0
        (("sangat_kurang", "kurang"), "7.5"),
        (("butuh_perbaikan", "sangat_baik"), "70.0"),
        (("sangat_baik", "sangat_baik", "sangat_kurang"), "100.0"),  # two years
    ],
)
def test_performance_averages_the_last_two_rated_years(predikats, points):
    assert performance_points(predikats) == Decimal(points)


def test_self_assessment_never_counts():
    """The levels are a supervisor's or an assessment centre's only: a person
    whose competencies were only self-assessed has none, and scores 0 there."""
    assert competency_points({}, {1: 3, 2: 2}) == Decimal("0.0")
    # A level above the requirement counts only as far as it.
    assert competency_points({1: 5, 2: 5}, {1: 3, 2: 2}) == Decimal("100.0")
    assert competency_points({}, {}) == Decimal("100.0")


def test_development_and_experience_are_capped():
    assert development_points(45, 20) == Decimal("100.0")
    assert development_points(0, 20) == Decimal("0.0")
    assert development_points(7, 24) == Decimal("29.2")
    assert development_points(5, 0) == Decimal("100.0")
    assert experience_points(0) == Decimal("0.0")
    assert experience_points(7) == Decimal("100.0")
    assert experience_points(-1) == Decimal("0.0")


def test_ties_are_broken_by_performance_then_competency_then_who_applied_first():
    # Equal scores (50 each) with different components.
    strong_performance = merit_of(
        facts(
            predikats=("sangat_baik", None), levels={}, jp_last_year=0, years_in_post=0
        ),
        {"performance": 50, "competency": 50, "development": 0, "experience": 0},
    )
    strong_competency = merit_of(
        facts(
            predikats=(None, None), levels={1: 3, 2: 2}, jp_last_year=0, years_in_post=0
        ),
        {"performance": 50, "competency": 50, "development": 0, "experience": 0},
    )
    assert strong_performance.score == strong_competency.score == Decimal("50.0")
    ranked = sorted(
        [(strong_competency, 0), (strong_performance, 1)],
        key=lambda pair: ranking_key(*pair),
    )
    assert ranked[0][0] is strong_performance  # performance first, though later
    same = merit_of(facts(), WEIGHTS)
    later, earlier = (same, 5), (same, 2)
    assert sorted([later, earlier], key=lambda p: ranking_key(*p)) == [earlier, later]
    better = merit_of(facts(years_in_post=5), WEIGHTS)
    assert ranking_key(better, 9) < ranking_key(same, 0)  # the score comes first


def test_weights_must_be_whole_percentages_adding_up_to_100():
    assert check_weights(WEIGHTS)
    assert not check_weights({**WEIGHTS, "experience": 11})
    assert not check_weights({"performance": 100})
    assert not check_weights({**WEIGHTS, "performance": -10, "experience": 60})
