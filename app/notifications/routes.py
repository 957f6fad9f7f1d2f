"""Notification pages: the list, opening one, marking all read, the badge."""

from flask import abort, redirect, render_template, url_for
from flask_htmx import make_response
from flask_login import current_user, login_required

from app.htmx import page_or_partial, wants_partial
from app.main.urls import page_number
from app.notifications import bp, services
from app.notifications.messages import cohort_mentor_ids, message_for, target_of

LIST = "notifications/_list.html"
CHANGED = "notifications-changed"  # the navigation badge refreshes on it


def _list_context() -> dict:
    notifications = services.notifications_of(current_user.id, page_number())
    as_mentor = cohort_mentor_ids(notifications.items, current_user.employee_id)
    return {
        "notifications": notifications,
        "messages": {
            n.id: message_for(n, n.subject_id in as_mentor) for n in notifications.items
        },
        "unread": services.unread_count(current_user.id),
    }


@bp.get("/")
@login_required
def index():
    """List the signed-in user's notifications, newest first, unread marked."""
    return page_or_partial(
        "notifications/index.html", LIST, _list_context(), target="notifications-list"
    )


@bp.get("/<int:notification_id>")
@login_required
def open(notification_id: int):
    """Mark a notification read and go to what it is about."""
    notification = services.notification_of(current_user.id, notification_id)
    if notification is None:
        abort(404)
    services.mark_read(notification)
    as_mentor = notification.subject_id in cohort_mentor_ids(
        [notification], current_user.employee_id
    )
    return redirect(target_of(notification, as_mentor), 303)


@bp.post("/read-all")
@login_required
def read_all():
    """Mark every notification read: the list again (htmx), or back to it."""
    services.mark_all_read(current_user.id)
    if wants_partial():
        return make_response(render_template(LIST, **_list_context()), trigger=CHANGED)
    return redirect(url_for("notifications.index"), 303)


@bp.get("/badge")
@login_required
def badge():
    """The unread count in the navigation, refreshed by htmx."""
    return render_template(
        "notifications/_badge.html", count=services.unread_count(current_user.id)
    )
