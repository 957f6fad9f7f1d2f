"""The audit trail about one employee: the events whose ``concerns_id`` names
them, newest first, a page at a time (two queries: the page and the count)."""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.audit import HISTORY_PAGE_SIZE
from app.extensions import db
from app.models import AuditEvent, User


def events_about(
    employee_id: int, page: int = 1, per_page: int = HISTORY_PAGE_SIZE
) -> Pagination:
    """The events about the employee, each with its actor and their employee."""
    statement = (
        select(AuditEvent)
        .where(AuditEvent.concerns_id == employee_id)
        .options(joinedload(AuditEvent.actor).joinedload(User.employee))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)
