"""The outcome page's filter: the mentors' unit and the page (a GET form, no CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField

from app.hr.forms import UnitPageFilterForm


class OutcomeFilterForm(UnitPageFilterForm):
    """A unit of the mentors (with the units below it: ``unit_ids``), and a
    page from 1."""

    unit = StringField(_l("Unit of the mentor"))
