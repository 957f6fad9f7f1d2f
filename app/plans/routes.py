"""Career plans: paths, the plan page with in-place editing, and the review.

Changes answer htmx with the part of the page they changed plus the progress
summary (out of band); without JavaScript they redirect to the plan (303).
"""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_htmx import make_response
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import Role, can_read_plan, owns_plan, reviews_plan, role_required
from app.errors import fail
from app.extensions import db, htmx
from app.i18n import local_today
from app.main.urls import page_number
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    Competency,
    PlanStatus,
    Position,
)
from app.plans import services
from app.plans.forms import (
    ActivityForm,
    GoalForm,
    MoveForm,
    NewPlanForm,
    ReviewForm,
    StatusForm,
    TargetForm,
    VersionedForm,
)
from app.plans.readiness import all_positions, career_paths, readiness_for
from app.plans.services import PlanConflict, PlanError
from app.profile.services import (
    competency_standings,
    latest_by_competency,
    load_employee,
)

bp = Blueprint("plans", __name__, url_prefix="/plans")


# Loading and checking ---------------------------------------------------------


def _own_employee():
    """The signed-in user's employee record; 404 for staff-only logins."""
    employee = (
        load_employee(current_user.employee_id) if current_user.employee_id else None
    )
    if employee is None:
        abort(404)
    return employee


def _plan(plan_id: int, *, owner: bool = False, reviewer: bool = False):
    """The plan if the user may read it (404 otherwise) and act as asked (403)."""
    plan = services.load_plan(plan_id)
    if plan is None or not can_read_plan(current_user, plan):
        abort(404)
    if owner and not owns_plan(current_user, plan):
        abort(403)
    if reviewer and not reviews_plan(current_user, plan):
        abort(403)
    return plan


def _goal(plan: CareerPlan, goal_id: int):
    goal = next((g for g in plan.goals if g.id == goal_id), None)
    if goal is None:
        abort(404)
    return goal


def _activity(plan: CareerPlan, activity_id: int):
    for goal in plan.goals:
        for activity in goal.activities:
            if activity.id == activity_id:
                return activity
    abort(404)


def _position(code: str | None) -> Position | None:
    if not code:
        return None
    return db.session.scalars(select(Position).where(Position.code == code)).first()


def _goal_fields(form: GoalForm) -> services.GoalFields:
    competency = None
    if form.competency.data:
        competency = db.session.scalars(
            select(Competency).where(Competency.code == form.competency.data)
        ).first()
        if competency is None:
            raise PlanError(
                _("Choose a competency from the dictionary."), field="competency"
            )
    return services.GoalFields(
        title=form.title.data,
        competency=competency,
        target_level=form.target_level.data,
        note=form.note.data or "",
    )


def _activity_fields(form: ActivityForm) -> services.ActivityFields:
    return services.ActivityFields(
        kind=ActivityKind(form.kind.data),
        title=form.title.data,
        planned_jp=form.planned_jp.data,
        due_date=form.due_date.data,
        status=ActivityStatus(form.status.data),
        evidence=form.evidence.data or "",
    )


# Rendering --------------------------------------------------------------------


def _context(plan: CareerPlan, **state) -> dict:
    """Everything the plan page and its parts show."""
    standings = competency_standings(
        plan.employee, plan.target_position_id, required_only=True, describe=False
    )
    today = local_today()
    owner = owns_plan(current_user, plan)
    is_open = plan.period >= today.year
    context = {
        "plan": plan,
        "standings": standings,
        "readiness": readiness_for(
            plan.employee, plan.target_position, {}, today, standings
        ),
        "progress": services.plan_progress(plan),
        "uncovered": services.uncovered_gaps(plan, standings),
        "can_edit": owner and is_open,
        "can_edit_content": owner
        and is_open
        and plan.status is not PlanStatus.SUBMITTED,
        "can_review": reviews_plan(current_user, plan)
        and is_open
        and plan.status is PlanStatus.SUBMITTED,
        "jp_target": services.JP_TARGET,
        "current_year": today.year,
        "progress_of": services.progress_of,
        "goal_title_for": services.goal_title_for,
        "kinds": list(ActivityKind),
        "statuses": list(ActivityStatus),
        "edit": None,
        "form": None,
        "form_key": None,
    }
    if context["can_edit_content"]:
        context["competencies"] = db.session.scalars(
            select(Competency).order_by(Competency.code)
        ).all()
    if context["can_edit"] and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        context["positions"] = db.session.scalars(
            select(Position).order_by(Position.name)
        ).all()
    context.update(state)
    return context


