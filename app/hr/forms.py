"""HR's list filters: GET forms, so no CSRF token."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import Length, ValidationError

from app.catalogue import unit_with_descendants
from app.forms import whole_number


class UnitPageFilterForm(Form):
    """A unit, checked against the catalogue's, and a page from 1.

    Subclasses add their fields and label ``unit`` as the list needs.
    """

    unit = StringField(_l("Unit"))
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
    def unit_ids(self) -> set[int] | None:
        """The unit and every unit below it, None for all units."""
        return unit_with_descendants(self.unit_id) if self.unit_id else None

    @property
    def page_number(self) -> int:
        return whole_number(self.page.data) or 1


class DirectoryFilterForm(UnitPageFilterForm):
    """Name/NIP/NI search, unit, rank and page, validated against the catalogues.

    The rank is a PNS pangkat/golongan or a PPPK golongan: any of the catalogue.
    """

    q = StringField(
        _l("Name, NIP or NI PPPK"),
        validators=[Length(max=100, message=_l("Search for at most 100 characters."))],
    )
    rank = StringField(_l("Rank"))

    def __init__(self, formdata, unit_ids: set[int], rank_ids: set[int]) -> None:
        super().__init__(formdata, unit_ids)
        self._rank_ids = rank_ids

    def validate_rank(self, field: StringField) -> None:
        if field.data and whole_number(field.data) not in self._rank_ids:
            raise ValidationError(_l("There is no such rank."))

    @property
    def rank_id(self) -> int | None:
        return whole_number(self.rank.data)
