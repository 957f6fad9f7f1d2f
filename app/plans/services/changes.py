"""What every change of a plan goes through: the version and period checks, the
commit that turns a concurrent change into a conflict, the history line.

Every change names the plan version it was made from; a change from an older
version is refused (two tabs never overwrite each other silently).
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from app.errors import Conflict, moved_on
from app.extensions import db
from app.models import (
    CareerPlan,
    PlanEvent,
    PlanEventKind,
    PlanStatus,
    User,
)
from app.models.types import utcnow
from app.plans.abilities import in_review, is_open

STALE_PLAN = _l(
    "This plan was changed in another window or by someone else. "
    "Reload the page to see the latest version, then try again."
)


def check_open(plan: CareerPlan, version: int | None, today: date) -> None:
    """Refuse a change made from an older version, or to a plan of a past period."""
    if version != plan.version:
        raise Conflict(STALE_PLAN)
    if not is_open(plan, today):
        raise Conflict(_l("Plans of earlier periods are closed and read-only."))


def check_content_editable(plan: CareerPlan, version: int | None, today: date) -> None:
    """As ``check_open``; goals and activities also hold still while in review."""
    check_open(plan, version, today)
    if in_review(plan):
        raise Conflict(
            _l(
                "The plan is with your supervisor for review. It can be changed "
                "again once it is approved or returned."
            )
        )


def save(plan: CareerPlan, *events: PlanEvent) -> None:
    """Commit a change; a concurrent one to the same plan makes it a conflict."""
    plan.updated_at = utcnow()  # bumps the version even when only children changed
    plan.events[0:0] = reversed(events)  # the history reads newest first
    with moved_on(Conflict(STALE_PLAN)):
        db.session.commit()


def changed(
    plan: CareerPlan, kind: PlanEventKind, actor: User, subject: str
) -> tuple[PlanEvent, ...]:
    """A history line for a content change, recorded once a plan is approved."""
    if plan.status is not PlanStatus.APPROVED:
        return ()
    return (PlanEvent(kind=kind, actor=actor, subject=subject[:200]),)
