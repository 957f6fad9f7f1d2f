"""The plan rules: proposals, progress, versions, the workflow and its history."""

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import select, text, update

from app.errors import Conflict, DomainError
from app.extensions import db
from app.i18n import local_today
from app.models import (
    ActivityKind,
    ActivityStatus,
    AssessmentSource,
    CareerPlan,
    DevelopmentActivity,
    PlanEventKind,
    PlanStatus,
)
from app.plans import progress as plan_progress
from app.plans import queries
from app.plans.progress import Progress
from app.plans.services import goals, workflow
from app.plans.services.goals import ActivityFields, GoalFields
from app.plans.services.plans import create_plan
from app.profile.services import competency_standings, record_assessment

TODAY = local_today()


def _activity(**fields) -> ActivityFields:
    values = {
        "kind": ActivityKind.TRAINING,
        "title": "Pelatihan arsip",
        "planned_jp": 12,
        "due_date": date(TODAY.year, 10, 1),
    }
    values.update(fields)
    return ActivityFields(**values)


def _kinds(plan) -> list[PlanEventKind]:
    db.session.expire(plan, ["events"])
    return [event.kind for event in plan.events]


# Creating -------------------------------------------------------------------


def test_a_new_plan_proposes_one_goal_per_competency_gap(app, world):
    record_assessment(
        world.employee,
        world.integrity,
        2,
        AssessmentSource.SUPERVISOR,
        world.users["supervisor"],
    )
    standings = competency_standings(
        world.employee, world.staff_position.id, required_only=True
    )
    plan = create_plan(
        world.employee,
        TODAY.year,
        world.staff_position,
        world.users["employee"],
        standings,
        TODAY,
    )
    proposed = {(g.competency.code, g.target_level) for g in plan.goals}
    # Integritas is met at 2; Kerja Sama (2) and Arsip (3) are not assessed.
    assert proposed == {("M.02", 2), ("T.05", 3)}
    assert plan.status is PlanStatus.DRAFT
    assert plan.version == 1
    assert _kinds(plan) == [PlanEventKind.CREATED]


def test_one_plan_per_employee_and_period(app, world, plan_of):
    plan_of()
    with pytest.raises(Conflict):
        create_plan(
            world.employee,
            TODAY.year,
            world.staff_position,
            world.users["employee"],
            [],
            TODAY,
        )
    assert db.session.scalar(select(db.func.count(CareerPlan.id))) == 1


@pytest.mark.parametrize("period", [TODAY.year - 1, TODAY.year + 2])
def test_a_plan_is_for_this_year_or_the_next(app, world, period):
    with pytest.raises(DomainError) as error:
        create_plan(
            world.employee,
            period,
            world.staff_position,
            world.users["employee"],
            [],
            TODAY,
        )
    assert error.value.field == "period"
    assert db.session.scalar(select(db.func.count(CareerPlan.id))) == 0


# Progress -------------------------------------------------------------------


def test_progress_counts_done_jp_and_leaves_dropped_activities_out(app, plan_of):
    plan = plan_of(goals=2, activities=2)  # 4 activities of 8 JP
    first, second = plan.goals[0].activities
    first.status = ActivityStatus.DONE
    second.status = ActivityStatus.DROPPED
    db.session.commit()
    progress = plan_progress.plan_progress(plan)
    assert progress == Progress(planned_jp=24, done_jp=8, activities=3, done=1)
    assert progress.percent == 33
    assert plan_progress.progress_by_plan([plan.id]) == {plan.id: progress}


def test_without_planned_jp_progress_counts_activities(app, plan_of):
    plan = plan_of(goals=1, activities=4)
    for index, activity in enumerate(plan.goals[0].activities):
        activity.planned_jp = 0
        activity.status = ActivityStatus.DONE if index < 3 else ActivityStatus.PLANNED
    db.session.commit()
    progress = plan_progress.plan_progress(plan)
    assert (progress.by_jp, progress.percent) == (False, 75)
    assert plan_progress.progress_by_plan([plan.id])[plan.id] == progress


def test_a_plan_without_activities_has_zero_progress(app, plan_of):
    plan = plan_of(goals=1, activities=0)
    assert plan_progress.progress_by_plan([plan.id]) == {plan.id: Progress()}
    assert plan_progress.plan_progress(plan).percent == 0


# Versions and conflicts -------------------------------------------------------


def test_a_change_from_a_stale_version_is_refused(app, world, plan_of):
    plan = plan_of()
    goals.add_goal(plan, GoalFields("Satu"), 1, world.users["employee"], TODAY)
    assert plan.version == 2
    with pytest.raises(Conflict):
        goals.add_goal(plan, GoalFields("Dua"), 1, world.users["employee"], TODAY)
    db.session.expire_all()
    assert [g.title for g in plan.goals][-1] == "Satu"


