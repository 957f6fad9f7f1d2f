"""The talent pool of a period, as SQL: the people whose 9-box box is in the
pool (PermenPANRB 3/2020: boxes 7-9 by default; HR marks them).

A person's box is their performance (the latest SKP predikat up to the period,
read through ``PERFORMANCE_OF_PREDIKAT``) by their potential (the latest
potential rating up to the period). Someone without either has no box and is
not in the pool. The database finds the latest rows and the box; Python only
supplies the catalogue's nine boxes as literals.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, literal, select

from app import catalogue
from app.models import PerformanceRating, PotentialRating
from app.models.types import PERFORMANCE_OF_PREDIKAT


def latest(model, column, period: int, name: str):
    """(employee_id, value): each employee's newest ``column`` of ``model`` in
    a year up to ``period`` (one row per employee: a year holds one row)."""
    newest = (
        select(model.employee_id, func.max(model.year).label("year"))
        .where(model.year <= period)
        .group_by(model.employee_id)
        .subquery(f"{name}_year")
    )
    return (
        select(model.employee_id.label("employee_id"), column.label("value"))
        .join(
            newest,
            and_(
                newest.c.employee_id == model.employee_id, newest.c.year == model.year
            ),
        )
        .subquery(name)
    )


def performance_level(predikat):
    """The 9-box performance level (a TalentLevel value) of an SKP predikat
    column, NULL without one (``PERFORMANCE_OF_PREDIKAT``)."""
    return case(
        *(
            (predikat == value, literal(level.value))
            for value, level in PERFORMANCE_OF_PREDIKAT.items()
        ),
        else_=None,
    )


def pool_boxes(period: int):
    """The two subqueries a pool query joins, and the box's order expression.

    Returns ``(skp, potential, order)``: ``order`` is NULL outside the pool and
    otherwise higher for a better box (performance and potential added, the
    potential breaking ties), whatever numbers HR gave the boxes.
    """
    skp = latest(PerformanceRating, PerformanceRating.predikat, period, "pool_skp")
    potential = latest(PotentialRating, PotentialRating.level, period, "pool_potential")
    performance = performance_level(skp.c.value)
    order = case(
        *(
            (
                and_(performance == perf.value, potential.c.value == pot),
                (perf.rank + pot.rank) * 10 + pot.rank,
            )
            for (perf, pot), box in catalogue.talent_boxes().items()
            if box.in_pool
        ),
        else_=None,
    )
    return skp, potential, order
