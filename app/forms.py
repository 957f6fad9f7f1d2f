"""Form pieces every area uses: whole numbers read safely, translated parse errors."""

from __future__ import annotations

from wtforms import DateField, IntegerField

# The largest whole number input may carry: PostgreSQL's ``integer``, the type of
# every id (SQLite's stops at 2**63 - 1). A larger id, page or level never exists,
# and the database would refuse it with an error instead of finding nothing.
MAX_INTEGER = 2**31 - 1


def whole_number(value: str | None, largest: int = MAX_INTEGER) -> int | None:
    """A whole number up to ``largest`` written in plain digits (0-9), else None.

    ``str.isdigit`` alone is not enough: it accepts "²" and other digits that
    ``int`` refuses, which would turn a typo in a URL into a server error.
    """
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= len(str(largest)):
        number = int(value)
        if number <= largest:
            return number
    return None


class _Message:
    """Replace a field's own English parse error with a translated message."""

    def __init__(self, *args, invalid=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(self.invalid)) from None


class WholeNumberField(_Message, IntegerField):
    """An integer whose parse error is translated; beyond ``MAX_INTEGER`` either
    way it is an error too, with the same message."""

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and abs(self.data) > MAX_INTEGER:
            self.data = None
            raise ValueError(str(self.invalid))


class DayField(_Message, DateField):
    """A date (yyyy-mm-dd, as <input type=date> sends) with a translated error."""
