"""Language and time zone: Bahasa Indonesia by default, English on request."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from app.extensions import babel

LOCALE_COOKIE = "jenjang_locale"
LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    """The signed-in user's saved language, else the cookie, else Indonesian."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background work
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in languages:
        return cookie
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with our locale selector; times show in WIB."""
    babel.init_app(app, locale_selector=select_locale)


def localized(obj, field: str) -> str:
    """``obj.<field>_en`` in the English interface when filled, else ``obj.<field>``."""
    if str(get_locale()) == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)


WIB = ZoneInfo("Asia/Jakarta")


def local_today() -> date:
    """Today's date in Medan (WIB), whatever the server's own zone."""
    return datetime.now(WIB).date()
