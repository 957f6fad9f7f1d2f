"""Forms of the mentorship page: a session, and a rating when it closes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms import DayField, WholeNumberField
from app.mentoring.services import MESSAGE_LIMIT
from app.mentoring.sessions import SessionFields

MINUTES = _l("A session lasts from 15 to 480 minutes.")
RATING = _l("Give a rating from 1 to 5.")
TEXT_LENGTH = Length(
    max=MESSAGE_LIMIT,
    message=_l("Keep this to %(most)s characters.", most=MESSAGE_LIMIT),
)


class SessionForm(FlaskForm):
    """One meeting: when, how long, what about, and the plan activity it serves."""

    held_on = DayField(
        _l("Date"),
        validators=[InputRequired(message=_l("Enter the date of the session."))],
        invalid=_l("Enter the date as a date (yyyy-mm-dd)."),
    )
    minutes = WholeNumberField(
        _l("Duration (minutes)"),
        validators=[
            InputRequired(message=_l("Enter how many minutes the session took.")),
            NumberRange(15, 480, message=MINUTES),
        ],
        invalid=MINUTES,
    )
    topic = StringField(
        _l("Topic"),
        validators=[
            InputRequired(message=_l("Say what the session was about.")),
            Length(max=200, message=_l("Keep the topic to 200 characters.")),
        ],
    )
    notes = TextAreaField(_l("Notes"), validators=[TEXT_LENGTH])
    next_steps = TextAreaField(_l("Agreed next steps"), validators=[TEXT_LENGTH])
    activity_id = WholeNumberField(
        _l("Plan activity"),
        validators=[Optional()],
        invalid=_l("Choose a mentoring activity from the mentee's plan."),
    )

    def fields(self) -> SessionFields:
        """What the service records."""
        return SessionFields(
            held_on=self.held_on.data,
            minutes=self.minutes.data,
            topic=self.topic.data or "",
            notes=self.notes.data or "",
            next_steps=self.next_steps.data or "",
            activity_id=self.activity_id.data,
        )


class FeedbackForm(FlaskForm):
    """A side's rating (1..5) and comment, given on closing or afterwards."""

    rating = WholeNumberField(
        _l("Rating"),
        validators=[InputRequired(message=RATING), NumberRange(1, 5, message=RATING)],
        invalid=RATING,
    )
    comment = TextAreaField(_l("Comment"), validators=[TEXT_LENGTH])
