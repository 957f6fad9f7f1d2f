"""Mentoring: mentor profiles, suggestions, requests, mentorships and cohorts."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__, url_prefix="/mentoring")

from app.mentoring import cohorts, mentorships, routes  # noqa: E402, F401
