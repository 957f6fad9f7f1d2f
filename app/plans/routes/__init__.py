"""The views of career plans: ``plans`` (the list, paths, a plan's page),
``goals`` (editing goals and activities in place), ``workflow`` (the review).
"""

from app.plans.routes import goals, plans, workflow  # noqa: F401  (add the views)