def _page(plan: CareerPlan, status: int = 200, **state):
    return render_template("plans/detail.html", **_context(plan, **state)), status


def _part(plan: CareerPlan, fragment: str, status: int = 200, oob=True, **state):
    """A part of the plan page; after a change also the summary and history."""
    context = _context(plan, **state)
    body = render_template("plans/_changed.html", fragment=fragment, oob=oob, **context)
    return make_response(body, status)


def _changed(plan: CareerPlan, fragment: str, anchor: str, message: str, **state):
    """The answer to a saved change: the part (htmx) or the plan page (303)."""
    if htmx and not htmx.boosted:
        response = _part(plan, fragment, goal=state.get("goal"))
        response.headers["HX-Trigger"] = _trigger(message)
        return response
    flash(message, "success")
    return redirect(url_for("plans.detail", plan_id=plan.id, _anchor=anchor), 303)


def _trigger(message: str) -> str:
    return json.dumps({"jenjang:saved": message})


def _refused(plan, error: PlanError, form, form_key: str, fragment: str, **state):
    """A refused change: the form again with its messages, or the conflict."""
    if isinstance(error, PlanConflict):
        fail(409, error.message)
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
    return _invalid(plan, form, form_key, fragment, **state)


def _invalid(plan, form, form_key: str, fragment: str, **state):
    if htmx and not htmx.boosted:
        return _part(plan, fragment, 422, form=form, form_key=form_key, **state)
    return _page(plan, 422, form=form, form_key=form_key, **state)


def _apply(plan, form, form_key: str, fragment: str, change, message, **state):
    """Validate ``form``, run ``change()`` and answer with what it changed.

    ``change`` returns the anchor to show on the plan page after a redirect.
    """
    if not form.validate_on_submit():
        return _invalid(plan, form, form_key, fragment, **state)
    try:
        anchor = change()
    except PlanError as error:
        return _refused(plan, error, form, form_key, fragment, **state)
    return _changed(plan, fragment, anchor, message, **state)


def _edit(plan: CareerPlan, key: str, fragment: str, **state):
    """Open one goal or activity for editing: its part, or the page around it."""
    if htmx and not htmx.boosted:
        return _part(plan, fragment, oob=False, edit=key, **state)
    return _page(plan, edit=key, **state)


# Pages ------------------------------------------------------------------------


@bp.get("/")
@login_required
def index():
    """List the signed-in employee's plans, the latest period first."""
    employee = _own_employee()
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
    employee = _own_employee()
    found = career_paths(
        employee, all_positions(), latest_by_competency(employee.id), local_today()
    )
    return render_template("plans/paths.html", employee=employee, found=found)


@bp.get("/new")
@login_required
def new():
    """Show the form for a new plan, a target position preselected if given."""
    employee = _own_employee()
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
        positions=all_positions(),
    ), status


@bp.post("/")
@login_required
def create():
    """Create a plan for a period and target, with goals proposed for each gap."""
    employee = _own_employee()
    form = NewPlanForm()
    if form.validate_on_submit():
        target = _position(form.target.data)
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
            except PlanError as error:
                form.period.errors = [*form.period.errors, error.message]
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
    return _page(_plan(plan_id))


@bp.get("/<int:plan_id>/print")
@login_required
def print_view(plan_id: int):
    """A clean printable page of the plan, in Indonesian unless asked otherwise."""
    plan = _plan(plan_id)
    language = request.args.get("lang", "id")
    if language not in current_app.config["LANGUAGES"]:
        fail(400, _("Choose Indonesian (id) or English (en)."))
    with force_locale(language):
        return render_template("plans/print.html", **_context(plan))


@bp.post("/<int:plan_id>/target")
@login_required
def update_target(plan_id: int):
    """Aim a draft or returned plan at another position."""
    plan = _plan(plan_id, owner=True)
    form = TargetForm()
    if form.validate_on_submit():
        target = _position(form.target.data)
        if target is None:
            form.target.errors = [_("Choose a position from the catalogue.")]
        else:
            try:
                services.change_target(plan, target, form.version.data, local_today())
            except PlanError as error:
                return _refused(plan, error, form, "target", "plans/_target.html")
            flash(_("The target position is now %(name)s.", name=target.name))
            return redirect(url_for("plans.detail", plan_id=plan.id), 303)
    return _page(plan, 422, form=form, form_key="target")


