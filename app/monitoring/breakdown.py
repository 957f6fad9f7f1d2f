"""Figures per unit: sums the database computed per unit, rolled up the unit
tree to one row per unit directly below the unit in focus.

The focus is the filtered unit, or else the lowest unit above everyone in view
(the Pemerintah Kota for HR, the kecamatan for the Camat). A row's unit is a
link to drill down: the same view with the unit as the filter. Sums roll up;
means are computed from the rolled-up sums and counts, never averaged twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app import catalogue
from app.models import Unit


@dataclass(frozen=True)
class UnitRow:
    """One row of a per-unit figure. ``own`` marks the people placed directly
    in the unit in focus; ``values`` are the sums in the order they came."""

    unit: Unit
    values: tuple[float, ...]
    own: bool = False
    drillable: bool = False


def _parents() -> dict[int, int | None]:
    return {unit.id: unit.parent_id for unit in catalogue.units()}


def _chain(unit_id: int, parents: Mapping[int, int | None]) -> list[int]:
    """``unit_id`` and its ancestors, nearest first (a loop ends the chain)."""
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def focus_of(unit_id: int | None, present: Iterable[int]) -> int | None:
    """The filtered unit, else the lowest unit above all of ``present``."""
    if unit_id is not None:
        return unit_id
    parents = _parents()
    chains = [_chain(u, parents) for u in present]
    if not chains:
        return None
    shared = set(chains[0]).intersection(*map(set, chains[1:]))
    return next((u for u in chains[0] if u in shared), None)


def rollup(
    unit_id: int | None, per_unit: Mapping[int, Sequence[float]]
) -> list[UnitRow]:
    """One row per unit below the focus (and one for the focus itself when
    people sit directly in it), each summing the units under it."""
    parents = _parents()
    units = {unit.id: unit for unit in catalogue.units()}
    focus = focus_of(unit_id, per_unit)
    sums: dict[int, list[float]] = {}
    for leaf, values in per_unit.items():
        chain = _chain(leaf, parents)
        if focus is None or focus not in chain:
            row = chain[-1]  # outside the focus: under its own top unit
        else:
            at = chain.index(focus)
            row = chain[at - 1] if at > 0 else focus
        total = sums.setdefault(row, [0] * len(values))
        for i, value in enumerate(values):
            total[i] += value or 0
    order = {unit.id: n for n, unit in enumerate(catalogue.units())}
    return [
        UnitRow(
            units[row],
            tuple(values),
            own=row == focus,
            drillable=row != focus,
        )
        for row, values in sorted(sums.items(), key=lambda item: order[item[0]])
    ]


def total(rows: Sequence[UnitRow]) -> tuple[float, ...]:
    """The sums of all rows."""
    if not rows:
        return ()
    return tuple(sum(row.values[i] for row in rows) for i in range(len(rows[0].values)))


# Privacy: a mean of ratings (assessed levels, gaps, potential) over fewer
# people than this would all but name them; such a group shows its counts only.
MIN_GROUP = 5


def private_mean(total: float, count: int, people: int | None = None) -> float | None:
    """``total / count``, or None when it rests on fewer than ``MIN_GROUP``
    people (``people``: how many distinct people, when not ``count``)."""
    people = count if people is None else people
    if not count or people < MIN_GROUP:
        return None
    return total / count
