"""The development (JP) section: the share at the yearly JP target per unit,
who is below it, JP by kind, and the overview's tile, each checked against
values computed by hand, for HR and for a supervisor, with filters and
drill-down."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Certificate,
    CertificateType,
    EmploymentType,
    MentoringSession,
    Mentorship,
    MentorshipRequest,
    RecordStatus,
    RequestStatus,
)
from app.monitoring.sections import development as section
from tests.factories import make_employee
from tests.monitoring.org import (
    cell,
    figure_people,
    grow,
    hr_view,
    listed,
    supervisor_view,
)
from tests.opportunities.factories_training import make_record

HTMX = {"HX-Request": "true", "HX-Target": "monitoring-figures"}


def _training(employee, jp, **fields):
    return make_record(employee, jp, status=RecordStatus.VERIFIED, **fields)


def _certificate(employee, jp, issued_on=None):
    kind = db.session.scalars(select(CertificateType)).first()
    db.session.add(
        Certificate(
            employee=employee, type=kind, issued_on=issued_on or local_today(), jp=jp
        )
    )
    db.session.commit()


def _mentoring(world, mentee, *minutes):
    """Sessions of ``minutes`` each, held today with the world's mentor."""
    accepted = MentorshipRequest(
        mentee=mentee, mentor=world.mentor, status=RequestStatus.ACCEPTED
    )
    mentorship = Mentorship(request=accepted, mentee=mentee, mentor=world.mentor)
    mentorship.sessions.extend(
        MentoringSession(held_on=local_today(), minutes=m, topic="Tata naskah")
        for m in minutes
    )
    db.session.add_all([accepted, mentorship])
    db.session.commit()


@pytest.fixture
def org(world):
    """This year's JP (target: PNS 20, PPPK 24):

    - Kelurahan Alpha: Rahmat a certificate of 20 (met); Sri 16 training + 4
      certificate (met); Andi 8 training, 12 not yet verified, 90 minutes of
      mentoring = 2 JP: 10 (below).
      Lingkungan I: Lina two sessions of 460 minutes = 20 JP (met).
    - Kelurahan Beta: Budi a certificate of 25 (met); Tono (PPPK) 22 training
      (below 24).
    - Kecamatan itself: Dewi and Maya none (below); Maya's 30 JP of last year
      count for last year only.
    """
    org = grow(world)
    year = local_today().year
    _certificate(world.supervisor, 20)
    _training(world.employee, 16)
    _certificate(world.employee, 4)
    _training(world.colleague, 8)
    make_record(world.colleague, 12)  # submitted, not verified: never counts
    _mentoring(world, world.colleague, 90)
    _mentoring(world, org.lina, 460, 460)
    _certificate(world.outsider, 25)
    _training(org.tono, 22)
    _training(world.hr_employee, 30, completed_on=date(year - 1, 6, 1))
    return org


def _rows(view):
    rows = section.rollup(view.filters.unit_id, section.per_unit(view))
    return {row.unit.code: row.values for row in rows}


def test_share_at_target_and_jp_by_kind_per_unit_for_hr(app, world, org):
    view = hr_view(local_today())
    #                people at training certificates mentoring
    assert _rows(view) == {
        "KEC": (2, 0, 0, 0, 0),
        "KEL-A": (4, 3, 24, 24, 22),
        "KEL-B": (2, 1, 22, 25, 0),
    }
    assert section.totals(view) == (8, 4)


def test_a_supervisor_sees_their_people_two_levels_down(app, world, org):
    view = supervisor_view(world, local_today())
    assert _rows(view) == {"KEL-A": (2, 1, 24, 4, 2), "KEL-A-1": (1, 1, 0, 0, 20)}
    assert section.totals(view) == (3, 2)
    assert figure_people("below-jp", view) == {world.colleague.id: 10}


def test_drill_down_names_exactly_the_people_with_their_jp(app, world, org):
    view = hr_view(local_today())
    assert figure_people("below-jp", view) == {
        world.colleague.id: 10,
        org.tono.id: 22,
        world.mentor.id: 0,
        world.hr_employee.id: 0,
    }
    assert figure_people("at-jp", view) == {
        world.supervisor.id: 20,
        world.employee.id: 20,
        org.lina.id: 20,
        world.outsider.id: 25,
    }
    beta = hr_view(local_today(), unit_id=world.kel_b.id)
    assert figure_people("below-jp", beta) == {org.tono.id: 22}


