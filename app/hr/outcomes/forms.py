"""The outcome page's filter: the mentors' unit and the page (a GET form, no CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import ValidationError

from app.catalogue import unit_with_descendants
from app.forms import whole_number


class OutcomeFilterForm(Form):
    """A unit (with the units below it) of the mentors, and a page from 1."""

    unit = StringField(_l("Unit of the mentor"))
    page = StringField()

    def __init__(self, formdata, unit_ids: set[int]) -> None:
        super().__init__(formdata)
        self._unit_ids = unit_ids

    def validate_unit(self, field: StringField) -> None:
        if field.data and whole_number(field.data) not in self._unit_ids:
            raise ValidationError(_l("There is no such unit."))

    def validate_page(self, field: StringField) -> None:
        if field.data and (whole_number(field.data) or 0) < 1:
            raise ValidationError(_l("The page number must be a whole number from 1."))

    @property
    def unit_id(self) -> int | None:
        return whole_number(self.unit.data)

    @property
    def mentor_unit_ids(self) -> set[int] | None:
        """The unit and every unit below it, None for all units."""
        return unit_with_descendants(self.unit_id) if self.unit_id else None

    @property
    def page_number(self) -> int:
        return whole_number(self.page.data) or 1
