"""Career plans: individual development plans and their review."""

from flask import Blueprint

bp = Blueprint("plans", __name__, url_prefix="/plans")

from app.plans import editing, routes  # noqa: E402, F401  (they add the views)
