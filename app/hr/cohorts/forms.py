"""Cohort matching input: the criteria (a GET form) and the confirmed pairs."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Form, StringField
from wtforms.validators import ValidationError

from app.catalogue import unit_with_descendants
from app.forms import whole_number
from app.hr.cohorts.services import MAX_COHORT, CohortError, CohortUnreadable
from app.hr.cohorts.services.proposal import Criteria, MenteeChoice
from app.models import Unit

CRITERIA_FIELDS = ("mentees", "unit", "mentor_unit")
UNREADABLE = _l("The chosen pairs could not be read. Reload the page and try again.")


class CohortForm(Form):
    """Which mentees and mentors to match: a GET form, so no CSRF token.

    A unit means the unit and every unit below it, for mentees and mentors alike.
    """

    mentees = StringField(_l("Mentees"), default=MenteeChoice.APPROVED.value)
    unit = StringField(_l("Unit of the mentees"))
    mentor_unit = StringField(_l("Mentors"))

    def __init__(self, formdata, units: Sequence[Unit]) -> None:
        super().__init__(formdata)
        self._units = units
        self._unit_ids = {unit.id for unit in units}

    def validate_mentees(self, field: StringField) -> None:
        if field.data not in {choice.value for choice in MenteeChoice}:
            raise ValidationError(_l("Choose which mentees to match."))

    def validate_unit(self, field: StringField) -> None:
        if field.data and whole_number(field.data) not in self._unit_ids:
            raise ValidationError(_l("There is no such unit."))

    def validate_mentor_unit(self, field: StringField) -> None:
        if field.data and whole_number(field.data) not in self._unit_ids:
            raise ValidationError(_l("There is no such unit."))

    @property
    def unit_id(self) -> int | None:
        return whole_number(self.unit.data)

    @property
    def mentor_unit_id(self) -> int | None:
        return whole_number(self.mentor_unit.data)

    def criteria(self) -> Criteria:
        """The validated choices, units widened to their sub-units."""
        return Criteria(
            mentees=MenteeChoice(self.mentees.data),
            unit_ids=self._below(self.unit_id),
            mentor_unit_ids=self._below(self.mentor_unit_id),
        )

    def _below(self, unit_id: int | None) -> set[int] | None:
        return unit_with_descendants(unit_id) if unit_id else None

    def query_args(self) -> dict[str, str]:
        """The criteria that are set, for a clean shareable URL."""
        return {name: self[name].data for name in CRITERIA_FIELDS if self[name].data}


def parse_pairs(formdata: MultiDict) -> list[tuple[int, int]]:
    """The (mentee, mentor) pairs of the ticked rows; "no mentor" rows drop out.

    Each ticked row sends ``mentee_id`` and its choice ``mentor_<mentee_id>``
    (a mentor's id, or empty for no mentor). Anything malformed refuses all.
    """
    ticked: Collection[str] = formdata.getlist("mentee_id")
    if not ticked:
        raise CohortError(_l("Tick at least one pair to send requests."))
    if len(ticked) > MAX_COHORT:
        raise CohortUnreadable(
            _l("Confirm at most %(most)s pairs at once.", most=MAX_COHORT)
        )
    pairs, seen = [], set()
    for raw in ticked:
        mentee_id = whole_number(raw)
        choice = formdata.get(f"mentor_{raw}")
        if mentee_id is None or mentee_id in seen or choice is None:
            raise CohortUnreadable(UNREADABLE)
        seen.add(mentee_id)
        if not choice:
            continue
        mentor_id = whole_number(choice)
        if mentor_id is None:
            raise CohortUnreadable(UNREADABLE)
        pairs.append((mentee_id, mentor_id))
    return pairs
