"""Mentee and mentor pages: overview, mentor profile, find a mentor, requests, inbox."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_htmx import make_response
from flask_login import current_user, login_required

from app import catalogue
from app.access import Role, role_required
from app.errors import DomainError, fail, refusal_on_form
from app.htmx import go_to, page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.mentoring import bp, services, sessions, suggest
from app.mentoring.forms import (
    AnswerForm,
    FindFilterForm,
    MentorProfileForm,
    PauseForm,
    RequestForm,
)
from app.models import Employee, MentorProfile, MentorshipRequest
from app.plans.answers import own_employee
from app.plans.services import current_plans
from app.profile.services import load_employee

INBOX_CHANGED = "inbox-changed"


# Overview ---------------------------------------------------------------------


@bp.get("/")
@login_required
def index():
    """Show my mentorships, my requests and my standing as a mentor."""
    employee = own_employee()
    return render_template("mentoring/index.html", **_overview(employee))


def _overview(employee: Employee) -> dict:
    mentorships = sessions.mentorships_of(employee.id)
    return {
        "employee": employee,
        "as_mentee": [m for m in mentorships if m.mentee_id == employee.id],
        "as_mentor": [m for m in mentorships if m.mentor_id == employee.id],
        "sent": services.requests_sent(employee.id),
        **_mentor_status(employee.id),
    }


def _mentor_status(employee_id: int) -> dict:
    # The waiting requests come from the navigation's count (``inbox_count``).
    profile = services.profile_of(employee_id)
    return {"profile": profile if profile is not None and profile.is_active else None}


# Mentor profile ---------------------------------------------------------------


@bp.get("/profile")
@login_required
def profile():
    """Show the form to opt in as a mentor, or to change the offer."""
    employee = own_employee()
    current = services.profile_of(employee.id)
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
    """Opt in as a mentor or save the changed offer."""
    employee = own_employee()
    form = MentorProfileForm()
    if form.validate_on_submit():
        fields = services.ProfileFields(
            competency_ids=form.competencies.data,
            expertise=form.expertise.data or "",
            capacity=form.capacity.data,
            availability=form.availability.data or "",
        )
        try:
            services.save_profile(employee, fields)
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            return go_to(url_for("mentoring.index"), _("Your mentor profile is saved."))
    return _profile_page(employee, services.profile_of(employee.id), form, 422)


def _profile_page(employee, current: MentorProfile | None, form, status: int = 200):
    return page_or_partial(
        "mentoring/profile.html",
        "mentoring/_profile_form.html",
        status,
        employee=employee,
        profile=current,
        form=form,
        teachable=services.teachable(employee.id),
    )


@bp.post("/profile/pause")
@role_required(Role.MENTOR)
def pause():
    """Pause taking new mentees, or resume."""
    form = PauseForm()
    if not form.validate_on_submit():
        fail(400, _("Say whether to pause or resume."))
    services.set_paused(services.profile_of(current_user.employee_id), form.is_paused)
    message = (
        _("Mentoring is paused: you get no new requests.")
        if form.is_paused
        else _("Mentoring is open again: mentees can find and ask you.")
    )
    if not wants_partial():
        return go_to(url_for("mentoring.index"), message)
    body = render_template(
        "mentoring/_mentor_status.html", **_mentor_status(current_user.employee_id)
    )
    return saved_part(body, message)


# Finding a mentor -------------------------------------------------------------


@bp.get("/find")
@login_required
def find():
    """Suggest mentors for my gaps, best fit first, with the reasons why."""
    employee = own_employee()
    competencies = catalogue.competencies()
    units = catalogue.units()
    form = FindFilterForm(
        request.args, {c.code: c.id for c in competencies}, {u.id for u in units}
    )
    context = {"form": form, "competencies": competencies, "units": units}
    status = 200
    if form.validate():
        context["found"], context["mentee"] = suggest.suggest_for(
            employee,
            local_today(),
            _filters(form),
            exclude=services.unavailable_to(employee.id),
        )
    else:
        status, context["found"], context["mentee"] = 400, None, None
    if wants_partial():
        # Push a clean, shareable URL: only the filters that are set.
        shared = url_for(
            "mentoring.find", **{k: v for k, v in request.args.items() if v}
        )
        body = render_template("mentoring/_suggestions.html", **context)
        return make_response(body, status, push_url=shared)
    return render_template("mentoring/find.html", **context), status


def _filters(form: FindFilterForm) -> suggest.Filters:
    return suggest.Filters(
        competency_id=form.competency_id,
        unit_id=form.unit_id,
        scope=form.scope.data or None,
        query=(form.q.data or "").strip(),
    )


# Requests ---------------------------------------------------------------------


@bp.get("/mentors/<int:mentor_id>/request")
@login_required
def new_request(mentor_id: int):
    """Show why a mentor fits, and the form to ask them."""
    return _request_page(own_employee(), mentor_id, RequestForm(formdata=None))


@bp.post("/mentors/<int:mentor_id>/request")
@login_required
def create_request(mentor_id: int):
    """Send a mentoring request with a message and the plan goals it concerns."""
    employee = own_employee()
    form = RequestForm()
    if form.validate_on_submit():
        try:
            sent = services.send_request(
                employee,
                mentor_id,
                form.message.data or "",
                form.goals.data,
                current_user,
                local_today(),
            )
        except DomainError as error:
            refusal_on_form(form, error)
            return _request_page(employee, mentor_id, form, error.status)
        message = _("Request sent to %(name)s.", name=sent.mentor.display_name)
        return go_to(url_for("mentoring.index"), message)
    return _request_page(employee, mentor_id, form, 422)


def _request_page(employee, mentor_id: int, form, status: int = 200):
    """The request page; when the mentor cannot be asked, the reason instead.

    A mentor id that is nobody's is 404; anyone else who may not be asked gets
    the refusal in place of the form (422, or 409 when the state forbids it).
    """
    today = local_today()
    context = {"form": form, "refusal": None, "fit": None}
    try:
        context["profile"] = services.requestable(employee, mentor_id)
    except DomainError as error:
        context["refusal"], context["profile"] = error.message, None
        status = max(status, error.status)
    context["plan"] = current_plans([employee.id], today.year).get(employee.id)
    if context["profile"] is not None:
        context["fit"] = suggest.fit_for(employee, mentor_id, today, context["plan"])
    fit = context["fit"]
    context["mentor"] = fit.mentor if fit else load_employee(mentor_id)
    if context["mentor"] is None:
        abort(404)
    return page_or_partial(
        "mentoring/request.html", "mentoring/_request_form.html", status, **context
    )


def _request_of(request_id: int, side: str) -> MentorshipRequest:
    """A request where the signed-in employee is on ``side``; 404 for anyone else."""
    found = services.load_request(request_id)
    me = current_user.employee_id
    if found is None or me is None or getattr(found, f"{side}_id") != me:
        abort(404)
    return found


@bp.post("/requests/<int:request_id>/withdraw")
@login_required
def withdraw(request_id: int):
    """Take back a request that is still pending."""
    withdrawn = _request_of(request_id, "mentee")
    services.withdraw_request(withdrawn)
    if wants_partial():
        return render_template(
            "mentoring/_requests_sent.html",
            sent=services.requests_sent(withdrawn.mentee_id),
        )
    message = _(
        "Your request to %(name)s is withdrawn.", name=withdrawn.mentor.display_name
    )
    return go_to(url_for("mentoring.index"), message)


# Inbox ------------------------------------------------------------------------


@bp.get("/inbox")
@role_required(Role.MENTOR)
def inbox():
    """List the requests waiting for my answer, oldest first."""
    return render_template(
        "mentoring/inbox.html",
        requests=services.inbox(current_user.employee_id),
        **_mentor_status(current_user.employee_id),
    )


@bp.get("/inbox/badge")
@login_required
def inbox_badge():
    """The navigation badge: how many requests wait for my answer."""
    me = current_user.employee_id
    count = services.pending_count(me) if me is not None else 0
    return render_template("mentoring/_inbox_badge.html", count=count)


@bp.post("/requests/<int:request_id>/accept")
@login_required
def accept(request_id: int):
    """Accept a request: a place is taken and the mentorship starts."""
    received = _request_of(request_id, "mentor")
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            mentorship = services.accept_request(received, form.response.data or "")
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            message = _("You now mentor %(name)s.", name=received.mentee.display_name)
            url = url_for("mentoring.mentorship", mentorship_id=mentorship.id)
            return _answered(received, message, url, mentorship=mentorship)
    return _inbox_item(received, form, 422)


@bp.post("/requests/<int:request_id>/decline")
@login_required
def decline(request_id: int):
    """Decline a request, optionally saying why."""
    received = _request_of(request_id, "mentor")
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            services.decline_request(received, form.response.data or "")
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            message = _(
                "You declined the request of %(name)s.",
                name=received.mentee.display_name,
            )
            return _answered(received, message, url_for("mentoring.inbox"))
    return _inbox_item(received, form, 422)


def _answered(received: MentorshipRequest, message: str, url: str, mentorship=None):
    """The answered request in place (htmx, badge refreshed), or on to ``url``."""
    if not wants_partial():
        return go_to(url, message)
    body = render_template(
        "mentoring/_inbox_item.html",
        item=services.load_request(received.id),
        mentorship=mentorship,
        answered=message,
        form=None,
        oob=True,
        **_mentor_status(current_user.employee_id),
    )
    return make_response(body, trigger={INBOX_CHANGED: True})


def _inbox_item(received: MentorshipRequest, form, status: int):
    """An inbox item with its form's messages: the item (htmx) or the inbox."""
    if wants_partial():
        body = render_template("mentoring/_inbox_item.html", item=received, form=form)
        return body, status
    return render_template(
        "mentoring/inbox.html",
        requests=services.inbox(current_user.employee_id),
        refused={received.id: form},
        **_mentor_status(current_user.employee_id),
    ), status
