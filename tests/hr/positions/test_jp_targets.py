"""HR sets the yearly JP target per employment type; plans follow it."""

import pytest

from app import catalogue
from app.extensions import db
from app.hr.employment.services import rule_version
from app.models import EmploymentRule, EmploymentType
from tests.conftest import text_of
from tests.factories import make_employee, make_plan
from tests.hr.positions.helpers import HX, counts, events

PPPK_NI = "199001012022212001"  # born 1 Jan 1990, appointed 2022, a woman


def _seen(kind: EmploymentType) -> str:
    db.session.rollback()  # read the rule afresh, as the page would
    return rule_version(catalogue.employment_rules()[kind])


def _set(client, kind: str, target, basis="UU 20/2023 ps. 49", seen=None, **kw):
    data = {"jp_target": str(target), "jp_basis": basis}
    data["seen"] = seen if seen is not None else _seen(EmploymentType(kind))
    return client.post(f"/hr/rules/{kind}", data=data, **kw)


def _pppk_plan(world):
    owner = make_employee(
        "Rina Ginting",
        world.kel,
        nip=PPPK_NI,
        employment_type=EmploymentType.PPPK,
        position=world.staff_position,
        rank=world.ranks["IX"],
    )
    return make_plan(world, owner=owner)


def test_pns_and_pppk_plans_show_their_own_targets(login, world):
    pns, pppk = make_plan(world), _pppk_plan(world)
    hr = login("hr")
    assert "the yearly duty is at least 20 JP" in text_of(hr.get(f"/plans/{pns.id}"))
    assert "the yearly duty is at least 24 JP" in text_of(hr.get(f"/plans/{pppk.id}"))


def test_changing_a_target_changes_the_plan_page(login, world):
    plan = make_plan(world)  # 32 JP planned
    hr = login("hr")
    response = _set(hr, "PNS", 40, "Perwal Medan 3/2026")
    assert response.status_code == 303
    assert response.headers["Location"] == "/hr/rules#rule-PNS"
    page = text_of(hr.get(f"/plans/{plan.id}"))
    assert "the yearly duty is at least 40 JP" in page
    assert "8 JP short of it." in page
    pppk = _pppk_plan(world)
    assert "at least 24 JP" in text_of(hr.get(f"/plans/{pppk.id}"))  # untouched


def test_a_change_is_recorded_and_shown(login, world):
    hr = login("hr")
    _set(hr, "PPPK", 30, "PP 49/2018 ps. 39")
    _set(hr, "PPPK", 24, "PP 49/2018 ps. 39")
    rule = db.session.get(EmploymentRule, EmploymentType.PPPK)
    assert (rule.jp_target, rule.jp_basis) == (24, "PP 49/2018 ps. 39")
    first, second = events("employment_rule")
    assert first.action == "jp_target.changed" and first.subject_id == 2
    assert first.details == {
        "employment_type": "PPPK",
        "before": {"jp_target": 24, "jp_basis": "PP 49/2018 ps. 39 (check)"},
        "after": {"jp_target": 30, "jp_basis": "PP 49/2018 ps. 39"},
    }
    assert second.details["before"] == {
        "jp_target": 30,
        "jp_basis": "PP 49/2018 ps. 39",
    }
    page = text_of(hr.get("/hr/rules"))
    assert "PPPK Yearly JP target: 30 → 24" in page
    assert "Maya Sembiring" in page


def test_a_change_in_place_answers_with_the_rule_and_history(login, world):
    response = _set(login("hr"), "PNS", 25, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<article id="rule-PNS">')
    assert (
        'id="rule-history" aria-labelledby="rule-history-title" hx-swap-oob="true"'
        in body
    )
    assert "JP target saved." in response.headers["HX-Trigger"]
    assert "25 JP a year" in text_of(response)


@pytest.mark.parametrize(
    ("target", "basis", "message"),
    [
        ("1001", "UU 20/2023", "from 0 to 1000"),
        ("-1", "UU 20/2023", "from 0 to 1000"),
        ("dua puluh", "UU 20/2023", "from 0 to 1000"),
        ("9" * 40, "UU 20/2023", "from 0 to 1000"),
        ("", "UU 20/2023", "from 0 to 1000"),
        ("20", "", "Name the regulation the JP target rests on"),
        ("20", "   ", "Name the regulation the JP target rests on"),
        ("20", "x" * 161, "at most 160 characters"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_a_bad_target_is_refused_and_nothing_written(
    login, world, target, basis, message, headers
):
    before = counts()
    response = _set(login("hr"), "PNS", target, basis, headers=headers)
    assert response.status_code == 422
    assert message in text_of(response)
    assert counts() == before
    assert catalogue.employment_rules()[EmploymentType.PNS].jp_target == 20


def test_a_target_from_a_stale_page_is_refused(login, world):
    opened = _seen(EmploymentType.PNS)
    first, second = login("hr"), login("hr")
    assert _set(first, "PNS", 22, seen=opened).status_code == 303
    response = _set(second, "PNS", 30, seen=opened)
    assert response.status_code == 409
    assert "has changed since the page was opened" in text_of(response)
    assert db.session.get(EmploymentRule, EmploymentType.PNS).jp_target == 22
    assert len(events("employment_rule")) == 1


def test_an_unchanged_target_records_nothing(login, world):
    response = _set(login("hr"), "PNS", 20, "UU 20/2023 ps. 49; PP 17/2020 ps. 203")
    assert response.status_code == 303
    assert events("employment_rule") == []


def test_an_unknown_employment_type_is_404(login, world):
    assert _set(login("hr"), "PNS", 20).status_code == 303  # the type is known
    response = login("hr").post(
        "/hr/rules/HONORER", data={"jp_target": "20", "jp_basis": "x", "seen": "x"}
    )
    assert response.status_code == 404
