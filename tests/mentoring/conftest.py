"""Fixtures for mentoring: a mentor who can teach, a mentee with gaps, requests.

The world's mentor Dewi has a profile but nothing to teach, and the world's
employee Sri has no assessments; ``mentor_ready`` and ``mentee_gaps`` fill both in.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.mentoring.services import requests
from app.models import (
    AssessmentSource,
    CompetencyAssessment,
    MentorCompetency,
    MentorProfile,
    MentorshipRequest,
)
from tests.factories import make_employee, make_user

# Dewi's assessed levels: at the teaching level (4) in all three of Sri's
# requirements, and at least at their targets.
MENTOR_LEVELS = {"integrity": 4, "teamwork": 4, "archives": 4}
# Sri's supervisor-assessed levels, under her position's 2, 2 and 3.
MENTEE_LEVELS = {"integrity": 1, "teamwork": 1, "archives": 1}


def assess(world, employee, levels: dict, source=AssessmentSource.ASSESSMENT):
    """Give ``employee`` assessed levels, ``levels`` keyed by world attribute name."""
    assessor = world.users[
        "hr" if source is AssessmentSource.ASSESSMENT else "supervisor"
    ]
    for name, level in levels.items():
        db.session.add(
            CompetencyAssessment(
                employee=employee,
                competency=getattr(world, name),
                level=level,
                source=source,
                assessed_by_id=assessor.id,
            )
        )
    db.session.commit()


def offer(profile: MentorProfile, world, names) -> None:
    """Let a mentor profile offer the named world competencies."""
    profile.competencies = [
        MentorCompetency(competency=getattr(world, name)) for name in names
    ]
    db.session.commit()


@pytest.fixture
def mentor_ready(world) -> MentorProfile:
    """Dewi assessed at 4/4/4 and offering all three competencies, 3 places."""
    assess(world, world.mentor, MENTOR_LEVELS)
    profile = db.session.scalars(
        select(MentorProfile).where(MentorProfile.employee_id == world.mentor.id)
    ).one()
    profile.expertise = "Kearsipan digital dan tata naskah dinas"
    profile.availability = "Selasa dan Kamis, 14.00-16.00"
    offer(profile, world, MENTOR_LEVELS)
    return profile


@pytest.fixture
def mentee_gaps(world) -> None:
    """Sri assessed by her supervisor at level 1 on each required competency."""
    assess(world, world.employee, MENTEE_LEVELS, AssessmentSource.SUPERVISOR)


@pytest.fixture
def make_mentor(world):
    """``make_mentor("Name", levels={"archives": 5}, ...)``: a mentor with a login.

    Levels are assessed (assessment centre) and all offered, as stored data: a
    level below the teaching level makes an offer saved under an older rule. The
    mentor works in ``unit`` (default KEL-B) and has ``capacity`` places.
    """

    def make(
        name: str,
        levels: dict,
        unit=None,
        expertise: str = "",
        capacity: int = 3,
        paused: bool = False,
    ) -> MentorProfile:
        employee = make_employee(
            name, unit or world.kel_b, position=world.lurah_position
        )
        make_user(employee)
        profile = MentorProfile(
            employee=employee,
            capacity=capacity,
            expertise=expertise,
            is_paused=paused,
        )
        db.session.add(profile)
        db.session.commit()
        assess(world, employee, levels)
        offer(profile, world, levels)
        return profile

    return make


@pytest.fixture
def sri_request(world, mentor_ready, mentee_gaps) -> MentorshipRequest:
    """A pending request from Sri to Dewi, with a message and no goals."""
    return requests.send_request(
        world.employee,
        world.mentor.id,
        "Mohon bimbingan pengelolaan arsip.",
        [],
        world.users["employee"],
        local_today(),
    )
