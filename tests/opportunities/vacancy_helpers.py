"""Helpers of the vacancy tests: records that make someone eligible, counts."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Application,
    AssessmentSource,
    AuditEvent,
    Expectation,
    Notification,
    Opportunity,
    PerformanceRating,
    PlanGoal,
    Predikat,
)
from tests.opportunities.factories_vacancy import assess_levels

HTMX = {"HX-Request": "true"}


def rate(employee, predikat: Predikat = Predikat.BAIK, years_ago: int = 1):
    """An SKP rating of ``years_ago`` years back."""
    db.session.add(
        PerformanceRating(
            employee=employee,
            year=local_today().year - years_ago,
            hasil_kerja=Expectation.AS_EXPECTED,
            perilaku=Expectation.AS_EXPECTED,
            predikat=predikat,
        )
    )


def make_eligible(world, employee, source=AssessmentSource.SUPERVISOR):
    """Meet Kepala Seksi Alpha: integrity 3, teamwork 2, SKP Baik last year."""
    assess_levels(employee, {world.integrity: 3, world.teamwork: 2}, source)
    rate(employee)


def snapshot(vacancy_id: int) -> tuple:
    """What a refused change must leave as it was."""
    db.session.expire_all()
    return (
        db.session.scalar(
            select(Opportunity.applicants).where(Opportunity.id == vacancy_id)
        ),
        tuple(
            db.session.execute(
                select(
                    Application.id,
                    Application.status,
                    Application.motivation,
                    Application.reason,
                    Application.score,
                    Application.rank,
                ).order_by(Application.id)
            ).all()
        ),
        db.session.scalar(select(func.count()).select_from(PlanGoal)),
        db.session.scalar(select(func.count()).select_from(AuditEvent)),
        db.session.scalar(select(func.count()).select_from(Notification)),
        db.session.scalar(
            select(Opportunity.selection_closed_at).where(Opportunity.id == vacancy_id)
        ),
    )
