"""Career plans: individual development plans and their review."""

from flask import Blueprint

bp = Blueprint("plans", __name__, url_prefix="/plans")

from app.plans import routes  # noqa: E402, F401  (it adds the views)
