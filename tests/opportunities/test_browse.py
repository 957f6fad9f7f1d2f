"""Everyone browses published opportunities: search as one types, filters, the
address in sync, the closed ones for the record; drafts stay HR's; the page of
one opportunity; HR's list with drafts. Query counts do not grow with the data."""

import re

import pytest

from app.extensions import db
from app.models import OpportunityKind, OpportunityStatus
from tests.conftest import text_of
from tests.factories import make_plan
from tests.opportunities.publish_helpers import days, make_opportunity

PARTIAL = {"HX-Request": "true", "HX-Target": "opportunity-results"}


def _titles(response) -> list[str]:
    body = response.get_data(as_text=True)
    results = body[body.index('id="opportunity-results"') :]
    return re.findall(r'<h3><a href="/opportunities/\d+">([^<]+)</a></h3>', results)


@pytest.fixture
def listed(world):
    """Two trainings, a vacancy, an announcement, a draft and a closed one."""
    return {
        "arsip": make_opportunity(
            world, title="Diklat Arsip Digital", closes_on=days(9), booked=5
        ),
        "integritas": make_opportunity(
            world,
            title="Bimtek Integritas",
            provider="Inspektorat Kota Medan",
            closes_on=days(3),
        ),
        "lurah": make_opportunity(
            world, OpportunityKind.VACANCY, title="Seleksi Lurah", closes_on=days(20)
        ),
        "pengumuman": make_opportunity(
            world, OpportunityKind.ANNOUNCEMENT, title="Jadwal Ujian", closes_on=days(1)
        ),
        "draft": make_opportunity(
            world, title="Rancangan Diklat", status=OpportunityStatus.DRAFT
        ),
        "closed": make_opportunity(
            world,
            title="Diklat Lama",
            status=OpportunityStatus.CLOSED,
            opens_on=days(-30),
            closes_on=days(-5),
        ),
    }


def test_lists_published_ones_soonest_closing_first(login, world, listed):
    response = login("employee").get("/opportunities")
    assert response.status_code == 200
    assert _titles(response) == [
        "Jadwal Ujian",
        "Bimtek Integritas",
        "Diklat Arsip Digital",
        "Seleksi Lurah",
    ]
    page = text_of(response)
    assert "4 opportunities found" in page
    assert "Closes in 9 days" in page and "Closes in 1 day" in page
    assert "16 JP · 15 places left · BKPSDM" in page
    assert "Position: Lurah Alpha · 1 post" in page


def test_the_closed_ones_stay_visible_under_their_filter(login, world, listed):
    response = login("employee").get("/opportunities?status=closed")
    assert _titles(response) == ["Diklat Lama"]
    assert "Closed" in text_of(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "arsip"}, ["Diklat Arsip Digital"]),
        ({"q": "INSPEKTORAT"}, ["Bimtek Integritas"]),  # the provider
        ({"q": "lurah alpha"}, ["Seleksi Lurah"]),  # the position
        ({"q": "100%"}, []),
        ({"q": "rancangan"}, []),  # a draft is never listed
        ({"kind": "vacancy"}, ["Seleksi Lurah"]),
        ({"kind": "training", "q": "diklat"}, ["Diklat Arsip Digital"]),
    ],
)
def test_search_and_filters(login, world, listed, query, expected):
    response = login("employee").get("/opportunities", query_string=query)
    assert _titles(response) == expected


