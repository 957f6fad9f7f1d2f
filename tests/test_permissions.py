"""Every route against every role: the one permission matrix.

Adding a route without a row here fails ``test_every_route_is_in_the_matrix``.
"""

import pytest
from sqlalchemy import update

from app.extensions import db
from app.i18n import local_today
from app.models import (
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Notification,
    NotificationKind,
    PlanStatus,
    RequestStatus,
)
from tests.factories import make_plan
from tests.hr.cohorts.matrix_rows import ROWS as COHORT_ROWS
from tests.hr.positions.matrix_rows import ROWS as CATALOGUE_ROWS
from tests.mentoring.matrix_mentee import ROWS as MENTEE_ROWS
from tests.mentoring.matrix_mentorship import ROWS as MENTORSHIP_ROWS
from tests.monitoring.matrix_rows import ROWS as MONITORING_ROWS
from tests.monitoring.matrix_succession import ROWS as SUCCESSION_ROWS
from tests.monitoring.matrix_talent import ROWS as TALENT_ROWS
from tests.notifications.matrix_rows import ROWS as NOTIFICATION_ROWS
from tests.opportunities.matrix_publish import ROWS as PUBLISH_ROWS
from tests.opportunities.matrix_publish import publish_state
from tests.opportunities.matrix_training import ROWS as TRAINING_ROWS
from tests.opportunities.matrix_training import training_state
from tests.opportunities.matrix_vacancy import ROWS as VACANCY_ROWS
from tests.opportunities.matrix_vacancy import vacancy_state
from tests.records.matrix_rows import ROWS as RECORD_ROWS
from tests.records.matrix_rows import records_state

ROLES = ("anonymous", "employee", "supervisor", "mentor", "hr", "admin")


def _row(method, url, data=None, plan=PlanStatus.DRAFT, **statuses):
    """A route's expected status per role; ``plan`` is the state of {plan}."""
    assert set(statuses) == set(ROLES), statuses
    return method, url, data, plan, statuses


def _plan_row(method, url, data=None, plan=PlanStatus.DRAFT, **statuses):
    """A route of the employee's plan: anonymous signs in, others see 404."""
    statuses = {"anonymous": 302, "mentor": 404, "admin": 404, **statuses}
    return _row(method, url, data, plan, **statuses)


def _owner_row(method, url, data=None, status=303):
    """An owner-only change to the plan: the readers get 403, the rest 404."""
    return _plan_row(method, url, data, employee=status, supervisor=403, hr=403)


