"""HR cohort matching: choose mentees and mentors, preview, adjust, confirm."""

from flask_login import login_required

from app.mentoring import bp


@bp.get("/cohort")
@login_required
def cohort():
    """Placeholder until the cohort page is written."""
    return "", 204
