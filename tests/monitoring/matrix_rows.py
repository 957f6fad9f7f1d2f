"""Permission-matrix rows of the monitoring views (merged into
tests/test_permissions.py).

HR sees everyone and the supervisor their own people: both get the pages.
Anyone who monitors no one gets 404; anonymous signs in. The merit report is
HR's alone.
"""

from app.models import PlanStatus


def monitors(method, url, data=None, supervisor=200, hr=200):
    """HR and the supervisor get ``hr`` and ``supervisor``; others 404."""
    statuses = {
        "anonymous": 302,
        "employee": 404,
        "supervisor": supervisor,
        "mentor": 404,
        "hr": hr,
        "admin": 404,
    }
    return method, url, data, PlanStatus.DRAFT, statuses


ROWS = {
    "monitoring.index": monitors("GET", "/monitoring/"),
    "monitoring.section": monitors("GET", "/monitoring/plans"),
    "monitoring.people": monitors("GET", "/monitoring/people"),
    "monitoring.people_export": monitors("GET", "/monitoring/people.csv"),
    "monitoring.succession": monitors("GET", "/monitoring/succession"),
    "monitoring.merit": monitors("GET", "/monitoring/merit", supervisor=404),
}
