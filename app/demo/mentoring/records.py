"""The plain records of the demo mentoring story, and loading them.

What the story works on: the people taking part, this year's plans with their
goals and mentoring activities, the mentors with their offers (read for the new
people by ``load_persons``, ``load_current_plans`` and ``load_mentors``, with
this year's review steps by ``load_review_steps``); and what it draws before it
is written: requests, mentorships, sessions, feedback and notifications.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from app.demo import catalogue
from app.extensions import db
from app.i18n import WIB
from app.models import (
    ActivityKind,
    ActivityStatus,
    AssessmentSource,
    CareerPlan,
    CompetencyAssessment,
    DevelopmentActivity,
    FeedbackSide,
    MentorCompetency,
    MentorProfile,
    MentorshipStatus,
    NotificationKind,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
    RequestOrigin,
    RequestStatus,
)
from app.models.mentoring import places_left


@dataclass
class Person:
    """Who takes part, as the texts and notifications need them."""

    employee_id: int
    nip: str
    user_id: int | None
    name: str  # with titles, as notifications show it
    plain: str  # without titles, as people sign their messages
    female: bool
    unit: str
    position: str
    supervisor_id: int | None
    role: str | None
    office: bool = True  # in the kecamatan or a kelurahan, not a school or clinic

    @property
    def sapaan(self) -> str:
        return "Ibu" if self.female else "Bapak"

    @property
    def first(self) -> str:
        return self.plain.split()[0]


@dataclass
class Goal:
    id: int
    competency_id: int | None


@dataclass
class Activity:
    """A mentoring activity of a current plan that sessions may count toward."""

    id: int
    plan_id: int
    competency_id: int | None
    status: ActivityStatus
    planned_jp: int
    title: str
    evidence: str = ""


@dataclass
class Plan:
    id: int
    status: PlanStatus
    created: date  # in Medan
    target: str
    goals: list[Goal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    def competencies(self) -> set[int]:
        return {g.competency_id for g in self.goals if g.competency_id is not None}


@dataclass
class Mentee:
    person: Person
    plan: Plan | None
    earlier: Plan | None = None  # last year's plan

    def plan_on(self, day: date) -> Plan | None:
        """The plan the mentee had on ``day``: this year's once it was made,
        else last year's."""
        for plan in (self.plan, self.earlier):
            if plan is not None and plan.created <= day:
                return plan
        return None

    def goal_competencies(self) -> dict[int, int | None]:
        """Goal id -> competency id, of both plans."""
        return {
            goal.id: goal.competency_id
            for plan in (self.plan, self.earlier)
            if plan is not None
            for goal in plan.goals
        }


@dataclass
class Mentor:
    person: Person
    capacity: int
    paused: bool
    offered: tuple[int, ...]
    active: int = 0  # places taken: the active mentorships drawn

    @property
    def places(self) -> int:
        return places_left(self.capacity, self.active)

    @property
    def is_open(self) -> bool:
        """Requestable, as ``MentorProfile.is_open`` (every demo mentor is active)."""
        return not self.paused and self.places > 0


@dataclass
class SessionSpec:
    held_on: date
    minutes: int
    topic: str
    notes: str
    next_steps: str
    activity_id: int | None
    logged_by: Person
    at: datetime


@dataclass
class FeedbackSpec:
    side: FeedbackSide
    rating: int
    comment: str
    at: datetime


@dataclass
class MentorshipSpec:
    status: MentorshipStatus
    started_at: datetime
    closed_at: datetime | None = None
    closed_by: Person | None = None
    sessions: list[SessionSpec] = field(default_factory=list)
    feedback: list[FeedbackSpec] = field(default_factory=list)
    id: int | None = None


@dataclass
class RequestSpec:
    mentee: Person
    mentor: Person
    status: RequestStatus
    created_at: datetime
    message: str
    origin: RequestOrigin = RequestOrigin.MENTEE
    created_by: Person | None = None
    goal_ids: list[int] = field(default_factory=list)
    score: float | None = None
    response: str = ""
    decided_at: datetime | None = None
    mentorship: MentorshipSpec | None = None
    id: int | None = None


@dataclass
class AssessmentSpec:
    """A level given to a mentee after a mentorship, by the supervisor or self."""

    employee_id: int
    competency_id: int
    level: int
    source: AssessmentSource
    by: int | None  # the user who gave it
    note: str
    at: datetime


@dataclass
class Note:
    """A notification to be: whom, what, about which subject, when."""

    user_id: int | None
    kind: NotificationKind
    actor: Person | None
    subject: RequestSpec | MentorshipSpec | int
    at: datetime
    unread: bool = False


