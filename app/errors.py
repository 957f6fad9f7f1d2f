"""Domain errors every area raises, and the translated pages that answer them.

Services raise ``DomainError`` (a refusal: the rules say no, 422 unless a
subclass says otherwise) or ``Conflict`` (the state moved on: a stale page, a
full mentor, a step the workflow does not allow: 409). A view that can show the
refusal beside its form catches it (``refusal_on_form``); any other is answered
here, once, as an error page. No stack trace ever reaches a user.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, default_exceptions

from app.extensions import db
from app.htmx import wants_partial

TITLES = {
    400: _l("Invalid input or link"),
    403: _l("You may not open this page"),
    404: _l("Page not found"),
    405: _l("That action is not allowed here"),
    413: _l("The upload is too large"),
    422: _l("The data could not be processed"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong on our side"),
}
MESSAGES = {
    400: _l("Please check what you entered and try again."),
    403: _l("Your account does not have access to this page."),
    404: _l("The page or record does not exist, or you may not see it."),
    405: _l("Go back and use the buttons on the page."),
    413: _l("Choose a smaller file and try again."),
    422: _l("Please check what you entered and try again."),
    429: _l("Please wait a minute before trying again."),
    500: _l("The error has been logged. Please try again in a moment."),
}
CSRF_MESSAGE = _l(
    "Your form has expired or did not come from this site. "
    "Reload the page and try again."
)


class DomainError(Exception):
    """A change the rules refuse, with a translated message for the user.

    ``field`` names the form field the message belongs beside, if any;
    ``status`` is the HTTP status to answer with.
    """

    status = 422

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(message)  # lazy: worded when shown, in the reader's language
        self.message = message
        self.field = field


class Conflict(DomainError):
    """The state does not allow it now: a stale page, full capacity, a wrong step."""

    status = 409


@contextmanager
def moved_on(conflict: Conflict) -> Iterator[None]:
    """Write in the block; if the database says the state moved on, refuse.

    A unique index another request filled first, or a version column another
    request moved (``StaleDataError``), means two changes raced and this one
    lost: nothing of it is kept and ``conflict`` tells the user why.
    """
    try:
        yield
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        raise conflict from None


def fail(code: int, message) -> NoReturn:
    """Stop the request with an HTTP error and a message written for the user."""
    error = default_exceptions[code](description=str(message))
    error.user_message = message
    raise error


def refusal_on_form(form, error) -> None:
    """Show a domain error (``message``, ``field``, ``status``) on its form.

    The message goes beside its field, or above the form when it names none; a
    conflict (409: stale page, wrong state) stops the request instead.
    """
    if isinstance(error, Conflict):
        fail(error.status, error.message)
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def _render(code: int, detail=None):
    # A partial for htmx fragments; boosted navigation shows the whole page.
    template = "errors/_error.html" if wants_partial() else "errors/error.html"
    return (
        render_template(
            template,
            code=code,
            title=TITLES.get(code, TITLES[500]),
            message=detail or MESSAGES.get(code, MESSAGES[500]),
        ),
        code,
    )


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, CSRF_MESSAGE)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        # A refusal no view showed on its form: nothing of the change is kept.
        db.session.rollback()
        return _render(error.status, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code >= 500:
            db.session.rollback()
        # Only messages we wrote (see ``fail``) are shown; library descriptions
        # are English and technical, so they give way to translated text.
        return _render(error.code, getattr(error, "user_message", None))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # HTTP errors never reach here: their own handler above is more specific.
        app.logger.exception("Unhandled error", exc_info=error)
        db.session.rollback()
        return _render(500)
