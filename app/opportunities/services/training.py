"""Registering for a training within its quota, the waiting list, withdrawing.

The places are held by the database, without locks:

- registering takes a place with one conditional UPDATE
  (``booked = booked + 1 WHERE booked < quota AND status = 'published'``); when
  it finds none, the registration joins the waiting list instead, ordered by
  ``queued_at`` then id;
- withdrawing a registered place hands it to the first one waiting in the same
  transaction (a conditional UPDATE of that registration ``WHERE status =
  'waiting'``; when another withdrawal took them first, the next one waiting);
  with nobody waiting, ``booked`` goes down by one;
- ``booked`` therefore always equals the registrations holding a place
  (registered, attended or absent), and a CHECK keeps it within the quota.

A training without a quota (None) has unlimited places; a quota of 0 takes
everybody on the waiting list until HR raises it (``fill_places``). A
registration is made while the training is published and open
(``opens_on <= today <= closes_on``) and withdrawn until ``closes_on`` itself.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select, update

from app.errors import Conflict, moved_on
from app.extensions import db
from app.models import (
    Employee,
    NotificationKind,
    Opportunity,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
)
from app.models.types import utcnow
from app.notifications.services import notify

HOLDS_PLACE = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ABSENT,
)
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)

NOT_A_TRAINING = _l("Only a training takes registrations.")
NOT_OPEN = _l("Registration for this training is not open.")
CLOSED = _l("Registration for this training has closed.")
ALREADY = _l("You are already registered for this training.")
NOT_REGISTERED = _l("You are not registered for this training.")
WITHDRAW_CLOSED = _l(
    "Registration has closed; a registration can no longer be withdrawn."
)
MOVED_ON = _l("Your registration has just changed. Reload the page to see it.")


def registration_of(opportunity_id: int, employee_id: int) -> Registration | None:
    """The employee's registration for the training, whatever its status."""
    return db.session.scalars(
        select(Registration).where(
            Registration.opportunity_id == opportunity_id,
            Registration.employee_id == employee_id,
        )
    ).first()


def queue_position(registration: Registration) -> int | None:
    """Where a waiting registration stands in the queue (1: next), else None."""
    if registration.status is not RegistrationStatus.WAITING:
        return None
    ahead = db.session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(
            Registration.opportunity_id == registration.opportunity_id,
            Registration.status == RegistrationStatus.WAITING,
            or_(
                Registration.queued_at < registration.queued_at,
                and_(
                    Registration.queued_at == registration.queued_at,
                    Registration.id < registration.id,
                ),
            ),
        )
    )
    return ahead + 1


def registration_refusal(opportunity: Opportunity, today: date):
    """Why nobody may register for ``opportunity`` today (a message), or None."""
    if not opportunity.is_training:
        return NOT_A_TRAINING
    if opportunity.status is not OpportunityStatus.PUBLISHED:
        return NOT_OPEN
    if today < opportunity.opens_on:
        return _l(
            "Registration for this training opens on %(day)s.",
            day=opportunity.opens_on.isoformat(),
        )
    if today > opportunity.closes_on:
        return CLOSED
    return None


def withdrawal_refusal(opportunity: Opportunity, today: date):
    """Why a registration for ``opportunity`` may not be withdrawn today, or None."""
    if opportunity.status is not OpportunityStatus.PUBLISHED:
        return WITHDRAW_CLOSED
    if today > opportunity.closes_on:
        return WITHDRAW_CLOSED
    return None


