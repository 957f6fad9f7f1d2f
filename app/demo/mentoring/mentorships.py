"""Mentorships in the mentoring story: active and closed, sessions, feedback.

``run`` asks and accepts; ``activate`` starts a mentorship on an accepted
request, ``close`` one that has ended, with feedback from one side or (mostly)
both. Everything drawn goes into the ledger. An active mentorship's sessions
count toward the mentee's mentoring activity by the plans' rule
(``mentoring_progress``, at the mentoring's JP per minutes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.demo.mentoring.ledger import Ledger
from app.demo.mentoring.records import (
    Activity,
    FeedbackSpec,
    Mentee,
    Mentor,
    MentorshipSpec,
    Person,
    RequestSpec,
    SessionSpec,
)
from app.demo.mentoring.requests import ask
from app.demo.mentoring.texts import (
    FEEDBACK,
    GENERIC_TOPICS,
    NEXT_STEPS,
    NOTES,
    RATINGS,
    TOPICS,
)
from app.i18n import WIB
from app.mentoring.services.mentorships import JP_MINUTES, jp_of
from app.models import (
    ActivityStatus,
    FeedbackSide,
    MentorshipStatus,
    NotificationKind,
    RequestStatus,
)
from app.plans.progress import mentoring_progress

BOTH_FEEDBACK_SHARE = 0.85
SESSION_MINUTES = (60, 60, 90, 90, 90, 120)
LONG_SESSION_MINUTES = (90, 120)  # sessions meant to complete an activity


@dataclass
class Schedule:
    """The sessions to draw: on ``days``, of ``lengths`` minutes.

    They count toward ``link`` until it is done (``want_done`` None), enough of
    them to complete it (True), or only while it stays in progress (False);
    ``by`` may say who logs each, the others are drawn.
    """

    days: list[date]
    link: Activity | None = None
    want_done: bool | None = None
    lengths: tuple[int, ...] = SESSION_MINUTES
    by: Sequence[Person | None] = ()


def activity_for(ledger: Ledger, mentee: Mentee, mentor: Mentor) -> Activity | None:
    """The mentee's mentoring activity the sessions count toward, if any."""
    if mentee.plan is None:
        return None
    free = [a for a in mentee.plan.activities if a.id not in ledger.activities]
    offered = set(mentor.offered)
    # One of the goals the mentor covers, else a goal without a competency.
    return next((a for a in free if a.competency_id in offered), None) or next(
        (a for a in free if a.competency_id is None), None
    )