def load_persons(people, ids, logins) -> dict[int, Person]:
    result = {}
    for p in people:
        employee_id = ids.get(p.nip)
        if employee_id is None:
            continue
        name = f"{p.front_title} {p.name}".strip()
        unit = catalogue.unit(p.unit)
        result[employee_id] = Person(
            employee_id=employee_id,
            nip=p.nip,
            user_id=logins.get(employee_id),
            name=f"{name}, {p.back_title}" if p.back_title else name,
            plain=p.name,
            female=p.nip[14] == "2",
            unit=unit.name,
            position=catalogue.position(p.position).name,
            supervisor_id=ids.get(p.supervisor_nip) if p.supervisor_nip else None,
            role=p.role,
            office=unit.kind not in ("puskesmas", "sekolah", "pos_pol_pp"),
        )
    return result


def load_current_plans(employee_ids: set[int], year: int) -> dict[int, Plan]:
    """The plans for ``year`` (this year's, or last year's for the requests of
    then) of the given employees, with goals and mentoring activities."""
    positions = dict(db.session.execute(select(Position.id, Position.name)).all())
    plans: dict[int, Plan] = {}
    by_id: dict[int, Plan] = {}
    rows = db.session.execute(
        select(
            CareerPlan.id,
            CareerPlan.employee_id,
            CareerPlan.status,
            CareerPlan.created_at,
            CareerPlan.target_position_id,
        ).where(CareerPlan.period == year)
    )
    for plan_id, employee_id, status, created, target in rows:
        if employee_id in employee_ids:
            plan = Plan(
                plan_id, status, created.astimezone(WIB).date(), positions[target]
            )
            plans[employee_id] = by_id[plan_id] = plan
    goals = db.session.execute(
        select(PlanGoal.id, PlanGoal.plan_id, PlanGoal.competency_id)
        .join(CareerPlan)
        .where(CareerPlan.period == year)
        .order_by(PlanGoal.plan_id, PlanGoal.position)
    )
    for goal_id, plan_id, competency_id in goals:
        if plan_id in by_id:
            by_id[plan_id].goals.append(Goal(goal_id, competency_id))
    activities = db.session.execute(
        select(
            DevelopmentActivity.id,
            PlanGoal.plan_id,
            PlanGoal.competency_id,
            DevelopmentActivity.status,
            DevelopmentActivity.planned_jp,
            DevelopmentActivity.title,
        )
        .join(PlanGoal, PlanGoal.id == DevelopmentActivity.goal_id)
        .join(CareerPlan, CareerPlan.id == PlanGoal.plan_id)
        .where(
            CareerPlan.period == year,
            DevelopmentActivity.kind == ActivityKind.MENTORING,
            DevelopmentActivity.status.in_(
                [ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS]
            ),
        )
        .order_by(PlanGoal.plan_id, PlanGoal.position, DevelopmentActivity.position)
    )
    for activity_id, plan_id, competency_id, status, jp, title in activities:
        if plan_id in by_id:
            by_id[plan_id].activities.append(
                Activity(activity_id, plan_id, competency_id, status, jp, title)
            )
    return plans


def load_last_assessed(employee_ids: set[int]) -> dict[int, datetime]:
    """When each of the given employees was last assessed, in any competency."""
    rows = db.session.execute(
        select(
            CompetencyAssessment.employee_id,
            func.max(CompetencyAssessment.assessed_at),
        ).group_by(CompetencyAssessment.employee_id)
    )
    return {employee_id: at for employee_id, at in rows if employee_id in employee_ids}


def load_review_steps(year: int) -> list[tuple[int, PlanEventKind, datetime]]:
    """This year's review steps (plan id, kind, when), in order, for their notices."""
    return db.session.execute(
        select(PlanEvent.plan_id, PlanEvent.kind, PlanEvent.created_at)
        .join(CareerPlan)
        .where(
            CareerPlan.period == year,
            PlanEvent.kind.in_(
                [
                    PlanEventKind.SUBMITTED,
                    PlanEventKind.APPROVED,
                    PlanEventKind.RETURNED,
                ]
            ),
        )
        .order_by(PlanEvent.plan_id, PlanEvent.created_at, PlanEvent.id)
    ).all()


def load_mentors(employee_ids: set[int], persons: dict[int, Person]) -> list[Mentor]:
    """The new mentors with their offers, by NIP."""
    offered: dict[int, list[int]] = defaultdict(list)
    for employee_id, competency_id in db.session.execute(
        select(MentorProfile.employee_id, MentorCompetency.competency_id)
        .join(MentorCompetency)
        .order_by(MentorCompetency.competency_id)
    ):
        offered[employee_id].append(competency_id)
    mentors = [
        Mentor(persons[employee_id], capacity, paused, tuple(offered[employee_id]))
        for employee_id, capacity, paused in db.session.execute(
            select(
                MentorProfile.employee_id,
                MentorProfile.capacity,
                MentorProfile.is_paused,
            ).where(MentorProfile.is_active.is_(True))
        )
        if employee_id in employee_ids and offered[employee_id]
    ]
    return sorted(mentors, key=lambda m: m.person.nip)
