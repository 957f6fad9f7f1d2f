"""Plain helpers for the mentorship and notification tests: a running mentorship
made through the services, and a plan with a mentoring activity.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.mentoring import queries
from app.mentoring.services import requests
from app.models import (
    ActivityKind,
    DevelopmentActivity,
    MentorCompetency,
    MentoringSession,
    MentorProfile,
    Mentorship,
)
from tests.factories import make_plan


def mentor_profile(world) -> MentorProfile:
    """Dewi's mentor profile, fresh from the database."""
    return db.session.scalars(
        select(MentorProfile).where(MentorProfile.employee_id == world.mentor.id)
    ).one()


def start_mentorship(world, mentee=None, actor=None) -> Mentorship:
    """Sri (or ``mentee``) asks Dewi, and Dewi accepts: an active mentorship."""
    profile = mentor_profile(world)
    if not profile.competencies:
        profile.competencies = [MentorCompetency(competency=world.integrity)]
        db.session.commit()
    mentee = mentee or world.employee
    request = requests.send_request(
        mentee,
        world.mentor.id,
        "Mohon bimbingan pengelolaan arsip.",
        [],
        actor or world.users["employee"],
        local_today(),
    )
    mentorship = requests.accept_request(queries.load_request(request.id))
    return db.session.get(Mentorship, mentorship.id)


def plan_with_mentoring(world, planned_jp: int = 2, owner=None):
    """The mentee's plan: one goal, a training (8 JP) and a mentoring activity."""
    plan = make_plan(world, goals=1, activities=2, owner=owner)
    activity = plan.goals[0].activities[1]
    activity.kind = ActivityKind.MENTORING
    activity.title = "Bimbingan arsip digital"
    activity.planned_jp = planned_jp
    db.session.commit()
    return plan, activity


def add_sessions(mentorship: Mentorship, count: int, logged_by=None) -> None:
    """``count`` sessions straight into the database, one a day back from today."""
    today = local_today()
    for n in range(count):
        db.session.add(
            MentoringSession(
                mentorship_id=mentorship.id,
                held_on=date.fromordinal(today.toordinal() - n),
                minutes=60,
                topic=f"Sesi {n + 1}",
                notes="Membahas klasifikasi arsip.",
                next_steps="Menyusun daftar arsip.",
                logged_by_id=logged_by.id if logged_by else None,
            )
        )
    db.session.commit()


def sessions_of(mentorship_id: int) -> list[MentoringSession]:
    return db.session.scalars(
        select(MentoringSession).where(MentoringSession.mentorship_id == mentorship_id)
    ).all()


def activity_of(activity_id: int) -> DevelopmentActivity:
    return db.session.get(DevelopmentActivity, activity_id)
