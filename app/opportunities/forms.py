"""Forms of publishing and browsing opportunities: the lists' filters, HR's
opportunity form (one form, the fields of its kind shown) and the publish and
close buttons. A change carries the version of the opportunity its page showed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    Form,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app import catalogue
from app.forms import DayField, WholeNumberField, whole_number
from app.models import Opportunity, OpportunityKind, OpportunityStatus, TrainingMode
from app.opportunities.services.publishing import (
    DEFAULT_WEIGHTS,
    LIMITS,
    OpportunityFields,
    for_kind,
    problems_of,
)

KINDS = [kind.value for kind in OpportunityKind]
STATUSES = [status.value for status in OpportunityStatus]
MODES = [mode.value for mode in TrainingMode]
STALE_FORM = _l("Reload the page: this form does not say which version it saw.")
DAY = _l("Enter a date as yyyy-mm-dd.")
WHOLE = _l("Enter a whole number.")
PERCENT = _l("Enter a whole percentage from 0 to 100.")
MAX_REASON = 500


def _at_most(count: int) -> Length:
    return Length(
        max=count, message=_l("Keep this to %(most)d characters.", most=count)
    )


class _Filters(Form):
    """Search, kind and page: a GET form, so no CSRF token."""

    q = StringField(
        _l("Search"),
        validators=[Length(max=100, message=_l("Search for at most 100 characters."))],
    )
    kind = StringField(_l("Kind"))
    page = StringField()

    def validate_kind(self, field: StringField) -> None:
        if field.data and field.data not in KINDS:
            raise ValidationError(_l("There is no such kind of opportunity."))

    def validate_page(self, field: StringField) -> None:
        if field.data and (whole_number(field.data) or 0) < 1:
            raise ValidationError(_l("The page number must be a whole number from 1."))

    @property
    def opportunity_kind(self) -> OpportunityKind | None:
        return OpportunityKind(self.kind.data) if self.kind.data else None

    @property
    def page_number(self) -> int:
        return whole_number(self.page.data) or 1


class ManageFilterForm(_Filters):
    """HR's list: also by status (draft, published, closed)."""

    status = StringField(_l("Status"))

    def validate_status(self, field: StringField) -> None:
        if field.data and field.data not in STATUSES:
            raise ValidationError(_l("There is no such status."))

    @property
    def opportunity_status(self) -> OpportunityStatus | None:
        return OpportunityStatus(self.status.data) if self.status.data else None


class BrowseFilterForm(_Filters):
    """Everyone's list: open ones, or the closed ones for the record."""

    status = StringField(_l("Show"))

    def validate_status(self, field: StringField) -> None:
        if field.data and field.data != "closed":
            raise ValidationError(_l("Show the open or the closed opportunities."))

    @property
    def closed(self) -> bool:
        return self.status.data == "closed"


class OpportunityForm(FlaskForm):
    """An opportunity of ``kind``: the common fields and those of its kind.

    The rules (dates in order, JP, quota, posts, weights adding up to 100) are
    the service's ``problems_of``; the form shows each beside its field.
    """

    title = StringField(
        _l("Title"),
        validators=[InputRequired(message=_l("Enter a title.")), _at_most(200)],
    )
    description = TextAreaField(
        _l("Description"), validators=[_at_most(LIMITS["description"])]
    )
    opens_on = DayField(_l("Opens on"), invalid=DAY)
    closes_on = DayField(_l("Closes on"), invalid=DAY)
    audience = StringField(
        _l("Who it is for"), validators=[_at_most(LIMITS["audience"])]
    )
    provider = StringField(_l("Provider"), validators=[_at_most(LIMITS["provider"])])
    mode = SelectField(_l("Mode"), choices=MODES, validate_choice=False)
    starts_on = DayField(_l("Starts on"), invalid=DAY)
    ends_on = DayField(_l("Ends on"), invalid=DAY)
    jp = WholeNumberField(_l("JP"), invalid=WHOLE)
    quota = WholeNumberField(_l("Quota"), invalid=WHOLE, validators=[Optional()])
    competencies = SelectMultipleField(
        _l("Competencies it develops"), validate_choice=False
    )
    position = StringField(_l("Position"), validators=[_at_most(30)])
    posts = WholeNumberField(_l("Posts"), invalid=WHOLE)
    weight_performance = WholeNumberField(
        _l("Performance"), invalid=PERCENT, default=DEFAULT_WEIGHTS["performance"]
    )
    weight_competency = WholeNumberField(
        _l("Competency fit"), invalid=PERCENT, default=DEFAULT_WEIGHTS["competency"]
    )
    weight_development = WholeNumberField(
        _l("Development record"),
        invalid=PERCENT,
        default=DEFAULT_WEIGHTS["development"],
    )
    weight_experience = WholeNumberField(
        _l("Experience"), invalid=PERCENT, default=DEFAULT_WEIGHTS["experience"]
    )
    version = WholeNumberField(invalid=STALE_FORM)
    reason = StringField(_l("Reason for the change"), validators=[_at_most(MAX_REASON)])

    def __init__(self, *args, kind: OpportunityKind, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.today = today
        self.problems: dict = {}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        problems = problems_of(
            self.kind, for_kind(self.kind, self.fields()), self.today
        )
        for name, message in problems.items():
            field = getattr(self, name, None)
            if field is None:
                self.problems[name] = message
            elif not field.errors:
                field.errors = [*field.errors, message]
        return valid and not problems

    def fields(self) -> OpportunityFields:
        """What the form sets on the opportunity (checked again by the service)."""
        mode = self.mode.data if self.mode.data in MODES else None
        known = {c.code: c.id for c in catalogue.competencies()}
        position = catalogue.position_by_code(self.position.data or None)
        return OpportunityFields(
            title=self.title.data or "",
            description=self.description.data or "",
            audience=self.audience.data or "",
            opens_on=self.opens_on.data,
            closes_on=self.closes_on.data,
            provider=self.provider.data or "",
            mode=TrainingMode(mode) if mode else None,
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
            jp=self.jp.data,
            quota=self.quota.data,
            competency_ids=tuple(
                known.get(code, -1) for code in (self.competencies.data or [])
            ),
            position_id=position.id if position else None,
            posts=self.posts.data,
            weight_performance=self.weight_performance.data,
            weight_competency=self.weight_competency.data,
            weight_development=self.weight_development.data,
            weight_experience=self.weight_experience.data,
        )


def form_data(opportunity: Opportunity) -> dict:
    """A stored opportunity as its form's values."""
    data = {
        name: getattr(opportunity, name)
        for name in (
            "title",
            "description",
            "audience",
            "opens_on",
            "closes_on",
            "provider",
            "starts_on",
            "ends_on",
            "jp",
            "quota",
            "posts",
            "weight_performance",
            "weight_competency",
            "weight_development",
            "weight_experience",
            "version",
        )
    }
    data["mode"] = opportunity.mode.value if opportunity.mode else ""
    data["competencies"] = [c.code for c in opportunity.competencies]
    data["position"] = opportunity.position.code if opportunity.position else ""
    return data


class StepForm(FlaskForm):
    """Publish or close, from the version the page showed; a reason if any."""

    version = WholeNumberField(
        validators=[InputRequired(message=STALE_FORM)], invalid=STALE_FORM
    )
    reason = StringField(_l("Reason"), validators=[_at_most(MAX_REASON)])
