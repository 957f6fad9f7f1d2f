"""Views of the opportunities (training): registering and withdrawing.

Each answers htmx with the training's panel and the "saved" message; without
JavaScript it goes back to the opportunity's page (303) with a flash. A refusal
(closed, full-and-registered, not a training) is a 409 with its message.
"""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import own_employee
from app.htmx import go_to, saved_part, wants_partial
from app.i18n import local_today
from app.models import RegistrationStatus
from app.opportunities import bp
from app.opportunities.abilities import visible_opportunity
from app.opportunities.services import training
from app.opportunities.training_panel import training_panel


def _answer(opportunity, message: str):
    """The panel (htmx) or the opportunity's page (303), with ``message``."""
    if wants_partial():
        context = training_panel(opportunity, current_user, local_today())
        body = render_template("opportunities/training/_panel.html", **context)
        return saved_part(body, message)
    return go_to(
        url_for("opportunities.detail", opportunity_id=opportunity.id), message
    )


@bp.post("/opportunities/<int:opportunity_id>/register")
@login_required
def register(opportunity_id: int):
    """Take a place of the training, or join its waiting list when it is full."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    employee = own_employee()
    registration = training.register(opportunity, employee, local_today())
    if registration.status is RegistrationStatus.REGISTERED:
        message = _("You are registered for %(title)s.", title=opportunity.title)
    else:
        message = _(
            "The quota is full: you are number %(position)d on the waiting list.",
            position=training.queue_position(registration),
        )
    return _answer(opportunity, message)


@bp.post("/opportunities/<int:opportunity_id>/withdraw")
@login_required
def withdraw(opportunity_id: int):
    """Withdraw one's registration (or place on the waiting list)."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    training.withdraw(opportunity, own_employee(), local_today())
    return _answer(opportunity, _("Your registration is withdrawn."))
