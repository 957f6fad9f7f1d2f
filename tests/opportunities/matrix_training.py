"""Permission-matrix rows of trainings and the JP record (merged into the matrix).

{training} is open with Sri (the employee) registered; {started_training} has
started, with Sri's {started_registration} to mark; {training_record} is a
certificate of Sri's waiting for HR. Registering needs an employee record (a
staff-only admin gets 404); HR's pages answer 403 to everyone else.
"""

from datetime import timedelta

from app.i18n import local_today
from app.opportunities.services import training
from tests.opportunities.factories_training import make_record, make_training

ANONYMOUS = {"anonymous": 302}
PEOPLE = ("employee", "supervisor", "mentor", "hr")


def _row(method, url, data=None, **statuses):
    from app.models import PlanStatus

    return method, url, data, PlanStatus.DRAFT, {**ANONYMOUS, **statuses}


def _hr_only(method, url, data=None, hr=200):
    others = dict.fromkeys(("employee", "supervisor", "mentor", "admin"), 403)
    return _row(method, url, data, hr=hr, **others)


def _own(method, url, data=None, status=200):
    return _row(method, url, data, admin=404, **dict.fromkeys(PEOPLE, status))


ROWS = {
    "opportunities.register": _row(
        "POST",
        "/opportunities/{training}/register",
        employee=409,  # registered already
        supervisor=303,
        mentor=303,
        hr=303,
        admin=404,
    ),
    "opportunities.unregister": _row(
        "POST",
        "/opportunities/{training}/unregister",
        employee=303,
        supervisor=409,  # not registered
        mentor=409,
        hr=409,
        admin=404,
    ),
    "opportunities.attendance": _hr_only(
        "GET", "/hr/opportunities/{started_training}/attendance"
    ),
    "opportunities.mark_attendance": _hr_only(
        "POST",
        "/hr/opportunities/{started_training}/attendance",
        {"registration": "{started_registration}", "outcome": "attended"},
        hr=303,
    ),
    "opportunities.my_training": _own("GET", "/profile/training"),
    "opportunities.submit_certificate": _own(
        "POST",
        "/profile/training",
        {
            "title": "Diklat Pelayanan Prima",
            "completed_on": "{today}",
            "jp": "12",
        },
        status=303,
    ),
    "opportunities.record_queue": _hr_only("GET", "/hr/training-records"),
    "opportunities.verify_record": _hr_only(
        "POST", "/hr/training-records/{training_record}/verify", hr=303
    ),
    "opportunities.reject_record": _hr_only(
        "POST",
        "/hr/training-records/{training_record}/reject",
        {"reason": "Sertifikat tidak terbaca."},
        hr=303,
    ),
    "opportunities.below_target": _hr_only("GET", "/hr/jp"),
}


def training_state(world) -> dict[str, int]:
    """The {training}, {started_training}, {started_registration} and
    {training_record} the rows name."""
    today = local_today()
    course = make_training(quota=10)
    training.register(course, world.employee, today)
    started = make_training(
        "Pelatihan yang sudah dimulai",
        opens_on=today - timedelta(days=10),
        closes_on=today - timedelta(days=2),
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=1),
    )
    registration = training.register(started, world.employee, started.opens_on)
    record = make_record(world.employee)
    return {
        "training": course.id,
        "started_training": started.id,
        "started_registration": registration.id,
        "training_record": record.id,
    }
