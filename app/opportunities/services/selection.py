"""HR's selection: a decision per applicant with its reason, and closing it.

Decisions and the closing queue on the vacancy's row: each begins with a
conditional UPDATE of it (``WHERE selection_closed_at IS NULL``), so two
officers deciding at once are taken one after the other and never select more
than the vacancy's posts, and nothing is decided after the selection closed.
Closing keeps each applicant's score, components and rank on the application,
records the closing and tells every applicant.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app import audit
from app.errors import Conflict, DomainError
from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    NotificationKind,
    Opportunity,
    User,
)
from app.models.opportunities import MAX_REASON
from app.models.types import utcnow
from app.notifications.services import notify
from app.opportunities.ranking import rank_applicants

DECISIONS = (ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED)
CLOSED = _l("The selection of this vacancy is closed.")


def decision_refusal(vacancy: Opportunity, today: date):
    """Why no decision may be recorded on the vacancy today, if none may."""
    if not vacancy.is_vacancy:
        return _l("Only a vacancy has a selection.")
    if vacancy.selection_closed_at is not None:
        return CLOSED
    if today <= vacancy.closes_on:
        return _l("Decisions are recorded once applications have closed.")
    return None


def own_application(actor: User, application: Application) -> bool:
    """An officer never decides on their own application."""
    return (
        actor.employee_id is not None and actor.employee_id == application.employee_id
    )


def _hold(vacancy: Opportunity) -> None:
    """Queue on the vacancy's row while its selection is open (first write)."""
    held = db.session.execute(
        update(Opportunity)
        .where(Opportunity.id == vacancy.id, Opportunity.selection_closed_at.is_(None))
        .values(applicants=Opportunity.applicants)
        .execution_options(synchronize_session=False)
    ).rowcount
    if held != 1:
        db.session.rollback()
        raise Conflict(CLOSED)


def decide(
    vacancy: Opportunity,
    application: Application,
    decision: ApplicationStatus,
    reason: str,
    actor: User,
    today: date,
) -> None:
    """Record (or change, until the selection closes) a decision with its reason."""
    refusal = decision_refusal(vacancy, today)
    if refusal is not None:
        raise Conflict(refusal)
    if own_application(actor, application):
        raise DomainError(_l("Another officer decides on your own application."))
    if decision not in DECISIONS:
        raise DomainError(_l("Choose selected or not selected."), field="decision")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Give the reason for the decision."), field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(
            _l("Keep the reason to %(most)s characters.", most=MAX_REASON),
            field="reason",
        )
    _hold(vacancy)
    before = db.session.scalar(
        select(Application.status).where(
            Application.id == application.id,
            Application.opportunity_id == vacancy.id,
            Application.status != ApplicationStatus.WITHDRAWN,
        )
    )
    if before is None:
        db.session.rollback()
        raise Conflict(_l("This application was withdrawn."))
    if decision is ApplicationStatus.SELECTED and before is not decision:
        taken = db.session.scalar(
            select(func.count()).where(
                Application.opportunity_id == vacancy.id,
                Application.status == ApplicationStatus.SELECTED,
            )
        )
        if taken >= (vacancy.posts or 0):
            db.session.rollback()
            raise Conflict(
                _l(
                    "All %(posts)s posts are filled. Mark someone not selected first.",
                    posts=vacancy.posts,
                )
            )
    db.session.execute(
        update(Application)
        .where(Application.id == application.id)
        .values(
            status=decision,
            reason=reason,
            decided_at=utcnow(),
            decided_by_id=actor.id,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    audit.record(
        actor,
        "application.decided",
        "application",
        application.id,
        {
            "before": {"status": before.value},
            "after": {"status": decision.value},
            "opportunity": vacancy.id,
        },
        reason,
        concerns=application.employee_id,
    )
    db.session.commit()
    db.session.expire_all()


def close_selection(vacancy: Opportunity, actor: User, today: date) -> int:
    """Keep every applicant's score, components and rank, close the selection and
    tell the applicants; how many there were."""
    if not vacancy.is_vacancy:
        raise Conflict(_l("Only a vacancy has a selection."))
    if vacancy.selection_closed_at is not None:
        raise Conflict(CLOSED)
    if today <= vacancy.closes_on:
        raise Conflict(_l("The selection closes after applications have closed."))
    _hold(vacancy)
    ranking = rank_applicants(vacancy, today)
    if ranking.undecided:
        db.session.rollback()
        raise Conflict(
            _l(
                "%(count)s applicants have no decision yet; decide on each first.",
                count=ranking.undecided,
            )
        )
    if ranking.items:  # one statement for all (by primary key)
        db.session.execute(
            update(Application),
            [
                {
                    "id": ranked.application.id,
                    "score": ranked.merit.score,
                    "components": ranked.merit.as_dict(),
                    "rank": ranked.rank,
                }
                for ranked in ranking
            ],
        )
    db.session.execute(
        update(Opportunity)
        .where(Opportunity.id == vacancy.id)
        .values(selection_closed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    audit.record(
        actor,
        "selection.closed",
        "opportunity",
        vacancy.id,
        {
            "applicants": len(ranking),
            "selected": ranking.selected,
            "ranking": [
                {
                    "application": r.application.id,
                    "rank": r.rank,
                    "score": str(r.merit.score),
                    "status": r.application.status.value,
                }
                for r in ranking
            ],
        },
    )
    notify(
        [r.application.employee_id for r in ranking],
        NotificationKind.APPLICATION_DECIDED,
        vacancy.id,
        actor=actor.employee,
    )
    db.session.commit()
    db.session.expire_all()
    return len(ranking)
