"""Form pieces every area uses: whole numbers read safely, translated parse errors."""

from __future__ import annotations

from wtforms import DateField, IntegerField


def whole_number(value: str | None, max_digits: int = 12) -> int | None:
    """A whole number written in plain digits (0-9), else None.

    ``str.isdigit`` alone is not enough: it accepts "²" and other digits that
    ``int`` refuses, which would turn a typo in a URL into a server error.
    """
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= max_digits:
        return int(value)
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
    """An integer whose parse error is translated."""


class DayField(_Message, DateField):
    """A date (yyyy-mm-dd, as <input type=date> sends) with a translated error."""
