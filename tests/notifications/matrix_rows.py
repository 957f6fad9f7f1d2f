"""Permission-matrix rows of the notification pages (merged into the matrix).

Every signed-in user has a notification list; {notification} is Sri's, so only
she may open it and everyone else gets 404.
"""

from app.models import PlanStatus

EVERYONE = {"employee": 200, "supervisor": 200, "mentor": 200, "hr": 200, "admin": 200}

ROWS = {
    "notifications.index": (
        "GET",
        "/notifications/",
        None,
        PlanStatus.DRAFT,
        {"anonymous": 302, **EVERYONE},
    ),
    "notifications.badge": (
        "GET",
        "/notifications/badge",
        None,
        PlanStatus.DRAFT,
        {"anonymous": 302, **EVERYONE},
    ),
    "notifications.open": (
        "GET",
        "/notifications/{notification}",
        None,
        PlanStatus.DRAFT,
        {
            "anonymous": 302,
            "employee": 303,
            "supervisor": 404,
            "mentor": 404,
            "hr": 404,
            "admin": 404,
        },
    ),
    "notifications.read_all": (
        "POST",
        "/notifications/read-all",
        None,
        PlanStatus.DRAFT,
        {"anonymous": 302, **dict.fromkeys(EVERYONE, 303)},
    ),
}