def test_a_concurrent_commit_to_the_same_plan_is_a_conflict(app, world, plan_of):
    plan = plan_of()
    # Another request commits a change between our read and our write.
    with db.engine.begin() as connection:
        connection.execute(
            update(CareerPlan.__table__)
            .where(CareerPlan.__table__.c.id == plan.id)
            .values(version=CareerPlan.__table__.c.version + 1)
        )
    with pytest.raises(Conflict):
        goals.add_goal(plan, GoalFields("Balapan"), 1, world.users["employee"], TODAY)
    assert (
        db.session.scalar(
            text("SELECT count(*) FROM plan_goals WHERE title = 'Balapan'")
        )
        == 0
    )


def test_plans_of_earlier_periods_are_closed(app, world, plan_of):
    plan = plan_of(period=TODAY.year - 1, status=PlanStatus.APPROVED)
    activity = plan.goals[0].activities[0]
    with pytest.raises(Conflict):
        goals.set_activity_status(
            plan, activity, ActivityStatus.DONE, None, plan.version, TODAY
        )
    db.session.expire_all()
    assert activity.status is ActivityStatus.PLANNED


# Goals and activities ---------------------------------------------------------


def test_a_submitted_plan_keeps_its_content_but_takes_progress(app, world, plan_of):
    plan = plan_of(status=PlanStatus.SUBMITTED)
    employee = world.users["employee"]
    with pytest.raises(Conflict):
        goals.add_goal(plan, GoalFields("Baru"), plan.version, employee, TODAY)
    activity = plan.goals[0].activities[0]
    goals.set_activity_status(
        plan, activity, ActivityStatus.IN_PROGRESS, "Sedang berjalan", 1, TODAY
    )
    assert (activity.status, activity.evidence) == (
        ActivityStatus.IN_PROGRESS,
        "Sedang berjalan",
    )


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"planned_jp": -1}, "planned_jp"),
        ({"planned_jp": 5000}, "planned_jp"),
        ({"due_date": date(TODAY.year - 1, 12, 31)}, "due_date"),
        ({"due_date": date(TODAY.year + 1, 1, 1)}, "due_date"),
        ({"title": "   "}, "title"),
    ],
)
def test_bad_activities_are_refused(app, world, plan_of, fields, field):
    plan = plan_of(goals=1, activities=0)
    with pytest.raises(DomainError) as error:
        goals.add_activity(
            plan,
            plan.goals[0],
            _activity(**fields),
            1,
            world.users["employee"],
            TODAY,
        )
    assert error.value.field == field
    assert db.session.scalar(select(db.func.count(DevelopmentActivity.id))) == 0


def test_a_target_level_needs_a_competency(app, world, plan_of):
    plan = plan_of()
    with pytest.raises(DomainError) as error:
        goals.add_goal(
            plan, GoalFields("Naik", target_level=3), 1, world.users["employee"], TODAY
        )
    assert error.value.field == "target_level"


def test_goals_and_activities_move_up_and_down(app, world, plan_of):
    plan = plan_of(goals=3, activities=2)
    last = plan.goals[2]
    goals.move_goal(plan, last, "up", 1, TODAY)
    assert [g.title for g in sorted(plan.goals, key=lambda g: g.position)] == [
        "Sasaran 1",
        "Sasaran 3",
        "Sasaran 2",
    ]
    first = plan.goals[0]
    with pytest.raises(DomainError):
        goals.move_goal(plan, first, "up", plan.version, TODAY)
    activity = first.activities[1]
    goals.move_activity(plan, activity, "up", plan.version, TODAY)
    db.session.expire_all()
    assert [a.title for a in plan.goals[0].activities] == [
        "Kegiatan 1.2",
        "Kegiatan 1.1",
    ]


def test_removing_a_goal_removes_its_activities(app, world, plan_of):
    plan = plan_of(goals=2, activities=3)
    goals.remove_goal(plan, plan.goals[0], 1, world.users["employee"], TODAY)
    assert db.session.scalar(select(db.func.count(DevelopmentActivity.id))) == 3


# The workflow -----------------------------------------------------------------


