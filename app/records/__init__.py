"""Personnel records: what HR records for the career rules (employment data, SKP,
disciplinary penalties, credit points, certificates), and each employee's own
read-only view of them."""

from flask import Blueprint

bp = Blueprint("records", __name__)

from app.records import routes  # noqa: E402, F401  (it adds the views)
