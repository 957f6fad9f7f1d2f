"""Monitoring: the figures HR (and each supervisor for their own people) watch.

Plan progress, the competency gap map, development (JP) and mentoring coverage,
the 9-box talent map, succession and the merit evidence report. Every figure is
an aggregate the database computes for the people in view (``view.py``), per
unit (``breakdown.py``), and drills down to the people behind it
(``figures.py``), whose list exports to CSV and XLSX (``export.py``).
"""

from flask import Blueprint

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")

from app.monitoring import routes  # noqa: E402, F401  (it adds the views)
