"""Bad requests to trainings: a translated message, 4xx, nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import Opportunity, OpportunityKind, Registration, RegistrationStatus
from app.opportunities.services import training
from tests.conftest import text_of
from tests.opportunities.factories_training import make_training


def _snapshot():
    db.session.expire_all()
    return (
        db.session.execute(
            select(Registration.id, Registration.status, Registration.queued_at)
        ).all(),
        db.session.execute(select(Opportunity.id, Opportunity.booked)).all(),
    )


def _closed_with_sri_registered():
    today = local_today()
    course = make_training(
        opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=1)
    )
    return course


def test_withdrawing_after_closing_is_refused_in_indonesian(world, app):
    course = _closed_with_sri_registered()
    training.register(course, world.employee, course.opens_on)
    before = _snapshot()
    client = app.test_client(user=world.users["employee"], locale="id")
    response = client.post(f"/opportunities/{course.id}/unregister")
    assert response.status_code == 409
    assert "pendaftaran tidak dapat dibatalkan lagi" in text_of(response)
    assert _snapshot() == before


def test_registering_after_closing_is_refused(world, login):
    course = _closed_with_sri_registered()
    before = _snapshot()
    response = login("supervisor").post(f"/opportunities/{course.id}/register")
    assert response.status_code == 409
    assert "Registration for this training has closed." in text_of(response)
    assert _snapshot() == before


@pytest.mark.parametrize(
    "kind", [OpportunityKind.ANNOUNCEMENT, OpportunityKind.VACANCY]
)
def test_registering_for_what_is_no_training_is_refused(world, login, kind):
    course = make_training(kind=kind)
    response = login("employee").post(f"/opportunities/{course.id}/register")
    assert response.status_code == 409
    assert "Only a training takes registrations." in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 0


@pytest.mark.parametrize(
    "url",
    [
        "/opportunities/99999999999/register",
        "/opportunities/424242/register",
        "/opportunities/424242/unregister",
    ],
)
def test_unknown_trainings_are_404(world, login, url):
    assert login("employee").post(url).status_code == 404


def test_a_forged_withdrawal_of_nothing_changes_nothing(world, login):
    course = make_training(quota=1)
    training.register(course, world.colleague, local_today())
    before = _snapshot()
    response = login("employee").post(f"/opportunities/{course.id}/unregister")
    assert response.status_code == 409
    assert _snapshot() == before
    assert training.registration_of(course.id, world.colleague.id).status is (
        RegistrationStatus.REGISTERED
    )
