"""The cohort proposal: choose mentees and open mentors, propose the pairs.

The proposal is ``app.matching.propose`` (the optimal assignment under the
mentors' places, each mentee's best alternatives, and why a mentee was left
without a mentor); this service loads the people and words the reasons.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, cast, func, null, or_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.hr.cohorts.services import MAX_COHORT, CohortError
from app.matching import CohortResult, propose
from app.matching.cohort import NO_ELIGIBLE, NO_PLACES
from app.mentoring.fitting import current_model, mentee_profiles
from app.mentoring.suggest import competency_names, describe
from app.models import (
    CareerPlan,
    Employee,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    PlanStatus,
    RequestStatus,
)

ALTERNATIVES = 5  # other mentors offered per mentee besides the proposed one


class MenteeChoice(enum.StrEnum):
    """Which employees a cohort is drawn from."""

    APPROVED = "approved"  # an approved plan this year, no mentor, no pending request
    ANY_PLAN = "any"  # any plan this year and no mentor


@dataclass(frozen=True)
class Criteria:
    """Who to match: the mentees' rule and units, the mentors' units (None: all)."""

    mentees: MenteeChoice = MenteeChoice.APPROVED
    unit_ids: Collection[int] | None = None
    mentor_unit_ids: Collection[int] | None = None


def choose_people(
    criteria: Criteria, year: int
) -> tuple[list[Employee], list[MentorSlot], set[tuple[int, int]]]:
    """The mentees, the open mentors and the mentees' pending requests, in one query.

    A mentee has a plan this year (approved, for ``APPROVED``) and no active
    mentor; an open mentor is active, not paused and has a place left. Only
    ``ANY_PLAN`` mentees can have requests pending: (mentee, mentor) pairs.
    """
    plan = select(CareerPlan.id).where(
        CareerPlan.employee_id == Employee.id, CareerPlan.period == year
    )
    if criteria.mentees is MenteeChoice.APPROVED:
        plan = plan.where(CareerPlan.status == PlanStatus.APPROVED)
    has_mentor = select(Mentorship.id).where(
        Mentorship.mentee_id == Employee.id,
        Mentorship.status == MentorshipStatus.ACTIVE,
    )
    is_mentee = [plan.exists(), ~has_mentor.exists()]
    waiting = select(MentorshipRequest.id).where(
        MentorshipRequest.mentee_id == Employee.id,
        MentorshipRequest.status == RequestStatus.PENDING,
    )
    waiting_for = null()
    if criteria.mentees is MenteeChoice.APPROVED:
        is_mentee.append(~waiting.exists())
    else:  # the mentors asked already, as "12,40": a second query saved
        waiting_for = waiting.with_only_columns(
            func.aggregate_strings(cast(MentorshipRequest.mentor_id, String), ",")
        ).scalar_subquery()
    if criteria.unit_ids is not None:
        is_mentee.append(Employee.unit_id.in_(criteria.unit_ids))
    is_mentor = [
        MentorProfile.is_active.is_(True),
        MentorProfile.is_paused.is_(False),
        MentorProfile.active_mentees < MentorProfile.capacity,
    ]
    if criteria.mentor_unit_ids is not None:
        is_mentor.append(Employee.unit_id.in_(criteria.mentor_unit_ids))
    rows = db.session.execute(
        select(
            Employee,
            MentorProfile,
            and_(*is_mentee).label("is_mentee"),
            and_(*is_mentor).label("is_mentor"),
            waiting_for.label("waiting_for"),
        )
        .outerjoin(MentorProfile, MentorProfile.employee_id == Employee.id)
        .where(or_(and_(*is_mentee), and_(*is_mentor)))
        .options(joinedload(Employee.unit))
        .order_by(Employee.name, Employee.id)
    )
    mentees, mentors, pending = [], [], set()
    for employee, profile, mentee, mentor, asked in rows:
        if mentee:
            mentees.append(employee)
            pending.update((employee.id, int(i)) for i in (asked or "").split(",") if i)
        if mentor:
            mentors.append(MentorSlot(employee, profile))
    return mentees, mentors, pending


@dataclass
class MentorSlot:
    """A mentor on offer and how many mentees the proposal gives them."""

    employee: Employee
    profile: MentorProfile
    proposed: int = 0

    @property
    def places(self) -> int:
        return self.profile.places_left


@dataclass(frozen=True)
class Option:
    """A mentor HR may choose for a mentee, with the pair's score."""

    mentor_id: int
    name: str
    percent: int


