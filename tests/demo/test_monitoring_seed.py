"""``flask seed-demo``: data that makes every monitoring figure meaningful
(the 9-box and its pool, key positions, plans waiting, the three assessment
sources with an expired result, requests waiting for weeks, JP on both sides
of the target), added once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import catalogue
from app.demo.catalogue import persona_nip
from app.demo.seed import seed_demo
from app.extensions import db
from app.hr.catalogues import load_certificate_types, load_competencies, load_ranks
from app.i18n import WIB
from app.models import (
    PERFORMANCE_OF_PREDIKAT,
    AssessmentSource,
    CareerPlan,
    CompetencyAssessment,
    Employee,
    FeedbackSide,
    MentoringSession,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    PerformanceRating,
    PlanEvent,
    PlanEventKind,
    PlanStatus,
    Position,
    PotentialRating,
    RequestStatus,
    User,
)
from app.opportunities import ledger
from app.rules.evaluate import ASSESSMENT_VALID_YEARS

NOW = datetime(2027, 3, 10, 4, 0, tzinfo=UTC)
TODAY = NOW.astimezone(WIB).date()
KEY = {"CAMAT", "SEKCAM", "KASI-PEM-KEC"} | {
    f"LURAH-{k}" for k in ("LD", "PP", "RP", "TER", "TJ")
}


def _seed(now: datetime = NOW, employees: int = 150):
    load_ranks()
    load_competencies()
    load_certificate_types()
    return seed_demo(employees=employees, now=now)


@pytest.fixture
def seeded(app):
    return _seed()


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _boxes(year: int) -> dict[int, Counter]:
    """People per 9-box box number, per unit: this year's potential against
    last year's SKP."""
    performance = {
        e: PERFORMANCE_OF_PREDIKAT[p]
        for e, p in db.session.execute(
            select(PerformanceRating.employee_id, PerformanceRating.predikat).where(
                PerformanceRating.year == year - 1
            )
        )
    }
    boxes = catalogue.talent_boxes()
    per_unit: dict[int, Counter] = {}
    rows = db.session.execute(
        select(PotentialRating.employee_id, PotentialRating.level, Employee.unit_id)
        .join(Employee, Employee.id == PotentialRating.employee_id)
        .where(PotentialRating.year == year)
    )
    for employee_id, level, unit_id in rows:
        if employee_id in performance:
            box = boxes[(performance[employee_id], level)].number
            per_unit.setdefault(unit_id, Counter())[box] += 1
    return per_unit


def test_the_report_says_what_was_added(seeded):
    counts = seeded.monitoring
    assert counts.key_positions == len(KEY)
    assert counts.potential > 150
    assert counts.expired >= 5
    assert "potential ratings" in counts.line


def test_every_box_of_the_9_box_holds_people_and_units_differ(seeded):
    per_unit = _boxes(TODAY.year)
    total = sum(per_unit.values(), Counter())
    assert set(total) == set(range(1, 10))
    assert len(set(total.values())) > 3  # not the same count everywhere
    pool = sum(total[n] for n in (7, 8, 9))
    assert pool >= 10
    shapes = {
        tuple(sorted(c.items())) for c in per_unit.values() if sum(c.values()) > 4
    }
    assert len(shapes) > 3
    # Most people are rated, this year and last.
    people = _count(Employee)
    assert _count(PotentialRating, PotentialRating.year == TODAY.year) > 0.75 * people
    assert (
        _count(PotentialRating, PotentialRating.year == TODAY.year - 1) > 0.4 * people
    )


def test_potential_ratings_are_hr_s_never_their_own_nor_future(seeded):
    hr = db.session.scalar(
        select(User).join(Employee).where(Employee.nip == persona_nip("hr"))
    )
    ratings = db.session.scalars(select(PotentialRating)).all()
    assert {r.recorded_by_id for r in ratings} == {hr.id}
    assert hr.employee_id not in {r.employee_id for r in ratings}
    assert {r.year for r in ratings} == {TODAY.year - 1, TODAY.year}
    for rating in ratings:
        assert rating.recorded_at < NOW
        assert rating.recorded_at.astimezone(WIB).year == rating.year
        assert rating.basis.endswith(str(rating.year))