def run(
    ledger: Ledger,
    rng: random.Random,
    mentee: Mentee,
    mentor: Mentor,
    days_ago: int,
    sessions: int,
    want_done: bool | None = None,
    mentee_logs_last: bool = False,
) -> None:
    """An active mentorship asked for about ``days_ago`` days ago, with about
    ``sessions`` sessions (see ``Schedule`` for ``want_done``)."""
    today = ledger.today
    asked = max(today - timedelta(days=days_ago), mentee.plan.created)
    accepted = min(asked + timedelta(days=rng.randint(1, 4)), today - timedelta(1))
    asked = min(asked, accepted - timedelta(days=1))
    request = ask(
        ledger, rng, mentee, mentor, RequestStatus.ACCEPTED, asked, decided=accepted
    )
    link = activity_for(ledger, mentee, mentor)
    lengths = SESSION_MINUTES
    if link is not None and want_done:
        lengths = LONG_SESSION_MINUTES
        needed = -(-link.planned_jp * JP_MINUTES // lengths[0])  # rounded up
        sessions = min(8, max(sessions, needed + 1))
    days = ledger.days(
        rng, accepted + timedelta(days=1), today - timedelta(1), sessions
    )
    by: list[Person | None] = [None] * len(days)
    if mentee_logs_last and days:
        by[-1] = mentee.person
    schedule = Schedule(days, link, want_done, lengths, by)
    activate(ledger, rng, request, mentee, mentor, schedule)


def activate(
    ledger: Ledger,
    rng: random.Random,
    request: RequestSpec,
    mentee: Mentee,
    mentor: Mentor,
    schedule: Schedule,
) -> None:
    """The mentorship of an accepted request, under way: a place is taken."""
    mentorship = MentorshipSpec(MentorshipStatus.ACTIVE, request.decided_at)
    request.mentorship = mentorship
    mentor.active += 1
    ledger.with_mentor.add(mentee.person.employee_id)
    ledger.note(
        mentee.person,
        NotificationKind.REQUEST_ACCEPTED,
        mentor.person,
        mentorship,
        request.decided_at,
    )
    _sessions(ledger, rng, mentorship, mentee, mentor, schedule)


def close(
    ledger: Ledger,
    rng: random.Random,
    request: RequestSpec,
    mentee: Mentee,
    mentor: Mentor,
    end: date,
    sessions: int,
    side: FeedbackSide | None = None,
    ratings: tuple[int, int] | None = None,
) -> None:
    """A mentorship that ran until ``end``, with each side's feedback."""
    start = request.decided_at
    mentorship = MentorshipSpec(MentorshipStatus.CLOSED, start)
    request.mentorship = mentorship
    ledger.note(
        mentee.person,
        NotificationKind.REQUEST_ACCEPTED,
        mentor.person,
        mentorship,
        start,
    )
    first = start.astimezone(WIB).date() + timedelta(days=1)
    days = ledger.days(rng, first, end - timedelta(days=1), sessions)
    _sessions(ledger, rng, mentorship, mentee, mentor, Schedule(days))
    side = side or rng.choice((FeedbackSide.MENTEE, FeedbackSide.MENTOR))
    closer, other = mentee.person, mentor.person
    if side is FeedbackSide.MENTOR:
        closer, other = other, closer
    closed = ledger.at(rng, end)
    if mentorship.sessions:
        closed = max(closed, mentorship.sessions[-1].at + timedelta(minutes=10))
    mentorship.closed_at, mentorship.closed_by = closed, closer
    first_rating, second_rating = ratings or (None, None)
    mentorship.feedback.append(_feedback(rng, side, closed, first_rating))
    ledger.note(other, NotificationKind.MENTORSHIP_CLOSED, closer, mentorship, closed)
    if ratings is None and rng.random() >= BOTH_FEEDBACK_SHARE:
        return
    day = min(end + timedelta(days=rng.randint(0, 6)), ledger.today - timedelta(1))
    given = max(ledger.at(rng, day), closed + timedelta(minutes=30))
    other_side = (
        FeedbackSide.MENTOR if side is FeedbackSide.MENTEE else FeedbackSide.MENTEE
    )
    mentorship.feedback.append(_feedback(rng, other_side, given, second_rating))
    ledger.note(closer, NotificationKind.FEEDBACK_GIVEN, other, mentorship, given)


def _feedback(rng, side: FeedbackSide, at: datetime, rating: int | None):
    if rating is None:
        rating = rng.choices(list(RATINGS), weights=list(RATINGS.values()))[0]
    return FeedbackSpec(side, rating, rng.choice(FEEDBACK[side][rating]), at)


def _sessions(
    ledger: Ledger,
    rng: random.Random,
    mentorship: MentorshipSpec,
    mentee: Mentee,
    mentor: Mentor,
    schedule: Schedule,
) -> None:
    """The scheduled sessions, each notified to the side that did not log it."""
    link, by = schedule.link, schedule.by
    focus = (
        link.competency_id
        if link is not None and link.competency_id is not None
        else rng.choice(mentor.offered)
    )
    topics = TOPICS[ledger.names[focus][0]] + GENERIC_TOPICS[1:]
    minutes = count = 0
    for number, day in enumerate(schedule.days):
        duration = rng.choice(schedule.lengths)
        activity_id = None
        if link is not None:
            after = minutes + (duration if schedule.want_done is False else 0)
            if jp_of(after) < link.planned_jp:
                activity_id = link.id
                minutes += duration
                count += 1
        drawn = mentor.person if rng.random() < 0.65 else mentee.person
        logger = (by[number] if number < len(by) else None) or drawn
        at = ledger.at(rng, day, (14, 16))
        mentorship.sessions.append(
            SessionSpec(
                held_on=day,
                minutes=duration,
                topic=GENERIC_TOPICS[0] if number == 0 else rng.choice(topics),
                notes=rng.choice(NOTES),
                next_steps=rng.choice(NEXT_STEPS),
                activity_id=activity_id,
                logged_by=logger,
                at=at,
            )
        )
        reader = mentee.person if logger is mentor.person else mentor.person
        ledger.note(reader, NotificationKind.SESSION_LOGGED, logger, mentorship, at)
        if activity_id is not None:
            _progress(ledger, link, minutes, count, mentor, at)


def _progress(
    ledger: Ledger,
    activity: Activity,
    minutes: int,
    count: int,
    mentor: Mentor,
    at: datetime,
) -> None:
    """The activity as the plans' rule leaves it: in progress, or done at its JP."""
    jp = jp_of(minutes)
    activity.status = mentoring_progress(activity.status, activity.planned_jp, jp)
    if activity.status is ActivityStatus.DONE:
        activity.evidence = (
            f"Catatan {count} sesi mentoring ({jp} JP) bersama "
            f"{mentor.person.plain}, tercatat di Jenjang"
        )
    else:
        activity.evidence = (
            f"{count} sesi mentoring tercatat ({jp} dari {activity.planned_jp} JP)"
        )
    if activity.id not in ledger.activities:  # named after the mentor, once
        head = activity.title.rsplit(" dengan ", 1)[0]
        activity.title = f"{head} dengan {mentor.person.plain}"[:200]
        ledger.activities[activity.id] = activity
    ledger.touched[activity.plan_id] = max(ledger.touched.get(activity.plan_id, at), at)
