"""Input no form should take, on every form of the records: a 4xx with a
translated message, never a 500, and nothing written."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Expectation, PerformanceRating, Predikat
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url, snapshot

FORMS = {
    "employment": {"employment_type": "PNS", "service_status": "active"},
    "ratings": {"year": "2023", "hasil_kerja": "above", "perilaku": "above"},
    "penalties": {
        "severity": "ringan",
        "decree": "800/1/2024",
        "starts_on": "2024-01-01",
        "ends_on": "2024-06-30",
    },
    "credit-points": {"total": "80", "as_of": "2024-01-01"},
    "certificates": {"type": "LATSAR", "issued_on": "2013-05-01"},
}
NUL = "The input or link contains a character that cannot be used."


@pytest.mark.parametrize("part", FORMS)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_nul_character_in_any_field_is_refused(hr, world, part, headers):
    for name, value in FORMS[part].items():
        before = snapshot()
        data = {**FORMS[part], name: value[:1] + "\x00" + value[1:]}
        response = hr.post(
            records_url(world.employee, part), data=data, headers=headers
        )
        assert response.status_code == 400, name
        assert NUL in text_of(response)
        assert snapshot() == before


@pytest.mark.parametrize("part", FORMS)
def test_an_unknown_field_value_never_fails_the_server(hr, world, part):
    before = snapshot()
    data = dict.fromkeys(FORMS[part], "\u202e" + "9" * 300)
    response = hr.post(records_url(world.employee, part), data=data, headers=HTMX)
    assert response.status_code == 422
    assert snapshot() == before


@pytest.mark.parametrize("part", FORMS)
def test_without_a_csrf_token_nothing_is_written(hr, world, part):
    before = snapshot()
    response = hr.post(records_url(world.employee, part), data=FORMS[part], csrf=False)
    assert response.status_code == 400
    assert "Reload the page and try again." in text_of(response)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "outsider"])
@pytest.mark.parametrize("part", [*FORMS, "checked"])
def test_nobody_but_hr_records(login, world, role, part):
    before = snapshot()
    response = login(role).post(
        records_url(world.employee, part), data=FORMS.get(part, {})
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_nobody_but_hr_removes(login, world):
    rating = PerformanceRating(
        employee_id=world.employee.id,
        year=2022,
        hasil_kerja=Expectation.ABOVE,
        perilaku=Expectation.ABOVE,
        predikat=Predikat.SANGAT_BAIK,
    )
    db.session.add(rating)
    db.session.commit()
    url = records_url(world.employee, f"ratings/{rating.id}/delete")
    for role, status in (("employee", 404), ("supervisor", 404), ("admin", 403)):
        assert login(role).post(url).status_code == status
    assert db.session.get(PerformanceRating, rating.id) is not None


@pytest.mark.parametrize(
    "url",
    [
        "/hr/employees/99999/records",
        "/hr/employees/99999999999999999999/records",
        "/hr/employees/abc/records",
    ],
)
def test_no_such_employee_is_404(hr, url):
    assert hr.get(url).status_code == 404
    assert hr.post(f"{url}/ratings", data=FORMS["ratings"]).status_code == 404
