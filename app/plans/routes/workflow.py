"""The review workflow: the team's plans, submitting, approving, returning."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import Role, role_required
from app.errors import DomainError, fail, refusal_on_form
from app.forms import whole_number
from app.htmx import page_or_partial
from app.i18n import local_today
from app.main.urls import page_number
from app.models import CareerPlan, PlanStatus
from app.plans import bp
from app.plans.forms import ReviewForm
from app.plans.guards import visible_plan
from app.plans.pages import plan_page
from app.plans.progress import progress_by_plan
from app.plans.queries import changes_since_approval, team_plans
from app.plans.services import workflow


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
        lambda: workflow.submit(plan, form.version.data, current_user, local_today()),
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
    return _review(plan_id, workflow.approve, _("The plan is approved."))


@bp.post("/<int:plan_id>/return")
@login_required
def return_plan(plan_id: int):
    """Return a subordinate's submitted plan with a comment."""
    message = _("The plan was returned with your comment.")
    return _review(plan_id, workflow.return_plan, message)


@bp.get("/team")
@role_required(Role.SUPERVISOR)
def team():
    """List the direct subordinates' plans for a period, with status and progress."""
    today = local_today()
    period = _period_arg(today)
    status = _status_arg()
    people, plans = team_plans(current_user.employee_id, period, status, page_number())
    ids = [plan.id for plan in plans.values()]
    context = {
        "people": people,
        "plans": plans,
        "progress": progress_by_plan(ids),
        "changes": changes_since_approval(ids),
        "period": period,
        "chosen_status": status,
        "periods": range(today.year + 1, today.year - 4, -1),
        "statuses": list(PlanStatus),
    }
    return page_or_partial(
        "plans/team.html", "plans/_team.html", context, target="team-plans"
    )


def _period_arg(today) -> int:
    """The period asked for (this year by default); 400 for anything but a year."""
    value = whole_number(request.args.get("period", str(today.year)))
    if value is None or not 2000 <= value <= 2100:
        fail(400, _("The period must be a year."))
    return value


def _status_arg() -> PlanStatus | None:
    """The plan status asked for, None for all; 400 for an unknown one."""
    value = request.args.get("status") or None
    if value is not None and value not in {s.value for s in PlanStatus}:
        fail(400, _("Choose a status from the list."))
    return PlanStatus(value) if value else None
