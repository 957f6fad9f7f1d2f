"""The dashboard's filters: unit (its sub-units included), period, rank,
position kind and employment type.

A filter that is unknown or malformed is dropped with a notice rather than
refused: the figures without it are still worth seeing (never a 500, never a
blank page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import ValidationError

from app import catalogue
from app.forms import whole_number
from app.models import EmploymentType, PositionKind

EARLIEST_PERIOD = 2000


class DashboardFilterForm(Form):
    """The GET form of every monitoring view; its fields are query parameters."""

    unit = StringField(_l("Unit"))
    period = StringField(_l("Year"))
    rank = StringField(_l("Rank"))
    kind = StringField(_l("Position kind"))
    employment = StringField(_l("Employment type"))

    def __init__(self, formdata, today: date) -> None:
        super().__init__(formdata)
        self._today = today

    def validate_unit(self, field) -> None:
        if field.data and whole_number(field.data) not in _unit_ids():
            raise ValidationError(_l("There is no such unit."))

    def validate_period(self, field) -> None:
        year = whole_number(field.data) if field.data else self._today.year
        if year is None or not EARLIEST_PERIOD <= year <= self._today.year + 1:
            raise ValidationError(
                _l(
                    "Choose a year from %(first)d to %(last)d.",
                    first=EARLIEST_PERIOD,
                    last=self._today.year + 1,
                )
            )

    def validate_rank(self, field) -> None:
        if field.data and whole_number(field.data) not in {
            rank.id for rank in catalogue.ranks()
        }:
            raise ValidationError(_l("There is no such rank."))

    def validate_kind(self, field) -> None:
        if field.data and field.data not in {kind.value for kind in PositionKind}:
            raise ValidationError(_l("There is no such position kind."))

    def validate_employment(self, field) -> None:
        if field.data and field.data not in {kind.value for kind in EmploymentType}:
            raise ValidationError(_l("Choose PNS or PPPK."))

    def filters(self) -> Filters:
        """The filters that hold; each refused one is cleared and named."""
        self.validate()
        ignored = []
        for form_field in self:
            if form_field.errors:
                name = form_field.label.text
                ignored.extend(f"{name}: {message}" for message in form_field.errors)
                form_field.data = ""
        return Filters(
            unit_id=whole_number(self.unit.data) if self.unit.data else None,
            period=whole_number(self.period.data or "") or self._today.year,
            rank_id=whole_number(self.rank.data) if self.rank.data else None,
            kind=PositionKind(self.kind.data) if self.kind.data else None,
            employment_type=EmploymentType(self.employment.data)
            if self.employment.data
            else None,
            ignored=tuple(ignored),
        )


def _unit_ids() -> set[int]:
    return {unit.id for unit in catalogue.units()}


@dataclass(frozen=True)
class Filters:
    """What the viewer narrowed the figures to; ``ignored`` names what was
    dropped as unknown or malformed."""

    period: int
    unit_id: int | None = None
    rank_id: int | None = None
    kind: PositionKind | None = None
    employment_type: EmploymentType | None = None
    ignored: tuple[str, ...] = field(default=(), compare=False)

    @property
    def unit_ids(self) -> set[int] | None:
        """The unit and every unit below it; None for all units."""
        return catalogue.unit_with_descendants(self.unit_id) if self.unit_id else None

    def args(self, **changes) -> dict[str, str]:
        """The query parameters that reproduce these filters (with ``changes``:
        e.g. ``unit=`` another unit to drill down), for links and exports."""
        values = {
            "unit": self.unit_id,
            "period": self.period,
            "rank": self.rank_id,
            "kind": self.kind.value if self.kind else None,
            "employment": self.employment_type.value if self.employment_type else None,
        }
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value}
