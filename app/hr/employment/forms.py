"""The JP target form of one employment type."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length, NumberRange

from app.forms import WholeNumberField
from app.hr.employment.services import MAX_JP
from app.hr.positions.forms import SeenForm

JP_RANGE = _l("The JP target must be a whole number from 0 to %(max)d.", max=MAX_JP)


class JpTargetForm(SeenForm):
    """The yearly JP target and its basis, from the version the page showed."""

    jp_target = WholeNumberField(
        _l("Yearly JP target"),
        validators=[InputRequired(message=JP_RANGE), NumberRange(0, MAX_JP, JP_RANGE)],
        invalid=JP_RANGE,
    )
    jp_basis = StringField(
        _l("Basis"),
        validators=[
            InputRequired(
                message=_l("Name the regulation the JP target rests on (its basis).")
            ),
            Length(
                max=160, message=_l("This can be at most %(max)d characters.", max=160)
            ),
        ],
    )
