"""Cohort matching for HR: choose mentees and mentors, propose pairs, send requests.

The proposal is ``app.matching.propose`` (the optimal assignment under the
mentors' places, each mentee's best alternatives, and why a mentee was left
without a mentor); this service loads the people and words the reasons.
Confirming re-checks every pair against the data as it is then: pairs the state
no longer allows are skipped with a reason, the rest become requests at once.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, cast, func, null, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.errors import Conflict, DomainError
from app.extensions import db
from app.matching import CohortResult, MenteeProfile, propose
from app.matching.cohort import NO_ELIGIBLE, NO_PLACES
from app.mentoring.services import pair_refusal
from app.mentoring.suggest import (
    competency_names,
    current_model,
    describe,
    mentee_profiles,
)
from app.models import (
    CareerPlan,
    Employee,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    NotificationKind,
    PlanStatus,
    RequestOrigin,
    RequestStatus,
    User,
)
from app.notifications.services import Notice, notify_many

MAX_COHORT = 1000  # mentees in one proposal (a page HR can review), pairs per confirm
ALTERNATIVES = 5  # other mentors offered per mentee besides the proposed one


class CohortError(DomainError):
    """Criteria or pairs the cohort cannot work with."""


class CohortUnreadable(CohortError):
    """Pairs that no page of ours sends: too many, or malformed."""

    status = 400


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


# -- choosing ----------------------------------------------------------------


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


def _pending_pairs(
    mentee_ids: Collection[int], mentor_ids: Collection[int]
) -> set[tuple[int, int]]:
    """(mentee, mentor) pairs with a pending request among the given people."""
    if not mentee_ids or not mentor_ids:
        return set()
    rows = db.session.execute(
        select(MentorshipRequest.mentee_id, MentorshipRequest.mentor_id).where(
            MentorshipRequest.mentee_id.in_(mentee_ids),
            MentorshipRequest.mentor_id.in_(mentor_ids),
            MentorshipRequest.status == RequestStatus.PENDING,
        )
    )
    return {(mentee_id, mentor_id) for mentee_id, mentor_id in rows}


# -- the proposal ------------------------------------------------------------


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


# -- confirming --------------------------------------------------------------

SKIP_REASONS = {
    "self": _l("A person cannot mentor themself."),
    "not_mentor": _l("The mentor no longer offers mentoring."),
    "paused": _l("The mentor has paused mentoring."),
    "full": _l("The mentor has no free place now."),
    "has_mentor": _l("The mentee has a mentor now."),
    "pending": _l("The mentee already has a pending request to this mentor."),
    "supervisor": _l("The mentor is the mentee's own supervisor."),
    "overbooked": _l("More pairs were chosen for this mentor than places are left."),
}


@dataclass(frozen=True)
class Skipped:
    """A pair not sent, and why (a key of SKIP_REASONS)."""

    mentee_id: int
    mentor_id: int
    reason: str


@dataclass
class Outcome:
    """What a confirmation did: the requests created and the pairs skipped."""

    created: list[MentorshipRequest] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def confirm(pairs: Sequence[tuple[int, int]], actor: User, today: date) -> Outcome:
    """Send a cohort request for each (mentee, mentor) pair the state still allows.

    Unknown people refuse the whole confirmation (CohortError); pairs that the
    state no longer allows are skipped with a reason. A mentor gets at most their
    places left; when HR chose more, the best-scoring pairs go first.
    """
    if len(pairs) > MAX_COHORT:
        raise CohortUnreadable(
            _l("Confirm at most %(most)s pairs at once.", most=MAX_COHORT)
        )
    mentee_ids = [mentee for mentee, _ in pairs]
    mentor_ids = {mentor for _, mentor in pairs}
    people = {
        e.id: e
        for e in db.session.scalars(
            select(Employee).where(Employee.id.in_(set(mentee_ids) | mentor_ids))
        )
    }
    if (set(mentee_ids) | mentor_ids) - people.keys():
        raise CohortError(
            _l("Some of the people chosen are not in the portal. Reload the page.")
        )
    profiles = {
        p.employee_id: p
        for p in db.session.scalars(
            select(MentorProfile).where(MentorProfile.employee_id.in_(mentor_ids))
        )
    }
    mentored = set(
        db.session.scalars(
            select(Mentorship.mentee_id).where(
                Mentorship.mentee_id.in_(mentee_ids),
                Mentorship.status == MentorshipStatus.ACTIVE,
            )
        )
    )
    pending = _pending_pairs(mentee_ids, mentor_ids)
    outcome = Outcome()
    allowed: list[tuple[int, int]] = []
    for mentee_id, mentor_id in pairs:
        reason = _refusal(
            people[mentee_id], profiles.get(mentor_id), mentored, pending, mentor_id
        )
        if reason:
            outcome.skipped.append(Skipped(mentee_id, mentor_id, reason))
        else:
            allowed.append((mentee_id, mentor_id))
    scores = _pair_scores(allowed, people, today.year)
    places = {mentor_id: p.places_left for mentor_id, p in profiles.items()}
    # The best fits take the places first; equal scores keep HR's order.
    for mentee_id, mentor_id in sorted(allowed, key=lambda pair: -scores[pair]):
        if places[mentor_id] == 0:
            outcome.skipped.append(Skipped(mentee_id, mentor_id, "overbooked"))
            continue
        places[mentor_id] -= 1
        outcome.created.append(
            MentorshipRequest(
                mentee_id=mentee_id,
                mentor_id=mentor_id,
                origin=RequestOrigin.COHORT,
                score=scores[(mentee_id, mentor_id)],
                created_by_id=actor.id,
                message="",
            )
        )
    _save(outcome.created, people, actor)
    order = {mentee_id: i for i, mentee_id in enumerate(mentee_ids)}
    outcome.skipped.sort(key=lambda s: order[s.mentee_id])
    return outcome


def _refusal(
    mentee: Employee,
    profile: MentorProfile | None,
    mentored: set[int],
    pending: set[tuple[int, int]],
    mentor_id: int,
) -> str | None:
    """Why a pair may not be sent now (a key of SKIP_REASONS), or None."""
    refusal = pair_refusal(mentee, mentor_id, profile)
    if refusal is not None:
        return refusal
    if mentee.id in mentored:
        return "has_mentor"
    if (mentee.id, mentor_id) in pending:
        return "pending"
    return None


def _pair_scores(
    pairs: Sequence[tuple[int, int]], people: dict[int, Employee], year: int
) -> dict[tuple[int, int], float]:
    """The model's score of each pair, as the data stands now (0 if not fitted)."""
    if not pairs:
        return {}
    mentees = list(dict.fromkeys(people[mentee] for mentee, _ in pairs))
    profiles: list[MenteeProfile]
    profiles, _ = mentee_profiles(mentees, year)
    model = current_model()
    mentors = sorted(mentor for mentor in {m for _, m in pairs} if mentor in model)
    scores, _ = model.scores(profiles, mentors)
    row = {m.id: i for i, m in enumerate(mentees)}
    column = {mentor: j for j, mentor in enumerate(mentors)}
    return {
        (mentee, mentor): (
            float(scores[row[mentee], column[mentor]]) if mentor in column else 0.0
        )
        for mentee, mentor in pairs
    }


def _save(
    requests: list[MentorshipRequest], people: dict[int, Employee], actor: User
) -> None:
    """Insert the requests and tell both people of each, in one transaction.

    The mentor is told by the mentee's name, the mentee by HR's.
    """
    if not requests:
        return
    db.session.add_all(requests)
    try:
        db.session.flush()
    except IntegrityError:  # a request for one of the pairs was sent meanwhile
        db.session.rollback()
        raise Conflict(
            _l("Requests changed meanwhile; reload the page and confirm again.")
        ) from None
    hr_name = actor.employee.display_name if actor.employee else ""
    kind = NotificationKind.COHORT_PROPOSED
    notify_many(
        notice
        for request in requests
        for notice in (
            Notice(
                request.mentor_id,
                kind,
                request.id,
                people[request.mentee_id].display_name,
            ),
            Notice(request.mentee_id, kind, request.id, hr_name),
        )
    )
    db.session.commit()
