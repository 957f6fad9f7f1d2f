"""Who may do what on a mentoring request or a mentorship, in one place.

The views guard their actions with these, the services check them again before
they write, and the templates show only the buttons they allow.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.mentoring.services import MentoringConflict
from app.models import FeedbackSide, Mentorship, MentorshipRequest, RequestStatus

CLOSED = _l("This mentorship is closed.")
FEEDBACK_ON_CLOSING = _l("Feedback is given when the mentorship closes.")
FEEDBACK_GIVEN = _l("You have already given your feedback.")


def side_of(mentorship: Mentorship, employee_id: int | None) -> FeedbackSide | None:
    """Which side of the mentorship an employee is on, if any."""
    if employee_id == mentorship.mentee_id:
        return FeedbackSide.MENTEE
    if employee_id == mentorship.mentor_id:
        return FeedbackSide.MENTOR
    return None


@dataclass(frozen=True)
class MentorshipAbilities:
    """What one of the pair may do on their mentorship now."""

    side: FeedbackSide | None
    can_read_plan: bool  # the mentee always; the mentor while it runs
    can_log_session: bool
    can_close: bool
    can_give_feedback: bool
    refusal: dict[str, str]  # action -> why not, for the actions refused

    def check(self, action: str) -> None:
        """Refuse ``action`` (log_session, close, give_feedback) when not allowed."""
        if action in self.refusal:
            raise MentoringConflict(self.refusal[action])


def mentorship_abilities(
    mentorship: Mentorship, employee_id: int | None
) -> MentorshipAbilities:
    """What the employee may do on the mentorship (nothing when not one of the pair).

    Closed, it takes no sessions and no closing; each side gives feedback once,
    after closing (the side that closes gives it in closing).
    """
    side = side_of(mentorship, employee_id)
    active = mentorship.is_active
    given = side is not None and any(f.side is side for f in mentorship.feedback)
    refusal = {}
    if not active:
        refusal["log_session"] = refusal["close"] = CLOSED
    if active:
        refusal["give_feedback"] = FEEDBACK_ON_CLOSING
    elif given:
        refusal["give_feedback"] = FEEDBACK_GIVEN
    return MentorshipAbilities(
        side=side,
        can_read_plan=side is FeedbackSide.MENTEE or (side is not None and active),
        can_log_session=side is not None and "log_session" not in refusal,
        can_close=side is not None and "close" not in refusal,
        can_give_feedback=side is not None and "give_feedback" not in refusal,
        refusal=refusal,
    )


@dataclass(frozen=True)
class RequestAbilities:
    """What one person may do on a mentoring request now."""

    can_withdraw: bool  # the mentee, while it waits
    can_answer: bool  # the mentor, while it waits (accept or decline)


def request_abilities(
    request: MentorshipRequest, employee_id: int | None
) -> RequestAbilities:
    """What the employee may do on the request: only a pending one is acted on."""
    pending = request.status is RequestStatus.PENDING
    return RequestAbilities(
        can_withdraw=pending and employee_id == request.mentee_id,
        can_answer=pending and employee_id == request.mentor_id,
    )