def test_filters_change_the_figures(app, world, org):
    today = local_today()
    alpha = hr_view(today, unit_id=world.kel.id)
    assert _rows(alpha) == {"KEL-A": (3, 2, 24, 24, 2), "KEL-A-1": (1, 1, 0, 0, 20)}
    pppk = hr_view(today, employment_type=EmploymentType.PPPK)
    assert section.totals(pppk) == (1, 0)
    # Tono's 22 JP would meet a PNS's 20: the target follows the employment type.
    pns = hr_view(today, employment_type=EmploymentType.PNS)
    assert section.totals(pns) == (7, 4)
    last = hr_view(today, period=today.year - 1)
    assert section.totals(last) == (8, 1)
    assert figure_people("at-jp", last) == {world.hr_employee.id: 30}


def test_hr_page_shows_the_figures_and_links_to_the_people(world, org, login):
    client = login("hr")
    page = client.get("/monitoring/development")
    assert page.status_code == 200
    alpha, beta = str(world.kel.id), str(world.kel_b.id)
    assert cell(page, "jp-target-table", alpha, "data-count", "percent") == "75%"
    assert cell(page, "jp-target-table", beta, "data-count", "percent") == "50%"
    assert cell(page, "jp-target-table", "total", "data-count", "below") == "4"
    assert cell(page, "jp-kind-table", alpha, "data-jp", "mentoring") == "22"
    assert cell(page, "jp-kind-table", "total", "data-jp", "total") == "117"
    body = page.get_data(as_text=True)
    assert 'id="jp-target-chart"' in body and 'id="jp-kind-chart"' in body
    kinds = body[body.index('id="jp-kind-title"') :]
    for word in ("Training records", "Certificates", "Mentoring"):
        assert word in kinds[: kinds.index("</svg>")]  # the legend
        assert f'class="num">{word}</th>' in kinds  # the table's heading
    assert f"figure=below-jp&amp;unit={beta}" in body
    listing = client.get(f"/monitoring/people?figure=below-jp&unit={beta}")
    assert listed(listing) == {org.tono.id}
    assert "JP reached" in listing.get_data(as_text=True)
    everyone_below = client.get("/monitoring/people?figure=below-jp")
    assert listed(everyone_below) == {
        world.colleague.id,
        org.tono.id,
        world.mentor.id,
        world.hr_employee.id,
    }


def test_supervisor_page_sees_only_their_people(world, org, login):
    client = login("supervisor")
    page = client.get("/monitoring/development")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    region = body[body.index('id="monitoring-figures"') :]
    assert "Lingkungan I" in region and "Kelurahan Beta" not in region
    assert cell(page, "jp-target-table", "total", "data-count", "people") == "3"
    listing = client.get("/monitoring/people?figure=at-jp")
    assert listed(listing) == {world.employee.id, org.lina.id}


def test_overview_tile_headline(world, org, login):
    body = login("hr").get("/monitoring/").get_data(as_text=True)
    tile = body[body.index('id="tile-development"') :]
    tile = tile[: tile.index("</article>")]
    assert 'data-at-target="50"' in tile
    assert 'data-below="4"' in tile
    assert "figure=below-jp" in tile


def test_htmx_gets_the_region_and_a_browser_the_page(world, org, login):
    client = login("hr")
    url = "/monitoring/development?employment=PPPK"
    partial = client.get(url, headers=HTMX)
    body = partial.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="monitoring-figures"')
    assert "<html" not in body
    assert cell(partial, "jp-target-table", "total", "data-count", "people") == "1"
    assert "<html" in client.get(url).get_data(as_text=True)


def test_a_bad_filter_is_dropped_with_a_notice(world, org, login):
    page = login("hr").get("/monitoring/development?period=abc&rank=999999")
    assert page.status_code == 200
    assert 'id="dash-ignored"' in page.get_data(as_text=True)
    assert cell(page, "jp-target-table", "total", "data-count", "at") == "4"


def _more(world, count: int) -> None:
    """``count`` more people per kelurahan, with JP of each kind."""
    for n in range(count):
        for unit in (world.kel, world.kel_b):
            person = make_employee(f"Tambahan {unit.code} {n}", unit)
            db.session.commit()
            _training(person, 5)
            _certificate(person, 5)
            _mentoring(world, person, 45)


@pytest.mark.parametrize("path", ["/monitoring/development", "/monitoring/"])
def test_query_count_is_constant(world, org, login, count_queries, path):
    client = login("hr")
    client.get(path)
    with count_queries() as small:
        assert client.get(path).status_code == 200
    _more(world, 3)
    with count_queries() as large:
        assert client.get(path).status_code == 200
    assert small.count == large.count
    if path != "/monitoring/":
        assert large.count <= 12
