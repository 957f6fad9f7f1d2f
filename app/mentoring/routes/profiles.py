"""The mentor profile: opting in, changing the offer, pausing and resuming."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import Role, own_employee, role_required
from app.errors import DomainError, fail, refusal_on_form
from app.htmx import go_to, page_or_partial, saved_part, wants_partial
from app.i18n import localized
from app.matching.features import TEACHING_LEVEL
from app.mentoring import bp, queries
from app.mentoring.forms import MentorProfileForm, PauseForm
from app.mentoring.services import profiles
from app.models import MentorProfile


@bp.get("/profile")
@login_required
def profile():
    """Show the form to opt in as a mentor, or to change the offer."""
    employee = own_employee()
    current = queries.profile_of(employee.id)
    values = {"capacity": 3}
    if current is not None:
        values = {
            "competencies": [c.competency_id for c in current.competencies],
            "expertise": current.expertise,
            "capacity": current.capacity,
            "availability": current.availability,
        }
    form = MentorProfileForm(formdata=None, data=values)
    return _profile_page(employee, current, form)


@bp.post("/profile")
@login_required
def save_profile():
    """Opt in as a mentor or save the changed offer.

    Offered competencies now held below the teaching level are not on the form
    and so leave the offer; the message names them.
    """
    employee = own_employee()
    current = queries.profile_of(employee.id)
    standing = profiles.offer_standing(employee.id, current)
    form = MentorProfileForm()
    if form.validate_on_submit():
        fields = profiles.ProfileFields(
            competency_ids=form.competencies.data,
            expertise=form.expertise.data or "",
            capacity=form.capacity.data,
            availability=form.availability.data or "",
        )
        try:
            profiles.save_profile(employee, fields)
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            return go_to(url_for("mentoring.index"), _saved_message(standing.below))
    return _profile_page(employee, current, form, 422, standing)


def _saved_message(dropped) -> str:
    if not dropped:
        return _("Your mentor profile is saved.")
    names = [localized(competency, "name") for competency, _level in dropped]
    return _(
        "Your mentor profile is saved. No longer offered, as mentoring starts at "
        "level %(level)s: %(names)s.",
        level=TEACHING_LEVEL,
        names=", ".join(names),
    )


def _profile_page(
    employee,
    current: MentorProfile | None,
    form,
    status: int = 200,
    standing: profiles.OfferStanding | None = None,
):
    if standing is None:
        standing = profiles.offer_standing(employee.id, current)
    return page_or_partial(
        "mentoring/profile/edit.html",
        "mentoring/profile/_form.html",
        {
            "employee": employee,
            "profile": current,
            "form": form,
            "teachable": standing.teachable,
            "below": standing.below,
        },
        status=status,
    )


@bp.post("/profile/pause")
@role_required(Role.MENTOR)
def pause():
    """Pause taking new mentees, or resume."""
    form = PauseForm()
    if not form.validate_on_submit():
        fail(400, _("Say whether to pause or resume."))
    profiles.set_paused(queries.profile_of(current_user.employee_id), form.is_paused)
    message = (
        _("Mentoring is paused: you get no new requests.")
        if form.is_paused
        else _("Mentoring is open again: mentees can find and ask you.")
    )
    if not wants_partial():
        return go_to(url_for("mentoring.index"), message)
    profile = queries.active_profile(current_user.employee_id)
    body = render_template(
        "mentoring/profile/_mentor_status.html",
        profile=profile,
        offers_below=profiles.below_teaching_level(profile),
    )
    return saved_part(body, message)
