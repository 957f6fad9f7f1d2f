"""The training panel of an opportunity's page
(templates/opportunities/training/_panel.html).

What the training offers (dates, mode, provider, JP, quota and places left, the
competencies it develops), the reader's registration and place in the queue
with the button that fits, and for HR the counts and the attendance page. At
most three queries: the reader's registration, their place in the queue, and
HR's counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models import Opportunity, Registration, RegistrationStatus, User
from app.opportunities.services import training


@dataclass(frozen=True)
class TrainingAbilities:
    """What the reader may do with the training now, and why not."""

    can_register: bool
    can_withdraw: bool
    refusal: object | None  # why registering is not possible now (a message)
    attendance_open: bool  # HR: the training has started, attendance can be marked


def training_abilities(
    opportunity: Opportunity,
    user: User,
    registration: Registration | None,
    today: date,
) -> TrainingAbilities:
    """The one answer the panel's buttons and the routes' guards share."""
    active = registration is not None and registration.status in training.ACTIVE
    refusal = training.registration_refusal(opportunity, today)
    if user.employee_id is None:
        refusal = None  # a staff-only login never registers, nothing to explain
    started = opportunity.starts_on or opportunity.opens_on
    return TrainingAbilities(
        can_register=(user.employee_id is not None and not active and refusal is None),
        can_withdraw=(
            active and training.withdrawal_refusal(opportunity, today) is None
        ),
        refusal=refusal,
        attendance_open=user.is_hr and started <= today,
    )


def training_panel(opportunity: Opportunity, user: User, today: date) -> dict:
    """The context of the training's panel for ``user``."""
    registration = None
    if user.employee_id is not None:
        registration = training.registration_of(opportunity.id, user.employee_id)
    context = {
        "opportunity": opportunity,
        "registration": registration,
        "queue_position": (
            training.queue_position(registration) if registration else None
        ),
        "abilities": training_abilities(opportunity, user, registration, today),
        "statuses": RegistrationStatus,
        "counts": None,
    }
    if user.is_hr:
        context["counts"] = training.counts(opportunity.id)
    return context
