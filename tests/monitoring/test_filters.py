"""The dashboard's filters: each one that is unknown or malformed is dropped
with a visible, translated notice (status 200); the others still apply."""

from __future__ import annotations

import re

import pytest

from app.i18n import local_today
from tests.conftest import text_of
from tests.monitoring.tree import Tree, build_tree


@pytest.fixture
def tree(app, world) -> Tree:
    return build_tree(world)


def listed(response) -> set[str]:
    """The names on the people list of a response."""
    body = response.get_data(as_text=True)
    return set(re.findall(r'/employees/\d+">([^<]+)</a>', body))


NEXT_YEAR = local_today().year + 1

BAD = [
    ("unit", "999999", "Unit: There is no such unit."),
    ("unit", "alpha", "Unit: There is no such unit."),
    ("period", "1999", f"Year: Choose a year from 2000 to {NEXT_YEAR}."),
    ("period", str(NEXT_YEAR + 1), f"Year: Choose a year from 2000 to {NEXT_YEAR}."),
    ("period", "20x6", f"Year: Choose a year from 2000 to {NEXT_YEAR}."),
    ("period", "9" * 40, f"Year: Choose a year from 2000 to {NEXT_YEAR}."),
    ("rank", "999999", "Rank: There is no such rank."),
    ("rank", "-1", "Rank: There is no such rank."),
    ("kind", "eselon", "Position kind: There is no such position kind."),
    ("employment", "honorer", "Employment type: Choose PNS or PPPK."),
]


@pytest.mark.parametrize(("name", "value", "notice"), BAD)
def test_a_bad_filter_is_dropped_with_a_notice_and_the_rest_apply(
    tree, login, name, value, notice
):
    # Beside the bad one, a good filter that leaves only Lina (the one PPPK)
    # or, when the bad one is the employment type, only the Seksi's people.
    good = {"employment": "PPPK"} if name != "employment" else {"unit": tree.seksi.id}
    response = login("hr").get("/monitoring/people", query_string={name: value, **good})
    assert response.status_code == 200
    page = text_of(response)
    assert "Some filters could not be used and are ignored:" in page
    assert notice in page
    expected = (
        {"Lina Pasaribu"}
        if name != "employment"
        else {
            "Lina Pasaribu",
            "Joko Saragih",
        }
    )
    assert listed(response) == expected


def test_several_bad_filters_each_have_their_notice(tree, login):
    response = login("hr").get(
        "/monitoring/people",
        query_string={"unit": "x", "period": "0", "rank": "y", "kind": "z"},
    )
    assert response.status_code == 200
    page = text_of(response)
    for notice in (
        "There is no such unit.",
        "Choose a year from",
        "There is no such rank.",
        "There is no such position kind.",
    ):
        assert notice in page
    assert len(listed(response)) == 11  # everyone: all four dropped


def test_good_filters_give_no_notice(tree, login):
    world = tree.world
    response = login("hr").get(
        "/monitoring/people",
        query_string={
            "unit": world.kel.id,
            "rank": world.ranks["II/c"].id,
            "kind": "administrasi",
            "employment": "PNS",
            "period": str(local_today().year - 1),
        },
    )
    assert response.status_code == 200
    assert "could not be used" not in text_of(response)
    assert listed(response) == {"Sri Wahyuni Lubis", "Joko Saragih"}


def test_the_unit_filter_takes_the_units_below_it(tree, login):
    world = tree.world
    response = login("hr").get(
        "/monitoring/people", query_string={"unit": world.kel.id}
    )
    assert listed(response) == {
        "Rahmat Siregar",
        "Sri Wahyuni Lubis",
        "Andi Nasution",
        "Joko Saragih",
        "Lina Pasaribu",
    }


def test_the_notice_is_in_indonesian_by_default(app, tree):
    client = app.test_client(user=tree.world.users["hr"], locale="id")
    response = client.get(
        "/monitoring/people", query_string={"unit": "999999", "period": "abc"}
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "Beberapa filter tidak dapat dipakai dan diabaikan:" in page
    assert "Unit kerja: Unit kerja tersebut tidak ditemukan." in page
    assert f"Tahun: Pilih tahun dari 2000 sampai {NEXT_YEAR}." in page


def test_a_supervisor_filtering_outside_their_people_sees_nobody(tree, login):
    # Kelurahan Beta exists, so the filter holds; none of the Lurah's people are there.
    response = login("supervisor").get(
        "/monitoring/people", query_string={"unit": tree.world.kel_b.id}
    )
    assert response.status_code == 200
    assert "could not be used" not in text_of(response)
    assert listed(response) == set()


@pytest.mark.parametrize("path", ["/monitoring/", "/monitoring/people.csv"])
def test_bad_filters_never_fail_other_views(tree, login, path):
    response = login("hr").get(path, query_string={"unit": "-0", "period": "-5"})
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["unit", "period", "rank", "kind", "employment"])
def test_a_nul_character_in_a_filter_is_refused_like_everywhere(tree, login, name):
    # The app-wide guard (app/input_guards.py) stops a NUL before any view:
    # PostgreSQL cannot hold one. A clear 400, never a 500.
    response = login("hr").get("/monitoring/people", query_string={name: "2026\x00"})
    assert response.status_code == 400
    assert "contains a character that cannot be used" in text_of(response)
