"""Who may see an opportunity: the one answer every opportunity view asks.

A published or closed opportunity is open to every signed-in user; a draft is
HR's alone. Anything else answers 404, so that a draft cannot be probed.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import Opportunity, OpportunityStatus, User


def can_see(user: User, opportunity: Opportunity) -> bool:
    """HR sees every opportunity; everyone else the published and closed ones."""
    return user.is_hr or opportunity.status is not OpportunityStatus.DRAFT


def load_opportunity(opportunity_id: int) -> Opportunity | None:
    """An opportunity with its position and competencies, in one round trip."""
    return db.session.scalars(
        select(Opportunity)
        .where(Opportunity.id == opportunity_id)
        .options(
            joinedload(Opportunity.position), selectinload(Opportunity.competencies)
        )
    ).first()


def visible_opportunity(user: User, opportunity_id: int) -> Opportunity:
    """The opportunity if ``user`` may see it; 404 otherwise."""
    opportunity = load_opportunity(opportunity_id)
    if opportunity is None or not can_see(user, opportunity):
        abort(404)
    return opportunity
