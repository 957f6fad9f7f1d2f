"""What a notification says and where it leads, worded in the reader's language.

A notification stores its kind, the actor's name and a subject id; the sentence
is made when it is shown, so each reader sees it in their own language.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import MentorshipRequest, Notification, NotificationKind

# Request kinds sent to the mentor lead to the inbox; the mentee's to the overview.
TO_THE_MENTOR = {NotificationKind.REQUEST_RECEIVED, NotificationKind.REQUEST_WITHDRAWN}
MENTORSHIP_KINDS = {
    NotificationKind.REQUEST_ACCEPTED,
    NotificationKind.SESSION_LOGGED,
    NotificationKind.MENTORSHIP_CLOSED,
    NotificationKind.FEEDBACK_GIVEN,
}
PLAN_KINDS = {
    NotificationKind.PLAN_SUBMITTED,
    NotificationKind.PLAN_APPROVED,
    NotificationKind.PLAN_RETURNED,
}
RECORD_KINDS = {NotificationKind.RECORD_VERIFIED, NotificationKind.RECORD_REJECTED}
OPPORTUNITY_KINDS = {
    NotificationKind.OPPORTUNITY_OPENED,
    NotificationKind.PLACE_CONFIRMED,
    NotificationKind.APPLICATION_DECIDED,
}


def cohort_mentor_ids(
    notifications: Iterable[Notification], employee_id: int | None
) -> set[int]:
    """Of the cohort proposals among ``notifications``, those the reader mentors in.

    A cohort proposal goes to both people; one query tells the two apart.
    """
    requests = {
        n.subject_id
        for n in notifications
        if n.kind is NotificationKind.COHORT_PROPOSED
    }
    if not requests or employee_id is None:
        return set()
    return set(
        db.session.scalars(
            select(MentorshipRequest.id).where(
                MentorshipRequest.id.in_(requests),
                MentorshipRequest.mentor_id == employee_id,
            )
        )
    )


def message_for(notification: Notification, as_mentor: bool = False) -> str:
    """The sentence for a notification; ``as_mentor`` for a cohort proposal."""
    name = notification.actor_name or _("Someone")
    kind = notification.kind
    if kind is NotificationKind.REQUEST_RECEIVED:
        return _("%(name)s asked you to be their mentor.", name=name)
    if kind is NotificationKind.REQUEST_ACCEPTED:
        return _("%(name)s accepted your mentoring request.", name=name)
    if kind is NotificationKind.REQUEST_DECLINED:
        return _("%(name)s declined your mentoring request.", name=name)
    if kind is NotificationKind.REQUEST_WITHDRAWN:
        return _("%(name)s withdrew their mentoring request.", name=name)
    if kind is NotificationKind.COHORT_PROPOSED:
        if as_mentor:
            return _(
                "Cohort matching proposes you as the mentor of %(name)s.", name=name
            )
        return _(
            "%(name)s proposed a mentor for you through cohort matching.", name=name
        )
    if kind is NotificationKind.SESSION_LOGGED:
        return _("%(name)s logged a mentoring session.", name=name)
    if kind is NotificationKind.MENTORSHIP_CLOSED:
        return _(
            "%(name)s closed your mentorship and asks for your feedback.", name=name
        )
    if kind is NotificationKind.FEEDBACK_GIVEN:
        return _("%(name)s gave feedback on your mentorship.", name=name)
    if kind is NotificationKind.PLAN_SUBMITTED:
        return _("%(name)s submitted a career plan for your review.", name=name)
    if kind is NotificationKind.PLAN_APPROVED:
        return _("%(name)s approved your career plan.", name=name)
    if kind is NotificationKind.PLACE_CONFIRMED:
        return _("A place in a training you waited for is yours now.")
    if kind is NotificationKind.RECORD_VERIFIED:
        return _("%(name)s verified your training record; its JP count.", name=name)
    if kind is NotificationKind.RECORD_REJECTED:
        return _("%(name)s rejected your training record and said why.", name=name)
    if kind is NotificationKind.APPLICATION_DECIDED:
        return _(
            "%(name)s closed the selection of a vacancy you applied for: "
            "see the decision.",
            name=name,
        )
    if kind is NotificationKind.OPPORTUNITY_OPENED:
        return _(
            "%(name)s published an opportunity that matches your plan or rank.",
            name=name,
        )
    return _("%(name)s returned your career plan with a comment.", name=name)


def target_of(notification: Notification, as_mentor: bool = False) -> str:
    """Where opening a notification leads: the request, mentorship, plan,
    opportunity or one's training records."""
    kind = notification.kind
    if kind in MENTORSHIP_KINDS:
        return url_for("mentoring.mentorship", mentorship_id=notification.subject_id)
    if kind in PLAN_KINDS:
        return url_for("plans.detail", plan_id=notification.subject_id)
    if kind in OPPORTUNITY_KINDS:
        return url_for("opportunities.detail", opportunity_id=notification.subject_id)
    if kind in RECORD_KINDS:
        return url_for("opportunities.my_training")
    if kind in TO_THE_MENTOR or (
        kind is NotificationKind.COHORT_PROPOSED and as_mentor
    ):
        return url_for("mentoring.inbox")
    return url_for("mentoring.index")
