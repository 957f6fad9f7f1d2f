"""The talent map (9-box) of the people in view (PermenPANRB 3/2020).

Performance is the latest SKP predikat of a year up to the period, read on the
axis by ``PERFORMANCE_OF_PREDIKAT``; potential the latest potential rating of a
year up to the period. One aggregate query counts the people per unit and box
(NULL on an axis: not placed); the boxes are numbered and named as HR set them
(``catalogue.talent_boxes``), never shown as numbers alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, case, cast, func, literal, or_, select

from app import catalogue
from app.extensions import db
from app.i18n import localized
from app.models import (
    Employee,
    PerformanceRating,
    PotentialRating,
    TalentBox,
    TalentLevel,
)
from app.monitoring.breakdown import rollup
from app.monitoring.figures import Figure, register
from app.monitoring.pool import latest, performance_level
from app.monitoring.sections import Section, add
from app.monitoring.view import View

LEVELS = list(TalentLevel)  # low, medium, high


def placement(view: View):
    """A subquery of the people in view: ``employee_id``, ``unit_id``,
    ``performance`` and ``potential`` (each a TalentLevel value or NULL)."""
    skp = latest(PerformanceRating, PerformanceRating.predikat, view.period, "skp")
    potential = latest(PotentialRating, PotentialRating.level, view.period, "potential")
    return view.restrict(
        select(
            Employee.id.label("employee_id"),
            Employee.unit_id.label("unit_id"),
            performance_level(skp.c.value).label("performance"),
            potential.c.value.label("potential"),
        )
        .outerjoin(skp, skp.c.employee_id == Employee.id)
        .outerjoin(potential, potential.c.employee_id == Employee.id)
    ).subquery("talent_placement")


def _counts(view: View) -> list[tuple[int, str | None, str | None, int]]:
    """(unit_id, performance, potential, people) for the people in view."""
    placed = placement(view)
    stmt = select(
        placed.c.unit_id,
        placed.c.performance,
        placed.c.potential,
        func.count(),
    ).group_by(placed.c.unit_id, placed.c.performance, placed.c.potential)
    return [tuple(row) for row in db.session.execute(stmt)]


def _level(value) -> TalentLevel | None:
    if value is None:
        return None
    return TalentLevel(getattr(value, "value", value))


@dataclass(frozen=True)
class BoxCell:
    """One box of the grid with its axes and its count (the axes come from the
    grid: a default box not saved yet holds them as plain strings)."""

    box: TalentBox
    count: int
    performance: TalentLevel
    potential: TalentLevel

    @property
    def name(self) -> str:
        return localized(self.box, "name")


def _totals(rows) -> tuple[dict[tuple[TalentLevel, TalentLevel], int], int]:
    boxes: dict[tuple[TalentLevel, TalentLevel], int] = {}
    unplaced = 0
    for _unit, performance, potential, count in rows:
        performance, potential = _level(performance), _level(potential)
        if performance is None or potential is None:
            unplaced += count
        else:
            key = (performance, potential)
            boxes[key] = boxes.get(key, 0) + count
    return boxes, unplaced


def _headline_numbers(boxes, unplaced: int, catalogue_boxes) -> dict[str, Any]:
    placed = sum(boxes.values())
    pool = sum(n for key, n in boxes.items() if catalogue_boxes[key].in_pool)
    everyone = placed + unplaced
    return {
        "pool": pool,
        "placed": placed,
        "unplaced": unplaced,
        "people": everyone,
        "placed_share": round(100 * placed / everyone) if everyone else None,
    }


def figures(view: View) -> dict[str, Any]:
    """The grid, the people not placed and the pool per unit: one query."""
    rows = _counts(view)
    catalogue_boxes = catalogue.talent_boxes()
    boxes, unplaced = _totals(rows)
    grid = [
        (
            potential,
            [
                BoxCell(
                    catalogue_boxes[(performance, potential)],
                    boxes.get((performance, potential), 0),
                    performance,
                    potential,
                )
                for performance in LEVELS
            ],
        )
        for potential in reversed(LEVELS)
    ]
    per_unit: dict[int, list[int]] = {}
    for unit_id, performance, potential, count in rows:
        sums = per_unit.setdefault(unit_id, [0, 0, 0])  # pool, placed, unplaced
        performance, potential = _level(performance), _level(potential)
        if performance is None or potential is None:
            sums[2] += count
        else:
            sums[1] += count
            if catalogue_boxes[(performance, potential)].in_pool:
                sums[0] += count
    return {
        "grid": grid,
        "boxes": sorted(
            (cell for _row, cells in grid for cell in cells),
            key=lambda cell: cell.box.number,
        ),
        "levels": LEVELS,
        "unit_rows": rollup(view.filters.unit_id, per_unit),
        **_headline_numbers(boxes, unplaced, catalogue_boxes),
    }


def headline(view: View) -> dict[str, Any]:
    """The pool's size and the share of the people in view who are placed."""
    placed = placement(view)
    stmt = select(placed.c.performance, placed.c.potential, func.count()).group_by(
        placed.c.performance, placed.c.potential
    )
    rows = [(None, *row) for row in db.session.execute(stmt)]
    boxes, unplaced = _totals(rows)
    return _headline_numbers(boxes, unplaced, catalogue.talent_boxes())


