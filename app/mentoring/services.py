"""Mentoring rules: mentor profiles, requests, accepting within capacity, sessions.

Capacity holds under concurrency without locks: accepting raises the mentor's
``active_mentees`` with one conditional UPDATE, and answering a request moves it
out of "pending" with another, so of two racing accepts exactly one succeeds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    Competency,
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
    NotificationKind,
    PlanGoal,
    RequestOrigin,
    RequestStatus,
    User,
)
from app.models.mentoring import MAX_CAPACITY
from app.models.types import utcnow
from app.notifications.services import notify
from app.profile.services import effective_levels

MIN_TEACHING_LEVEL = 3  # a mentor teaches a competency held at least at level 3
JP_MINUTES = 45  # one jam pelajaran; HR may set another rate for mentoring
SESSION_MINUTES = range(15, 481)
SESSION_AHEAD_DAYS = 7  # a session may be logged up to a week ahead (planned)
MENTORING_KINDS = (ActivityKind.MENTORING, ActivityKind.COACHING)
MESSAGE_LIMIT = 2000


class MentoringError(Exception):
    """A change the rules refuse; ``status`` is the HTTP status to answer with."""

    status = 422

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class MentoringConflict(MentoringError):
    """The state does not allow it now (full, paused, already answered)."""

    status = 409


# -- mentor profiles ---------------------------------------------------------


@dataclass
class ProfileFields:
    """What a mentor says about their offer."""

    competency_ids: Collection[int]
    expertise: str = ""
    capacity: int = 3
    availability: str = ""


def profile_of(employee_id: int) -> MentorProfile | None:
    """An employee's mentor profile with its competencies, if they ever opted in."""
    return db.session.scalars(
        select(MentorProfile)
        .where(MentorProfile.employee_id == employee_id)
        .options(
            selectinload(MentorProfile.competencies).joinedload(
                MentorCompetency.competency
            )
        )
    ).first()


def teachable(employee_id: int) -> list[tuple[Competency, int]]:
    """The competencies an employee may mentor in, with their assessed level.

    Bounded by assessment: only those held at ``MIN_TEACHING_LEVEL`` or above.
    """
    levels = effective_levels([employee_id]).get(employee_id, {})
    eligible = {cid: lvl for cid, lvl in levels.items() if lvl >= MIN_TEACHING_LEVEL}
    if not eligible:
        return []
    competencies = db.session.scalars(
        select(Competency).where(Competency.id.in_(eligible)).order_by(Competency.code)
    )
    return [(competency, eligible[competency.id]) for competency in competencies]


def save_profile(employee: Employee, fields: ProfileFields) -> MentorProfile:
    """Opt in as a mentor, or change the offer; refuses what the rules forbid."""
    profile = profile_of(employee.id)
    allowed = {competency.id for competency, _ in teachable(employee.id)}
    chosen = set(fields.competency_ids)
    if not chosen:
        raise MentoringError(
            _l("Choose at least one competency you can mentor in."),
            field="competencies",
        )
    if not chosen <= allowed:
        raise MentoringError(
            _l(
                "You can mentor only in competencies assessed at level %(level)s "
                "or higher.",
                level=MIN_TEACHING_LEVEL,
            ),
            field="competencies",
        )
    if not 1 <= fields.capacity <= MAX_CAPACITY:
        raise MentoringError(
            _l("Capacity must be from 1 to %(most)s mentees.", most=MAX_CAPACITY),
            field="capacity",
        )
    taken = profile.active_mentees if profile else 0
    if fields.capacity < taken:
        raise MentoringError(
            _l(
                "You mentor %(count)s people now; capacity cannot be lower than that.",
                count=taken,
            ),
            field="capacity",
        )
    expertise = fields.expertise.strip()
    if len(expertise) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the expertise to %(most)s characters.", most=MESSAGE_LIMIT),
            field="expertise",
        )
    availability = fields.availability.strip()
    if len(availability) > 200:
        raise MentoringError(
            _l("Keep the availability to 200 characters."), field="availability"
        )
    if profile is None:
        profile = MentorProfile(employee=employee, active_mentees=0)
        db.session.add(profile)
    profile.is_active = True
    profile.capacity = fields.capacity
    profile.expertise = expertise
    profile.availability = availability
    current = {c.competency_id: c for c in profile.competencies}
    profile.competencies = [
        current.get(cid) or MentorCompetency(competency_id=cid)
        for cid in sorted(chosen)
    ]
    profile.updated_at = utcnow()  # the matching model refits from this
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent accept took a place under the new capacity
        db.session.rollback()
        raise MentoringConflict(
            _l("Your mentees changed meanwhile; reload and try again.")
        ) from None
    return profile


