"""Template helpers: localised catalogue fields, numbers and ranks, WIB times, roles."""

from __future__ import annotations

from flask import Flask, Response, g
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.access import Role, current_roles
from app.extensions import db
from app.i18n import localized
from app.mentoring.queries import pending_requests
from app.models import EmploymentType, Rank
from app.nip import format_number
from app.notifications.services import unread

# Only our own scripts, styles and forms: injected markup cannot run code.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


def _nav_counts() -> tuple[int, int]:
    """(requests awaiting the mentor's answer, unread notifications), one query.

    Asked by the navigation on every page, so worked out once per request.
    """
    if "nav_counts" not in g:
        g.nav_counts = tuple(
            db.session.execute(
                select(
                    pending_requests(mentor_id=current_user.employee_id),
                    unread(current_user.id),
                )
            ).one()
        )
    return g.nav_counts


def _inbox_count() -> int:
    """Requests awaiting the signed-in mentor's answer (the navigation badge)."""
    return _nav_counts()[0]


def _unread_notifications() -> int:
    """The signed-in user's unread notifications (the navigation badge)."""
    return _nav_counts()[1]


def number_label(employee) -> str:
    """What a person's number is called: NIP for a PNS, NI PPPK for a PPPK."""
    return _("NI PPPK") if employee.is_pppk else _("NIP")


def rank_text(rank: Rank | None) -> str:
    """A rank in running text: "Pangkat/golongan III/b", or "Golongan IX" (PPPK)."""
    if rank is None:
        return "\N{EN DASH}"
    if rank.employment_type is EmploymentType.PPPK:
        return rank.name
    return _("Rank %(code)s", code=rank.code)


def rank_short(rank: Rank | None) -> str:
    """A rank in a column headed by the word: "III/b", or "Golongan IX" (PPPK)."""
    if rank is None:
        return "\N{EN DASH}"
    return rank.name if rank.employment_type is EmploymentType.PPPK else rank.code


def init_app(app: Flask) -> None:
    """Register filters, globals and the ``Vary`` header."""
    app.jinja_env.filters["nip"] = format_number
    app.jinja_env.filters["rank"] = rank_text
    app.jinja_env.filters["rank_short"] = rank_short
    app.jinja_env.filters["wib"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) + " WIB" if value else ""
    )
    app.jinja_env.globals.update(
        inbox_count=_inbox_count,
        unread_notifications=_unread_notifications,
        localized=localized,
        number_label=number_label,
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
