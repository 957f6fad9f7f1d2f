"""Data for the mentoring outcome tests: dated assessments and closed
mentorships whose requests name goals and whose sessions count toward
activities, with each side's rating."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.i18n import local_today
from app.models import (
    ActivityKind,
    AssessmentSource,
    CareerPlan,
    CompetencyAssessment,
    DevelopmentActivity,
    FeedbackSide,
    MentoringSession,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    PlanGoal,
    PlanStatus,
    RequestStatus,
)
from tests.factories import make_employee

SELF = AssessmentSource.SELF
SUPERVISOR = AssessmentSource.SUPERVISOR
CENTRE = AssessmentSource.ASSESSMENT
START = datetime(2026, 2, 2, 3, 0, tzinfo=UTC)
DASH = "\N{EN DASH}"


def from_start(days: int) -> datetime:
    """A moment ``days`` after the start (before it when negative)."""
    return START + timedelta(days=days)


def assess(employee, competency, level, source, at: datetime) -> None:
    db.session.add(
        CompetencyAssessment(
            employee=employee,
            competency=competency,
            level=level,
            source=source,
            assessed_at=at,
        )
    )


def closed_mentorship(
    mentor,
    mentee,
    *,
    goals=(),
    sessions=(),
    mentee_rating: int | None = None,
    mentor_rating: int | None = None,
    started: datetime = START,
) -> Mentorship:
    """A closed mentorship whose request names plan goals of ``goals``
    (competencies) and whose sessions count toward activities of goals of
    ``sessions`` (competencies), with each side's rating if given."""
    plan = db.session.query(CareerPlan).filter_by(employee_id=mentee.id).first()
    if plan is None:
        plan = CareerPlan(
            employee=mentee,
            period=local_today().year,
            target_position=mentee.position,
            status=PlanStatus.APPROVED,
        )
        db.session.add(plan)

    def goal(competency) -> PlanGoal:
        made = PlanGoal(
            plan=plan,
            position=len(plan.goals),
            competency=competency,
            target_level=4,
            title=f"Meningkatkan {competency.name}",
        )
        return made

    request = MentorshipRequest(
        mentee=mentee,
        mentor=mentor,
        status=RequestStatus.ACCEPTED,
        goals=[goal(c) for c in goals],
        created_at=started - timedelta(days=3),
        decided_at=started,
    )
    mentorship = Mentorship(
        request=request,
        mentee=mentee,
        mentor=mentor,
        status=MentorshipStatus.CLOSED,
        started_at=started,
        closed_at=started + timedelta(days=80),
    )
    for number, competency in enumerate(sessions):
        activity = DevelopmentActivity(
            goal=goal(competency),
            kind=ActivityKind.MENTORING,
            title="Mentoring",
            planned_jp=4,
            due_date=date(2026, 12, 1),
        )
        mentorship.sessions.append(
            MentoringSession(
                held_on=(started + timedelta(days=10 + number)).date(),
                minutes=90,
                topic="Sesi",
                activity=activity,
            )
        )
    for side, rating in (
        (FeedbackSide.MENTEE, mentee_rating),
        (FeedbackSide.MENTOR, mentor_rating),
    ):
        if rating is not None:
            mentorship.feedback.append(
                MentorshipFeedback(side=side, rating=rating, comment="")
            )
    db.session.add(mentorship)
    db.session.commit()
    return mentorship


def two_mentors(world):
    """Dewi: two mentorships rated 5 and 4, three rises confirmed of four.
    Bima: two rated 2 and (none), nothing confirmed of two."""
    bima = make_employee("Bima Purba", world.kel_b, position=world.lurah_position)
    sri, andi, budi = world.employee, world.colleague, world.outsider
    for person in (sri, andi, budi):
        for competency in (world.integrity, world.teamwork):
            assess(person, competency, 2, SUPERVISOR, from_start(-60))
    assess(sri, world.integrity, 3, SUPERVISOR, from_start(50))
    assess(sri, world.teamwork, 4, CENTRE, from_start(55))
    assess(andi, world.integrity, 3, SUPERVISOR, from_start(50))
    assess(andi, world.teamwork, 2, SUPERVISOR, from_start(50))
    assess(budi, world.integrity, 2, SUPERVISOR, from_start(50))
    assess(budi, world.teamwork, 3, SELF, from_start(50))
    both = [world.integrity, world.teamwork]
    dewi_sri = closed_mentorship(world.mentor, sri, goals=both, mentee_rating=5)
    dewi_andi = closed_mentorship(world.mentor, andi, goals=both, mentee_rating=4)
    bima_budi = closed_mentorship(bima, budi, goals=both, mentee_rating=2)
    bima_andi = closed_mentorship(bima, andi, started=from_start(200), mentor_rating=3)
    return bima, (dewi_sri, dewi_andi, bima_budi, bima_andi)
