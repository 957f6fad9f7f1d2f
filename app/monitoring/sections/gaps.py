"""The competency gap map: units x competencies, the mean gap to the position
standard, how many people each cell rests on and where their levels came from.

A person's gap in a competency is the level their current position requires
less the level that counts, floored at 0. The level that counts is the one the
career rules use (``app.rules.evaluate._competency``): a valid assessment-centre
result (``ASSESSMENT_VALID_YEARS``), else the latest supervisor's level, else
the latest self-assessment. The database picks it with a window function
(SQLite and PostgreSQL alike); no one's levels are loaded into Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, case, func, null, or_, select

from app import catalogue
from app.extensions import db
from app.i18n import WIB, localized
from app.models import (
    AssessmentSource,
    Competency,
    CompetencyAssessment,
    Employee,
    PositionCompetency,
)
from app.monitoring.breakdown import (
    MIN_GROUP,
    UnitRow,
    private_mean,
    rollup,
    total,
)
from app.monitoring.figures import Figure, register
from app.monitoring.sections import Section, add
from app.monitoring.view import View
from app.rules.evaluate import ASSESSMENT_VALID_YEARS

# The sums each cell keeps, in this order (they roll up the unit tree).
PEOPLE, ASSESSED, GAP, CENTRE, SUPERVISOR, SELF = range(6)
WIDTH = 6

LARGEST = 5  # competencies in the list of the largest gaps overall
HEADLINE = 3  # competencies on the overview tile


def valid_from(today: date) -> datetime:
    """The earliest moment an assessment-centre result still counts on
    ``today``: the start (WIB) of the first day whose result is valid until
    ``today`` or later, as the rules judge it (29 February valid to 28 February).
    """
    year = today.year - ASSESSMENT_VALID_YEARS
    try:
        first = today.replace(year=year)
    except ValueError:  # today is 29 February: a result of 28 February ran out
        first = date(year, 3, 1)
    return datetime.combine(first, time(0), WIB).astimezone(UTC)


def _in_view(view: View):
    return view.people().cte("gap_people")


def _counted(view: View, people):
    """Per person in view and competency, the level that counts and its source."""
    level = CompetencyAssessment
    source = AssessmentSource
    priority = case(
        (level.source == source.ASSESSMENT, 0),
        (level.source == source.SUPERVISOR, 1),
        else_=2,
    )
    ranked = (
        select(
            level.employee_id,
            level.competency_id,
            level.level,
            level.source,
            func.row_number()
            .over(
                partition_by=(level.employee_id, level.competency_id),
                order_by=(priority, level.assessed_at.desc(), level.id.desc()),
            )
            .label("choice"),
        )
        .where(level.employee_id.in_(select(people.c.id)))
        .where(
            or_(
                level.source != source.ASSESSMENT,
                level.assessed_at >= valid_from(view.today),
            )
        )
        .subquery("ranked_levels")
    )
    return select(ranked).where(ranked.c.choice == 1).subquery("counted_levels")


def _person_gaps(view: View) -> Select:
    """One row per person in view and competency their position requires:
    ``employee_id``, ``unit_id``, ``competency_id``, ``gap`` (NULL when
    unassessed) and ``source`` of the level that counts."""
    people = _in_view(view)
    counted = _counted(view, people)
    required = PositionCompetency.required_level
    gap = case(
        (counted.c.level.is_(None), null()),
        (required > counted.c.level, required - counted.c.level),
        else_=0,
    )
    return (
        select(
            Employee.id.label("employee_id"),
            Employee.unit_id,
            PositionCompetency.competency_id,
            gap.label("gap"),
            counted.c.source,
        )
        .join(people, people.c.id == Employee.id)
        .join(
            PositionCompetency, PositionCompetency.position_id == Employee.position_id
        )
        .outerjoin(
            counted,
            and_(
                counted.c.employee_id == Employee.id,
                counted.c.competency_id == PositionCompetency.competency_id,
            ),
        )
    )


def _from(source: AssessmentSource, column):
    return func.sum(case((column == source, 1), else_=0))


def _cells(view: View) -> list[tuple]:
    """The sums per unit and competency, one aggregate query."""
    gaps = _person_gaps(view).subquery("person_gaps")
    stmt = select(
        gaps.c.unit_id,
        gaps.c.competency_id,
        func.count(),
        func.count(gaps.c.gap),
        func.coalesce(func.sum(gaps.c.gap), 0),
        _from(AssessmentSource.ASSESSMENT, gaps.c.source),
        _from(AssessmentSource.SUPERVISOR, gaps.c.source),
        _from(AssessmentSource.SELF, gaps.c.source),
    ).group_by(gaps.c.unit_id, gaps.c.competency_id)
    return db.session.execute(stmt).all()


@dataclass(frozen=True)
class Cell:
    """One competency in one unit (or in all of the view)."""

    competency: Competency
    people: int
    assessed: int
    total_gap: float
    centre: int
    supervisor: int
    self_assessed: int

    @property
    def unassessed(self) -> int:
        return self.people - self.assessed

    @property
    def mean(self) -> float | None:
        """The mean gap of the assessed, withheld under ``MIN_GROUP`` people."""
        return private_mean(self.total_gap, self.assessed)

    @property
    def withheld(self) -> bool:
        return self.assessed > 0 and self.mean is None

    @property
    def band(self) -> str:
        """The heat map's class: how far the mean is from the standard."""
        mean = self.mean
        if not self.people:
            return "gap-empty"
        if mean is None:
            return "gap-withheld" if self.assessed else "gap-unassessed"
        if mean == 0:
            return "gap-none"
        if mean <= 0.5:
            return "gap-low"
        if mean <= 1:
            return "gap-mid"
        return "gap-high"


