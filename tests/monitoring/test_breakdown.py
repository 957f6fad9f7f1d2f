"""Per-unit figures rolled up the unit tree, and means withheld for small
groups (privacy)."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.monitoring.breakdown import (
    MIN_GROUP,
    focus_of,
    private_mean,
    rollup,
    total,
)
from tests.factories import make_unit
from tests.monitoring.tree import build_tree


@pytest.fixture
def units(app, world):
    """Kecamatan > Kelurahan Alpha > Seksi Alpha Satu; Kecamatan > Beta."""
    tree = build_tree(world)
    return {
        "kec": world.kec.id,
        "alpha": world.kel.id,
        "seksi": tree.seksi.id,
        "beta": world.kel_b.id,
    }


def rows_of(result) -> dict[str, tuple]:
    return {row.unit.code: (row.values, row.own, row.drillable) for row in result}


def test_without_focus_the_lowest_common_unit_is_the_focus(units):
    per_unit = {
        units["kec"]: (1, 10),
        units["alpha"]: (2, 20),
        units["seksi"]: (3, 30),
        units["beta"]: (4, 40),
    }
    result = rollup(None, per_unit)
    assert rows_of(result) == {
        "KEC": ((1, 10), True, False),  # placed in the Kecamatan itself
        "KEL-A": ((5, 50), False, True),  # the Kelurahan with its Seksi
        "KEL-B": ((4, 40), False, True),
    }
    assert [row.unit.code for row in result] == ["KEC", "KEL-A", "KEL-B"]
    assert total(result) == (10, 100)


def test_focus_on_a_kelurahan_splits_it_into_its_own_and_its_seksi(units):
    per_unit = {units["alpha"]: (2, 20), units["seksi"]: (3, 30)}
    assert rows_of(rollup(units["alpha"], per_unit)) == {
        "KEL-A": ((2, 20), True, False),
        "SEK-A1": ((3, 30), False, True),
    }
    # Without the filter the same people have the same focus: the Kelurahan.
    assert rows_of(rollup(None, per_unit)) == rows_of(rollup(units["alpha"], per_unit))


def test_focus_on_another_unit_gives_other_sums(units):
    per_unit = {units["beta"]: (4, 40)}
    assert rows_of(rollup(units["beta"], per_unit)) == {"KEL-B": ((4, 40), True, False)}
    per_unit = {units["kec"]: (7, 0), units["seksi"]: (3, 30)}
    assert rows_of(rollup(units["kec"], per_unit)) == {
        "KEC": ((7, 0), True, False),
        "KEL-A": ((3, 30), False, True),
    }


def test_people_only_below_the_focus_give_no_own_row(units):
    per_unit = {units["seksi"]: (3, 30), units["beta"]: (4, 40)}
    assert focus_of(None, per_unit) == units["kec"]
    assert rows_of(rollup(None, per_unit)) == {
        "KEL-A": ((3, 30), False, True),
        "KEL-B": ((4, 40), False, True),
    }


def test_a_missing_sum_counts_as_nothing(units):
    per_unit = {units["alpha"]: (None, 2), units["seksi"]: (3, None)}
    assert rows_of(rollup(None, per_unit)) == {
        "KEL-A": ((0, 2), True, False),
        "SEK-A1": ((3, 0), False, True),
    }
    rows = rows_of(rollup(units["kec"], per_unit))
    assert rows == {"KEL-A": ((3, 2), False, True)}


def test_nothing_in_view_gives_no_rows(units):
    assert focus_of(None, []) is None
    assert rollup(None, {}) == []
    assert total([]) == ()


def test_a_unit_outside_the_focus_sits_under_its_own_top_unit(units, world):
    lonely = make_unit("LAIN", "Dinas Lain")
    db.session.commit()
    per_unit = {units["alpha"]: (2, 20), lonely.id: (1, 1)}
    rows = rows_of(rollup(units["alpha"], per_unit))
    assert rows["KEL-A"] == ((2, 20), True, False)
    assert rows["LAIN"][0] == (1, 1)


@pytest.mark.parametrize(
    ("args", "mean"),
    [
        ((10, 5), 2.0),
        ((12, 4), None),  # four people: withheld
        ((0, 0), None),
        ((20, 10, 4), None),  # ten ratings by four people: withheld
        ((20, 10, 5), 2.0),
        ((7.5, 6), 1.25),
    ],
)
def test_private_mean_withholds_small_groups(args, mean):
    assert MIN_GROUP == 5
    assert private_mean(*args) == mean
