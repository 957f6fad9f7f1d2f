"""HR cohort matching: choose mentees and mentors, preview, adjust, confirm.

The pages keep their URLs and endpoints under /mentoring (the mentoring
blueprint), where the navigation and bookmarks point.
"""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask_babel import ngettext
from flask_login import current_user

from app import catalogue
from app.access import Role, role_required
from app.errors import refusal_on_form
from app.hr.cohorts.forms import CRITERIA_FIELDS, CohortForm, parse_pairs
from app.hr.cohorts.services import CohortError, confirmation, proposal
from app.htmx import page_or_partial, wants_partial
from app.i18n import local_today
from app.mentoring import bp

SKIPPED_KEY = "cohort_skipped"
SKIPPED_SHOWN = 30  # skipped pairs carried to the next page; the rest are counted


@bp.get("/cohort")
@role_required(Role.HR)
def cohort():
    """Choose the cohort; with criteria in the query string, preview the pairs."""
    units, year = catalogue.units(), local_today().year
    form = CohortForm(request.args, units)
    preview, status = None, 200
    if request.args and not form.validate():
        status = 400
    elif request.args:
        try:
            preview = proposal.preview(form.criteria(), year)
        except CohortError as error:  # too many mentees: a unit narrows them
            refusal_on_form(form, error)
            status = error.status
    context = {"form": form, "units": units, "preview": preview, "year": year}
    if not wants_partial("cohort-preview"):  # the page shows what the last confirm left
        context["skipped"] = confirmation.named_skips(session.pop(SKIPPED_KEY, None))
    return page_or_partial(
        "hr/cohort/index.html",
        "hr/cohort/_preview.html",
        context,
        status=status,
        target="cohort-preview",
        push_url=url_for("mentoring.cohort", **form.query_args()),
    )


@bp.post("/cohort")
@role_required(Role.HR)
def confirm_cohort():
    """Send a cohort request for each ticked pair; report those skipped."""
    # A refusal (no pair ticked, unreadable pairs) is answered by the app's handler.
    outcome = confirmation.confirm(
        parse_pairs(request.form), current_user, local_today()
    )
    created, skipped = len(outcome.created), len(outcome.skipped)
    flash(
        ngettext(
            "%(num)d request created, %(skipped)d skipped.",
            "%(num)d requests created, %(skipped)d skipped.",
            created,
            skipped=skipped,
        ),
        "success" if created and not skipped else "info",
    )
    if outcome.skipped:
        session[SKIPPED_KEY] = {
            "total": skipped,
            "pairs": [
                [s.mentee_id, s.mentor_id, s.reason]
                for s in outcome.skipped[:SKIPPED_SHOWN]
            ],
        }
    return redirect(url_for("mentoring.cohort", **_criteria_of(request.form)), 303)


def _criteria_of(formdata) -> dict[str, str]:
    """The criteria the confirmed preview was made with, if they still hold."""
    form = CohortForm(formdata, catalogue.units())
    if not any(formdata.get(name) for name in CRITERIA_FIELDS) or not form.validate():
        return {}
    return form.query_args()
