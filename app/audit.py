"""The append-only audit trail: who did what to which record, and when.

``record`` adds one ``AuditEvent`` in the caller's transaction, so the trail
holds a change exactly when the change itself is kept: a refused or rolled back
change leaves no event, a committed one always does. Rows are only ever added:
the session refuses to flush a change or a deletion of an event.

``details`` is plain JSON; by convention a change carries ``before`` and
``after`` (each a mapping of field to value, or None for an addition or a
removal), which ``changes`` turns into the lines a history shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import event, select
from sqlalchemy.orm import Session, joinedload

from app.extensions import db
from app.models import AuditEvent, User

HISTORY_PAGE_SIZE = 20
MAX_REASON = 500  # the column's length


class AppendOnly(RuntimeError):
    """Code tried to change or delete a recorded event: a bug, never user input."""


def record(
    actor: User | None,
    action: str,
    subject_type: str,
    subject_id: int,
    details: Mapping[str, Any],
    reason: str = "",
    concerns: int | None = None,
) -> AuditEvent:
    """Add an event to the caller's transaction (committed with the change).

    ``action`` names what happened ("requirement.changed"), ``subject_type`` and
    ``subject_id`` the record it happened to ("position", 12); ``actor`` is None
    for the system itself (a command, a migration). ``concerns`` is the id of
    the employee the event is about, who reads it among their own entries.
    """
    if len(reason) > MAX_REASON:
        raise ValueError(f"an audit reason holds at most {MAX_REASON} characters")
    audit_event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details=dict(details),
        reason=reason,
        concerns_id=concerns,
    )
    db.session.add(audit_event)
    return audit_event


def events_of(
    subject_type: str,
    subject_id: int | None = None,
    page: int = 1,
    per_page: int = HISTORY_PAGE_SIZE,
) -> Pagination:
    """The events of one subject (every subject of the type without an id),
    newest first, a page at a time, with each actor and their employee loaded."""
    statement = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == subject_type)
        .options(joinedload(AuditEvent.actor).joinedload(User.employee))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if subject_id is not None:
        statement = statement.where(AuditEvent.subject_id == subject_id)
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def actor_name(audit_event: AuditEvent) -> str | None:
    """Who acted: the employee's name with titles, the login's e-mail without an
    employee record, None for the system."""
    actor = audit_event.actor
    if actor is None:
        return None
    return actor.employee.display_name if actor.employee else actor.email


def version_of(snapshot: Mapping[str, Any]) -> str:
    """A short marker of a row's values, for a page to send with a change.

    A change names the version of the row its page showed; when the row holds
    other values now, the page was stale and the change is refused.
    """
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Change:
    """One field of a recorded change: its value before and after (None: none)."""

    field: str
    before: Any
    after: Any


def changes(details: Mapping[str, Any]) -> list[Change]:
    """The fields a change touched, in the order recorded.

    An addition lists every field it set, a removal every field it had, a change
    only the fields whose value differs.
    """
    before = details.get("before") or {}
    after = details.get("after") or {}
    fields = list(dict.fromkeys([*before, *after]))
    both = bool(before) and bool(after)
    return [
        Change(field, before.get(field), after.get(field))
        for field in fields
        if not both or before.get(field) != after.get(field)
    ]


@event.listens_for(Session, "before_flush")
def _append_only(session: Session, flush_context, instances) -> None:
    """Refuse to flush a change or deletion of a recorded event."""
    for instance in session.deleted:
        if isinstance(instance, AuditEvent):
            raise AppendOnly("audit events are never deleted")
    for instance in session.dirty:
        if isinstance(instance, AuditEvent) and session.is_modified(instance):
            raise AppendOnly("audit events are never changed")
