"""Succession: the talent pool's candidates for a key position, ranked by
readiness with the reasons; the list of key positions; query counts."""

import re

import pytest

from app.extensions import db
from app.i18n import local_today
from app.models import Employee, Predikat, TalentLevel
from tests.conftest import text_of
from tests.factories import make_employee
from tests.monitoring.talent_data import assessed, potential, rate

HX = {"HX-Request": "true", "HX-Target": "monitoring-figures"}


@pytest.fixture
def pool(world):
    """The Lurah Alpha post (M.01 and M.02 at level 3; held by Rahmat and
    Dewi) and a talent pool this year:

    - Andi (Alpha, Rahmat's): Baik x high potential, box 8, both levels met;
    - Budi (Beta, not Rahmat's): Sangat Baik x medium, box 7, both met;
    - Sri (Alpha, Rahmat's): Sangat Baik x high, box 9, one level of two met;
    - traps: Maya (box 5, outside the pool) at level 5 in everything; Dewi
      (box 9) holds the post; Fajar (Beta) was Sangat Baik only next year.
    """
    year = local_today().year
    lurah = world.lurah_position
    a, b = world.integrity, world.teamwork
    rate(world.colleague, year, Predikat.BAIK)
    potential(world.colleague, year - 1, TalentLevel.HIGH)
    assessed(world.colleague, {a: 3, b: 4})
    rate(world.outsider, year - 1, Predikat.SANGAT_BAIK)
    potential(world.outsider, year, TalentLevel.MEDIUM)
    assessed(world.outsider, {a: 3, b: 3})
    rate(world.employee, year, Predikat.SANGAT_BAIK)
    potential(world.employee, year, TalentLevel.HIGH)
    assessed(world.employee, {a: 4, b: 2})
    rate(world.hr_employee, year, Predikat.BAIK)
    potential(world.hr_employee, year, TalentLevel.MEDIUM)
    assessed(world.hr_employee, {a: 5, b: 5})
    rate(world.mentor, year, Predikat.SANGAT_BAIK)
    potential(world.mentor, year, TalentLevel.HIGH)
    assessed(world.mentor, {a: 5, b: 5})
    fajar = make_employee("Fajar Lubis", world.kel_b, position=world.staff_position)
    rate(fajar, year, Predikat.BUTUH_PERBAIKAN)
    rate(fajar, year + 1, Predikat.SANGAT_BAIK)
    potential(fajar, year, TalentLevel.HIGH)
    assessed(fajar, {a: 5, b: 5})
    lurah.is_key = True
    db.session.commit()
    return lurah


def _ranked(response) -> list[str]:
    body = response.get_data(as_text=True)
    if 'id="succession-candidates"' not in body:
        return []
    listed = body[body.index('id="succession-candidates"') :]
    ids = [int(i) for i in re.findall(r'data-employee="(\d+)"', listed)]
    return [db.session.get(Employee, i).name for i in ids]


def test_hr_sees_the_pool_ranked_by_readiness(login, world, pool):
    response = login("hr").get("/monitoring/succession/LURAH-A")
    assert response.status_code == 200
    # Ready first (box 8 before box 7), then Sri at one of two; Maya (box 5),
    # Dewi (a holder) and Fajar (pool only next year) are not candidates.
    assert _ranked(response) == ["Andi Nasution", "Budi Tarigan", "Sri Wahyuni Lubis"]
    page = text_of(response)
    assert "3 talent-pool candidates in view" in page
    assert "2 current holders, left out" in page
    assert "Readiness: 50% · 1 of 2 requirements met" in page
    assert "Not met: M.02" in page
    assert "Readiness: 100% · 2 of 2 requirements met · Ready" in page
    # the reasons carry their basis, and the links to profile and plans
    assert "Basis: PermenPANRB 38/2017" in page
    assert f'href="/employees/{world.employee.id}"' in response.get_data(as_text=True)


def test_a_supervisor_sees_candidates_among_their_own_people(login, world, pool):
    response = login("supervisor").get("/monitoring/succession/LURAH-A")
    assert response.status_code == 200
    assert _ranked(response) == ["Andi Nasution", "Sri Wahyuni Lubis"]


