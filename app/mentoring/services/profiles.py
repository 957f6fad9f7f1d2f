"""Mentor profiles: opting in, what one teaches and to how many, pausing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app import catalogue
from app.errors import moved_on
from app.extensions import db
from app.matching.features import TEACHING_LEVEL
from app.mentoring.queries import profile_of
from app.mentoring.services import MESSAGE_LIMIT, MentoringConflict, MentoringError
from app.models import Competency, Employee, MentorCompetency, MentorProfile
from app.models.mentoring import MAX_CAPACITY
from app.models.types import utcnow
from app.profile.services import effective_levels


@dataclass
class ProfileFields:
    """What a mentor says about their offer."""

    competency_ids: Collection[int]
    expertise: str = ""
    capacity: int = 3
    availability: str = ""


@dataclass(frozen=True)
class OfferStanding:
    """What a mentor may offer, and what their offer holds that no longer counts.

    Each a list of (competency, effective level) by code; a level of 0 in
    ``below`` means the competency is not assessed at all.
    """

    teachable: list[tuple[Competency, int]]
    below: list[tuple[Competency, int]]


def _levels(employee_id: int) -> dict[int, int]:
    return effective_levels([employee_id], external_only=True).get(employee_id, {})


def teachable(
    employee_id: int, levels: dict[int, int] | None = None
) -> list[tuple[Competency, int]]:
    """The competencies an employee may mentor in, with their assessed level.

    Bounded by assessment: only those a supervisor or an assessment centre put
    at ``TEACHING_LEVEL`` (4) or above, where PermenPANRB 38/2017 has one guide
    and develop others; a self-assessment alone does not make a teacher.
    """
    if levels is None:
        levels = _levels(employee_id)
    return [
        (competency, levels[competency.id])
        for competency in catalogue.competencies()  # by code
        if levels.get(competency.id, 0) >= TEACHING_LEVEL
    ]


def below_teaching_level(
    profile: MentorProfile | None, levels: dict[int, int] | None = None
) -> list[tuple[Competency, int]]:
    """The offered competencies now held below the teaching level, by code.

    An offer saved under an earlier rule, or one whose level has since fallen,
    stays in the profile until the mentor saves it again; the model ignores it.
    """
    if profile is None or not profile.competencies:
        return []
    if levels is None:
        levels = _levels(profile.employee_id)
    return sorted(
        (
            (offer.competency, levels.get(offer.competency_id, 0))
            for offer in profile.competencies
            if levels.get(offer.competency_id, 0) < TEACHING_LEVEL
        ),
        key=lambda pair: pair[0].code,
    )


def offer_standing(employee_id: int, profile: MentorProfile | None) -> OfferStanding:
    """``teachable`` and ``below_teaching_level`` from one read of the levels."""
    levels = _levels(employee_id)
    return OfferStanding(
        teachable(employee_id, levels), below_teaching_level(profile, levels)
    )


def save_profile(employee: Employee, fields: ProfileFields) -> MentorProfile:
    """Opt in as a mentor, or change the offer; refuses what the rules forbid.

    The offer becomes exactly ``fields.competency_ids``: an offered competency
    now held below the teaching level is dropped unless it is chosen again, and
    choosing it is refused.
    """
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
                level=TEACHING_LEVEL,
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
