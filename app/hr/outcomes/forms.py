"""The outcome page's filter: the mentors' unit and the page (a GET form, no CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField

from app.catalogue import unit_with_descendants
from app.hr.forms import UnitPageFilterForm


class OutcomeFilterForm(UnitPageFilterForm):
    """A unit (with the units below it) of the mentors, and a page from 1."""

    unit = StringField(_l("Unit of the mentor"))

    @property
    def mentor_unit_ids(self) -> set[int] | None:
        """The unit and every unit below it, None for all units."""
        return unit_with_descendants(self.unit_id) if self.unit_id else None
