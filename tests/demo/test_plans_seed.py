"""``flask seed-demo``: career plans in every state, for a demo that tells a story."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.demo import catalogue
from app.demo.catalogue import persona_nip
from app.demo.plans import Planner, Script, Subject, Target
from app.extensions import db
from app.i18n import WIB, local_today
from app.models import (
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    Employee,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
    PositionCompetency,
    PositionRequirement,
    User,
)
from app.plans.queries import plans_awaiting_review
from tests.conftest import text_of

GOAL_TITLE = re.compile(r"Meningkatkan (.+) ke level (\d)")
REVIEW_STEPS = (
    PlanEventKind.CREATED,
    PlanEventKind.SUBMITTED,
    PlanEventKind.APPROVED,
    PlanEventKind.RETURNED,
)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _employee(role: str) -> Employee:
    return db.session.scalar(select(Employee).where(Employee.nip == persona_nip(role)))


def _plans_of(employee: Employee) -> dict[int, CareerPlan]:
    plans = db.session.scalars(
        select(CareerPlan).where(CareerPlan.employee_id == employee.id)
    )
    return {plan.period: plan for plan in plans}


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def year() -> int:
    return local_today().year


def test_plans_exist_in_every_state_with_history(seeded, year):
    current = Counter(
        db.session.scalars(select(CareerPlan.status).where(CareerPlan.period == year))
    )
    assert set(current) == set(PlanStatus)
    history = Counter(
        db.session.scalars(
            select(CareerPlan.status).where(CareerPlan.period == year - 1)
        )
    )
    assert history and set(history) == {PlanStatus.APPROVED}
    assert not db.session.scalar(
        select(func.count()).where(CareerPlan.period.not_in([year, year - 1]))
    )
    # About three in five employees plan for this year.
    assert 0.45 < current.total() / _count(Employee) < 0.75


def test_the_report_counts_the_plans_per_state(seeded):
    line = next(x for x in seeded.output.splitlines() if x.startswith("Plans "))
    counts = {
        state: int(n)
        for state, n in re.findall(r"(draft|submitted|approved|returned) (\d+)", line)
    }
    assert set(counts) == {s.value for s in PlanStatus}
    assert sum(counts.values()) == _count(CareerPlan)
    by_status = Counter(s.value for s in db.session.scalars(select(CareerPlan.status)))
    assert counts == dict(by_status)


def test_nadia_has_a_draft_to_edit_and_last_years_approved_plan(seeded, year):
    nadia = _employee("employee")
    plans = _plans_of(nadia)
    assert set(plans) == {year, year - 1}

    draft = plans[year]
    assert draft.status is PlanStatus.DRAFT
    assert draft.version == 1
    assert [e.kind for e in draft.events] == [PlanEventKind.CREATED]
    assert draft.events[0].actor.employee_id == nadia.id
    # Aimed at the next step in her kelurahan, with goals for its largest gaps.
    assert draft.target_position.level == "pengawas"
    assert draft.target_position.unit_id == nadia.unit_id
    required = dict(
        db.session.execute(
            select(
                PositionCompetency.competency_id, PositionCompetency.required_level
            ).where(PositionCompetency.position_id == draft.target_position_id)
        ).all()
    )
    assert len(draft.goals) == 4
    for goal in draft.goals:
        assert goal.competency_id in required
        assert goal.target_level == required[goal.competency_id]
        assert GOAL_TITLE.fullmatch(goal.title).groups() == (
            goal.competency.name,
            str(goal.target_level),
        )
    # Some activities, and one goal left for the demo to fill in.
    assert all(goal.activities for goal in draft.goals[:-1])
    assert not draft.goals[-1].activities

    history = plans[year - 1]
    assert history.status is PlanStatus.APPROVED
    assert history.target_position_id == nadia.position_id
    activities = [a for goal in history.goals for a in goal.activities]
    done = [a for a in activities if a.status is ActivityStatus.DONE]
    assert len(done) > len(activities) / 2
    assert all(a.evidence for a in done)


def test_nadia_edits_her_draft_in_the_browser(seeded, app, year):
    nadia = _employee("employee")
    draft = _plans_of(nadia)[year]
    client = app.test_client(user=nadia.user)
    page = client.get(f"/plans/{draft.id}")
    assert page.status_code == 200
    assert draft.goals[0].title in text_of(page)
    assert 'data-plan-version="1"' in page.get_data(as_text=True)

    activity = draft.goals[0].activities[0]
    response = client.post(
        f"/plans/{draft.id}/activities/{activity.id}/status",
        data={"status": "in_progress", "version": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    db.session.refresh(draft)
    assert draft.version == 2


def test_fauzi_has_a_review_queue_a_returned_and_an_approved_plan(seeded, app, year):
    fauzi = _employee("supervisor")
    team = fauzi.subordinates
    assert len(team) >= 5  # Nadia and the four section heads of Labuhan Deli
    plans = {
        employee.name: plan
        for employee in team
        if (plan := _plans_of(employee).get(year)) is not None
    }
    states = Counter(plan.status for plan in plans.values())
    assert states[PlanStatus.SUBMITTED] >= 2
    assert states[PlanStatus.RETURNED] >= 1
    assert states[PlanStatus.APPROVED] >= 1
    assert plans_awaiting_review(fauzi.id) >= 2

    for plan in plans.values():
        reviews = [
            e
            for e in plan.events
            if e.kind in (PlanEventKind.APPROVED, PlanEventKind.RETURNED)
        ]
        assert all(e.actor_id == fauzi.user.id for e in reviews)
        if plan.status is PlanStatus.RETURNED:
            latest = max(plan.events, key=lambda e: (e.created_at, e.id))
            assert latest.kind is PlanEventKind.RETURNED
            assert latest.comment.strip()

    client = app.test_client(user=fauzi.user)
    queue = client.get(f"/plans/team?period={year}&status=submitted")
    assert queue.status_code == 200
    submitted = [n for n, p in plans.items() if p.status is PlanStatus.SUBMITTED]
    for name in submitted:
        assert name in text_of(queue)


def test_every_due_date_falls_within_its_period(seeded):
    rows = db.session.execute(
        select(DevelopmentActivity.due_date, CareerPlan.period)
        .join(PlanGoal, PlanGoal.id == DevelopmentActivity.goal_id)
        .join(CareerPlan, CareerPlan.id == PlanGoal.plan_id)
    ).all()
    assert rows
    assert all(due.year == period for due, period in rows)


def test_goals_activities_and_jp_are_realistic(seeded):
    nadia = _employee("employee")
    plans = db.session.scalars(
        select(CareerPlan).where(CareerPlan.employee_id != nadia.id)
    ).all()
    with_competency = total_goals = 0
    for plan in plans:
        assert plan.version == 1
        assert 2 <= len(plan.goals) <= 4
        assert [g.position for g in plan.goals] == list(range(len(plan.goals)))
        jp = 0
        required = {
            r.competency_id: r.required_level for r in plan.target_position.requirements
        }
        for goal in plan.goals:
            total_goals += 1
            if goal.competency_id is not None:
                with_competency += 1
                # A goal closes a gap: it aims at what the target position asks.
                assert goal.target_level == required[goal.competency_id]
                assert GOAL_TITLE.fullmatch(goal.title)
            assert 1 <= len(goal.activities) <= 3
            titles = [a.title for a in goal.activities]
            assert len(set(titles)) == len(titles)
            for activity in goal.activities:
                assert 2 <= activity.planned_jp <= 40
                jp += activity.planned_jp
        assert 15 <= jp <= 50, plan
    assert with_competency > 0.7 * total_goals


def test_activity_statuses_fit_the_plan_state(seeded, year):
    statuses: dict[str, Counter] = defaultdict(Counter)
    for plan in db.session.scalars(select(CareerPlan)):
        key = "history" if plan.period < year else plan.status.value
        for goal in plan.goals:
            for activity in goal.activities:
                statuses[key][activity.status] += 1
                if activity.status is ActivityStatus.DONE:
                    assert activity.evidence
    for state in ("draft", "submitted", "returned"):
        counts = statuses[state]
        assert counts[ActivityStatus.PLANNED] > 0.6 * counts.total()
    history = statuses["history"]
    assert history[ActivityStatus.DONE] > 0.7 * history.total()
    approved = statuses["approved"]
    assert approved[ActivityStatus.DONE] and approved[ActivityStatus.PLANNED]


def test_the_history_is_ordered_in_time_and_fits_the_state(seeded):
    now = datetime.now(UTC)
    events = defaultdict(list)
    for event in db.session.scalars(select(PlanEvent).order_by(PlanEvent.id)):
        events[event.plan_id].append(event)
    users = {u.id: u.employee_id for u in db.session.scalars(select(User))}
    for plan in db.session.scalars(select(CareerPlan)):
        history = events[plan.id]
        times = [e.created_at for e in history]
        assert all(
            t.tzinfo is not None and t.utcoffset() == timedelta(0) for t in times
        )
        assert times == sorted(times) and len(set(times)) == len(times)
        assert times[-1] < now
        assert plan.created_at == times[0]
        assert plan.created_at <= plan.updated_at < now
        # In office hours, Medan time.
        assert all(8 <= t.astimezone(WIB).hour < 16 for t in times)
        kinds = [e.kind for e in history]
        assert kinds[0] is PlanEventKind.CREATED
        review = [k for k in kinds if k in REVIEW_STEPS]
        expected_last = {
            PlanStatus.DRAFT: PlanEventKind.CREATED,
            PlanStatus.SUBMITTED: PlanEventKind.SUBMITTED,
            PlanStatus.APPROVED: PlanEventKind.APPROVED,
            PlanStatus.RETURNED: PlanEventKind.RETURNED,
        }
        assert review[-1] is expected_last[plan.status]
        for event in history:
            if event.kind in (PlanEventKind.APPROVED, PlanEventKind.RETURNED):
                if event.actor_id is not None:
                    assert users[event.actor_id] == plan.employee.supervisor_id
                if event.kind is PlanEventKind.RETURNED:
                    assert event.comment
            else:
                assert users[event.actor_id] == plan.employee_id


def test_seeding_again_adds_no_plans(seeded, runner):
    before = (
        _count(CareerPlan),
        _count(PlanGoal),
        _count(DevelopmentActivity),
        _count(PlanEvent),
    )
    again = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert again.exit_code == 0, again.output
    assert "Plans 0 new" in again.output
    assert (
        _count(CareerPlan),
        _count(PlanGoal),
        _count(DevelopmentActivity),
        _count(PlanEvent),
    ) == before


def test_more_people_get_plans_of_their_own_only(seeded, runner):
    first = {
        (p.id, p.employee_id, p.period, p.status, p.version)
        for p in db.session.scalars(select(CareerPlan))
    }
    old_people = set(db.session.scalars(select(Employee.id)))
    result = runner.invoke(args=["seed-demo", "--employees", "220"])
    assert result.exit_code == 0, result.output
    after = {
        (p.id, p.employee_id, p.period, p.status, p.version)
        for p in db.session.scalars(select(CareerPlan))
    }
    assert first < after
    assert all(plan[1] not in old_people for plan in after - first)
    pairs = db.session.execute(select(CareerPlan.employee_id, CareerPlan.period)).all()
    assert len(set(pairs)) == len(pairs)


def test_requirement_rows_follow_the_catalogue_and_stay_put(seeded, runner):
    """Seeding writes each post's requirement rows; again, it replaces only the
    rows of a post that differ from the catalogue (an edited basis, a lost row)."""
    rules = db.session.execute(
        select(PositionRequirement.id, Position.code)
        .join(Position)
        .order_by(PositionRequirement.id)
    ).all()
    lurah = db.session.scalar(select(Position).where(Position.code == "LURAH-LD"))
    expected = [r.as_tuple() for r in catalogue.position("LURAH-LD").requirements]
    assert [_rule(r) for r in lurah.rules] == expected
    # Lurah: at least III/c and ten years of service (PP 73/2005, check).
    assert ("rank", "III/c") in {(r.kind.value, r.value) for r in lurah.rules}
    lurah.rules[0].basis = "changed"
    lurah.rules.pop()
    db.session.commit()

    assert runner.invoke(args=["seed-demo", "--employees", "150"]).exit_code == 0
    db.session.refresh(lurah)
    assert [_rule(r) for r in lurah.rules] == expected
    after = db.session.execute(
        select(PositionRequirement.id, Position.code)
        .join(Position)
        .order_by(PositionRequirement.id)
    ).all()
    untouched = [row for row in rules if row.code != "LURAH-LD"]
    assert [row for row in after if row.code != "LURAH-LD"] == untouched


def _rule(rule: PositionRequirement) -> tuple:
    return (
        rule.kind.value,
        rule.value,
        rule.value_max,
        rule.param,
        rule.basis,
        rule.blocking,
        rule.alternative,
        rule.note,
    )


def _subject(**overrides) -> Subject:
    values = {
        "nip": "199001012015031001",
        "employee_id": 7,
        "user_id": 70,
        "supervisor_user_id": 80,
        "has_supervisor": True,
        "mentor": "Lurah Labuhan Deli",
        "position": Target(1, ((1, 3), (2, 2), (3, 3), (4, 2))),
        "next_steps": (Target(2, ((1, 4), (2, 3), (3, 3), (4, 3))),),
        "levels": {1: 2, 2: 2, 3: 1, 4: 1},
    }
    return Subject(**{**values, **overrides})


COMPETENCIES = {1: ("M.01", "Integritas"), 2: ("M.05", "Pelayanan Publik")}
COMPETENCIES |= {3: ("T.05", "Pengelolaan Arsip"), 4: ("T.06", "Teknologi Informasi")}


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 31, 17, 30, tzinfo=UTC),  # 1 January, 00:30 in Medan
        datetime(2027, 1, 3, 2, 0, tzinfo=UTC),
        datetime(2027, 6, 15, 9, 0, tzinfo=UTC),
        datetime(2027, 12, 31, 16, 0, tzinfo=UTC),
    ],
)
def test_plans_are_deterministic_and_valid_on_any_day(now):
    period = now.astimezone(WIB).year
    for state in PlanStatus:
        script = Script(state, history=True, next_step=state is PlanStatus.DRAFT)
        first = Planner(COMPETENCIES, 2026, now).plans_for(_subject(), script)
        again = Planner(COMPETENCIES, 2026, now).plans_for(_subject(), script)
        assert first == again
        assert [p.period for p in first] == [period - 1, period]
        for plan in first:
            times = [e.at for e in plan.events]
            assert times == sorted(times) and len(set(times)) == len(times)
            assert times[-1] < now and plan.updated_at < now
            for goal in plan.goals:
                assert all(a.due_date.year == plan.period for a in goal.activities)
    drawn = [
        Planner(COMPETENCIES, 2026, now).plans_for(_subject(nip=f"1990{n:014d}"), None)
        for n in range(200)
    ]
    assert 0.45 < sum(any(p.period == period for p in x) for x in drawn) / 200 < 0.75
