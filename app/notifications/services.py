"""Portal notifications: create them beside a change, count and read them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, insert, select, update

from app.extensions import db
from app.models import Employee, Notification, NotificationKind, User
from app.models.types import utcnow

PAGE_SIZE = 20


@dataclass(frozen=True)
class Notice:
    """One notification to send: to an employee's login, about a subject."""

    employee_id: int | None
    kind: NotificationKind
    subject_id: int
    actor_name: str = ""


def notify_many(notices: Iterable[Notice]) -> None:
    """Add the notifications (in the caller's transaction), one query for all.

    Employees without a login are skipped: nobody could read theirs.
    """
    notices = [n for n in notices if n.employee_id is not None]
    if not notices:
        return
    # No autoflush: the caller's pending change must reach the database in one
    # flush, or a versioned row would be bumped twice.
    with db.session.no_autoflush:
        logins = dict(
            db.session.execute(
                select(User.employee_id, User.id).where(
                    User.employee_id.in_({n.employee_id for n in notices})
                )
            ).all()
        )
    rows = [
        {
            "user_id": logins[n.employee_id],
            "kind": n.kind,
            "subject_id": n.subject_id,
            "actor_name": n.actor_name,
        }
        for n in notices
        if n.employee_id in logins
    ]
    if rows:
        # One executemany for them all, however many people an opening concerns.
        with db.session.no_autoflush:
            db.session.execute(insert(Notification), rows)


def notify(
    employee_ids: Iterable[int | None],
    kind: NotificationKind,
    subject_id: int,
    actor: Employee | None = None,
) -> None:
    """Tell each of the employees the same thing (see ``notify_many``)."""
    actor_name = actor.display_name if actor is not None else ""
    notify_many(
        Notice(employee_id, kind, subject_id, actor_name)
        for employee_id in set(employee_ids)
    )


def unread(user_id: int):
    """A scalar subquery: the user's unread notifications (to combine with others)."""
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )


def unread_count(user_id: int) -> int:
    """How many notifications the user has not opened yet."""
    return db.session.scalar(select(unread(user_id)))


def notifications_of(user_id: int, page: int = 1) -> Pagination:
    """A user's notifications, newest first, a page at a time."""
    query = (
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


def notification_of(user_id: int, notification_id: int) -> Notification | None:
    """One of the user's own notifications; another user's is None."""
    return db.session.scalars(
        select(Notification).where(
            Notification.id == notification_id, Notification.user_id == user_id
        )
    ).first()


def mark_read(notification: Notification) -> None:
    """Mark one notification read (opening it does this)."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()


def mark_all_read(user_id: int) -> int:
    """Mark every unread notification of the user read; returns how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
    return result.rowcount
