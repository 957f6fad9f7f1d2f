"""Confirming a cohort: the pairs HR chose become requests, if the state allows.

Every pair is re-checked against the data as it is then: pairs the state no
longer allows are skipped with a reason, the rest become requests at once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.errors import Conflict, moved_on
from app.extensions import db
from app.hr.cohorts.services import MAX_COHORT, CohortError, CohortUnreadable
from app.matching import MenteeProfile
from app.mentoring.fitting import current_model, mentee_profiles
from app.mentoring.services.requests import pair_refusal
from app.models import (
    Employee,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    NotificationKind,
    RequestOrigin,
    RequestStatus,
    User,
)
from app.notifications.services import Notice, notify_many

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
    # A request for one of the pairs may have been sent meanwhile.
    changed = _l("Requests changed meanwhile; reload the page and confirm again.")
    with moved_on(Conflict(changed)):
        db.session.flush()
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


def named_skips(carried: dict | None) -> dict | None:
    """The skipped pairs carried over from a confirmation, with names and reasons."""
    if not carried:
        return None
    pairs = [p for p in carried.get("pairs", []) if p[2] in SKIP_REASONS]
    ids = {p[0] for p in pairs} | {p[1] for p in pairs}
    names = {
        e.id: e.display_name
        for e in db.session.scalars(select(Employee).where(Employee.id.in_(ids)))
    }
    return {
        "total": carried.get("total", len(pairs)),
        "pairs": [
            (names.get(mentee, "?"), names.get(mentor, "?"), SKIP_REASONS[reason])
            for mentee, mentor, reason in pairs
        ],
    }