def _cell(competency: Competency, values: Sequence[float], at: int) -> Cell:
    part = values[at * WIDTH : (at + 1) * WIDTH]
    return Cell(
        competency,
        people=int(part[PEOPLE]),
        assessed=int(part[ASSESSED]),
        total_gap=float(part[GAP]),
        centre=int(part[CENTRE]),
        supervisor=int(part[SUPERVISOR]),
        self_assessed=int(part[SELF]),
    )


@dataclass(frozen=True)
class MapRow:
    unit: UnitRow
    cells: list[Cell]


def figures(view: View) -> dict[str, Any]:
    """The gap map per unit, its totals and the largest gaps overall."""
    found = _cells(view)
    wanted = {competency_id for _unit, competency_id, *_sums in found}
    competencies = [c for c in catalogue.competencies() if c.id in wanted]
    column = {c.id: n for n, c in enumerate(competencies)}
    per_unit: dict[int, list[float]] = {}
    for unit_id, competency_id, *sums in found:
        values = per_unit.setdefault(unit_id, [0] * (WIDTH * len(competencies)))
        at = column[competency_id] * WIDTH
        values[at : at + WIDTH] = [value or 0 for value in sums]
    rows = [
        MapRow(row, [_cell(c, row.values, n) for n, c in enumerate(competencies)])
        for row in rollup(view.filters.unit_id, per_unit)
    ]
    whole = total([row.unit for row in rows])
    totals = [_cell(c, whole, n) for n, c in enumerate(competencies)] if rows else []
    ranked = sorted(
        (cell for cell in totals if cell.mean is not None),
        key=lambda cell: (-cell.mean, cell.competency.code),
    )
    return {
        "competencies": competencies,
        "gap_rows": rows,
        "gap_totals": totals,
        "largest": ranked[:LARGEST],
        "min_group": MIN_GROUP,
    }


def headline(view: View) -> dict[str, Any]:
    """The competencies with the largest mean gap, and how many are assessed."""
    gaps = _person_gaps(view).subquery("person_gaps")
    assessed = func.count(gaps.c.gap)
    mean = func.avg(gaps.c.gap)
    top = (
        select(gaps.c.competency_id, mean.label("mean"), assessed.label("assessed"))
        .group_by(gaps.c.competency_id)
        .having(assessed >= MIN_GROUP)
        .order_by(mean.desc(), gaps.c.competency_id)
        .limit(HEADLINE)
        .subquery("top_gaps")
    )
    # The competencies come with their figures: no catalogue query for a tile.
    stmt = (
        select(Competency, top.c.mean, top.c.assessed)
        .join(top, top.c.competency_id == Competency.id)
        .order_by(top.c.mean.desc(), Competency.id)
    )
    return {
        "top_gaps": [
            (competency, float(mean), count)
            for competency, mean, count in db.session.execute(stmt)
        ]
    }


def _competency_code(text: str) -> str | None:
    return text if catalogue.competency_by_code(text) else None


def _gap_people(view: View, params: Mapping[str, Any]) -> Select:
    competency = catalogue.competency_by_code(params["competency"])
    gaps = _person_gaps(view).subquery("person_gaps")
    return select(gaps.c.employee_id, gaps.c.gap.label("value")).where(
        gaps.c.competency_id == competency.id
    )


def _gap_title(params: Mapping[str, Any]) -> str:
    competency = catalogue.competency_by_code(params["competency"])
    return _(
        "Gap to the position standard in %(competency)s",
        competency=f"{competency.code} {localized(competency, 'name')}",
    )


register(
    Figure(
        "competency-gap",
        _gap_title,
        _gap_people,
        params={"competency": _competency_code},
        value_label=_l("Gap to the standard"),
        section="gaps",
    )
)

add(
    Section(
        "gaps",
        _l("Competency gaps"),
        "monitoring/_gaps.html",
        "monitoring/_gaps_tile.html",
        figures,
        headline,
    )
)
