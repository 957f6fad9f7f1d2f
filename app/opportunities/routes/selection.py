"""HR's selection of a vacancy: the applicants ranked by the published merit
score, a decision per applicant with its reason, and closing the selection.

Only HR opens these pages (404 for anyone else); an officer never decides on
their own application (403). A decision answers htmx with the list in place and
without JavaScript with a 303; a refused one shows the list with its message.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.errors import DomainError, fail, refusal_on_form
from app.extensions import db
from app.htmx import page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.models import Application, Opportunity
from app.opportunities import bp
from app.opportunities.abilities import visible_opportunity
from app.opportunities.ranking import rank_applicants
from app.opportunities.services import selection
from app.opportunities.vacancy_forms import DecisionForm

APPLICANTS = "/hr/opportunities/<int:opportunity_id>/applicants"
PAGE = "opportunities/vacancy/applicants.html"
LIST = "opportunities/vacancy/_applicants.html"


def _hr_vacancy(opportunity_id: int) -> Opportunity:
    """The vacancy, for HR; 404 for anyone else and for any other kind."""
    if not current_user.is_hr:
        abort(404)
    vacancy = visible_opportunity(current_user, opportunity_id)
    if not vacancy.is_vacancy:
        abort(404)
    return vacancy


def _context(vacancy: Opportunity, forms: dict | None = None) -> dict:
    today = local_today()
    return {
        "vacancy": vacancy,
        "ranking": rank_applicants(vacancy, today, eligibility=True),
        "refusal": selection.decision_refusal(vacancy, today),
        "forms": forms or {},
        "me": current_user.employee_id,
    }


def _done(vacancy: Opportunity, message: str):
    if wants_partial():
        return saved_part(render_template(LIST, **_context(vacancy)), message)
    flash(message, "success")
    return redirect(url_for("opportunities.applicants", opportunity_id=vacancy.id), 303)


@bp.get(APPLICANTS)
@login_required
def applicants(opportunity_id: int):
    """Show a vacancy's applicants ranked, with the decisions."""
    vacancy = _hr_vacancy(opportunity_id)
    return page_or_partial(PAGE, LIST, _context(vacancy), target="applicants")


@bp.post(f"{APPLICANTS}/<int:application_id>/decision")
@login_required
def decide(opportunity_id: int, application_id: int):
    """Record the decision on one applicant, with its reason."""
    vacancy = _hr_vacancy(opportunity_id)
    application = db.session.get(Application, application_id)
    if application is None or application.opportunity_id != vacancy.id:
        abort(404)
    if selection.own_application(current_user, application):
        fail(403, _("Another officer decides on your own application."))
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            selection.decide(
                vacancy,
                application,
                form.status(),
                form.reason.data,
                current_user,
                local_today(),
            )
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            return _done(vacancy, _("The decision is recorded."))
    context = _context(vacancy, {application.id: form})
    return page_or_partial(PAGE, LIST, context, status=422)


@bp.post("/hr/opportunities/<int:opportunity_id>/selection/close")
@login_required
def close_selection(opportunity_id: int):
    """Close the selection: keep each score and rank, tell the applicants."""
    vacancy = _hr_vacancy(opportunity_id)
    selection.close_selection(vacancy, current_user, local_today())
    return _done(vacancy, _("The selection is closed and the applicants are told."))