def test_the_dashboard_filters_apply(login, world, pool):
    hr = login("hr")
    beta = hr.get(f"/monitoring/succession/LURAH-A?unit={world.kel_b.id}")
    assert _ranked(beta) == ["Budi Tarigan"]
    rank = hr.get(f"/monitoring/succession/LURAH-A?rank={world.ranks['II/c'].id}")
    assert _ranked(rank) == ["Sri Wahyuni Lubis"]
    # last year nobody had both ratings: Budi's potential and the others'
    # SKP are this year's (a newer row never counts for an older period)
    year = local_today().year
    before = hr.get(f"/monitoring/succession/LURAH-A?period={year - 1}")
    assert _ranked(before) == []


def test_a_bad_filter_is_dropped_with_a_notice(login, world, pool):
    response = login("hr").get("/monitoring/succession/LURAH-A?period=19x&unit=999")
    assert response.status_code == 200
    assert 'id="dash-ignored"' in response.get_data(as_text=True)
    assert len(_ranked(response)) == 3


def test_an_unknown_position_is_404(login, pool):
    assert login("hr").get("/monitoring/succession/NOPE").status_code == 404


def test_the_partial_is_the_region_only(login, pool):
    response = login("hr").get("/monitoring/succession/LURAH-A", headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "dash-tabs" not in body and "<form" not in body  # no tabs, no filters
    assert body.lstrip().startswith('<div id="monitoring-figures"')
    assert 'id="succession-candidates"' in body
    notice = login("hr").get("/monitoring/succession/LURAH-A?unit=x", headers=HX)
    assert 'id="dash-ignored"' in notice.get_data(as_text=True)


def test_the_list_shows_key_positions_with_holders_and_ready(login, world, pool):
    response = login("hr").get("/monitoring/succession")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'data-position="LURAH-A"' in body
    assert 'data-position="PENGADM"' not in body  # not marked key
    assert "succession-unmarked" not in body
    row = body[body.index('data-position="LURAH-A"') :].split("</tr>")[0]
    cells = re.findall(r'<td class="numeric">(\d+)</td>', row)
    assert cells == ["2", "3", "2"]  # holders; candidates; ready (Andi, Budi)
    assert "4 people in view are in the talent pool" in text_of(response)


def test_the_list_for_a_supervisor_counts_their_people(login, world, pool):
    body = login("supervisor").get("/monitoring/succession").get_data(as_text=True)
    row = body[body.index('data-position="LURAH-A"') :].split("</tr>")[0]
    assert re.findall(r'<td class="numeric">(\d+)</td>', row) == ["2", "2", "1"]


def test_with_no_key_position_every_position_is_listed(login, world, pool):
    pool.is_key = False
    db.session.commit()
    body = login("hr").get("/monitoring/succession").get_data(as_text=True)
    assert 'id="succession-unmarked"' in body
    assert 'data-position="LURAH-A"' in body and 'data-position="PENGADM"' in body
    # Pengadministrasi asks rank II/a and SMA: Sri (II/c, S1) holds it.
    row = body[body.index('data-position="PENGADM"') :].split("</tr>")[0]
    holders = re.findall(r'<td class="numeric">(\d+)</td>', row)[0]
    assert holders == "4"


def _more_pool(world, count: int) -> None:
    year = local_today().year
    for n in range(count):
        person = make_employee(
            f"Calon {n}",
            world.kel,
            supervisor=world.supervisor,
            position=world.staff_position,
            rank=world.ranks["III/a"],
        )
        rate(person, year, Predikat.SANGAT_BAIK)
        potential(person, year, TalentLevel.HIGH)
        assessed(person, {world.integrity: 3})
    db.session.commit()


@pytest.mark.parametrize(
    "url", ["/monitoring/succession/LURAH-A", "/monitoring/succession"]
)
def test_the_query_count_does_not_grow_with_the_pool(
    login, world, pool, count_queries, url
):
    hr = login("hr")
    hr.get(url)
    with count_queries() as few:
        assert hr.get(url).status_code == 200
    _more_pool(world, 30)
    with count_queries() as many:
        response = hr.get(url)
        assert response.status_code == 200
    assert many.count == few.count
    assert many.count <= 12, "\n".join(many.statements)


def test_the_candidates_are_capped_and_it_says_so(login, world, pool):
    _more_pool(world, 25)
    response = login("hr").get("/monitoring/succession/LURAH-A")
    assert len(_ranked(response)) == 20
    assert "The best 20 of 28 talent-pool candidates in view" in text_of(response)
