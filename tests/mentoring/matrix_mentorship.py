"""Permission-matrix rows of the mentorship page, merged into the matrix.

{mentorship} is active between the mentee Andi and the mentor Dewi; only Dewi of
the matrix roles is in it, so everyone else (HR and Andi's supervisor included)
gets 404.
"""

from app.models import PlanStatus

PAIR_ONLY = {
    "anonymous": 302,
    "employee": 404,
    "supervisor": 404,
    "hr": 404,
    "admin": 404,
}

ROWS = {
    "mentoring.mentorship": (
        "GET",
        "/mentoring/{mentorship}",
        None,
        PlanStatus.DRAFT,
        {**PAIR_ONLY, "mentor": 200},
    ),
    "mentoring.log_session": (
        "POST",
        "/mentoring/{mentorship}/sessions",
        {"held_on": "{today}", "minutes": "60", "topic": "Tata naskah dinas"},
        PlanStatus.DRAFT,
        {**PAIR_ONLY, "mentor": 303},
    ),
    "mentoring.close": (
        "POST",
        "/mentoring/{mentorship}/close",
        {"rating": "4", "comment": "Bermanfaat."},
        PlanStatus.DRAFT,
        {**PAIR_ONLY, "mentor": 303},
    ),
    "mentoring.feedback": (  # the mentorship is still active: too early
        "POST",
        "/mentoring/{mentorship}/feedback",
        {"rating": "4"},
        PlanStatus.DRAFT,
        {**PAIR_ONLY, "mentor": 409},
    ),
}
