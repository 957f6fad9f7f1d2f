"""Guards where input enters, before any view sees it: input no view could answer
well is refused once here, with a 4xx and a translated message.

- An id in a URL beyond what the database holds is a 404 (the ``int`` converter):
  the database would fail on it (SQLite above 2**63 - 1, PostgreSQL's ``integer``
  above 2**31 - 1) instead of finding nothing.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, Map, ValidationError

from app.forms import MAX_INTEGER


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
    """Install the guards before the blueprints (their rules use the converter)."""
    app.url_map.converters["int"] = IdConverter
