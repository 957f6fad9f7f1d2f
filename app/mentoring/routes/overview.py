"""The mentoring overview: my mentorships, my requests, my standing as a mentor."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from app.access import own_employee
from app.mentoring import bp, queries
from app.mentoring.services import profiles
from app.models import Employee


@bp.get("/")
@login_required
def index():
    """Show my mentorships, my requests and my standing as a mentor."""
    employee = own_employee()
    return render_template("mentoring/index.html", **_overview(employee))


def _overview(employee: Employee) -> dict:
    pairs = queries.mentorships_of(employee.id)
    profile = queries.active_profile(employee.id)
    return {
        "employee": employee,
        "as_mentee": [m for m in pairs if m.mentee_id == employee.id],
        "as_mentor": [m for m in pairs if m.mentor_id == employee.id],
        "sent": queries.requests_sent(employee.id),
        # The waiting requests come from the navigation's count (``inbox_count``).
        "profile": profile,
        "offers_below": profiles.below_teaching_level(profile),
    }
