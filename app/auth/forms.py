"""Sign-in form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from app.nip import InvalidNip, looks_like_nip, parse_nip


class LoginForm(FlaskForm):
    """NIP or e-mail address, and password."""

    identifier = StringField(
        _l("NIP or e-mail address"),
        validators=[
            InputRequired(message=_l("Enter your NIP or e-mail address.")),
            Length(max=254, message=_l("That is too long for an NIP or e-mail.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            InputRequired(message=_l("Enter your password.")),
            Length(max=200, message=_l("That password is too long.")),
        ],
    )
    remember = BooleanField(_l("Keep me signed in on this device"))

    def validate_identifier(self, field: StringField) -> None:
        """A typed NIP must be well formed; that reveals nothing about accounts."""
        if looks_like_nip(field.data):
            try:
                parse_nip(field.data)
            except InvalidNip as error:
                raise ValidationError(error.message) from None
