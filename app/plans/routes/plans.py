"""Career plans: the list, career paths, creating a plan, the plan page."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import catalogue
from app.access import own_employee
from app.errors import DomainError, fail, refusal_on_form
from app.i18n import local_today
from app.plans import bp
from app.plans.forms import NewPlanForm, TargetForm
from app.plans.guards import visible_plan
from app.plans.pages import plan_context, plan_page, refused
from app.plans.progress import progress_by_plan
from app.plans.queries import plans_of
from app.plans.readiness import paths_for
from app.plans.services.plans import change_target, create_plan, open_periods
from app.profile.services import competency_standings


@bp.get("/")
@login_required
def index():
    """List the signed-in employee's plans, the latest period first."""
    employee = own_employee()
    plans = plans_of(employee.id)
    today = local_today()
    taken = {plan.period for plan in plans}
    return render_template(
        "plans/index.html",
        employee=employee,
        plans=plans,
        progress=progress_by_plan([plan.id for plan in plans]),
        free_periods=[p for p in open_periods(today) if p not in taken],
        current_year=today.year,
    )


@bp.get("/paths")
@login_required
def paths():
    """Show the positions the employee could grow into next, readiest first."""
    employee = own_employee()
    found = paths_for(employee, local_today())
    return render_template("plans/paths.html", employee=employee, found=found)


@bp.get("/new")
@login_required
def new():
    """Show the form for a new plan, a target position preselected if given."""
    employee = own_employee()
    form = NewPlanForm(formdata=None)
    form.target.data = request.args.get("target") or (
        employee.position.code if employee.position else ""
    )
    return _new_page(employee, form)


def _new_page(employee, form, status: int = 200):
    """The new-plan form; the first free period is chosen when none is."""
    periods = open_periods(local_today())
    if form.period.data is None:
        taken = {plan.period for plan in plans_of(employee.id)}
        form.period.data = next((p for p in periods if p not in taken), periods[0])
    return render_template(
        "plans/new.html",
        employee=employee,
        form=form,
        periods=periods,
        positions=catalogue.positions(),
    ), status


@bp.post("/")
@login_required
def create():
    """Create a plan for a period and target, with goals proposed for each gap."""
    employee = own_employee()
    form = NewPlanForm()
    if not form.validate_on_submit():
        return _new_page(employee, form, 422)
    target = form.position
    standings = competency_standings(
        employee, target.id, required_only=True, describe=False
    )
    try:
        plan = create_plan(
            employee, form.period.data, target, current_user, standings, local_today()
        )
    except DomainError as error:
        refusal_on_form(form, error)
        return _new_page(employee, form, error.status)
    flash(_("Your plan for %(period)s is ready to fill in.", period=plan.period))
    return redirect(url_for("plans.detail", plan_id=plan.id), 303)


@bp.get("/<int:plan_id>")
@login_required
def detail(plan_id: int):
    """Show a plan: target readiness, gap, goals and activities, history."""
    return plan_page(visible_plan(plan_id))


@bp.get("/<int:plan_id>/print")
@login_required
def print_view(plan_id: int):
    """A clean printable page of the plan, in Indonesian unless asked otherwise."""
    plan = visible_plan(plan_id)
    language = request.args.get("lang", "id")
    if language not in current_app.config["LANGUAGES"]:
        fail(400, _("Choose Indonesian (id) or English (en)."))
    with force_locale(language):
        return render_template(
            "plans/print.html", printed_on=local_today(), **plan_context(plan)
        )


@bp.post("/<int:plan_id>/target")
@login_required
def update_target(plan_id: int):
    """Aim a draft or returned plan at another position."""
    plan = visible_plan(plan_id, owner=True)
    form = TargetForm()
    if not form.validate_on_submit():
        return plan_page(plan, 422, form=form, form_key="target")
    try:
        change_target(plan, form.position, form.version.data, local_today())
    except DomainError as error:
        return refused(plan, error, form, "target", "plans/_target.html")
    flash(_("The target position is now %(name)s.", name=form.position.name))
    return redirect(url_for("plans.detail", plan_id=plan.id), 303)
