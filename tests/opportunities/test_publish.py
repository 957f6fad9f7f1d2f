"""HR drafts, changes, publishes and closes opportunities: each step recorded,
every refusal a translated 4xx that writes nothing, stale pages refused."""

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.i18n import local_today
from app.models import (
    AuditEvent,
    Notification,
    NotificationKind,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
)
from app.opportunities.services.training import register
from tests.conftest import text_of
from tests.opportunities.factories_training import people
from tests.opportunities.publish_helpers import (
    announcement_form,
    counts,
    days,
    make_opportunity,
    reread,
    training_form,
    vacancy_form,
)


def _events(opportunity_id: int) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.subject_type == "opportunity",
                AuditEvent.subject_id == opportunity_id,
            )
            .order_by(AuditEvent.id)
        )
    )


def _only() -> Opportunity:
    return db.session.scalars(select(Opportunity)).one()


@pytest.mark.parametrize(
    ("kind", "form"),
    [
        ("training", training_form()),
        ("vacancy", vacancy_form()),
        ("announcement", announcement_form()),
    ],
)
def test_hr_saves_a_draft_of_each_kind(login, world, kind, form):
    response = login("hr").post(f"/hr/opportunities/new/{kind}", data=form)
    assert response.status_code == 303
    opportunity = _only()
    assert response.headers["Location"] == f"/opportunities/{opportunity.id}"
    assert opportunity.kind is OpportunityKind(kind)
    assert opportunity.status is OpportunityStatus.DRAFT
    assert opportunity.version == 1
    [event] = _events(opportunity.id)
    assert event.action == "opportunity.created"
    assert event.actor_id == world.users["hr"].id
    assert event.details["after"]["title"] == form["title"]


def test_a_training_keeps_its_fields_and_competencies(login, world):
    login("hr").post(
        "/hr/opportunities/new/training",
        data=training_form(competencies=["T.05", "M.01"], mode="on_the_job"),
    )
    training = _only()
    assert (training.jp, training.quota, training.booked) == (24, 30, 0)
    assert training.mode.value == "on_the_job"
    assert [c.code for c in training.competencies] == ["M.01", "T.05"]
    assert training.position_id is None and training.weight_performance is None


def test_a_vacancy_keeps_its_position_and_weights(login, world):
    login("hr").post(
        "/hr/opportunities/new/vacancy",
        data=vacancy_form(
            weight_performance="25",
            weight_competency="25",
            weight_development="25",
            weight_experience="25",
            jp="12",  # another kind's field is ignored
        ),
    )
    vacancy = _only()
    assert vacancy.position_id == world.lurah_position.id
    assert vacancy.weights == {
        "performance": 25,
        "competency": 25,
        "development": 25,
        "experience": 25,
    }
    assert vacancy.jp is None


def test_the_vacancy_form_starts_from_default_weights(login, world):
    page = text_of(login("hr").get("/hr/opportunities/new/vacancy"))
    body = login("hr").get("/hr/opportunities/new/vacancy").get_data(as_text=True)
    assert "Merit weights" in page
    for name, value in (
        ("weight_performance", 40),
        ("weight_competency", 30),
        ("weight_development", 15),
        ("weight_experience", 15),
    ):
        assert f'name="{name}" value="{value}"' in body


BIG = "99999999999"


@pytest.mark.parametrize(
    ("kind", "form", "message"),
    [
        (
            "training",
            training_form(closes_on=days(-1).isoformat()),
            "The closing date cannot lie before the opening.",
        ),
        ("training", training_form(jp="0"), "Enter the JP as a whole number"),
        ("training", training_form(jp="1001"), "Enter the JP as a whole number"),
        ("training", training_form(jp="-3"), "Enter the JP as a whole number"),
        ("training", training_form(jp=BIG), "Enter a whole number."),
        ("training", training_form(jp="dua"), "Enter a whole number."),
        ("training", training_form(quota="-1"), "Enter the quota as a whole number"),
        ("training", training_form(quota=BIG), "Enter a whole number."),
        (
            "training",
            training_form(ends_on=days(19).isoformat()),
            "The training cannot end before it starts.",
        ),
        ("training", training_form(mode="radio"), "Choose how the training is held."),
        (
            "training",
            training_form(competencies=["X.99"]),
            "Choose competencies from the dictionary.",
        ),
        ("training", training_form(title="x" * 201), "Keep this to 200 characters."),
        ("training", training_form(title="   "), "Enter a title."),
        (
            "training",
            training_form(audience="a" * 301),
            "Keep this to 300 characters.",
        ),
        ("training", training_form(opens_on="2026-13-45"), "Enter a date as"),
        ("training", training_form(opens_on="1850-01-01"), "Enter a date from 2000"),
        ("vacancy", vacancy_form(posts="0"), "Enter the posts as a whole number"),
        ("vacancy", vacancy_form(posts=BIG), "Enter a whole number."),
        (
            "vacancy",
            vacancy_form(weight_experience="14"),
            "The four weights must add up to 100 (now 99).",
        ),
        (
            "vacancy",
            vacancy_form(weight_performance="-10", weight_competency="80"),
            "Enter a whole percentage from 0 to 100.",
        ),
        (
            "vacancy",
            vacancy_form(position="NOPE"),
            "Choose a position from the catalogue.",
        ),
        (
            "announcement",
            announcement_form(closes_on=days(-3).isoformat()),
            "The closing date cannot lie before the opening.",
        ),
    ],
)
def test_bad_input_is_refused_beside_its_field(login, world, kind, form, message):
    before = counts()
    response = login("hr").post(f"/hr/opportunities/new/{kind}", data=form)
    assert response.status_code == 422
    assert message in text_of(response)
    assert "field-error" in response.get_data(as_text=True)
    assert counts() == before


