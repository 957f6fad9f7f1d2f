"""The merit evidence report: each figure against values computed by hand,
the printable page, its files, a bad period, HR only, query counts."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.i18n import local_today
from app.models import (
    ApplicationStatus,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    OpportunityStatus,
    PlanStatus,
    Predikat,
    RecordSource,
    RecordStatus,
    RequestStatus,
    TalentLevel,
    TrainingRecord,
)
from tests.conftest import text_of
from tests.factories import make_employee, make_plan
from tests.monitoring.talent_data import potential, rate
from tests.opportunities.factories_vacancy import (
    make_application,
    make_open_position,
    make_vacancy,
)


def _vacancy(position, published, **fields):
    vacancy = make_vacancy(position, **fields)
    vacancy.published_at = published
    return vacancy


@pytest.fixture
def records(world):
    """Six employees (Alpha: Rahmat, Sri, Andi; Beta: Budi; the kecamatan:
    Dewi, Maya) and the period's records, different per unit:

    plans: Sri approved, Andi submitted (Budi's is last year's);
    JP: Andi 24 verified (target 20), Sri 30 but last year's;
    SKP of last year: Sri Baik, Andi Sangat Baik, Budi Baik (Dewi's is older);
    mentoring: Andi active, Budi's closed; records checked: Sri 10 days ago,
    Andi 100 days, Budi 400; potential: Sri this year, Budi two years ago,
    Andi next year (does not count);
    vacancies published this year: one with requirement rows and weights, one
    for a position without any; last year's and a draft do not count;
    decisions this year: one with a reason, one without; one still applied;
    one selection closed.
    """
    today = local_today()
    year = today.year
    make_plan(world, PlanStatus.APPROVED, period=year, owner=world.employee)
    make_plan(world, PlanStatus.SUBMITTED, period=year, owner=world.colleague)
    make_plan(world, PlanStatus.DRAFT, period=year - 1, owner=world.outsider)
    for person, jp, day in (
        (world.colleague, 24, today),
        (world.employee, 30, today.replace(year=year - 1)),
    ):
        db.session.add(
            TrainingRecord(
                employee=person,
                source=RecordSource.CERTIFICATE,
                status=RecordStatus.VERIFIED,
                title="Pelatihan arsip",
                completed_on=day,
                jp=jp,
            )
        )
    # The SKP rated in a period is the year before's (rated early in the next).
    rate(world.employee, year - 1, Predikat.BAIK)
    rate(world.colleague, year - 1, Predikat.SANGAT_BAIK)
    rate(world.outsider, year - 1, Predikat.BAIK)
    rate(world.mentor, year - 2, Predikat.SANGAT_BAIK)
    for mentee, status in (
        (world.colleague, MentorshipStatus.ACTIVE),
        (world.outsider, MentorshipStatus.CLOSED),
    ):
        asked = MentorshipRequest(
            mentee=mentee, mentor=world.mentor, status=RequestStatus.ACCEPTED
        )
        db.session.add(
            Mentorship(request=asked, mentee=mentee, mentor=world.mentor, status=status)
        )
    world.employee.records_checked_on = today - timedelta(days=10)
    world.colleague.records_checked_on = today - timedelta(days=100)
    world.outsider.records_checked_on = today - timedelta(days=400)
    potential(world.employee, year, TalentLevel.HIGH)
    potential(world.outsider, year - 2, TalentLevel.MEDIUM)
    potential(world.colleague, year + 1, TalentLevel.HIGH)
    now = datetime.now(UTC)
    criteria = _vacancy(world.staff_position, now, opens=-20, closes=-2)
    _vacancy(make_open_position(), now)
    _vacancy(world.lurah_position, now.replace(year=year - 1))
    _vacancy(make_open_position("DRAF"), None, status=OpportunityStatus.DRAFT)
    for person, status, reason in (
        (world.employee, ApplicationStatus.SELECTED, "Skor merit tertinggi."),
        (world.outsider, ApplicationStatus.NOT_SELECTED, "  "),
        (world.colleague, ApplicationStatus.APPLIED, ""),
    ):
        application = make_application(criteria, person, status, reason=reason)
        if status is not ApplicationStatus.APPLIED:
            application.decided_at = now
    criteria.selection_closed_at = now
    db.session.commit()
    return year


def _figures(response) -> dict[str, str]:
    """Each figure's label and its count cell, from the report's table."""
    body = response.get_data(as_text=True)
    table = body[body.index('id="merit-figures"') :]
    rows = re.findall(
        r"<tr>\s*<td>([^<]+)</td>\s*<td class=\"nowrap\">([^<]+)</td>", table
    )
    return {label.strip(): count.strip() for label, count in rows}


def test_every_figure_as_computed_by_hand(login, world, records):
    response = login("hr").get(f"/monitoring/merit?period={records}")
    assert response.status_code == 200
    assert _figures(response) == {
        "ASN with a career plan for the period": "2 of 6",
        "Career plans approved": "1 of 2",
        "ASN at or above their JP target": "1 of 6",
        "Vacancies published with their criteria": "1 of 2",
        "Decisions on applications with a reason": "1 of 2",
        "Selections closed": "1",
        "ASN with the previous year's SKP recorded": "3 of 6",
        "SKP predikat Sangat Baik": "1 of 3",
        "SKP predikat Baik": "2 of 3",
        "SKP predikat Butuh Perbaikan": "0 of 3",
        "SKP predikat Kurang/Misconduct": "0 of 3",
        "SKP predikat Sangat Kurang": "0 of 3",
        "ASN with an active mentor": "1 of 6",
        "Employees whose records HR checked in the last 12 months": "2 of 6",
        "Employees with a potential rating": "2 of 6",
    }


def test_last_year_has_its_own_figures(login, world, records):
    response = login("hr").get(f"/monitoring/merit?period={records - 1}")
    figures = _figures(response)
    assert figures["ASN with a career plan for the period"] == "1 of 6"
    assert figures["ASN at or above their JP target"] == "1 of 6"  # Sri's 30 JP
    assert figures["ASN with the previous year's SKP recorded"] == "1 of 6"
    assert figures["Vacancies published with their criteria"] == "1 of 1"
    assert figures["Decisions on applications with a reason"] == "0 of 0"
    assert figures["Employees with a potential rating"] == "1 of 6"


def test_the_page_is_an_official_document(login, world, records):
    page = text_of(login("hr").get("/monitoring/merit"))
    assert "PEMERINTAH KOTA MEDAN KECAMATAN MEDAN MARELAN" in page
    assert f"Merit system evidence {records}" in page
    assert "Medan, " in page
    assert "Maya Sembiring" in page and "NIP. " in page
    assert world.hr_employee.nip_display in page
    assert "Verified training, certificates and mentoring" in page  # how computed
    body = login("hr").get("/monitoring/merit").get_data(as_text=True)
    assert "<nav" not in body


@pytest.mark.parametrize("period", ["20x6", "1999", "3000"])
def test_a_bad_period_is_dropped_with_a_notice(login, world, records, period):
    response = login("hr").get(f"/monitoring/merit?period={period}")
    assert response.status_code == 200
    assert 'id="dash-ignored"' in response.get_data(as_text=True)
    assert f"Merit system evidence {records}" in text_of(response)


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "admin"])
def test_only_hr_sees_the_report(login, records, role):
    client = login(role)
    assert client.get("/monitoring/merit").status_code == 404
    assert client.get("/monitoring/merit.csv").status_code == 404


def test_the_csv_and_xlsx_hold_the_same_figures(login, world, records):
    hr = login("hr")
    response = hr.get(f"/monitoring/merit.csv?period={records}")
    assert response.status_code == 200
    assert (
        f"bukti-sistem-merit-{records}.csv" in response.headers["Content-Disposition"]
    )
    lines = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    )
    assert lines[0][:5] == ["Aspek", "Angka", "Jumlah", "Dari", "Persentase (%)"]
    plans = next(line for line in lines if line[2:5] == ["1", "2", "50"])
    assert plans[0] == "Pengembangan karier"
    assert len(lines) == 1 + 15
    book = load_workbook(
        io.BytesIO(hr.get(f"/monitoring/merit.xlsx?period={records}").data)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 16
    assert rows[1][2:5] == (2, 6, 33)


def _grow(world, count):
    for n in range(count):
        person = make_employee(f"Pegawai {n}", world.kel_b)
        rate(person, local_today().year - 1, Predikat.BAIK)
        potential(person, local_today().year, TalentLevel.LOW)
    db.session.commit()


def test_the_query_count_does_not_grow(login, world, records, count_queries):
    hr = login("hr")
    hr.get("/monitoring/merit")
    with count_queries() as few:
        assert hr.get("/monitoring/merit").status_code == 200
    _grow(world, 20)
    with count_queries() as many:
        assert hr.get("/monitoring/merit").status_code == 200
    assert many.count == few.count
    assert many.count <= 12, "\n".join(many.statements)
    with count_queries() as export:
        hr.get("/monitoring/merit.csv")
    assert export.count <= 12


def test_the_report_speaks_indonesian_by_default(app, world, records):
    client = app.test_client(user=world.users["hr"], locale=None)
    page = text_of(client.get("/monitoring/merit"))
    assert f"Bukti dukung penerapan sistem merit {records}" in page
    assert "Pengembangan karier" in page and "2 dari 6" in page
    assert "Medan, " in page
