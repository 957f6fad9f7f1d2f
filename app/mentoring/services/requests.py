"""Mentoring requests: who may ask whom, asking, withdrawing and answering.

Capacity holds under concurrency without locks: accepting raises the mentor's
``active_mentees`` with one conditional UPDATE, and answering a request moves it
out of "pending" with another, so of two racing accepts exactly one succeeds.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.errors import moved_on
from app.extensions import db
from app.mentoring.queries import (
    active_mentorship_between,
    pending_requests,
    unavailable_to,
)
from app.mentoring.services import MESSAGE_LIMIT, MentoringConflict, MentoringError
from app.models import (
    CareerPlan,
    Employee,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    NotificationKind,
    PlanGoal,
    RequestOrigin,
    RequestStatus,
    User,
)
from app.models.types import utcnow
from app.notifications.services import notify

MAX_PENDING = 3  # requests a mentee may have waiting at once: no mass mailing


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
    pending = _l("You already have a pending request to this mentor.")
    with moved_on(MentoringConflict(pending)):  # the partial unique index
        db.session.flush()
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
