"""Succession: the talent pool ranked by readiness for each (key) position."""

from flask import render_template
from flask_login import login_required

from app.monitoring import bp
from app.monitoring.routes import current_view


@bp.get("/succession")
@login_required
def succession():
    """List the positions HR plans successors for (to be built)."""
    current_view()
    return render_template("base.html"), 200
