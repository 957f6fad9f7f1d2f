"""Views of the opportunities (browse).

A minimal opportunity page until the browse part brings its own: the title and
the kind's panel (see ``app.opportunities.panels``).
"""

from flask import render_template
from flask_login import current_user, login_required

from app.i18n import local_today
from app.opportunities import bp
from app.opportunities.abilities import visible_opportunity
from app.opportunities.panels import panel_for


@bp.get("/opportunities/<int:opportunity_id>")
@login_required
def detail(opportunity_id: int):
    """An opportunity's page with the panel of its kind."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    context = panel_for(opportunity, current_user, local_today())
    context["opportunity"] = opportunity
    return render_template("opportunities/detail.html", **context)
