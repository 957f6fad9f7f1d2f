"""Vacancies made directly with the models, for the vacancy and selection tests."""

from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Application,
    ApplicationStatus,
    AssessmentSource,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PositionRequirement,
    RequirementKind,
)
from tests.factories import make_assessment, make_position

WEIGHTS = (40, 30, 20, 10)  # performance, competency, development, experience


def make_open_position(code: str = "TERBUKA"):
    """A position with no requirement at all: everyone is eligible."""
    return make_position(code, {}, name=f"Jabatan {code}")


def make_kasi_position(world, code: str = "KASI-A"):
    """Kepala Seksi Alpha: integrity 3 and teamwork 2, at least SMA, SKP Baik
    over the last year, and the PKP leadership training to plan for."""
    return make_position(
        code,
        {world.integrity: 3, world.teamwork: 2},
        name="Kepala Seksi Alpha" if code == "KASI-A" else f"Kepala Seksi {code}",
        level="pengawas",
        rules=[
            PositionRequirement(
                kind=RequirementKind.EDUCATION, value="SMA", basis="PP 11/2017"
            ),
            PositionRequirement(
                kind=RequirementKind.SKP,
                value="baik",
                param="1",
                basis="PermenPANRB 1/2023",
            ),
            PositionRequirement(
                kind=RequirementKind.TRAINING,
                value="PKP",
                basis="Peraturan LAN 15/2019",
                blocking=False,
            ),
        ],
    )


def make_vacancy(
    position,
    *,
    status: OpportunityStatus = OpportunityStatus.PUBLISHED,
    opens: int = -5,
    closes: int = 5,
    posts: int = 1,
    weights: tuple[int, int, int, int] = WEIGHTS,
    kind: OpportunityKind = OpportunityKind.VACANCY,
    title: str | None = None,
) -> Opportunity:
    """A vacancy for ``position`` open from ``opens`` to ``closes`` days from today."""
    today = local_today()
    performance, competency, development, experience = weights
    vacancy = Opportunity(
        kind=kind,
        status=status,
        title=title or f"Lowongan {position.name}",
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
        position=position if kind is OpportunityKind.VACANCY else None,
        posts=posts if kind is OpportunityKind.VACANCY else None,
        weight_performance=performance if kind is OpportunityKind.VACANCY else None,
        weight_competency=competency if kind is OpportunityKind.VACANCY else None,
        weight_development=development if kind is OpportunityKind.VACANCY else None,
        weight_experience=experience if kind is OpportunityKind.VACANCY else None,
    )
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def make_application(
    vacancy: Opportunity,
    employee,
    status: ApplicationStatus = ApplicationStatus.APPLIED,
    motivation: str = "Saya ingin berkontribusi.",
    reason: str = "",
) -> Application:
    """An application (counted in the vacancy's applicants unless withdrawn)."""
    application = Application(
        opportunity=vacancy,
        employee=employee,
        status=status,
        motivation=motivation,
        reason=reason,
    )
    db.session.add(application)
    if status is not ApplicationStatus.WITHDRAWN:
        vacancy.applicants += 1
    db.session.flush()
    return application


def assess_levels(employee, levels: dict, source=AssessmentSource.SUPERVISOR):
    """Assessed levels, ``levels`` keyed by competency."""
    for competency, level in levels.items():
        make_assessment(employee, competency, level, source)
