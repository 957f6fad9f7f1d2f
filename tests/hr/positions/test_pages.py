"""The position catalogue's pages: the searchable list, one position with its
rows and history, their query counts, and readiness following a change."""

import re

import pytest

from app import audit
from app.extensions import db
from app.models import PositionCompetency, PositionKind, PositionRequirement
from tests.conftest import text_of
from tests.factories import make_competency, make_plan, make_position
from tests.hr.positions.helpers import BASIS, requirement_form, rule_of, seen

PARTIAL = {"HX-Request": "true", "HX-Target": "position-results"}


def _names(response) -> list[str]:
    body = response.get_data(as_text=True)
    table = body[body.index('id="position-results"') :]
    return re.findall(r'<td><a href="/hr/positions/[^"]+">([^<]+)</a></td>', table)


# The list ---------------------------------------------------------------------------


def _functional(world):
    make_position(
        "ARSIPARIS-AP",
        {world.archives: 3},
        name="Arsiparis Ahli Pertama",
        kind=PositionKind.FUNGSIONAL,
        level="ahli_pertama",
        family="Arsiparis",
        min_rank=world.ranks["III/a"],
        max_rank=world.ranks["III/b"],
        kelas_jabatan=8,
    )
    db.session.commit()


def test_lists_positions_with_their_band_and_counts(login, world):
    _functional(world)
    response = login("hr").get("/hr/positions")
    assert response.status_code == 200
    assert _names(response) == [
        "Arsiparis Ahli Pertama",
        "Lurah Alpha",
        "Pengadministrasi Perkantoran",
    ]
    page = text_of(response)
    assert "3 positions found" in page
    assert (
        "Arsiparis Ahli Pertama ARSIPARIS-AP Fungsional Ahli Pertama \N{EN DASH} / 8"
        in page
    )
    assert (
        "III/a \N{EN DASH} III/b 1 1" in page
    )  # the band, one requirement, one competency


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lurah", ["Lurah Alpha"]),
        ("pengadm", ["Pengadministrasi Perkantoran"]),  # by code, any case
        ("ARSIP", ["Arsiparis Ahli Pertama"]),
        ("100%", []),
        ("_", []),
    ],
)
def test_searches_names_and_codes(login, world, query, expected):
    _functional(world)
    response = login("hr").get("/hr/positions", query_string={"q": query})
    assert _names(response) == expected


def test_filters_by_kind(login, world):
    _functional(world)
    response = login("hr").get("/hr/positions", query_string={"kind": "fungsional"})
    assert _names(response) == ["Arsiparis Ahli Pertama"]


def test_search_as_you_type_answers_with_the_results_only(login, world):
    response = login("hr").get(
        "/hr/positions", query_string={"q": "lurah", "kind": ""}, headers=PARTIAL
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="position-results"')
    assert "<html" not in body
    assert response.headers["HX-Push-Url"] == "/hr/positions?q=lurah"
    page = login("hr").get("/hr/positions?q=lurah").get_data(as_text=True)
    assert 'hx-trigger="input changed delay:300ms' in page
    assert 'hx-push-url="true"' in page and 'value="lurah"' in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"kind": "eselon"}, "There is no such kind of position."),
        ({"page": "0"}, "whole number"),
        ({"page": "x"}, "whole number"),
        ({"q": "x" * 101}, "at most 100 characters"),
    ],
)
@pytest.mark.parametrize("headers", [{}, PARTIAL], ids=["page", "htmx"])
def test_bad_filters_are_400(login, world, args, message, headers):
    response = login("hr").get("/hr/positions", query_string=args, headers=headers)
    assert response.status_code == 400
    assert message in text_of(response)


def test_the_list_pages(login, world):
    for number in range(30):
        make_position(f"STAF-{number:02d}", {}, name=f"Staf Uji {number:02d}")
    db.session.commit()
    client = login("hr")
    first = client.get("/hr/positions", query_string={"q": "staf uji"})
    assert len(_names(first)) == 25 and "Page 1 of 2" in text_of(first)
    second = client.get("/hr/positions", query_string={"q": "staf uji", "page": 2})
    assert _names(second) == [f"Staf Uji {n}" for n in range(25, 30)]


def test_the_list_queries_do_not_grow_with_positions(login, world, count_queries):
    client = login("hr")
    with count_queries() as few:
        client.get("/hr/positions")
    for number in range(20):
        make_position(
            f"STAF-{number:02d}",
            {world.integrity: 2, world.teamwork: 3},
            min_rank=world.ranks["II/a"],
            max_rank=world.ranks["II/d"],
            min_education=None,
        )
    db.session.commit()
    with count_queries() as many:
        client.get("/hr/positions")
    assert few.count == many.count <= 12


# One position ------------------------------------------------------------------------