def test_typing_answers_the_results_with_the_address_in_sync(login, world, listed):
    response = login("employee").get(
        "/opportunities?q=diklat&kind=training&page=", headers=PARTIAL
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="opportunity-results"')
    assert "<html" not in body and "Recommended for you" not in body
    assert response.headers["HX-Push-Url"] == "/opportunities?q=diklat&kind=training"


@pytest.mark.parametrize(
    "query",
    [{"kind": "webinar"}, {"status": "draft"}, {"page": "0"}, {"q": "x" * 101}],
)
def test_bad_filters_are_a_400_with_a_message(login, world, query):
    response = login("employee").get("/opportunities", query_string=query)
    assert response.status_code == 400
    assert "Please correct the filters." in text_of(response)


def test_the_list_keeps_its_query_count(login, world, count_queries):
    make_plan(world)  # Sri's plan: recommendations are computed too
    client = login("employee")

    def queries(count: int) -> int:
        for n in range(count):
            make_opportunity(world, title=f"Diklat {n}")
            make_opportunity(world, OpportunityKind.VACANCY, title=f"Lowongan {n}")
        with count_queries() as counter:
            assert client.get("/opportunities").status_code == 200
        return counter.count

    assert queries(1) == queries(15)


# One opportunity -------------------------------------------------------------------


def test_a_draft_is_hrs_alone(login, world, listed):
    url = f"/opportunities/{listed['draft'].id}"
    for role in ("employee", "supervisor", "mentor", "admin"):
        assert login(role).get(url).status_code == 404
    assert login("hr").get(url).status_code == 200


def test_the_page_shows_the_common_fields_and_the_panel(login, world, listed):
    response = login("employee").get(f"/opportunities/{listed['arsip'].id}")
    body = response.get_data(as_text=True)
    page = text_of(response)
    assert '<section id="opportunity-panel"' in body
    assert "Diklat Arsip Digital" in page and "Training · Published" in page
    assert "Closes in 9 days" in page
    # The training's own fields (mode, JP, quota) are its panel's to show.
    assert "Change history" not in page and "/publish" not in body
    vacancy = text_of(login("employee").get(f"/opportunities/{listed['lurah'].id}"))
    assert (
        "Merit weights Performance 40% · Competency fit 30% · "
        "Development record 15% · Experience 15%" in vacancy
    )


def test_hr_sees_the_actions_and_the_history(login, world, listed):
    hr = login("hr")
    hr.post(f"/hr/opportunities/{listed['draft'].id}/publish", data={"version": "1"})
    page = text_of(hr.get(f"/opportunities/{listed['draft'].id}"))
    assert "Change history" in page
    assert "Opportunity published" in page and "Status: Draft → Published" in page
    assert "Close" in page and "Edit" in page
    partial = hr.get(
        f"/opportunities/{listed['draft'].id}?page=1",
        headers={"HX-Request": "true", "HX-Target": "opportunity-history"},
    )
    assert (
        partial.get_data(as_text=True)
        .lstrip()
        .startswith('<section id="opportunity-history"')
    )


def test_the_page_keeps_its_query_count(login, world, count_queries):
    hr = login("hr")

    def queries(changes: int) -> int:
        training = make_opportunity(world, status=OpportunityStatus.DRAFT)
        for n in range(changes):
            training.title = f"Diklat {n}"
            from app import audit

            audit.record(
                world.users["hr"], "opportunity.changed", "opportunity", training.id, {}
            )
        db.session.commit()
        with count_queries() as counter:
            assert hr.get(f"/opportunities/{training.id}").status_code == 200
        return counter.count

    assert queries(1) == queries(12)


# HR's list -------------------------------------------------------------------------


def test_hrs_list_shows_drafts_first_and_filters_by_status(login, world, listed):
    hr = login("hr")
    page = text_of(hr.get("/hr/opportunities"))
    assert "6 opportunities found" in page
    assert page.index("Rancangan Diklat") < page.index("Jadwal Ujian")
    drafts = text_of(hr.get("/hr/opportunities?status=draft"))
    assert "1 opportunity found" in drafts and "Rancangan Diklat" in drafts
    response = hr.get(
        "/hr/opportunities?q=lurah&kind=vacancy",
        headers={"HX-Request": "true", "HX-Target": "manage-results"},
    )
    assert response.headers["HX-Push-Url"] == "/hr/opportunities?q=lurah&kind=vacancy"
    assert "Seleksi Lurah" in text_of(response)
    assert hr.get("/hr/opportunities?status=open").status_code == 400


def test_hrs_list_keeps_its_query_count(login, world, count_queries):
    hr = login("hr")

    def queries(count: int) -> int:
        for n in range(count):
            make_opportunity(world, OpportunityKind.VACANCY, title=f"Lowongan {n}")
            make_opportunity(world, status=OpportunityStatus.DRAFT)
        with count_queries() as counter:
            assert hr.get("/hr/opportunities").status_code == 200
        return counter.count

    assert queries(1) == queries(10)


def test_a_closed_opportunity_stays_readable(login, world, listed):
    page = text_of(login("employee").get(f"/opportunities/{listed['closed'].id}"))
    assert "Diklat Lama" in page and "Closed" in page


def test_the_pages_speak_indonesian(app, world, listed):
    make_plan(world)
    client = app.test_client(user=world.users["employee"], locale="id")
    page = text_of(client.get("/opportunities"))
    for words in ("Peluang", "Pelatihan", "Lowongan jabatan", "Pengumuman"):
        assert words in page
    assert "Direkomendasikan untuk Anda" in page
    assert "Mengembangkan Pengelolaan Arsip: belum dinilai → target 3" in page
    detail = text_of(client.get(f"/opportunities/{listed['arsip'].id}"))
    assert "Pelatihan · Diterbitkan · Ditutup dalam 9 hari" in detail
    vacancy = text_of(client.get(f"/opportunities/{listed['lurah'].id}"))
    assert "Bobot merit Kinerja 40%" in vacancy
    hr = app.test_client(user=world.users["hr"], locale="id")
    draft = text_of(hr.get(f"/opportunities/{listed['draft'].id}"))
    assert "Draf" in draft and "Terbitkan" in draft
    published = text_of(hr.get(f"/opportunities/{listed['arsip'].id}"))
    assert "Diterbitkan" in published and "Tutup" in published
