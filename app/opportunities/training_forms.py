"""The forms of trainings and the JP record: a certificate, a rejection, an
attendance mark, and the filter of HR's list of employees below their target."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, ValidationError

from app.forms import DayField, WholeNumberField, whole_number
from app.models.opportunities import MAX_REASON
from app.opportunities.services.records import JP_RANGE, LIMITS, CertificateFields

DATE = _l("Enter the date as a date (yyyy-mm-dd).")


def _length(name: str) -> Length:
    return Length(
        max=LIMITS[name],
        message=_l("Keep this to %(most)s characters.", most=LIMITS[name]),
    )


class TrainingCertificateForm(FlaskForm):
    """An external training certificate the employee enters."""

    title = StringField(
        _l("Training"),
        validators=[
            InputRequired(message=_l("Enter the name of the training.")),
            _length("title"),
        ],
    )
    provider = StringField(_l("Provider"), validators=[_length("provider")])
    certificate_number = StringField(
        _l("Certificate number"), validators=[_length("certificate_number")]
    )
    completed_on = DayField(
        _l("Completed on"),
        validators=[InputRequired(message=_l("Enter the day it was completed."))],
        invalid=DATE,
    )
    jp = WholeNumberField(
        _l("JP (jam pelajaran)"),
        validators=[InputRequired(message=JP_RANGE)],
        invalid=JP_RANGE,
    )

    def fields(self) -> CertificateFields:
        return CertificateFields(
            title=self.title.data or "",
            provider=self.provider.data or "",
            certificate_number=self.certificate_number.data or "",
            completed_on=self.completed_on.data,
            jp=self.jp.data,
        )


class RejectForm(FlaskForm):
    """Why HR rejects a record."""

    reason = StringField(
        _l("Reason"),
        validators=[
            InputRequired(message=_l("Say why the record is rejected.")),
            Length(
                max=MAX_REASON,
                message=_l("Keep the reason to %(most)s characters.", most=MAX_REASON),
            ),
        ],
    )


class AttendanceForm(FlaskForm):
    """One registered person, attended or absent."""

    registration = StringField()
    outcome = StringField()

    def validate_registration(self, field: StringField) -> None:
        if whole_number(field.data) is None:
            raise ValidationError(_l("Choose a person registered for this training."))

    def validate_outcome(self, field: StringField) -> None:
        if field.data not in ("attended", "absent"):
            raise ValidationError(_l("Choose attended or absent."))

    @property
    def registration_id(self) -> int:
        return whole_number(self.registration.data)

    @property
    def attended(self) -> bool:
        return self.outcome.data == "attended"
