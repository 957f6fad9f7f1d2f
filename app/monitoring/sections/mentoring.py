"""Mentoring coverage: who has an active mentor, how loaded the mentors are,
how long requests wait for an answer, and sessions held month by month.

Mentees, requests and sessions count for the people in view by the mentee
(the person being developed); the mentors' load counts the mentors in view.
Each figure is one aggregate query; waiting is measured in whole days since
the request was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import (
    Employee,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
)
from app.monitoring.breakdown import rollup, total
from app.monitoring.figures import Figure, register
from app.monitoring.sections import Section, add
from app.monitoring.sql import whole_days
from app.monitoring.view import View

MONTHS = 12

# A request's age: under a week, a week to a month, longer.
AGES = ("week", "month", "older")
AGE_LABELS = {
    "week": _l("Under 7 days"),
    "month": _l("7 to 30 days"),
    "older": _l("Over 30 days"),
}
MENTOR_STATES = ("full", "room", "paused")
MENTOR_LABELS = {
    "full": _l("Full"),
    "room": _l("With room"),
    "paused": _l("Paused"),
}


def now() -> datetime:
    """The moment ages are measured to (a function, for the tests)."""
    return datetime.now(UTC)


def _active_mentees() -> Select:
    return select(Mentorship.mentee_id).where(
        Mentorship.status == MentorshipStatus.ACTIVE
    )


def _pending(people) -> Select:
    return select(MentorshipRequest).where(
        MentorshipRequest.status == RequestStatus.PENDING,
        MentorshipRequest.mentee_id.in_(select(people.c.id)),
    )


# --- the section's figures -------------------------------------------------


def _coverage(view: View) -> list[tuple]:
    """People and those with an active mentor, per unit."""
    mentored = case((Employee.id.in_(_active_mentees()), 1), else_=0)
    stmt = view.restrict(
        select(Employee.unit_id, func.count(), func.sum(mentored)).group_by(
            Employee.unit_id
        )
    )
    return db.session.execute(stmt).all()


def _mentor_states() -> dict[str, Any]:
    profile = MentorProfile
    return {
        "paused": profile.is_paused,
        "full": and_(~profile.is_paused, profile.active_mentees >= profile.capacity),
        "room": and_(~profile.is_paused, profile.active_mentees < profile.capacity),
    }


def _mentors(view: View):
    """Mentors in view by state, and their mentees and kuota in all."""
    states = _mentor_states()
    stmt = view.restrict(
        select(
            *(
                func.coalesce(func.sum(case((states[s], 1), else_=0)), 0)
                for s in MENTOR_STATES
            ),
            func.coalesce(func.sum(MentorProfile.active_mentees), 0),
            func.coalesce(func.sum(MentorProfile.capacity), 0),
        )
        .select_from(MentorProfile)
        .join(Employee, Employee.id == MentorProfile.employee_id)
        .where(MentorProfile.is_active)
    )
    return db.session.execute(stmt).one()


def _age_bounds(moment: datetime) -> tuple[datetime, datetime]:
    """Requests sent after the first waited under 7 days; after the second,
    at most 30 whole days."""
    return moment - timedelta(days=7), moment - timedelta(days=31)


def _ages(moment: datetime, created):
    week, month = _age_bounds(moment)
    return {
        "week": created > week,
        "month": and_(created <= week, created > month),
        "older": created <= month,
    }


def _waiting(view: View, moment: datetime):
    """Pending requests by age, and the oldest one's moment."""
    people = view.people().cte("waiting_people")
    pending = _pending(people).subquery("pending_requests")
    ages = _ages(moment, pending.c.created_at)
    stmt = select(
        *(func.coalesce(func.sum(case((ages[a], 1), else_=0)), 0) for a in AGES),
        func.min(pending.c.created_at),
        func.count(func.distinct(pending.c.mentee_id)),
    )
    return db.session.execute(stmt).one()


def months_of(view: View) -> list[date]:
    """The first days of the 12 months up to the period's end (or this month,
    for the current period: months to come have no sessions yet)."""
    last = date(view.period, 12, 1)
    if last > view.today:
        last = view.today.replace(day=1)
    months = []
    year, month = last.year, last.month
    for _n in range(MONTHS):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _in(held_on, start: date, end: date):
    return func.coalesce(
        func.sum(case((and_(held_on >= start, held_on < end), 1), else_=0)), 0
    )


def _sessions(view: View, months: list[date]):
    """Sessions of mentees in view in each month, and in the period."""
    held = MentoringSession.held_on
    stmt = view.restrict(
        select(
            *(_in(held, first, _next_month(first)) for first in months),
            _in(held, date(view.period, 1, 1), date(view.period + 1, 1, 1)),
        )
        .select_from(MentoringSession)
        .join(Mentorship, Mentorship.id == MentoringSession.mentorship_id)
        .join(Employee, Employee.id == Mentorship.mentee_id)
    )
    return db.session.execute(stmt).one()


@dataclass(frozen=True)
class Waiting:
    requests: dict[str, int]
    people: int
    oldest: datetime | None
    oldest_days: int | None

    @property
    def total(self) -> int:
        return sum(self.requests.values())


