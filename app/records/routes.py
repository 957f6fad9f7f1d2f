"""The records views: HR's page per employee with a form per section, and each
employee's own records, read-only.

HR and admin open any employee's records (admin reads only); HR records them,
except their own. Anyone else gets 404, so records cannot be probed.
"""

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import own_employee, reads_records_as_staff, records_for
from app.errors import DomainError, refusal_on_form
from app.i18n import local_today
from app.models import Employee
from app.profile.services import load_employee
from app.records import bp
from app.records.forms import (
    CertificateForm,
    CreditPointForm,
    EmploymentForm,
    PenaltyForm,
    PotentialForm,
    RatingForm,
)
from app.records.pages import records_page, refused, save, saved
from app.records.services import (
    certificates,
    employment,
    entries,
    potentials,
    removal,
)

RECORDS = "/hr/employees/<int:employee_id>/records"


def _staff_view(employee_id: int) -> Employee:
    """The employee, for HR and admin; 404 for anyone else."""
    employee = load_employee(employee_id)
    if employee is None or not reads_records_as_staff(current_user):
        abort(404)
    return employee


def _recordable(employee_id: int) -> Employee:
    """The employee, if the signed-in HR officer may record for them (else 403)."""
    employee = _staff_view(employee_id)
    if not records_for(current_user, employee):
        abort(403)
    return employee


@bp.get(RECORDS)
@login_required
def detail(employee_id: int):
    """Show an employee's personnel records, with HR's forms."""
    return records_page(_staff_view(employee_id))


@bp.get("/profile/records")
@login_required
def mine():
    """Show the signed-in employee their own personnel records."""
    return records_page(own_employee(), own=True)


@bp.post(f"{RECORDS}/employment")
@login_required
def update_employment(employee_id: int):
    """Set employment type, rank, service status, education and TMT jabatan."""
    employee = _recordable(employee_id)
    form = EmploymentForm()
    return save(
        employee,
        "employment",
        form,
        lambda: employment.update_employment(
            employee, form.fields(), current_user, local_today()
        ),
        _("The employment data is saved."),
    )


@bp.post(f"{RECORDS}/checked")
@login_required
def mark_checked(employee_id: int):
    """Note that the employee's records were checked today."""
    employee = _recordable(employee_id)
    employment.mark_checked(employee, current_user, local_today())
    return saved(employee.id, "employment", _("The records are marked as checked."))


@bp.post(f"{RECORDS}/ratings")
@login_required
def add_rating(employee_id: int):
    """Record a year's SKP rating; the predikat follows from the matrix."""
    employee = _recordable(employee_id)
    form = RatingForm()
    return save(
        employee,
        "ratings",
        form,
        lambda: entries.add_rating(
            employee, form.fields(), current_user, local_today()
        ),
        _("The SKP rating is recorded."),
    )


@bp.post(f"{RECORDS}/potentials")
@login_required
def add_potential(employee_id: int):
    """Record a year's potential (talent assessment) and what it rests on.

    HR's own potential is refused with a message beside the form, not a bare
    403: the service says another officer records it."""
    employee = _staff_view(employee_id)
    if not current_user.is_hr:
        abort(403)
    form = PotentialForm()
    try:  # checked before the fields: their messages would hide the reason
        potentials.check_recorder(employee, current_user)
    except DomainError as error:
        refusal_on_form(form, error)
        return refused(employee, "potentials", form)
    return save(
        employee,
        "potentials",
        form,
        lambda: potentials.add_potential(
            employee, form.fields(), current_user, local_today()
        ),
        _("The potential rating is recorded."),
    )


@bp.post(f"{RECORDS}/penalties")
@login_required
def add_penalty(employee_id: int):
    """Record a disciplinary penalty and its period."""
    employee = _recordable(employee_id)
    form = PenaltyForm()
    return save(
        employee,
        "penalties",
        form,
        lambda: entries.add_penalty(
            employee, form.fields(), current_user, local_today()
        ),
        _("The disciplinary penalty is recorded."),
    )


@bp.post(f"{RECORDS}/credit-points")
@login_required
def add_credit_points(employee_id: int):
    """Record the cumulative credit points as of a date."""
    employee = _recordable(employee_id)
    form = CreditPointForm()
    return save(
        employee,
        "credit-points",
        form,
        lambda: entries.add_credit_points(
            employee, form.fields(), current_user, local_today()
        ),
        _("The credit points are recorded."),
    )


@bp.post(f"{RECORDS}/certificates")
@login_required
def add_certificate(employee_id: int):
    """Record a certificate or a completed training."""
    employee = _recordable(employee_id)
    form = CertificateForm()
    return save(
        employee,
        "certificates",
        form,
        lambda: certificates.add_certificate(
            employee, form.fields(), current_user, local_today()
        ),
        _("The certificate is recorded."),
    )


@bp.post(
    f"{RECORDS}/<any(ratings, potentials, penalties, 'credit-points', "
    "certificates):section>"
    "/<int:record_id>/delete"
)
@login_required
def delete(employee_id: int, section: str, record_id: int):
    """Remove a wrongly entered record; the audit trail keeps what it said."""
    employee = _recordable(employee_id)
    if not removal.remove_record(employee, section, record_id, current_user):
        abort(404)
    return saved(employee.id, section, _("The record is removed."))
