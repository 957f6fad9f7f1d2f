"""Views of the opportunities (jp): one's own training records and certificates,
HR's verification queue, and HR's list of employees below their JP target.

A certificate counts once HR verified it; the owner sees each record's status
and, when rejected, HR's reason. HR decides on anyone's record but their own.
"""

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import catalogue
from app.access import Role, own_employee, role_required
from app.errors import DomainError, refusal_on_form
from app.extensions import db
from app.hr.forms import UnitPageFilterForm
from app.htmx import go_to, page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.main.urls import filter_url, page_number
from app.models import TrainingRecord
from app.opportunities import bp, ledger, training_queries
from app.opportunities.services import records
from app.opportunities.training_forms import (
    RejectForm,
    TrainingCertificateForm,
)

MINE = "/profile/training"
QUEUE = "/hr/training-records"


def _my_page(employee, form, status: int = 200):
    today = local_today()
    context = {
        "employee": employee,
        "form": form,
        "records": training_queries.records_of(employee.id),
        "standing": ledger.year_standing(employee, today),
        "today": today,
    }
    return render_template("opportunities/jp/mine.html", **context), status


@bp.get(MINE)
@login_required
def my_training():
    """My training records with their status, and the certificate form."""
    return _my_page(own_employee(), TrainingCertificateForm(formdata=None))


@bp.post(MINE)
@login_required
def submit_certificate():
    """Enter an external training certificate for HR to verify."""
    employee = own_employee()
    form = TrainingCertificateForm()
    if form.validate_on_submit():
        try:
            records.submit_certificate(employee, form.fields(), local_today())
        except DomainError as error:
            refusal_on_form(form, error)
            return _my_page(employee, form, error.status)
        return go_to(
            url_for("opportunities.my_training"),
            _("The certificate is sent to HR for verification."),
        )
    return _my_page(employee, form, 422)


def _queue_page(page: int, errors=None, message=None, status: int = 200):
    context = {
        "queue": training_queries.record_queue(page),
        "errors": errors or {},
        "reasons": request.form if errors else {},
    }
    if message is not None:
        body = render_template("opportunities/jp/_queue.html", **context)
        return saved_part(body, message)
    return page_or_partial(
        "opportunities/jp/queue.html",
        "opportunities/jp/_queue.html",
        context,
        status=status,
        target="record-queue",
    )


def _record(record_id: int) -> TrainingRecord:
    record = db.session.get(TrainingRecord, record_id)
    if record is None:
        abort(404)
    return record


def _decided(message: str):
    page = page_number()
    if wants_partial():
        return _queue_page(page, message=message)
    return go_to(url_for("opportunities.record_queue", page=page), message)


@bp.get(QUEUE)
@role_required(Role.HR)
def record_queue():
    """Certificates waiting for HR's verification, oldest first."""
    return _queue_page(page_number())


@bp.post(f"{QUEUE}/<int:record_id>/verify")
@role_required(Role.HR)
def verify_record(record_id: int):
    """Verify a certificate: its JP count from now on."""
    record = _record(record_id)
    records.verify(record, current_user)
    return _decided(_("%(title)s is verified.", title=record.title))


@bp.post(f"{QUEUE}/<int:record_id>/reject")
@role_required(Role.HR)
def reject_record(record_id: int):
    """Reject a certificate with a reason the owner reads."""
    record = _record(record_id)
    form = RejectForm()
    try:
        if not form.validate():
            errors = form.reason.errors or next(iter(form.errors.values()))
            raise DomainError(errors[0], "reason")
        records.reject(record, current_user, form.reason.data)
    except DomainError as error:
        if error.status != 422:
            raise
        db.session.rollback()
        return _queue_page(page_number(), {record.id: error.message}, status=422)
    return _decided(_("%(title)s is rejected.", title=record.title))


@bp.get("/hr/jp")
@role_required(Role.HR)
def below_target():
    """Employees below their JP target this year, by unit, most missing first."""
    units = catalogue.units()
    form = UnitPageFilterForm(request.args, {unit.id for unit in units})
    status, rows = 200, None
    year = local_today().year
    if form.validate():
        rows = training_queries.below_target(year, form.unit_ids, form.page_number)
    else:
        status = 400
    return page_or_partial(
        "opportunities/jp/below.html",
        "opportunities/jp/_below.html",
        {"form": form, "units": units, "rows": rows, "year": year},
        status=status,
        target="below-results",
        push_url=filter_url("opportunities.below_target", form),
    )