ACTIVITY = {
    "kind": "training",
    "title": "Pelatihan arsip digital",
    "planned_jp": "16",
    "due_date": "{year}-09-30",
    "status": "planned",
    "version": "1",
}


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
    "hr.mentoring_outcomes": _row(
        "GET",
        "/hr/mentoring/outcomes",
        anonymous=302,
        employee=403,
        supervisor=403,
        mentor=403,
        hr=200,
        admin=403,
    ),
    "hr.mentoring_outcomes_csv": _row(
        "GET",
        "/hr/mentoring/outcomes.csv",
        anonymous=302,
        employee=403,
        supervisor=403,
        mentor=403,
        hr=200,
        admin=403,
    ),
    "plans.index": _row(
        "GET",
        "/plans/",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=404,
    ),
    "plans.paths": _row(
        "GET",
        "/plans/paths",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=404,
    ),
    "plans.new": _row(
        "GET",
        "/plans/new",
        anonymous=302,
        employee=200,
        supervisor=200,
        mentor=200,
        hr=200,
        admin=404,
    ),
    "plans.create": _row(
        "POST",
        "/plans/",
        {"period": "{next_year}", "target": "PENGADM"},
        anonymous=302,
        employee=303,
        supervisor=303,
        mentor=303,
        hr=303,
        admin=404,
    ),
    "plans.detail": _plan_row(
        "GET", "/plans/{plan}", employee=200, supervisor=200, hr=200
    ),
    "plans.print_view": _plan_row(
        "GET", "/plans/{plan}/print", employee=200, supervisor=200, hr=200
    ),
    "plans.update_target": _owner_row(
        "POST", "/plans/{plan}/target", {"target": "LURAH-A", "version": "1"}
    ),
    "plans.create_goal": _owner_row(
        "POST", "/plans/{plan}/goals", {"title": "Menulis SOP", "version": "1"}
    ),
    "plans.edit_goal": _owner_row("GET", "/plans/{plan}/goals/{goal}/edit", status=200),
    "plans.update_goal": _owner_row(
        "POST", "/plans/{plan}/goals/{goal}", {"title": "Arsip", "version": "1"}
    ),
    "plans.delete_goal": _owner_row(
        "POST", "/plans/{plan}/goals/{goal}/delete", {"version": "1"}
    ),
    "plans.move_goal": _owner_row(
        "POST",
        "/plans/{plan}/goals/{goal}/move",
        {"direction": "down", "version": "1"},
    ),
    "plans.create_activity": _owner_row(
        "POST", "/plans/{plan}/goals/{goal}/activities", ACTIVITY
    ),
    "plans.edit_activity": _owner_row(
        "GET", "/plans/{plan}/activities/{activity}/edit", status=200
    ),
    "plans.update_activity": _owner_row(
        "POST", "/plans/{plan}/activities/{activity}", ACTIVITY
    ),
    "plans.set_status": _owner_row(
        "POST",
        "/plans/{plan}/activities/{activity}/status",
        {"status": "done", "version": "1"},
    ),
    "plans.delete_activity": _owner_row(
        "POST", "/plans/{plan}/activities/{activity}/delete", {"version": "1"}
    ),
    "plans.move_activity": _owner_row(
        "POST",
        "/plans/{plan}/activities/{activity}/move",
        {"direction": "down", "version": "1"},
    ),
    "plans.submit": _owner_row("POST", "/plans/{plan}/submit", {"version": "1"}),
    "plans.approve": _plan_row(
        "POST",
        "/plans/{plan}/approve",
        {"version": "1"},
        PlanStatus.SUBMITTED,
        employee=403,
        supervisor=303,
        hr=403,
    ),
    "plans.return_plan": _plan_row(
        "POST",
        "/plans/{plan}/return",
        {"comment": "Lengkapi sasaran.", "version": "1"},
        PlanStatus.SUBMITTED,
        employee=403,
        supervisor=303,
        hr=403,
    ),
    "plans.team": _row(
        "GET",
        "/plans/team",
        anonymous=302,
        employee=403,
        supervisor=200,
        mentor=403,
        hr=403,
        admin=403,
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


# The mentoring, notification, records and catalogue areas keep their rows
# beside their tests.
for _rows in (
    MENTEE_ROWS,
    MENTORSHIP_ROWS,
    COHORT_ROWS,
    NOTIFICATION_ROWS,
    RECORD_ROWS,
    CATALOGUE_ROWS,
    TRAINING_ROWS,
    VACANCY_ROWS,
    PUBLISH_ROWS,
    MONITORING_ROWS,
    TALENT_ROWS,
    SUCCESSION_ROWS,
):
    assert not set(_rows) & set(MATRIX), set(_rows) & set(MATRIX)
    MATRIX.update(_rows)


def _mentoring_state(world) -> dict[str, int]:
    """A pending request (Budi to Dewi), an active mentorship (Andi with Dewi)
    and a notification of Sri's: the {request}, {mentorship}, {notification}."""
    request = MentorshipRequest(mentee=world.outsider, mentor=world.mentor)
    accepted = MentorshipRequest(
        mentee=world.colleague, mentor=world.mentor, status=RequestStatus.ACCEPTED
    )
    mentorship = Mentorship(
        request=accepted, mentee=world.colleague, mentor=world.mentor
    )
    notification = Notification(
        user=world.users["employee"],
        kind=NotificationKind.REQUEST_ACCEPTED,
        subject_id=0,
    )
    db.session.add_all([request, accepted, mentorship, notification])
    db.session.flush()
    notification.subject_id = mentorship.id
    db.session.execute(
        update(MentorProfile)
        .where(MentorProfile.employee_id == world.mentor.id)
        .values(active_mentees=1)
    )
    db.session.commit()
    return {
        "request": request.id,
        "mentorship": mentorship.id,
        "notification": notification.id,
    }


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_answers_each_role_as_expected(app, world, endpoint, role):
    method, url, data, plan_status, statuses = MATRIX[endpoint]
    client = (
        app.test_client()
        if role == "anonymous"
        else app.test_client(user=world.users[role])
    )
    plan = make_plan(world, status=plan_status)
    year = local_today().year
    names = {
        "employee": world.employee.id,
        "plan": plan.id,
        "goal": plan.goals[0].id,
        "activity": plan.goals[0].activities[0].id,
        "year": year,
        "next_year": year + 1,
        "today": local_today().isoformat(),
        "requirement": world.staff_position.rules[0].id,
        **_mentoring_state(world),
        **records_state(world),
        **training_state(world),
        **vacancy_state(world),
        **publish_state(world),
    }
    url = url.format(**names)
    data = {key: value.format(**names) for key, value in (data or {}).items()}
    with client.open(url, method=method, data=data) as response:
        assert response.status_code == statuses[role]
        if statuses[role] == 302 and role == "anonymous":
            assert response.headers["Location"].startswith("/login")
