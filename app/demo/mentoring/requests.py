"""Requests in the mentoring story: who asks whom, with which goals and words.

``ask`` records a request (or HR's cohort proposal) in the ledger, with the
notifications of sending and answering it; the mentee's message names a
competency the mentor covers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.demo.mentoring.ledger import Ledger
from app.demo.mentoring.records import Goal, Mentee, Mentor, Plan, RequestSpec
from app.demo.mentoring.texts import ACCEPTED, COHORT_MESSAGE, DECLINED, MESSAGES
from app.models import NotificationKind, RequestOrigin, RequestStatus


def ask(
    ledger: Ledger,
    rng: random.Random,
    mentee: Mentee,
    mentor: Mentor,
    status: RequestStatus,
    day: date,
    *,
    decided: date | None = None,
    goals: list[Goal] | None = None,
    origin: RequestOrigin = RequestOrigin.MENTEE,
) -> RequestSpec:
    """A request sent on ``day`` (and answered on ``decided``), with its notes."""
    one, other = mentee.person, mentor.person
    if goals is None:  # of the plan the mentee had then
        goals = _goals(rng, mentee.plan_on(day), mentor, day)
    cohort = origin is RequestOrigin.COHORT
    request = RequestSpec(
        mentee=one,
        mentor=other,
        status=status,
        created_at=ledger.at(rng, day),
        message=COHORT_MESSAGE
        if cohort
        else _message(rng, ledger.names, mentee, mentor, goals),
        origin=origin,
        created_by=ledger.hr if cohort else one,
        goal_ids=[g.id for g in goals],
        score=round(rng.uniform(0.42, 0.91), 3) if rng.random() < 0.8 else None,
    )
    ledger.pairs.add((one.employee_id, other.employee_id))
    pending = status is RequestStatus.PENDING
    if cohort:
        for person in (other, one):
            ledger.note(
                person,
                NotificationKind.COHORT_PROPOSED,
                ledger.hr,
                request,
                request.created_at,
                unread=pending,
            )
    else:
        ledger.note(
            other,
            NotificationKind.REQUEST_RECEIVED,
            one,
            request,
            request.created_at,
            unread=pending,
        )
    if pending:
        ledger.asking.add(one.employee_id)
    if decided is not None:
        request.decided_at = max(
            ledger.at(rng, decided), request.created_at + timedelta(minutes=5)
        )
        if status is RequestStatus.ACCEPTED:
            request.response = rng.choice(ACCEPTED)
        elif status is RequestStatus.DECLINED:
            request.response = rng.choice(DECLINED)
            ledger.note(
                one,
                NotificationKind.REQUEST_DECLINED,
                other,
                request,
                request.decided_at,
            )
        else:
            ledger.note(
                other,
                NotificationKind.REQUEST_WITHDRAWN,
                one,
                request,
                request.decided_at,
            )
    ledger.requests.append(request)
    return request


def _goals(rng, plan: Plan | None, mentor: Mentor, day: date) -> list[Goal]:
    """One or two goals of the plan the mentor covers, if the plan existed."""
    if plan is None or day < plan.created:
        return []
    matching = [g for g in plan.goals if g.competency_id in mentor.offered]
    chosen = rng.sample(matching, min(len(matching), rng.choice((1, 1, 2))))
    return [g for g in matching if g in chosen]


def _message(
    rng, names: dict[int, tuple[str, str]], mentee: Mentee, mentor: Mentor, goals
) -> str:
    plan = mentee.plan
    covered = sorted((plan.competencies() if plan else set()) & set(mentor.offered))
    if goals:
        competency = goals[0].competency_id
    elif covered:
        competency = covered[0]
    else:
        competency = rng.choice(mentor.offered)
    one, other = mentee.person, mentor.person
    return rng.choice(MESSAGES).format(
        sapaan=other.sapaan,
        Sapaan=other.sapaan,
        mentor=other.first,
        mentee=one.plain,
        position=one.position,
        unit=one.unit,
        competency=names[competency][1],
        target=plan.target if plan else one.position,
    )