# Goals --------------------------------------------------------------------------

GOALS = "plans/_goals.html"
GOAL = "plans/_goal.html"


@bp.post("/<int:plan_id>/goals")
@login_required
def create_goal(plan_id: int):
    """Add a goal: a competency to raise, or a free aim."""
    plan = _plan(plan_id, owner=True)
    form = GoalForm()

    def change():
        goal = services.add_goal(
            plan, _goal_fields(form), form.version.data, current_user, local_today()
        )
        return f"goal-{goal.id}"

    return _apply(plan, form, "goal-new", GOALS, change, _("Goal added."))


@bp.get("/<int:plan_id>/goals/<int:goal_id>/edit")
@login_required
def edit_goal(plan_id: int, goal_id: int):
    """Show a goal's edit form in place."""
    plan = _plan(plan_id, owner=True)
    goal = _goal(plan, goal_id)
    return _edit(plan, f"goal-{goal.id}", GOAL, goal=goal)


@bp.post("/<int:plan_id>/goals/<int:goal_id>")
@login_required
def update_goal(plan_id: int, goal_id: int):
    """Save a goal's title, competency, target level and note."""
    plan = _plan(plan_id, owner=True)
    goal = _goal(plan, goal_id)
    form = GoalForm()

    def change():
        fields = _goal_fields(form)
        services.update_goal(
            plan, goal, fields, form.version.data, current_user, local_today()
        )
        return f"goal-{goal.id}"

    return _apply(plan, form, f"goal-{goal.id}", GOALS, change, _("Goal saved."))


@bp.post("/<int:plan_id>/goals/<int:goal_id>/delete")
@login_required
def delete_goal(plan_id: int, goal_id: int):
    """Remove a goal with its activities."""
    plan = _plan(plan_id, owner=True)
    goal = _goal(plan, goal_id)
    form = VersionedForm()

    def change():
        services.remove_goal(plan, goal, form.version.data, current_user, local_today())
        return "goals"

    return _apply(plan, form, "goals", GOALS, change, _("Goal removed."))


@bp.post("/<int:plan_id>/goals/<int:goal_id>/move")
@login_required
def move_goal(plan_id: int, goal_id: int):
    """Move a goal one place up or down."""
    plan = _plan(plan_id, owner=True)
    goal = _goal(plan, goal_id)
    form = MoveForm()

    def change():
        direction = form.direction.data
        services.move_goal(plan, goal, direction, form.version.data, local_today())
        return f"goal-{goal.id}"

    return _apply(plan, form, "goals", GOALS, change, _("Goal moved."))


# Activities ---------------------------------------------------------------------


@bp.post("/<int:plan_id>/goals/<int:goal_id>/activities")
@login_required
def create_activity(plan_id: int, goal_id: int):
    """Add a development activity to a goal."""
    plan = _plan(plan_id, owner=True)
    goal = _goal(plan, goal_id)
    form = ActivityForm()

    def change():
        activity = services.add_activity(
            plan,
            goal,
            _activity_fields(form),
            form.version.data,
            current_user,
            local_today(),
        )
        return f"activity-{activity.id}"

    key = f"activity-new-{goal.id}"
    return _apply(plan, form, key, GOAL, change, _("Activity added."), goal=goal)


