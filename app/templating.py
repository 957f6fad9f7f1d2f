"""Template helpers: localised catalogue fields, WIB times, roles, HTTP caching."""

from __future__ import annotations

from flask import Flask, Response
from flask_babel import format_datetime, get_locale
from flask_login import current_user

from app.access import Role, current_roles
from app.i18n import localized
from app.nip import format_nip

# Only our own scripts, styles and forms: injected markup cannot run code.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


def _inbox_count() -> int:
    """Requests awaiting the signed-in mentor's answer (the navigation badge)."""
    from app.mentoring.services import pending_count

    return pending_count(current_user.employee_id) if current_user.employee_id else 0


def _unread_notifications() -> int:
    """The signed-in user's unread notifications (the navigation badge)."""
    from app.notifications.services import unread_count

    return unread_count(current_user.id)


def init_app(app: Flask) -> None:
    """Register filters, globals and the ``Vary`` header."""
    app.jinja_env.filters["nip"] = format_nip
    app.jinja_env.filters["wib"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) + " WIB" if value else ""
    )
    app.jinja_env.globals.update(
        inbox_count=_inbox_count,
        unread_notifications=_unread_notifications,
        localized=localized,
        current_roles=current_roles,
        Role=Role,
        get_locale=get_locale,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.after_request
    def vary_on_htmx(response: Response) -> Response:
        # A URL serves a page or a partial by HX-Request; caches must keep both.
        response.vary.add("HX-Request")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
