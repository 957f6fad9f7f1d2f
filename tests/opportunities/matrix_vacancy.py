"""Permission-matrix rows of the vacancies and their selection (merged into the
matrix).

Every signed-in user with an employee record may apply (Sri has applied to
{vacancy} already: 409) and withdraw their own application (404 without one);
a staff-only admin has no employee record (404). Only HR opens and changes a
selection; everyone else gets 404.
"""

from app.extensions import db
from app.models import ApplicationStatus, PlanStatus
from tests.opportunities.factories_vacancy import (
    make_application,
    make_open_position,
    make_vacancy,
)

ANONYMOUS = {"anonymous": 302}
NOT_HR = {"employee": 404, "supervisor": 404, "mentor": 404, "admin": 404}
VACANCY = "/opportunities/{vacancy}"
SELECTION = "/hr/opportunities/{selection}"


def _hr_only(method: str, url: str, data=None, ok: int = 303):
    return method, url, data, PlanStatus.DRAFT, {**ANONYMOUS, **NOT_HR, "hr": ok}


ROWS = {
    "opportunities.apply": (
        "POST",
        f"{VACANCY}/apply",
        {"motivation": "Saya siap."},
        PlanStatus.DRAFT,
        {
            **ANONYMOUS,
            "employee": 409,  # applied already
            "supervisor": 303,
            "mentor": 303,
            "hr": 303,
            "admin": 404,
        },
    ),
    "opportunities.withdraw_application": (
        "POST",
        f"{VACANCY}/withdraw",
        None,
        PlanStatus.DRAFT,
        {
            **ANONYMOUS,
            "employee": 303,
            "supervisor": 404,
            "mentor": 404,
            "hr": 404,
            "admin": 404,
        },
    ),
    "opportunities.add_gap_goals": (
        "POST",
        "/opportunities/{gap_vacancy}/plan-goals",
        None,
        PlanStatus.DRAFT,
        {
            **ANONYMOUS,
            "employee": 303,  # Sri's draft plan takes the goals
            "supervisor": 409,  # no plan this year
            "mentor": 409,
            "hr": 409,
            "admin": 404,
        },
    ),
    "opportunities.applicants": _hr_only("GET", f"{SELECTION}/applicants", ok=200),
    "opportunities.decide": _hr_only(
        "POST",
        f"{SELECTION}/applicants/{{application}}/decision",
        {"decision": "not_selected", "reason": "Nilai merit di bawah yang lain."},
    ),
    "opportunities.close_selection": _hr_only("POST", f"{SELECTION}/selection/close"),
}

# The opportunity's page: the publishing part's row replaces this one.


def vacancy_state(world) -> dict[str, int]:
    """An open {vacancy} Sri applied to; a {gap_vacancy} for her own position
    (competencies she was never assessed in); a {selection} whose applications
    closed yesterday, with Andi's {application} decided already."""
    vacancy = make_vacancy(make_open_position())
    make_application(vacancy, world.employee)
    gap_vacancy = make_vacancy(world.staff_position, title="Lowongan pengadministrasi")
    selection = make_vacancy(make_open_position("SELEKSI"), opens=-10, closes=-1)
    application = make_application(
        selection,
        world.colleague,
        ApplicationStatus.NOT_SELECTED,
        reason="Belum cukup pengalaman.",
    )
    db.session.commit()
    return {
        "vacancy": vacancy.id,
        "gap_vacancy": gap_vacancy.id,
        "selection": selection.id,
        "application": application.id,
    }
