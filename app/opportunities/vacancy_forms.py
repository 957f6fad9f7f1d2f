"""The vacancy's forms: an application's motivation, and HR's decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.models import ApplicationStatus
from app.models.opportunities import MAX_MOTIVATION, MAX_REASON


class ApplyForm(FlaskForm):
    """An application: a short motivation."""

    motivation = TextAreaField(
        _l("Motivation"),
        validators=[
            InputRequired(_l("Say briefly why you apply for this position.")),
            Length(
                max=MAX_MOTIVATION,
                message=_l(
                    "Keep the motivation to %(most)s characters.", most=MAX_MOTIVATION
                ),
            ),
        ],
    )


class DecisionForm(FlaskForm):
    """HR's decision on one applicant, with its reason."""

    # selected or not_selected; any other value the service refuses
    decision = StringField(
        _l("Decision"),
        validators=[InputRequired(_l("Choose selected or not selected."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[
            InputRequired(_l("Give the reason for the decision.")),
            Length(
                max=MAX_REASON,
                message=_l("Keep the reason to %(most)s characters.", most=MAX_REASON),
            ),
        ],
    )

    def status(self) -> ApplicationStatus | None:
        """The decision chosen, if it is one."""
        try:
            return ApplicationStatus(self.decision.data)
        except ValueError:
            return None
