"""HR's mentoring outcomes: the page and its CSV (on the ``hr`` blueprint)."""

from __future__ import annotations

from flask import Response, request

from app import catalogue
from app.access import Role, role_required
from app.errors import fail
from app.hr.outcomes.export import outcome_csv
from app.hr.outcomes.forms import OutcomeFilterForm
from app.hr.outcomes.report import export_rows, outcome_report
from app.hr.outcomes.words import outcome_word, source_word
from app.hr.routes import bp
from app.htmx import page_or_partial
from app.main.urls import filter_url


def _filter() -> tuple[OutcomeFilterForm, list]:
    units = catalogue.units()
    return OutcomeFilterForm(request.args, {unit.id for unit in units}), units


@bp.get("/mentoring/outcomes")
@role_required(Role.HR)
def mentoring_outcomes():
    """Closed mentorships: did the taught levels rise, and how did mentees rate."""
    form, units = _filter()
    status, report = 200, None
    if form.validate():
        report = outcome_report(form.unit_ids, form.page_number)
    else:
        status = 400
    context = {
        "form": form,
        "units": units,
        "report": report,
        "outcome_word": outcome_word,
        "source_word": source_word,
    }
    return page_or_partial(
        "hr/outcomes/index.html",
        "hr/outcomes/_results.html",
        context,
        status=status,
        target="outcome-results",
        push_url=filter_url("hr.mentoring_outcomes", form),
    )


@bp.get("/mentoring/outcomes.csv")
@role_required(Role.HR)
def mentoring_outcomes_csv():
    """Every row of the page's filter as CSV, a line per taught competency."""
    form, _units = _filter()
    if not form.validate():
        fail(400, next(iter(form.errors.values()))[0])
    return Response(
        outcome_csv(*export_rows(form.unit_ids)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": 'attachment; filename="hasil-pendampingan.csv"'
        },
    )
