"""Permission-matrix rows of publishing and browsing opportunities and of the
audit trail about oneself (merged into tests/test_permissions.py).

Everyone signed in browses; a draft ({opp_draft}) is HR's alone (404 for the
rest); only HR manages (403 for the rest). Each change sends the version its
page showed, so HR's answer is the real one: the change saved (303).
"""

from datetime import timedelta

from app.i18n import local_today
from app.models import OpportunityKind, OpportunityStatus, PlanStatus
from tests.opportunities.publish_helpers import make_opportunity

EVERYONE = {
    "anonymous": 302,
    "employee": 200,
    "supervisor": 200,
    "mentor": 200,
    "hr": 200,
    "admin": 200,
}


def _hr_only(method, url, data=None, hr=200):
    """Anonymous signs in, HR gets ``hr``, everyone else 403."""
    statuses = {
        "anonymous": 302,
        "employee": 403,
        "supervisor": 403,
        "mentor": 403,
        "hr": hr,
        "admin": 403,
    }
    return method, url, data, PlanStatus.DRAFT, statuses


def publish_state(world) -> dict:
    """A draft training and a published vacancy, and dates for the forms."""
    today = local_today()
    draft = make_opportunity(world, status=OpportunityStatus.DRAFT)
    published = make_opportunity(world, OpportunityKind.VACANCY)
    return {
        "opp_draft": draft.id,
        "opp_published": published.id,
        "opp_closes": (today + timedelta(days=14)).isoformat(),
        "opp_starts": (today + timedelta(days=20)).isoformat(),
        "opp_ends": (today + timedelta(days=21)).isoformat(),
    }


TRAINING = {
    "title": "Pelatihan Arsip Digital",
    "provider": "BKPSDM",
    "mode": "classroom",
    "opens_on": "{today}",
    "closes_on": "{opp_closes}",
    "starts_on": "{opp_starts}",
    "ends_on": "{opp_ends}",
    "jp": "24",
    "quota": "30",
    "competencies": "T.05",
}
DRAFT = "/hr/opportunities/{opp_draft}"
ROWS = {
    "opportunities.index": (
        "GET",
        "/opportunities?q=peluang&kind=training",
        None,
        PlanStatus.DRAFT,
        EVERYONE,
    ),
    "opportunities.detail": (
        "GET",
        "/opportunities/{opp_draft}",
        None,
        PlanStatus.DRAFT,
        {**EVERYONE, "employee": 404, "supervisor": 404, "mentor": 404, "admin": 404},
    ),
    "opportunities.manage": _hr_only("GET", "/hr/opportunities?status=draft"),
    "opportunities.new": _hr_only("GET", "/hr/opportunities/new/vacancy"),
    "opportunities.create": _hr_only(
        "POST", "/hr/opportunities/new/training", TRAINING, hr=303
    ),
    "opportunities.edit": _hr_only("GET", f"{DRAFT}/edit"),
    "opportunities.update": _hr_only(
        "POST", DRAFT, {**TRAINING, "version": "1"}, hr=303
    ),
    "opportunities.publish": _hr_only(
        "POST", f"{DRAFT}/publish", {"version": "1"}, hr=303
    ),
    "opportunities.close": _hr_only(
        "POST",
        "/hr/opportunities/{opp_published}/close",
        {"version": "1", "reason": "Formasi terisi"},
        hr=303,
    ),
    "profile.audit_trail": (
        "GET",
        "/profile/audit",
        None,
        PlanStatus.DRAFT,
        {**EVERYONE, "admin": 404},
    ),
}
