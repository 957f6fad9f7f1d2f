"""The mentorship page: the mentee's plan, the session log, closing with feedback.

Only the two people of a mentorship see it; everyone else, HR and supervisors
included, gets 404, so mentoring notes stay between the pair.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NoReturn

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.errors import DomainError, fail, refusal_on_form
from app.htmx import page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.mentoring import bp, sessions
from app.mentoring.session_forms import FeedbackForm, SessionForm
from app.models import FeedbackSide, Mentorship
from app.plans.services import plan_progress, progress_of

PAGE = "mentoring/mentorship.html"
SESSIONS = "mentoring/_sessions.html"  # the log and its form: a logged session
PLAN = "mentoring/_mentee_plan.html"  # out of band when a session counts as JP


# Loading and rendering --------------------------------------------------------


def _visible(mentorship_id: int) -> Mentorship:
    """The mentorship if the signed-in user is one of its two people, else 404."""
    mentorship = sessions.load_mentorship(mentorship_id)
    if (
        mentorship is None
        or sessions.side_of(mentorship, current_user.employee_id) is None
    ):
        abort(404)
    return mentorship


def _context(mentorship: Mentorship, **state) -> dict:
    """Everything the mentorship page and its parts show."""
    today = local_today()
    side = sessions.side_of(mentorship, current_user.employee_id)
    is_mentee = side is FeedbackSide.MENTEE
    me, partner = (
        (mentorship.mentee, mentorship.mentor)
        if is_mentee
        else (mentorship.mentor, mentorship.mentee)
    )
    # The mentor reads the mentee's plan while the mentorship runs (app/access.py).
    can_read_plan = is_mentee or mentorship.is_active
    plan = (
        sessions.mentee_plan(mentorship.mentee_id, today.year)
        if can_read_plan
        else None
    )
    feedback = {item.side: item for item in mentorship.feedback}
    context = {
        "mentorship": mentorship,
        "side": side,
        "me": me,
        "partner": partner,
        "can_read_plan": can_read_plan,
        "plan": plan,
        "progress": plan_progress(plan) if plan else None,
        "feedback": feedback,
        "mine": feedback.get(side),
        "theirs": feedback.get(
            FeedbackSide.MENTOR if is_mentee else FeedbackSide.MENTEE
        ),
        # Only the two of them log sessions: whoever is not me is the partner.
        "authors": {
            s.id: me if s.logged_by_id == current_user.id else partner
            for s in mentorship.sessions
            if s.logged_by_id is not None
        },
        "jp_of": sessions.jp_of,
        "activities": [],
        "logged_jp": {},
        "session_form": None,
        "close_form": None,
        "feedback_form": None,
        "latest_day": today + timedelta(days=sessions.SESSION_AHEAD_DAYS),
        "progress_of": progress_of,
        "oob": False,
    }
    if mentorship.is_active:
        activities = sessions.linkable_activities(mentorship.mentee_id, today.year)
        minutes = sessions.logged_minutes([activity.id for activity in activities])
        context["activities"] = activities
        context["logged_jp"] = {
            a.id: sessions.jp_of(minutes.get(a.id, 0)) for a in activities
        }
        context["session_form"] = SessionForm(formdata=None, held_on=today)
        context["close_form"] = FeedbackForm(formdata=None)
    elif side not in feedback:
        context["feedback_form"] = FeedbackForm(formdata=None)
    context.update(state)
    return context


def _page(mentorship: Mentorship, status: int = 200, **state):
    return render_template(PAGE, **_context(mentorship, **state)), status


def _here(mentorship_id: int, anchor: str | None = None):
    url = url_for("mentoring.mentorship", mentorship_id=mentorship_id, _anchor=anchor)
    return redirect(url, 303)


def _closed() -> NoReturn:
    fail(409, _("This mentorship is closed."))


# Views ------------------------------------------------------------------------


@bp.get("/<int:mentorship_id>")
@login_required
def mentorship(mentorship_id: int):
    """Show a mentorship: the pair, the mentee's plan, sessions and closing."""
    return _page(_visible(mentorship_id))


@bp.post("/<int:mentorship_id>/sessions")
@login_required
def log_session(mentorship_id: int):
    """Log a session; linked to a plan activity its minutes count as JP."""
    mentorship = _visible(mentorship_id)
    if not mentorship.is_active:
        _closed()
    form = SessionForm()
    if form.validate_on_submit():
        try:
            sessions.log_session(mentorship, form.fields(), current_user, local_today())
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            return _logged(mentorship, linked=form.activity_id.data is not None)
    return page_or_partial(
        PAGE, SESSIONS, 422, **_context(mentorship, session_form=form)
    )


def _logged(mentorship: Mentorship, linked: bool):
    """The log with the new session (htmx) and the plan if it gained JP, or 303."""
    message = _("The session is logged.")
    if not wants_partial():
        flash(message, "success")
        return _here(mentorship.id, "sessions")
    context = _context(sessions.load_mentorship(mentorship.id))
    body = render_template(SESSIONS, **context)
    if linked:
        body += render_template(PLAN, **{**context, "oob": True})
    return saved_part(body, message)


@bp.post("/<int:mentorship_id>/close")
@login_required
def close(mentorship_id: int):
    """End an active mentorship with a rating; the mentor's place frees up."""
    mentorship = _visible(mentorship_id)
    if not mentorship.is_active:
        _closed()
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            sessions.close_mentorship(
                mentorship, current_user, form.rating.data, form.comment.data or ""
            )
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            flash(
                _("The mentorship is closed. Thank you for your feedback."), "success"
            )
            return _here(mentorship_id)
    return _page(mentorship, 422, close_form=form)


@bp.post("/<int:mentorship_id>/feedback")
@login_required
def feedback(mentorship_id: int):
    """Give the other side's rating of a closed mentorship, once."""
    mentorship = _visible(mentorship_id)
    side = sessions.side_of(mentorship, current_user.employee_id)
    if mentorship.is_active:
        fail(409, _("Feedback is given when the mentorship closes."))
    if any(item.side is side for item in mentorship.feedback):
        fail(409, _("You have already given your feedback."))
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            sessions.give_feedback(
                mentorship, current_user, form.rating.data, form.comment.data or ""
            )
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            flash(_("Thank you for your feedback."), "success")
            return _here(mentorship_id, "closing")
    return _page(mentorship, 422, feedback_form=form)
