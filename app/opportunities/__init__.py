"""Opportunities: trainings, vacancies (promotion and placement) and
announcements HR publishes with their criteria; registering within a quota,
applying with an eligibility check, merit ranking and decisions, and the JP
ledger of verified development."""

from flask import Blueprint

bp = Blueprint("opportunities", __name__)

from app.opportunities import routes  # noqa: E402, F401  (it adds the views)