def test_nul_and_an_unknown_kind_are_refused(login, world):
    hr = login("hr")
    before = counts()
    response = hr.post(
        "/hr/opportunities/new/training", data=training_form(title="Arsip\x00")
    )
    assert response.status_code == 400
    assert hr.post("/hr/opportunities/new/webinar", data={}).status_code == 404
    assert counts() == before


def test_refusals_are_translated(app, world):
    client = app.test_client(user=world.users["hr"], locale="id")
    response = client.post(
        "/hr/opportunities/new/training",
        data=training_form(closes_on=days(-1).isoformat(), jp="0"),
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Tanggal penutupan tidak boleh sebelum pembukaan." in page
    assert "JP" in page


# Changing ---------------------------------------------------------------------------


def test_hr_changes_an_opportunity_from_its_version(login, world):
    training = make_opportunity(world, status=OpportunityStatus.DRAFT)
    hr = login("hr")
    assert hr.get(f"/hr/opportunities/{training.id}/edit").status_code == 200
    response = hr.post(
        f"/hr/opportunities/{training.id}",
        data=training_form(version="1", quota="40", reason="Ruang lebih besar"),
    )
    assert response.status_code == 303
    training = reread(training)
    assert (training.quota, training.version) == (40, 2)
    [event] = _events(training.id)
    assert event.action == "opportunity.changed"
    assert event.reason == "Ruang lebih besar"
    assert event.details["before"]["quota"] == 20
    assert event.details["after"]["quota"] == 40


def test_a_change_from_a_stale_page_is_refused(login, world):
    training = make_opportunity(world)
    db.session.execute(update(Opportunity).values(version=2))
    db.session.commit()
    before = counts()
    response = login("hr").post(
        f"/hr/opportunities/{training.id}", data=training_form(version="1")
    )
    assert response.status_code == 409
    assert "has changed since the page was opened" in text_of(response)
    assert counts() == before
    assert reread(training).title == "Peluang training"


def test_the_stale_message_in_indonesian(app, world):
    training = make_opportunity(world)
    client = app.test_client(user=world.users["hr"], locale="id")
    response = client.post(
        f"/hr/opportunities/{training.id}", data=training_form(version="7")
    )
    assert response.status_code == 409
    assert "sudah berubah sejak halaman dibuka" in text_of(response)


def test_a_quota_below_the_places_taken_is_refused(login, world):
    training = make_opportunity(world, booked=5)
    response = login("hr").post(
        f"/hr/opportunities/{training.id}",
        data=training_form(version="1", quota="4"),
    )
    assert response.status_code == 422
    assert "5 places are taken: the quota cannot be lower." in text_of(response)
    assert reread(training).quota == 20


def test_a_closed_opportunity_no_longer_changes(login, world):
    training = make_opportunity(world, status=OpportunityStatus.CLOSED)
    response = login("hr").post(
        f"/hr/opportunities/{training.id}", data=training_form(version="1")
    )
    assert response.status_code == 409
    assert "kept for the record" in text_of(response)


def test_weights_and_position_lock_after_the_first_application(login, world):
    vacancy = make_opportunity(world, OpportunityKind.VACANCY, applicants=1)
    hr = login("hr")
    before = counts()
    response = hr.post(
        f"/hr/opportunities/{vacancy.id}",
        data=vacancy_form(version="1", weight_performance="50", weight_experience="5"),
    )
    assert response.status_code == 409
    assert "cannot change after the first application" in text_of(response)
    response = hr.post(
        f"/hr/opportunities/{vacancy.id}",
        data=vacancy_form(version="1", position="PENGADM"),
    )
    assert response.status_code == 409
    assert counts() == before
    # Other fields still change.
    response = hr.post(
        f"/hr/opportunities/{vacancy.id}",
        data=vacancy_form(version="1", closes_on=days(20).isoformat()),
    )
    assert response.status_code == 303
    assert reread(vacancy).closes_on == days(20)


def test_a_weight_change_racing_the_first_application_cannot_slip_through(
    login, world, monkeypatch
):
    """The page was read with no applicants; the first application lands
    between the service's check and its UPDATE. The UPDATE's
    ``WHERE applicants = 0`` refuses the change."""
    from app.opportunities.services import publishing

    vacancy = make_opportunity(world, OpportunityKind.VACANCY)
    real_refuse = publishing._refuse_problems

    def apply_meanwhile(*args, **kwargs):
        checked = real_refuse(*args, **kwargs)
        # Another request's application, committed on its own connection.
        with db.engine.begin() as connection:
            connection.execute(
                update(Opportunity)
                .where(Opportunity.id == vacancy.id, Opportunity.applicants == 0)
                .values(applicants=Opportunity.applicants + 1)
            )
        return checked

    monkeypatch.setattr(publishing, "_refuse_problems", apply_meanwhile)
    response = login("hr").post(
        f"/hr/opportunities/{vacancy.id}",
        data=vacancy_form(version="1", weight_performance="55", weight_experience="0"),
    )
    assert response.status_code == 409
    assert "cannot change after the first application" in text_of(response)
    vacancy = reread(vacancy)
    assert vacancy.applicants == 1
    assert vacancy.weights["performance"] == 40
    assert _events(vacancy.id) == []


# Publishing and closing -------------------------------------------------------------


def test_publish_then_close_each_recorded(login, world):
    training = make_opportunity(world, status=OpportunityStatus.DRAFT)
    hr = login("hr")
    response = hr.post(
        f"/hr/opportunities/{training.id}/publish", data={"version": "1"}
    )
    assert response.status_code == 303
    training = reread(training)
    assert training.status is OpportunityStatus.PUBLISHED
    assert training.published_at is not None and training.version == 2
    response = hr.post(
        f"/hr/opportunities/{training.id}/close",
        data={"version": "2", "reason": "Kuota terpenuhi"},
    )
    assert response.status_code == 303
    training = reread(training)
    assert training.status is OpportunityStatus.CLOSED
    published, closed = _events(training.id)
    assert published.action == "opportunity.published"
    assert published.details == {
        "before": {"status": "draft"},
        "after": {"status": "published"},
    }
    assert closed.action == "opportunity.closed"
    assert closed.reason == "Kuota terpenuhi"


def test_steps_the_workflow_does_not_allow_are_refused(login, world):
    hr = login("hr")

    def step(opportunity, name, **data):
        return hr.post(f"/hr/opportunities/{opportunity.id}/{name}", data=data)

    draft = make_opportunity(world, status=OpportunityStatus.DRAFT)
    published = make_opportunity(world)
    before = counts()
    assert (
        hr.post(
            f"/hr/opportunities/{draft.id}/close", data={"version": "1"}
        ).status_code
        == 409
    )
    response = hr.post(
        f"/hr/opportunities/{published.id}/publish", data={"version": "1"}
    )
    assert response.status_code == 409
    assert "Only a draft can be published." in text_of(response)
    # Stale or missing version.
    assert (
        hr.post(
            f"/hr/opportunities/{draft.id}/publish", data={"version": "3"}
        ).status_code
        == 409
    )
    assert hr.post(f"/hr/opportunities/{draft.id}/publish", data={}).status_code == 409
    response = hr.post(
        f"/hr/opportunities/{published.id}/close",
        data={"version": "1", "reason": "x" * 501},
    )
    assert response.status_code == 422
    assert counts() == before


def test_a_draft_whose_closing_date_passed_is_not_published(login, world):
    draft = make_opportunity(
        world, status=OpportunityStatus.DRAFT, opens_on=days(-10), closes_on=days(-1)
    )
    response = login("hr").post(
        f"/hr/opportunities/{draft.id}/publish", data={"version": "1"}
    )
    assert response.status_code == 422
    assert "The closing date has passed" in text_of(response)
    assert reread(draft).status is OpportunityStatus.DRAFT


def test_unknown_opportunities_are_404(login, world):
    hr = login("hr")
    assert hr.get("/hr/opportunities/999/edit").status_code == 404
    assert (
        hr.post("/hr/opportunities/999/publish", data={"version": "1"}).status_code
        == 404
    )
    assert hr.get("/hr/opportunities/99999999999/edit").status_code == 404


def _queue(training) -> dict:
    rows = db.session.scalars(
        select(Registration)
        .where(Registration.opportunity_id == training.id)
        .order_by(Registration.id)
    )
    return {r.employee_id: r.status for r in rows}


@pytest.mark.parametrize(("quota", "moved_up"), [("3", 1), ("", 2)])
def test_raising_the_quota_moves_those_waiting_up_in_order(
    login, world, app, quota, moved_up
):
    training = make_opportunity(world, quota=2)
    four = people(world, 4)
    with app.test_request_context():
        for employee in four:
            register(training, employee, local_today())
            db.session.commit()
    assert list(_queue(training).values()).count(RegistrationStatus.WAITING) == 2
    response = login("hr").post(
        f"/hr/opportunities/{training.id}",
        data=training_form(version="1", quota=quota),
    )
    assert response.status_code == 303
    db.session.expire_all()
    queue = _queue(training)
    expected = [RegistrationStatus.REGISTERED] * (2 + moved_up)
    expected += [RegistrationStatus.WAITING] * (2 - moved_up)
    assert [queue[e.id] for e in four] == expected
    assert reread(training).booked == 2 + moved_up
    told = db.session.scalars(
        select(Notification.user_id).where(
            Notification.kind == NotificationKind.PLACE_CONFIRMED
        )
    ).all()
    assert len(told) == moved_up
