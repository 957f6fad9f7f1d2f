"""Career plans: paths, creating a plan, the plan page, the review workflow."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import catalogue
from app.access import Role, role_required
from app.errors import DomainError, fail, refusal_on_form
from app.forms import whole_number
from app.htmx import page_or_partial
from app.i18n import local_today
from app.main.urls import page_number
from app.models import (
    CareerPlan,
    PlanStatus,
)
from app.plans import bp, services
from app.plans.answers import (
    own_employee,
    plan_context,
    plan_page,
    refused,
    visible_plan,
)
from app.plans.forms import (
    NewPlanForm,
    ReviewForm,
    TargetForm,
)
from app.plans.readiness import career_paths
from app.profile.services import (
    competency_standings,
    latest_by_competency,
)

# Pages ------------------------------------------------------------------------


@bp.get("/")
@login_required
def index():
    """List the signed-in employee's plans, the latest period first."""
    employee = own_employee()
    plans = services.plans_of(employee.id)
    today = local_today()
    taken = {plan.period for plan in plans}
    return render_template(
        "plans/index.html",
        employee=employee,
        plans=plans,
        progress=services.progress_by_plan([plan.id for plan in plans]),
        free_periods=[p for p in services.open_periods(today) if p not in taken],
        current_year=today.year,
    )


@bp.get("/paths")
@login_required
def paths():
    """Show the positions the employee could grow into next, readiest first."""
    employee = own_employee()
    found = career_paths(
        employee,
        catalogue.positions(standards=True),
        latest_by_competency(employee.id),
        local_today(),
    )
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
    periods = services.open_periods(local_today())
    if form.period.data is None:
        taken = {plan.period for plan in services.plans_of(employee.id)}
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
    if form.validate_on_submit():
        target = catalogue.position_by_code(form.target.data)
        if target is None:
            form.target.errors = [_("Choose a position from the catalogue.")]
        else:
            standings = competency_standings(
                employee, target.id, required_only=True, describe=False
            )
            try:
                plan = services.create_plan(
                    employee,
                    form.period.data,
                    target,
                    current_user,
                    standings,
                    local_today(),
                )
            except DomainError as error:
                refusal_on_form(form, error)
                return _new_page(employee, form, error.status)
            flash(
                _("Your plan for %(period)s is ready to fill in.", period=plan.period)
            )
            return redirect(url_for("plans.detail", plan_id=plan.id), 303)
    return _new_page(employee, form, 422)


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
        return render_template("plans/print.html", **plan_context(plan))


@bp.post("/<int:plan_id>/target")
@login_required
def update_target(plan_id: int):
    """Aim a draft or returned plan at another position."""
    plan = visible_plan(plan_id, owner=True)
    form = TargetForm()
    if form.validate_on_submit():
        target = catalogue.position_by_code(form.target.data)
        if target is None:
            form.target.errors = [_("Choose a position from the catalogue.")]
        else:
            try:
                services.change_target(plan, target, form.version.data, local_today())
            except DomainError as error:
                return refused(plan, error, form, "target", "plans/_target.html")
            flash(_("The target position is now %(name)s.", name=target.name))
            return redirect(url_for("plans.detail", plan_id=plan.id), 303)
    return plan_page(plan, 422, form=form, form_key="target")


# Review workflow ----------------------------------------------------------------


def _step(plan: CareerPlan, form, step, message: str):
    """Run a workflow step; the whole plan page answers (it all changes)."""
    if form.validate_on_submit():
        try:
            step()
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            flash(message, "success")
            return redirect(url_for("plans.detail", plan_id=plan.id), 303)
    return plan_page(plan, 422, form=form, form_key="workflow")


@bp.post("/<int:plan_id>/submit")
@login_required
def submit(plan_id: int):
    """Send the plan to the direct supervisor for review."""
    plan = visible_plan(plan_id, owner=True)
    form = ReviewForm()
    return _step(
        plan,
        form,
        lambda: services.submit(plan, form.version.data, current_user, local_today()),
        _("The plan was sent to your supervisor for review."),
    )


def _review(plan_id: int, decide, message: str):
    """Approve or return a subordinate's plan: ``decide`` is the service step."""
    plan = visible_plan(plan_id, reviewer=True)
    form = ReviewForm()

    def step():
        comment = form.comment.data or ""
        decide(plan, comment, form.version.data, current_user, local_today())

    return _step(plan, form, step, message)


@bp.post("/<int:plan_id>/approve")
@login_required
def approve(plan_id: int):
    """Approve a subordinate's submitted plan."""
    return _review(plan_id, services.approve, _("The plan is approved."))


@bp.post("/<int:plan_id>/return")
@login_required
def return_plan(plan_id: int):
    """Return a subordinate's submitted plan with a comment."""
    message = _("The plan was returned with your comment.")
    return _review(plan_id, services.return_plan, message)


@bp.get("/team")
@role_required(Role.SUPERVISOR)
def team():
    """List the direct subordinates' plans for a period, with status and progress."""
    today = local_today()
    period = _period_arg(today)
    status = _status_arg()
    people, plans = services.team_plans(
        current_user.employee_id, period, status, page_number()
    )
    ids = [plan.id for plan in plans.values()]
    context = {
        "people": people,
        "plans": plans,
        "progress": services.progress_by_plan(ids),
        "changes": services.changes_since_approval(ids),
        "period": period,
        "status": status,
        "periods": range(today.year + 1, today.year - 4, -1),
        "statuses": list(PlanStatus),
    }
    return page_or_partial(
        "plans/team.html", "plans/_team.html", target="team-plans", **context
    )


def _period_arg(today) -> int:
    value = whole_number(request.args.get("period", str(today.year)))
    if value is None or not 2000 <= value <= 2100:
        fail(400, _("The period must be a year."))
    return value


def _status_arg() -> PlanStatus | None:
    value = request.args.get("status") or None
    if value is not None and value not in {s.value for s in PlanStatus}:
        fail(400, _("Choose a status from the list."))
    return PlanStatus(value) if value else None