def test_the_position_page_shows_its_place_standard_and_rows(login, world):
    world.staff_position.rules.append(
        PositionRequirement(
            kind="training",
            value="PKP",
            basis="Peraturan LAN 15/2019",
            blocking=False,
            alternative="B",
            note="Setelah pengangkatan.",
        )
    )
    world.staff_position.eselon, world.staff_position.kelas_jabatan = "IVb", 7
    db.session.commit()
    page = text_of(login("hr").get("/hr/positions/PENGADM"))
    assert "Pengadministrasi Perkantoran PENGADM · Administrasi (managerial)" in page
    assert "Eselon IVb Kelas jabatan 7" in page
    assert "Rank band of the post (pangkat/golongan) from II/a" in page
    assert "M.01 Integritas (en) 2 PermenPANRB 38/2017" in page
    assert (
        f"Rank Pangkat/golongan II/a or higher {BASIS} Must be met \N{EN DASH}" in page
    )
    assert f"Education SMA or higher, any field {BASIS} Must be met" in page
    assert (
        "Training Supervisory leadership training (PKP) (PKP) Peraturan LAN 15/2019"
        " To plan for B Setelah pengangkatan." in page
    )
    assert "No changes recorded yet." in page


def test_an_unknown_position_is_404(login, world):
    assert login("hr").get("/hr/positions/NOPE").status_code == 404


def test_the_history_pages_newest_first_in_place(login, world):
    position = world.staff_position
    for number in range(audit.HISTORY_PAGE_SIZE + 2):
        audit.record(
            world.users["hr"],
            "competency.changed",
            "position",
            position.id,
            {
                "competency": "M.01",
                "before": {"required_level": 2},
                "after": {"required_level": 3, "basis": f"Perwal {number}"},
            },
        )
    db.session.commit()
    client = login("hr")
    page = text_of(client.get("/hr/positions/PENGADM"))
    assert "Perwal 21 " in page and "Perwal 2 " in page  # newest first
    assert "Perwal 1 " not in page and "Perwal 0 " not in page
    assert "Page 1 of 2" in page
    headers = {"HX-Request": "true", "HX-Target": "position-history"}
    part = client.get("/hr/positions/PENGADM?page=2", headers=headers)
    body = part.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="position-history"')
    assert "Perwal 0" in text_of(part) and "Perwal 21" not in text_of(part)
    assert client.get("/hr/positions/PENGADM?page=0").status_code == 400


def test_the_history_says_the_system_acted_without_an_actor(login, world):
    audit.record(
        None,
        "requirement.removed",
        "position",
        world.staff_position.id,
        {"before": {"kind": "status", "basis": "PP 94/2021"}, "after": None},
    )
    db.session.commit()
    page = text_of(login("hr").get("/hr/positions/PENGADM"))
    assert "System Requirement removed Service status" in page


def test_the_position_page_does_not_grow_with_its_rows(login, world, count_queries):
    client = login("hr")
    with count_queries() as few:
        assert client.get("/hr/positions/PENGADM").status_code == 200
    position = world.staff_position
    for number in range(8):
        competency = make_competency(f"T.{20 + number}", f"Teknis {number}")
        position.requirements.append(
            PositionCompetency(competency=competency, required_level=3)
        )
        position.rules.append(
            PositionRequirement(kind="age_max", value=str(40 + number), basis=BASIS)
        )
    db.session.commit()
    for number in range(5):  # history with actors and their employees
        row = rule_of(position, "age_max")
        data = requirement_form(kind="age_max", value=str(50 + number), seen=seen(row))
        client.post(f"/hr/positions/PENGADM/requirements/{row.id}", data=data)
    with count_queries() as many:
        page = client.get("/hr/positions/PENGADM")
    assert "T.27 Teknis 7" in text_of(page)
    assert few.count == many.count <= 12


# Readiness follows the catalogue ---------------------------------------------------


def test_a_changed_education_requirement_changes_the_plans_readiness(login, world):
    """Readiness is computed from the rows each time: the plan page follows.

    Kept simple on purpose: the required education level shown on the plan's
    readiness appears and disappears with the requirement row.
    """
    plan = make_plan(world)  # the employee (S1) aims at PENGADM (SMA required)
    owner = login("employee")
    assert "SMA" in text_of(owner.get(f"/plans/{plan.id}"))
    row = rule_of(world.staff_position, "education")
    hr = login("hr")
    data = requirement_form(value="S2", seen=seen(row))
    assert (
        hr.post(f"/hr/positions/PENGADM/requirements/{row.id}", data=data).status_code
        == 303
    )
    page = text_of(owner.get(f"/plans/{plan.id}"))
    assert "S2" in page and "SMA" not in page
    row = rule_of(world.staff_position, "education")
    hr.post(
        f"/hr/positions/PENGADM/requirements/{row.id}/delete", data={"seen": seen(row)}
    )
    assert "S2" not in text_of(owner.get(f"/plans/{plan.id}"))
