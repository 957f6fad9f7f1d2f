"""The forms of the records page: each builds the input of its use case."""

from __future__ import annotations

import enum
import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.forms import DayField, WholeNumberField, whole_number
from app.models import (
    Education,
    EmploymentType,
    Expectation,
    PenaltySeverity,
    ServiceStatus,
    TalentLevel,
)
from app.records.services import LIMITS
from app.records.services.certificates import JP_RANGE, CertificateFields
from app.records.services.employment import EmploymentFields
from app.records.services.entries import (
    CREDIT_POINTS_RANGE,
    CreditPointFields,
    PenaltyFields,
    RatingFields,
)
from app.records.services.potentials import (
    BASIS_MAX,
    NOTE_MAX,
    PotentialFields,
)

DATE = _l("Enter the date as a date (yyyy-mm-dd).")
# Up to five whole digits and three decimals, with a point or (Indonesian) a comma.
CREDIT_POINTS = re.compile(r"\d{1,5}(?:[.,]\d{1,3})?")


def one_of(choices: type[enum.Enum], message) -> object:
    """A validator: the value is one of an enumeration's values."""
    values = {member.value for member in choices}

    def check(form, field) -> None:
        if field.data not in values:
            raise ValidationError(message)

    return check


def length(name: str) -> Length:
    """The column's length, with the message every text field of the area shows."""
    return Length(
        max=LIMITS[name],
        message=_l("Keep this to %(most)s characters.", most=LIMITS[name]),
    )


class EmploymentForm(FlaskForm):
    """Employment type, rank, service status, education and TMT jabatan."""

    employment_type = StringField(
        _l("Employment type"),
        validators=[
            one_of(EmploymentType, _l("Choose PNS or PPPK.")),
        ],
    )
    rank = StringField(_l("Rank"))
    service_status = StringField(
        _l("Service status"),
        validators=[one_of(ServiceStatus, _l("Choose a service status."))],
    )
    education = StringField(
        _l("Education"),
        validators=[Optional(), one_of(Education, _l("Choose an education level."))],
    )
    education_field = StringField(
        _l("Field of study"), validators=[length("education_field")]
    )
    position_since = DayField(_l("TMT jabatan"), validators=[Optional()], invalid=DATE)

    def validate_rank(self, field: StringField) -> None:
        if field.data and whole_number(field.data) is None:
            raise ValidationError(_l("Choose a rank from the catalogue."))

    def fields(self) -> EmploymentFields:
        """What the service records."""
        return EmploymentFields(
            employment_type=EmploymentType(self.employment_type.data),
            rank_id=whole_number(self.rank.data),
            service_status=ServiceStatus(self.service_status.data),
            education=Education(self.education.data) if self.education.data else None,
            education_field=self.education_field.data or "",
            position_since=self.position_since.data,
        )


EXPECTATION = _l("Choose below, as or above expectations.")


class RatingForm(FlaskForm):
    """One year's SKP: hasil kerja and perilaku kerja against expectations."""

    year = WholeNumberField(
        _l("Year"),
        validators=[InputRequired(message=_l("Enter the year of the SKP."))],
        invalid=_l("Enter the year as a whole number, e.g. 2024."),
    )
    hasil_kerja = StringField(
        _l("Work results (hasil kerja)"),
        validators=[one_of(Expectation, EXPECTATION)],
    )
    perilaku = StringField(
        _l("Work behaviour (perilaku kerja)"),
        validators=[one_of(Expectation, EXPECTATION)],
    )

    def fields(self) -> RatingFields:
        return RatingFields(
            year=self.year.data,
            hasil_kerja=Expectation(self.hasil_kerja.data),
            perilaku=Expectation(self.perilaku.data),
        )


