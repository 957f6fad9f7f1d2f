"""Mentorships in the mentoring story: active and closed, sessions, feedback.

``run`` asks and accepts; ``activate`` starts a mentorship on an accepted
request, ``close`` one that has ended, with feedback from one side or (mostly)
both and, afterwards, the mentee's new levels in the competencies of the goals
the request named: mostly the supervisor's, sometimes only the mentee's own,
sometimes none; a level rises more often where the mentee rated the mentorship
well (what HR's mentoring outcomes read). Everything drawn goes into the ledger.
An active mentorship's sessions count toward the mentee's mentoring activity by
the plans' rule (``mentoring_progress``, at the mentoring's JP per minutes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.demo.mentoring.ledger import Ledger
from app.demo.mentoring.records import (
    Activity,
    AssessmentSpec,
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
    AssessmentSource,
    FeedbackSide,
    MentorshipStatus,
    NotificationKind,
    RequestStatus,
)
from app.plans.progress import mentoring_progress

BOTH_FEEDBACK_SHARE = 0.85
# Who gives the mentee a new level after a closed mentorship (else nobody yet).
REASSESSED_BY = ((AssessmentSource.SUPERVISOR, 0.6), (AssessmentSource.SELF, 0.2))
RISE_CHANCE = {5: 0.75, 4: 0.55, 3: 0.3, 2: 0.1, 1: 0.05}  # by the mentee's rating
UNRATED_RISE_CHANCE = 0.4
SELF_RISE_BONUS = 0.2  # mentees rate themselves up more readily
TWO_LEVELS_SHARE = 0.15
REASSESSED_WITHIN = (7, 60)  # days after the end
SESSION_MINUTES = (60, 60, 90, 90, 90, 120)
LONG_SESSION_MINUTES = (90, 120)  # sessions meant to complete an activity


@dataclass(frozen=True)
class After:
    """What follows a closed mentorship: who gives the mentee new levels in the
    competencies taught (nobody if None), and whether they rise."""

    by: AssessmentSource | None
    rise: bool


CONFIRMED_RISE = After(AssessmentSource.SUPERVISOR, True)
NOT_REASSESSED = After(None, False)
SELF_ASSESSED_RISE = After(AssessmentSource.SELF, True)


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
    after: After | None = None,
) -> None:
    """A mentorship that ran until ``end``, with each side's feedback and the
    mentee's levels afterwards (as ``after`` says, else drawn)."""
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
    if ratings is not None or rng.random() < BOTH_FEEDBACK_SHARE:
        day = min(end + timedelta(days=rng.randint(0, 6)), ledger.today - timedelta(1))
        given = max(ledger.at(rng, day), closed + timedelta(minutes=30))
        other_side = (
            FeedbackSide.MENTOR if side is FeedbackSide.MENTEE else FeedbackSide.MENTEE
        )
        mentorship.feedback.append(_feedback(rng, other_side, given, second_rating))
        ledger.note(closer, NotificationKind.FEEDBACK_GIVEN, other, mentorship, given)
    rating = next(
        (f.rating for f in mentorship.feedback if f.side is FeedbackSide.MENTEE), None
    )
    _reassess(ledger, rng, request, mentee, mentor, end, rating, after)


def _reassess(
    ledger: Ledger,
    rng: random.Random,
    request: RequestSpec,
    mentee: Mentee,
    mentor: Mentor,
    end: date,
    rating: int | None,
    after: After | None,
) -> None:
    """The mentee's levels in the competencies the request's goals name, given
    some weeks after ``end`` by the supervisor or the mentee (or by nobody)."""
    goals = mentee.goal_competencies()
    taught = sorted({goals[g] for g in request.goal_ids if goals.get(g) is not None})
    person = mentee.person
    supervisor = ledger.logins.get(person.supervisor_id)
    by, rise = (after.by, after.rise) if after is not None else (None, None)
    if after is None:
        draw = rng.random()
        for source, share in REASSESSED_BY:
            if draw < share:
                by = source
                break
            draw -= share
    if by is AssessmentSource.SUPERVISOR and supervisor is None:
        by = AssessmentSource.SELF
    last = ledger.today - timedelta(days=1)
    soon, late = (end + timedelta(days=d) for d in REASSESSED_WITHIN)
    days = ledger.days(rng, soon, min(late, last), 1) or ledger.days(
        rng, end + timedelta(days=1), last, 1
    )
    if not taught or by is None or not days:
        return
    at = ledger.at(rng, days[0])
    held = ledger.levels.get(person.employee_id, {})
    chance = RISE_CHANCE.get(rating, UNRATED_RISE_CHANCE)
    if by is AssessmentSource.SELF:
        chance += SELF_RISE_BONUS
        user, note = person.user_id, f"Setelah mentoring bersama {mentor.person.plain}"
    else:
        user = supervisor
        note = f"Penilaian ulang setelah mentoring bersama {mentor.person.plain}"
    for competency_id in taught:
        before = held.get(competency_id)
        if before is None and by is AssessmentSource.SELF:
            continue  # one assesses oneself in the competencies of one's post
        risen = rng.random() < chance if rise is None else rise
        if before is None:
            level = rng.choice((2, 3))
        elif risen:
            level = min(before + (2 if rng.random() < TWO_LEVELS_SHARE else 1), 5)
        else:
            level = before
        ledger.assess(
            AssessmentSpec(person.employee_id, competency_id, level, by, user, note, at)
        )


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
