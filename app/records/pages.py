"""The records page and its sections, and the one way a change of it is answered.

A section (employment data, SKP, penalties, credit points, certificates) is a
partial with its own form. A saved change answers htmx with the section (and,
for the employment data, the page header out of band), and without JavaScript
redirects to the page (303); a refused one answers with the section and its
messages (422), the whole page without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from app import catalogue
from app.access import records_for
from app.errors import DomainError, refusal_on_form
from app.htmx import page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.models import (
    Education,
    Employee,
    EmploymentType,
    Expectation,
    PenaltySeverity,
    PositionKind,
    ServiceStatus,
    TalentLevel,
    predikat_of,
)
from app.profile.services import load_employee
from app.records import queries
from app.records.forms import (
    CertificateForm,
    CreditPointForm,
    EmploymentForm,
    PenaltyForm,
    PotentialForm,
    RatingForm,
)

PAGE = "records/detail.html"
HEADER = "records/_header.html"
SECTIONS = (
    "employment",
    "ratings",
    "potentials",
    "penalties",
    "credit-points",
    "certificates",
)
PARTIALS = {
    section: f"records/_{section.replace('-', '_')}.html" for section in SECTIONS
}


def _blank_forms(employee: Employee, today) -> dict[str, FlaskForm]:
    """Each section's form as the page first shows it."""
    return {
        "employment": EmploymentForm(
            formdata=None,
            employment_type=employee.employment_type.value,
            rank=str(employee.rank_id or ""),
            service_status=employee.service_status.value,
            education=employee.education.value if employee.education else "",
            education_field=employee.education_field,
            position_since=employee.position_since,
        ),
        "ratings": RatingForm(
            formdata=None,
            year=today.year - 1,  # a year's SKP is rated early in the next
            hasil_kerja=Expectation.AS_EXPECTED.value,
            perilaku=Expectation.AS_EXPECTED.value,
        ),
        "potentials": PotentialForm(formdata=None, year=today.year),
        "penalties": PenaltyForm(formdata=None),
        "credit-points": CreditPointForm(formdata=None, as_of=today),
        "certificates": CertificateForm(formdata=None),
    }


def records_context(
    employee: Employee,
    *,
    sections: Iterable[str] = SECTIONS,
    own: bool = False,
    forms: dict[str, FlaskForm] | None = None,
) -> dict:
    """What the page (or the named sections) shows: one query per kind of record,
    and the forms with their catalogues for HR."""
    today = local_today()
    sections = set(sections)
    editable = not own and records_for(current_user, employee)
    context = {
        "employee": employee,
        "today": today,
        "own": own,
        "editable": editable,
        "matrix": _matrix(),
        "expectations": list(Expectation),
        "employment_types": list(EmploymentType),
        "service_statuses": list(ServiceStatus),
        "educations": list(Education),
        "severities": list(PenaltySeverity),
        "talent_levels": list(TalentLevel),
        "oob": False,
    }
    loaders = {
        "ratings": queries.ratings_of,
        "potentials": queries.potentials_of,
        "penalties": queries.penalties_of,
        "credit-points": queries.credit_points_of,
        "certificates": queries.certificates_of,
    }
    for section, load in loaders.items():
        if section in sections:
            context[section.replace("-", "_")] = load(employee.id)
    if editable:
        context["forms"] = {**_blank_forms(employee, today), **(forms or {})}
        if "employment" in sections:
            context["ranks"] = catalogue.ranks()
        if "certificates" in sections:
            context["certificate_types"] = catalogue.certificate_types()
            context["functional_positions"] = [
                p for p in catalogue.positions() if p.kind is PositionKind.FUNGSIONAL
            ]
    else:  # a refusal (HR and their own potential) still shows its message
        context["forms"] = forms or {}
    return context


def _matrix() -> dict:
    """The predikat matrix as DOMAIN.md draws it: rows of hasil kerja (above
    first), columns of perilaku kerja (below first)."""
    columns = list(Expectation)
    rows = list(reversed(columns))
    return {
        "columns": columns,
        "rows": [
            (row, [predikat_of(row, column) for column in columns]) for row in rows
        ],
    }


def records_page(employee: Employee, *, own: bool = False):
    """The whole records page: HR's with its forms, or the employee's own."""
    return render_template(PAGE, **records_context(employee, own=own))


def save(
    employee: Employee,
    section: str,
    form: FlaskForm,
    change: Callable[[], object],
    message: str,
):
    """Validate ``form``, run ``change()`` and answer with the changed section."""
    if form.validate_on_submit():
        try:
            change()
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            return saved(employee.id, section, message)
    return refused(employee, section, form)


def saved(employee_id: int, section: str, message: str):
    """The section as saved (htmx), or back to the page at the section (303)."""
    if not wants_partial():
        flash(message, "success")
        anchor = f"records-{section}"
        return redirect(
            url_for("records.detail", employee_id=employee_id, _anchor=anchor), 303
        )
    employee = load_employee(employee_id)  # the change's commit expired it
    context = records_context(employee, sections=(section,))
    body = render_template(PARTIALS[section], **context)
    if section == "employment":  # the header shows the rank too
        body += render_template(HEADER, **{**context, "oob": True})
    return saved_part(body, message)


def refused(employee: Employee, section: str, form: FlaskForm):
    """The section with the refused form and its messages, or the page: 422."""
    sections = (section,) if wants_partial() else SECTIONS
    context = records_context(employee, sections=sections, forms={section: form})
    return page_or_partial(PAGE, PARTIALS[section], context, status=422)
