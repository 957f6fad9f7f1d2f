"""Forms of the position catalogue: the list's filters, requirement rows and the
competency standard. A change of an existing row carries the version of it the
page showed (``seen``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from app import catalogue
from app.forms import WholeNumberField, whole_number
from app.hr.positions.requirements import RequirementFields
from app.models import Competency, PositionKind, RequirementKind

KINDS = [kind.value for kind in RequirementKind]
POSITION_KINDS = [kind.value for kind in PositionKind]
STALE_FORM = _l("Reload the page: this form does not say which version it saw.")
BASIS_MISSING = _l("Name the regulation this requirement rests on (its basis).")
LEVEL = _l("Choose a level from 1 to 5.")


def _at_most(count: int) -> Length:
    return Length(
        max=count, message=_l("This can be at most %(max)d characters.", max=count)
    )


class PositionFilterForm(Form):
    """Name/code search, kind and page: a GET form, so no CSRF token."""

    q = StringField(
        _l("Name or code"),
        validators=[Length(max=100, message=_l("Search for at most 100 characters."))],
    )
    kind = StringField(_l("Kind"))
    page = StringField()

    def validate_kind(self, field: StringField) -> None:
        if field.data and field.data not in POSITION_KINDS:
            raise ValidationError(_l("There is no such kind of position."))

    def validate_page(self, field: StringField) -> None:
        if field.data and (whole_number(field.data) or 0) < 1:
            raise ValidationError(_l("The page number must be a whole number from 1."))

    @property
    def position_kind(self) -> PositionKind | None:
        return PositionKind(self.kind.data) if self.kind.data else None

    @property
    def page_number(self) -> int:
        return whole_number(self.page.data) or 1


class SeenForm(FlaskForm):
    """A change of a row, made from the version of it the page showed."""

    seen = StringField(
        validators=[InputRequired(message=STALE_FORM), _at_most(64)],
    )


class KeyForm(FlaskForm):
    """Mark a position as a key post (``key`` checked) or unmark it: the state
    wanted, so that sending it twice changes nothing the second time."""

    key = BooleanField(_l("Key position"))


class RequirementForm(FlaskForm):
    """One requirement row: kind, value(s), basis, blocking, OR-group and note."""

    kind = SelectField(
        _l("Kind"),
        choices=KINDS,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose the kind of requirement."))],
    )
    value = StringField(_l("Value"), validators=[_at_most(80)])
    value_max = StringField(_l("Highest value"), validators=[_at_most(80)])
    param = StringField(_l("Parameter"), validators=[_at_most(200)])
    basis = StringField(
        _l("Basis"),
        validators=[InputRequired(message=BASIS_MISSING), _at_most(160)],
    )
    blocking = BooleanField(_l("Must be met before appointment"))
    alternative = StringField(_l("OR-group"), validators=[_at_most(20)])
    note = TextAreaField(_l("Note"), validators=[_at_most(300)])

    def validate_kind(self, field) -> None:
        if field.data not in KINDS:
            raise ValidationError(_l("Choose the kind of requirement."))

    def fields(self) -> RequirementFields:
        """What the form sets on a requirement row (checked by the service)."""
        return RequirementFields(
            kind=RequirementKind(self.kind.data),
            value=self.value.data or "",
            value_max=self.value_max.data or "",
            param=self.param.data or "",
            basis=self.basis.data or "",
            blocking=bool(self.blocking.data),
            alternative=self.alternative.data or "",
            note=self.note.data or "",
        )


class ChangeRequirementForm(RequirementForm, SeenForm):
    """An existing requirement row, edited."""


class LevelFields:
    """The required level of a competency and the regulation it rests on."""

    required_level = WholeNumberField(
        _l("Required level"),
        validators=[InputRequired(message=LEVEL), NumberRange(1, 5, message=LEVEL)],
        invalid=LEVEL,
    )
    basis = StringField(
        _l("Basis"),
        validators=[
            InputRequired(
                message=_l("Name the regulation this level rests on (its basis).")
            ),
            _at_most(160),
        ],
    )


class AddCompetencyForm(LevelFields, FlaskForm):
    """A competency of the dictionary added to the standard."""

    competency = StringField(
        _l("Competency"),
        validators=[InputRequired(message=_l("Choose a competency."))],
    )

    def validate_competency(self, field) -> None:
        if catalogue.competency_by_code(field.data) is None:
            raise ValidationError(_l("Choose a competency from the dictionary."))

    @property
    def chosen(self) -> Competency:
        """The chosen competency, once the form is valid."""
        return catalogue.competency_by_code(self.competency.data)


class ChangeCompetencyForm(LevelFields, SeenForm):
    """A competency of the standard with a new level or basis."""
