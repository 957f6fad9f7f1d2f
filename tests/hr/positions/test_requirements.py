"""HR changes a position's requirement rows: each change checked per kind,
recorded with before and after, and refused from a stale page."""

import pytest
from sqlalchemy import update

from app.errors import Conflict
from app.extensions import db
from app.hr.positions import services
from app.hr.positions.requirements import RequirementFields
from app.models import PositionRequirement, RequirementKind
from tests.conftest import text_of
from tests.factories import make_position
from tests.hr.positions.helpers import (
    BASIS,
    HX,
    counts,
    events,
    requirement_form,
    rule_of,
    seen,
)

URL = "/hr/positions/PENGADM"


def _fields(row: PositionRequirement) -> dict:
    return {
        "kind": row.kind.value,
        "value": row.value,
        "value_max": row.value_max,
        "param": row.param,
        "basis": row.basis,
        "blocking": row.blocking,
        "alternative": row.alternative,
        "note": row.note,
    }


# Adding -----------------------------------------------------------------------------


def test_hr_adds_a_requirement_recorded_with_who_and_what(login, world):
    response = login("hr").post(
        f"{URL}/requirements",
        data=requirement_form(
            kind="education",
            value="s1",
            param=" Ilmu Pemerintahan ;Administrasi Publik;; ",
            basis="  UU 23/2014   ps. 224 ",
            alternative="A",
            note="Atau sertifikat kepamongprajaan.",
        ),
    )
    row = world.staff_position.rules[-1]
    assert response.status_code == 303
    assert response.headers["Location"] == f"{URL}#requirement-{row.id}"
    assert _fields(row) == {
        "kind": "education",
        "value": "S1",  # the catalogue's spelling
        "value_max": "",
        "param": "Ilmu Pemerintahan; Administrasi Publik",
        "basis": "UU 23/2014 ps. 224",
        "blocking": True,
        "alternative": "A",
        "note": "Atau sertifikat kepamongprajaan.",
    }
    [event] = events()
    assert event.action == "requirement.added"
    assert (event.subject_type, event.subject_id) == (
        "position",
        world.staff_position.id,
    )
    assert event.actor_id == world.users["hr"].id
    assert event.details["before"] is None
    assert event.details["after"] == _fields(row)
    assert event.details["requirement"] == row.id


@pytest.mark.parametrize(
    ("fields", "stored"),
    [
        (
            {"kind": "rank", "value": "iii/c", "value_max": "III/D"},
            ("III/c", "III/d", ""),
        ),
        ({"kind": "rank", "value": "", "value_max": "ix"}, ("", "IX", "")),
        (
            {"kind": "experience", "value": "4", "param": "Pelaksana"},
            ("4", "", "pelaksana"),
        ),
        (
            {"kind": "experience", "value": "2,5", "param": "ahli muda"},
            ("2.5", "", "ahli_muda"),
        ),
        ({"kind": "service_years", "value": "10"}, ("10", "", "")),
        ({"kind": "skp", "value": "Baik", "param": "2"}, ("baik", "", "2")),
        (
            {"kind": "skp", "value": "sangat baik", "param": "1"},
            ("sangat_baik", "", "1"),
        ),
        ({"kind": "credit_points", "value": "100.000"}, ("100", "", "")),
        ({"kind": "credit_points", "value": "12,125"}, ("12.125", "", "")),
        ({"kind": "competency_test", "value": ""}, ("", "", "")),
        ({"kind": "certificate", "value": "str"}, ("STR", "", "")),
        ({"kind": "training", "value": "PKP"}, ("PKP", "", "")),
        ({"kind": "age_max", "value": "56"}, ("56", "", "")),
        ({"kind": "discipline", "value": "Sedang"}, ("sedang", "", "")),
        ({"kind": "status", "value": ""}, ("", "", "")),
        ({"kind": "family", "value": "  Guru  "}, ("Guru", "", "")),
        ({"kind": "employment_type", "value": "pns"}, ("PNS", "", "")),
    ],
)
def test_every_kind_is_stored_in_its_catalogue_spelling(login, world, fields, stored):
    position = world.lurah_position
    response = login("hr").post(
        "/hr/positions/LURAH-A/requirements", data=requirement_form(**fields)
    )
    assert response.status_code == 303
    [row] = position.rules
    assert (row.value, row.value_max, row.param) == stored
    assert row.kind == fields["kind"]


