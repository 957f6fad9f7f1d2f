"""Recommendations: the pure score (unit tests) and the list's top section."""

from fractions import Fraction

from app.extensions import db
from app.models import AssessmentSource, OpportunityKind
from app.opportunities.recommend import (
    Candidate,
    Goal,
    plan_goals,
    recommend,
    score,
)
from tests.conftest import text_of
from tests.factories import make_assessment, make_plan, make_user
from tests.opportunities.publish_helpers import make_opportunity

INTEGRITY, TEAMWORK, ARCHIVES = 1, 2, 3
LURAH, STAFF = 10, 11

ARSIP = Candidate(100, "training", frozenset({ARCHIVES}))
INTEG = Candidate(101, "training", frozenset({INTEGRITY}))
BOTH = Candidate(102, "training", frozenset({INTEGRITY, TEAMWORK}))
LURAH_VACANCY = Candidate(200, "vacancy", frozenset({INTEGRITY, TEAMWORK}), LURAH)
STAFF_VACANCY = Candidate(201, "vacancy", frozenset({ARCHIVES}), STAFF)
ALL = [ARSIP, INTEG, BOTH, LURAH_VACANCY, STAFF_VACANCY]


def _ids(recommendations) -> list[int]:
    return [r.opportunity_id for r in recommendations]


def test_a_training_scores_the_gaps_it_closes():
    goals = [Goal(INTEGRITY, "Integritas", 2, 4), Goal(TEAMWORK, "Kerja Sama", 3, 4)]
    assert score(INTEG, goals, None).score == 2
    assert score(BOTH, goals, None).score == 3
    assert score(ARSIP, goals, None).score == 0
    [reason] = score(INTEG, goals, None).reasons
    assert (reason.kind, reason.goal.name, reason.goal.level, reason.goal.target) == (
        "develops",
        "Integritas",
        2,
        4,
    )


def test_a_goal_reached_adds_nothing_and_never_assessed_counts_from_zero():
    assert score(INTEG, [Goal(INTEGRITY, "Integritas", 4, 4)], None).score == 0
    assert score(INTEG, [Goal(INTEGRITY, "Integritas", None, 3)], None).score == 3


def test_a_vacancy_for_the_plan_target_comes_first():
    goals = [Goal(INTEGRITY, "Integritas", 2, 4), Goal(TEAMWORK, "Kerja Sama", 3, 4)]
    top = recommend(ALL, goals, LURAH)
    assert _ids(top) == [200, 102, 101]
    assert top[0].score == 2 + 1 + 1
    assert [r.kind for r in top[0].reasons] == ["target", "requires", "requires"]


def test_a_vacancy_requiring_what_the_plan_develops_counts_half():
    goals = [Goal(ARCHIVES, "Arsip", 1, 3)]
    result = score(STAFF_VACANCY, goals, LURAH)
    assert result.score == Fraction(1)
    assert [r.kind for r in result.reasons] == ["requires"]


def test_two_people_with_different_plans_get_different_orders():
    sri = [Goal(ARCHIVES, "Arsip", 1, 4), Goal(INTEGRITY, "Integritas", 3, 4)]
    andi = [Goal(INTEGRITY, "Integritas", 1, 5), Goal(TEAMWORK, "Kerja Sama", 2, 3)]
    assert _ids(recommend(ALL, sri, STAFF)) == [201, 100, 101, 102, 200]
    assert _ids(recommend(ALL, andi, LURAH)) == [200, 102, 101]


def test_ties_keep_the_given_order_and_the_limit_holds():
    goals = [Goal(INTEGRITY, "Integritas", 1, 3)]
    twins = [Candidate(i, "training", frozenset({INTEGRITY})) for i in range(9)]
    assert _ids(recommend(twins, goals, None)) == [0, 1, 2, 3, 4]


def test_one_goal_per_competency_the_highest_target():
    goals = plan_goals(
        [Goal(INTEGRITY, "Integritas", 2, 3), Goal(INTEGRITY, "Integritas", 2, 5)]
    )
    assert [g.target for g in goals] == [5]


# The list's top section --------------------------------------------------------------


def _top(response) -> str:
    """The text of the recommendations section (empty without one)."""
    page = text_of(response)
    if "Recommended for you" not in page:
        return ""
    start = page.index("Recommended for you")
    return page[start : page.index("opportunit", start)]


def test_the_list_recommends_by_each_persons_plan(app, login, world):
    make_opportunity(world, title="Diklat Arsip", competencies=[world.archives])
    make_opportunity(world, title="Diklat Integritas", competencies=[world.integrity])
    make_opportunity(world, title="Diklat Lain", competencies=[])
    sri = make_plan(world, goals=1)  # Arsip to level 3
    sri.goals[0].target_level = 4
    andi = make_plan(world, owner=world.colleague, goals=1)
    andi.goals[0].competency = world.integrity
    andi.goals[0].target_level = 4
    make_assessment(world.employee, world.archives, 2)
    make_assessment(world.colleague, world.integrity, 1, source=AssessmentSource.SELF)
    db.session.commit()

    top = _top(login("employee").get("/opportunities"))
    assert "Diklat Arsip" in top and "Diklat Integritas" not in top
    assert "Develops Pengelolaan Arsip (en): level 2 → target 4" in top

    assert _top(login("supervisor").get("/opportunities")) == ""  # no plan

    andi = make_user(world.colleague, "andi@uji.example.id")
    db.session.commit()
    top = _top(app.test_client(user=andi).get("/opportunities"))
    assert "Diklat Integritas" in top and "Diklat Arsip" not in top
    assert "Develops Integritas (en): not assessed yet → target 4" not in top
    assert "Develops Integritas (en): level 1 → target 4" in top


def test_a_vacancy_for_the_plan_target_is_recommended_with_its_reason(login, world):
    make_opportunity(world, OpportunityKind.VACANCY, title="Lowongan Lurah")
    plan = make_plan(world, goals=1)
    plan.target_position = world.lurah_position
    db.session.commit()
    top = _top(login("employee").get("/opportunities"))
    assert "Lowongan Lurah" in top
    assert "The target position of your plan" in top
