"""Permission-matrix rows of succession, the merit report and the key mark
(merged into tests/test_permissions.py).

Succession answers HR and supervisors (their own people); the merit report and
its files are HR's alone (404 for anyone else, as every monitoring view); only
HR marks a key position (403 for the other roles, as the position catalogue).
"""

from app.models import PlanStatus
from tests.monitoring.matrix_rows import monitors as _monitors

ROWS = {
    "monitoring.succession_detail": _monitors("GET", "/monitoring/succession/LURAH-A"),
    "monitoring.merit_export": _monitors(
        "GET", "/monitoring/merit.xlsx?period={year}", supervisor=404
    ),
    "hr.mark_key": (
        "POST",
        "/hr/positions/LURAH-A/key",
        {"key": "y"},
        PlanStatus.DRAFT,
        {
            "anonymous": 302,
            "employee": 403,
            "supervisor": 403,
            "mentor": 403,
            "hr": 303,
            "admin": 403,
        },
    ),
}
