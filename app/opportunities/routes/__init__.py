"""The opportunities' views, one module per part: browsing, HR's publishing,
trainings and the JP ledger, vacancies and their selection."""

from app.opportunities.routes import (  # noqa: F401  (each adds its views)
    browse,
    jp,
    manage,
    selection,
    training,
    vacancies,
)
