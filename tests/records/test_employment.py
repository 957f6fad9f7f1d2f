"""The employment data: type, rank of that type, service status, education,
TMT jabatan, and the day the records were checked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    AuditEvent,
    Education,
    Employee,
    ServiceStatus,
)
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url, snapshot


def _form(world, **changes) -> dict:
    """Sri's employment data as the form sends it, with ``changes``."""
    data = {
        "employment_type": "PNS",
        "rank": str(world.ranks["II/c"].id),
        "service_status": "active",
        "education": "S1",
        "education_field": "",
        "position_since": "",
    }
    return {**data, **changes}


def test_hr_updates_the_employment_data_in_place(hr, world):
    response = hr.post(
        records_url(world.employee, "employment"),
        data=_form(
            world,
            rank=str(world.ranks["II/d"].id),
            service_status="study_leave",
            education="S2",
            education_field="Administrasi Publik",
            position_since="2020-01-02",
        ),
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="records-employment"')
    # The header shows the rank too: it follows out of band.
    assert 'id="records-header" class="records-header" hx-swap-oob="true"' in body
    assert "The employment data is saved." in response.headers["HX-Trigger"]
    page = text_of(response)
    assert "Pengatur Tingkat I (II/d)" in page
    assert "On study leave (tugas belajar)" in page
    assert "S2, Administrasi Publik" in page
    employee = db.session.get(Employee, world.employee.id)
    assert (
        employee.rank.code,
        employee.service_status,
        employee.education,
        employee.education_field,
        employee.position_since,
    ) == (
        "II/d",
        ServiceStatus.STUDY_LEAVE,
        Education.S2,
        "Administrasi Publik",
        date(2020, 1, 2),
    )
    (event,) = db.session.scalars(select(AuditEvent)).all()
    assert (event.action, event.actor_id, event.subject_id) == (
        "employment.updated",
        world.users["hr"].id,
        world.employee.id,
    )
    assert event.details["rank"] == ["II/c", "II/d"]
    assert event.details["service_status"] == ["active", "study_leave"]


def test_without_javascript_a_save_redirects_to_the_section(hr, world):
    response = hr.post(
        records_url(world.employee, "employment"),
        data=_form(world, education="D3"),
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"{records_url(world.employee)}#records-employment"
    )
    assert db.session.get(Employee, world.employee.id).education is Education.D3
    page = text_of(hr.get(response.headers["Location"]))
    assert "The employment data is saved." in page


def test_a_pppk_gets_a_pppk_golongan(hr, world, pppk):
    response = hr.post(
        records_url(pppk, "employment"),
        data=_form(world, employment_type="PPPK", rank=str(world.ranks["X"].id)),
    )
    assert response.status_code == 303
    assert db.session.get(Employee, pppk.id).rank.code == "X"


@pytest.mark.parametrize(
    ("who", "changes", "field", "message"),
    [
        (
            "employee",
            {"rank": "IX"},
            "rank",
            "Choose a pangkat/golongan (I/a to IV/e): a PNS holds no PPPK golongan.",
        ),
        (
            "pppk",
            {"employment_type": "PPPK", "rank": "III/a"},
            "rank",
            "Choose a PPPK golongan (I to XVII): a PPPK holds no pangkat.",
        ),
        (
            "employee",
            {"rank": "99999"},
            "rank",
            "Choose a pangkat/golongan (I/a to IV/e): a PNS holds no PPPK golongan.",
        ),
        (
            "employee",
            {"rank": "abc"},
            "rank",
            "Choose a rank from the catalogue.",
        ),
        (
            "employee",
            {"employment_type": "PPPK", "rank": "IX"},
            "employment_type",
            "The number is an NIP: this employee is a PNS.",
        ),
        (
            "pppk",
            {"employment_type": "PNS", "rank": "III/a"},
            "employment_type",
            "The number is an NI: this employee is a PPPK.",
        ),
        (
            "pppk",
            {"employment_type": "PPPK", "rank": "IX", "service_status": "cpns"},
            "service_status",
            "A PPPK serves no CPNS probation: choose another status.",
        ),
        (
            "employee",
            {"position_since": "{tomorrow}"},
            "position_since",
            "The date cannot lie in the future.",
        ),
        (
            "employee",
            {"position_since": "2001-05-01"},
            "position_since",
            "The TMT jabatan cannot lie before the start of service.",
        ),
        (
            "employee",
            {"position_since": "1900-01-01"},
            "position_since",
            "Enter a date from 1950 on.",
        ),
        (
            "employee",
            {"position_since": "2020-02-30"},
            "position_since",
            "Enter the date as a date (yyyy-mm-dd).",
        ),
        (
            "employee",
            {"employment_type": "ASN"},
            "employment_type",
            "Choose PNS or PPPK.",
        ),
        (
            "employee",
            {"service_status": "retired"},
            "service_status",
            "Choose a service status.",
        ),
        ("employee", {"education": "S4"}, "education", "Choose an education level."),
        (
            "employee",
            {"education_field": "x" * 121},
            "education_field",
            "Keep this to 120 characters.",
        ),
    ],
)
def test_refused_employment_data_changes_nothing(
    hr, world, request, who, changes, field, message
):
    employee = world.employee if who == "employee" else request.getfixturevalue("pppk")
    if "rank" in changes and changes["rank"] in world.ranks:
        changes = {**changes, "rank": str(world.ranks[changes["rank"]].id)}
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    changes = {key: value.format(tomorrow=tomorrow) for key, value in changes.items()}
    before = snapshot()
    response = hr.post(
        records_url(employee, "employment"), data=_form(world, **changes), headers=HTMX
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="records-employment"')
    assert message in text_of(response)
    # The message stands beside its field, and the form stays open.
    assert f'name="{field}"' in body and 'aria-invalid="true"' in body
    assert '<details class="records-form" open>' in body
    assert snapshot() == before


def test_a_refusal_without_javascript_shows_the_whole_page(hr, world):
    response = hr.post(
        records_url(world.employee, "employment"),
        data=_form(world, rank=str(world.ranks["IX"].id)),
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Performance history (SKP)" in page  # the whole page
    assert "a PNS holds no PPPK golongan" in page


def test_records_checked_today(hr, world):
    response = hr.post(records_url(world.employee, "checked"), headers=HTMX)
    assert response.status_code == 200
    assert db.session.get(Employee, world.employee.id).records_checked_on == (
        local_today()
    )
    assert "The records are marked as checked." in response.headers["HX-Trigger"]
    (event,) = db.session.scalars(select(AuditEvent)).all()
    assert (event.action, event.actor_id) == ("records.checked", world.users["hr"].id)
    assert local_today().strftime("%B") in text_of(response)
