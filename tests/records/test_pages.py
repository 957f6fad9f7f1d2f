"""The records pages: HR's page per employee, the employee's own, who sees what,
the links to them, and query counts that do not grow with the records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Certificate,
    CertificateType,
    CreditPointRecord,
    DisciplinaryPenalty,
    Expectation,
    PenaltySeverity,
    PerformanceRating,
    predikat_of,
)
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url

SECTIONS = (
    "Employment status",
    "Performance history (SKP)",
    "Disciplinary penalties",
    "Credit points (angka kredit)",
    "Certificates and training",
)


def give_records(world, employee, years: int = 1) -> None:
    """``years`` years of every kind of record for ``employee``."""
    latsar = db.session.query(CertificateType).filter_by(code="LATSAR").one()
    hr_user = world.users["hr"].id
    for n in range(years):
        year = local_today().year - 1 - n
        hasil = list(Expectation)[n % 3]
        db.session.add_all(
            [
                PerformanceRating(
                    employee_id=employee.id,
                    year=year,
                    hasil_kerja=hasil,
                    perilaku=Expectation.AS_EXPECTED,
                    predikat=predikat_of(hasil, Expectation.AS_EXPECTED),
                    recorded_by_id=hr_user,
                ),
                DisciplinaryPenalty(
                    employee_id=employee.id,
                    severity=PenaltySeverity.RINGAN,
                    decree=f"800/{n}/SK/{year}",
                    description="Teguran lisan",
                    starts_on=date(year, 3, 1),
                    ends_on=date(year, 8, 31),
                    recorded_by_id=hr_user,
                ),
                CreditPointRecord(
                    employee_id=employee.id,
                    total=Decimal(50 + 12 * n),
                    as_of=date(year, 12, 31),
                    note=f"PAK {n}",
                    recorded_by_id=hr_user,
                ),
                Certificate(
                    employee_id=employee.id,
                    type=latsar,
                    number=f"LATSAR-{n}",
                    issued_on=date(year, 6, 1),
                    jp=40,
                    recorded_by_id=hr_user,
                ),
            ]
        )
    db.session.commit()


def test_hr_page_shows_the_person_and_every_section_with_forms(hr, world):
    give_records(world, world.employee)
    response = hr.get(records_url(world.employee))
    assert response.status_code == 200
    page = text_of(response)
    for expected in (
        "Sri Wahyuni Lubis",
        world.employee.nip_display,
        "Kelurahan Alpha",
        "Pengadministrasi Perkantoran",
        "Rank (pangkat/golongan) Pengatur (II/c)",
        *SECTIONS,
        "Teguran lisan",
        "LATSAR-0",
        "Record the SKP",
        "Record the penalty",
        "Record the credit points",
        "Record the certificate",
        "Save the employment data",
        "Records checked today",
    ):
        assert expected in page, expected
    assert page.count("Remove") >= 4


def test_admin_reads_the_page_without_forms(login, world):
    give_records(world, world.employee)
    response = login("admin").get(records_url(world.employee))
    assert response.status_code == 200
    page = text_of(response)
    assert all(section in page for section in SECTIONS)
    assert "Record the SKP" not in page and "Remove" not in page


def test_hr_reads_but_does_not_record_their_own(hr, world):
    response = hr.get(records_url(world.hr_employee))
    page = text_of(response)
    assert response.status_code == 200
    assert "Your own records are entered by another HR officer." in page
    assert "Record the SKP" not in page
    refused = hr.post(
        records_url(world.hr_employee, "ratings"),
        data={"year": "2023", "hasil_kerja": "above", "perilaku": "above"},
    )
    assert refused.status_code == 403
    assert db.session.query(PerformanceRating).count() == 0


def test_employee_sees_own_records_read_only(login, world):
    give_records(world, world.employee, years=2)
    give_records(world, world.colleague)  # Andi's records stay his
    db.session.query(CreditPointRecord).filter_by(
        employee_id=world.colleague.id
    ).update({"note": "PAK milik Andi"})
    db.session.commit()
    response = login("employee").get("/profile/records")
    assert response.status_code == 200
    page = text_of(response)
    assert "My personnel records" in page
    assert "Sri Wahyuni Lubis" in page and "Andi Nasution" not in page
    assert "PAK 1" in page and "PAK milik Andi" not in page
    # The newest total counts, not the largest.
    last_year = local_today().year - 1
    assert f"Cumulative total: 50, as of December 31, {last_year}." in page
    assert "Record the SKP" not in page and "Remove" not in page
    assert "Good (Baik)" in page


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "outsider"])
def test_nobody_else_opens_hr_pages(login, world, role):
    for employee in (world.employee, world.colleague, world.outsider):
        response = login(role).get(records_url(employee))
        assert response.status_code == 404


def test_a_pppk_sees_their_golongan_not_a_pangkat(login, world, pppk):
    response = login("pppk").get("/profile/records")
    page = text_of(response)
    assert "PPPK golongan Golongan IX" in page
    assert f"NI PPPK {pppk.nip_display}" in page
    assert "pangkat/golongan" not in page
    assert "PPPK (government employee on contract)" in page


def test_the_pages_speak_indonesian_by_default(app, world):
    db.session.add(
        PerformanceRating(
            employee_id=world.employee.id,
            year=2024,
            hasil_kerja=Expectation.BELOW,
            perilaku=Expectation.BELOW,
            predikat=predikat_of(Expectation.BELOW, Expectation.BELOW),
        )
    )
    db.session.commit()
    client = app.test_client(user=world.users["employee"], locale=None)
    page = text_of(client.get("/profile/records"))
    for expected in ("Data kepegawaian saya", "Riwayat kinerja (SKP)", "Sangat Kurang"):
        assert expected in page, expected


def test_directory_and_profile_link_to_the_records(hr, login, world):
    directory = hr.get("/hr/employees").get_data(as_text=True)
    assert f'href="{records_url(world.employee)}"' in directory
    profile = hr.get(f"/employees/{world.employee.id}").get_data(as_text=True)
    assert f'href="{records_url(world.employee)}"' in profile
    own = login("employee").get("/profile").get_data(as_text=True)
    assert 'href="/profile/records"' in own
    assert "/records" not in login("supervisor").get(
        f"/employees/{world.employee.id}"
    ).get_data(as_text=True).replace('"/profile/records"', "")


def test_hr_page_queries_do_not_grow_with_the_records(hr, world, count_queries):
    with count_queries() as few:
        assert hr.get(records_url(world.employee)).status_code == 200
    give_records(world, world.employee, years=8)
    with count_queries() as many:
        assert hr.get(records_url(world.employee)).status_code == 200
    assert few.count == many.count <= 12


def test_own_page_queries_do_not_grow_with_the_records(login, world, count_queries):
    client = login("employee")
    with count_queries() as few:
        assert client.get("/profile/records").status_code == 200
    give_records(world, world.employee, years=8)
    with count_queries() as many:
        assert client.get("/profile/records").status_code == 200
    assert few.count == many.count <= 12


def test_a_saved_section_queries_do_not_grow_with_the_records(hr, world, count_queries):
    def rate(year):
        data = {"year": str(year), "hasil_kerja": "above", "perilaku": "above"}
        with count_queries() as counter:
            response = hr.post(
                records_url(world.employee, "ratings"), data=data, headers=HTMX
            )
        assert response.status_code == 200
        return counter.count

    few = rate(2000)
    give_records(world, world.employee, years=8)
    assert rate(2001) == few <= 12
