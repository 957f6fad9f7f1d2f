"""Browsing opportunities: everyone's list (search as one types, filters, the
recommendations for one's plan) and the opportunity page with its kind's panel."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_login import current_user, login_required

from app import audit
from app.htmx import page_or_partial, wants_partial
from app.i18n import local_today
from app.main.urls import filter_url, page_number
from app.opportunities import bp
from app.opportunities.abilities import visible_opportunity
from app.opportunities.forms import KINDS, BrowseFilterForm
from app.opportunities.panels import panel_for
from app.opportunities.queries import recommendations, search_published
from app.opportunities.services.publishing import SUBJECT

HISTORY = "opportunities/_history.html"


@bp.get("/opportunities")
@login_required
def index():
    """Published opportunities, soonest closing first (or the closed ones), with
    those that help one's plan most at the top."""
    form = BrowseFilterForm(request.args)
    today = local_today()
    status, results = 200, None
    if form.validate():
        results = search_published(
            form.q.data or "",
            form.opportunity_kind,
            form.closed,
            form.page_number,
            current_app.config["DIRECTORY_PAGE_SIZE"],
        )
    else:
        status = 400
    context = {"form": form, "results": results, "kinds": KINDS, "today": today}
    if not wants_partial("opportunity-results") and current_user.employee_id:
        context["recommended"] = recommendations(current_user.employee_id, today)
    return page_or_partial(
        "opportunities/index.html",
        "opportunities/_results.html",
        context,
        status=status,
        target="opportunity-results",
        push_url=filter_url("opportunities.index", form),
    )


def history_context(opportunity, page: int = 1) -> dict:
    """One page of the opportunity's audit events (HR's view of it)."""
    return {
        "opportunity": opportunity,
        "history": audit.events_of(SUBJECT, opportunity.id, page),
        "changes": audit.changes,
        "actor_name": audit.actor_name,
    }


@bp.get("/opportunities/<int:opportunity_id>")
@login_required
def detail(opportunity_id: int):
    """One opportunity: its fields, its kind's panel and, for HR, the actions
    and the history of its changes."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    page = page_number()
    if current_user.is_hr and wants_partial("opportunity-history"):
        return render_template(HISTORY, **history_context(opportunity, page))
    panel = panel_for(opportunity, current_user, local_today())
    return render_template(
        "opportunities/detail.html", **detail_context(opportunity, panel, page)
    )


def detail_context(opportunity, panel: dict, page: int = 1) -> dict:
    """The opportunity page's context around its kind's panel (whose template
    reads its context as the page's own variables), with HR's history."""
    context = {**panel, "panel": panel, "opportunity": opportunity}
    context["today"] = local_today()
    if current_user.is_hr:
        context.update(history_context(opportunity, page))
    return context
