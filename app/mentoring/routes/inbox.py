"""The mentor's inbox: requests waiting for an answer, accepting, declining."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_htmx import make_response
from flask_login import current_user, login_required

from app.access import Role, role_required
from app.errors import DomainError, refusal_on_form
from app.htmx import go_to, wants_partial
from app.mentoring import bp, queries
from app.mentoring.forms import AnswerForm
from app.mentoring.routes.requests import request_of
from app.mentoring.services import requests
from app.models import MentorshipRequest

INBOX_CHANGED = "inbox-changed"


@bp.get("/inbox")
@role_required(Role.MENTOR)
def inbox():
    """List the requests waiting for my answer, oldest first."""
    return render_template(
        "mentoring/inbox/index.html",
        requests=queries.inbox(current_user.employee_id),
        profile=queries.active_profile(current_user.employee_id),
    )


@bp.get("/inbox/badge")
@login_required
def inbox_badge():
    """The navigation badge: how many requests wait for my answer."""
    me = current_user.employee_id
    count = queries.pending_count(me) if me is not None else 0
    return render_template("mentoring/_inbox_badge.html", count=count)


@bp.post("/requests/<int:request_id>/accept")
@login_required
def accept(request_id: int):
    """Accept a request: a place is taken and the mentorship starts."""
    received = request_of(request_id, "mentor")
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            mentorship = requests.accept_request(received, form.response.data or "")
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            message = _("You now mentor %(name)s.", name=received.mentee.display_name)
            url = url_for("mentoring.mentorship", mentorship_id=mentorship.id)
            return _answered(received, message, url, mentorship=mentorship)
    return _inbox_item(received, form, 422)


@bp.post("/requests/<int:request_id>/decline")
@login_required
def decline(request_id: int):
    """Decline a request, optionally saying why."""
    received = request_of(request_id, "mentor")
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            requests.decline_request(received, form.response.data or "")
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            message = _(
                "You declined the request of %(name)s.",
                name=received.mentee.display_name,
            )
            return _answered(received, message, url_for("mentoring.inbox"))
    return _inbox_item(received, form, 422)


def _answered(received: MentorshipRequest, message: str, url: str, mentorship=None):
    """The answered request in place (htmx, badge refreshed), or on to ``url``."""
    if not wants_partial():
        return go_to(url, message)
    body = render_template(
        "mentoring/inbox/_item.html",
        item=queries.load_request(received.id),
        mentorship=mentorship,
        answered=message,
        form=None,
        oob=True,
        profile=queries.active_profile(current_user.employee_id),
    )
    return make_response(body, trigger={INBOX_CHANGED: True})


def _inbox_item(received: MentorshipRequest, form, status: int):
    """An inbox item with its form's messages: the item (htmx) or the inbox."""
    if wants_partial():
        body = render_template("mentoring/inbox/_item.html", item=received, form=form)
        return body, status
    return render_template(
        "mentoring/inbox/index.html",
        requests=queries.inbox(current_user.employee_id),
        refused={received.id: form},
        profile=queries.active_profile(current_user.employee_id),
    ), status
