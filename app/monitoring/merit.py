"""The merit evidence report: a printable page of the figures per period."""

from flask import abort, render_template
from flask_login import current_user, login_required

from app.monitoring import bp


@bp.get("/merit")
@login_required
def merit():
    """Show the merit evidence report of a period (to be built)."""
    if not current_user.is_hr:
        abort(404)
    return render_template("base.html"), 200