def _box_by_number(value: str):
    """The (performance, potential) of the box HR numbered so, else None."""
    number = value.strip()
    for key, box in catalogue.talent_boxes().items():
        if number.isascii() and number.isdigit() and box.number == int(number):
            return key
    return None


def box_label(box: TalentBox) -> str:
    """A box as the lists name it: HR's number and name."""
    return _("Box %(number)d: %(name)s", number=box.number, name=localized(box, "name"))


def _text(words: str):
    """Words as a typed SQL value (PostgreSQL cannot type a bare parameter in
    a select list of a subquery)."""
    return cast(literal(words, String), String)


def _box_people(view: View, params: Mapping[str, Any]):
    performance, potential = params["box"]
    placed = placement(view)
    box = catalogue.talent_boxes()[(performance, potential)]
    return select(placed.c.employee_id, _text(box_label(box)).label("value")).where(
        placed.c.performance == performance.value,
        placed.c.potential == potential,
    )


def _unplaced_people(view: View, params: Mapping[str, Any]):
    placed = placement(view)
    missing = case(
        (
            and_(placed.c.performance.is_(None), placed.c.potential.is_(None)),
            _text(_("No SKP and no potential rating")),
        ),
        (placed.c.performance.is_(None), _text(_("No SKP"))),
        else_=_text(_("No potential rating")),
    )
    return select(placed.c.employee_id, missing.label("value")).where(
        or_(placed.c.performance.is_(None), placed.c.potential.is_(None))
    )


def _box_title(params: Mapping[str, Any]) -> str:
    box = catalogue.talent_boxes()[tuple(params["box"])]
    return _("People in the 9-box: %(box)s", box=box_label(box))


def _parse_box(value: str):
    key = _box_by_number(value)
    return None if key is None else BoxKey(*key)


@dataclass(frozen=True)
class BoxKey:
    """The ``box`` parameter: a box by its axes; ``value`` is HR's number,
    which ``Choice.args`` writes back into links and exports."""

    performance: TalentLevel
    potential: TalentLevel

    def __iter__(self):
        return iter((self.performance, self.potential))

    @property
    def value(self) -> int:
        return catalogue.talent_boxes()[(self.performance, self.potential)].number


register(
    Figure(
        key="talent-box",
        title=_box_title,
        people=_box_people,
        params={"box": _parse_box},
        value_label=_l("Box"),
        section="talent",
    )
)
register(
    Figure(
        key="talent-unplaced",
        title=lambda params: _("People not placed in the 9-box"),
        people=_unplaced_people,
        value_label=_l("Missing"),
        section="talent",
    )
)

add(
    Section(
        key="talent",
        title=_l("Talent map (9-box)"),
        template="monitoring/_talent.html",
        tile="monitoring/_talent_tile.html",
        figures=figures,
        headline=headline,
    )
)
