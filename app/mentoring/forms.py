"""Mentoring forms: the mentor profile, filters, requests and answers, sessions
and the rating given on closing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, StringField, TextAreaField
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.forms import DayField, WholeNumberField, whole_number
from app.matching.features import TEACHING_LEVEL
from app.mentoring.services import MESSAGE_LIMIT
from app.mentoring.services.mentorships import SessionFields
from app.models.mentoring import MAX_CAPACITY

MESSAGE_LENGTH = Length(
    max=MESSAGE_LIMIT,
    message=_l("Keep the message to %(most)s characters.", most=MESSAGE_LIMIT),
)
CAPACITY_RANGE = _l("Capacity must be from 1 to %(most)s mentees.", most=MAX_CAPACITY)
SCOPES = ("same", "other")
MINUTES = _l("A session lasts from 15 to 480 minutes.")
RATING = _l("Give a rating from 1 to 5.")
TEXT_LENGTH = Length(
    max=MESSAGE_LIMIT,
    message=_l("Keep this to %(most)s characters.", most=MESSAGE_LIMIT),
)


# -- mentor profile and requests ------------------------------------------


class IdListField(Field):
    """Ids ticked in a group of checkboxes (each sends the same name)."""

    def __init__(self, *args, invalid=None, **kwargs) -> None:
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist) -> None:
        values = [whole_number(value) for value in valuelist if value.strip()]
        if None in values:
            self.data = []
            raise ValueError(str(self.invalid))
        self.data = sorted(set(values))

    def _value(self) -> str:
        return ",".join(str(value) for value in self.data or [])


class MentorProfileForm(FlaskForm):
    """Opting in as a mentor: what, how many mentees, and when."""

    competencies = IdListField(
        _l("Competencies you mentor in"),
        invalid=_l("Choose competencies from the list."),
        description=_l(
            "Only competencies assessed at level %(level)s or higher: from level "
            "%(level)s one guides and develops others (PermenPANRB 38/2017). You are "
            "suggested for a competency only to mentees whose target level in it you "
            "hold; the level shown is yours.",
            level=TEACHING_LEVEL,
        ),
    )
    expertise = TextAreaField(
        _l("Expertise"),
        validators=[
            Length(
                max=MESSAGE_LIMIT,
                message=_l(
                    "Keep the expertise to %(most)s characters.", most=MESSAGE_LIMIT
                ),
            )
        ],
    )
    capacity = WholeNumberField(
        _l("Capacity"),
        validators=[
            InputRequired(message=CAPACITY_RANGE),
            NumberRange(1, MAX_CAPACITY, message=CAPACITY_RANGE),
        ],
        invalid=CAPACITY_RANGE,
    )
    availability = StringField(
        _l("Availability"),
        validators=[
            Length(max=200, message=_l("Keep the availability to 200 characters."))
        ],
    )


class PauseForm(FlaskForm):
    """Pause (1) or resume (0) taking new mentees."""

    paused = StringField(
        validators=[InputRequired(message=_l("Say whether to pause or resume."))]
    )

    def validate_paused(self, field: StringField) -> None:
        if field.data not in ("0", "1"):
            raise ValidationError(_l("Say whether to pause or resume."))

    @property
    def is_paused(self) -> bool:
        return self.paused.data == "1"


class RequestForm(FlaskForm):
    """A request to a mentor: a message and the plan goals it is about."""

    message = TextAreaField(_l("Message"), validators=[MESSAGE_LENGTH])
    goals = IdListField(
        _l("Goals of your plan"), invalid=_l("Choose goals from your own plan.")
    )


class AnswerForm(FlaskForm):
    """The mentor's optional message on accepting or declining."""

    response = TextAreaField(_l("Message to the mentee"), validators=[MESSAGE_LENGTH])


class FindFilterForm(Form):
    """Filters of the mentor search: a GET form, so no CSRF token.

    Values are checked against the catalogues; anything else is a 400.
    """

    competency = StringField(_l("Competency"))
    unit = StringField(_l("Unit"))
    scope = StringField(_l("Where"))
    q = StringField(
        _l("Name or expertise"),
        validators=[Length(max=100, message=_l("Search for at most 100 characters."))],
    )

    def __init__(self, formdata, competencies: dict[str, int], unit_ids: set[int]):
        super().__init__(formdata)
        self._competencies = competencies
        self._unit_ids = unit_ids

    def validate_competency(self, field: StringField) -> None:
        if field.data and field.data not in self._competencies:
            raise ValidationError(_l("Choose a competency from the list."))

    def validate_unit(self, field: StringField) -> None:
        if field.data and self.unit_id not in self._unit_ids:
            raise ValidationError(_l("There is no such unit."))

    def validate_scope(self, field: StringField) -> None:
        if field.data and field.data not in SCOPES:
            raise ValidationError(_l("Choose my unit, other units or everywhere."))

    @property
    def competency_id(self) -> int | None:
        return self._competencies.get(self.competency.data or "")

    @property
    def unit_id(self) -> int | None:
        return whole_number(self.unit.data)


# -- the mentorship page --------------------------------------------------


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
