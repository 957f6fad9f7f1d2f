"""Find a mentor: suggestions for my gaps, best fit first, with the reasons."""

from __future__ import annotations

from flask import request
from flask_login import login_required

from app import catalogue
from app.access import own_employee
from app.htmx import page_or_partial
from app.i18n import local_today
from app.main.urls import filter_url
from app.mentoring import bp, queries, suggest
from app.mentoring.forms import FindFilterForm


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
            exclude=queries.unavailable_to(employee.id),
        )
    else:
        status, context["found"], context["mentee"] = 400, None, None
    return page_or_partial(
        "mentoring/find/index.html",
        "mentoring/find/_suggestions.html",
        context,
        status=status,
        push_url=filter_url("mentoring.find", form),  # only the filters that are set
    )


def _filters(form: FindFilterForm) -> suggest.Filters:
    return suggest.Filters(
        competency_id=form.competency_id,
        unit_id=form.unit_id,
        scope=form.scope.data or None,
        query=(form.q.data or "").strip(),
    )
