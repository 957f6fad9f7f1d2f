"""The bridge from the database to the matching model: fit, cache, suggest, cohort.

The model is fitted on the mentors (their offered competencies at assessed
levels, and their expertise text) and cached per process. Each use reads a
fingerprint of what the fit used (the mentor profiles and the newest assessment)
and refits when it moved; places left and pauses are refreshed without a refit.
Mentee features are built fresh on every call, so plan changes count at once.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext, ngettext
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app import catalogue
from app.extensions import db
from app.i18n import localized
from app.matching import (
    MatchModel,
    MenteeProfile,
    MentorCandidate,
    Reason,
    ReasonKind,
)
from app.models import (
    CareerPlan,
    Competency,
    CompetencyAssessment,
    Employee,
    FeedbackSide,
    MentorCompetency,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    PlanGoal,
    PositionCompetency,
)
from app.plans.services import current_plans
from app.profile.services import effective_levels

SUGGESTIONS = 10


@dataclass
class _Cached:
    """A worker's fitted model and the stamps it was fitted and updated at."""

    fitted: tuple
    revisions: int
    model: MatchModel


_models: dict[str, _Cached] = {}
_lock = threading.Lock()


@dataclass
class Filters:
    """What the mentee narrowed the list to."""

    competency_id: int | None = None
    unit_id: int | None = None
    scope: str | None = None  # "same" or "other" unit than the mentee's
    query: str = ""


@dataclass
class Suggestion:
    """A suggested mentor, ready to show: who, how well, and why in words."""

    mentor: Employee
    profile: MentorProfile
    score: float
    reasons: list[str] = field(default_factory=list)
    covers: bool = True  # passes the hard rules for the mentee (see ``fit_for``)
    rating: float | None = None  # average of former mentees' ratings (1..5)
    ratings: int = 0

    @property
    def percent(self) -> int:
        return round(self.score * 100)


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
    levels = effective_levels(mentor_ids)
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


# -- explaining --------------------------------------------------------------


def describe(reason: Reason, names: dict[int, str], *, for_hr: bool = False) -> str:
    """One reason in plain words, in the reader's language.

    Spoken to the mentee ("you need"), or about the mentee for HR's cohort.
    """
    if reason.kind is ReasonKind.COVERS_GAP:
        values = {
            "level": reason.mentor_level,
            "competency": names.get(reason.competency_id, "?"),
            "need": reason.need,
            "target": reason.target,
        }
        if for_hr:
            return gettext(
                "Level %(level)s in %(competency)s; the mentee needs +%(need)s "
                "to reach level %(target)s.",
                **values,
            )
        return gettext(
            "Level %(level)s in %(competency)s, where you need +%(need)s "
            "to reach level %(target)s.",
            **values,
        )
    if reason.kind is ReasonKind.SHARES_GOALS:
        if for_hr:
            return ngettext(
                "Covers %(num)s goal of the mentee's plan.",
                "Covers %(num)s goals of the mentee's plan.",
                reason.count,
            )
        return ngettext(
            "Covers %(num)s of your plan goals.",
            "Covers %(num)s of your plan goals.",
            reason.count,
        )
    if reason.kind is ReasonKind.SHARED_TERMS:
        return gettext(
            "Expertise mentions %(terms)s.",
            terms=", ".join(f"“{term}”" for term in reason.terms),
        )
    if for_hr:
        return gettext("Works in the mentee's unit.")
    return gettext("Works in your unit.")


def competency_names(ids: Collection[int]) -> dict[int, str]:
    """Localised competency names by id."""
    return {
        id_: localized(competency, "name")
        for id_, competency in catalogue.competencies_by_id(ids).items()
    }


def _reason_competencies(reasons) -> set[int]:
    return {r.competency_id for r in reasons if r.competency_id is not None}


# -- suggestions -------------------------------------------------------------


def _mentors(ids: Collection[int]) -> dict[int, tuple[Employee, MentorProfile, tuple]]:
    """Mentors with position, unit, profile and their mentees' ratings, one query.

    The ratings are (average, how many) of what former mentees gave at closing.
    """
    # One row per mentor, grouped before the join: a correlated subquery turned
    # into a derived table loses its correlation and averages everyone's ratings.
    rated = (
        select(
            Mentorship.mentor_id,
            func.avg(MentorshipFeedback.rating).label("average"),
            func.count().label("count"),
        )
        .join(Mentorship, Mentorship.id == MentorshipFeedback.mentorship_id)
        .where(
            Mentorship.mentor_id.in_(ids),
            MentorshipFeedback.side == FeedbackSide.MENTEE,
        )
        .group_by(Mentorship.mentor_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Employee, MentorProfile, rated.c.average, rated.c.count)
        .join(MentorProfile, MentorProfile.employee_id == Employee.id)
        .outerjoin(rated, rated.c.mentor_id == Employee.id)
        .where(Employee.id.in_(ids))
        .options(joinedload(Employee.position), joinedload(Employee.unit))
    )
    return {
        employee.id: (employee, profile, (average, count or 0))
        for employee, profile, average, count in rows
    }


def _suggestion(
    mentor: tuple[Employee, MentorProfile, tuple],
    score: float,
    reasons: Sequence[Reason],
    names: dict[int, str],
    covers: bool = True,
) -> Suggestion:
    """A mentor of ``_mentors`` with the score, the reasons in words and ratings."""
    employee, profile, (average, count) = mentor
    return Suggestion(
        mentor=employee,
        profile=profile,
        score=score,
        reasons=[describe(r, names) for r in reasons],
        covers=covers,
        rating=round(float(average), 1) if count else None,
        ratings=count,
    )


def suggest_for(
    employee: Employee,
    today: date,
    filters: Filters,
    exclude: Collection[int] = (),
    k: int = SUGGESTIONS,
) -> tuple[list[Suggestion], MenteeProfile]:
    """The mentors that fit the employee best, with the reasons why."""
    (mentee,), _, names = named_mentee_profiles([employee], today.year)
    model = current_model()
    found = model.suggest(
        mentee,
        k,
        competency=filters.competency_id,
        unit_id=filters.unit_id,
        scope=filters.scope,
        query=filters.query,
        exclude=exclude,
    )
    if not found:
        return [], mentee
    mentors = _mentors([s.mentor_id for s in found])
    return [
        _suggestion(mentors[s.mentor_id], s.score, s.reasons, names)
        for s in found
        if s.mentor_id in mentors
    ], mentee


def fit_for(
    employee: Employee,
    mentor_id: int,
    today: date,
    plan: CareerPlan | None = None,
) -> Suggestion | None:
    """How one mentor fits the employee (shown on the request form).

    None when the person is not a fitted mentor; ``covers`` is False when the
    mentor passes none of the employee's needs at the level wanted. ``plan`` is
    the employee's current plan when the caller has loaded it already.
    """
    model = current_model()
    if mentor_id not in model:
        return None
    mentors = _mentors([mentor_id])
    if mentor_id not in mentors:
        return None
    plans = {employee.id: plan} if plan is not None else None
    (mentee,), _, names = named_mentee_profiles([employee], today.year, plans)
    scores, eligible = model.scores([mentee], [mentor_id])
    reasons = model.explain(mentee, mentor_id)
    return _suggestion(
        mentors[mentor_id], float(scores[0, 0]), reasons, names, bool(eligible[0, 0])
    )
