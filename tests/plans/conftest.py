"""Fixtures for career plans: a plan of the world's employee in any state."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.i18n import local_today
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
)


def make_plan(
    world,
    status: PlanStatus = PlanStatus.DRAFT,
    period: int | None = None,
    goals: int = 2,
    activities: int = 2,
    owner=None,
) -> CareerPlan:
    """A plan with ``goals`` goals of ``activities`` activities each (8 JP apiece)."""
    owner = owner or world.employee
    period = period or local_today().year
    plan = CareerPlan(
        employee=owner,
        period=period,
        target_position=world.staff_position,
        status=status,
    )
    for g in range(goals):
        goal = PlanGoal(
            position=g,
            title=f"Sasaran {g + 1}",
            competency=world.archives if g == 0 else None,
            target_level=3 if g == 0 else None,
        )
        goal.activities = [
            DevelopmentActivity(
                position=a,
                kind=ActivityKind.TRAINING,
                title=f"Kegiatan {g + 1}.{a + 1}",
                planned_jp=8,
                due_date=date(period, 6, 1 + a),
                status=ActivityStatus.PLANNED,
            )
            for a in range(activities)
        ]
        plan.goals.append(goal)
    plan.events.append(
        PlanEvent(kind=PlanEventKind.CREATED, actor=world.users["employee"])
    )
    if status is not PlanStatus.DRAFT:
        plan.events.append(
            PlanEvent(kind=PlanEventKind.SUBMITTED, actor=world.users["employee"])
        )
    if status in (PlanStatus.APPROVED, PlanStatus.RETURNED):
        plan.events.append(
            PlanEvent(
                kind=PlanEventKind(status.value),
                actor=world.users["supervisor"],
                comment="Tambahkan pelatihan arsip digital.",
            )
        )
    db.session.add(plan)
    db.session.commit()
    return plan


@pytest.fixture
def plan_of(world):
    """``plan_of(status=..., goals=..., activities=...)`` makes a plan."""

    def make(**kwargs) -> CareerPlan:
        return make_plan(world, **kwargs)

    return make
