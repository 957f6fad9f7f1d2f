"""Sign-in form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from app.nip import InvalidNip, looks_like_nip, parse_number


class LoginForm(FlaskForm):
    """NIP (PNS), NI (PPPK) or e-mail address, and password."""

    identifier = StringField(
        _l("NIP, NI PPPK or e-mail address"),
        validators=[
            InputRequired(message=_l("Enter your NIP, NI PPPK or e-mail address.")),
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
        """A typed NIP or NI must be well formed; that reveals nothing about accounts.

        The 13th digit tells which one was meant (2 and up: an NI), so each gets
        its own format's message.
        """
        if looks_like_nip(field.data):
            try:
                parse_number(field.data)
            except InvalidNip as error:
                raise ValidationError(error.message) from None
