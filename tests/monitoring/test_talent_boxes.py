"""HR numbers and names the 9-box's boxes (they vary by agency): saved
together, validated with translated messages, audited; the talent map and its
drill-down then show HR's values. Anyone else finds nothing (404)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import catalogue
from app.extensions import db
from app.models import AuditEvent, TalentBox, TalentLevel
from tests.conftest import text_of
from tests.monitoring.matrix_talent import _boxes_form
from tests.monitoring.talent_fixtures import PERIOD, talent_world

URL = "/monitoring/talent/boxes"
HIGH, LOW = TalentLevel.HIGH, TalentLevel.LOW


def _written() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(TalentBox)),
        db.session.scalar(select(func.count()).select_from(AuditEvent)),
    )


def _renumbered() -> dict[str, str]:
    """Box 9 becomes 1 ("Bintang") and box 1 becomes 9; box 6 joins the pool."""
    data = _boxes_form()
    data["number-high-high"], data["number-low-low"] = "1", "9"
    data["name-high-high"] = "Bintang"
    data["name_en-high-high"] = "Star"
    data["in_pool-low-high"] = "1"
    return data


def test_hr_sees_the_boxes_with_their_defaults(login):
    response = login("hr").get(URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "The boxes of the 9-box" in page
    assert 'value="Kinerja di atas ekspektasi, potensial tinggi"' in (
        response.get_data(as_text=True)
    )


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "admin"])
def test_nobody_else_finds_the_page(login, role):
    assert login(role).get(URL).status_code == 404
    before = _written()
    assert login(role).post(URL, data=_renumbered()).status_code == 404
    assert _written() == before


def test_a_renumbering_is_saved_audited_and_shown(login, world):
    talent_world(world)
    hr = login("hr")
    response = hr.post(URL, data=_renumbered())
    assert response.status_code == 303
    boxes = catalogue.talent_boxes()
    assert boxes[(HIGH, HIGH)].number == 1 and boxes[(HIGH, HIGH)].name == "Bintang"
    assert boxes[(LOW, LOW)].number == 9
    assert boxes[(LOW, HIGH)].in_pool
    (event,) = db.session.scalars(select(AuditEvent)).all()
    assert event.action == "talent_boxes.changed"
    assert set(event.details["after"]) == {
        "box-high-high",
        "box-low-low",
        "box-low-high",
    }
    assert event.details["before"]["box-high-high"]["number"] == 9
    # The map names the boxes as HR does; box 1 is now Sri's.
    page = text_of(hr.get("/monitoring/talent", query_string={"period": PERIOD}))
    assert "Box 1 Star" in page  # the English name, read in English
    listing = hr.get(
        "/monitoring/people",
        query_string={"figure": "talent-box", "box": 1, "period": PERIOD},
    )
    assert "Box 1: Star" in text_of(listing) and "Sri" in text_of(listing)
    assert 'value="Bintang"' in hr.get(URL).get_data(as_text=True)


def test_saving_the_same_values_changes_nothing(login):
    before = _written()
    response = login("hr").post(URL, data=_boxes_form())
    assert response.status_code == 303
    assert _written() == before


def test_a_second_save_from_the_new_version_replaces_the_rows(login):
    hr = login("hr")
    assert hr.post(URL, data=_renumbered()).status_code == 303
    body = hr.get(URL).get_data(as_text=True)
    seen = body.split('name="seen" value="')[1].split('"')[0]
    data = {**_renumbered(), "seen": seen, "name-low-low": "Perlu perhatian"}
    assert hr.post(URL, data=data).status_code == 303
    assert catalogue.talent_boxes()[(LOW, LOW)].name == "Perlu perhatian"
    assert db.session.scalar(select(func.count()).select_from(TalentBox)) == 9


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number-high-high", "5", "Box number 5 is given twice"),
        ("number-high-high", "10", "Give the box a number from 1 to 9."),
        ("number-high-high", "0", "Give the box a number from 1 to 9."),
        ("number-high-high", "nine", "Give the box a number from 1 to 9."),
        ("name-high-high", "  ", "Name the box."),
        ("name-high-high", "x" * 121, "Keep this to 120 characters."),
        ("name_en-high-high", "x" * 121, "Keep this to 120 characters."),
    ],
)
def test_refused_boxes_come_back_with_a_message(login, field, value, message):
    before = _written()
    response = login("hr").post(URL, data={**_boxes_form(), field: value})
    assert response.status_code == 422
    assert message in text_of(response)
    assert _written() == before
    assert catalogue.talent_boxes()[(HIGH, HIGH)].number == 9


def test_a_save_from_a_stale_page_is_refused(login):
    hr = login("hr")
    stale = _boxes_form()
    assert hr.post(URL, data=_renumbered()).status_code == 303
    before = _written()
    response = hr.post(URL, data={**stale, "name-low-low": "Lama"})
    assert response.status_code == 409
    assert "The boxes have changed since the page was opened." in text_of(response)
    assert _written() == before


def test_a_missing_box_is_refused(login):
    data = _boxes_form()
    del data["number-medium-medium"]
    response = login("hr").post(URL, data=data)
    assert response.status_code == 422
    assert _written() == (0, 0)