def figures(view: View) -> dict[str, Any]:
    """Coverage per unit, the mentors' load, waiting requests, sessions."""
    per_unit = {
        unit_id: (people, mentored) for unit_id, people, mentored in _coverage(view)
    }
    rows = rollup(view.filters.unit_id, per_unit)
    people, mentored = total(rows) or (0, 0)
    *states, taken, kuota = _mentors(view)
    moment = now()
    *ages, oldest, waiting_people = _waiting(view, moment)
    months = months_of(view)
    *per_month, this_period = _sessions(view, months)
    return {
        "coverage_rows": rows,
        "in_view": int(people),
        "mentored": int(mentored),
        "mentor_states": dict(zip(MENTOR_STATES, map(int, states), strict=True)),
        "mentor_labels": MENTOR_LABELS,
        "mentees_taken": int(taken),
        "kuota": int(kuota),
        "waiting": Waiting(
            dict(zip(AGES, map(int, ages), strict=True)),
            int(waiting_people),
            oldest,
            (moment - oldest).days if oldest else None,
        ),
        "age_labels": AGE_LABELS,
        "months": [
            {"label": format_date(first, "MMM yy"), "value": int(count), "first": first}
            for first, count in zip(months, per_month, strict=True)
        ],
        "sessions_period": int(this_period),
    }


def headline(view: View) -> dict[str, Any]:
    """Coverage, waiting requests and sessions of the period, in one query."""
    people = view.people().cte("headline_people")
    in_people = select(people.c.id)
    stmt = select(
        select(func.count()).select_from(people).scalar_subquery(),
        select(func.count(func.distinct(Mentorship.mentee_id)))
        .where(Mentorship.status == MentorshipStatus.ACTIVE)
        .where(Mentorship.mentee_id.in_(in_people))
        .scalar_subquery(),
        select(func.count()).select_from(_pending(people).subquery()).scalar_subquery(),
        select(func.count())
        .select_from(MentoringSession)
        .join(Mentorship, Mentorship.id == MentoringSession.mentorship_id)
        .where(Mentorship.mentee_id.in_(in_people))
        .where(MentoringSession.held_on >= date(view.period, 1, 1))
        .where(MentoringSession.held_on < date(view.period + 1, 1, 1))
        .scalar_subquery(),
    )
    in_view, mentored, waiting, sessions = db.session.execute(stmt).one()
    return {
        "in_view": in_view,
        "mentored": mentored,
        "share": mentored / in_view if in_view else None,
        "waiting": waiting,
        "sessions": sessions,
    }


# --- the drill-downs ---------------------------------------------------------


def _mentored_people(view: View, params: Mapping[str, Any]) -> Select:
    mentee, mentor = aliased(Employee), aliased(Employee)
    stmt = (
        select(mentee.id.label("employee_id"), func.min(mentor.name).label("value"))
        .join(Mentorship, Mentorship.mentee_id == mentee.id)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .where(Mentorship.status == MentorshipStatus.ACTIVE)
        .group_by(mentee.id)
    )
    return view.restrict(stmt, employee=mentee)


def _unmentored_people(view: View, params: Mapping[str, Any]) -> Select:
    return view.restrict(
        select(Employee.id.label("employee_id"), null().label("value")).where(
            Employee.id.not_in(_active_mentees())
        )
    )


def _choice(choices):
    def parse(text: str) -> str | None:
        text = text or "all"
        return text if text == "all" or text in choices else None

    return parse


def _mentor_people(view: View, params: Mapping[str, Any]) -> Select:
    load = (
        cast(MentorProfile.active_mentees, String)
        + literal(" / ")
        + cast(MentorProfile.capacity, String)
    )
    stmt = (
        select(Employee.id.label("employee_id"), load.label("value"))
        .join(MentorProfile, MentorProfile.employee_id == Employee.id)
        .where(MentorProfile.is_active)
    )
    if params["state"] != "all":
        stmt = stmt.where(_mentor_states()[params["state"]])
    return view.restrict(stmt)


def _days(moment: datetime, created):
    """Whole days from ``created`` to ``moment``."""
    return whole_days(created, literal(moment, created.type))


def _waiting_people(view: View, params: Mapping[str, Any]) -> Select:
    moment = now()
    created = MentorshipRequest.created_at
    stmt = (
        select(
            Employee.id.label("employee_id"),
            func.max(_days(moment, created)).label("value"),
        )
        .join(MentorshipRequest, MentorshipRequest.mentee_id == Employee.id)
        .where(MentorshipRequest.status == RequestStatus.PENDING)
        .group_by(Employee.id)
    )
    if params["age"] != "all":
        stmt = stmt.where(_ages(moment, created)[params["age"]])
    return view.restrict(stmt)


def _mentor_title(params: Mapping[str, Any]) -> str:
    state = params["state"]
    if state == "all":
        return _("Mentors")
    return _("Mentors: %(state)s", state=MENTOR_LABELS[state])


def _waiting_title(params: Mapping[str, Any]) -> str:
    age = params["age"]
    if age == "all":
        return _("Waiting for a mentor's answer")
    return _("Waiting for a mentor's answer: %(age)s", age=AGE_LABELS[age])


register(
    Figure(
        "mentored",
        lambda params: _("With an active mentor"),
        _mentored_people,
        value_label=_l("Mentor"),
        section="mentoring",
    )
)
register(
    Figure(
        "not-mentored",
        lambda params: _("Without an active mentor"),
        _unmentored_people,
        section="mentoring",
    )
)
register(
    Figure(
        "mentors",
        _mentor_title,
        _mentor_people,
        params={"state": _choice(MENTOR_STATES)},
        value_label=_l("Mentees / quota"),
        section="mentoring",
    )
)
register(
    Figure(
        "waiting-mentor",
        _waiting_title,
        _waiting_people,
        params={"age": _choice(AGES)},
        value_label=_l("Days waiting"),
        section="mentoring",
    )
)

add(
    Section(
        "mentoring",
        _l("Mentoring"),
        "monitoring/_mentoring.html",
        "monitoring/_mentoring_tile.html",
        figures,
        headline,
    )
)
