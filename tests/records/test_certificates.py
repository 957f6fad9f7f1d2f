"""Certificates and completed training; a competency test names the functional
position it was for."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import Certificate, CertificateType
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url, snapshot


def _certificate(**changes) -> dict:
    data = {
        "type": "PKP",
        "number": "PKP/2024/0123",
        "issued_on": "2024-08-15",
        "valid_until": "",
        "position": "",
        "jp": "",
    }
    return {**data, **changes}


def _certificates() -> list[Certificate]:
    return db.session.scalars(select(Certificate).order_by(Certificate.id)).all()


def test_hr_records_a_completed_training(hr, world):
    response = hr.post(
        records_url(world.employee, "certificates"),
        data=_certificate(jp="120"),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert (
        response.get_data(as_text=True)
        .lstrip()
        .startswith('<section id="records-certificates"')
    )
    assert "The certificate is recorded." in response.headers["HX-Trigger"]
    page = text_of(response)
    assert "Supervisory leadership training (PKP)" in page
    assert "PKP/2024/0123" in page and "no expiry" in page
    (certificate,) = _certificates()
    assert (certificate.type.code, certificate.jp, certificate.valid_until) == (
        "PKP",
        120,
        None,
    )
    assert certificate.recorded_by_id == world.users["hr"].id


def test_a_competency_test_names_its_functional_position(hr, world, functional):
    data = _certificate(type="UJI-KOMPETENSI", position="ARSIPARIS-AP", number="")
    response = hr.post(records_url(world.employee, "certificates"), data=data)
    assert response.status_code == 303
    (certificate,) = _certificates()
    assert certificate.position_id == functional.id
    page = text_of(hr.get(records_url(world.employee)))
    assert "for Arsiparis Ahli Pertama" in page


def test_an_expired_certificate_is_marked(hr, world):
    data = _certificate(type="STR", issued_on="2015-01-05", valid_until="2020-01-04")
    assert (
        hr.post(records_url(world.employee, "certificates"), data=data).status_code
        == 303
    )
    assert "Expired" in text_of(hr.get(records_url(world.employee)))


def test_a_type_valid_for_some_years_gets_its_expiry(hr, world):
    kind = db.session.scalar(select(CertificateType).filter_by(code="STR"))
    kind.validity_years = 5
    db.session.commit()
    data = _certificate(type="STR", issued_on="2024-02-29")
    assert (
        hr.post(records_url(world.employee, "certificates"), data=data).status_code
        == 303
    )
    (certificate,) = _certificates()
    assert certificate.valid_until == date(2029, 3, 1)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"type": "SIM-A"}, "type", "Choose a type from the catalogue."),
        ({"type": ""}, "type", "Choose a type from the catalogue."),
        (
            {"valid_until": "2024-08-14"},
            "valid_until",
            "A certificate cannot expire before it was issued.",
        ),
        (
            {"issued_on": "{tomorrow}"},
            "issued_on",
            "The date cannot lie in the future.",
        ),
        ({"issued_on": ""}, "issued_on", "Enter the date of issue."),
        ({"issued_on": "0001-01-01"}, "issued_on", "Enter a date from 1950 on."),
        ({"valid_until": "3000-01-01"}, "valid_until", "Enter a date before"),
        (
            {"position": "ARSIPARIS-AP"},
            "position",
            "Only a competency test names the position it was for.",
        ),
        (
            {"type": "UJI-KOMPETENSI"},
            "position",
            "Choose the functional position the competency test was for.",
        ),
        (
            {"type": "UJI-KOMPETENSI", "position": "PENGADM"},
            "position",
            "Choose the functional position the competency test was for.",
        ),
        ({"jp": "0"}, "jp", "JP must be a whole number from 1 to 2000."),
        ({"jp": "2001"}, "jp", "JP must be a whole number from 1 to 2000."),
        ({"jp": "9" * 40}, "jp", "JP must be a whole number from 1 to 2000."),
        ({"jp": "12.5"}, "jp", "JP must be a whole number from 1 to 2000."),
        ({"number": "x" * 81}, "number", "Keep this to 80 characters."),
    ],
)
def test_a_refused_certificate_changes_nothing(
    hr, world, functional, changes, field, message
):
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    changes = {key: value.format(tomorrow=tomorrow) for key, value in changes.items()}
    before = snapshot()
    response = hr.post(
        records_url(world.employee, "certificates"),
        data=_certificate(**changes),
        headers=HTMX,
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in text_of(response)
    field_at = body.index(f'name="{field}"')
    assert 'aria-invalid="true"' in body[field_at : body.index("</label>", field_at)]
    assert snapshot() == before


def test_hr_removes_a_wrong_certificate(hr, world):
    hr.post(records_url(world.employee, "certificates"), data=_certificate())
    (certificate,) = _certificates()
    url = records_url(world.employee, f"certificates/{certificate.id}/delete")
    assert hr.post(url).status_code == 303
    assert _certificates() == []
    assert hr.post(url).status_code == 404  # gone already
