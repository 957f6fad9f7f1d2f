"""``flask seed-demo``: opportunities that show every step, consistent with the
rules the app enforces, added once."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app.audit import events_of
from app.demo.catalogue import persona_nip
from app.extensions import db
from app.i18n import local_today
from app.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    CareerPlan,
    Employee,
    Notification,
    NotificationKind,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    RecordSource,
    RecordStatus,
    Registration,
    RegistrationStatus,
    TrainingRecord,
    User,
)
from app.opportunities import ledger
from app.opportunities.eligibility import eligibility_of
from app.opportunities.ranking import rank_applicants

REPORT = re.compile(
    r"Opportunities: (\d+) trainings \((\d+) registrations, (\d+) waiting\), "
    r"(\d+) vacancies \((\d+) applications\), (\d+) JP records\."
)


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _employee(role: str) -> Employee:
    return db.session.scalar(select(Employee).where(Employee.nip == persona_nip(role)))


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert result.exit_code == 0, result.output
    return result


def test_the_report_counts_what_was_added(seeded):
    found = REPORT.search(seeded.output)
    assert found, seeded.output
    trainings, registrations, waiting, vacancies, applications, records = map(
        int, found.groups()
    )
    assert trainings == _count(
        Opportunity,
        Opportunity.kind == OpportunityKind.TRAINING,
        Opportunity.status != OpportunityStatus.DRAFT,
    )
    assert registrations == _count(Registration) > 0
    assert waiting == _count(
        Registration, Registration.status == RegistrationStatus.WAITING
    )
    assert records == _count(TrainingRecord) > 0
    assert vacancies == _count(
        Opportunity,
        Opportunity.kind == OpportunityKind.VACANCY,
        Opportunity.status != OpportunityStatus.DRAFT,
    )
    assert applications == _count(Application)


def test_a_second_run_adds_no_opportunity(seeded, runner):
    before = (_count(Opportunity), _count(Registration), _count(TrainingRecord))
    again = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert again.exit_code == 0, again.output
    assert (_count(Opportunity), _count(Registration), _count(TrainingRecord)) == (
        before
    )


def test_every_training_keeps_its_quota_and_one_has_a_waiting_list(seeded):
    trainings = db.session.scalars(
        select(Opportunity).where(Opportunity.kind == OpportunityKind.TRAINING)
    ).all()
    full = 0
    for training in trainings:
        holding = _count(
            Registration,
            Registration.opportunity_id == training.id,
            Registration.status.in_(
                [
                    RegistrationStatus.REGISTERED,
                    RegistrationStatus.ATTENDED,
                    RegistrationStatus.ABSENT,
                ]
            ),
        )
        waiting = _count(
            Registration,
            Registration.opportunity_id == training.id,
            Registration.status == RegistrationStatus.WAITING,
        )
        assert training.booked == holding
        if training.quota is not None:
            assert holding <= training.quota
        if waiting:
            assert training.booked == training.quota
            full += 1
    assert full >= 1
    today = local_today()
    open_ones = [
        t
        for t in trainings
        if t.status is OpportunityStatus.PUBLISHED
        and t.opens_on <= today <= t.closes_on
    ]
    assert any(t.places_left for t in open_ones)


def test_attendance_of_a_held_training_gives_verified_jp_once(seeded):
    held = db.session.scalars(
        select(Opportunity).where(
            Opportunity.kind == OpportunityKind.TRAINING,
            Opportunity.status == OpportunityStatus.CLOSED,
        )
    ).one()
    attended = _count(
        Registration,
        Registration.opportunity_id == held.id,
        Registration.status == RegistrationStatus.ATTENDED,
    )
    records = db.session.scalars(
        select(TrainingRecord).where(TrainingRecord.opportunity_id == held.id)
    ).all()
    assert attended == len(records) > 0
    assert {r.status for r in records} == {RecordStatus.VERIFIED}
    assert {r.jp for r in records} == {held.jp}
    assert _count(
        Registration,
        Registration.opportunity_id == held.id,
        Registration.status == RegistrationStatus.ABSENT,
    )
    # Each marking is in the trail of the person it concerns.
    marked = _count(
        AuditEvent,
        AuditEvent.action == "attendance.marked",
        AuditEvent.concerns_id.is_not(None),
    )
    assert marked == _count(Registration, Registration.opportunity_id == held.id)


def test_hr_has_certificates_to_verify_and_decisions_carry_reasons(seeded):
    external = db.session.scalars(
        select(TrainingRecord).where(TrainingRecord.source == RecordSource.CERTIFICATE)
    ).all()
    states = {r.status for r in external}
    assert states == set(RecordStatus)
    for record in external:
        if record.status is RecordStatus.REJECTED:
            assert record.reason
        if record.status is RecordStatus.SUBMITTED:
            assert record.verified_at is None
        else:
            assert record.verified_by_id is not None


def test_nadia_is_below_her_jp_target_with_a_course_waiting(seeded):
    nadia = _employee("employee")
    today = local_today()
    standing = ledger.year_standing(nadia, today)
    assert 0 < standing.total < standing.target
    assert standing.tally.training > 0  # the verified webinar
    waiting = db.session.scalars(
        select(TrainingRecord).where(
            TrainingRecord.employee_id == nadia.id,
            TrainingRecord.status == RecordStatus.SUBMITTED,
        )
    ).all()
    assert len(waiting) == 1
    # The waiting course does not count until HR verifies it.
    start = date(today.year, 1, 1)
    verified = db.session.scalar(
        select(func.sum(TrainingRecord.jp)).where(
            TrainingRecord.employee_id == nadia.id,
            TrainingRecord.status == RecordStatus.VERIFIED,
            TrainingRecord.completed_on >= start,
        )
    )
    assert standing.tally.training == verified


def test_publishing_is_in_each_opportunitys_history(seeded):
    for opportunity in db.session.scalars(select(Opportunity)):
        actions = {e.action for e in events_of("opportunity", opportunity.id).items}
        if opportunity.status is OpportunityStatus.DRAFT:
            assert actions == set()
        else:
            assert "opportunity.published" in actions


def _vacancies() -> list[Opportunity]:
    return db.session.scalars(
        select(Opportunity)
        .where(Opportunity.kind == OpportunityKind.VACANCY)
        .order_by(Opportunity.id)
    ).all()


def test_open_vacancies_have_eligible_applicants_ranked_by_merit(seeded):
    today = local_today()
    open_ones = [v for v in _vacancies() if v.status is OpportunityStatus.PUBLISHED]
    assert len(open_ones) >= 2
    for vacancy in open_ones:
        ranking = rank_applicants(vacancy, today)
        assert vacancy.applicants == len(ranking.items) > 0
        for ranked in ranking:
            employee = db.session.get(Employee, ranked.application.employee_id)
            assert eligibility_of(employee, vacancy.position, today).eligible
    placement = max(open_ones, key=lambda v: v.applicants)
    scores = [r.merit.score for r in rank_applicants(placement, today)]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) > 1  # the figures differ, as they would


def test_a_decided_selection_keeps_its_figures_and_reasons(seeded):
    [decided] = [v for v in _vacancies() if v.selection_closed_at is not None]
    assert decided.status is OpportunityStatus.CLOSED
    rows = db.session.scalars(
        select(Application)
        .where(Application.opportunity_id == decided.id)
        .order_by(Application.rank)
    ).all()
    assert [a.rank for a in rows] == list(range(1, len(rows) + 1))
    assert len(rows) >= 2
    assert [a.status for a in rows] == [ApplicationStatus.SELECTED] * decided.posts + [
        ApplicationStatus.NOT_SELECTED
    ] * (len(rows) - decided.posts)
    assert all(a.reason and a.components and a.score is not None for a in rows)
    assert [a.score for a in rows] == sorted((a.score for a in rows), reverse=True)
    for application in rows:
        trail = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "application.decided",
                AuditEvent.subject_id == application.id,
            )
        ).all()
        assert [e.concerns_id for e in trail] == [application.employee_id]
        told = db.session.scalar(
            select(func.count()).where(
                Notification.kind == NotificationKind.APPLICATION_DECIDED,
                Notification.subject_id == decided.id,
                Notification.user_id
                == select(User.id)
                .where(User.employee_id == application.employee_id)
                .scalar_subquery(),
            )
        )
        assert told == 1


def test_nadia_is_told_of_the_vacancy_her_plan_targets_and_why_she_cannot_apply(
    seeded,
):
    nadia = _employee("employee")
    today = local_today()
    plan = db.session.scalar(
        select(CareerPlan).where(
            CareerPlan.employee_id == nadia.id, CareerPlan.period == today.year
        )
    )
    [vacancy] = [
        v
        for v in _vacancies()
        if v.position_id == plan.target_position_id
        and v.status is OpportunityStatus.PUBLISHED
    ]
    login = db.session.scalar(select(User).where(User.employee_id == nadia.id))
    notice = db.session.scalar(
        select(Notification).where(
            Notification.user_id == login.id,
            Notification.kind == NotificationKind.OPPORTUNITY_OPENED,
            Notification.subject_id == vacancy.id,
        )
    )
    assert notice is not None and notice.is_unread
    eligibility = eligibility_of(nadia, vacancy.position, today)
    assert not eligibility.eligible
    assert eligibility.missing
