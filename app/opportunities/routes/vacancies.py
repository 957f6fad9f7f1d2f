"""Views of a vacancy for an employee: applying, withdrawing, and adding the
goals that close the gaps to one's plan.

Each answers htmx with the vacancy's panel in place (with the saved message),
and without JavaScript with a 303 to the opportunity's page; a refusal shows the
panel with its message (422, or 409 when the state forbids it).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.access import own_employee
from app.errors import DomainError, refusal_on_form
from app.htmx import page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.models import ApplicationStatus, Opportunity
from app.opportunities import bp
from app.opportunities.abilities import visible_opportunity
from app.opportunities.routes.browse import detail_context
from app.opportunities.services import applications
from app.opportunities.vacancy_forms import ApplyForm
from app.opportunities.vacancy_panel import vacancy_panel
from app.plans.queries import current_plans

PAGE = "opportunities/detail.html"
PANEL = "opportunities/vacancy/_panel.html"
VACANCY = "/opportunities/<int:opportunity_id>"


def _context(opportunity: Opportunity, form: ApplyForm | None = None) -> dict:
    panel = vacancy_panel(opportunity, current_user, local_today(), form)
    return detail_context(opportunity, panel)


def _refused(opportunity: Opportunity, form: ApplyForm, status: int):
    """The panel with the form's messages: in place, or the whole page."""
    return page_or_partial(PAGE, PANEL, _context(opportunity, form), status=status)


def _done(opportunity: Opportunity, message: str):
    """A change is kept: the panel in place with the message, or a 303."""
    if wants_partial():
        body = render_template(PANEL, **_context(opportunity))
        return saved_part(body, message)
    flash(message, "success")
    url = url_for("opportunities.detail", opportunity_id=opportunity.id)
    return redirect(url, 303)


@bp.post(f"{VACANCY}/apply")
@login_required
def apply(opportunity_id: int):
    """Apply for a vacancy with a short motivation."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    employee = own_employee()
    form = ApplyForm()
    if not form.validate_on_submit():
        return _refused(opportunity, form, 422)
    try:
        applications.apply(opportunity, employee, form.motivation.data, local_today())
    except DomainError as error:
        refusal_on_form(form, error)
        return _refused(opportunity, form, error.status)
    return _done(opportunity, _("Your application is sent."))


@bp.post(f"{VACANCY}/withdraw")
@login_required
def withdraw_application(opportunity_id: int):
    """Take back one's application before applications close."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    employee = own_employee()
    found = applications.application_of(opportunity.id, employee.id)
    if found is None or found.status is ApplicationStatus.WITHDRAWN:
        abort(404)
    applications.withdraw(opportunity, found, local_today())
    return _done(opportunity, _("Your application is withdrawn."))


@bp.post(f"{VACANCY}/plan-goals")
@login_required
def add_gap_goals(opportunity_id: int):
    """Add the goals that would close the gaps to the vacancy to one's plan."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    employee = own_employee()
    today = local_today()
    plan = current_plans([employee.id], today.year).get(employee.id)
    added = applications.add_gap_goals(opportunity, employee, plan, current_user, today)
    message = ngettext(
        "%(num)d goal added to your plan.", "%(num)d goals added to your plan.", added
    )
    return _done(opportunity, message)
