"""HR's opportunities: the list (drafts included), drafting and changing one,
publishing and closing it. Every change is recorded in the audit trail and
names the version of the opportunity its page showed."""

from __future__ import annotations

from flask import abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import catalogue
from app.access import Role, role_required
from app.errors import Conflict, DomainError, fail, refusal_on_form
from app.extensions import db
from app.htmx import go_to, page_or_partial
from app.i18n import local_today
from app.main.urls import filter_url
from app.models import Opportunity, OpportunityKind, OpportunityStatus, TrainingMode
from app.opportunities import bp
from app.opportunities.abilities import load_opportunity
from app.opportunities.forms import (
    KINDS,
    ManageFilterForm,
    OpportunityForm,
    StepForm,
    form_data,
)
from app.opportunities.queries import search_managed
from app.opportunities.services import publishing

FORM_PAGE = "opportunities/manage/form.html"


@bp.get("/hr/opportunities")
@role_required(Role.HR)
def manage():
    """Every opportunity, drafts first: searched as one types, by kind and status."""
    form = ManageFilterForm(request.args)
    status, results = 200, None
    if form.validate():
        results = search_managed(
            form.q.data or "",
            form.opportunity_kind,
            form.opportunity_status,
            form.page_number,
            current_app.config["DIRECTORY_PAGE_SIZE"],
        )
    else:
        status = 400
    return page_or_partial(
        "opportunities/manage/index.html",
        "opportunities/manage/_results.html",
        {
            "form": form,
            "results": results,
            "kinds": KINDS,
            "statuses": list(OpportunityStatus),
        },
        status=status,
        target="manage-results",
        push_url=filter_url("opportunities.manage", form),
    )


def _kind(kind: str) -> OpportunityKind:
    if kind not in KINDS:
        abort(404)
    return OpportunityKind(kind)


def _managed(opportunity_id: int) -> Opportunity:
    opportunity = load_opportunity(opportunity_id)
    if opportunity is None:
        abort(404)
    return opportunity


def _form_page(form: OpportunityForm, opportunity: Opportunity | None, status=200):
    return render_template(
        FORM_PAGE,
        form=form,
        kind=form.kind,
        opportunity=opportunity,
        modes=list(TrainingMode),
        competencies=catalogue.competencies(),
        positions=catalogue.positions(),
    ), status


def _save(form: OpportunityForm, opportunity: Opportunity | None, save):
    """Validate, run ``save()`` (it returns the opportunity and a message) and
    move on to the opportunity; a refusal comes back on the form (422)."""
    if not form.validate_on_submit():
        return _form_page(form, opportunity, 422)
    try:
        saved, message = save()
    except DomainError as error:
        db.session.rollback()
        refusal_on_form(form, error)  # a conflict stops here with 409
        return _form_page(form, opportunity, 422)
    return go_to(url_for("opportunities.detail", opportunity_id=saved.id), message)


@bp.get("/hr/opportunities/new/<kind>")
@role_required(Role.HR)
def new(kind: str):
    """An empty form for a training, a vacancy or an announcement."""
    form = OpportunityForm(kind=_kind(kind), today=local_today())
    return _form_page(form, None)


@bp.post("/hr/opportunities/new/<kind>")
@role_required(Role.HR)
def create(kind: str):
    """Save a new opportunity as a draft."""
    today = local_today()
    form = OpportunityForm(kind=_kind(kind), today=today)

    def save():
        made = publishing.create(form.kind, form.fields(), current_user, today)
        return made, _("Draft saved. Publish it when it is ready.")

    return _save(form, None, save)


@bp.get("/hr/opportunities/<int:opportunity_id>/edit")
@role_required(Role.HR)
def edit(opportunity_id: int):
    """The opportunity's form, filled in."""
    opportunity = _managed(opportunity_id)
    form = OpportunityForm(
        data=form_data(opportunity), kind=opportunity.kind, today=local_today()
    )
    return _form_page(form, opportunity)


@bp.post("/hr/opportunities/<int:opportunity_id>")
@role_required(Role.HR)
def update(opportunity_id: int):
    """Save the changes, if the opportunity is still as the page showed it."""
    opportunity = _managed(opportunity_id)
    today = local_today()
    form = OpportunityForm(kind=opportunity.kind, today=today)

    def save():
        changed = publishing.change(
            opportunity,
            form.fields(),
            form.version.data,
            current_user,
            today,
            form.reason.data or "",
        )
        return opportunity, _("Changes saved.") if changed else _("Nothing changed.")

    return _save(form, opportunity, save)


def _step(opportunity_id: int, step, message: str):
    opportunity = _managed(opportunity_id)
    form = StepForm()
    if not form.validate_on_submit():
        if form.version.errors:
            raise Conflict(publishing.STALE)
        fail(422, next(iter(form.errors.values()))[0])
    step(opportunity, form)
    return go_to(
        url_for("opportunities.detail", opportunity_id=opportunity.id), message
    )


@bp.post("/hr/opportunities/<int:opportunity_id>/publish")
@role_required(Role.HR)
def publish(opportunity_id: int):
    """Publish a draft: everyone sees it, those it matches are notified."""
    return _step(
        opportunity_id,
        lambda opportunity, form: publishing.publish(
            opportunity, form.version.data, current_user, local_today()
        ),
        _("Published. The employees it matches have been notified."),
    )


@bp.post("/hr/opportunities/<int:opportunity_id>/close")
@role_required(Role.HR)
def close(opportunity_id: int):
    """Close a published opportunity; it stays listed for the record."""
    return _step(
        opportunity_id,
        lambda opportunity, form: publishing.close(
            opportunity, form.version.data, current_user, form.reason.data or ""
        ),
        _("Closed. It stays listed for the record."),
    )
