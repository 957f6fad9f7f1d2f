"""Profiles: identity, competency standing against the position, assessments."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import catalogue
from app.access import (
    assessment_source_for,
    can_read_plans_of,
    can_view_employee,
    own_employee,
)
from app.audit import actor_name
from app.errors import refusal_on_form
from app.htmx import page_or_partial, saved_part, wants_partial
from app.i18n import local_today, localized
from app.main.urls import page_number
from app.models import CompetencyAssessment, Employee
from app.opportunities.ledger import year_standing
from app.plans.progress import progress_by_plan
from app.plans.queries import plans_of
from app.profile.forms import AssessmentForm
from app.profile.services import (
    AssessmentError,
    CompetencyStanding,
    assessment_count,
    assessment_history,
    competency_standings,
    load_employee,
    record_assessment,
    summarize,
)
from app.profile.trail import events_about

bp = Blueprint("profile", __name__)


def _visible_employee(employee_id: int) -> Employee:
    """The employee, if the signed-in user may see them; 404 otherwise."""
    employee = load_employee(employee_id)
    if employee is None or not can_view_employee(current_user, employee):
        abort(404)
    return employee


def _render_profile(employee: Employee, errors: dict | None = None, status: int = 200):
    standings = competency_standings(employee)
    readable = can_read_plans_of(current_user, employee)
    plans = plans_of(employee.id) if readable else []
    return render_template(
        "profile/detail.html",
        employee=employee,
        standings=standings,
        summary=summarize(standings),
        history=assessment_history(employee.id),
        source=assessment_source_for(current_user, employee),
        errors=errors or {},
        plans=plans,
        progress=progress_by_plan([plan.id for plan in plans]),
        jp_standing=year_standing(employee, local_today()) if readable else None,
    ), status


@bp.get("/profile")
@login_required
def index():
    """Show the signed-in employee's own profile."""
    if current_user.employee_id is None:
        abort(404)
    return _render_profile(_visible_employee(current_user.employee_id))


@bp.get("/employees/<int:employee_id>")
@login_required
def detail(employee_id: int):
    """Show an employee's profile to themself, their supervisor, HR or admin."""
    return _render_profile(_visible_employee(employee_id))


@bp.post("/employees/<int:employee_id>/competencies/<code>")
@login_required
def assess(employee_id: int, code: str):
    """Record a level for one competency: self, supervisor or assessment centre."""
    employee = _visible_employee(employee_id)
    source = assessment_source_for(current_user, employee)
    if source is None:
        abort(403)
    competency = catalogue.competency_by_code(code)
    if competency is None:
        abort(404)
    form = AssessmentForm()
    if form.validate_on_submit():
        try:
            saved = record_assessment(
                employee,
                competency,
                form.level_value,
                source,
                current_user,
                form.note.data,
            )
        except AssessmentError as error:
            refusal_on_form(form, error)
        else:
            return _assessed(employee, saved)
    errors = {code: form.errors}
    if wants_partial():
        return _row(employee, competency, errors, status=422)
    return _render_profile(employee, errors, status=422)


def _assessed(employee: Employee, saved: CompetencyAssessment):
    """The response after a saved assessment: the row (htmx) or a redirect."""
    competency = saved.competency
    message = _("Saved: %(name)s.", name=localized(competency, "name"))
    if wants_partial():
        return _row(employee, competency, {}, saved=saved, trigger=message)
    flash(message, "success")
    target = (
        url_for("profile.index")
        if employee.id == current_user.employee_id
        else url_for("profile.detail", employee_id=employee.id)
    )
    return redirect(f"{target}#competency-{competency.code}", code=303)


def _row(employee, competency, errors, status=200, saved=None, trigger=None):
    """One competency row; after a save also the summary and history it changed."""
    standings = competency_standings(employee)
    standing = next(
        (s for s in standings if s.competency.id == competency.id),
        CompetencyStanding(competency, None),  # neither required nor assessed yet
    )
    context = {
        "employee": employee,
        "standing": standing,
        "source": assessment_source_for(current_user, employee),
        "errors": errors,
        "oob": saved is not None,
        "saved": saved,
    }
    if saved is not None:
        context["summary"] = summarize(standings)
        context["history_total"] = assessment_count(employee.id)
        if context["history_total"] == 1:  # the page has no history table yet
            context["history"] = assessment_history(employee.id)
    body = render_template("profile/_assessed.html", **context)
    return saved_part(body, trigger, status)


@bp.get("/employees/<int:employee_id>/history")
@login_required
def history(employee_id: int):
    """Page through an employee's assessment history."""
    employee = _visible_employee(employee_id)
    page = assessment_history(employee.id, page_number())
    return page_or_partial(
        "profile/history.html",
        "profile/_history.html",
        {"employee": employee, "history": page},
        target="assessment-history",
    )


@bp.get("/profile/audit")
@login_required
def audit_trail():
    """The audit trail about the signed-in employee, newest first, paged."""
    employee = own_employee()
    context = {
        "employee": employee,
        "events": events_about(employee.id, page_number()),
        "actor_name": actor_name,
    }
    return page_or_partial(
        "profile/audit.html", "profile/_audit.html", context, target="audit-trail"
    )
