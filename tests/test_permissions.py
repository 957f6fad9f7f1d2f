"""Every route against every role: the one permission matrix.

Adding a route without a row here fails ``test_every_route_is_in_the_matrix``.
"""

import pytest

ROLES = ("anonymous", "employee", "supervisor", "mentor", "hr", "admin")


def _row(method, url, data=None, **statuses):
    """A route's expected status per role."""
    assert set(statuses) == set(ROLES), statuses
    return method, url, data, statuses


# {endpoint: (method, url template, form data, expected status per role)}.
# "{employee}" is the world's ordinary employee, a direct subordinate of the
# supervisor and unrelated to the mentor.
MATRIX = {
    "main.index": _row(
        "GET",
        "/",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=200,
    ),
    "main.set_locale": _row(
        "POST",
        "/locale",
        {"locale": "en"},
        anonymous=303,
        employee=303,
        supervisor=303,
        mentor=303,
        hr=303,
        admin=303,
    ),
    "main.health": _row(
        "GET",
        "/healthz",
        anonymous=200,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=200,
    ),
    "auth.login": _row(
        "GET",
        "/login",
        anonymous=200,
        employee=302,
        supervisor=302,
        mentor=302,
        hr=302,
        admin=302,
    ),
    "auth.logout": _row(
        "POST",
        "/logout",
        anonymous=302,
        employee=303,
        supervisor=303,
        mentor=303,
        hr=303,
        admin=303,
    ),
    "profile.index": _row(
        "GET",
        "/profile",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=404,
    ),
    "profile.detail": _row(
        "GET",
        "/employees/{employee}",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=404,
        hr=200,
        admin=200,
    ),
    "profile.assess": _row(
        "POST",
        "/employees/{employee}/competencies/M.01",
        {"level": "3"},
        anonymous=302,
        employee=303,
        supervisor=303,
        mentor=404,
        hr=303,
        admin=403,
    ),
    "profile.history": _row(
        "GET",
        "/employees/{employee}/history",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=404,
        hr=200,
        admin=200,
    ),
    "hr.employees": _row(
        "GET",
        "/hr/employees",
        anonymous=302,
        employee=403,
        supervisor=403,
        mentor=403,
        hr=200,
        admin=200,
    ),
    "static": _row(
        "GET",
        "/static/css/jenjang.css",
        anonymous=200,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=200,
    ),
}


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_answers_each_role_as_expected(app, world, endpoint, role):
    method, url, data, statuses = MATRIX[endpoint]
    client = (
        app.test_client()
        if role == "anonymous"
        else app.test_client(user=world.users[role])
    )
    url = url.format(employee=world.employee.id)
    with client.open(url, method=method, data=data) as response:
        assert response.status_code == statuses[role]
        if statuses[role] == 302 and role == "anonymous":
            assert response.headers["Location"].startswith("/login")
