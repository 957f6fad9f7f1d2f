"""The vacancy panel of an opportunity's page
(templates/opportunities/vacancy/_panel.html)."""

from __future__ import annotations

from datetime import date

from app.models import Opportunity, User


def vacancy_panel(opportunity: Opportunity, user: User, today: date) -> dict:
    """The context of the vacancy's panel for ``user``."""
    return {}
