"""Views of the opportunities (browse).

A minimal opportunity page: the title, the dates and the kind's panel. (The
browse list and the whole page belong to the publishing part.)
"""

from __future__ import annotations

from flask_login import current_user, login_required

from app.htmx import page_or_partial
from app.i18n import local_today
from app.opportunities import bp
from app.opportunities.abilities import visible_opportunity
from app.opportunities.panels import panel_for


def detail_context(opportunity, panel: dict) -> dict:
    """The opportunity page's context around its kind's panel."""
    return {"opportunity": opportunity, "panel": panel, **panel}


@bp.get("/opportunities/<int:opportunity_id>")
@login_required
def detail(opportunity_id: int):
    """Show an opportunity with the panel of its kind."""
    opportunity = visible_opportunity(current_user, opportunity_id)
    panel = panel_for(opportunity, current_user, local_today())
    return page_or_partial(
        "opportunities/detail.html",
        "opportunities/detail.html",
        detail_context(opportunity, panel),
    )
