"""HR changes a position's competency standard: levels 1-5 with their basis."""

import pytest

from app.extensions import db
from tests.conftest import text_of
from tests.factories import make_competency
from tests.hr.positions.helpers import HX, counts, events, seen, standard_row

URL = "/hr/positions/PENGADM"


def test_hr_changes_a_required_level_with_before_and_after(login, world):
    row = standard_row(world.staff_position, world.integrity)
    data = {"required_level": "4", "basis": "Perbup 12/2024", "seen": seen(row)}
    response = login("hr").post(f"{URL}/competencies/M.01", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{URL}#competency-M.01"
    assert (row.required_level, row.basis) == (4, "Perbup 12/2024")
    [event] = events()
    assert event.action == "competency.changed"
    assert event.details == {
        "competency": "M.01",
        "before": {"required_level": 2, "basis": "PermenPANRB 38/2017"},
        "after": {"required_level": 4, "basis": "Perbup 12/2024"},
    }
    page = text_of(login("hr").get(URL))
    assert "Competency level changed M.01 Integritas (en)" in page
    assert "Required level: 2 → 4" in page


def test_a_level_change_in_place_answers_with_the_standard(login, world):
    row = standard_row(world.staff_position, world.archives)
    data = {"required_level": "2", "basis": row.basis, "seen": seen(row)}
    response = login("hr").post(f"{URL}/competencies/T.05", data=data, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="position-standard"')
    assert 'hx-swap-oob="true"' in body
    assert "Competency saved." in response.headers["HX-Trigger"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"required_level": "0"}, "Choose a level from 1 to 5."),
        ({"required_level": "6"}, "Choose a level from 1 to 5."),
        ({"required_level": "tiga"}, "Choose a level from 1 to 5."),
        ({"required_level": "9" * 30}, "Choose a level from 1 to 5."),
        ({"required_level": ""}, "Choose a level from 1 to 5."),
        ({"basis": ""}, "Name the regulation this level rests on"),
        ({"basis": "  "}, "Name the regulation this level rests on"),
        ({"basis": "x" * 161}, "at most 160 characters"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_a_bad_level_is_refused_and_nothing_written(
    login, world, data, message, headers
):
    row = standard_row(world.staff_position, world.integrity)
    form = {"required_level": "3", "basis": "PermenPANRB 38/2017", "seen": seen(row)}
    form.update(data)
    before = counts()
    response = login("hr").post(f"{URL}/competencies/M.01", data=form, headers=headers)
    assert response.status_code == 422
    assert message in text_of(response)
    assert counts() == before
    assert row.required_level == 2


def test_hr_adds_a_competency_to_the_standard(login, world):
    data = {"competency": "T.05", "required_level": "3", "basis": "Perwal 5/2024"}
    response = login("hr").post("/hr/positions/LURAH-A/competencies", data=data)
    assert response.status_code == 303
    row = standard_row(world.lurah_position, world.archives)
    assert (row.required_level, row.basis) == (3, "Perwal 5/2024")
    [event] = events()
    assert event.action == "competency.added"
    assert event.details["after"] == {"required_level": 3, "basis": "Perwal 5/2024"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"competency": "M.01"}, "in the standard already"),
        ({"competency": "X.99"}, "Choose a competency from the dictionary."),
        ({"competency": ""}, "Choose a competency."),
        ({"required_level": "7"}, "Choose a level from 1 to 5."),
        ({"basis": ""}, "Name the regulation this level rests on"),
    ],
)
def test_a_bad_addition_is_refused(login, world, data, message):
    make_competency("M.03", "Komunikasi")  # one the standard does not have
    db.session.commit()
    form = {"competency": "M.03", "required_level": "3", "basis": "PermenPANRB"}
    form.update(data)
    before = counts()
    response = login("hr").post(f"{URL}/competencies", data=form)
    assert response.status_code == 422
    assert message in text_of(response)
    assert counts() == before


def test_hr_removes_a_competency_from_the_standard(login, world):
    row = standard_row(world.staff_position, world.teamwork)
    response = login("hr").post(
        f"{URL}/competencies/M.02/delete", data={"seen": seen(row)}
    )
    assert response.status_code == 303
    assert standard_row(world.staff_position, world.teamwork) is None
    [event] = events()
    assert event.action == "competency.removed"
    assert event.details["before"]["required_level"] == 2
    assert event.details["after"] is None
    page = text_of(login("hr").get(URL))
    assert "Competency removed from the standard M.02 Kerja Sama (en)" in page


def test_a_level_change_from_a_stale_page_is_refused(login, world):
    row = standard_row(world.staff_position, world.integrity)
    opened = seen(row)
    client = login("hr")
    data = {"required_level": "3", "basis": row.basis, "seen": opened}
    assert client.post(f"{URL}/competencies/M.01", data=data).status_code == 303
    data = {"required_level": "5", "basis": row.basis, "seen": opened}
    response = client.post(f"{URL}/competencies/M.01", data=data)
    assert response.status_code == 409
    assert "has changed since the page was opened" in text_of(response)
    assert standard_row(world.staff_position, world.integrity).required_level == 3
    removal = client.post(f"{URL}/competencies/M.01/delete", data={"seen": opened})
    assert removal.status_code == 409


def test_unknown_or_absent_competencies(login, world):
    client = login("hr")
    assert client.get(f"{URL}/competencies/X.99/edit").status_code == 404
    assert client.get("/hr/positions/LURAH-A/competencies/T.05/edit").status_code == 404
    data = {"required_level": "3", "basis": "x", "seen": "0" * 16}
    response = client.post("/hr/positions/LURAH-A/competencies/T.05", data=data)
    assert response.status_code == 409  # not in the standard (any more)
    assert client.post(f"{URL}/competencies/X.99", data=data).status_code == 404


def test_the_level_editor_opens_in_place(login, world):
    row = standard_row(world.staff_position, world.integrity)
    part = login("hr").get(f"{URL}/competencies/M.01/edit", headers=HX)
    body = part.get_data(as_text=True)
    assert part.status_code == 200
    assert body.lstrip().startswith('<section id="position-standard"')
    assert f'name="seen" value="{seen(row)}"' in body
    assert "Save level" in body
