"""Permission-matrix rows of the cohort pages (merged into tests/test_permissions.py).

Only HR matches cohorts. The confirmation posts no pairs, so HR's answer is the
422 that asks to tick one: the permission passed and nothing was created.
"""

from app.models import PlanStatus

ROWS = {
    "mentoring.cohort": (
        "GET",
        "/mentoring/cohort?mentees=approved",
        None,
        PlanStatus.DRAFT,
        {
            "anonymous": 302,
            "employee": 403,
            "supervisor": 403,
            "mentor": 403,
            "hr": 200,
            "admin": 403,
        },
    ),
    "mentoring.confirm_cohort": (
        "POST",
        "/mentoring/cohort",
        {},
        PlanStatus.DRAFT,
        {
            "anonymous": 302,
            "employee": 403,
            "supervisor": 403,
            "mentor": 403,
            "hr": 422,
            "admin": 403,
        },
    ),
}