UNASSIGNED_WHY = {
    NO_ELIGIBLE: _l("No chosen mentor teaches what this mentee needs."),
    NO_PLACES: _l("The mentors who fit have no places left in this proposal."),
}


@dataclass
class Row:
    """One mentee of the proposal: the mentor proposed (if any) and the choices."""

    mentee: Employee
    target: str = ""
    mentor: Employee | None = None
    percent: int | None = None
    reasons: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    why: str | None = None  # for the unassigned: a key of UNASSIGNED_WHY

    @property
    def why_text(self) -> str:
        return str(UNASSIGNED_WHY[self.why]) if self.why else ""


@dataclass
class Preview:
    """The proposed pairs, the mentees left over, and the mentors' load."""

    rows: list[Row] = field(default_factory=list)
    unassigned: list[Row] = field(default_factory=list)
    mentors: list[MentorSlot] = field(default_factory=list)

    @property
    def mentee_count(self) -> int:
        return len(self.rows) + len(self.unassigned)

    @property
    def places(self) -> int:
        return sum(slot.places for slot in self.mentors)

    @property
    def spread(self) -> list[tuple[int, int]]:
        """(mentees proposed, number of mentors) from 0 to the highest load."""
        counts = Counter(slot.proposed for slot in self.mentors)
        return [(load, counts[load]) for load in range(max(counts, default=0) + 1)]


def preview(criteria: Criteria, year: int) -> Preview:
    """Propose the best mentor for each chosen mentee, within the mentors' places.

    Raises CohortError when the criteria pick more mentees than one cohort holds.
    """
    mentees, slots, pending = choose_people(criteria, year)
    if len(mentees) > MAX_COHORT:
        raise CohortError(
            _l(
                "More than %(most)s mentees match. Choose a unit to make the "
                "cohort smaller.",
                most=MAX_COHORT,
            ),
            field="unit",
        )
    if not mentees:
        return Preview(mentors=slots)
    profiles, plans = mentee_profiles(mentees, year)
    model = current_model()
    slots = [slot for slot in slots if slot.employee.id in model]
    # Places as the database holds them now: the fitted model may predate them.
    proposal = propose(
        model,
        profiles,
        [slot.employee.id for slot in slots],
        capacities={slot.employee.id: slot.places for slot in slots},
        excluded=pending,
        alternatives=ALTERNATIVES,
    )
    return _worded(proposal, mentees, plans, slots)


def _worded(
    proposal: CohortResult,
    mentees: Sequence[Employee],
    plans: dict[int, CareerPlan],
    slots: list[MentorSlot],
) -> Preview:
    """The proposal in the people's names, with its reasons in words for HR."""
    slot_of = {slot.employee.id: slot for slot in slots}
    for slot in slots:
        slot.proposed = proposal.load.get(slot.employee.id, 0)
    names = competency_names(
        {r.competency_id for p in proposal.pairs for r in p.reasons if r.competency_id}
    )
    paired = {pair.mentee_id: pair for pair in proposal.pairs}
    result = Preview(mentors=slots)
    for mentee in mentees:
        plan = plans.get(mentee.id)
        entry = Row(mentee=mentee, target=plan.target_position.name if plan else "")
        pair = paired.get(mentee.id)
        if pair is None:
            entry.why = proposal.why[mentee.id]
            result.unassigned.append(entry)
        else:
            entry.mentor = slot_of[pair.mentor_id].employee
            entry.percent = _percent(pair.score)
            entry.reasons = [
                describe(reason, names, for_hr=True) for reason in pair.reasons
            ]
            result.rows.append(entry)
        entry.options = [
            Option(mentor_id, slot_of[mentor_id].employee.display_name, _percent(s))
            for mentor_id, s in proposal.options[mentee.id]
        ]
    return result


def _percent(score: float) -> int:
    return round(float(score) * 100)
