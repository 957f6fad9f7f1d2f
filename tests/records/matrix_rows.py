"""Permission-matrix rows of the personnel records (merged into the matrix).

HR records for {employee}; admin reads the page but may not change it (403);
everyone else gets 404 on HR's pages. Each employee reads their own records;
a staff-only admin has none (404).
"""

from app.extensions import db
from app.models import Expectation, PerformanceRating, PlanStatus, Predikat

HR_PAGE = "/hr/employees/{employee}/records"
HIDDEN = {"anonymous": 302, "employee": 404, "supervisor": 404, "mentor": 404}


def _change(url: str, data: dict | None = None):
    """A change HR makes: 303 for HR, 403 for admin, 404 for the rest."""
    statuses = {**HIDDEN, "hr": 303, "admin": 403}
    return "POST", url, data, PlanStatus.DRAFT, statuses


ROWS = {
    "records.detail": (
        "GET",
        HR_PAGE,
        None,
        PlanStatus.DRAFT,
        {**HIDDEN, "hr": 200, "admin": 200},
    ),
    "records.mine": (
        "GET",
        "/profile/records",
        None,
        PlanStatus.DRAFT,
        {
            "anonymous": 302,
            "employee": 200,
            "supervisor": 200,
            "mentor": 200,
            "hr": 200,
            "admin": 404,
        },
    ),
    "records.update_employment": _change(
        f"{HR_PAGE}/employment",
        {"employment_type": "PNS", "service_status": "active", "rank": ""},
    ),
    "records.mark_checked": _change(f"{HR_PAGE}/checked"),
    "records.add_rating": _change(
        f"{HR_PAGE}/ratings",
        {"year": "2022", "hasil_kerja": "above", "perilaku": "as_expected"},
    ),
    "records.add_penalty": _change(
        f"{HR_PAGE}/penalties",
        {
            "severity": "ringan",
            "decree": "800/123/KEC/2024",
            "starts_on": "2024-02-01",
            "ends_on": "2024-07-31",
        },
    ),
    "records.add_credit_points": _change(
        f"{HR_PAGE}/credit-points", {"total": "112,5", "as_of": "2024-01-15"}
    ),
    "records.add_certificate": _change(
        f"{HR_PAGE}/certificates", {"type": "LATSAR", "issued_on": "2013-11-20"}
    ),
    "records.delete": _change(f"{HR_PAGE}/ratings/{{rating}}/delete"),
}


def records_state(world) -> dict[str, int]:
    """Sri's SKP of 2023: the {rating} a removal names."""
    rating = PerformanceRating(
        employee_id=world.employee.id,
        year=2023,
        hasil_kerja=Expectation.AS_EXPECTED,
        perilaku=Expectation.AS_EXPECTED,
        predikat=Predikat.BAIK,
        recorded_by_id=world.users["hr"].id,
    )
    db.session.add(rating)
    db.session.commit()
    return {"rating": rating.id}
