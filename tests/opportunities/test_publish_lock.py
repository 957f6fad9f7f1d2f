"""A position's requirement rows and competency standard hold while a published
vacancy for it has applicants: they applied under the rules as published."""

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import Opportunity, OpportunityKind, OpportunityStatus
from tests.conftest import text_of
from tests.factories import make_competency
from tests.hr.positions.helpers import counts, requirement_form, rule_of, seen
from tests.opportunities.publish_helpers import make_opportunity

POSITION = "/hr/positions/PENGADM"


@pytest.fixture
def applied(world):
    """A published vacancy for PENGADM with one applicant."""
    return make_opportunity(
        world,
        OpportunityKind.VACANCY,
        position=world.staff_position,
        applicants=1,
    )


def _changes(world):
    make_competency("M.09", "Orientasi pada Hasil")
    db.session.commit()
    rank = rule_of(world.staff_position, "rank")
    standard = world.staff_position.requirements[0]
    code = standard.competency.code
    level = {"required_level": "4", "basis": "PermenPANRB 38/2017"}
    return [
        (f"{POSITION}/requirements", requirement_form()),
        (
            f"{POSITION}/requirements/{rank.id}",
            requirement_form(
                kind="rank", value="II/b", seen=seen(rank), basis=rank.basis
            ),
        ),
        (f"{POSITION}/requirements/{rank.id}/delete", {"seen": seen(rank)}),
        (f"{POSITION}/competencies", {"competency": "M.09", **level}),
        (f"{POSITION}/competencies/{code}", {**level, "seen": seen(standard)}),
        (f"{POSITION}/competencies/{code}/delete", {"seen": seen(standard)}),
    ]


def test_no_change_while_a_published_vacancy_has_applicants(login, world, applied):
    hr = login("hr")
    before = counts()
    for url, data in _changes(world):
        response = hr.post(url, data=data)
        assert response.status_code == 409, url
        assert "cannot change until the vacancy is closed" in text_of(response)
    assert counts() == before


@pytest.mark.parametrize(
    "state",
    [
        {"applicants": 0},
        {"status": OpportunityStatus.CLOSED},
        {"status": OpportunityStatus.DRAFT, "applicants": 0},
    ],
)
def test_changes_go_through_without_applicants_or_once_closed(
    login, world, applied, state
):
    db.session.execute(
        update(Opportunity).where(Opportunity.id == applied.id).values(**state)
    )
    db.session.commit()
    url, data = _changes(world)[0]
    assert login("hr").post(url, data=data).status_code == 303
