"""A vacancy for an employee: the eligibility check, applying, withdrawing,
and the goals that would close the gaps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Application,
    ApplicationStatus,
    AssessmentSource,
    CareerPlan,
    OpportunityKind,
    OpportunityStatus,
    PlanGoal,
    PlanStatus,
)
from tests.conftest import text_of
from tests.factories import make_plan
from tests.opportunities.factories_vacancy import (
    assess_levels,
    make_application,
    make_kasi_position,
    make_open_position,
    make_vacancy,
)
from tests.opportunities.vacancy_helpers import HTMX, make_eligible, snapshot


@pytest.fixture
def kasi(world):
    """A published vacancy for Kepala Seksi Alpha, open today."""
    vacancy = make_vacancy(make_kasi_position(world), posts=2)
    db.session.commit()
    return vacancy


def page(client, vacancy) -> str:
    response = client.get(f"/opportunities/{vacancy.id}")
    assert response.status_code == 200
    return text_of(response)


def apply(client, vacancy, motivation="Saya siap memimpin seksi.", **kwargs):
    return client.post(
        f"/opportunities/{vacancy.id}/apply", data={"motivation": motivation}, **kwargs
    )


# -- eligibility ----------------------------------------------------------


def test_an_unassessed_person_sees_why_and_cannot_apply(world, login, kasi):
    text = page(login("employee"), kasi)
    assert "Not eligible yet" in text
    assert "You cannot apply yet: 1 of 4 deciding requirements met" in text
    assert "M.01 not assessed yet; level 3 required." in text
    assert "SKP predikat at least Baik in the last year required" in text
    assert "Basis: PermenPANRB 1/2023" in text
    assert "Education S1 meets SMA." in text
    assert "To plan for after appointment:" in text
    assert "Send application" not in text
    assert "Add to my plan" not in text  # no plan this year: told so instead
    assert "You have no career plan for this year yet." in text


def test_meeting_every_deciding_requirement_makes_one_eligible(world, login, kasi):
    """The leadership training to plan for does not bar."""
    make_eligible(world, world.employee)
    db.session.commit()
    text = page(login("employee"), kasi)
    assert "Eligible" in text and "Not eligible yet" not in text
    assert "You meet every deciding requirement of this position." in text
    assert "To plan for after appointment:" in text
    assert "Send application" in text


def test_indicative_levels_do_not_bar(world, login, kasi):
    make_eligible(world, world.employee, AssessmentSource.SELF)
    db.session.commit()
    text = page(login("employee"), kasi)
    assert "Indicative:" in text
    assert "Send application" in text


def test_a_level_below_the_requirement_bars(world, login, kasi):
    make_eligible(world, world.employee)
    assess_levels(world.employee, {world.integrity: 2})
    db.session.commit()
    client = login("employee")
    text = page(client, kasi)
    assert "Not eligible yet" in text
    assert "M.01 level 2" in text
    before = snapshot(kasi.id)
    assert apply(client, kasi).status_code == 422
    assert snapshot(kasi.id) == before


# -- applying -------------------------------------------------------------


def test_applying_counts_the_application_and_shows_the_rank(world, login, kasi):
    make_eligible(world, world.employee)
    db.session.commit()
    response = apply(login("employee"), kasi, headers=HTMX)
    assert response.status_code == 200
    assert "Your application is sent." in response.headers["HX-Trigger"]
    text = text_of(response)
    assert "Rank 1 of 1" in text and "Withdraw application" in text
    db.session.expire_all()
    assert kasi.applicants == 1
    application = db.session.scalars(select(Application)).one()
    assert application.status is ApplicationStatus.APPLIED
    assert application.motivation == "Saya siap memimpin seksi."
    assert application.employee_id == world.employee.id


def test_without_javascript_applying_redirects_to_the_page(world, login, kasi):
    make_eligible(world, world.employee)
    db.session.commit()
    client = login("employee")
    response = apply(client, kasi)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/opportunities/{kasi.id}")
    assert "Your application is sent." in page(client, kasi)


def test_a_forged_application_of_an_ineligible_person_is_refused(world, login, kasi):
    before = snapshot(kasi.id)
    response = apply(login("employee"), kasi)
    assert response.status_code == 422
    assert "You do not meet every requirement of this position yet" in text_of(response)
    assert snapshot(kasi.id) == before


@pytest.mark.parametrize(
    ("motivation", "message"),
    [
        ("", "Say briefly why you apply for this position."),
        ("   ", "Say briefly why you apply for this position."),
        ("x" * 1001, "Keep the motivation to 1000 characters."),
    ],
)
def test_a_bad_motivation_is_refused(world, login, kasi, motivation, message):
    make_eligible(world, world.employee)
    db.session.commit()
    before = snapshot(kasi.id)
    response = apply(login("employee"), kasi, motivation, headers=HTMX)
    assert response.status_code == 422
    assert message in text_of(response)
    assert snapshot(kasi.id) == before


def test_a_nul_in_the_motivation_is_refused(world, login, kasi):
    make_eligible(world, world.employee)
    db.session.commit()
    before = snapshot(kasi.id)
    assert apply(login("employee"), kasi, "Saya\x00siap").status_code == 400
    assert snapshot(kasi.id) == before


def test_applying_twice_is_refused(world, login, kasi):
    make_eligible(world, world.employee)
    db.session.commit()
    client = login("employee")
    assert apply(client, kasi).status_code == 303
    before = snapshot(kasi.id)
    response = apply(client, kasi, "Lagi")
    assert response.status_code == 409
    assert "You have already applied for this vacancy." in text_of(response)
    assert snapshot(kasi.id) == before


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, 5, "Applications open on"), (-10, -1, "Applications closed on")],
)
def test_applying_outside_the_window_is_refused(world, login, opens, closes, message):
    make_eligible(world, world.employee)
    vacancy = make_vacancy(make_kasi_position(world), opens=opens, closes=closes)
    db.session.commit()
    client = login("employee")
    assert message in page(client, vacancy)
    before = snapshot(vacancy.id)
    response = apply(client, vacancy)
    assert response.status_code == 409
    assert message in text_of(response)
    assert snapshot(vacancy.id) == before


def test_applying_to_a_draft_or_a_training_is_refused(world, login):
    draft = make_vacancy(make_open_position(), status=OpportunityStatus.DRAFT)
    training = make_vacancy(
        make_open_position("LAIN"), kind=OpportunityKind.TRAINING, title="Pelatihan"
    )
    closed = make_vacancy(make_open_position("TUTUP"), status=OpportunityStatus.CLOSED)
    db.session.commit()
    before = [snapshot(v.id) for v in (draft, training, closed)]
    assert apply(login("employee"), draft).status_code == 404  # not to be seen
    assert apply(login("hr"), draft).status_code == 409
    response = apply(login("employee"), training)
    assert response.status_code == 409
    assert "Only a vacancy takes applications." in text_of(response)
    assert apply(login("employee"), closed).status_code == 409
    assert [snapshot(v.id) for v in (draft, training, closed)] == before


def test_an_admin_without_an_employee_record_cannot_apply(world, login):
    vacancy = make_vacancy(make_open_position())
    db.session.commit()
    assert apply(login("admin"), vacancy).status_code == 404
    assert "Send application" not in page(login("admin"), vacancy)


def test_an_id_beyond_the_database_is_not_found(world, login):
    client = login("employee")
    assert client.post("/opportunities/99999999999/apply").status_code == 404
    assert client.post("/opportunities/2147483648/withdraw").status_code == 404


# -- withdrawing and applying again ------------------------------------------


def test_withdrawing_and_applying_again_reuses_the_row(world, login):
    vacancy = make_vacancy(make_open_position())
    db.session.commit()
    client = login("employee")
    assert apply(client, vacancy, "Pertama").status_code == 303
    first = db.session.scalars(select(Application)).one().id
    response = client.post(f"/opportunities/{vacancy.id}/withdraw", headers=HTMX)
    assert response.status_code == 200
    assert "Send application" in text_of(response)
    db.session.expire_all()
    assert vacancy.applicants == 0
    assert db.session.get(Application, first).status is ApplicationStatus.WITHDRAWN
    assert apply(client, vacancy, "Kedua").status_code == 303
    again = db.session.scalars(select(Application)).one()
    assert (again.id, again.status, again.motivation) == (
        first,
        ApplicationStatus.APPLIED,
        "Kedua",
    )
    assert vacancy.applicants == 1


def test_withdrawing_after_closing_or_without_an_application_is_refused(world, login):
    vacancy = make_vacancy(make_open_position())
    make_application(vacancy, world.employee)
    db.session.commit()
    assert (
        login("outsider").post(f"/opportunities/{vacancy.id}/withdraw").status_code
        == 404
    )
    vacancy.closes_on = local_today() - timedelta(days=1)
    db.session.commit()
    before = snapshot(vacancy.id)
    response = login("employee").post(f"/opportunities/{vacancy.id}/withdraw")
    assert response.status_code == 409
    assert "Applications closed on" in text_of(response)
    assert snapshot(vacancy.id) == before


# -- the goals that would close the gaps ----------------------------------


def test_add_to_my_plan_creates_the_missing_goals_once(world, login, kasi):
    plan = make_plan(world, goals=1)  # Sasaran 1: archives to level 3
    client = login("employee")
    text = page(client, kasi)
    assert "Raise Integritas (en) to level 3" in text
    assert "Meet the requirement of Kepala Seksi Alpha: SKP predikat" in text
    response = client.post(f"/opportunities/{kasi.id}/plan-goals", headers=HTMX)
    assert response.status_code == 200
    assert "3 goals added to your plan." in response.headers["HX-Trigger"]
    assert "already has a goal for every gap" in text_of(response)
    db.session.expire_all()
    goals = db.session.get(CareerPlan, plan.id).goals
    added = {(g.title, g.competency_id, g.target_level) for g in goals[1:]}
    assert added == {
        ("Raise Integritas (en) to level 3", world.integrity.id, 3),
        ("Raise Kerja Sama (en) to level 2", world.teamwork.id, 2),
        ("Meet the requirement of Kepala Seksi Alpha: SKP predikat", None, None),
    }
    skp = next(g for g in goals if g.competency_id is None and "SKP" in g.title)
    assert skp.note == "Basis: PermenPANRB 1/2023"
    before = snapshot(kasi.id)
    response = client.post(f"/opportunities/{kasi.id}/plan-goals")
    assert response.status_code == 409
    assert snapshot(kasi.id) == before


def test_a_goal_the_plan_has_is_left_out(world, login, kasi):
    plan = make_plan(world, goals=0)
    plan.goals.append(
        PlanGoal(
            position=0, title="Integritas", competency=world.integrity, target_level=4
        )
    )
    db.session.commit()
    client = login("employee")
    assert client.post(f"/opportunities/{kasi.id}/plan-goals").status_code == 303
    db.session.expire_all()
    titles = [g.title for g in db.session.get(CareerPlan, plan.id).goals]
    assert len(titles) == 3 and "Raise Integritas (en) to level 3" not in titles


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PlanStatus.SUBMITTED, "The plan is with your supervisor for review."),
        (None, "You have no career plan for this year yet."),
    ],
)
def test_a_plan_that_cannot_take_goals_says_so(world, login, kasi, status, message):
    if status is not None:
        make_plan(world, status=status)
    client = login("employee")
    text = page(client, kasi)
    assert message in text and "Add to my plan" not in text
    before = snapshot(kasi.id)
    response = client.post(f"/opportunities/{kasi.id}/plan-goals")
    assert response.status_code == 409
    assert message in text_of(response)
    assert snapshot(kasi.id) == before