class PotentialForm(FlaskForm):
    """One year's potential (talent assessment) and the assessment it rests on."""

    year = WholeNumberField(
        _l("Year"),
        validators=[InputRequired(message=_l("Enter the year of the assessment."))],
        invalid=_l("Enter the year as a whole number, e.g. 2024."),
    )
    level = StringField(
        _l("Potential"),
        validators=[one_of(TalentLevel, _l("Choose low, medium or high potential."))],
    )
    basis = StringField(
        _l("Assessment it rests on"),
        validators=[
            InputRequired(message=_l("Name the assessment the potential rests on.")),
            Length(
                max=BASIS_MAX,
                message=_l("Keep this to %(most)s characters.", most=BASIS_MAX),
            ),
        ],
    )
    note = StringField(
        _l("Note"),
        validators=[
            Length(
                max=NOTE_MAX,
                message=_l("Keep this to %(most)s characters.", most=NOTE_MAX),
            )
        ],
    )

    def fields(self) -> PotentialFields:
        return PotentialFields(
            year=self.year.data,
            level=self.level.data or "",
            basis=self.basis.data or "",
            note=self.note.data or "",
        )


class PenaltyForm(FlaskForm):
    """A disciplinary penalty: level, decree, what for, and its period."""

    severity = StringField(
        _l("Level"),
        validators=[
            one_of(PenaltySeverity, _l("Choose a light, moderate or severe penalty."))
        ],
    )
    decree = StringField(
        _l("Decree number (nomor SK)"),
        validators=[
            InputRequired(message=_l("Enter the number of the decree (nomor SK).")),
            length("decree"),
        ],
    )
    description = StringField(_l("Penalty"), validators=[length("description")])
    starts_on = DayField(
        _l("From"),
        validators=[InputRequired(message=_l("Enter the first day of the penalty."))],
        invalid=DATE,
    )
    ends_on = DayField(
        _l("Until"),
        validators=[InputRequired(message=_l("Enter the last day of the penalty."))],
        invalid=DATE,
    )

    def fields(self) -> PenaltyFields:
        return PenaltyFields(
            severity=PenaltySeverity(self.severity.data),
            decree=self.decree.data or "",
            description=self.description.data or "",
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
        )


class CreditPointForm(FlaskForm):
    """The cumulative credit points as of a date, with the PAK it comes from."""

    total = StringField(
        _l("Cumulative credit points"),
        validators=[InputRequired(message=CREDIT_POINTS_RANGE)],
    )
    as_of = DayField(
        _l("As of"),
        validators=[InputRequired(message=_l("Enter the date of the total."))],
        invalid=DATE,
    )
    note = StringField(_l("PAK number or note"), validators=[length("note")])

    def validate_total(self, field: StringField) -> None:
        if not CREDIT_POINTS.fullmatch((field.data or "").strip()):
            raise ValidationError(CREDIT_POINTS_RANGE)

    def fields(self) -> CreditPointFields:
        return CreditPointFields(
            total=Decimal(self.total.data.strip().replace(",", ".")),
            as_of=self.as_of.data,
            note=self.note.data or "",
        )


class CertificateForm(FlaskForm):
    """A certificate or completed training; a competency test names its position."""

    type = StringField(
        _l("Type"),
        validators=[InputRequired(message=_l("Choose a type from the catalogue."))],
    )
    number = StringField(_l("Number"), validators=[length("number")])
    issued_on = DayField(
        _l("Issued on"),
        validators=[InputRequired(message=_l("Enter the date of issue."))],
        invalid=DATE,
    )
    valid_until = DayField(_l("Valid until"), validators=[Optional()], invalid=DATE)
    position = StringField(_l("Position tested for"))
    jp = WholeNumberField(_l("JP"), validators=[Optional()], invalid=JP_RANGE)

    def fields(self) -> CertificateFields:
        return CertificateFields(
            type_code=self.type.data,
            number=self.number.data or "",
            issued_on=self.issued_on.data,
            valid_until=self.valid_until.data,
            position_code=self.position.data or None,
            jp=self.jp.data,
        )
