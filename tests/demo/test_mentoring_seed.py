"""``flask seed-demo``: mentoring that is consistent, tells a story, and scales."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.demo.catalogue import persona_nip
from app.demo.seed import seed_demo
from app.extensions import db
from app.hr.catalogues import load_certificate_types, load_competencies, load_ranks
from app.hr.outcomes.queries import closed_outcomes
from app.hr.outcomes.rules import Outcome, figures_by_mentor
from app.i18n import WIB, local_today
from app.matching.features import TEACHING_LEVEL
from app.mentoring import abilities, queries, suggest
from app.mentoring.services import profiles as mentor_profiles
from app.mentoring.services.mentorships import jp_of
from app.models import (
    ActivityKind,
    ActivityStatus,
    AssessmentSource,
    CareerPlan,
    CompetencyAssessment,
    DevelopmentActivity,
    Employee,
    FeedbackSide,
    MentorCompetency,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    Notification,
    NotificationKind,
    PlanStatus,
    RequestStatus,
    User,
)
from app.models.mentoring import request_goals
from app.notifications.services import unread_count
from app.profile.services import effective_levels

REPORT = re.compile(
    r"Mentoring: (\d+) mentors \((\d+) open\), (\d+) pending requests, "
    r"(\d+) active mentorships, (\d+) sessions\."
)


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _employee(role: str) -> Employee:
    return db.session.scalar(select(Employee).where(Employee.nip == persona_nip(role)))


def _profiles() -> list[MentorProfile]:
    return db.session.scalars(select(MentorProfile)).all()


def _active_counts() -> Counter:
    return Counter(
        db.session.scalars(
            select(Mentorship.mentor_id).where(
                Mentorship.status == MentorshipStatus.ACTIVE
            )
        )
    )


def _notes(user: User) -> list[Notification]:
    return db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
    ).all()


def _snapshot() -> tuple:
    """Everything the mentoring seed writes, counted."""
    return (
        _count(MentorProfile),
        _count(MentorCompetency),
        _count(CompetencyAssessment),
        _count(MentorshipRequest),
        db.session.scalar(select(func.count()).select_from(request_goals)),
        _count(Mentorship),
        _count(MentoringSession),
        _count(MentorshipFeedback),
        _count(Notification),
    )


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert result.exit_code == 0, result.output
    return result


# -- invariants ----------------------------------------------------------------


def test_the_report_counts_the_mentoring(seeded):
    found = REPORT.search(seeded.output)
    assert found, seeded.output
    mentors, open_mentors, pending, active, sessions = map(int, found.groups())
    profiles = _profiles()
    assert mentors == len(profiles) > 0
    assert open_mentors == sum(p.is_open for p in profiles)
    assert 0 < open_mentors < mentors
    assert pending == _count(
        MentorshipRequest, MentorshipRequest.status == RequestStatus.PENDING
    )
    assert active == _count(Mentorship, Mentorship.status == MentorshipStatus.ACTIVE)
    assert sessions == _count(MentoringSession)
    assert pending and active and sessions


def test_every_offer_is_backed_by_an_external_level_of_four_or_more(seeded):
    profiles = _profiles()
    levels = effective_levels([p.employee_id for p in profiles])
    latest_external: dict[tuple[int, int], CompetencyAssessment] = {}
    for row in db.session.scalars(
        select(CompetencyAssessment)
        .where(CompetencyAssessment.source != AssessmentSource.SELF)
        .order_by(CompetencyAssessment.assessed_at, CompetencyAssessment.id)
    ):
        latest_external[row.employee_id, row.competency_id] = row
    for profile in profiles:
        offered = [c.competency_id for c in profile.competencies]
        assert 2 <= len(offered) <= 4
        teachable = {c.id for c, _ in mentor_profiles.teachable(profile.employee_id)}
        for competency_id in offered:
            assert levels[profile.employee_id][competency_id] >= TEACHING_LEVEL
            assert competency_id in teachable
            external = latest_external[profile.employee_id, competency_id]
            assert TEACHING_LEVEL <= external.level <= 5
            assert external.assessed_at < datetime.now(UTC)
    # Assessment-centre levels are recorded by HR.
    hr = _employee("hr").user
    centre = db.session.scalars(
        select(CompetencyAssessment).where(
            CompetencyAssessment.source == AssessmentSource.ASSESSMENT
        )
    ).all()
    assert centre and all(row.assessed_by_id == hr.id for row in centre)


def test_profiles_read_like_real_offers(seeded):
    profiles = _profiles()
    for profile in profiles:
        assert profile.is_active
        assert len(profile.expertise) > 40
        assert profile.availability
        assert 0 <= profile.active_mentees <= profile.capacity
    assert any(p.is_paused for p in profiles)
    assert any(p.active_mentees == p.capacity for p in profiles)  # a full mentor
    mentor = queries.profile_of(_employee("mentor").id)
    assert mentor.is_open
    assert mentor.availability == "Selasa dan Kamis, 14.00-16.00 WIB"
    assert "Musrenbang" in mentor.expertise


def test_active_mentees_equal_the_active_mentorships(seeded):
    active = _active_counts()
    for profile in _profiles():
        assert profile.active_mentees == active[profile.employee_id]
    mentors = {p.employee_id for p in _profiles()}
    assert set(active) <= mentors


def test_requests_follow_the_rules(seeded):
    now = datetime.now(UTC)
    requests = db.session.scalars(select(MentorshipRequest)).all()
    assert {r.status for r in requests} >= {
        RequestStatus.PENDING,
        RequestStatus.ACCEPTED,
        RequestStatus.DECLINED,
    }
    pending = Counter(
        (r.mentee_id, r.mentor_id)
        for r in requests
        if r.status is RequestStatus.PENDING
    )
    assert pending and max(pending.values()) == 1
    profiles = {p.employee_id: p for p in _profiles()}
    active_pairs = set(
        db.session.execute(
            select(Mentorship.mentee_id, Mentorship.mentor_id).where(
                Mentorship.status == MentorshipStatus.ACTIVE
            )
        ).all()
    )
    year = local_today().year
    current: dict[int, list[CareerPlan]] = {}
    for plan in db.session.scalars(select(CareerPlan).where(CareerPlan.period == year)):
        current.setdefault(plan.employee_id, []).append(plan)
    for request in requests:
        assert request.mentee_id != request.mentor_id
        assert request.mentor_id in profiles
        assert request.created_at < now
        assert request.message.strip()
        if request.status is RequestStatus.PENDING:
            assert request.decided_at is None
            assert request.mentorship is None
            assert (request.mentee_id, request.mentor_id) not in active_pairs
            assert not profiles[request.mentor_id].is_paused
        else:
            assert request.created_at < request.decided_at < now
            assert (request.mentorship is not None) is (
                request.status is RequestStatus.ACCEPTED
            )
        # The goals are of the plan the mentee had then: this year's, or last
        # year's where this year's came later.
        for goal in request.goals:
            assert goal.plan.employee_id == request.mentee_id
            assert goal.plan.period >= year - 1
            assert goal.plan.created_at <= request.created_at + timedelta(days=1)
            if goal.plan.period < year:
                assert all(
                    plan.created_at > request.created_at
                    for plan in current.get(request.mentee_id, [])
                )
        mentee = request.mentee
        assert mentee.supervisor_id != request.mentor_id


def test_sessions_lie_in_the_past_within_their_mentorship(seeded):
    today = local_today()
    sessions = db.session.scalars(select(MentoringSession)).all()
    assert sessions
    for session in sessions:
        mentorship = session.mentorship
        assert session.held_on <= today + timedelta(days=7)
        assert session.held_on <= today
        started = mentorship.started_at.astimezone(WIB).date()
        assert session.held_on > started
        if mentorship.closed_at is not None:
            assert session.held_on <= mentorship.closed_at.astimezone(WIB).date()
        assert 15 <= session.minutes <= 480
        assert session.topic
        logger = db.session.get(User, session.logged_by_id).employee_id
        assert logger in (mentorship.mentee_id, mentorship.mentor_id)


def test_linked_activities_reflect_the_jp_logged(seeded):
    year = local_today().year
    linked = db.session.scalars(
        select(DevelopmentActivity).where(
            DevelopmentActivity.id.in_(
                select(MentoringSession.activity_id).where(
                    MentoringSession.activity_id.is_not(None)
                )
            )
        )
    ).all()
    assert linked
    minutes = queries.logged_minutes([a.id for a in linked])
    statuses = Counter()
    for activity in linked:
        plan = activity.goal.plan
        assert activity.kind is ActivityKind.MENTORING
        assert plan.period >= year
        assert plan.status in (PlanStatus.APPROVED, PlanStatus.SUBMITTED)
        assert plan.version == 1
        earned = jp_of(minutes[activity.id])
        if earned >= activity.planned_jp:
            assert activity.status is ActivityStatus.DONE
            assert activity.evidence
        else:
            assert activity.status is ActivityStatus.IN_PROGRESS
        statuses[activity.status] += 1
        # Named after the mentor the sessions are with, counted by the service.
        logged = db.session.scalars(
            select(MentoringSession).where(MentoringSession.activity_id == activity.id)
        ).all()
        mentors = {s.mentorship.mentor for s in logged}
        assert len(mentors) == 1
        assert activity.title.endswith(mentors.pop().name)
        assert activity in queries.linkable_activities(plan.employee_id, year)
        assert plan.updated_at >= max(s.created_at for s in logged)
    assert statuses[ActivityStatus.DONE] and statuses[ActivityStatus.IN_PROGRESS]


def test_the_demo_moves_activities_by_the_plans_rule(app, monkeypatch):
    """Sessions move a plan activity in the demo as in the service: one rule."""
    from app.demo.mentoring import mentorships as demo
    from app.plans import progress as plans

    assert demo.mentoring_progress is plans.mentoring_progress
    assert demo.jp_of is jp_of
    earned = []

    def never_done(status, planned_jp, earned_jp):
        earned.append(earned_jp)
        return ActivityStatus.IN_PROGRESS

    monkeypatch.setattr(demo, "mentoring_progress", never_done)
    load_ranks()
    load_competencies()
    load_certificate_types()
    seed_demo(employees=120)
    linked = db.session.scalars(
        select(DevelopmentActivity.status).where(
            DevelopmentActivity.id.in_(select(MentoringSession.activity_id))
        )
    ).all()
    assert earned and linked
    assert set(linked) == {ActivityStatus.IN_PROGRESS}


def test_closed_mentorships_have_feedback(seeded):
    closed = db.session.scalars(
        select(Mentorship).where(Mentorship.status == MentorshipStatus.CLOSED)
    ).all()
    assert closed
    for mentorship in closed:
        assert mentorship.closed_at > mentorship.started_at
        closer = db.session.get(User, mentorship.closed_by_id).employee_id
        side = abilities.side_of(mentorship, closer)
        sides = {f.side: f for f in mentorship.feedback}
        assert side in sides
        for feedback in sides.values():
            assert feedback.comment
            assert feedback.created_at >= mentorship.closed_at


def _shows_every_outcome(now: datetime) -> None:
    """A confirmed rise, a rise by self-assessment only and a competency not
    reassessed; every level after a start lies before ``now``."""
    outcomes = closed_outcomes()
    taught = [c for o in outcomes for c in o.competencies]
    assert any(c.confirmed_rise for c in taught)
    assert any(c.self_assessed_rise for c in taught)
    assert any(c.outcome is Outcome.NOT_REASSESSED for c in taught)
    for outcome in outcomes:
        for competency in outcome.competencies:
            if competency.after is not None:
                assert outcome.started_at < competency.after.assessed_at < now
    shares = [f.confirmed_share for f in figures_by_mentor(outcomes).values()]
    shares = [share for share in shares if share is not None]
    assert max(shares) - min(shares) >= 0.5  # mentors differ


def test_closed_mentorships_show_what_became_of_the_levels(seeded):
    _shows_every_outcome(datetime.now(UTC))
    # Rosmawati's former mentee rated her 5; the supervisor saw a level rise.
    mentor = _employee("mentor")
    (hers,) = [o for o in closed_outcomes() if o.mentor_id == mentor.id]
    assert hers.mentee_rating == 5 and hers.confirmed_rises >= 1
    # The levels after a mentorship are the supervisor's or the mentee's own.
    users = {u.id: u.employee_id for u in db.session.scalars(select(User))}
    supervisors = dict(
        db.session.execute(select(Employee.id, Employee.supervisor_id)).all()
    )
    after = db.session.scalars(
        select(CompetencyAssessment).where(
            CompetencyAssessment.note.like("%setelah mentoring bersama%")
        )
    ).all()
    assert after
    for row in after:
        giver = users[row.assessed_by_id]
        if row.source is AssessmentSource.SELF:
            assert giver == row.employee_id
        else:
            assert row.source is AssessmentSource.SUPERVISOR
            assert giver == supervisors[row.employee_id]


@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 1, 20, 2, 0, tzinfo=UTC),  # this year's plans are new
        datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
        datetime(2027, 8, 15, 9, 0, tzinfo=UTC),
    ],
)
def test_the_outcomes_show_on_any_day(app, now):
    load_ranks()
    load_competencies()
    load_certificate_types()
    seed_demo(employees=150, now=now)
    _shows_every_outcome(now)


def test_notifications_match_the_data(seeded):
    notes = db.session.scalars(select(Notification)).all()
    now = datetime.now(UTC)
    kinds = Counter(n.kind for n in notes)
    assert (
        kinds[NotificationKind.REQUEST_RECEIVED]
        >= _count(MentorshipRequest, MentorshipRequest.status == RequestStatus.PENDING)
        - kinds[NotificationKind.COHORT_PROPOSED]
    )
    assert kinds[NotificationKind.REQUEST_ACCEPTED] == _count(Mentorship)
    assert kinds[NotificationKind.SESSION_LOGGED] == _count(MentoringSession)
    assert kinds[NotificationKind.PLAN_SUBMITTED]
    requests = {r.id: r for r in db.session.scalars(select(MentorshipRequest))}
    mentorships = {m.id: m for m in db.session.scalars(select(Mentorship))}
    plans = {p.id: p for p in db.session.scalars(select(CareerPlan))}
    users = {u.id: u.employee_id for u in db.session.scalars(select(User))}
    for note in notes:
        assert note.created_at < now
        assert note.read_at is None or note.created_at <= note.read_at < now
        assert note.actor_name
        reader = users[note.user_id]
        if note.kind is NotificationKind.REQUEST_RECEIVED:
            assert requests[note.subject_id].mentor_id == reader
        elif note.kind in (
            NotificationKind.REQUEST_ACCEPTED,
            NotificationKind.SESSION_LOGGED,
            NotificationKind.MENTORSHIP_CLOSED,
            NotificationKind.FEEDBACK_GIVEN,
        ):
            mentorship = mentorships[note.subject_id]
            assert reader in (mentorship.mentee_id, mentorship.mentor_id)
        elif note.kind is NotificationKind.PLAN_SUBMITTED:
            assert plans[note.subject_id].employee.supervisor_id == reader
        elif note.kind in (
            NotificationKind.PLAN_APPROVED,
            NotificationKind.PLAN_RETURNED,
        ):
            assert plans[note.subject_id].employee_id == reader
    # Still pending: unread; long past: read.
    for note in notes:
        if note.kind is NotificationKind.REQUEST_RECEIVED and (
            requests[note.subject_id].status is RequestStatus.PENDING
        ):
            assert note.read_at is None
        if note.created_at < now - timedelta(days=8) and (
            note.kind is NotificationKind.SESSION_LOGGED
        ):
            assert note.read_at is not None


# -- what each demo login sees --------------------------------------------------


def test_the_mentor_login_has_an_inbox_mentees_and_history(seeded):
    mentor = _employee("mentor")
    nadia = _employee("employee")
    inbox = queries.inbox(mentor.id)
    assert 2 <= len(inbox) <= 3
    assert nadia.id in {r.mentee_id for r in inbox}
    for request in inbox:
        assert request.message.strip()
        assert request.goals
        offered = {c.competency_id for c in queries.profile_of(mentor.id).competencies}
        assert {g.competency_id for g in request.goals} <= offered
    assert queries.pending_count(mentor.id) == len(inbox)

    mentorships = queries.mentorships_of(mentor.id)
    active = [m for m in mentorships if m.is_active]
    closed = [m for m in mentorships if not m.is_active]
    assert 1 <= len(active) <= 2 and len(closed) == 1
    profile = queries.profile_of(mentor.id)
    assert profile.active_mentees == len(active) < profile.capacity
    states = set()
    for mentorship in active:
        loaded = queries.load_mentorship(mentorship.id)
        assert len(loaded.sessions) >= 2
        states |= {s.activity.status for s in loaded.sessions if s.activity}
    assert states == {ActivityStatus.DONE, ActivityStatus.IN_PROGRESS}
    history = queries.load_mentorship(closed[0].id)
    assert {f.side for f in history.feedback} == set(FeedbackSide)
    assert all(f.comment for f in history.feedback)
    assert len(history.sessions) >= 3

    notes = _notes(mentor.user)
    kinds = {n.kind for n in notes}
    assert {
        NotificationKind.REQUEST_RECEIVED,
        NotificationKind.SESSION_LOGGED,
        NotificationKind.MENTORSHIP_CLOSED,
    } <= kinds
    unread = unread_count(mentor.user.id)
    assert len(inbox) <= unread < len(notes)


def test_the_mentor_login_teaches_at_the_level_asked_and_is_suggested(seeded, app):
    """Rosmawati offers several competencies at the teaching level or more, holds
    the target of every goal she is asked about, and is suggested to mentees."""
    mentor = _employee("mentor")
    offered = {c.competency_id for c in queries.profile_of(mentor.id).competencies}
    levels = effective_levels([mentor.id])[mentor.id]
    assert len(offered) >= 3
    assert all(levels[c] >= TEACHING_LEVEL for c in offered)
    asked = [
        goal
        for request in db.session.scalars(
            select(MentorshipRequest).where(MentorshipRequest.mentor_id == mentor.id)
        )
        for goal in request.goals
    ]
    assert asked
    for goal in asked:
        assert goal.competency_id in offered
        assert levels[goal.competency_id] >= goal.target_level
    today = local_today()
    plans = db.session.scalars(
        select(CareerPlan)
        .where(CareerPlan.period == today.year, CareerPlan.employee_id != mentor.id)
        .order_by(CareerPlan.id)
    ).all()
    suggested_to = 0
    with app.test_request_context():
        for plan in plans[:40]:
            unavailable = queries.unavailable_to(plan.employee_id)
            if mentor.id in unavailable:
                continue
            found, _ = suggest.suggest_for(
                plan.employee, today, suggest.Filters(), exclude=unavailable
            )
            suggested_to += any(s.mentor.id == mentor.id for s in found)
    assert suggested_to >= 3


def test_the_employee_login_has_a_mentor_a_request_and_suggestions(seeded):
    nadia = _employee("employee")
    mentor = _employee("mentor")
    today = local_today()
    sent = queries.requests_sent(nadia.id)
    assert [r.mentor_id for r in sent if r.status is RequestStatus.PENDING] == [
        mentor.id
    ]
    mentorships = queries.mentorships_of(nadia.id)
    assert len(mentorships) == 1 and mentorships[0].is_active
    own = queries.load_mentorship(mentorships[0].id)
    assert len(own.sessions) == 2
    assert all(s.held_on < today for s in own.sessions)
    unavailable = queries.unavailable_to(nadia.id)
    assert unavailable == {mentor.id, own.mentor_id}

    notes = _notes(nadia.user)
    assert {n.kind for n in notes} >= {
        NotificationKind.REQUEST_ACCEPTED,
        NotificationKind.SESSION_LOGGED,
    }
    assert 0 < unread_count(nadia.user.id) < len(notes)

    found, mentee = suggest.suggest_for(
        nadia, today, suggest.Filters(), exclude=unavailable
    )
    assert found
    plan = db.session.scalar(
        select(CareerPlan).where(
            CareerPlan.employee_id == nadia.id, CareerPlan.period == today.year
        )
    )
    goals = {g.competency_id for g in plan.goals}
    for suggestion in found:
        assert suggestion.mentor.id not in unavailable | {nadia.supervisor_id}
        assert suggestion.profile.is_open
        assert suggestion.reasons
    # The best ones cover gaps of her plan at the level it needs.
    best = found[0]
    offered = {c.competency_id for c in queries.profile_of(best.mentor.id).competencies}
    levels = effective_levels([best.mentor.id])[best.mentor.id]
    assert any(
        levels[c] >= mentee.target[c] > mentee.current.get(c, 0)
        for c in offered & goals
    )
    assert suggest.fit_for(nadia, best.mentor.id, today) is not None


def test_the_supervisor_login_is_told_of_plans_to_review(seeded):
    fauzi = _employee("supervisor")
    notes = _notes(fauzi.user)
    submitted = [n for n in notes if n.kind is NotificationKind.PLAN_SUBMITTED]
    waiting = db.session.scalars(
        select(CareerPlan).where(
            CareerPlan.employee_id.in_([e.id for e in fauzi.subordinates]),
            CareerPlan.status == PlanStatus.SUBMITTED,
        )
    ).all()
    assert len(waiting) >= 2
    unread = {n.subject_id for n in submitted if n.read_at is None}
    assert {plan.id for plan in waiting} <= unread
    assert any(n.read_at is not None for n in notes)  # the reviewed ones


# -- repeatable and bulk --------------------------------------------------------


def test_seeding_again_adds_no_mentoring(seeded, runner):
    before = _snapshot()
    again = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert again.exit_code == 0, again.output
    assert _snapshot() == before
    assert REPORT.search(again.output).groups() == REPORT.search(seeded.output).groups()


def test_more_people_bring_their_own_mentoring(seeded, runner):
    requests = {
        (r.id, r.mentee_id, r.mentor_id, r.status)
        for r in db.session.scalars(select(MentorshipRequest))
    }
    result = runner.invoke(args=["seed-demo", "--employees", "220"])
    assert result.exit_code == 0, result.output
    after = {
        (r.id, r.mentee_id, r.mentor_id, r.status)
        for r in db.session.scalars(select(MentorshipRequest))
    }
    assert requests < after
    active = _active_counts()
    for profile in _profiles():
        assert profile.active_mentees == active[profile.employee_id]
    pending = Counter(
        db.session.execute(
            select(MentorshipRequest.mentee_id, MentorshipRequest.mentor_id).where(
                MentorshipRequest.status == RequestStatus.PENDING
            )
        ).all()
    )
    assert max(pending.values()) == 1


@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 1, 3, 2, 0, tzinfo=UTC),  # plans for the year are a month old
        datetime(2027, 6, 15, 9, 0, tzinfo=UTC),
    ],
)
def test_the_same_seed_tells_the_same_story_on_any_day(app, now):
    def story() -> list[tuple]:
        return sorted(
            (
                r.mentee.nip,
                r.mentor.nip,
                r.status,
                r.created_at,
                r.message,
                tuple(sorted(g.title for g in r.goals)),
                tuple(
                    (s.held_on, s.minutes, s.topic, s.activity_id is not None)
                    for s in (r.mentorship.sessions if r.mentorship else [])
                ),
            )
            for r in db.session.scalars(select(MentorshipRequest))
        )

    load_ranks()
    load_competencies()
    load_certificate_types()
    seed_demo(employees=120, now=now)
    first = story()
    today = now.astimezone(WIB).date()
    assert first
    assert all(
        session.held_on <= today
        for session in db.session.scalars(select(MentoringSession))
    )
    active = _active_counts()
    assert all(p.active_mentees == active[p.employee_id] for p in _profiles())
    assert all(
        n.created_at < now and (n.read_at is None or n.read_at < now)
        for n in db.session.scalars(select(Notification))
    )
    _empty()
    load_ranks()
    load_competencies()
    load_certificate_types()
    seed_demo(employees=120, now=now)
    assert story() == first


def _mentoring_statements(count_queries, employees: int):
    load_ranks()
    load_competencies()
    load_certificate_types()
    with count_queries() as counter:
        report = seed_demo(employees=employees)
    statements = [
        s
        for s in counter.statements
        if re.search(r"\b(mentor|notifications|mentoring_sessions)", s)
    ]
    return report, statements


def test_mentoring_goes_in_with_a_fixed_number_of_statements(app, count_queries):
    small, few = _mentoring_statements(count_queries, 150)
    _empty()
    large, many = _mentoring_statements(count_queries, 300)
    assert large.mentoring.sessions > small.mentoring.sessions > 20
    # The story's statements, and monitoring's earlier mentorships (about ten).
    assert len(many) == len(few) < 50, many


def _empty() -> None:
    db.session.remove()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