def set_paused(profile: MentorProfile, paused: bool) -> None:
    """Pause (no new requests, hidden from suggestions) or resume mentoring."""
    profile.is_paused = paused
    db.session.commit()


# -- requests ----------------------------------------------------------------


def _open_profile(mentor_id: int) -> MentorProfile:
    profile = db.session.scalars(
        select(MentorProfile).where(
            MentorProfile.employee_id == mentor_id, MentorProfile.is_active.is_(True)
        )
    ).first()
    if profile is None:
        raise MentoringError(_l("This person does not offer mentoring."))
    if profile.is_paused:
        raise MentoringConflict(
            _l("This mentor has paused mentoring and takes no requests now.")
        )
    if profile.places_left == 0:
        raise MentoringConflict(
            _l("This mentor has no free place now. Choose another mentor.")
        )
    return profile


def goals_for_request(mentee_id: int, goal_ids: Collection[int], year: int):
    """The mentee's own goals among ``goal_ids``, from plans of this year on."""
    if not goal_ids:
        return []
    goals = db.session.scalars(
        select(PlanGoal)
        .join(CareerPlan)
        .where(
            PlanGoal.id.in_(goal_ids),
            CareerPlan.employee_id == mentee_id,
            CareerPlan.period >= year,
        )
    ).all()
    if len(goals) != len(set(goal_ids)):
        raise MentoringError(_l("Choose goals from your own plan."), field="goals")
    return goals


def requestable(mentee_id: int, mentor_id: int) -> MentorProfile:
    """The mentor's open profile if the mentee may ask them now, else the refusal.

    The rules of ``send_request``, checked before the request form is shown.
    """
    if mentor_id == mentee_id:
        raise MentoringError(_l("You cannot ask yourself to be your mentor."))
    profile = _open_profile(mentor_id)
    if mentor_id in unavailable_to(mentee_id):
        if active_mentorship_between(mentee_id, mentor_id) is not None:
            raise MentoringConflict(_l("This person is already your mentor."))
        raise MentoringConflict(
            _l("You already have a pending request to this mentor.")
        )
    return profile


def send_request(
    mentee: Employee,
    mentor_id: int,
    message: str,
    goal_ids: Collection[int],
    actor: User,
    today: date,
    *,
    origin: RequestOrigin = RequestOrigin.MENTEE,
    score: float | None = None,
) -> MentorshipRequest:
    """Ask a mentor for mentoring; the mentor is notified."""
    if mentor_id == mentee.id:
        raise MentoringError(_l("You cannot ask yourself to be your mentor."))
    _open_profile(mentor_id)
    message = message.strip()
    if len(message) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the message to %(most)s characters.", most=MESSAGE_LIMIT),
            field="message",
        )
    if active_mentorship_between(mentee.id, mentor_id) is not None:
        raise MentoringConflict(_l("This person is already your mentor."))
    goals = goals_for_request(mentee.id, goal_ids, today.year)
    request = MentorshipRequest(
        mentee=mentee,
        mentor_id=mentor_id,
        message=message,
        goals=goals,
        origin=origin,
        score=score,
        created_by_id=actor.id,
    )
    db.session.add(request)
    try:
        db.session.flush()
    except IntegrityError:  # the partial unique index: one pending per pair
        db.session.rollback()
        raise MentoringConflict(
            _l("You already have a pending request to this mentor.")
        ) from None
    kind = (
        NotificationKind.COHORT_PROPOSED
        if origin is RequestOrigin.COHORT
        else NotificationKind.REQUEST_RECEIVED
    )
    notify([mentor_id], kind, request.id, actor=mentee)
    if origin is RequestOrigin.COHORT:
        notify([mentee.id], kind, request.id, actor=actor.employee)
    db.session.commit()
    return request


