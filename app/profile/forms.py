"""The competency assessment form (one per competency row)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from app.forms import whole_number
from app.profile.services import LEVELS


class AssessmentForm(FlaskForm):
    """A level from 1 to 5 and an optional note."""

    level = StringField(
        _l("Level"),
        validators=[InputRequired(message=_l("Choose a level from 1 to 5."))],
    )
    note = TextAreaField(
        _l("Note"),
        validators=[
            Length(max=500, message=_l("The note can be at most 500 characters."))
        ],
    )

    def validate_level(self, field: StringField) -> None:
        """Accept only the whole numbers 1 to 5."""
        if whole_number(field.data) not in LEVELS:
            raise ValidationError(_l("Choose a level from 1 to 5."))

    @property
    def level_value(self) -> int:
        """The validated level as a number."""
        return whole_number(self.level.data)
