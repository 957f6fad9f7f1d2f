"""The monitoring views: the overview, a page per section, and the people
behind each figure with their CSV and XLSX.

HR sees everyone, a supervisor their own people down the tree; anyone else gets
404 (the pages' existence is not a secret, but nothing answers a stranger).
Filters that cannot be used are dropped with a notice, never refused.
"""

from __future__ import annotations

from flask import abort, request, url_for
from flask_login import current_user, login_required

from app import catalogue
from app.exports import XLSX_TYPE, attachment, csv_text, xlsx_bytes
from app.htmx import page_or_partial
from app.i18n import local_today
from app.main.urls import page_number
from app.models import EmploymentType, PositionKind
from app.monitoring import bp
from app.monitoring.figures import choose
from app.monitoring.filters import DashboardFilterForm
from app.monitoring.people import export_table, people_page
from app.monitoring.scope import scope_for
from app.monitoring.sections import SECTIONS
from app.monitoring.view import View

TARGET = "monitoring-figures"


def current_view() -> tuple[View, DashboardFilterForm]:
    """The signed-in user's view with the request's filters; 404 for anyone
    who monitors no one."""
    scope = scope_for(current_user)
    if scope is None:
        abort(404)
    today = local_today()
    form = DashboardFilterForm(request.args, today)
    return View(scope, form.filters(), today), form


def _render(endpoint: str, partial: str, context: dict, **url_args):
    view: View = context["view"]
    context = {
        **context,
        "sections": SECTIONS,
        "units": catalogue.units(),
        "unit_tree": catalogue.unit_tree(),
        "ranks": catalogue.ranks(),
        "kinds": list(PositionKind),
        "employment_types": list(EmploymentType),
        "endpoint": endpoint,
        "url_args": url_args,
        "partial": partial,
        "target": TARGET,
    }
    # htmx swaps the whole region (outerHTML): the notice of ignored filters
    # and the figures, so that the next filter change finds its target again.
    return page_or_partial(
        "monitoring/page.html",
        "monitoring/_region.html",
        context,
        target=TARGET,
        push_url=url_for(endpoint, **url_args, **view.filters.args()),
    )


@bp.get("/")
@login_required
def index():
    """Show the overview: a tile per section with its headline figures."""
    view, form = current_view()
    tiles = [(section, section.headline(view)) for section in SECTIONS.values()]
    return _render(
        "monitoring.index",
        "monitoring/_overview.html",
        {"view": view, "form": form, "tiles": tiles},
    )


@bp.get("/<key>")
@login_required
def section(key: str):
    """Show one section's figures for the people in view."""
    view, form = current_view()
    current = SECTIONS.get(key)
    if current is None:
        abort(404)
    context = {"view": view, "form": form, "section": current}
    context.update(current.figures(view))
    return _render("monitoring.section", current.template, context, key=key)


@bp.get("/people")
@login_required
def people():
    """List the people behind a figure, a page at a time."""
    view, form = current_view()
    choice = choose(request.args)
    listing = people_page(view, choice, page_number())
    context = {"view": view, "form": form, "choice": choice, "listing": listing}
    return _render(
        "monitoring.people", "monitoring/_people.html", context, **choice.args()
    )


# The file type is ``extension``: ``kind`` is the position-kind filter.
@bp.get("/people.<any(csv, xlsx):extension>")
@login_required
def people_export(extension: str):
    """Every person behind the figure, with the current filters, as a file."""
    view, _form = current_view()
    choice = choose(request.args)
    headings, rows = export_table(view, choice)
    name = f"pegawai-{choice.figure.key if choice.figure else 'semua'}-{view.period}"
    if extension == "csv":
        return attachment(csv_text(headings, rows), f"{name}.csv", "text/csv")
    body = xlsx_bytes(name, headings, rows)
    return attachment(body, f"{name}.xlsx", XLSX_TYPE)


# The sections, succession and the merit report add their views and figures.
from app.monitoring import boxes, merit, succession  # noqa: E402, F401
from app.monitoring.sections import (  # noqa: E402, F401
    development,
    gaps,
    mentoring,
    plans,
    talent,
)