@bp.get("/<int:plan_id>/activities/<int:activity_id>/edit")
@login_required
def edit_activity(plan_id: int, activity_id: int):
    """Show an activity's edit form in place."""
    plan = _plan(plan_id, owner=True)
    activity = _activity(plan, activity_id)
    key = f"activity-{activity.id}"
    return _edit(plan, key, GOAL, goal=activity.goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>")
@login_required
def update_activity(plan_id: int, activity_id: int):
    """Save an activity's kind, title, JP, due date, status and evidence."""
    plan = _plan(plan_id, owner=True)
    activity = _activity(plan, activity_id)
    form = ActivityForm()

    def change():
        services.update_activity(
            plan,
            activity,
            _activity_fields(form),
            form.version.data,
            current_user,
            local_today(),
        )
        return f"activity-{activity.id}"

    key = f"activity-{activity.id}"
    message = _("Activity saved.")
    return _apply(plan, form, key, GOAL, change, message, goal=activity.goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>/status")
@login_required
def set_status(plan_id: int, activity_id: int):
    """Record progress on an activity: its status and evidence."""
    plan = _plan(plan_id, owner=True)
    activity = _activity(plan, activity_id)
    form = StatusForm()

    def change():
        services.set_activity_status(
            plan,
            activity,
            ActivityStatus(form.status.data),
            form.evidence.data if "evidence" in request.form else None,
            form.version.data,
            local_today(),
        )
        return f"activity-{activity.id}"

    key = f"status-{activity.id}"
    message = _("Status saved.")
    return _apply(plan, form, key, GOAL, change, message, goal=activity.goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>/delete")
@login_required
def delete_activity(plan_id: int, activity_id: int):
    """Remove an activity."""
    plan = _plan(plan_id, owner=True)
    activity = _activity(plan, activity_id)
    goal = activity.goal
    form = VersionedForm()

    def change():
        services.remove_activity(
            plan, activity, form.version.data, current_user, local_today()
        )
        return f"goal-{goal.id}"

    message = _("Activity removed.")
    return _apply(plan, form, f"goal-{goal.id}", GOAL, change, message, goal=goal)


@bp.post("/<int:plan_id>/activities/<int:activity_id>/move")
@login_required
def move_activity(plan_id: int, activity_id: int):
    """Move an activity one place up or down within its goal."""
    plan = _plan(plan_id, owner=True)
    activity = _activity(plan, activity_id)
    form = MoveForm()

    def change():
        direction = form.direction.data
        services.move_activity(
            plan, activity, direction, form.version.data, local_today()
        )
        return f"activity-{activity.id}"

    message = _("Activity moved.")
    goal = activity.goal
    return _apply(plan, form, f"goal-{goal.id}", GOAL, change, message, goal=goal)


# Review workflow ----------------------------------------------------------------


def _step(plan: CareerPlan, form, step, message: str):
    """Run a workflow step; the whole plan page answers (it all changes)."""
    if form.validate_on_submit():
        try:
            step()
        except PlanError as error:
            if isinstance(error, PlanConflict):
                fail(409, error.message)
            form.form_errors.append(error.message)
        else:
            flash(message, "success")
            return redirect(url_for("plans.detail", plan_id=plan.id), 303)
    return _page(plan, 422, form=form, form_key="workflow")


@bp.post("/<int:plan_id>/submit")
@login_required
def submit(plan_id: int):
    """Send the plan to the direct supervisor for review."""
    plan = _plan(plan_id, owner=True)
    form = ReviewForm()
    return _step(
        plan,
        form,
        lambda: services.submit(plan, form.version.data, current_user, local_today()),
        _("The plan was sent to your supervisor for review."),
    )


@bp.post("/<int:plan_id>/approve")
@login_required
def approve(plan_id: int):
    """Approve a subordinate's submitted plan."""
    plan = _plan(plan_id, reviewer=True)
    form = ReviewForm()
    return _step(
        plan,
        form,
        lambda: services.approve(
            plan,
            form.comment.data or "",
            form.version.data,
            current_user,
            local_today(),
        ),
        _("The plan is approved."),
    )


@bp.post("/<int:plan_id>/return")
@login_required
def return_plan(plan_id: int):
    """Return a subordinate's submitted plan with a comment."""
    plan = _plan(plan_id, reviewer=True)
    form = ReviewForm()
    return _step(
        plan,
        form,
        lambda: services.return_plan(
            plan,
            form.comment.data or "",
            form.version.data,
            current_user,
            local_today(),
        ),
        _("The plan was returned with your comment."),
    )


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
    if htmx.target == "team-plans":
        return render_template("plans/_team.html", **context)
    return render_template("plans/team.html", **context)


def _period_arg(today) -> int:
    value = request.args.get("period", str(today.year))
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        fail(400, _("The period must be a year."))
    return int(value)


def _status_arg() -> PlanStatus | None:
    value = request.args.get("status") or None
    if value is not None and value not in {s.value for s in PlanStatus}:
        fail(400, _("Choose a status from the list."))
    return PlanStatus(value) if value else None
