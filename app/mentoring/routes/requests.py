"""Asking a mentor: why they fit, the request form, withdrawing a request."""

from __future__ import annotations

from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import own_employee
from app.errors import DomainError, refusal_on_form
from app.htmx import go_to, page_or_partial, wants_partial
from app.i18n import local_today
from app.mentoring import bp, queries, suggest
from app.mentoring.forms import RequestForm
from app.mentoring.services import requests
from app.models import MentorshipRequest
from app.plans.queries import current_plans
from app.profile.services import load_employee


@bp.get("/mentors/<int:mentor_id>/request")
@login_required
def new_request(mentor_id: int):
    """Show why a mentor fits, and the form to ask them."""
    return _request_page(own_employee(), mentor_id, RequestForm(formdata=None))


@bp.post("/mentors/<int:mentor_id>/request")
@login_required
def create_request(mentor_id: int):
    """Send a mentoring request with a message and the plan goals it concerns."""
    employee = own_employee()
    form = RequestForm()
    if form.validate_on_submit():
        try:
            sent = requests.send_request(
                employee,
                mentor_id,
                form.message.data or "",
                form.goals.data,
                current_user,
                local_today(),
            )
        except DomainError as error:
            refusal_on_form(form, error)
            return _request_page(employee, mentor_id, form, error.status)
        message = _("Request sent to %(name)s.", name=sent.mentor.display_name)
        return go_to(url_for("mentoring.index"), message)
    return _request_page(employee, mentor_id, form, 422)


def _request_page(employee, mentor_id: int, form, status: int = 200):
    """The request page; when the mentor cannot be asked, the reason instead.

    A mentor id that is nobody's is 404; anyone else who may not be asked gets
    the refusal in place of the form (422, or 409 when the state forbids it).
    """
    today = local_today()
    context = {"form": form, "refusal": None, "fit": None}
    try:
        context["profile"] = requests.requestable(employee, mentor_id)
    except DomainError as error:
        context["refusal"], context["profile"] = error.message, None
        status = max(status, error.status)
    context["plan"] = current_plans([employee.id], today.year).get(employee.id)
    if context["profile"] is not None:
        context["fit"] = suggest.fit_for(employee, mentor_id, today, context["plan"])
    fit = context["fit"]
    context["mentor"] = fit.mentor if fit else load_employee(mentor_id)
    if context["mentor"] is None:
        abort(404)
    page, part = "mentoring/requests/new.html", "mentoring/requests/_form.html"
    return page_or_partial(page, part, context, status=status)


def request_of(request_id: int, side: str) -> MentorshipRequest:
    """A request where the signed-in employee is on ``side``; 404 for anyone else."""
    found = queries.load_request(request_id)
    me = current_user.employee_id
    if found is None or me is None or getattr(found, f"{side}_id") != me:
        abort(404)
    return found


@bp.post("/requests/<int:request_id>/withdraw")
@login_required
def withdraw(request_id: int):
    """Take back a request that is still pending."""
    withdrawn = request_of(request_id, "mentee")
    requests.withdraw_request(withdrawn)
    if wants_partial():
        return render_template(
            "mentoring/requests/_sent.html",
            sent=queries.requests_sent(withdrawn.mentee_id),
        )
    message = _(
        "Your request to %(name)s is withdrawn.", name=withdrawn.mentor.display_name
    )
    return go_to(url_for("mentoring.index"), message)
