"""Applying for a vacancy, withdrawing, and adding the goals that close the gaps
to one's plan.

The count of applications is held by the database: applying raises the
vacancy's ``applicants`` with one conditional UPDATE (``WHERE status =
'published' AND closes_on >= :today``), the first write of its transaction, so
racing requests queue on the vacancy's row; the unique constraint on (vacancy,
employee) refuses a second application, and a refused one rolls the count back
with it. Eligibility is judged again here, whatever the page showed.
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    CareerPlan,
    Employee,
    Opportunity,
    OpportunityStatus,
    User,
)
from app.models.opportunities import MAX_MOTIVATION
from app.models.types import utcnow
from app.opportunities.eligibility import eligibility_of, proposed_goals
from app.plans.services.changes import check_content_editable
from app.plans.services.goals import GoalFields, add_goal

NOT_A_VACANCY = _l("Only a vacancy takes applications.")
ALREADY = _l("You have already applied for this vacancy.")
NOT_OPEN = _l("This vacancy does not take applications now.")
NO_PLAN = _l("You have no career plan for this year yet. Make one, then try again.")
INELIGIBLE = _l(
    "You do not meet every requirement of this position yet, so you cannot apply."
)


def window_refusal(vacancy: Opportunity, today: date):
    """Why the vacancy takes no application (or withdrawal) today, if it does not."""
    if not vacancy.is_vacancy:
        return NOT_A_VACANCY
    if vacancy.status is not OpportunityStatus.PUBLISHED or vacancy.position is None:
        return NOT_OPEN
    if today < vacancy.opens_on:
        return _l(
            "Applications open on %(day)s.", day=format_date(vacancy.opens_on, "medium")
        )
    if today > vacancy.closes_on:
        return _l(
            "Applications closed on %(day)s.",
            day=format_date(vacancy.closes_on, "medium"),
        )
    return None


def application_of(vacancy_id: int, employee_id: int) -> Application | None:
    """The employee's application for the vacancy (of any status), if any."""
    return db.session.scalars(
        select(Application).where(
            Application.opportunity_id == vacancy_id,
            Application.employee_id == employee_id,
        )
    ).first()


def check_motivation(motivation: str) -> str:
    """The motivation, trimmed; refused when empty or too long."""
    motivation = (motivation or "").strip()
    if not motivation:
        raise DomainError(
            _l("Say briefly why you apply for this position."), field="motivation"
        )
    if len(motivation) > MAX_MOTIVATION:
        raise DomainError(
            _l("Keep the motivation to %(most)s characters.", most=MAX_MOTIVATION),
            field="motivation",
        )
    return motivation


def apply(
    vacancy: Opportunity, employee: Employee, motivation: str, today: date
) -> Application:
    """Apply for a vacancy; a withdrawn application is taken up again."""
    refusal = window_refusal(vacancy, today)
    if refusal is not None:
        raise Conflict(refusal)
    motivation = check_motivation(motivation)
    found = application_of(vacancy.id, employee.id)
    if found is not None and found.status is not ApplicationStatus.WITHDRAWN:
        raise Conflict(ALREADY)
    if not eligibility_of(employee, vacancy.position, today).eligible:
        raise DomainError(INELIGIBLE)
    counted = db.session.execute(
        update(Opportunity)
        .where(
            Opportunity.id == vacancy.id,
            Opportunity.status == OpportunityStatus.PUBLISHED,
            Opportunity.opens_on <= today,
            Opportunity.closes_on >= today,
        )
        .values(applicants=Opportunity.applicants + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if counted != 1:
        db.session.rollback()
        raise Conflict(NOT_OPEN)
    now = utcnow()
    if found is None:
        application = Application(
            opportunity_id=vacancy.id,
            employee_id=employee.id,
            motivation=motivation,
            created_at=now,
            updated_at=now,
        )
        db.session.add(application)
        with moved_on(Conflict(ALREADY)):
            db.session.flush()
    else:
        again = db.session.execute(
            update(Application)
            .where(
                Application.id == found.id,
                Application.status == ApplicationStatus.WITHDRAWN,
            )
            .values(
                status=ApplicationStatus.APPLIED,
                motivation=motivation,
                created_at=now,  # the order of applying counts from now
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if again != 1:
            db.session.rollback()
            raise Conflict(ALREADY)
        application = found
    db.session.commit()
    db.session.expire_all()
    return application


def withdraw(vacancy: Opportunity, application: Application, today: date) -> None:
    """Take an application back while the vacancy still takes applications."""
    refusal = window_refusal(vacancy, today)
    if refusal is not None:
        raise Conflict(refusal)
    uncounted = db.session.execute(
        update(Opportunity)
        .where(
            Opportunity.id == vacancy.id,
            Opportunity.status == OpportunityStatus.PUBLISHED,
            Opportunity.closes_on >= today,
            Opportunity.applicants > 0,
        )
        .values(applicants=Opportunity.applicants - 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    withdrawn = db.session.execute(
        update(Application)
        .where(
            Application.id == application.id,
            Application.status == ApplicationStatus.APPLIED,
        )
        .values(status=ApplicationStatus.WITHDRAWN, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if uncounted != 1 or withdrawn != 1:
        db.session.rollback()
        raise Conflict(_l("This application cannot be withdrawn now."))
    db.session.commit()
    db.session.expire_all()


def add_gap_goals(
    vacancy: Opportunity,
    employee: Employee,
    plan: CareerPlan | None,
    actor: User,
    today: date,
) -> int:
    """Add to ``plan`` the goals that would close the gaps to the vacancy's
    requirements, leaving out those it has; how many were added."""
    if not vacancy.is_vacancy or vacancy.position is None:
        raise Conflict(NOT_A_VACANCY)
    if plan is None:
        raise Conflict(NO_PLAN)
    check_content_editable(plan, plan.version, today)
    proposals = proposed_goals(eligibility_of(employee, vacancy.position, today), plan)
    if not proposals:
        raise Conflict(_l("Your plan already has a goal for every gap."))
    for proposal in proposals:
        fields = GoalFields(
            proposal.title, proposal.competency, proposal.target_level, proposal.note
        )
        add_goal(plan, fields, plan.version, actor, today)
    return len(proposals)