def test_a_requirement_to_plan_for_is_not_blocking(login, world):
    data = requirement_form(kind="training", value="PKP", blocking=None)
    login("hr").post("/hr/positions/LURAH-A/requirements", data=data)
    [row] = world.lurah_position.rules
    assert row.blocking is False
    page = text_of(login("hr").get("/hr/positions/LURAH-A"))
    assert "Supervisory leadership training (PKP) (PKP)" in page
    assert "To plan for" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "rank", "value": "III/z"}, "Enter a rank code of the catalogue"),
        ({"kind": "rank", "value": "IV/a", "value_max": "III/d"}, "cannot lie below"),
        ({"kind": "rank", "value": "III/a", "value_max": "IX"}, "same employment type"),
        ({"kind": "rank", "value": ""}, "the highest rank, or both"),
        ({"kind": "education", "value": "S4"}, "Enter an education level"),
        ({"kind": "education", "value": ""}, "Enter an education level"),
        ({"kind": "education", "param": "x" * 121}, "Separate the fields of study"),
        ({"kind": "education", "value_max": "S2"}, "Leave this empty"),
        ({"kind": "skp", "value": "bagus", "param": "2"}, "Enter a predikat"),
        ({"kind": "skp", "value": "baik", "param": "3"}, "1 or 2"),
        ({"kind": "skp", "value": "baik", "param": ""}, "1 or 2"),
        ({"kind": "experience", "value": "abc", "param": "pelaksana"}, "from 0 to 50"),
        ({"kind": "experience", "value": "51", "param": "pelaksana"}, "from 0 to 50"),
        ({"kind": "experience", "value": "1.25", "param": "pelaksana"}, "from 0 to 50"),
        ({"kind": "experience", "value": "4", "param": "kepala"}, "Enter the grade"),
        ({"kind": "experience", "value": "4", "param": ""}, "Enter the grade"),
        ({"kind": "service_years", "value": "9" * 40}, "from 0 to 50"),
        ({"kind": "service_years", "value": "-1"}, "from 0 to 50"),
        ({"kind": "service_years", "value": "1e3"}, "from 0 to 50"),
        (
            {"kind": "service_years", "value": "\uff11\uff10"},
            "from 0 to 50",
        ),  # full-width digits
        ({"kind": "credit_points", "value": "10001"}, "from 0 to 10000"),
        ({"kind": "credit_points", "value": "1.2345"}, "from 0 to 10000"),
        ({"kind": "age_max", "value": "17"}, "from 18 to 70"),
        ({"kind": "age_max", "value": "56.5"}, "from 18 to 70"),
        ({"kind": "certificate", "value": "SIM-A"}, "certificate or training type"),
        ({"kind": "training", "value": ""}, "certificate or training type"),
        ({"kind": "discipline", "value": "parah"}, "ringan, sedang or berat"),
        ({"kind": "family", "value": "   "}, "Enter the functional position"),
        ({"kind": "employment_type", "value": "honorer"}, "PNS or PPPK"),
        ({"kind": "status", "value": "aktif"}, "Leave this empty"),
        ({"kind": "competency_test", "param": "x"}, "Leave this empty"),
        ({"kind": "bogus"}, "Choose the kind of requirement."),
        ({"kind": ""}, "Choose the kind of requirement."),
        ({"basis": ""}, "Name the regulation this requirement rests on"),
        ({"basis": "   "}, "Name the regulation this requirement rests on"),
        ({"basis": None}, "Name the regulation this requirement rests on"),
        ({"basis": "x" * 161}, "at most 160 characters"),
        ({"value": "x" * 81}, "at most 80 characters"),
        ({"param": "x" * 201}, "at most 200 characters"),
        ({"alternative": "x" * 21}, "at most 20 characters"),
        ({"note": "x" * 301}, "at most 300 characters"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_a_bad_requirement_is_refused_and_nothing_written(
    login, world, fields, message, headers
):
    before = counts()
    response = login("hr").post(
        f"{URL}/requirements", data=requirement_form(**fields), headers=headers
    )
    assert response.status_code == 422
    assert message in text_of(response)
    assert counts() == before
    body = response.get_data(as_text=True)
    assert ("<html" in body) == (not headers)
    assert '<details class="add-requirement" open>' in body  # the form stays open


def test_a_requirement_without_a_basis_is_refused_in_indonesian(app, world):
    client = app.test_client(user=world.users["hr"], locale=None)
    response = client.post(f"{URL}/requirements", data=requirement_form(basis=""))
    assert response.status_code == 422
    assert "dasar hukum" in text_of(response)


def test_a_nul_character_is_refused_before_anything_is_written(login, world):
    before = counts()
    response = login("hr").post(
        f"{URL}/requirements", data=requirement_form(basis="PP 11/2017\x00")
    )
    assert response.status_code == 400
    assert counts() == before


def test_the_same_requirement_twice_is_refused(login, world):
    data = requirement_form(kind="education", value="sma")  # PENGADM has SMA already
    response = login("hr").post(f"{URL}/requirements", data=data)
    assert response.status_code == 422
    assert "The position has this requirement already." in text_of(response)


def test_an_unknown_position_is_404(login, world):
    response = login("hr").post(
        "/hr/positions/NOPE/requirements", data=requirement_form()
    )
    assert response.status_code == 404


# Changing ---------------------------------------------------------------------------


def test_hr_changes_a_requirement_with_before_and_after(login, world):
    row = rule_of(world.staff_position, "education")
    data = requirement_form(value="S2", param="Kearsipan", seen=seen(row))
    response = login("hr").post(f"{URL}/requirements/{row.id}", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{URL}#requirement-{row.id}"
    assert (row.value, row.param) == ("S2", "Kearsipan")
    [event] = events()
    assert event.action == "requirement.changed"
    assert event.details["before"]["value"] == "SMA"
    assert event.details["after"]["value"] == "S2"
    assert event.details["before"]["param"] == ""
    assert event.details["after"]["param"] == "Kearsipan"
    page = text_of(login("hr").get(URL))
    assert "Requirement changed" in page
    assert "Value: SMA → S2" in page
    assert "Parameter: \N{EN DASH} → Kearsipan" in page
    assert "Maya Sembiring" in page  # who
    assert "WIB" in page  # when


def test_a_change_in_place_answers_with_the_section_and_the_history(login, world):
    row = rule_of(world.staff_position, "rank")
    data = requirement_form(
        kind="rank", value="II/b", value_max="III/a", seen=seen(row)
    )
    response = login("hr").post(f"{URL}/requirements/{row.id}", data=data, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="position-requirements"')
    assert (
        'id="position-history" aria-labelledby="history-title" hx-swap-oob="true"'
        in body
    )
    assert "Pangkat/golongan II/b to III/a" in text_of(response)
    assert "Requirement saved." in response.headers["HX-Trigger"]


def test_saving_a_requirement_unchanged_records_nothing(login, world):
    row = rule_of(world.staff_position, "education")
    data = requirement_form(value="SMA", seen=seen(row))
    response = login("hr").post(f"{URL}/requirements/{row.id}", data=data, headers=HX)
    assert response.status_code == 200
    assert "Nothing changed." in response.headers["HX-Trigger"]
    assert events() == []


def test_a_refused_change_keeps_the_row(login, world):
    row = rule_of(world.staff_position, "education")
    data = requirement_form(value="S9", seen=seen(row))
    response = login("hr").post(f"{URL}/requirements/{row.id}", data=data)
    assert response.status_code == 422
    assert "Enter an education level" in text_of(response)
    assert row.value == "SMA" and events() == []
    assert f'<tr id="requirement-{row.id}">' in response.get_data(as_text=True)


def test_the_edit_form_opens_in_place_and_without_javascript(login, world):
    row = rule_of(world.staff_position, "education")
    client = login("hr")
    part = client.get(f"{URL}/requirements/{row.id}/edit", headers=HX)
    body = part.get_data(as_text=True)
    assert part.status_code == 200 and "<html" not in body
    assert f'name="seen" value="{seen(row)}"' in body
    assert "Save requirement" in body
    page = client.get(f"{URL}/requirements/{row.id}/edit")
    assert "<html" in page.get_data(as_text=True)
    assert "Save requirement" in text_of(page)


def test_another_positions_requirement_is_not_found(login, world):
    other = make_position(
        "OTHER", {}, rules=[PositionRequirement(kind="status", basis="PP 94/2021")]
    )
    db.session.commit()
    row = other.rules[0]
    client = login("hr")
    assert client.get(f"{URL}/requirements/{row.id}/edit").status_code == 404
    assert client.get(f"{URL}/requirements/99999/edit").status_code == 404
    data = requirement_form(kind="status", value="", seen=seen(row))
    response = client.post(f"{URL}/requirements/{row.id}", data=data)
    assert response.status_code == 409  # not this position's: nothing to change
    assert other.rules[0].basis == "PP 94/2021"


# Stale pages and races ---------------------------------------------------------------


def test_a_change_from_a_stale_page_is_refused(login, world):
    row = rule_of(world.staff_position, "education")
    opened = seen(row)  # two officers open the page
    first, second = login("hr"), login("hr")
    data = requirement_form(value="D3", seen=opened)
    assert first.post(f"{URL}/requirements/{row.id}", data=data).status_code == 303
    data = requirement_form(value="S2", seen=opened)
    response = second.post(f"{URL}/requirements/{row.id}", data=data)
    assert response.status_code == 409
    assert "has changed since the page was opened" in text_of(response)
    assert row.value == "D3"  # the first change stands
    assert [e.action for e in events()] == ["requirement.changed"]
    removal = second.post(f"{URL}/requirements/{row.id}/delete", data={"seen": opened})
    assert removal.status_code == 409
    assert rule_of(world.staff_position, "education") is not None


def test_the_stale_page_message_uses_the_domain_words(app, world):
    row = rule_of(world.staff_position, "education")
    client = app.test_client(user=world.users["hr"], locale=None)
    data = requirement_form(value="S2", seen="0" * 16)
    response = client.post(f"{URL}/requirements/{row.id}", data=data, headers=HX)
    assert response.status_code == 409
    assert "sudah berubah sejak halaman dibuka" in text_of(response)


def test_a_change_without_the_version_is_refused(login, world):
    row = rule_of(world.staff_position, "education")
    response = login("hr").post(
        f"{URL}/requirements/{row.id}", data=requirement_form(value="S2")
    )
    assert response.status_code == 422
    assert "does not say which version it saw" in text_of(response)
    assert row.value == "SMA"


def test_a_removed_requirement_cannot_be_changed(login, world):
    row = rule_of(world.staff_position, "education")
    opened, row_id = seen(row), row.id
    client = login("hr")
    assert (
        client.post(f"{URL}/requirements/{row_id}/delete", data={"seen": opened})
    ).status_code == 303
    response = client.post(
        f"{URL}/requirements/{row_id}", data=requirement_form(seen=opened)
    )
    assert response.status_code == 409


def test_a_change_that_loses_the_race_writes_nothing(app, world):
    """The row changed after it was read: the conditional write finds nothing."""
    position = world.staff_position
    row = rule_of(position, "education")
    opened = seen(row)
    with db.engine.begin() as connection:  # another officer, in between
        connection.execute(
            update(PositionRequirement)
            .where(PositionRequirement.id == row.id)
            .values(basis="Perpres 2025")
        )
    fields = RequirementFields(kind=RequirementKind.EDUCATION, value="S2", basis=BASIS)
    with pytest.raises(Conflict):
        services.change_requirement(position, row, fields, opened, world.users["hr"])
    with pytest.raises(Conflict):
        services.remove_requirement(position, row, opened, world.users["hr"])
    db.session.expire_all()
    assert (row.value, row.basis) == ("SMA", "Perpres 2025")
    assert events() == []


# Removing ---------------------------------------------------------------------------


def test_hr_removes_a_requirement_recorded_with_what_it_was(login, world):
    row = rule_of(world.staff_position, "rank")
    row_id, before = row.id, _fields(row)
    response = login("hr").post(
        f"{URL}/requirements/{row_id}/delete", data={"seen": seen(row)}, headers=HX
    )
    assert response.status_code == 200
    assert "Requirement removed." in response.headers["HX-Trigger"]
    assert rule_of(world.staff_position, "rank") is None
    [event] = events()
    assert event.action == "requirement.removed"
    assert event.details == {"requirement": row_id, "before": before, "after": None}
    assert "Requirement removed" in text_of(response)  # the history, out of band


def test_removing_without_javascript_returns_to_the_position(login, world):
    row = rule_of(world.staff_position, "rank")
    response = login("hr").post(
        f"{URL}/requirements/{row.id}/delete", data={"seen": seen(row)}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"{URL}#requirements"