def _take_place(opportunity_id: int) -> bool:
    """Take one place of the training if one is free (one conditional UPDATE)."""
    return (
        db.session.execute(
            update(Opportunity)
            .where(
                Opportunity.id == opportunity_id,
                Opportunity.status == OpportunityStatus.PUBLISHED,
                or_(
                    Opportunity.quota.is_(None), Opportunity.booked < Opportunity.quota
                ),
            )
            .values(booked=Opportunity.booked + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )


def register(opportunity: Opportunity, employee: Employee, today: date) -> Registration:
    """Register the employee: a place when one is free, else the waiting list.

    Registering twice is refused; a withdrawn registration is taken up again
    and goes to the end of the queue.
    """
    refusal = registration_refusal(opportunity, today)
    if refusal is not None:
        raise Conflict(refusal)
    existing = registration_of(opportunity.id, employee.id)
    if existing is not None and existing.status is not RegistrationStatus.WITHDRAWN:
        raise Conflict(ALREADY)
    placed = _take_place(opportunity.id)
    if not placed:
        # No place, or the training closed meanwhile: only the first joins a queue.
        status = db.session.scalar(
            select(Opportunity.status).where(Opportunity.id == opportunity.id)
        )
        if status is not OpportunityStatus.PUBLISHED:
            db.session.rollback()
            raise Conflict(NOT_OPEN)
    status = RegistrationStatus.REGISTERED if placed else RegistrationStatus.WAITING
    now = utcnow()
    if existing is None:
        registration = Registration(
            opportunity_id=opportunity.id,
            employee_id=employee.id,
            status=status,
            queued_at=now,
            created_at=now,
            updated_at=now,
        )
        db.session.add(registration)
        with moved_on(Conflict(ALREADY)):  # one_registration: a double submit
            db.session.flush()
    else:
        taken_up = db.session.execute(
            update(Registration)
            .where(
                Registration.id == existing.id,
                Registration.status == RegistrationStatus.WITHDRAWN,
            )
            .values(status=status, queued_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if taken_up != 1:
            db.session.rollback()
            raise Conflict(ALREADY)
        registration = existing
    db.session.commit()
    db.session.expire(opportunity)
    if existing is not None:
        db.session.expire(existing)
    return registration


def _promote_first_waiting(opportunity_id: int, actor: Employee | None) -> bool:
    """Hand a freed place to the first one waiting; False when nobody waits.

    When another transaction promoted that one first, the next one is tried.
    """
    tried: list[int] = []
    while True:
        statement = (
            select(Registration.id, Registration.employee_id)
            .where(
                Registration.opportunity_id == opportunity_id,
                Registration.status == RegistrationStatus.WAITING,
            )
            .order_by(Registration.queued_at, Registration.id)
            .limit(1)
        )
        if tried:
            statement = statement.where(Registration.id.not_in(tried))
        first = db.session.execute(statement).first()
        if first is None:
            return False
        moved = db.session.execute(
            update(Registration)
            .where(
                Registration.id == first.id,
                Registration.status == RegistrationStatus.WAITING,
            )
            .values(status=RegistrationStatus.REGISTERED, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved == 1:
            notify(
                [first.employee_id],
                NotificationKind.PLACE_CONFIRMED,
                opportunity_id,
                actor=actor,
            )
            return True
        tried.append(first.id)


def _withdraw_held(registration_id: int, held: RegistrationStatus):
    """Move the registration to withdrawn from what it holds; the status it held.

    A waiting registration may be moved up by another withdrawal meanwhile: then
    it is withdrawn from its new place, which passes on in turn.
    """
    for _attempt in range(3):
        moved = db.session.execute(
            update(Registration)
            .where(Registration.id == registration_id, Registration.status == held)
            .values(status=RegistrationStatus.WITHDRAWN, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved == 1:
            return held
        held = db.session.scalar(
            select(Registration.status).where(Registration.id == registration_id)
        )
        if held not in ACTIVE:
            break
    db.session.rollback()
    raise Conflict(MOVED_ON)


def withdraw(opportunity: Opportunity, employee: Employee, today: date) -> Registration:
    """Withdraw the employee's registration (a place or a place in the queue).

    A freed place goes to the first one waiting, who is notified.
    """
    registration = registration_of(opportunity.id, employee.id)
    if registration is None or registration.status not in ACTIVE:
        raise Conflict(NOT_REGISTERED)
    refusal = withdrawal_refusal(opportunity, today)
    if refusal is not None:
        raise Conflict(refusal)
    held = _withdraw_held(registration.id, registration.status)
    if held is RegistrationStatus.REGISTERED and not _promote_first_waiting(
        opportunity.id, None
    ):
        db.session.execute(
            update(Opportunity)
            .where(Opportunity.id == opportunity.id, Opportunity.booked > 0)
            .values(booked=Opportunity.booked - 1)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    db.session.expire(opportunity)
    db.session.expire(registration)
    return registration


def fill_places(opportunity_id: int) -> int:
    """Give the free places (after HR raised the quota) to those waiting, in order.

    Each place is taken by the conditional UPDATE and handed on at once; the
    caller commits. Returns how many moved up.
    """
    moved = 0
    while True:
        waiting = db.session.scalar(
            select(func.count())
            .select_from(Registration)
            .where(
                Registration.opportunity_id == opportunity_id,
                Registration.status == RegistrationStatus.WAITING,
            )
        )
        if not waiting:
            return moved
        if not _take_place(opportunity_id):
            return moved
        if not _promote_first_waiting(opportunity_id, None):
            db.session.execute(
                update(Opportunity)
                .where(Opportunity.id == opportunity_id)
                .values(booked=Opportunity.booked - 1)
                .execution_options(synchronize_session=False)
            )
            return moved
        moved += 1


def counts(opportunity_id: int) -> dict[RegistrationStatus, int]:
    """How many registrations of the training are in each status (one query)."""
    rows = db.session.execute(
        select(Registration.status, func.count())
        .where(Registration.opportunity_id == opportunity_id)
        .group_by(Registration.status)
    ).all()
    found = dict(rows)
    return {status: found.get(status, 0) for status in RegistrationStatus}