def test_the_review_cycle(app, world, plan_of):
    plan = plan_of()
    employee, supervisor = world.users["employee"], world.users["supervisor"]
    workflow.submit(plan, 1, employee, TODAY)
    assert plan.status is PlanStatus.SUBMITTED
    workflow.return_plan(plan, "Tambah JP.", plan.version, supervisor, TODAY)
    assert plan.status is PlanStatus.RETURNED
    goals.add_activity(plan, plan.goals[0], _activity(), plan.version, employee, TODAY)
    workflow.submit(plan, plan.version, employee, TODAY)
    workflow.approve(plan, "", plan.version, supervisor, TODAY)
    assert plan.status is PlanStatus.APPROVED
    assert _kinds(plan)[:5] == [
        PlanEventKind.APPROVED,
        PlanEventKind.SUBMITTED,
        PlanEventKind.RETURNED,
        PlanEventKind.SUBMITTED,
        PlanEventKind.CREATED,
    ]
    returned = next(e for e in plan.events if e.kind is PlanEventKind.RETURNED)
    assert (returned.comment, returned.actor_id) == ("Tambah JP.", supervisor.id)


@pytest.mark.parametrize(
    "status, step",
    [
        (PlanStatus.SUBMITTED, "submit"),
        (PlanStatus.APPROVED, "submit"),
        (PlanStatus.DRAFT, "approve"),
        (PlanStatus.RETURNED, "approve"),
        (PlanStatus.APPROVED, "approve"),
        (PlanStatus.DRAFT, "return_plan"),
        (PlanStatus.APPROVED, "return_plan"),
    ],
)
def test_steps_the_workflow_does_not_allow_are_conflicts(
    app, world, plan_of, status, step
):
    plan = plan_of(status=status)
    actor = world.users["supervisor"]
    with pytest.raises(Conflict):
        if step == "submit":
            workflow.submit(plan, 1, world.users["employee"], TODAY)
        else:
            getattr(workflow, step)(plan, "Catatan", 1, actor, TODAY)
    db.session.expire_all()
    assert plan.status is status


def test_an_empty_plan_cannot_be_submitted(app, world, plan_of):
    plan = plan_of(goals=0)
    with force_locale("en"), pytest.raises(DomainError, match="at least one goal"):
        workflow.submit(plan, 1, world.users["employee"], TODAY)
    assert plan.status is PlanStatus.DRAFT


def test_every_goal_needs_an_activity_before_submitting(app, world, plan_of):
    plan = plan_of(goals=2, activities=0)
    with pytest.raises(DomainError, match="Sasaran 1; Sasaran 2"):
        workflow.submit(plan, 1, world.users["employee"], TODAY)


def test_returning_needs_a_comment(app, world, plan_of):
    plan = plan_of(status=PlanStatus.SUBMITTED)
    with pytest.raises(DomainError) as error:
        workflow.return_plan(plan, "  ", 1, world.users["supervisor"], TODAY)
    assert error.value.field == "comment"
    assert plan.status is PlanStatus.SUBMITTED


def test_changes_after_approval_are_recorded_and_counted(app, world, plan_of):
    plan = plan_of(status=PlanStatus.APPROVED)
    employee = world.users["employee"]
    activity = plan.goals[0].activities[0]
    goals.set_activity_status(
        plan, activity, ActivityStatus.DONE, "Sertifikat 12/2026", 1, TODAY
    )
    goals.add_goal(plan, GoalFields("Memimpin rapat"), plan.version, employee, TODAY)
    goals.update_activity(
        plan,
        activity,
        _activity(title="Pelatihan arsip digital", status=ActivityStatus.DONE),
        plan.version,
        employee,
        TODAY,
    )
    kinds = _kinds(plan)
    # Progress (status, evidence) is not a change of the plan; the rest is.
    assert kinds[:2] == [PlanEventKind.ACTIVITY_CHANGED, PlanEventKind.GOAL_ADDED]
    assert plan.events[1].subject == "Memimpin rapat"
    assert queries.changes_since_approval([plan.id]) == {plan.id: 2}
    assert plan.status is PlanStatus.APPROVED


def test_team_plans_and_the_review_queue(app, world, plan_of):
    plan_of(status=PlanStatus.SUBMITTED)
    supervisor_id = world.supervisor.id
    people, plans = queries.team_plans(supervisor_id, TODAY.year)
    assert [p.name for p in people.items] == ["Andi Nasution", "Sri Wahyuni Lubis"]
    assert set(plans) == {world.employee.id}
    waiting, _ = queries.team_plans(supervisor_id, TODAY.year, PlanStatus.SUBMITTED)
    assert [p.name for p in waiting.items] == ["Sri Wahyuni Lubis"]
    assert queries.team_plans(supervisor_id, TODAY.year - 1)[1] == {}
    assert queries.plans_awaiting_review(supervisor_id) == 1
    assert queries.plans_awaiting_review(world.mentor.id) == 0
