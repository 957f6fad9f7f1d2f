"""The training panel of an opportunity's page
(templates/opportunities/training/_panel.html)."""

from __future__ import annotations

from datetime import date

from app.models import Opportunity, User


def training_panel(opportunity: Opportunity, user: User, today: date) -> dict:
    """The context of the training's panel for ``user``."""
    return {}
