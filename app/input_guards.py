"""Guards where input enters, before any view sees it: input no view could answer
well is refused once here, with a 4xx and a translated message.

- An id in a URL beyond what the database holds is a 404 (the ``int`` converter):
  the database would fail on it (SQLite above 2**63 - 1, PostgreSQL's ``integer``
  above 2**31 - 1) instead of finding nothing.
- A NUL character in the path, the query string or a form is a 400: PostgreSQL
  refuses it in text, so the query would fail deep inside a view.
- A file part is a 400 on every endpoint that takes no files (none does yet): a
  text field would receive a file object instead of a string.
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, Map, ValidationError

from app.errors import fail
from app.forms import MAX_INTEGER

# Endpoints that take uploads; every other one refuses file parts.
FILE_ENDPOINTS: frozenset[str] = frozenset()

NUL_REFUSED = _l(
    "The input or link contains a character that cannot be used. "
    "Check it and try again."
)
FILES_REFUSED = _l("This page does not take files. Send the form without them.")


class IdConverter(IntegerConverter):
    """``<int:...>`` in a route: a whole number up to ``MAX_INTEGER``, else 404."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_INTEGER,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str) -> int:
        # Werkzeug turns a refused value into a 405 when another rule has the same
        # path for another method; no record has this id, whatever the method.
        try:
            return super().to_python(value)
        except ValidationError:
            raise NotFound() from None


def init_app(app: Flask) -> None:
    """Install the guards: before the blueprints (their rules use the converter)
    and before the extensions (the input is refused before anything reads it)."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_unusable_input)


def refuse_unusable_input() -> None:
    """Stop a request carrying a NUL character, or files where none are taken."""
    if "\x00" in request.path or _holds_nul(request.args) or _holds_nul(request.form):
        fail(400, NUL_REFUSED)
    if request.files and request.endpoint not in FILE_ENDPOINTS:
        fail(400, FILES_REFUSED)


def _holds_nul(values: MultiDict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in items)
        for key, items in values.lists()
    )
