"""The part of an opportunity's page that depends on its kind: a training's
places and registration, a vacancy's eligibility, application and selection."""

from __future__ import annotations

from datetime import date

from app.models import Opportunity, User
from app.opportunities.training_panel import training_panel
from app.opportunities.vacancy_panel import vacancy_panel


def panel_for(opportunity: Opportunity, user: User, today: date) -> dict:
    """The template context of the opportunity's panel for ``user``."""
    if opportunity.is_training:
        return training_panel(opportunity, user, today)
    if opportunity.is_vacancy:
        return vacancy_panel(opportunity, user, today)
    return {}
