"""The mentorship page: the mentee's plan, the session log, closing with feedback.

Only the two people of a mentorship see it; everyone else, HR and supervisors
included, gets 404, so mentoring notes stay between the pair.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.errors import DomainError, refusal_on_form
from app.htmx import page_or_partial, saved_part, wants_partial
from app.i18n import local_today
from app.mentoring import bp, queries
from app.mentoring.abilities import mentorship_abilities, side_of
from app.mentoring.forms import FeedbackForm, SessionForm
from app.mentoring.services import mentorships
from app.models import FeedbackSide, Mentorship
from app.plans.progress import plan_progress, progress_of

PAGE = "mentoring/mentorships/detail.html"
SESSIONS = "mentoring/mentorships/_sessions.html"  # the log and its form
PLAN = "mentoring/mentorships/_mentee_plan.html"  # out of band when a session gains JP


def _visible(mentorship_id: int) -> Mentorship:
    """The mentorship if the signed-in user is one of its two people, else 404."""
    mentorship = queries.load_mentorship(mentorship_id)
    if mentorship is None or side_of(mentorship, current_user.employee_id) is None:
        abort(404)
    return mentorship


def _allowed(mentorship_id: int, action: str) -> Mentorship:
    """The visible mentorship, if the user may do ``action`` on it now (else 409)."""
    mentorship = _visible(mentorship_id)
    mentorship_abilities(mentorship, current_user.employee_id).check(action)
    return mentorship


def _context(mentorship: Mentorship, **state) -> dict:
    """Everything the mentorship page and its parts show."""
    today = local_today()
    abilities = mentorship_abilities(mentorship, current_user.employee_id)
    side = abilities.side
    is_mentee = side is FeedbackSide.MENTEE
    me, partner = (
        (mentorship.mentee, mentorship.mentor)
        if is_mentee
        else (mentorship.mentor, mentorship.mentee)
    )
    # The mentor reads the mentee's plan while the mentorship runs (app/access.py).
    plan = (
        queries.mentee_plan(mentorship.mentee_id, today.year)
        if abilities.can_read_plan
        else None
    )
    feedback = {item.side: item for item in mentorship.feedback}
    context = {
        "mentorship": mentorship,
        "abilities": abilities,
        "side": side,
        "me": me,
        "partner": partner,
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
        "jp_of": mentorships.jp_of,
        "activities": [],
        "logged_jp": {},
        "session_form": None,
        "close_form": None,
        "feedback_form": None,
        "latest_day": today + timedelta(days=mentorships.SESSION_AHEAD_DAYS),
        "progress_of": progress_of,
        "oob": False,
    }
    if abilities.can_log_session:
        activities = queries.linkable_activities(mentorship.mentee_id, today.year)
        minutes = queries.logged_minutes([activity.id for activity in activities])
        context["activities"] = activities
        context["logged_jp"] = {
            a.id: mentorships.jp_of(minutes.get(a.id, 0)) for a in activities
        }
        context["session_form"] = SessionForm(formdata=None, held_on=today)
    if abilities.can_close:
        context["close_form"] = FeedbackForm(formdata=None)
    if abilities.can_give_feedback:
        context["feedback_form"] = FeedbackForm(formdata=None)
    context.update(state)
    return context


def _page(mentorship: Mentorship, status: int = 200, **state):
    return render_template(PAGE, **_context(mentorship, **state)), status


def _here(mentorship_id: int, anchor: str | None = None):
    url = url_for("mentoring.mentorship", mentorship_id=mentorship_id, _anchor=anchor)
    return redirect(url, 303)


@bp.get("/<int:mentorship_id>")
@login_required
def mentorship(mentorship_id: int):
    """Show a mentorship: the pair, the mentee's plan, sessions and closing."""
    return _page(_visible(mentorship_id))


@bp.post("/<int:mentorship_id>/sessions")
@login_required
def log_session(mentorship_id: int):
    """Log a session; linked to a plan activity its minutes count as JP."""
    mentorship = _allowed(mentorship_id, "log_session")
    form = SessionForm()
    if form.validate_on_submit():
        try:
            mentorships.log_session(
                mentorship, form.fields(), current_user, local_today()
            )
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            return _logged(mentorship, linked=form.activity_id.data is not None)
    return page_or_partial(
        PAGE, SESSIONS, _context(mentorship, session_form=form), status=422
    )


def _logged(mentorship: Mentorship, linked: bool):
    """The log with the new session (htmx) and the plan if it gained JP, or 303."""
    message = _("The session is logged.")
    if not wants_partial():
        flash(message, "success")
        return _here(mentorship.id, "sessions")
    context = _context(queries.load_mentorship(mentorship.id))
    body = render_template(SESSIONS, **context)
    if linked:
        body += render_template(PLAN, **{**context, "oob": True})
    return saved_part(body, message)


@bp.post("/<int:mentorship_id>/close")
@login_required
def close(mentorship_id: int):
    """End an active mentorship with a rating; the mentor's place frees up."""
    mentorship = _allowed(mentorship_id, "close")
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            mentorships.close_mentorship(
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
    mentorship = _allowed(mentorship_id, "give_feedback")
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            mentorships.give_feedback(
                mentorship, current_user, form.rating.data, form.comment.data or ""
            )
        except DomainError as error:
            refusal_on_form(form, error)
        else:
            flash(_("Thank you for your feedback."), "success")
            return _here(mentorship_id, "closing")
    return _page(mentorship, 422, feedback_form=form)
