"""The matching model as the app uses it: fitted, cached, and fed the mentees.

The model is fitted on the mentors (their offered competencies at assessed
levels, and their expertise text) and cached per process. Each use reads a
fingerprint of what the fit used (the mentor profiles and the newest assessment)
and refits when it moved; places left and pauses are refreshed without a refit.
Mentee features are built fresh on every call, so plan changes count at once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import localized
from app.matching import MatchModel, MenteeProfile, MentorCandidate
from app.models import (
    CareerPlan,
    Competency,
    CompetencyAssessment,
    Employee,
    MentorCompetency,
    MentorProfile,
    PlanGoal,
    PositionCompetency,
)
from app.plans.queries import current_plans
from app.profile.services import effective_levels


@dataclass
class _Cached:
    """A worker's fitted model and the stamps it was fitted and updated at."""

    fitted: tuple
    revisions: int
    model: MatchModel


_models: dict[str, _Cached] = {}


_lock = threading.Lock()


# -- the model ---------------------------------------------------------------


def _stamps() -> tuple[tuple, int]:
    """(what the fit read, how places and pauses stand), in one aggregate query.

    The fit reads the mentors, their offers and their assessments (mentees are
    read fresh), so only those refit; ``revision`` only grows, so its sum moves
    with every place taken or freed and every pause.
    """
    active = MentorProfile.is_active.is_(True)
    newest = (
        select(func.max(CompetencyAssessment.id))
        .where(
            CompetencyAssessment.employee_id.in_(
                select(MentorProfile.employee_id).where(active)
            )
        )
        .scalar_subquery()
    )
    count, updated, revisions, assessed = db.session.execute(
        select(
            func.count(),
            func.max(MentorProfile.updated_at),
            func.coalesce(func.sum(MentorProfile.revision), 0),
            newest,
        ).where(active)
    ).one()
    return (count, updated, assessed), int(revisions)


def _mentor_states() -> dict[int, tuple[bool, int]]:
    """Each mentor's (open to requests, places left)."""
    rows = db.session.execute(
        select(
            MentorProfile.employee_id,
            MentorProfile.is_paused,
            MentorProfile.capacity - MentorProfile.active_mentees,
        ).where(MentorProfile.is_active.is_(True))
    )
    return {mentor: (not paused, max(left, 0)) for mentor, paused, left in rows}


def _fit(mentor_ids: Sequence[int]) -> MatchModel:
    people = db.session.execute(
        select(Employee.id, Employee.unit_id, Employee.name, MentorProfile.expertise)
        .join(MentorProfile, MentorProfile.employee_id == Employee.id)
        .where(MentorProfile.is_active.is_(True))
    ).all()
    offered: dict[int, set[int]] = {}
    for employee_id, competency_id in db.session.execute(
        select(MentorProfile.employee_id, MentorCompetency.competency_id)
        .join(MentorCompetency)
        .where(MentorProfile.is_active.is_(True))
    ):
        offered.setdefault(employee_id, set()).add(competency_id)
    levels = effective_levels(mentor_ids, external_only=True)  # never self-given
    mentors = [
        MentorCandidate(
            id=employee_id,
            unit_id=unit_id,
            name=name,
            levels={
                c: level
                for c, level in levels.get(employee_id, {}).items()
                if c in offered.get(employee_id, ())
            },
            text=expertise,
        )
        for employee_id, unit_id, name, expertise in people
    ]
    return MatchModel.fit(mentors)


def current_model() -> MatchModel:
    """The fitted model for the data as it is now, refitted only when needed.

    One aggregate query when nothing changed; the mentors' places and pauses
    are re-read when they moved, and the model refitted when what it read did.
    """
    fitted, revisions = _stamps()
    key = str(db.engine.url)
    with _lock:
        cached = _models.get(key)
        if cached is None or cached.fitted != fitted:
            states = _mentor_states()
            model = _fit(list(states))
            model.update_availability(states)
            cached = _models[key] = _Cached(fitted, revisions, model)
        elif cached.revisions != revisions:
            cached.model.update_availability(_mentor_states())
            cached.revisions = revisions
        return cached.model


def forget_models() -> None:
    """Drop the cached models (tests, and after bulk imports)."""
    with _lock:
        _models.clear()


# -- mentees -----------------------------------------------------------------


def mentee_profiles(
    employees: Sequence[Employee], year: int
) -> tuple[list[MenteeProfile], dict[int, CareerPlan]]:
    """What the model needs of each mentee, in a fixed number of queries."""
    profiles, plans, _ = named_mentee_profiles(employees, year)
    return profiles, plans


def named_mentee_profiles(
    employees: Sequence[Employee],
    year: int,
    plans: dict[int, CareerPlan] | None = None,
) -> tuple[list[MenteeProfile], dict[int, CareerPlan], dict[int, str]]:
    """``mentee_profiles`` plus the localised names of the competencies involved.

    A reason only ever names a competency the mentee wants, so these names are
    all the reasons need. ``plans`` spares loading plans the caller has.
    """
    ids = [employee.id for employee in employees]
    if plans is None:
        plans = current_plans(ids, year)
    position_ids = {
        plans[e.id].target_position_id if e.id in plans else e.position_id
        for e in employees
    } - {None}
    requirements: dict[int, dict[int, int]] = {}
    names: dict[int, str] = {}
    rows = db.session.execute(
        select(PositionCompetency, Competency)
        .join(Competency, Competency.id == PositionCompetency.competency_id)
        .where(PositionCompetency.position_id.in_(position_ids))
    )
    for row, competency in rows:
        requirements.setdefault(row.position_id, {})[row.competency_id] = (
            row.required_level
        )
        names[competency.id] = localized(competency, "name")
    for plan in plans.values():
        for goal in plan.goals:
            if goal.competency is not None:
                names[goal.competency_id] = localized(goal.competency, "name")
    levels = effective_levels(ids)
    profiles = []
    for employee in employees:
        plan = plans.get(employee.id)
        position_id = plan.target_position_id if plan else employee.position_id
        target = dict(requirements.get(position_id, {}))
        goals: list[PlanGoal] = plan.goals if plan else []
        for goal in goals:
            if goal.competency_id is not None and goal.target_level:
                target[goal.competency_id] = max(
                    target.get(goal.competency_id, 0), goal.target_level
                )
        words = [goal.title + " " + goal.note for goal in goals]
        if plan is not None:
            words.append(plan.target_position.name)
        profiles.append(
            MenteeProfile(
                id=employee.id,
                unit_id=employee.unit_id,
                supervisor_id=employee.supervisor_id,
                current=levels.get(employee.id, {}),
                target=target,
                goal_competencies=frozenset(
                    g.competency_id for g in goals if g.competency_id is not None
                ),
                text=" ".join(words),
            )
        )
    return profiles, plans, names