def load_request(request_id: int) -> MentorshipRequest | None:
    """A request with both people and its goals."""
    return db.session.scalars(
        select(MentorshipRequest)
        .where(MentorshipRequest.id == request_id)
        .options(
            joinedload(MentorshipRequest.mentee).joinedload(Employee.position),
            joinedload(MentorshipRequest.mentor),
            selectinload(MentorshipRequest.goals),
        )
    ).first()


def _answer(request: MentorshipRequest, status: RequestStatus, response: str) -> None:
    """Move a pending request to its answer, or refuse when it was answered already."""
    if len(response) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the message to %(most)s characters.", most=MESSAGE_LIMIT),
            field="response",
        )
    moved = db.session.execute(
        update(MentorshipRequest)
        .where(
            MentorshipRequest.id == request.id,
            MentorshipRequest.status == RequestStatus.PENDING,
        )
        .values(status=status, response=response.strip(), decided_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        db.session.rollback()
        raise MentoringConflict(_l("This request has already been answered."))


def withdraw_request(request: MentorshipRequest) -> None:
    """The mentee takes back a pending request; the mentor is told."""
    _answer(request, RequestStatus.WITHDRAWN, "")
    notify(
        [request.mentor_id],
        NotificationKind.REQUEST_WITHDRAWN,
        request.id,
        actor=request.mentee,
    )
    db.session.commit()
    db.session.expire(request)  # the UPDATE bypassed it; read the new status


def accept_request(request: MentorshipRequest, response: str = "") -> Mentorship:
    """The mentor accepts: a place is taken and the mentorship starts.

    Both steps are conditional UPDATEs in one transaction; whichever fails first
    rolls everything back, so a full mentor or a second accept changes nothing.
    """
    if active_mentorship_between(request.mentee_id, request.mentor_id) is not None:
        raise MentoringConflict(_l("You already mentor this person."))
    _answer(request, RequestStatus.ACCEPTED, response)
    taken = db.session.execute(
        update(MentorProfile)
        .where(
            MentorProfile.employee_id == request.mentor_id,
            MentorProfile.is_active.is_(True),
            MentorProfile.active_mentees < MentorProfile.capacity,
        )
        .values(active_mentees=MentorProfile.active_mentees + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        db.session.rollback()
        raise MentoringConflict(
            _l("All your places are taken. Raise your capacity or close a mentorship.")
        )
    mentorship = Mentorship(
        request_id=request.id,
        mentee_id=request.mentee_id,
        mentor_id=request.mentor_id,
    )
    db.session.add(mentorship)
    db.session.flush()
    notify(
        [request.mentee_id],
        NotificationKind.REQUEST_ACCEPTED,
        mentorship.id,
        actor=request.mentor,
    )
    db.session.commit()
    db.session.expire_all()
    return mentorship


def decline_request(request: MentorshipRequest, response: str = "") -> None:
    """The mentor declines, optionally saying why; the mentee is told."""
    _answer(request, RequestStatus.DECLINED, response)
    notify(
        [request.mentee_id],
        NotificationKind.REQUEST_DECLINED,
        request.id,
        actor=request.mentor,
    )
    db.session.commit()
    db.session.expire(request)


def inbox(mentor_id: int) -> Sequence[MentorshipRequest]:
    """Pending requests to a mentor, oldest first (first come, first answered)."""
    return db.session.scalars(
        select(MentorshipRequest)
        .where(
            MentorshipRequest.mentor_id == mentor_id,
            MentorshipRequest.status == RequestStatus.PENDING,
        )
        .options(
            joinedload(MentorshipRequest.mentee).joinedload(Employee.position),
            joinedload(MentorshipRequest.mentee).joinedload(Employee.unit),
            selectinload(MentorshipRequest.goals).joinedload(PlanGoal.competency),
        )
        .order_by(MentorshipRequest.created_at, MentorshipRequest.id)
    ).all()


def pending_requests(mentor_id: int | None):
    """A scalar subquery: requests waiting for the mentor's answer."""
    return (
        select(func.count())
        .select_from(MentorshipRequest)
        .where(
            MentorshipRequest.mentor_id == mentor_id,
            MentorshipRequest.status == RequestStatus.PENDING,
        )
        .scalar_subquery()
    )


def pending_count(mentor_id: int) -> int:
    """How many requests wait for the mentor's answer (the navigation badge)."""
    return db.session.scalar(select(pending_requests(mentor_id)))


def requests_sent(mentee_id: int, limit: int = 20) -> Sequence[MentorshipRequest]:
    """A mentee's latest requests, pending first."""
    return db.session.scalars(
        select(MentorshipRequest)
        .where(MentorshipRequest.mentee_id == mentee_id)
        .options(
            joinedload(MentorshipRequest.mentor).joinedload(Employee.position),
            selectinload(MentorshipRequest.goals),
        )
        .order_by(
            (MentorshipRequest.status == RequestStatus.PENDING).desc(),
            MentorshipRequest.created_at.desc(),
            MentorshipRequest.id.desc(),
        )
        .limit(limit)
    ).all()


def unavailable_to(mentee_id: int) -> set[int]:
    """Mentors the mentee has a pending request to or an active mentorship with."""
    pending = select(MentorshipRequest.mentor_id).where(
        MentorshipRequest.mentee_id == mentee_id,
        MentorshipRequest.status == RequestStatus.PENDING,
    )
    active = select(Mentorship.mentor_id).where(
        Mentorship.mentee_id == mentee_id,
        Mentorship.status == MentorshipStatus.ACTIVE,
    )
    return set(db.session.scalars(pending.union(active)))


# -- mentorships -------------------------------------------------------------


def active_mentorship_between(mentee_id: int, mentor_id: int) -> Mentorship | None:
    """The open mentorship of this pair, if any."""
    return db.session.scalars(
        select(Mentorship).where(
            Mentorship.mentee_id == mentee_id,
            Mentorship.mentor_id == mentor_id,
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
    ).first()


def load_mentorship(mentorship_id: int) -> Mentorship | None:
    """A mentorship with both people, its request, sessions and feedback."""
    return db.session.scalars(
        select(Mentorship)
        .where(Mentorship.id == mentorship_id)
        .options(
            joinedload(Mentorship.mentee).joinedload(Employee.position),
            joinedload(Mentorship.mentee).joinedload(Employee.unit),
            joinedload(Mentorship.mentor).joinedload(Employee.position),
            joinedload(Mentorship.mentor).joinedload(Employee.unit),
            joinedload(Mentorship.request),
            selectinload(Mentorship.sessions).joinedload(MentoringSession.activity),
            selectinload(Mentorship.feedback),
        )
    ).first()


def mentorships_of(employee_id: int) -> Sequence[Mentorship]:
    """Every mentorship an employee is in, on either side, active ones first."""
    return db.session.scalars(
        select(Mentorship)
        .where(
            or_(
                Mentorship.mentee_id == employee_id,
                Mentorship.mentor_id == employee_id,
            )
        )
        .options(joinedload(Mentorship.mentee), joinedload(Mentorship.mentor))
        .order_by(
            (Mentorship.status == MentorshipStatus.ACTIVE).desc(),
            Mentorship.started_at.desc(),
            Mentorship.id.desc(),
        )
    ).all()


def side_of(mentorship: Mentorship, employee_id: int | None) -> FeedbackSide | None:
    """Which side of the mentorship an employee is on, if any."""
    if employee_id == mentorship.mentee_id:
        return FeedbackSide.MENTEE
    if employee_id == mentorship.mentor_id:
        return FeedbackSide.MENTOR
    return None


def _other_side(mentorship: Mentorship, side: FeedbackSide) -> int:
    if side is FeedbackSide.MENTEE:
        return mentorship.mentor_id
    return mentorship.mentee_id


@dataclass
class SessionFields:
    """One logged meeting."""

    held_on: date
    minutes: int
    topic: str
    notes: str = ""
    next_steps: str = ""
    activity_id: int | None = None


def linkable_activities(mentee_id: int, year: int) -> Sequence[DevelopmentActivity]:
    """The mentee's mentoring and coaching activities a session may count toward."""
    return db.session.scalars(
        select(DevelopmentActivity)
        .join(PlanGoal)
        .join(CareerPlan)
        .where(
            CareerPlan.employee_id == mentee_id,
            CareerPlan.period >= year,
            DevelopmentActivity.kind.in_(MENTORING_KINDS),
            DevelopmentActivity.status != ActivityStatus.DROPPED,
        )
        .options(joinedload(DevelopmentActivity.goal))
        .order_by(CareerPlan.period, PlanGoal.position, DevelopmentActivity.position)
    ).all()


def mentee_plan(mentee_id: int, year: int) -> CareerPlan | None:
    """The plan a mentorship works on (this year's, else next year's), for reading.

    Goals, their competencies and activities come in two queries in all.
    """
    return db.session.scalars(
        select(CareerPlan)
        .where(CareerPlan.employee_id == mentee_id, CareerPlan.period >= year)
        .options(
            joinedload(CareerPlan.target_position),
            selectinload(CareerPlan.goals).options(
                joinedload(PlanGoal.competency), joinedload(PlanGoal.activities)
            ),
        )
        .order_by(CareerPlan.period)
        .limit(1)
    ).first()


def logged_minutes(activity_ids: Collection[int]) -> dict[int, int]:
    """Minutes of mentoring logged against each activity."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        select(MentoringSession.activity_id, func.sum(MentoringSession.minutes))
        .where(MentoringSession.activity_id.in_(activity_ids))
        .group_by(MentoringSession.activity_id)
    )
    return {activity_id: int(minutes) for activity_id, minutes in rows}


def jp_of(minutes: int) -> int:
    """Whole JP earned by minutes of mentoring (45 minutes to the JP)."""
    return minutes // JP_MINUTES


def _check_session(
    mentorship: Mentorship, fields: SessionFields, today: date
) -> DevelopmentActivity | None:
    if fields.held_on > today + timedelta(days=SESSION_AHEAD_DAYS):
        raise MentoringError(
            _l("A session can be logged at most a week ahead."), field="held_on"
        )
    if fields.held_on < mentorship.started_at.date() - timedelta(days=1):
        raise MentoringError(
            _l("The session date lies before the mentorship began."), field="held_on"
        )
    if fields.minutes not in SESSION_MINUTES:
        raise MentoringError(
            _l("A session lasts from 15 to 480 minutes."), field="minutes"
        )
    if not fields.topic.strip():
        raise MentoringError(_l("Say what the session was about."), field="topic")
    if len(fields.topic.strip()) > 200:
        raise MentoringError(_l("Keep the topic to 200 characters."), field="topic")
    for name in ("notes", "next_steps"):
        if len(getattr(fields, name)) > MESSAGE_LIMIT:
            raise MentoringError(
                _l("Keep this to %(most)s characters.", most=MESSAGE_LIMIT),
                field=name,
            )
    if fields.activity_id is None:
        return None
    allowed = {a.id: a for a in linkable_activities(mentorship.mentee_id, today.year)}
    if fields.activity_id not in allowed:
        raise MentoringError(
            _l("Choose a mentoring activity from the mentee's plan."),
            field="activity_id",
        )
    return allowed[fields.activity_id]


def log_session(
    mentorship: Mentorship, fields: SessionFields, actor: User, today: date
) -> MentoringSession:
    """Record a session; linked to a plan activity it counts toward its JP.

    The activity starts when its first session is logged and is done once the
    sessions reach its planned JP.
    """
    if not mentorship.is_active:
        raise MentoringConflict(_l("This mentorship is closed."))
    activity = _check_session(mentorship, fields, today)
    session = MentoringSession(
        mentorship=mentorship,
        held_on=fields.held_on,
        minutes=fields.minutes,
        topic=fields.topic.strip(),
        notes=fields.notes.strip(),
        next_steps=fields.next_steps.strip(),
        activity=activity,
        logged_by_id=actor.id,
    )
    db.session.add(session)
    if activity is not None:
        db.session.flush()
        earned = jp_of(logged_minutes([activity.id]).get(activity.id, 0))
        if activity.planned_jp and earned >= activity.planned_jp:
            activity.status = ActivityStatus.DONE
        elif activity.status is ActivityStatus.PLANNED:
            activity.status = ActivityStatus.IN_PROGRESS
        activity.goal.plan.updated_at = utcnow()  # open plan pages see a new version
    side = side_of(mentorship, actor.employee_id)
    notify(
        [_other_side(mentorship, side)],
        NotificationKind.SESSION_LOGGED,
        mentorship.id,
        actor=actor.employee,
    )
    db.session.commit()
    db.session.expire(mentorship)  # its session list reloads in date order
    return session


def _check_feedback(rating: int | None, comment: str) -> None:
    if rating is None or not 1 <= rating <= 5:
        raise MentoringError(_l("Give a rating from 1 to 5."), field="rating")
    if len(comment) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the comment to %(most)s characters.", most=MESSAGE_LIMIT),
            field="comment",
        )


def close_mentorship(
    mentorship: Mentorship, actor: User, rating: int | None, comment: str
) -> None:
    """Either side ends the mentorship with their feedback; a place frees up."""
    side = side_of(mentorship, actor.employee_id)
    _check_feedback(rating, comment)
    closed = db.session.execute(
        update(Mentorship)
        .where(
            Mentorship.id == mentorship.id,
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
        .values(
            status=MentorshipStatus.CLOSED, closed_at=utcnow(), closed_by_id=actor.id
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed != 1:
        db.session.rollback()
        raise MentoringConflict(_l("This mentorship is already closed."))
    db.session.execute(
        update(MentorProfile)
        .where(
            MentorProfile.employee_id == mentorship.mentor_id,
            MentorProfile.active_mentees > 0,
        )
        .values(active_mentees=MentorProfile.active_mentees - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.add(
        MentorshipFeedback(
            mentorship_id=mentorship.id,
            side=side,
            rating=rating,
            comment=comment.strip(),
        )
    )
    notify(
        [_other_side(mentorship, side)],
        NotificationKind.MENTORSHIP_CLOSED,
        mentorship.id,
        actor=actor.employee,
    )
    db.session.commit()
    db.session.expire_all()


def give_feedback(
    mentorship: Mentorship, actor: User, rating: int | None, comment: str
) -> None:
    """The other side's feedback on a closed mentorship; once per side."""
    side = side_of(mentorship, actor.employee_id)
    if mentorship.is_active:
        raise MentoringConflict(_l("Feedback is given when the mentorship closes."))
    if any(f.side is side for f in mentorship.feedback):
        raise MentoringConflict(_l("You have already given your feedback."))
    _check_feedback(rating, comment)
    db.session.add(
        MentorshipFeedback(
            mentorship_id=mentorship.id,
            side=side,
            rating=rating,
            comment=comment.strip(),
        )
    )
    notify(
        [_other_side(mentorship, side)],
        NotificationKind.FEEDBACK_GIVEN,
        mentorship.id,
        actor=actor.employee,
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise MentoringConflict(_l("You have already given your feedback.")) from None
    db.session.expire(mentorship)
