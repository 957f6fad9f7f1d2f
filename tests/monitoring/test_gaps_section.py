"""The competency gap map, checked against values worked out by hand.

Kelurahan Alpha (under the Lurah) and Kelurahan Beta hold different gaps in
M.01 Integritas (staff need level 2, the Lurah and the Camat's mentor 3):

Alpha  Lurah   valid centre 2            gap 1  centre
       Sri     expired centre 2, sup 1   gap 1  supervisor (the centre ran out)
       Andi    self 2 (newer), sup 1     gap 1  supervisor (outranks self)
       A1      sup 2                     gap 0
       A2      self 1                    gap 1  self
       A3      sup 3                     gap 0  (floored, not -1)
       A4      -                         unassessed
       -> 7 people, 6 assessed, total 4, mean 0.7; centre 1, supervisor 4, self 1
Beta   Budi, B1 sup 1; B2 valid centre 1; B3 sup 2
       -> 4 people, total 3: a group of 4, its mean withheld
KEC    Dewi    valid centre 5            gap 0
Everyone: 12 people, 11 assessed, total 7, mean 0.6.

M.02 Kerja Sama: in Alpha the Lurah self 1 (gap 2), Sri, Andi, A1, A2 sup 1
(gap 1 each): 5 assessed, mean 1.2. T.05: Sri sup 3, Budi sup 1 (2 people).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import AssessmentSource
from app.monitoring.sections.gaps import valid_from
from tests.factories import make_assessment, make_employee

SUP = AssessmentSource.SUPERVISOR
SELF = AssessmentSource.SELF
CENTRE = AssessmentSource.ASSESSMENT
HTMX = {"HX-Request": "true", "HX-Target": "monitoring-figures"}


def _level(person, competency, level, source=SUP, days_ago=10):
    assessment = make_assessment(person, competency, level, source)
    assessment.assessed_at = datetime.now(UTC) - timedelta(days=days_ago)
    return assessment


def _staff(world, name, unit, supervisor=None):
    return make_employee(
        name,
        unit,
        position=world.staff_position,
        rank=world.ranks["II/c"],
        supervisor=supervisor,
    )


@pytest.fixture
def people(world):
    w = world
    m01, m02, t05 = w.integrity, w.teamwork, w.archives
    alpha = {n: _staff(w, f"Alpha {n}", w.kel, w.supervisor) for n in "1234"}
    beta = {n: _staff(w, f"Beta {n}", w.kel_b) for n in "123"}
    # M.01
    _level(w.supervisor, m01, 2, CENTRE, days_ago=365)
    _level(w.supervisor, m01, 3, SELF)
    _level(w.employee, m01, 2, CENTRE, days_ago=365 * 4)
    _level(w.employee, m01, 1, SUP, days_ago=100)
    _level(w.colleague, m01, 1, SUP, days_ago=100)
    _level(w.colleague, m01, 2, SELF, days_ago=5)
    _level(alpha["1"], m01, 2)
    _level(alpha["2"], m01, 1, SELF)
    _level(alpha["3"], m01, 3)
    _level(w.outsider, m01, 1)
    _level(beta["1"], m01, 1)
    _level(beta["2"], m01, 1, CENTRE, days_ago=730)
    _level(beta["3"], m01, 2)
    _level(w.mentor, m01, 5, CENTRE, days_ago=30)
    # M.02
    _level(w.supervisor, m02, 1, SELF)
    for person in (w.employee, w.colleague, alpha["1"], alpha["2"]):
        _level(person, m02, 1)
    # T.05
    _level(w.employee, t05, 3)
    _level(w.outsider, t05, 1)
    db.session.commit()
    return {"alpha": alpha, "beta": beta}


@pytest.fixture
def hr(login):
    return login("hr")


def _cell(body, unit, code):
    """The attributes of one cell of the map (``unit`` an id or "all")."""
    row = re.search(rf'<tr data-unit="{unit}">(.*?)</tr>', body, re.S)
    assert row, f"no row for unit {unit}"
    cell = re.search(
        rf'<td class="gap-cell ([\w-]+)" data-competency="{re.escape(code)}"([^>]*)>',
        row.group(1),
    )
    assert cell, f"no cell {code} in unit {unit}"
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', cell.group(2)))
    attrs["band"] = cell.group(1)
    return attrs


def test_the_map_per_unit_as_hr(hr, world, people):
    body = hr.get("/monitoring/gaps").get_data(as_text=True)
    alpha = _cell(body, world.kel.id, "M.01")
    assert alpha == {
        "people": "7", "assessed": "6", "mean": "0.7", "band": "gap-mid"
    }  # fmt: skip
    beta = _cell(body, world.kel_b.id, "M.01")
    assert beta == {"people": "4", "assessed": "4", "band": "gap-withheld"}
    own = _cell(body, world.kec.id, "M.01")
    assert own == {"people": "1", "assessed": "1", "band": "gap-withheld"}
    everyone = _cell(body, "all", "M.01")
    assert everyone["people"] == "12" and everyone["assessed"] == "11"
    assert everyone["mean"] == "0.6"
    assert _cell(body, world.kel.id, "M.02")["mean"] == "1.2"
    assert _cell(body, world.kel.id, "M.02")["band"] == "gap-high"
    assert _cell(body, world.kel_b.id, "M.02")["band"] == "gap-unassessed"
    assert "mean" not in _cell(body, "all", "T.05")


def test_the_sources_and_the_unassessed_are_shown(hr, world, people):
    body = hr.get("/monitoring/gaps").get_data(as_text=True)
    row = re.search(rf'<tr data-unit="{world.kel.id}">(.*?)</tr>', body, re.S)
    cell = re.search(r'data-competency="M.01".*?</td>', row.group(1), re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell))
    assert "7 people, 1 unassessed" in text
    assert "AC 1 · Sup. 4 · Self 1" in text


def test_the_largest_gaps_overall(hr, world, people):
    body = hr.get("/monitoring/gaps").get_data(as_text=True)
    table = re.search(r'id="largest-gaps-table">(.*?)</table>', body, re.S).group(1)
    assert re.findall(r'data-competency="([^"]+)"', table) == ["M.02", "M.01"]
    assert "<td>1.2</td>" in table and "<td>0.6</td>" in table


def test_the_headline_names_the_largest_gaps(hr, world, people):
    body = hr.get("/monitoring/").get_data(as_text=True)
    tile = re.search(r'id="tile-gaps">(.*?)</article>', body, re.S).group(1)
    assert re.findall(r'data-competency="([^"]+)"', tile) == ["M.02", "M.01"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tile))
    assert "1.2 M.02 Kerja Sama (en) (5 people assessed)" in text
    assert "0.6 M.01" in text and "11 people assessed" in text
    assert "T.05" not in tile  # two people: no mean


def test_a_supervisor_sees_only_their_people(login, world, people):
    body = login("supervisor").get("/monitoring/gaps").get_data(as_text=True)
    # Sri, Andi and A1..A4: the Lurah is not under himself, Beta not at all.
    cell = _cell(body, world.kel.id, "M.01")
    assert cell == {"people": "6", "assessed": "5", "mean": "0.6", "band": "gap-mid"}
    assert f'data-unit="{world.kel_b.id}"' not in body
    # M.02: Sri, Andi, A1 and A2 only (the Lurah's own level is not in view).
    assert _cell(body, "all", "M.02") == {
        "people": "6", "assessed": "4", "band": "gap-withheld"
    }  # fmt: skip


def test_the_cells_drill_down_to_their_people(hr, world, people):
    body = hr.get("/monitoring/gaps").get_data(as_text=True)
    link = f"figure=competency-gap&amp;competency=M.01&amp;unit={world.kel_b.id}"
    assert link in body
    listing = hr.get(
        f"/monitoring/people?figure=competency-gap&competency=M.01&unit={world.kel_b.id}"
    ).get_data(as_text=True)
    rows = dict(
        re.findall(
            r'<tr data-employee="(\d+)">.*?<td>([^<]*)</td>\s*<td>(?:<a|<span)',
            listing,
            re.S,
        )
    )
    expected = {world.outsider.id: "1", people["beta"]["1"].id: "1"}
    expected |= {people["beta"]["2"].id: "1", people["beta"]["3"].id: "0"}
    assert rows == {str(k): v for k, v in expected.items()}


def test_the_drill_down_names_the_unassessed_without_a_gap(hr, world, people):
    listing = hr.get(
        f"/monitoring/people?figure=competency-gap&competency=M.01&unit={world.kel.id}"
    ).get_data(as_text=True)
    ids = set(map(int, re.findall(r'<tr data-employee="(\d+)">', listing)))
    alpha = people["alpha"]
    assert ids == {
        world.supervisor.id, world.employee.id, world.colleague.id,
        *(p.id for p in alpha.values()),
    }  # fmt: skip
    csv = hr.get(
        f"/monitoring/people.csv?figure=competency-gap&competency=M.01&unit={world.kel.id}"
    ).get_data(as_text=True)
    line = next(row for row in csv.splitlines() if "Alpha 4" in row)
    assert line.endswith(",")  # unassessed: no gap


def test_a_supervisor_drills_down_to_their_people_only(login, world, people):
    client = login("supervisor")
    listing = client.get(
        "/monitoring/people?figure=competency-gap&competency=M.01"
    ).get_data(as_text=True)
    ids = set(map(int, re.findall(r'<tr data-employee="(\d+)">', listing)))
    assert world.outsider.id not in ids and world.supervisor.id not in ids
    assert len(ids) == 6


def test_an_unknown_competency_lists_everyone_with_a_notice(hr, people):
    response = hr.get("/monitoring/people?figure=competency-gap&competency=X.99")
    assert response.status_code == 200
    assert 'id="dash-ignored"' in response.get_data(as_text=True)


def test_filters_change_the_map(hr, world, people):
    body = hr.get(f"/monitoring/gaps?unit={world.kel.id}").get_data(as_text=True)
    assert f'data-unit="{world.kel_b.id}"' not in body
    assert _cell(body, world.kel.id, "M.01")["people"] == "7"
    # Rank III/d: the Lurah alone.
    rank = world.ranks["III/d"].id
    body = hr.get(f"/monitoring/gaps?rank={rank}").get_data(as_text=True)
    assert _cell(body, "all", "M.01") == {
        "people": "1", "assessed": "1", "band": "gap-withheld"
    }  # fmt: skip
    body = hr.get("/monitoring/gaps?employment=PPPK").get_data(as_text=True)
    assert "No one in view holds a position with a competency standard." in body


def test_a_bad_filter_is_dropped_with_a_notice(hr, world, people):
    response = hr.get("/monitoring/gaps?unit=999999&period=abc")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="dash-ignored"' in body
    assert _cell(body, "all", "M.01")["people"] == "12"


def test_htmx_gets_the_region_and_a_browser_the_page(hr, people):
    partial = hr.get("/monitoring/gaps", headers=HTMX).get_data(as_text=True)
    assert "<html" not in partial and 'id="gap-map-table"' in partial
    page = hr.get("/monitoring/gaps").get_data(as_text=True)
    assert "<html" in page and 'id="gap-map-table"' in page


def test_nobody_assessed_shows_a_message(hr, world):
    body = hr.get("/monitoring/gaps").get_data(as_text=True)
    assert _cell(body, "all", "M.01")["band"] == "gap-unassessed"
    tile = hr.get("/monitoring/").get_data(as_text=True)
    assert "Too few people assessed to show a mean gap." in tile


@pytest.mark.parametrize("url", ["/monitoring/gaps", "/monitoring/"])
def test_the_queries_do_not_grow_with_the_data(hr, world, people, count_queries, url):
    with count_queries() as few:
        assert hr.get(url).status_code == 200
    for n in range(12):
        person = _staff(world, f"Gamma {n}", world.kel_b)
        _level(person, world.integrity, 1 + n % 3)
        _level(person, world.teamwork, 2, SELF)
    db.session.commit()
    with count_queries() as many:
        assert hr.get(url).status_code == 200
    assert few.count == many.count <= 12


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (date(2026, 6, 15), date(2023, 6, 15)),
        (date(2028, 2, 29), date(2025, 3, 1)),  # a result of 28.2.2025 ran out
    ],
)
def test_a_centre_result_counts_for_three_years(today, first):
    from app.i18n import WIB

    assert valid_from(today).astimezone(WIB).date() == first


def test_the_cells_of_those_placed_in_the_focus_unit_do_not_drill_down(
    hr, world, people
):
    body = hr.get("/monitoring/gaps").get_data(as_text=True)
    row = re.search(rf'<tr data-unit="{world.kec.id}">(.*?)</tr>', body, re.S)
    assert "competency-gap" not in row.group(1)
    alpha = re.search(rf'<tr data-unit="{world.kel.id}">(.*?)</tr>', body, re.S)
    assert "figure=competency-gap" in alpha.group(1)


@pytest.mark.parametrize("url", ["/monitoring/gaps", "/monitoring/mentoring"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("employee", 404), ("mentor", 404), ("admin", 404), ("supervisor", 200)],
)
def test_only_hr_and_supervisors_see_the_sections(login, url, role, status):
    assert login(role).get(url).status_code == status


@pytest.mark.parametrize("url", ["/monitoring/gaps", "/monitoring/mentoring"])
def test_a_stranger_signs_in_first(client, world, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.location