def test_most_people_have_last_year_s_skp(seeded):
    people = _count(Employee)
    rated = _count(PerformanceRating, PerformanceRating.year == TODAY.year - 1)
    assert rated > 0.75 * people
    assert _count(PerformanceRating, PerformanceRating.recorded_at >= NOW) == 0
    # Nadia's story stays: last year's SKP not yet in.
    nadia = db.session.scalar(
        select(Employee.id).where(Employee.nip == persona_nip("employee"))
    )
    assert not _count(
        PerformanceRating,
        PerformanceRating.employee_id == nadia,
        PerformanceRating.year == TODAY.year - 1,
    )


def test_key_positions_have_candidates_in_the_pool(seeded):
    keys = set(db.session.scalars(select(Position.code).where(Position.is_key)))
    assert keys == KEY
    per_unit = _boxes(TODAY.year)
    assert sum(c[n] for c in per_unit.values() for n in (8, 9)) >= len(KEY)
    # A pool candidate sits in a post below the Lurah of each kelurahan ...
    performance = dict(
        db.session.execute(
            select(PerformanceRating.employee_id, PerformanceRating.predikat).where(
                PerformanceRating.year == TODAY.year - 1
            )
        ).all()
    )
    high = db.session.execute(
        select(Position.code, PotentialRating.employee_id)
        .join(Employee, Employee.position_id == Position.id)
        .join(PotentialRating, PotentialRating.employee_id == Employee.id)
        .where(PotentialRating.year == TODAY.year, PotentialRating.level == "high")
    ).all()
    pool_posts = {
        code
        for code, employee_id in high
        if employee_id in performance
        and PERFORMANCE_OF_PREDIKAT[performance[employee_id]].rank >= 2
    }
    assert any(code.startswith(("SEKLUR-", "KASI-PEM-")) for code in pool_posts)
    assert any(
        code.startswith(("KASUBBAG-", "SEKLUR-", "KASI-")) for code in pool_posts
    )


def test_plans_in_every_state_and_some_waiting_for_weeks(seeded):
    statuses = set(
        db.session.scalars(
            select(CareerPlan.status).where(CareerPlan.period == TODAY.year)
        )
    )
    assert statuses == set(PlanStatus)
    submitted = db.session.execute(
        select(func.max(PlanEvent.created_at))
        .join(CareerPlan)
        .where(
            CareerPlan.status == PlanStatus.SUBMITTED,
            PlanEvent.kind == PlanEventKind.SUBMITTED,
        )
        .group_by(CareerPlan.id)
    ).scalars()
    waits = [(NOW - at.replace(tzinfo=at.tzinfo or UTC)).days for at in submitted]
    assert all(days >= 0 for days in waits)
    assert any(days >= 14 for days in waits) and any(days < 7 for days in waits)
    # Spread over the units.
    per_unit = Counter(
        db.session.execute(
            select(Employee.unit_id, CareerPlan.status)
            .join(CareerPlan, CareerPlan.employee_id == Employee.id)
            .where(CareerPlan.period == TODAY.year)
        ).all()
    )
    units = {unit for unit, _status in per_unit}
    assert len(units) > 5


def test_all_three_assessment_sources_and_an_expired_result(seeded):
    sources = set(db.session.scalars(select(CompetencyAssessment.source).distinct()))
    assert sources == set(AssessmentSource)
    limit = NOW - timedelta(days=365 * ASSESSMENT_VALID_YEARS)
    expired = db.session.scalars(
        select(CompetencyAssessment).where(
            CompetencyAssessment.source == AssessmentSource.ASSESSMENT,
            CompetencyAssessment.assessed_at < limit,
        )
    ).all()
    assert len(expired) >= 5
    # A newer supervisor's level of the same competency counts instead.
    for old in expired:
        newer = _count(
            CompetencyAssessment,
            CompetencyAssessment.employee_id == old.employee_id,
            CompetencyAssessment.competency_id == old.competency_id,
            CompetencyAssessment.source == AssessmentSource.SUPERVISOR,
            CompetencyAssessment.assessed_at > old.assessed_at,
        )
        assert newer


