"""Mentoring rules: mentor profiles, requests, and accepting within capacity.

Capacity holds under concurrency without locks: accepting raises the mentor's
``active_mentees`` with one conditional UPDATE, and answering a request moves it
out of "pending" with another, so of two racing accepts exactly one succeeds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app import catalogue
from app.errors import Conflict, DomainError
from app.extensions import db
from app.models import (
    CareerPlan,
    Competency,
    Employee,
    MentorCompetency,
    MentorProfile,
    Mentorship,
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
MESSAGE_LIMIT = 2000
MAX_PENDING = 3  # requests a mentee may have waiting at once: no mass mailing


class MentoringError(DomainError):
    """A mentoring change the rules refuse."""


class MentoringConflict(MentoringError, Conflict):
    """The state does not allow it now (full, paused, already answered)."""


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
    return [
        (competency, eligible[competency.id])
        for competency in catalogue.competencies()  # by code
        if competency.id in eligible
    ]


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
        profile = MentorProfile(employee=employee, active_mentees=0, revision=0)
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
    profile.revision += 1  # and re-reads the places
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
    profile.revision += 1
    db.session.commit()


# -- requests ----------------------------------------------------------------


def pair_refusal(
    mentee: Employee, mentor_id: int, profile: MentorProfile | None
) -> str | None:
    """Why this mentee may not ask this mentor at all (a key of ``REFUSALS``).

    ``profile`` is the mentor's, if any. One rule for a request and for HR's
    cohort, which checks many pairs at once.
    """
    if mentor_id == mentee.id:
        return "self"
    if mentor_id == mentee.supervisor_id:
        # The matching's hard rule too: the supervisor reviews the plan already,
        # and a mentor is the colleague one can speak to outside that line.
        return "supervisor"
    if profile is None or not profile.is_active:
        return "not_mentor"
    if profile.is_paused:
        return "paused"
    if profile.places_left == 0:
        return "full"
    return None


REFUSALS = {
    "self": (MentoringError, _l("You cannot ask yourself to be your mentor.")),
    "supervisor": (
        MentoringError,
        _l(
            "Your direct supervisor already guides your plan; ask a mentor "
            "outside your reporting line."
        ),
    ),
    "not_mentor": (MentoringError, _l("This person does not offer mentoring.")),
    "paused": (
        MentoringConflict,
        _l("This mentor has paused mentoring and takes no requests now."),
    ),
    "full": (
        MentoringConflict,
        _l("This mentor has no free place now. Choose another mentor."),
    ),
}


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


def _check_pair(mentee: Employee, mentor_id: int) -> MentorProfile:
    """The mentor's open profile, if this mentee may ask this mentor at all."""
    profile = db.session.scalars(
        select(MentorProfile).where(MentorProfile.employee_id == mentor_id)
    ).first()
    refusal = pair_refusal(mentee, mentor_id, profile)
    if refusal is not None:
        error, message = REFUSALS[refusal]
        raise error(message)
    return profile


def _check_waiting(mentee_id: int) -> None:
    """Refuse a new request while ``MAX_PENDING`` of the mentee's still wait."""
    waiting = db.session.scalar(select(pending_requests(mentee_id=mentee_id)))
    if waiting >= MAX_PENDING:
        raise MentoringConflict(
            _l(
                "%(count)s of your requests are waiting for an answer. Wait for "
                "one, or withdraw one, before asking another mentor.",
                count=waiting,
            )
        )


def requestable(mentee: Employee, mentor_id: int) -> MentorProfile:
    """The mentor's open profile if the mentee may ask them now, else the refusal.

    The rules of ``send_request``, checked before the request form is shown.
    """
    profile = _check_pair(mentee, mentor_id)
    mentee_id = mentee.id
    if mentor_id in unavailable_to(mentee_id):
        if active_mentorship_between(mentee_id, mentor_id) is not None:
            raise MentoringConflict(_l("This person is already your mentor."))
        raise MentoringConflict(
            _l("You already have a pending request to this mentor.")
        )
    _check_waiting(mentee_id)
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
    _check_pair(mentee, mentor_id)
    message = message.strip()
    if len(message) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the message to %(most)s characters.", most=MESSAGE_LIMIT),
            field="message",
        )
    if active_mentorship_between(mentee.id, mentor_id) is not None:
        raise MentoringConflict(_l("This person is already your mentor."))
    if origin is RequestOrigin.MENTEE:  # HR's cohort proposals are not capped
        _check_waiting(mentee.id)
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
        .values(
            active_mentees=MentorProfile.active_mentees + 1,
            revision=MentorProfile.revision + 1,
        )
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


def pending_requests(*, mentor_id: int | None = None, mentee_id: int | None = None):
    """A scalar subquery: pending requests to the mentor, or of the mentee."""
    side = (
        MentorshipRequest.mentor_id == mentor_id
        if mentee_id is None
        else MentorshipRequest.mentee_id == mentee_id
    )
    return (
        select(func.count())
        .select_from(MentorshipRequest)
        .where(side, MentorshipRequest.status == RequestStatus.PENDING)
        .scalar_subquery()
    )


def pending_count(mentor_id: int) -> int:
    """How many requests wait for the mentor's answer (the navigation badge)."""
    return db.session.scalar(select(pending_requests(mentor_id=mentor_id)))


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


def active_mentorship_between(mentee_id: int, mentor_id: int) -> Mentorship | None:
    """The open mentorship of this pair, if any."""
    return db.session.scalars(
        select(Mentorship).where(
            Mentorship.mentee_id == mentee_id,
            Mentorship.mentor_id == mentor_id,
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
    ).first()
