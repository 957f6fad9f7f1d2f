"""Views of the opportunities (training): registering and withdrawing, and
HR's attendance page.

Each answers htmx with the training's panel and the "saved" message; without
JavaScript it goes back to the opportunity's page (303) with a flash. A refusal
(closed, full-and-registered, not a training) is a 409 with its message.
"""

from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import Role, own_employee, role_required
from app.errors import fail
from app.htmx import go_to, page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.main.urls import page_number
from app.models import RegistrationStatus
from app.opportunities import bp, training_queries
from app.opportunities.abilities import visible_opportunity
from app.opportunities.services import records, training
from app.opportunities.training_forms import AttendanceForm
from app.opportunities.training_panel import training_panel


def _answer(opportunity, message: str):
    """The panel (htmx) or the opportunity's page (303), with ``message``."""
    if wants_partial():
        context = training_panel(opportunity, current_user, local_today())
        body = render_template("opportunities/training/_panel.html", **context)
        return saved_part(body, message)
    return go_to(
        url_for("opportunities.detail", opportunity_id=opportunity.id), message
    )


@bp.post("/opportunities/<int:opportunity_id>/register")
@login_required
def register(opportunity_id: int):
    """Take a place of the training, or join its waiting list when it is full."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    employee = own_employee()
    registration = training.register(opportunity, employee, local_today())
    if registration.status is RegistrationStatus.REGISTERED:
        message = _("You are registered for %(title)s.", title=opportunity.title)
    else:
        message = _(
            "The quota is full: you are number %(position)d on the waiting list.",
            position=training.queue_position(registration),
        )
    return _answer(opportunity, message)


@bp.post("/opportunities/<int:opportunity_id>/unregister")
@login_required
def unregister(opportunity_id: int):
    """Withdraw one's registration (or place on the waiting list)."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    training.withdraw(opportunity, own_employee(), local_today())
    return _answer(opportunity, _("Your registration is withdrawn."))


ATTENDANCE = "/hr/opportunities/<int:opportunity_id>/attendance"


def _training_for_hr(opportunity_id: int):
    """The training, for HR (a vacancy or announcement has no attendance: 404)."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    if not opportunity.is_training:
        abort(404)
    return opportunity


def _attendance_page(opportunity, page: int, message: str | None = None):
    today = local_today()
    context = {
        "opportunity": opportunity,
        "people": training_queries.attendance_list(opportunity.id, page),
        "refusal": records.attendance_refusal(opportunity, today),
        "counts": training.counts(opportunity.id),
        "statuses": RegistrationStatus,
    }
    if message is not None:
        body = render_template("opportunities/training/_attendance.html", **context)
        return saved_part(body, message)
    return page_or_partial(
        "opportunities/training/attendance.html",
        "opportunities/training/_attendance.html",
        context,
        target="attendance-list",
    )


@bp.get(ATTENDANCE)
@role_required(Role.HR)
def attendance(opportunity_id: int):
    """The people holding a place, to mark attended or absent once it started."""
    return _attendance_page(_training_for_hr(opportunity_id), page_number())


@bp.post(ATTENDANCE)
@role_required(Role.HR)
def mark_attendance(opportunity_id: int):
    """Mark one person attended (a verified record of the JP) or absent."""
    opportunity = _training_for_hr(opportunity_id)
    form = AttendanceForm()
    if not form.validate():
        fail(422, next(iter(form.errors.values()))[0])
    marked = records.mark_attendance(
        opportunity, form.registration_id, form.attended, current_user, local_today()
    )
    name = marked.employee.display_name
    message = (
        _("%(name)s attended.", name=name)
        if form.attended
        else _("%(name)s is marked absent.", name=name)
    )
    page = page_number()
    if wants_partial():
        return _attendance_page(opportunity, page, message)
    return go_to(
        url_for("opportunities.attendance", opportunity_id=opportunity.id, page=page),
        message,
    )
