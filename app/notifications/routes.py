"""Notification pages: the list, opening one, marking all read, the badge."""

from flask import render_template
from flask_login import login_required

from app.notifications import bp


@bp.get("/")
@login_required
def index():
    """Placeholder until the list is written."""
    return "", 204


@bp.get("/badge")
@login_required
def badge():
    """Placeholder."""
    return render_template("notifications/_badge.html", count=0)
