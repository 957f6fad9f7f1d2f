"""A vacancy's applicants ranked by the published merit score.

The facts of every applicant are read at once, in a number of queries that
does not grow with the applicants: the applications with their people, the SKP
predikat of the last two years, the competency levels a supervisor or an
assessment centre gave (``effective_levels(external_only=True)``: never a
self-assessment), the JP of the last twelve months (the ledger) and, for HR's
page, the records eligibility is judged on. The score itself is the pure
``app.opportunities.merit``. Once HR closes the selection the score, its
components and the rank kept on each application are shown instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import catalogue
from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    Employee,
    Opportunity,
    PerformanceRating,
)
from app.opportunities import ledger
from app.opportunities.eligibility import Eligibility, eligibility_of
from app.opportunities.merit import (
    COMPONENTS,
    RATED_YEARS,
    Component,
    Merit,
    MeritFacts,
    merit_of,
    ranking_key,
)
from app.plans.readiness import persons_of
from app.profile.services import effective_levels
from app.rules.evaluate import full_years


@dataclass(frozen=True)
class Ranked:
    """One application with its merit and its rank among the applicants."""

    application: Application
    merit: Merit
    rank: int
    eligibility: Eligibility | None = None


@dataclass(frozen=True)
class Ranking:
    """The applicants of a vacancy, best first."""

    items: tuple[Ranked, ...]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def of(self, employee_id: int | None) -> Ranked | None:
        """The ranked application of one employee, if they applied."""
        return next(
            (r for r in self.items if r.application.employee_id == employee_id), None
        )

    @property
    def selected(self) -> int:
        return sum(
            1 for r in self.items if r.application.status is ApplicationStatus.SELECTED
        )

    @property
    def undecided(self) -> int:
        return sum(
            1 for r in self.items if r.application.status is ApplicationStatus.APPLIED
        )


def active_applications(vacancy: Opportunity) -> list[Application]:
    """The applications not withdrawn, each with its employee, in the order
    they were made."""
    return list(
        db.session.scalars(
            select(Application)
            .where(
                Application.opportunity_id == vacancy.id,
                Application.status != ApplicationStatus.WITHDRAWN,
            )
            .options(
                joinedload(Application.employee).joinedload(Employee.rank),
                joinedload(Application.employee).joinedload(Employee.position),
            )
            .order_by(Application.created_at, Application.id)
        )
    )


def _predikats(employee_ids: list[int], today: date) -> dict[int, dict[int, str]]:
    """Each employee's predikat by year, over the last ``RATED_YEARS`` years."""
    years = [today.year - offset for offset in range(1, RATED_YEARS + 1)]
    found: dict[int, dict[int, str]] = {}
    for employee_id, year, predikat in db.session.execute(
        select(
            PerformanceRating.employee_id,
            PerformanceRating.year,
            PerformanceRating.predikat,
        ).where(
            PerformanceRating.employee_id.in_(employee_ids),
            PerformanceRating.year.in_(years),
        )
    ):
        found.setdefault(employee_id, {})[year] = str(predikat.value)
    return found


def merit_facts(
    vacancy: Opportunity, employees: list[Employee], today: date
) -> dict[int, MeritFacts]:
    """The facts of each employee's merit for the vacancy, read for all at once."""
    ids = [employee.id for employee in employees]
    if not ids:
        return {}
    position = vacancy.position
    standard = {
        need.competency_id: need.required_level
        for need in (position.requirements if position is not None else ())
    }
    ratings = _predikats(ids, today)
    levels = effective_levels(ids, external_only=True)
    jp = ledger.last_twelve_months(ids, today)
    years = [today.year - offset for offset in range(1, RATED_YEARS + 1)]
    return {
        employee.id: MeritFacts(
            predikats=tuple(ratings.get(employee.id, {}).get(y) for y in years),
            levels=levels.get(employee.id, {}),
            standard=standard,
            jp_last_year=jp.get(employee.id, 0),
            jp_target=catalogue.jp_target(employee.employment_type),
            years_in_post=(
                max(full_years(employee.position_since, today), 0)
                if employee.position_since
                else 0
            ),
        )
        for employee in employees
    }


def frozen_merit(application: Application) -> Merit:
    """The merit kept on an application when the selection closed."""
    kept = application.components or {}
    return Merit(
        tuple(
            Component(
                name,
                Decimal(str(kept.get(name, {}).get("points", "0"))),
                int(kept.get(name, {}).get("weight", 0)),
            )
            for name in COMPONENTS
        )
    )


def rank_applicants(
    vacancy: Opportunity, today: date, *, eligibility: bool = False
) -> Ranking:
    """The vacancy's applicants (not withdrawn), best first; ``eligibility``
    judges each against the position's requirements now (HR's page)."""
    applications = active_applications(vacancy)
    employees = [a.employee for a in applications]
    judged: dict[int, Eligibility] = {}
    if eligibility and employees and vacancy.position is not None:
        persons = persons_of(employees)
        judged = {
            e.id: eligibility_of(e, vacancy.position, today, persons[e.id])
            for e in employees
        }
    if vacancy.selection_closed_at is not None:
        items = [
            Ranked(a, frozen_merit(a), a.rank or 0, judged.get(a.employee_id))
            for a in applications
        ]
        return Ranking(tuple(sorted(items, key=lambda r: (r.rank, r.application.id))))
    facts = merit_facts(vacancy, employees, today)
    merits = {
        a.id: merit_of(facts[a.employee_id], vacancy.weights) for a in applications
    }
    order = sorted(
        enumerate(applications),
        key=lambda pair: ranking_key(merits[pair[1].id], pair[0]),
    )
    return Ranking(
        tuple(
            Ranked(a, merits[a.id], rank, judged.get(a.employee_id))
            for rank, (_, a) in enumerate(order, start=1)
        )
    )
