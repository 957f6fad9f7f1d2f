"""HR's selection: the applicants ranked by merit from their records, decisions
with reasons, closing the selection; and what each applicant sees of it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Application,
    ApplicationStatus,
    AssessmentSource,
    AuditEvent,
    Notification,
    NotificationKind,
    Opportunity,
    Predikat,
    RecordSource,
    RecordStatus,
    TrainingRecord,
)
from app.opportunities.ranking import rank_applicants
from tests.conftest import text_of
from tests.factories import make_employee, make_pppk, make_user
from tests.opportunities.factories_vacancy import (
    assess_levels,
    make_application,
    make_kasi_position,
    make_vacancy,
)
from tests.opportunities.vacancy_helpers import HTMX, make_eligible, rate, snapshot


def years_ago(years: int, days: int = 1) -> date:
    today = local_today()
    return today.replace(year=today.year - years) - timedelta(days=days)


def trained(employee, jp: int, days_ago: int, status=RecordStatus.VERIFIED):
    db.session.add(
        TrainingRecord(
            employee=employee,
            source=RecordSource.CERTIFICATE,
            status=status,
            title="Pelatihan",
            completed_on=local_today() - timedelta(days=days_ago),
            jp=jp,
        )
    )


@pytest.fixture
def closed(world):
    """Kepala Seksi Alpha, applications closed yesterday, two posts, three
    applicants with different records:

    - Sri (PNS, target 20 JP): Sangat Baik and Baik, supervisor levels 3 and 2
      (100), 10 JP verified (+ 30 JP unverified, + 8 JP 13 months ago), 2 years
      in the post: 87.5, 100, 50, 40.
    - Rina (PPPK, target 24 JP): Baik last year only, supervisor integrity 2
      and teamwork 2 ((2/3 + 1)/2 = 83.3), 12 JP, 5 years: 75, 83.3, 50, 100.
    - Andi (PNS): Baik and Baik, levels only self-assessed (0), no JP, TMT
      unknown: 75, 0, 0, 0.
    """
    vacancy = make_vacancy(make_kasi_position(world), opens=-10, closes=-1, posts=2)
    sri, andi = world.employee, world.colleague
    rina = make_pppk(world)
    world.users["pppk"] = make_user(rina, "rina@uji.example.id")
    sri.position_since = years_ago(2)
    rina.position_since = years_ago(5)
    rate(sri, Predikat.SANGAT_BAIK, 1)
    rate(sri, Predikat.BAIK, 2)
    rate(sri, Predikat.KURANG, 3)  # three years back: not counted
    assess_levels(sri, {world.integrity: 3, world.teamwork: 2})
    trained(sri, 10, 30)
    trained(sri, 30, 20, RecordStatus.SUBMITTED)
    trained(sri, 8, 400)
    rate(rina, Predikat.BAIK, 1)
    assess_levels(rina, {world.integrity: 2, world.teamwork: 2})
    trained(rina, 12, 100)
    rate(andi, Predikat.BAIK, 1)
    rate(andi, Predikat.BAIK, 2)
    assess_levels(andi, {world.integrity: 5, world.teamwork: 5}, AssessmentSource.SELF)
    for person in (andi, sri, rina):  # Andi applied first
        make_application(vacancy, person)
    db.session.commit()
    return vacancy


def applicants_url(vacancy) -> str:
    return f"/hr/opportunities/{vacancy.id}/applicants"


def application_of(employee) -> Application:
    return db.session.scalars(
        select(Application).where(Application.employee_id == employee.id)
    ).one()


def decide(client, vacancy, application, decision="selected", reason="Terbaik.", **kw):
    return client.post(
        f"{applicants_url(vacancy)}/{application.id}/decision",
        data={"decision": decision, "reason": reason},
        **kw,
    )


def close(client, vacancy, **kw):
    return client.post(f"/hr/opportunities/{vacancy.id}/selection/close", **kw)


# -- the merit of each applicant, from the records ---------------------------


def test_each_applicant_is_scored_from_their_own_records(app, world, closed):
    ranking = rank_applicants(closed, local_today())
    names = [r.application.employee.name for r in ranking]
    assert names == ["Sri Wahyuni Lubis", "Rina Simanjuntak", "Andi Nasution"]
    points = {
        r.application.employee.name: [c.points for c in r.merit.components]
        for r in ranking
    }
    assert points["Sri Wahyuni Lubis"] == [
        Decimal("87.5"),
        Decimal("100.0"),
        Decimal("50.0"),  # 10 of 20 JP: unverified and older records left out
        Decimal("40.0"),
    ]
    assert points["Rina Simanjuntak"] == [
        Decimal("75.0"),
        Decimal("83.3"),
        Decimal("50.0"),  # 12 of a PPPK's 24 JP
        Decimal("100.0"),
    ]
    # Self-assessed levels never count, however high.
    assert points["Andi Nasution"] == [Decimal("75.0"), Decimal("0.0"), 0, 0]
    scores = [r.merit.score for r in ranking]
    # 87.5*.4 + 100*.3 + 50*.2 + 40*.1 = 35 + 30 + 10 + 4 = 79
    # 75*.4 + 83.3*.3 + 50*.2 + 100*.1 = 30 + 24.99 + 10 + 10 = 74.99 -> 75
    assert scores == [Decimal("79.0"), Decimal("75.0"), Decimal("30.0")]
    assert [r.rank for r in ranking] == [1, 2, 3]


def test_equal_scores_rank_who_applied_first_higher(app, world, closed):
    twin = make_employee("Kembar Siregar", world.kel_b)
    db.session.add(twin)
    rate(twin, Predikat.BAIK, 1)
    rate(twin, Predikat.BAIK, 2)
    make_application(closed, twin)  # after Andi, with the same records
    db.session.commit()
    ranking = rank_applicants(closed, local_today())
    assert [r.application.employee.name for r in ranking][2:] == [
        "Andi Nasution",
        "Kembar Siregar",
    ]


# -- HR's page ---------------------------------------------------------------


def test_hr_sees_the_applicants_ranked_with_each_component(world, login, closed):
    response = login("hr").get(applicants_url(closed))
    assert response.status_code == 200
    text = text_of(response)
    assert text.index("Sri Wahyuni Lubis") < text.index("Rina Simanjuntak")
    assert text.index("Rina Simanjuntak") < text.index("Andi Nasution")
    assert "Rank 1 of 3 · Sri Wahyuni Lubis" in text
    assert "Merit score 79" in text
    assert "Performance" in text and "Competency fit" in text
    assert "87.5 40% 35" in text  # points, weight, what it adds
    assert "Eligibility now: Meets the requirements" in text  # Sri
    assert "Eligibility now: Does not meet them yet" in text  # Rina: integrity 2
    assert "Close the selection" in text


def test_hr_page_queries_do_not_grow_with_the_applicants(
    app, world, login, count_queries
):
    def vacancy_with(count: int) -> Opportunity:
        vacancy = make_vacancy(make_kasi_position_once(), opens=-10, closes=-1)
        for n in range(count):
            person = make_employee(f"Pelamar {count}-{n}", world.kel_b)
            make_user(person)
            make_eligible(world, person)
            rate(person, Predikat.SANGAT_BAIK, 2)
            trained(person, 4 + n, 10)
            make_application(vacancy, person)
        db.session.commit()
        return vacancy

    positions = []

    def make_kasi_position_once():
        if not positions:
            positions.append(make_kasi_position(world))
        return positions[0]

    few, many = vacancy_with(3), vacancy_with(12)
    hr = login("hr")
    hr.get(applicants_url(few))  # the catalogue caches warm up
    counts = []
    for vacancy in (few, many):
        with count_queries() as counter:
            response = hr.get(applicants_url(vacancy))
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 20, counts


def test_only_hr_opens_the_applicants(world, login, closed):
    for role in ("employee", "supervisor", "mentor", "admin"):
        assert login(role).get(applicants_url(closed)).status_code == 404
    assert login("hr").get("/hr/opportunities/2147483648/applicants").status_code == 404


# -- decisions -------------------------------------------------------------


def test_a_decision_is_recorded_with_its_reason_and_audited(world, login, closed):
    sri = application_of(world.employee)
    response = decide(login("hr"), closed, sri, headers=HTMX)
    assert response.status_code == 200
    assert "The decision is recorded." in response.headers["HX-Trigger"]
    db.session.expire_all()
    sri = db.session.get(Application, sri.id)
    assert (sri.status, sri.reason) == (ApplicationStatus.SELECTED, "Terbaik.")
    assert sri.decided_by_id == world.users["hr"].id
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.action, event.subject_type, event.subject_id) == (
        "application.decided",
        "application",
        sri.id,
    )
    assert event.reason == "Terbaik."
    assert event.concerns_id == world.employee.id
    assert event.details["after"] == {"status": "selected"}
    # Nobody is told before the selection closes.
    assert db.session.scalars(select(Notification)).all() == []


def test_without_javascript_a_decision_redirects(world, login, closed):
    response = decide(login("hr"), closed, application_of(world.colleague), "no")
    assert response.status_code == 422  # not a decision
    response = decide(
        login("hr"), closed, application_of(world.colleague), "not_selected"
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(applicants_url(closed))


@pytest.mark.parametrize(
    ("decision", "reason", "message"),
    [
        ("selected", "", "Give the reason for the decision."),
        ("selected", "   ", "Give the reason for the decision."),
        ("selected", "x" * 501, "Keep the reason to 500 characters."),
        ("", "Alasan", "Choose selected or not selected."),
        ("applied", "Alasan", "Choose selected or not selected."),
        ("withdrawn", "Alasan", "Choose selected or not selected."),
    ],
)
def test_a_bad_decision_is_refused(world, login, closed, decision, reason, message):
    before = snapshot(closed.id)
    response = decide(
        login("hr"),
        closed,
        application_of(world.employee),
        decision,
        reason,
        headers=HTMX,
    )
    assert response.status_code == 422
    assert message in text_of(response)
    assert snapshot(closed.id) == before


def test_no_more_are_selected_than_there_are_posts(world, login, closed):
    hr = login("hr")
    sri, andi = application_of(world.employee), application_of(world.colleague)
    rina = application_of(rina_of(closed)[0])
    assert decide(hr, closed, sri).status_code == 303
    assert decide(hr, closed, andi).status_code == 303
    assert decide(hr, closed, sri).status_code == 303  # the same again: no change
    before = snapshot(closed.id)
    response = decide(hr, closed, rina)
    assert response.status_code == 409
    assert "All 2 posts are filled." in text_of(response)
    assert snapshot(closed.id) == before
    # Changing a selected one to not selected frees the post.
    assert decide(hr, closed, andi, "not_selected", "Kurang").status_code == 303
    assert decide(hr, closed, rina).status_code == 303


def test_no_decision_before_applications_close(world, login):
    vacancy = make_vacancy(make_kasi_position(world, "KASI-B"))
    application = make_application(vacancy, world.employee)
    db.session.commit()
    before = snapshot(vacancy.id)
    response = decide(login("hr"), vacancy, application)
    assert response.status_code == 409
    assert "Decisions are recorded once applications have closed." in text_of(response)
    response = close(login("hr"), vacancy)
    assert response.status_code == 409
    assert snapshot(vacancy.id) == before


def test_hr_never_decides_on_their_own_application(world, login, closed):
    own = make_application(closed, world.hr_employee)
    db.session.commit()
    before = snapshot(closed.id)
    response = decide(login("hr"), closed, own)
    assert response.status_code == 403
    assert "Another officer decides on your own application." in text_of(response)
    assert snapshot(closed.id) == before
    assert "Another officer decides" in text_of(login("hr").get(applicants_url(closed)))


def test_an_application_of_another_vacancy_is_not_found(world, login, closed):
    other = make_vacancy(make_kasi_position(world, "KASI-B"), opens=-10, closes=-1)
    db.session.flush()
    stranger = make_application(other, world.outsider)
    db.session.commit()
    before = snapshot(closed.id)
    assert decide(login("hr"), closed, stranger).status_code == 404
    hr = login("hr")
    url = f"{applicants_url(closed)}/2147483648/decision"
    assert hr.post(url, data={"decision": "selected", "reason": "x"}).status_code == 404
    assert snapshot(closed.id) == before


# -- closing the selection ------------------------------------------------


def decide_all(hr, vacancy, world):
    assert decide(hr, vacancy, application_of(world.employee)).status_code == 303
    for person in (world.colleague, *rina_of(vacancy)):
        assert (
            decide(
                hr,
                vacancy,
                application_of(person),
                "not_selected",
                "Nilai merit lebih rendah.",
            ).status_code
            == 303
        )


def rina_of(vacancy):
    return [
        a.employee
        for a in db.session.scalars(
            select(Application).where(Application.opportunity_id == vacancy.id)
        )
        if a.employee.name.startswith("Rina")
    ]


def test_closing_keeps_the_scores_and_tells_the_applicants(world, login, closed):
    hr = login("hr")
    before = snapshot(closed.id)
    response = close(hr, closed)
    assert response.status_code == 409
    assert "3 applicants have no decision yet" in text_of(response)
    assert snapshot(closed.id) == before
    decide_all(hr, closed, world)
    response = close(hr, closed, headers=HTMX)
    assert response.status_code == 200
    assert "The selection is closed" in response.headers["HX-Trigger"]
    db.session.expire_all()
    vacancy = db.session.get(Opportunity, closed.id)
    assert vacancy.selection_closed_at is not None
    kept = {
        a.employee.name: (a.rank, a.score, a.components["performance"])
        for a in db.session.scalars(select(Application))
    }
    assert kept == {
        "Sri Wahyuni Lubis": (1, Decimal("79.0"), {"points": "87.5", "weight": 40}),
        "Rina Simanjuntak": (2, Decimal("75.0"), {"points": "75.0", "weight": 40}),
        "Andi Nasution": (3, Decimal("30.0"), {"points": "75.0", "weight": 40}),
    }
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "selection.closed")
    ).one()
    assert (event.subject_type, event.subject_id) == ("opportunity", closed.id)
    assert event.details["selected"] == 1
    told = db.session.scalars(select(Notification)).all()
    # Andi has no login: nobody could read his.
    assert {n.user_id for n in told} == {
        world.users[role].id for role in ("employee", "pppk")
    }
    assert all(n.kind is NotificationKind.APPLICATION_DECIDED for n in told)
    assert all(n.subject_id == closed.id for n in told)
    # Afterwards the records may change; the kept figures do not.
    assess_levels(world.employee, {world.integrity: 1, world.teamwork: 1})
    db.session.commit()
    text = text_of(hr.get(applicants_url(closed)))
    assert "Merit score 79" in text and "Record decision" not in text
    after = snapshot(closed.id)
    assert close(hr, closed).status_code == 409
    assert decide(hr, closed, application_of(world.employee)).status_code == 409
    assert snapshot(closed.id) == after


# -- what an applicant sees ------------------------------------------------


def test_an_applicant_sees_their_own_score_and_rank_only(world, login, closed):
    text = text_of(login("pppk").get(f"/opportunities/{closed.id}"))
    assert "Rank 2 of 3" in text
    assert "83.3" in text  # own competency fit
    assert "Merit score 75" in text
    for other in ("Sri Wahyuni Lubis", "Andi Nasution", "79"):
        assert other not in text
    assert "Decision:" not in text  # not before the selection closes


def test_the_decision_and_its_reason_are_shown_once_closed(world, login, closed):
    hr = login("hr")
    decide_all(hr, closed, world)
    assert close(hr, closed).status_code == 303
    text = text_of(login("pppk").get(f"/opportunities/{closed.id}"))
    assert "Decision: Not selected" in text
    assert "Reason: Nilai merit lebih rendah." in text
    assert "Rank 2 of 3" in text
    text = text_of(login("employee").get(f"/opportunities/{closed.id}"))
    assert "Decision: Selected" in text and "Reason: Terbaik." in text
    notice = login("employee").get("/notifications/")
    assert "closed the selection of a vacancy you applied for" in text_of(notice)


def test_the_applicant_panel_queries_do_not_grow_with_the_applicants(
    app, world, login, count_queries
):
    vacancies = []
    for count, code in ((3, "KASI-C"), (12, "KASI-D")):
        vacancy = make_vacancy(make_kasi_position(world, code), posts=2)
        make_application(vacancy, world.employee)
        for n in range(count - 1):
            person = make_employee(f"Pelamar {code}-{n}", world.kel_b)
            make_eligible(world, person)
            trained(person, 4 + n, 10)
            make_application(vacancy, person)
        vacancies.append(vacancy)
    db.session.commit()
    client = login("employee")
    client.get(f"/opportunities/{vacancies[0].id}")  # the catalogue caches warm up
    counts = []
    for vacancy in vacancies:
        with count_queries() as counter:
            response = client.get(f"/opportunities/{vacancy.id}")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 25, counts