def test_requests_wait_for_days_and_for_weeks(seeded):
    created = db.session.scalars(
        select(MentorshipRequest.created_at).where(
            MentorshipRequest.status == RequestStatus.PENDING
        )
    ).all()
    ages = [(NOW - at.replace(tzinfo=at.tzinfo or UTC)).days for at in created]
    assert all(age >= 0 for age in ages)
    assert any(age < 7 for age in ages)
    assert any(age >= 14 for age in ages)
    assert len({age // 7 for age in ages}) >= 3


def test_sessions_in_each_of_the_last_twelve_months(app):
    later = datetime(2027, 11, 20, 4, 0, tzinfo=UTC)
    report = _seed(later)
    assert report.monitoring.earlier_mentorships >= 4
    today = later.astimezone(WIB).date()
    months = {
        (day.year, day.month)
        for day in db.session.scalars(select(MentoringSession.held_on))
    }
    wanted = {
        ((today.month - n - 1) // 12 + today.year, (today.month - n - 1) % 12 + 1)
        for n in range(12)
    }
    assert len(wanted & months) >= 11
    # The earlier ones are closed, with feedback from both sides.
    for mentorship in db.session.scalars(
        select(Mentorship).where(Mentorship.started_at < later - timedelta(days=240))
    ):
        assert mentorship.status is MentorshipStatus.CLOSED
        assert {f.side for f in mentorship.feedback} == set(FeedbackSide)
        assert mentorship.sessions
    _jp_on_both_sides(later)


def _jp_on_both_sides(later: datetime) -> None:
    year = later.astimezone(WIB).year
    people = db.session.execute(
        select(Employee.id, Employee.unit_id, Employee.employment_type)
    ).all()
    start, end = ledger.year_bounds(year)
    tallies = ledger.tallies([p.id for p in people], start, end)
    reached: dict[int, set[bool]] = {}
    for person in people:
        jp = tallies.get(person.id, ledger.Tally()).total
        target = catalogue.jp_target(person.employment_type)
        reached.setdefault(person.unit_id, set()).add(jp >= target)
    assert sum({True, False} <= seen for seen in reached.values()) >= 3


def test_seeding_again_adds_nothing(app):
    _seed()
    tables = (PotentialRating, PerformanceRating, CompetencyAssessment)
    before = {model: _count(model) for model in tables}
    keys = set(db.session.scalars(select(Position.code).where(Position.is_key)))
    report = _seed(NOW + timedelta(days=20))
    assert report.monitoring.potential == 0
    assert {model: _count(model) for model in tables} == before
    assert set(db.session.scalars(select(Position.code).where(Position.is_key))) == keys
    # HR's own mark stays: a position HR unmarked is not marked again.
    camat = db.session.scalar(select(Position).where(Position.code == "CAMAT"))
    camat.is_key = False
    db.session.commit()
    _seed(NOW + timedelta(days=21))
    assert not db.session.get(Position, camat.id).is_key


def test_the_data_is_dated_by_the_day_of_seeding(app):
    early = datetime(2027, 1, 3, 1, 0, tzinfo=UTC)
    _seed(early)
    year = early.astimezone(WIB).year
    assert _count(PotentialRating, PotentialRating.recorded_at >= early) == 0
    assert _count(PerformanceRating, PerformanceRating.recorded_at >= early) == 0
    # Even on the third of January most have last year's SKP and this year's
    # potential rating.
    people = _count(Employee)
    assert _count(PerformanceRating, PerformanceRating.year == year - 1) > 0.6 * people
    assert _count(PotentialRating, PotentialRating.year == year) > 0.75 * people
