"""Potential ratings (talent assessment) on HR's records page: one a year,
never a year to come, a level of the catalogue, the assessment it rests on,
never HR's own; audited; removed when wrong; read-only on the own page."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import DomainError
from app.extensions import db
from app.i18n import local_today
from app.models import AuditEvent, PotentialRating, TalentLevel
from app.records.services.potentials import PotentialFields, add_potential
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url

BASIS = "Asesmen kompetensi BKN Regional VI, Maret 2024"


def _potentials(employee) -> list[PotentialRating]:
    return db.session.scalars(
        select(PotentialRating)
        .where(PotentialRating.employee_id == employee.id)
        .order_by(PotentialRating.year)
    ).all()


def _written() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(PotentialRating)),
        db.session.scalar(select(func.count()).select_from(AuditEvent)),
    )


def _rate(client, employee, year, level="high", basis=BASIS, note="", **kw):
    data = {"year": str(year), "level": level, "basis": basis, "note": note}
    return client.post(records_url(employee, "potentials"), data=data, **kw)


def test_hr_records_a_potential_in_place(hr, world):
    response = _rate(hr, world.employee, 2024, note="Siap dikembangkan", headers=HTMX)
    assert response.status_code == 200
    page = text_of(response)
    assert "Potential (talent assessment)" in page
    assert "2024 High " + BASIS in page and "Siap dikembangkan" in page
    assert "The potential rating is recorded." in response.headers["HX-Trigger"]
    (rating,) = _potentials(world.employee)
    assert rating.level is TalentLevel.HIGH
    assert rating.recorded_by_id == world.users["hr"].id
    (event,) = db.session.scalars(select(AuditEvent)).all()
    assert event.action == "potential.added"
    assert event.concerns_id == world.employee.id
    assert event.details == {
        "year": 2024,
        "level": "high",
        "basis": BASIS,
        "note": "Siap dikembangkan",
    }


def test_without_javascript_the_page_reloads_at_the_section(hr, world):
    response = _rate(hr, world.employee, 2023, "medium")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#records-potentials")
    page = text_of(hr.get(records_url(world.employee)))
    assert "2023 Medium" in page


@pytest.mark.parametrize(
    ("year", "level", "basis", "message"),
    [
        ("2024", "extreme", BASIS, "Choose low, medium or high potential."),
        ("2024", "", BASIS, "Choose low, medium or high potential."),
        ("{next}", "high", BASIS, "A year that has not come yet cannot be assessed."),
        ("1949", "high", BASIS, "Enter a year from 1950 on."),
        ("20x4", "high", BASIS, "Enter the year as a whole number"),
        ("2024", "high", "", "Name the assessment the potential rests on."),
        ("2024", "high", "x" * 161, "Keep this to 160 characters."),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_refused_input_comes_back_with_its_message(
    hr, world, year, level, basis, message, headers
):
    year = year.format(next=local_today().year + 1)
    before = _written()
    response = _rate(hr, world.employee, year, level, basis, headers=headers)
    assert response.status_code == 422
    assert message in text_of(response)
    assert _written() == before


def test_an_oversized_note_is_refused(hr, world):
    before = _written()
    response = _rate(hr, world.employee, 2024, note="n" * 301, headers=HTMX)
    assert response.status_code == 422
    assert "Keep this to 300 characters." in text_of(response)
    assert _written() == before


def test_a_year_is_rated_once(hr, world):
    assert _rate(hr, world.employee, 2023).status_code == 303
    before = _written()
    response = _rate(hr, world.employee, 2023, "low", headers=HTMX)
    assert response.status_code == 422
    assert "The potential of 2023 is recorded already." in text_of(response)
    assert _written() == before
    assert [p.level for p in _potentials(world.employee)] == [TalentLevel.HIGH]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_hr_cannot_record_their_own_potential(hr, world, headers):
    before = _written()
    response = _rate(hr, world.hr_employee, 2024, headers=headers)
    assert response.status_code == 422
    assert "You cannot record your own potential" in text_of(response)
    assert _written() == before
    # Even with a malformed year the reason given is the same.
    response = _rate(hr, world.hr_employee, "abc", headers=HTMX)
    assert "You cannot record your own potential" in text_of(response)


def test_admin_reads_but_may_not_record(login, world):
    before = _written()
    assert _rate(login("admin"), world.employee, 2024).status_code == 403
    assert _written() == before


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "outsider"])
def test_nobody_else_records(login, world, role):
    before = _written()
    assert _rate(login(role), world.employee, 2024).status_code == 404
    assert _written() == before


def test_a_nul_character_is_refused(hr, world):
    before = _written()
    response = _rate(hr, world.employee, 2024, basis="Asesmen\x00")
    assert response.status_code == 400
    assert _written() == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (PotentialFields(2024, "high", "Ases\x00men"), "basis"),
        (PotentialFields(2024, "high", BASIS, "n\x00"), "note"),
        (PotentialFields(2024, "HIGH", BASIS), "level"),
    ],
)
def test_the_service_refuses_what_no_form_should_send(world, fields, field):
    with pytest.raises(DomainError) as refused:
        add_potential(world.employee, fields, world.users["hr"], local_today())
    assert refused.value.field == field
    assert _potentials(world.employee) == []


def test_hr_removes_a_wrong_year_and_the_trail_keeps_it(hr, world):
    assert _rate(hr, world.employee, 2022, "low").status_code == 303
    (rating,) = _potentials(world.employee)
    response = hr.post(
        records_url(world.employee, f"potentials/{rating.id}/delete"), headers=HTMX
    )
    assert response.status_code == 200
    assert "No potential rating is recorded." in text_of(response)
    assert _potentials(world.employee) == []
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["potential.added", "potential.removed"]
    assert events[1].details["level"] == "low"
    assert events[1].concerns_id == world.employee.id
    assert _rate(hr, world.employee, 2022, "medium").status_code == 303


def test_the_employee_reads_their_potential_without_forms(hr, login, world):
    assert _rate(hr, world.employee, 2024, "medium").status_code == 303
    response = login("employee").get("/profile/records")
    page = text_of(response)
    assert "Potential (talent assessment)" in page and "2024 Medium" in page
    body = response.get_data(as_text=True)
    assert "records/potentials" not in body
    trail = text_of(login("employee").get("/profile/audit"))
    assert "Potential rating recorded" in trail


def test_hr_sees_their_own_potential_read_only(hr, login, world):
    db.session.add(
        PotentialRating(
            employee_id=world.hr_employee.id, year=2023, level=TalentLevel.LOW
        )
    )
    db.session.commit()
    body = hr.get(records_url(world.hr_employee)).get_data(as_text=True)
    assert "2023" in body and "records/potentials" not in body
