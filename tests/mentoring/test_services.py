"""The mentoring rules, below the pages: capacity, requests, sessions, closing."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select, update

from app.extensions import db
from app.i18n import local_today
from app.mentoring import queries
from app.mentoring.services import (
    MentoringConflict,
    MentoringError,
    mentorships,
    profiles,
    requests,
)
from app.mentoring.services.mentorships import SessionFields
from app.mentoring.services.profiles import ProfileFields
from app.models import (
    ActivityKind,
    ActivityStatus,
    AssessmentSource,
    CareerPlan,
    Mentorship,
    MentorshipRequest,
    Notification,
    NotificationKind,
    RequestStatus,
)
from app.profile.services import effective_levels
from tests.factories import make_assessment, make_employee, make_plan, make_user


@pytest.fixture
def mentor(world):
    """Dewi, assessed 4 in archives and 5 in teamwork, offering both, 2 places;
    integrity at 3 is below the teaching level."""
    make_assessment(world.mentor, world.archives, 4)
    make_assessment(world.mentor, world.teamwork, 5)
    make_assessment(world.mentor, world.integrity, 3)
    db.session.commit()
    return profiles.save_profile(
        world.mentor,
        ProfileFields(
            competency_ids=[world.archives.id, world.teamwork.id],
            expertise="Arsip digital",
            capacity=2,
        ),
    )


def _request(world, mentee, message="Mohon bimbingan."):
    return requests.send_request(
        mentee,
        world.mentor.id,
        message,
        [],
        world.users["hr"],
        local_today(),
    )


def _mentees(world, count):
    people = [
        make_employee(f"Pegawai {n}", world.kel_b, supervisor=world.supervisor)
        for n in range(count)
    ]
    for person in people:
        make_user(person)
    db.session.commit()
    return people


def test_effective_levels_prefer_the_newest_external_assessment(world):
    make_assessment(world.employee, world.archives, 5, AssessmentSource.SELF)
    make_assessment(world.employee, world.teamwork, 4, AssessmentSource.SELF)
    make_assessment(world.employee, world.teamwork, 2, AssessmentSource.SUPERVISOR)
    db.session.commit()
    levels = effective_levels([world.employee.id])[world.employee.id]
    assert levels == {world.archives.id: 5, world.teamwork.id: 2}


def test_a_self_assessment_alone_does_not_make_a_teacher(world):
    # Archives: only the employee's own 5. Teamwork: a supervisor's 4 under a
    # later self 2. Integrity: an assessment centre's 5.
    make_assessment(world.employee, world.archives, 5, AssessmentSource.SELF)
    make_assessment(world.employee, world.teamwork, 4, AssessmentSource.SUPERVISOR)
    make_assessment(world.employee, world.teamwork, 2, AssessmentSource.SELF)
    make_assessment(world.employee, world.integrity, 5, AssessmentSource.ASSESSMENT)
    db.session.commit()
    external = effective_levels([world.employee.id], external_only=True)
    assert external[world.employee.id] == {world.teamwork.id: 4, world.integrity.id: 5}
    teachable = {c.id: level for c, level in profiles.teachable(world.employee.id)}
    assert teachable == {world.teamwork.id: 4, world.integrity.id: 5}
    with force_locale("en"), pytest.raises(MentoringError, match="level 4"):
        profiles.save_profile(
            world.employee, ProfileFields(competency_ids=[world.archives.id])
        )
    assert queries.profile_of(world.employee.id) is None


def test_a_mentor_offers_only_competencies_assessed_at_four_or_more(world, mentor):
    assert [(c.code, level) for c, level in profiles.teachable(world.mentor.id)] == [
        ("M.02", 5),
        ("T.05", 4),
    ]
    with pytest.raises(MentoringError) as refused:
        profiles.save_profile(
            world.mentor, ProfileFields(competency_ids=[world.integrity.id])
        )
    assert refused.value.field == "competencies"
    db.session.expire_all()
    offered = {
        c.competency_id for c in queries.profile_of(world.mentor.id).competencies
    }
    assert offered == {world.archives.id, world.teamwork.id}


def test_capacity_cannot_drop_below_the_current_mentees(world, mentor):
    requests.accept_request(_request(world, world.employee))
    requests.accept_request(_request(world, world.colleague))
    with (
        force_locale("en"),
        pytest.raises(MentoringError, match="capacity cannot be lower") as refused,
    ):
        profiles.save_profile(
            world.mentor,
            ProfileFields(competency_ids=[world.archives.id], capacity=1),
        )
    assert refused.value.field == "capacity"
    db.session.rollback()
    assert queries.profile_of(world.mentor.id).capacity == 2


@pytest.mark.parametrize(
    ("setup", "message", "status"),
    [
        ("self", "cannot ask yourself", 422),
        ("supervisor", "outside your reporting line", 422),
        ("non_mentor", "does not offer mentoring", 422),
        ("paused", "paused mentoring", 409),
        ("full", "no free place", 409),
        ("duplicate", "already have a pending request", 409),
    ],
)
def test_requests_that_are_refused(world, mentor, setup, message, status):
    mentee = world.employee
    mentor_id = world.mentor.id
    if setup == "self":
        mentee = world.mentor
    elif setup == "supervisor":
        world.employee.supervisor = world.mentor
        db.session.commit()
    elif setup == "non_mentor":
        mentor_id = world.colleague.id
    elif setup == "paused":
        profiles.set_paused(mentor, True)
    elif setup == "full":
        for person in _mentees(world, 2):
            requests.accept_request(_request(world, person))
    elif setup == "duplicate":
        _request(world, mentee)
    before = db.session.scalar(select(func.count()).select_from(MentorshipRequest))
    with force_locale("en"), pytest.raises(MentoringError, match=message) as refused:
        requests.send_request(
            mentee, mentor_id, "Halo", [], world.users["employee"], local_today()
        )
    assert refused.value.status == status
    db.session.rollback()
    after = db.session.scalar(select(func.count()).select_from(MentorshipRequest))
    assert after == before


def test_goals_of_a_request_must_be_the_mentees_own(world, mentor):
    own = make_plan(world)
    other = make_plan(world, owner=world.colleague)
    request = requests.send_request(
        world.employee,
        world.mentor.id,
        "",
        [own.goals[0].id],
        world.users["employee"],
        local_today(),
    )
    assert [goal.id for goal in request.goals] == [own.goals[0].id]
    requests.withdraw_request(request)
    with force_locale("en"), pytest.raises(MentoringError, match="your own plan"):
        requests.send_request(
            world.employee,
            world.mentor.id,
            "",
            [other.goals[0].id],
            world.users["employee"],
            local_today(),
        )


def test_accepting_takes_a_place_and_notifies_the_mentee(world, mentor):
    request = _request(world, world.employee)
    mentorship = requests.accept_request(request, "Selamat datang.")
    db.session.expire_all()
    assert mentorship.is_active
    assert queries.profile_of(world.mentor.id).active_mentees == 1
    assert request.status is RequestStatus.ACCEPTED
    assert request.response == "Selamat datang."
    kinds = db.session.scalars(
        select(Notification.kind).where(
            Notification.user_id == world.users["employee"].id
        )
    ).all()
    assert kinds == [NotificationKind.REQUEST_ACCEPTED]


def test_an_answered_request_cannot_be_answered_again(world, mentor):
    request = _request(world, world.employee)
    requests.decline_request(request, "Maaf, jadwal penuh.")
    for answer in (requests.accept_request, requests.decline_request):
        with (
            force_locale("en"),
            pytest.raises(MentoringConflict, match="already been answered"),
        ):
            answer(db.session.get(MentorshipRequest, request.id))
    db.session.expire_all()
    assert queries.profile_of(world.mentor.id).active_mentees == 0
    assert db.session.scalar(select(func.count()).select_from(Mentorship)) == 0


def test_a_full_mentor_cannot_accept(world, mentor):
    for person in _mentees(world, 2):
        requests.accept_request(_request(world, person))
    profiles.set_paused(mentor, False)
    # Requests sent before the places ran out stay in the inbox.
    late = MentorshipRequest(mentee=world.employee, mentor=world.mentor)
    db.session.add(late)
    db.session.commit()
    with force_locale("en"), pytest.raises(MentoringConflict, match="places are taken"):
        requests.accept_request(late)
    db.session.expire_all()
    assert late.status is RequestStatus.PENDING
    assert queries.profile_of(world.mentor.id).active_mentees == 2


def test_concurrent_accepts_never_exceed_capacity(app, world, mentor):
    """Six accepts race for two places: exactly two win, whatever the timing."""
    request_ids = [_request(world, person).id for person in _mentees(world, 6)]
    barrier = threading.Barrier(len(request_ids))
    outcomes: list[str] = []

    def accept(request_id: int) -> None:
        with app.app_context():
            request = queries.load_request(request_id)
            barrier.wait()  # every thread has read "one place... two places left"
            try:
                requests.accept_request(request)
                outcomes.append("accepted")
            except MentoringConflict:
                outcomes.append("full")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(rid,)) for rid in request_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert sorted(outcomes) == ["accepted"] * 2 + ["full"] * 4
    assert queries.profile_of(world.mentor.id).active_mentees == 2
    assert db.session.scalar(select(func.count()).select_from(Mentorship)) == 2
    statuses = db.session.scalars(
        select(MentorshipRequest.status).where(MentorshipRequest.id.in_(request_ids))
    ).all()
    assert sorted(statuses) == sorted(["accepted"] * 2 + ["pending"] * 4)


def _mentorship(world, mentor):
    return requests.accept_request(_request(world, world.employee))


def _mentoring_activity(world, planned_jp=2):
    plan = make_plan(world, goals=1, activities=1)
    activity = plan.goals[0].activities[0]
    activity.kind = ActivityKind.MENTORING
    activity.planned_jp = planned_jp
    db.session.commit()
    return plan, activity


def test_sessions_linked_to_an_activity_earn_jp(world, mentor):
    mentorship = _mentorship(world, mentor)
    plan, activity = _mentoring_activity(world, planned_jp=2)
    version = plan.version
    today = local_today()

    def log(minutes):
        mentorships.log_session(
            mentorship,
            SessionFields(today, minutes, "Arsip digital", activity_id=activity.id),
            world.users["mentor"],
            today,
        )
        db.session.expire_all()

    log(60)
    assert activity.status is ActivityStatus.IN_PROGRESS
    assert mentorships.jp_of(queries.logged_minutes([activity.id])[activity.id]) == 1
    assert plan.version > version  # open plan pages see the change
    log(30)  # 90 minutes: two JP, as planned
    assert activity.status is ActivityStatus.DONE
    notified = db.session.scalars(
        select(Notification.kind).where(
            Notification.user_id == world.users["employee"].id
        )
    ).all()
    assert notified.count(NotificationKind.SESSION_LOGGED) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": 8}, "held_on"),
        ({"minutes": 10}, "minutes"),
        ({"minutes": 481}, "minutes"),
        ({"topic": "  "}, "topic"),
        ({"activity": "other"}, "activity_id"),
    ],
)
def test_bad_sessions_are_refused(world, mentor, change, field):
    mentorship = _mentorship(world, mentor)
    other_plan = make_plan(world, owner=world.colleague, goals=1, activities=1)
    today = local_today()
    fields = SessionFields(
        held_on=today + timedelta(days=change.get("held_on", 0)),
        minutes=change.get("minutes", 60),
        topic=change.get("topic", "Arsip"),
        activity_id=(
            other_plan.goals[0].activities[0].id if "activity" in change else None
        ),
    )
    with pytest.raises(MentoringError) as refused:
        mentorships.log_session(mentorship, fields, world.users["employee"], today)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.get(Mentorship, mentorship.id).sessions == []


def test_a_session_a_week_ahead_is_allowed(world, mentor):
    mentorship = _mentorship(world, mentor)
    today = local_today()
    mentorships.log_session(
        mentorship,
        SessionFields(today + timedelta(days=7), 45, "Rencana"),
        world.users["employee"],
        today,
    )
    assert len(db.session.get(Mentorship, mentorship.id).sessions) == 1


def test_closing_frees_a_place_and_each_side_rates_once(world, mentor):
    mentorship = _mentorship(world, mentor)
    with force_locale("en"), pytest.raises(MentoringError, match="rating from 1 to 5"):
        mentorships.close_mentorship(mentorship, world.users["employee"], 6, "")
    db.session.rollback()
    mentorships.close_mentorship(
        mentorship, world.users["employee"], 5, "Sangat membantu"
    )
    db.session.expire_all()
    assert not mentorship.is_active
    assert queries.profile_of(world.mentor.id).active_mentees == 0
    with force_locale("en"), pytest.raises(MentoringConflict, match="already closed"):
        mentorships.close_mentorship(mentorship, world.users["mentor"], 4, "")
    db.session.rollback()
    with force_locale("en"), pytest.raises(MentoringConflict, match="already given"):
        mentorships.give_feedback(mentorship, world.users["employee"], 4, "")
    db.session.rollback()
    mentorships.give_feedback(mentorship, world.users["mentor"], 4, "Tekun")
    db.session.expire_all()
    ratings = {f.side.value: f.rating for f in mentorship.feedback}
    assert ratings == {"mentee": 5, "mentor": 4}
    with pytest.raises(MentoringConflict):
        mentorships.log_session(
            mentorship,
            SessionFields(local_today(), 45, "Lagi"),
            world.users["mentor"],
            local_today(),
        )


def test_an_active_mentor_reads_the_mentees_plans_until_closing(world, mentor):
    from app.access import can_read_plans_of

    mentor_user = world.users["mentor"]
    assert not can_read_plans_of(mentor_user, world.employee)
    mentorship = _mentorship(world, mentor)
    assert can_read_plans_of(mentor_user, world.employee)
    assert not can_read_plans_of(mentor_user, world.colleague)
    mentorships.close_mentorship(mentorship, mentor_user, 4, "")
    assert not can_read_plans_of(mentor_user, world.employee)


def test_a_session_refuses_when_the_plan_changed_meanwhile(world, mentor):
    """The plan's version moved after it was read: a conflict, nothing written."""
    mentorship = _mentorship(world, mentor)
    plan, activity = _mentoring_activity(world, planned_jp=2)
    today = local_today()
    mentorship = db.session.get(Mentorship, mentorship.id)
    assert activity.goal.plan.version == plan.version  # read before the change
    with db.engine.begin() as elsewhere:  # the mentee saves in another tab
        elsewhere.execute(
            update(CareerPlan)
            .where(CareerPlan.id == plan.id)
            .values(version=CareerPlan.version + 1)
        )
    with force_locale("en"), pytest.raises(MentoringConflict, match="changed in"):
        mentorships.log_session(
            mentorship,
            SessionFields(today, 90, "Arsip digital", activity_id=activity.id),
            world.users["mentor"],
            today,
        )
    db.session.rollback()
    assert db.session.get(Mentorship, mentorship.id).sessions == []
    assert db.session.get(type(activity), activity.id).status is ActivityStatus.PLANNED
