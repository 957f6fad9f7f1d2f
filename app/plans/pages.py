"""The plan page and its parts, and the one way a change of a plan is answered.

A change answers htmx with the part of the page it changed plus the progress
summary (out of band); without JavaScript it redirects to the plan (303). A
refused change answers with its form and messages (422), a conflict with 409.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app import catalogue
from app.errors import DomainError, refusal_on_form
from app.htmx import saved_part, wants_partial
from app.i18n import local_today
from app.models import ActivityKind, ActivityStatus, CareerPlan
from app.plans.abilities import plan_abilities
from app.plans.progress import plan_progress, progress_of
from app.plans.queries import uncovered_gaps
from app.plans.readiness import readiness_for
from app.plans.services.plans import goal_title_for

GOALS = "plans/_goals.html"  # the goal list: goal changes answer with it
GOAL = "plans/_goal.html"  # one goal's card: activity changes answer with it


def plan_context(plan: CareerPlan, *, gaps: bool = True, **state) -> dict:
    """Everything the plan page and its parts show.

    ``gaps=False`` leaves out the gap to the target (two queries), which a single
    goal's card does not show.
    """
    today = local_today()
    abilities = plan_abilities(plan, current_user, today)
    context = {
        "plan": plan,
        "abilities": abilities,
        "progress": plan_progress(plan),
        "jp_target": catalogue.jp_target(plan.employee.employment_type),
        "progress_of": progress_of,
        "goal_title_for": goal_title_for,
        "kinds": list(ActivityKind),
        "statuses": list(ActivityStatus),
        "edit": None,
        "form": None,
        "form_key": None,
    }
    if gaps:
        readiness = readiness_for(plan.employee, plan.target_position, today)
        context["readiness"] = readiness
        context["standings"] = readiness.competencies
        context["uncovered"] = uncovered_gaps(plan, readiness.competencies)
    if abilities.can_edit_content:
        context["competencies"] = catalogue.competencies()
    if abilities.can_change_target:
        context["positions"] = catalogue.positions()
    context.update(state)
    return context


def plan_page(plan: CareerPlan, status: int = 200, **state):
    """The whole plan page; ``state`` names an open editor or a refused form.

    A plan of this year also shows the owner's JP this year against the target.
    """
    from app.opportunities.ledger import year_standing  # it reads the plans' area

    today = local_today()
    if plan.period == today.year:
        state["jp_standing"] = year_standing(plan.employee, today)
    return render_template("plans/detail.html", **plan_context(plan, **state)), status


def plan_part(
    plan: CareerPlan, fragment: str, status: int = 200, oob=True, saved=None, **state
):
    """A part of the plan page; after a change also the summary and history.

    ``saved`` is the message of a saved change, shown by jenjang.js.
    """
    context = plan_context(plan, gaps=fragment != GOAL, **state)
    body = render_template("plans/_changed.html", fragment=fragment, oob=oob, **context)
    return saved_part(body, saved, status)


def answer_change(plan: CareerPlan, fragment: str, anchor: str, message: str, **state):
    """The answer to a saved change: the part (htmx) or the plan page (303)."""
    if wants_partial():
        return plan_part(plan, fragment, goal=state.get("goal"), saved=message)
    flash(message, "success")
    return redirect(url_for("plans.detail", plan_id=plan.id, _anchor=anchor), 303)


def refused(plan, error: DomainError, form, form_key: str, fragment: str, **state):
    """A refused change: the form again with its messages, or the conflict."""
    refusal_on_form(form, error)
    return invalid(plan, form, form_key, fragment, **state)


def invalid(plan, form, form_key: str, fragment: str, **state):
    """A form that did not validate: its part again (htmx) or the page, 422."""
    if wants_partial():
        return plan_part(plan, fragment, 422, form=form, form_key=form_key, **state)
    return plan_page(plan, 422, form=form, form_key=form_key, **state)


def apply_change(plan, form, form_key: str, fragment: str, change, message, **state):
    """Validate ``form``, run ``change()`` and answer with what it changed.

    ``change`` returns the anchor to show on the plan page after a redirect.
    """
    if not form.validate_on_submit():
        return invalid(plan, form, form_key, fragment, **state)
    try:
        anchor = change()
    except DomainError as error:
        return refused(plan, error, form, form_key, fragment, **state)
    return answer_change(plan, fragment, anchor, message, **state)


def open_editor(plan: CareerPlan, key: str, fragment: str, **state):
    """Open one goal or activity for editing: its part, or the page around it."""
    if wants_partial():
        return plan_part(plan, fragment, oob=False, edit=key, **state)
    return plan_page(plan, edit=key, **state)
