"""The 9-box: counts per box checked against placements computed by hand (see
talent_fixtures), as HR and as a supervisor, with the drill-down to the people
behind each box, the people not placed, the pool per unit, and constant
queries."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Predikat, TalentLevel
from tests.conftest import text_of
from tests.factories import make_employee
from tests.monitoring.talent_fixtures import PERIOD, potential, skp, talent_world

HTMX = {"HX-Request": "true", "HX-Target": "monitoring-figures"}


@pytest.fixture
def citra(world):
    return talent_world(world)


def _boxes(response) -> dict[int, int]:
    """Box number -> count, as the grid draws it."""
    body = response.get_data(as_text=True)
    found = re.findall(r'data-box="(\d)" data-count="(\d+)"', body)
    return {int(box): int(count) for box, count in found}


def _names(response) -> set[str]:
    body = text_of(response)
    names = ("Sri", "Andi", "Rahmat", "Budi", "Citra", "Dewi", "Maya")
    return {name for name in names if name in body}


def _talent(client, **args):
    return client.get("/monitoring/talent", query_string={"period": PERIOD, **args})


def test_hr_sees_every_box_counted_by_hand(login, citra):
    response = _talent(login("hr"))
    assert response.status_code == 200
    assert _boxes(response) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 1, 9: 1}
    page = text_of(response)
    assert "2 people in the talent pool" in page
    assert "3 of 7 people in view placed (43%)." in page
    assert "4 people cannot be placed" in page
    # Each box shows HR's number and its name, never the number alone.
    assert "Box 9 Performance above expectations, high potential" in page
    assert "Box 1 Performance below expectations, low potential" in page


def test_the_grid_puts_high_potential_on_top_and_low_performance_left(login, citra):
    body = _talent(login("hr")).get_data(as_text=True)
    order = [
        int(n) for n in re.findall(r'class="talent-box[^"]*"\s+data-box="(\d)"', body)
    ]
    assert order == [6, 8, 9, 3, 5, 7, 1, 2, 4]
    pools = re.findall(r'class="talent-box talent-pool[^"]*"\s+data-box="(\d)"', body)
    assert sorted(pools) == ["7", "8", "9"]


def test_the_pool_per_unit_rolls_up_below_the_kecamatan(login, world, citra):
    body = _talent(login("hr")).get_data(as_text=True)
    rows = re.findall(
        r'<tr data-unit="(\d+)">.*?<td>(\d+)</td>\s*<td>(\d+)</td>\s*<td>(\d+)</td>',
        body,
        re.S,
    )
    assert {int(u): tuple(map(int, v)) for u, *v in rows} == {
        world.kec.id: (0, 0, 2),  # Dewi and Maya, placed directly in the kecamatan
        world.kel.id: (1, 2, 1),  # Sri in the pool, Andi placed, Rahmat not
        world.kel_b.id: (1, 1, 1),  # Budi in the pool, Citra not
    }


def test_a_unit_filter_narrows_the_box_counts(login, world, citra):
    response = _talent(login("hr"), unit=world.kel_b.id)
    assert _boxes(response)[8] == 1 and _boxes(response)[9] == 0
    assert "1 of 2 people in view placed (50%)." in text_of(response)


def test_another_period_places_people_again(login, citra):
    # 2025: Sri's SKP of 2025 is Sangat Kurang (box 6); Citra's potential of
    # 2025 is high with her SKP of 2024 Sangat Baik (box 9).
    response = login("hr").get("/monitoring/talent", query_string={"period": 2025})
    boxes = _boxes(response)
    assert boxes[6] == 1 and boxes[9] == 1 and boxes[5] == 1 and boxes[8] == 1


def test_a_supervisor_sees_only_the_people_under_them(login, citra):
    response = _talent(login("supervisor"))
    assert response.status_code == 200
    assert _boxes(response) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0, 9: 1}
    page = text_of(response)
    assert "1 person in the talent pool" in page
    assert "2 of 2 people in view placed (100%)." in page
    assert "Number and name the boxes" not in page


def test_a_box_drills_down_to_its_people(login, citra):
    hr = login("hr")
    args = {"figure": "talent-box", "period": PERIOD}
    assert _names(hr.get("/monitoring/people", query_string={**args, "box": 9})) == {
        "Sri"
    }
    response = hr.get("/monitoring/people", query_string={**args, "box": 8})
    assert _names(response) == {"Budi"}
    assert "Box 8: Performance as expected, high potential" in text_of(response)
    supervisor = login("supervisor")
    response = supervisor.get("/monitoring/people", query_string={**args, "box": 8})
    assert _names(response) == set()


def test_the_people_not_placed_are_listed_with_what_is_missing(login, citra):
    response = login("hr").get(
        "/monitoring/people",
        query_string={"figure": "talent-unplaced", "period": PERIOD},
    )
    assert _names(response) == {"Rahmat", "Citra", "Dewi", "Maya"}
    page = text_of(response)
    assert "No SKP and no potential rating" in page  # Maya
    assert "No potential rating" in page  # Rahmat, Citra
    csv = login("hr").get(
        "/monitoring/people.csv",
        query_string={"figure": "talent-unplaced", "period": PERIOD},
    )
    assert csv.status_code == 200 and "Citra Ginting" in csv.get_data(as_text=True)


def test_an_unknown_box_lists_everyone_with_a_notice(login, citra):
    response = login("hr").get(
        "/monitoring/people",
        query_string={"figure": "talent-box", "box": "10", "period": PERIOD},
    )
    assert response.status_code == 200
    assert "is not valid; everyone in view is listed" in text_of(response)


def test_a_bad_filter_is_dropped_with_a_notice(login, citra):
    response = login("hr").get(
        "/monitoring/talent", query_string={"period": "abc", "unit": "999999"}
    )
    assert response.status_code == 200
    assert "could not be used and are ignored" in text_of(response)


def test_the_section_answers_htmx_with_the_region_only(login, citra):
    response = login("hr").get(
        "/monitoring/talent", query_string={"period": PERIOD}, headers=HTMX
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="talent-grid"' in body


def test_the_overview_tile_shows_the_pool_and_placed_share(login, citra):
    response = login("hr").get("/monitoring/", query_string={"period": PERIOD})
    tile = response.get_data(as_text=True).split('id="tile-talent"')[1]
    tile = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tile.split("</article>")[0]))
    assert " 2 in the talent pool" in tile
    assert "3 of 7 people in view placed (43%)." in tile


def _grow(world, n: int) -> None:
    for i in range(n):
        person = make_employee(f"Tambahan {i}", world.kel, supervisor=world.supervisor)
        skp(person, 2024, Predikat.BAIK)
        potential(person, 2023 + i % 2, TalentLevel.HIGH)
    db.session.commit()


@pytest.mark.parametrize("role", ["hr", "supervisor"])
@pytest.mark.parametrize("url", ["/monitoring/talent", "/monitoring/"])
def test_the_query_count_is_constant_and_small(
    login, world, citra, count_queries, role, url
):
    client = login(role)
    with count_queries() as small:
        assert client.get(url, query_string={"period": PERIOD}).status_code == 200
    _grow(world, 12)
    with count_queries() as large:
        response = client.get(url, query_string={"period": PERIOD})
    assert response.status_code == 200
    assert large.count == small.count
    if url == "/monitoring/talent":  # the overview adds every section's tile
        assert large.count <= 12
        assert _boxes(response)[8] == (13 if role == "hr" else 12)


def test_the_table_behind_the_grid_names_each_box_and_its_axes(login, citra):
    body = _talent(login("hr")).get_data(as_text=True)
    table = body.split('id="talent-table"')[1].split("</table>")[0]
    rows = re.findall(
        r'<tr data-box="(\d)">\s*<td>[^<]*</td>\s*<td>(\w+)</td>\s*<td>(\w+)</td>'
        r"\s*<td>(\w+)</td>",
        table,
    )
    assert rows[8] == ("9", "High", "High", "Yes")
    assert rows[0] == ("1", "Low", "Low", "No")
    assert rows[5] == ("6", "Low", "High", "No")
    assert rows[6] == ("7", "High", "Medium", "Yes")
