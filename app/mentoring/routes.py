"""Mentee and mentor pages: overview, mentor profile, find a mentor, requests, inbox."""

from flask import render_template
from flask_login import login_required

from app.mentoring import bp


@bp.get("/")
@login_required
def index():
    """Placeholder until the overview is written."""
    return "", 204


@bp.get("/inbox")
@login_required
def inbox():
    """Placeholder until the inbox is written."""
    return "", 204


@bp.get("/inbox/badge")
@login_required
def inbox_badge():
    """Placeholder."""
    return render_template("mentoring/_inbox_badge.html", count=0)
