"""Disciplinary penalties (PP 94/2021): the period, whether in force today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import DisciplinaryPenalty, PenaltySeverity
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url, snapshot


def _penalty(**changes) -> dict:
    today = local_today()
    data = {
        "severity": "sedang",
        "decree": "800/045/BKPSDM/2025",
        "description": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
        "starts_on": (today - timedelta(days=30)).isoformat(),
        "ends_on": (today + timedelta(days=150)).isoformat(),
    }
    return {**data, **changes}


def test_hr_records_a_penalty_in_force(hr, world):
    response = hr.post(
        records_url(world.employee, "penalties"), data=_penalty(), headers=HTMX
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="records-penalties"')
    assert "The disciplinary penalty is recorded." in response.headers["HX-Trigger"]
    page = text_of(response)
    assert "Moderate (sedang)" in page
    assert "800/045/BKPSDM/2025" in page
    assert "In force" in page
    (penalty,) = db.session.scalars(select(DisciplinaryPenalty)).all()
    assert penalty.employee_id == world.employee.id
    assert penalty.severity is PenaltySeverity.SEDANG
    assert penalty.recorded_by_id == world.users["hr"].id


@pytest.mark.parametrize(
    ("starts", "ends", "state"),
    [(-400, -200, "Ended"), (10, 100, "Not yet in force"), (0, 0, "In force")],
)
def test_the_page_says_whether_a_penalty_is_in_force(hr, world, starts, ends, state):
    today = local_today()
    data = _penalty(
        starts_on=(today + timedelta(days=starts)).isoformat(),
        ends_on=(today + timedelta(days=ends)).isoformat(),
    )
    assert (
        hr.post(records_url(world.employee, "penalties"), data=data).status_code == 303
    )
    page = text_of(hr.get(records_url(world.employee)))
    assert f"{state}" in page


def test_the_employee_sees_their_penalty(hr, login, world):
    hr.post(records_url(world.employee, "penalties"), data=_penalty())
    page = text_of(login("employee").get("/profile/records"))
    assert "800/045/BKPSDM/2025" in page and "In force" in page
    assert "800/045/BKPSDM/2025" not in text_of(
        login("outsider").get("/profile/records")
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"starts_on": "2025-03-01", "ends_on": "2025-02-28"},
            "The penalty cannot end before it starts.",
        ),
        ({"decree": ""}, "Enter the number of the decree (nomor SK)."),
        ({"decree": "   "}, "Enter the number of the decree (nomor SK)."),
        ({"decree": "8" * 81}, "Keep this to 80 characters."),
        ({"description": "x" * 201}, "Keep this to 200 characters."),
        ({"severity": "pemecatan"}, "Choose a light, moderate or severe penalty."),
        ({"starts_on": ""}, "Enter the first day of the penalty."),
        ({"ends_on": "31-12-2025"}, "Enter the date as a date (yyyy-mm-dd)."),
        ({"starts_on": "1949-12-31"}, "Enter a date from 1950 on."),
        ({"ends_on": "2999-01-01"}, "Enter a date before"),
        ({"ends_on": "99999-01-01"}, "Enter the date as a date (yyyy-mm-dd)."),
    ],
)
def test_a_refused_penalty_changes_nothing(hr, world, changes, message):
    before = snapshot()
    response = hr.post(
        records_url(world.employee, "penalties"), data=_penalty(**changes), headers=HTMX
    )
    assert response.status_code == 422
    assert message in text_of(response)
    assert snapshot() == before


def test_hr_removes_a_wrong_penalty(hr, world):
    hr.post(records_url(world.employee, "penalties"), data=_penalty())
    (penalty,) = db.session.scalars(select(DisciplinaryPenalty)).all()
    response = hr.post(records_url(world.employee, f"penalties/{penalty.id}/delete"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#records-penalties")
    assert db.session.scalars(select(DisciplinaryPenalty)).all() == []


def test_a_one_day_penalty_is_a_period(hr, world):
    data = _penalty(starts_on="2024-05-02", ends_on="2024-05-02")
    assert (
        hr.post(records_url(world.employee, "penalties"), data=data).status_code == 303
    )
    (penalty,) = db.session.scalars(select(DisciplinaryPenalty)).all()
    assert penalty.starts_on == penalty.ends_on == date(2024, 5, 2)
