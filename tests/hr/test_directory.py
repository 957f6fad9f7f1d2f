"""The employee directory: search as you type, filters, paging, page vs partial."""

import re

import pytest

from app.extensions import db
from tests.conftest import text_of
from tests.factories import make_employee, make_pppk, make_unit

PARTIAL = {"HX-Request": "true", "HX-Target": "directory-results"}


def _names(response):
    body = response.get_data(as_text=True)
    table = body[body.index('id="directory-results"') :]
    import re

    return re.findall(r'<td><a href="/employees/\d+">([^<]+)</a></td>', table)


def test_lists_everyone_by_name(login, world):
    response = login("hr").get("/hr/employees")
    assert response.status_code == 200
    assert _names(response) == sorted(
        [
            "Andi Nasution",
            "Budi Tarigan",
            "Dewi Harahap",
            "Maya Sembiring",
            "Rahmat Siregar",
            "Sri Wahyuni Lubis",
        ]
    )
    assert "6 employees found" in text_of(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("siregar", ["Rahmat Siregar"]),
        ("  WAHYUNI ", ["Sri Wahyuni Lubis"]),
        ("100%", []),  # % is matched literally, not as a wildcard
        ("_", []),
    ],
)
def test_searches_names_case_insensitively(login, world, query, expected):
    response = login("hr").get("/hr/employees", query_string={"q": query})
    assert _names(response) == expected


def test_searches_nip_with_spaces_and_by_prefix(login, world):
    client = login("hr")
    exact = client.get("/hr/employees", query_string={"q": world.outsider.nip_display})
    assert _names(exact) == ["Budi Tarigan"]
    women = client.get("/hr/employees", query_string={"q": world.employee.nip[:15]})
    assert _names(women) == ["Dewi Harahap", "Maya Sembiring", "Sri Wahyuni Lubis"]


def test_unit_filter_includes_sub_units(login, world):
    client = login("admin")
    by_kel = _names(client.get("/hr/employees", query_string={"unit": world.kel.id}))
    assert by_kel == ["Andi Nasution", "Rahmat Siregar", "Sri Wahyuni Lubis"]
    by_kec = _names(client.get("/hr/employees", query_string={"unit": world.kec.id}))
    assert len(by_kec) == 6  # the kecamatan contains both kelurahan


def test_rank_filter(login, world):
    rank = world.ranks["III/d"]
    names = _names(login("hr").get("/hr/employees", query_string={"rank": rank.id}))
    assert names == ["Rahmat Siregar"]


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
ROMAN += ["X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]


def test_rank_filter_lists_pns_ranks_and_pppk_golongan_apart(login, world):
    body = login("hr").get("/hr/employees").get_data(as_text=True)
    select = body[body.index('<select name="rank"') :]
    select = select[: select.index("</select>")]
    pns = select[select.index('<optgroup label="PNS pangkat/golongan">') :]
    pns, pppk = pns.split('<optgroup label="PPPK golongan">')
    assert re.findall(r">([^<]+)</option>", pns)[8] == "III/a Penata Muda"
    assert len(re.findall("<option", pns)) == 17
    golongan = re.findall(r">([^<]+)</option>", pppk)
    assert golongan == [f"Golongan {roman}" for roman in ROMAN]


def test_filtering_by_a_pppk_golongan_finds_the_pppk(login, world):
    rina = make_pppk(world, nip="199001012022212001")
    make_pppk(world, "Lestari Ginting", rank=world.ranks["V"])
    db.session.commit()
    client = login("hr")
    response = client.get("/hr/employees", query_string={"rank": rina.rank.id})
    assert response.status_code == 200
    assert _names(response) == ["Rina Simanjuntak"]
    row = text_of(response)
    assert "NIP / NI PPPK" in row
    assert "Rina Simanjuntak 19900101 2022 2 1 2 001 Golongan IX" in row
    by_ni = client.get("/hr/employees", query_string={"q": "19900101 2022 2 1 2 001"})
    assert _names(by_ni) == ["Rina Simanjuntak"]
    by_year = client.get("/hr/employees", query_string={"q": "19900101 2022"})
    assert _names(by_year) == ["Lestari Ginting", "Rina Simanjuntak"]
    everyone = text_of(client.get("/hr/employees"))
    assert f"Rahmat Siregar {world.supervisor.nip_display} III/d" in everyone


def test_htmx_search_returns_only_the_results(login, world):
    response = login("hr").get(
        "/hr/employees", query_string={"q": "lubis", "unit": ""}, headers=PARTIAL
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="directory-results"')
    assert _names(response) == ["Sri Wahyuni Lubis"]
    assert "HX-Request" in response.headers["Vary"]
    assert response.headers["HX-Push-Url"] == "/hr/employees?q=lubis"


def test_search_form_is_wired_for_search_as_you_type(login, world):
    body = login("hr").get("/hr/employees?q=lubis").get_data(as_text=True)
    assert 'hx-trigger="input changed delay:300ms' in body
    assert 'hx-push-url="true"' in body
    assert 'value="lubis"' in body  # the shared URL restores the search


def test_pages_keep_the_filters(login, world):
    for number in range(30):
        make_employee(f"Zulkifli Lubis {number:02d}", world.kel)
    db.session.commit()
    client = login("hr")
    first = client.get("/hr/employees", query_string={"q": "zulkifli"})
    assert len(_names(first)) == 25
    assert "Page 1 of 2" in text_of(first)
    assert "/hr/employees?page=2&amp;q=zulkifli" in first.get_data(as_text=True)
    second = client.get("/hr/employees", query_string={"q": "zulkifli", "page": 2})
    assert _names(second) == [f"Zulkifli Lubis {n}" for n in range(25, 30)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"unit": "99999"}, "There is no such unit."),
        ({"unit": "abc"}, "There is no such unit."),
        ({"rank": "99999"}, "There is no such rank."),
        ({"page": "0"}, "whole number"),
        ({"q": "x" * 101}, "at most 100 characters"),
    ],
)
@pytest.mark.parametrize("headers", [{}, PARTIAL], ids=["page", "htmx"])
def test_bad_filters_are_400_with_a_message(login, world, args, message, headers):
    response = login("hr").get("/hr/employees", query_string=args, headers=headers)
    assert response.status_code == 400
    assert message in text_of(response)


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor"])
def test_directory_is_for_hr_and_admin_only(login, world, role):
    assert login(role).get("/hr/employees").status_code == 403


def test_directory_queries_do_not_grow_with_employees(login, world, count_queries):
    client = login("hr")
    with count_queries() as few:
        client.get("/hr/employees")
    unit = make_unit("KEL-X", "Kelurahan X", parent=world.kec)
    for number in range(60):
        make_employee(f"Pegawai {number:02d}", unit, rank=world.ranks["II/a"])
    db.session.commit()
    with count_queries() as many:
        client.get("/hr/employees")
    assert few.count == many.count <= 12
