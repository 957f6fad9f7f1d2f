"""Forms of the career plan: each change carries the plan version it saw."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app import catalogue
from app.forms import DayField, WholeNumberField
from app.models import ActivityKind, ActivityStatus, Position
from app.plans.services.goals import MAX_ACTIVITY_JP, ActivityFields, GoalFields

STALE = _l("Reload the page: this form does not say which version of the plan it saw.")


class VersionedForm(FlaskForm):
    """A change to a plan, made from the version the page showed."""

    version = WholeNumberField(validators=[InputRequired(message=STALE)], invalid=STALE)


class TargetField:
    """A target position chosen from the catalogue by its code."""

    target = StringField(
        _l("Target position"),
        validators=[InputRequired(message=_l("Choose a target position."))],
    )

    def validate_target(self, field) -> None:
        if catalogue.position_by_code(field.data) is None:
            raise ValidationError(_l("Choose a position from the catalogue."))

    @property
    def position(self) -> Position:
        """The chosen position, once the form is valid."""
        return catalogue.position_by_code(self.target.data)


class NewPlanForm(TargetField, FlaskForm):
    """Period and target position of a new plan."""

    period = WholeNumberField(
        _l("Period"),
        validators=[InputRequired(message=_l("Choose the period of the plan."))],
        invalid=_l("Choose this year or next year as the period."),
    )


class TargetForm(TargetField, VersionedForm):
    """Another target position for a draft plan."""


class GoalForm(VersionedForm):
    """A goal: a competency to raise, or a free aim."""

    title = StringField(
        _l("Goal"),
        validators=[
            InputRequired(message=_l("Give the goal a title.")),
            Length(max=200, message=_l("The title can be at most 200 characters.")),
        ],
    )
    competency = StringField(_l("Competency"), validators=[Optional()])
    target_level = WholeNumberField(
        _l("Target level"),
        validators=[
            Optional(),
            NumberRange(1, 5, message=_l("Choose a level from 1 to 5.")),
        ],
        invalid=_l("Choose a level from 1 to 5."),
    )
    note = TextAreaField(
        _l("Note"),
        validators=[
            Length(max=1000, message=_l("The note can be at most 1000 characters."))
        ],
    )

    def validate_competency(self, field) -> None:
        if field.data and catalogue.competency_by_code(field.data) is None:
            raise ValidationError(_l("Choose a competency from the dictionary."))

    def fields(self) -> GoalFields:
        """What the form sets on a goal."""
        return GoalFields(
            title=self.title.data,
            competency=catalogue.competency_by_code(self.competency.data),
            target_level=self.target_level.data,
            note=self.note.data or "",
        )


KINDS = [kind.value for kind in ActivityKind]
STATUSES = [status.value for status in ActivityStatus]
JP_RANGE = _l("Planned JP must be from 0 to %(max)d.", max=MAX_ACTIVITY_JP)
EVIDENCE_LENGTH = Length(
    max=2000, message=_l("The evidence note can be at most 2000 characters.")
)


class ActivityForm(VersionedForm):
    """A development activity with its JP, due date, status and evidence."""

    kind = SelectField(
        _l("Kind"),
        choices=KINDS,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose the kind of activity."))],
    )
    title = StringField(
        _l("Activity"),
        validators=[
            InputRequired(message=_l("Give the activity a title.")),
            Length(max=200, message=_l("The title can be at most 200 characters.")),
        ],
    )
    planned_jp = WholeNumberField(
        _l("Planned JP"),
        validators=[
            InputRequired(message=_l("Enter the planned JP (0 if none).")),
            NumberRange(0, MAX_ACTIVITY_JP, message=JP_RANGE),
        ],
        invalid=_l("Planned JP must be a whole number."),
    )
    due_date = DayField(
        _l("Due date"),
        validators=[InputRequired(message=_l("Enter a due date."))],
        invalid=_l("Enter the due date as a date (yyyy-mm-dd)."),
    )
    status = SelectField(
        _l("Status"),
        choices=STATUSES,
        validate_choice=False,
        default="planned",
    )
    evidence = TextAreaField(_l("Evidence"), validators=[EVIDENCE_LENGTH])

    def validate_kind(self, field) -> None:
        if field.data not in KINDS:
            raise ValidationError(_l("Choose the kind of activity."))

    def validate_status(self, field) -> None:
        if field.data not in STATUSES:
            raise ValidationError(_l("Choose a status from the list."))

    def fields(self) -> ActivityFields:
        """What the form sets on an activity."""
        return ActivityFields(
            kind=ActivityKind(self.kind.data),
            title=self.title.data,
            planned_jp=self.planned_jp.data,
            due_date=self.due_date.data,
            status=ActivityStatus(self.status.data),
            evidence=self.evidence.data or "",
        )


class StatusForm(VersionedForm):
    """Progress on one activity: its status and, optionally, evidence."""

    status = SelectField(_l("Status"), choices=STATUSES, validate_choice=False)
    evidence = TextAreaField(_l("Evidence"), validators=[Optional(), EVIDENCE_LENGTH])

    def validate_status(self, field) -> None:
        if field.data not in STATUSES:
            raise ValidationError(_l("Choose a status from the list."))


class MoveForm(VersionedForm):
    """One place up or down."""

    direction = StringField(
        validators=[InputRequired(message=_l("It cannot move further that way."))]
    )


class ReviewForm(VersionedForm):
    """The supervisor's comment on approving or returning a plan."""

    comment = TextAreaField(
        _l("Comment"),
        validators=[
            Length(max=2000, message=_l("The comment can be at most 2000 characters."))
        ],
    )
