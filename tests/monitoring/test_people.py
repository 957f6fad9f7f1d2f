"""The people behind a figure (/monitoring/people): paged, ordered by unit and
name, within the viewer's scope and filters, in a constant number of queries."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.i18n import local_today
from app.models import PlanStatus
from app.monitoring import people as people_module
from tests.conftest import text_of
from tests.factories import make_employee, make_plan
from tests.monitoring.tree import Tree, build_tree, registered_figure


@pytest.fixture
def tree(app, world) -> Tree:
    return build_tree(world)


@pytest.fixture
def figure(app):
    with registered_figure() as registered:
        yield registered


def listed(response) -> list[str]:
    body = response.get_data(as_text=True)
    return re.findall(r'/employees/\d+">([^<]+)</a>', body)


EVERYONE = [
    # Kecamatan Uji (KEC)
    "Dewi Harahap",
    "Hendra Ginting",
    "Maya Sembiring",
    # Kelurahan Alpha (KEL-A)
    "Andi Nasution",
    "Rahmat Siregar",
    "Sri Wahyuni Lubis",
    # Kelurahan Beta (KEL-B)
    "Budi Tarigan",
    "Tono Sinaga",
    "Yusuf Purba",
    # Seksi Alpha Satu (SEK-A1)
    "Joko Saragih",
    "Lina Pasaribu",
]


def test_hr_lists_everyone_by_unit_and_name(tree, login):
    response = login("hr").get("/monitoring/people")
    assert response.status_code == 200
    assert listed(response) == EVERYONE
    assert "11 people" in text_of(response)
    assert "Everyone in view" in text_of(response)


ALPHA_BELOW = ["Andi Nasution", "Sri Wahyuni Lubis", "Joko Saragih", "Lina Pasaribu"]


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("supervisor", ALPHA_BELOW),
        ("employee", ["Joko Saragih", "Lina Pasaribu"]),
        ("beta_head", ["Tono Sinaga"]),
        (
            "camat",
            [n for n in EVERYONE[3:] if n != "Budi Tarigan"],
        ),
    ],
)
def test_a_supervisor_lists_only_the_people_under_them(app, tree, who, names):
    users = {**tree.world.users, **tree.users}
    response = app.test_client(user=users[who]).get("/monitoring/people")
    assert listed(response) == names


def test_the_list_pages(tree, login, monkeypatch):
    monkeypatch.setattr(people_module, "PAGE_SIZE", 4)
    hr = login("hr")
    pages = [
        listed(hr.get("/monitoring/people", query_string={"page": n}))
        for n in (1, 2, 3)
    ]
    assert pages == [EVERYONE[:4], EVERYONE[4:8], EVERYONE[8:]]
    # Past the end: the last page.
    assert listed(hr.get("/monitoring/people?page=99")) == EVERYONE[8:]
    page = hr.get("/monitoring/people?page=2").get_data(as_text=True)
    assert "page=3" in page and "page=1" in page


def test_a_malformed_page_number_is_refused_with_a_message(tree, login):
    response = login("hr").get("/monitoring/people?page=abc")
    assert response.status_code == 400
    assert "The page number must be a whole number from 1." in text_of(response)


def test_a_figure_lists_its_people_with_their_value(tree, login, figure):
    rank = tree.world.ranks["II/c"]
    query = {"figure": "test-rank", "grade": rank.id}
    response = login("hr").get("/monitoring/people", query_string=query)
    assert listed(response) == ["Sri Wahyuni Lubis", "Tono Sinaga", "Joko Saragih"]
    page = text_of(response)
    assert f"Rank {rank.id}" in page
    assert "Rank id" in page
    assert "could not be used" not in page
    # The same figure for the Lurah: his people only.
    response = login("supervisor").get("/monitoring/people", query_string=query)
    assert listed(response) == ["Sri Wahyuni Lubis", "Joko Saragih"]
    # With a filter beside it.
    response = login("hr").get(
        "/monitoring/people", query_string={**query, "unit": tree.world.kel_b.id}
    )
    assert listed(response) == ["Tono Sinaga"]


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"figure": "nothing-like-it"}, "There is no such figure"),
        ({"figure": "test-rank"}, "choice “grade” is not valid"),
        ({"figure": "test-rank", "grade": "II/c"}, "choice “grade” is not valid"),
        ({"figure": "test-rank", "grade": "9" * 30}, "choice “grade” is not valid"),
    ],
)
def test_an_unknown_figure_or_bad_parameter_lists_everyone_with_a_notice(
    tree, login, figure, query, notice
):
    response = login("supervisor").get("/monitoring/people", query_string=query)
    assert response.status_code == 200
    page = text_of(response)
    assert notice in page
    assert "everyone in view is listed" in page
    assert listed(response) == ALPHA_BELOW


def test_the_plan_of_the_period_is_shown_and_linked(tree, login):
    world = tree.world
    this_year = local_today().year
    sri_plan = make_plan(world, status=PlanStatus.SUBMITTED)
    joko_old = make_plan(
        world, status=PlanStatus.APPROVED, period=this_year - 1, owner=tree.joko
    )
    tono_plan = make_plan(world, owner=tree.tono)
    lurah = login("supervisor")
    body = lurah.get("/monitoring/people").get_data(as_text=True)
    assert f"/plans/{sri_plan.id}" in body
    assert f"/plans/{joko_old.id}" not in body  # another year's
    assert f"/plans/{tono_plan.id}" not in body  # not his people
    body = lurah.get(f"/monitoring/people?period={this_year - 1}").get_data(
        as_text=True
    )
    assert f"/plans/{joko_old.id}" in body
    assert f"/plans/{sri_plan.id}" not in body


def test_nothing_of_another_person_leaks_to_a_supervisor(tree, login, figure):
    world = tree.world
    tono_plan = make_plan(world, owner=tree.tono)
    lurah = login("supervisor")
    rank = world.ranks["II/c"]
    for query in (
        {},
        {"unit": world.kel_b.id},
        {"figure": "test-rank", "grade": rank.id},
        {"figure": "test-rank", "grade": rank.id, "unit": world.kel_b.id},
        {"unit": world.kec.id},
    ):
        for path in ("/monitoring/people", "/monitoring/people.csv"):
            body = lurah.get(path, query_string=query).get_data(as_text=True)
            for stranger in (tree.tono, world.outsider, tree.beta_head, tree.camat):
                assert stranger.name not in body
                assert f'/employees/{stranger.id}"' not in body
            assert f"/plans/{tono_plan.id}" not in body


def test_the_export_links_keep_the_filters_and_figure(tree, login, figure):
    rank = tree.world.ranks["II/c"]
    response = login("hr").get(
        "/monitoring/people",
        query_string={"figure": "test-rank", "grade": rank.id, "kind": "administrasi"},
    )
    body = response.get_data(as_text=True)
    links = re.findall(r'href="(/monitoring/people\.(?:csv|xlsx)[^"]*)"', body)
    assert len(links) == 2
    for link in links:
        assert "figure=test-rank" in link
        assert f"grade={rank.id}" in link
        assert "kind=administrasi" in link


def _add_people(world, count: int) -> None:
    for n in range(count):
        make_employee(
            f"Pegawai Tambahan {n:03d}",
            world.kel,
            rank=world.ranks["II/c"],
            position=world.staff_position,
            supervisor=world.supervisor,
        )
    db.session.commit()


@pytest.mark.parametrize("who", ["hr", "supervisor"])
def test_the_query_count_does_not_grow_with_the_people(
    tree, login, figure, who, count_queries
):
    rank = tree.world.ranks["II/c"]
    client = login(who)
    urls = [
        "/monitoring/people",
        f"/monitoring/people?figure=test-rank&grade={rank.id}",
        f"/monitoring/people.csv?figure=test-rank&grade={rank.id}",
        f"/monitoring/people.xlsx?unit={tree.world.kel.id}",
    ]

    def counts():
        result = []
        for url in urls:
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            result.append(counter.count)
        return result

    make_plan(tree.world)
    small = counts()
    _add_people(tree.world, 60)
    large = counts()
    assert small == large
    assert max(small) <= 12


@pytest.mark.parametrize("name", ["unit", "period", "rank", "kind", "page", "figure"])
def test_a_figure_may_not_name_a_parameter_like_a_filter(app, name):
    from dataclasses import replace

    from app.monitoring.figures import FIGURES, register
    from tests.monitoring.tree import rank_figure

    clashing = replace(rank_figure(), key="test-clash", params={name: int})
    with pytest.raises(ValueError, match="reuses"):
        register(clashing)
    assert "test-clash" not in FIGURES
