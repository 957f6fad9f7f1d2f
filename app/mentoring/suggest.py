"""Suggested mentors, ready to show: the model's picks with reasons in words.

``fitting`` keeps the fitted model and builds the mentees' records; this module
asks it, loads the mentors it names (with their ratings) and words the reasons
in the reader's language, for the mentee's list, the request page and HR.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext, ngettext

from app import catalogue
from app.i18n import localized
from app.matching import MenteeProfile, Reason, ReasonKind
from app.matching.features import TEACHING_LEVEL
from app.mentoring.fitting import current_model, named_mentee_profiles
from app.mentoring.queries import mentors_with_ratings
from app.models import CareerPlan, Employee, MentorProfile

SUGGESTIONS = 10


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


# -- explaining --------------------------------------------------------------


def describe(reason: Reason, names: dict[int, str], *, for_hr: bool = False) -> str:
    """One reason in plain words, in the reader's language.

    Spoken to the mentee ("you need"), or about the mentee for HR's cohort.
    """
    if reason.kind is ReasonKind.COVERS_GAP:
        values = {
            "level": reason.mentor_level,
            "competency": names.get(reason.competency_id, "?"),
            "target": reason.target,
        }
        if reason.headroom:
            if for_hr:
                return ngettext(
                    "Level %(level)s in %(competency)s, %(num)s above the "
                    "mentee's target of %(target)s.",
                    "Level %(level)s in %(competency)s, %(num)s above the "
                    "mentee's target of %(target)s.",
                    reason.headroom,
                    **values,
                )
            return ngettext(
                "Level %(level)s in %(competency)s, %(num)s above your target "
                "of %(target)s.",
                "Level %(level)s in %(competency)s, %(num)s above your target "
                "of %(target)s.",
                reason.headroom,
                **values,
            )
        if for_hr:
            return gettext(
                "Level %(level)s in %(competency)s, the mentee's target level.",
                **values,
            )
        return gettext(
            "Level %(level)s in %(competency)s, your target level.", **values
        )
    if reason.kind is ReasonKind.BELOW_NEED:
        values = {
            "level": reason.mentor_level,
            "competency": names.get(reason.competency_id, "?"),
            "target": reason.target,
            "teaching": TEACHING_LEVEL,
        }
        if reason.mentor_level < TEACHING_LEVEL:
            return gettext(
                "Level %(level)s in %(competency)s: a mentor teaches a "
                "competency from level %(teaching)s.",
                **values,
            )
        if for_hr:
            return gettext(
                "Level %(level)s in %(competency)s, below the mentee's target "
                "of %(target)s.",
                **values,
            )
        return gettext(
            "Level %(level)s in %(competency)s, below your target of %(target)s.",
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


# -- suggestions -------------------------------------------------------------


def _suggestion(
    mentor: tuple[Employee, MentorProfile, tuple],
    score: float,
    reasons: Sequence[Reason],
    names: dict[int, str],
    covers: bool = True,
) -> Suggestion:
    """A mentor as ``mentors_with_ratings`` loads them, scored, explained, rated."""
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
    mentors = mentors_with_ratings([s.mentor_id for s in found])
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
    mentors = mentors_with_ratings([mentor_id])
    if mentor_id not in mentors:
        return None
    plans = {employee.id: plan} if plan is not None else None
    (mentee,), _, names = named_mentee_profiles([employee], today.year, plans)
    scores, eligible = model.scores([mentee], [mentor_id])
    reasons = model.explain(mentee, mentor_id)
    return _suggestion(
        mentors[mentor_id], float(scores[0, 0]), reasons, names, bool(eligible[0, 0])
    )
