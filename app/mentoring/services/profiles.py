"""Mentor profiles: opting in, what one teaches and to how many, pausing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app import catalogue
from app.errors import moved_on
from app.extensions import db
from app.mentoring.queries import profile_of
from app.mentoring.services import MESSAGE_LIMIT, MentoringConflict, MentoringError
from app.models import Competency, Employee, MentorCompetency, MentorProfile
from app.models.mentoring import MAX_CAPACITY
from app.models.types import utcnow
from app.profile.services import effective_levels

MIN_TEACHING_LEVEL = 3  # a mentor teaches a competency held at least at level 3


@dataclass
class ProfileFields:
    """What a mentor says about their offer."""

    competency_ids: Collection[int]
    expertise: str = ""
    capacity: int = 3
    availability: str = ""


def teachable(employee_id: int) -> list[tuple[Competency, int]]:
    """The competencies an employee may mentor in, with their assessed level.

    Bounded by assessment: only those held at ``MIN_TEACHING_LEVEL`` or above.
    """
    levels = effective_levels([employee_id]).get(employee_id, {})
    eligible = {cid: lvl for cid, lvl in levels.items() if lvl >= MIN_TEACHING_LEVEL}
    return [
        (competency, eligible[competency.id])
        for competency in catalogue.competencies()  # by code
        if competency.id in eligible
    ]


def save_profile(employee: Employee, fields: ProfileFields) -> MentorProfile:
    """Opt in as a mentor, or change the offer; refuses what the rules forbid."""
    profile = profile_of(employee.id)
    allowed = {competency.id for competency, _ in teachable(employee.id)}
    chosen = set(fields.competency_ids)
    if not chosen:
        raise MentoringError(
            _l("Choose at least one competency you can mentor in."),
            field="competencies",
        )
    if not chosen <= allowed:
        raise MentoringError(
            _l(
                "You can mentor only in competencies assessed at level %(level)s "
                "or higher.",
                level=MIN_TEACHING_LEVEL,
            ),
            field="competencies",
        )
    if not 1 <= fields.capacity <= MAX_CAPACITY:
        raise MentoringError(
            _l("Capacity must be from 1 to %(most)s mentees.", most=MAX_CAPACITY),
            field="capacity",
        )
    taken = profile.active_mentees if profile else 0
    if fields.capacity < taken:
        raise MentoringError(
            _l(
                "You mentor %(count)s people now; capacity cannot be lower than that.",
                count=taken,
            ),
            field="capacity",
        )
    expertise = fields.expertise.strip()
    if len(expertise) > MESSAGE_LIMIT:
        raise MentoringError(
            _l("Keep the expertise to %(most)s characters.", most=MESSAGE_LIMIT),
            field="expertise",
        )
    availability = fields.availability.strip()
    if len(availability) > 200:
        raise MentoringError(
            _l("Keep the availability to 200 characters."), field="availability"
        )
    if profile is None:
        profile = MentorProfile(employee=employee, active_mentees=0, revision=0)
        db.session.add(profile)
    profile.is_active = True
    profile.capacity = fields.capacity
    profile.expertise = expertise
    profile.availability = availability
    current = {c.competency_id: c for c in profile.competencies}
    profile.competencies = [
        current.get(cid) or MentorCompetency(competency_id=cid)
        for cid in sorted(chosen)
    ]
    profile.updated_at = utcnow()  # the matching model refits from this
    profile.revision += 1  # and re-reads the places
    # A concurrent accept may take a place under the new capacity.
    changed = _l("Your mentees changed meanwhile; reload and try again.")
    with moved_on(MentoringConflict(changed)):
        db.session.commit()
    return profile


def set_paused(profile: MentorProfile, paused: bool) -> None:
    """Pause (no new requests, hidden from suggestions) or resume mentoring."""
    profile.is_paused = paused
    profile.revision += 1
    db.session.commit()
