"""Permission-matrix rows of the mentee and mentor pages (merged into the matrix).

``{employee}`` (Sri) offers no mentoring, so asking her is refused with 422 for
everyone (for Sri herself: asking oneself). ``{request}`` is Budi's pending
request to the mentor Dewi: only Dewi answers it, and nobody here withdraws it.
"""

from app.models import PlanStatus

ROLES = ("anonymous", "employee", "supervisor", "mentor", "hr", "admin")


def _row(method, url, data=None, **statuses):
    assert set(statuses) == set(ROLES), statuses
    return method, url, data, PlanStatus.DRAFT, statuses


def _employee_row(method, url, data=None, status=200):
    """Any employee may; the admin login has no employee record (404)."""
    return _row(
        method,
        url,
        data,
        anonymous=302,
        employee=status,
        supervisor=status,
        mentor=status,
        hr=status,
        admin=404,
    )


def _mentor_row(method, url, data=None, status=200):
    """Only a mentor may (403 for the rest)."""
    return _row(
        method,
        url,
        data,
        anonymous=302,
        employee=403,
        supervisor=403,
        mentor=status,
        hr=403,
        admin=403,
    )


def _answer_row(url):
    """Only the request's mentor answers it; for anyone else it does not exist."""
    return _row(
        "POST",
        url,
        {"response": "Baik, kita mulai minggu depan."},
        anonymous=302,
        employee=404,
        supervisor=404,
        mentor=303,
        hr=404,
        admin=404,
    )


ROWS = {
    "mentoring.index": _employee_row("GET", "/mentoring/"),
    "mentoring.profile": _employee_row("GET", "/mentoring/profile"),
    # Nobody in the matrix's world is assessed at level 4: nothing to offer.
    "mentoring.save_profile": _employee_row(
        "POST", "/mentoring/profile", {"capacity": "3", "expertise": "Arsip"}, 422
    ),
    "mentoring.pause": _mentor_row(
        "POST", "/mentoring/profile/pause", {"paused": "1"}, 303
    ),
    "mentoring.find": _employee_row("GET", "/mentoring/find"),
    "mentoring.new_request": _employee_row(
        "GET", "/mentoring/mentors/{employee}/request", status=422
    ),
    "mentoring.create_request": _employee_row(
        "POST",
        "/mentoring/mentors/{employee}/request",
        {"message": "Mohon bimbingan."},
        422,
    ),
    "mentoring.withdraw": _row(
        "POST",
        "/mentoring/requests/{request}/withdraw",
        anonymous=302,
        employee=404,
        supervisor=404,
        mentor=404,
        hr=404,
        admin=404,
    ),
    "mentoring.inbox": _mentor_row("GET", "/mentoring/inbox"),
    "mentoring.inbox_badge": _row(
        "GET",
        "/mentoring/inbox/badge",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=200,
    ),
    "mentoring.accept": _answer_row("/mentoring/requests/{request}/accept"),
    "mentoring.decline": _answer_row("/mentoring/requests/{request}/decline"),
}
