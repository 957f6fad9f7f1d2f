"""What the mentoring story has drawn so far, and the clock it draws by.

``Ledger`` holds the story's state (requests, notifications, the mentoring
activities sessions count toward, who already met or asks whom, the levels
mentees were given after a mentorship) and what it knows of the people (their
levels, when they were last assessed, their logins), with the small helpers
every step uses: a notification (``note``), a moment in office hours (``at``),
working days (``days``). ``note_plan_reviews`` adds the notifications
of this year's plan reviews. The requests, the mentorships and the story each
write into one ledger.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from app.demo.mentoring.records import (
    Activity,
    AssessmentSpec,
    MentorshipSpec,
    Note,
    Person,
    Plan,
    RequestSpec,
)
from app.i18n import WIB
from app.models import AssessmentSource, NotificationKind, PlanEventKind, PlanStatus


class Ledger:
    """The story's state and the helpers that add to it."""

    def __init__(
        self,
        seed: int,
        now: datetime,
        names: dict[int, tuple[str, str]],
        hr: Person | None,
        levels: dict[int, dict[int, int]] | None = None,
        assessed: dict[int, datetime] | None = None,
        logins: dict[int, int] | None = None,
    ) -> None:
        self.seed = seed
        self.now = now
        self.today = now.astimezone(WIB).date()
        self.names = names  # competency id -> (code, name)
        self.hr = hr if hr is not None and hr.user_id is not None else None
        # employee id -> {competency id: the level that counts now}; when they
        # were last assessed; their user id
        self.levels = levels or {}
        self.assessed = assessed or {}
        self.logins = logins or {}
        self.assessments: list[AssessmentSpec] = []  # given after a mentorship
        self.requests: list[RequestSpec] = []
        self.notes: list[Note] = []
        # activity id -> the activity sessions count toward; plan id -> last session
        self.activities: dict[int, Activity] = {}
        self.touched: dict[int, datetime] = {}
        self.pairs: set[tuple[int, int]] = set()
        self.with_mentor: set[int] = set()  # mentees in an active mentorship
        self.asking: set[int] = set()  # mentees with a pending request

    def note(
        self,
        reader: Person | None,
        kind: NotificationKind,
        actor: Person | None,
        subject: RequestSpec | MentorshipSpec | int,
        at: datetime,
        unread: bool = False,
    ) -> Note:
        note = Note(
            reader.user_id if reader else None, kind, actor, subject, at, unread
        )
        self.notes.append(note)
        return note

    def at(self, rng: random.Random, day: date, hours=(8, 15)) -> datetime:
        """A moment of ``day`` in office hours (WIB) as UTC, never in the future."""
        moment = time(rng.randint(*hours), rng.randint(0, 59), rng.randint(0, 59))
        when = datetime.combine(day, moment, tzinfo=WIB).astimezone(UTC)
        return min(when, self.now - timedelta(minutes=rng.randint(5, 50)))

    def assess(self, spec: AssessmentSpec) -> None:
        """A level given after a mentorship; an external one counts from then on
        for the draws that follow (a self-assessment leaves the level as it is)."""
        self.assessments.append(spec)
        last = self.assessed.get(spec.employee_id)
        self.assessed[spec.employee_id] = max(last, spec.at) if last else spec.at
        if spec.source is not AssessmentSource.SELF:
            self.levels.setdefault(spec.employee_id, {})[spec.competency_id] = (
                spec.level
            )

    def days(self, rng, first: date, last: date, count: int) -> list[date]:
        """Up to ``count`` different working days from ``first`` to ``last``."""
        if last < first or count <= 0:
            return []
        span = [first + timedelta(days=d) for d in range((last - first).days + 1)]
        pool = [day for day in span if day.weekday() < 5] or span
        return sorted(rng.sample(pool, min(count, len(pool))))


def note_plan_reviews(
    ledger: Ledger,
    steps: Iterable[tuple[int, PlanEventKind, datetime]],
    plans: dict[int, Plan],
    persons: dict[int, Person],
) -> None:
    """Notifications of this year's review ``steps`` (plan id, kind, when, in order):
    submitted to the supervisor, approved or returned to the employee; a plan
    still waiting is unread."""
    owner = {plan.id: employee_id for employee_id, plan in plans.items()}
    last: dict[int, Note] = {}
    for plan_id, kind, at in steps:
        employee_id = owner.get(plan_id)
        if employee_id is None:
            continue
        employee = persons[employee_id]
        boss = persons.get(employee.supervisor_id)
        if kind is PlanEventKind.SUBMITTED:
            note = ledger.note(
                boss, NotificationKind.PLAN_SUBMITTED, employee, plan_id, at
            )
        else:
            note = ledger.note(
                employee, NotificationKind(f"plan_{kind.value}"), boss, plan_id, at
            )
        last[plan_id] = note
    for plan in plans.values():
        note = last.get(plan.id)
        if note is not None and plan.status is PlanStatus.SUBMITTED:
            note.unread = True
