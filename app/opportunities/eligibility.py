"""Eligibility for a vacancy, and the plan goals that would close what is missing.

A vacancy's position is judged with the one readiness function every career
figure uses (``app.plans.readiness.readiness_for``): each requirement is met,
not met or unknown, with the person's own figure and its basis. A person is
eligible when no deciding requirement is not met or unknown: a requirement to
plan for after appointment (leadership training) does not bar, nor does a
competency met only on a self or supervisor level (the figure is indicative;
the merit score, not eligibility, is where those levels stop counting).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.i18n import localized
from app.models import CareerPlan, Competency, Employee, Position
from app.plans.readiness import PositionReadiness, readiness_for
from app.rules import Person, State
from app.rules.evaluate import Item

REQUIREMENT_NAMES = {
    "employment_type": _l("Employment type"),
    "rank": _l("Pangkat/golongan"),
    "experience": _l("Experience in a post"),
    "service_years": _l("Years of service (masa kerja)"),
    "skp": _l("SKP predikat"),
    "credit_points": _l("Credit points (angka kredit)"),
    "competency_test": _l("Competency test (uji kompetensi)"),
    "education": _l("Education"),
    "age_max": _l("Age limit"),
    "discipline": _l("Disciplinary status"),
    "status": _l("Service status"),
    "family": _l("Functional position held"),
}


@dataclass(frozen=True)
class Eligibility:
    """A person's readiness for a vacancy's position, read as eligibility."""

    readiness: PositionReadiness

    @property
    def eligible(self) -> bool:
        """No deciding requirement is not met or unknown."""
        return self.readiness.not_met == 0 and self.readiness.unknown == 0

    @property
    def missing(self) -> tuple[Item, ...]:
        """The deciding requirements not met or unknown (why one cannot apply)."""
        return tuple(
            item for item in self.readiness.counted if item.state is not State.MET
        )


def eligibility_of(
    employee: Employee, position: Position, today: date, person: Person | None = None
) -> Eligibility:
    """``employee`` judged against every requirement of ``position``."""
    return Eligibility(readiness_for(employee, position, today, person))


@dataclass(frozen=True)
class GoalProposal:
    """A plan goal that would close one gap to a vacancy's requirements."""

    title: str
    competency: Competency | None = None
    target_level: int | None = None
    note: str = ""


def requirement_name(item: Item, names: Mapping[str, str]) -> str:
    """A short name of a requirement (the names of an OR-group joined)."""
    words = []
    for verdict in item.verdicts:
        if verdict.kind in ("certificate", "training"):
            code = str(verdict.data.get("code", ""))
            word = names.get(code, code)
        else:
            word = str(REQUIREMENT_NAMES.get(verdict.kind, verdict.kind))
        if word not in words:
            words.append(word)
    return " / ".join(words)


def proposed_goals(
    eligibility: Eligibility, plan: CareerPlan | None
) -> list[GoalProposal]:
    """The goals that would close the gaps, leaving out those ``plan`` has.

    A competency below its level (or not assessed) gives a goal for that
    competency to the required level; any other deciding requirement not met or
    unknown gives a free goal naming it, unless development cannot change it
    (the employment type, the family one must hold, a profession's field).
    """
    readiness = eligibility.readiness
    goals = list(plan.goals) if plan is not None else []
    proposals: list[GoalProposal] = []
    for line in readiness.gaps:
        has = any(
            goal.competency_id == line.competency.id
            and (goal.target_level or 0) >= line.required
            for goal in goals
        )
        if not has:
            proposals.append(
                GoalProposal(
                    gettext(
                        "Raise %(name)s to level %(level)d",
                        name=localized(line.competency, "name"),
                        level=line.required,
                    ),
                    line.competency,
                    line.required,
                )
            )
    titles = {goal.title for goal in goals}
    for item in eligibility.missing:
        if item.verdicts[0].kind == "competency" or item.fixed:
            continue
        title = gettext(
            "Meet the requirement of %(position)s: %(requirement)s",
            position=readiness.position.name,
            requirement=requirement_name(item, readiness.certificate_names),
        )[:200]
        if title not in titles:
            basis = "; ".join(dict.fromkeys(v.basis for v in item.verdicts if v.basis))
            note = gettext("Basis: %(basis)s", basis=basis) if basis else ""
            proposals.append(GoalProposal(title, note=note))
    return proposals
