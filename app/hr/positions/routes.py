"""HR's position catalogue: the list, one position, and changing its requirement
rows and competency standard in place (on the ``hr`` blueprint, under /hr)."""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import catalogue
from app.access import Role, role_required
from app.hr.positions import services
from app.hr.positions.forms import (
    POSITION_KINDS,
    AddCompetencyForm,
    ChangeCompetencyForm,
    ChangeRequirementForm,
    KeyForm,
    PositionFilterForm,
    RequirementForm,
    SeenForm,
)
from app.hr.positions.pages import (
    HISTORY,
    KEY,
    REQUIREMENTS,
    STANDARD,
    apply_change,
    history_context,
    open_editor,
    position_page,
    visible_position,
)
from app.hr.positions.queries import row_counts, search_positions
from app.hr.routes import bp
from app.htmx import page_or_partial, wants_partial
from app.main.urls import filter_url, page_number
from app.models import Competency


@bp.get("/positions")
@role_required(Role.HR)
def positions():
    """List positions, searched by name or code as one types, and by kind."""
    form = PositionFilterForm(request.args)
    status, results, counts = 200, None, {}
    if form.validate():
        results = search_positions(
            form.q.data or "",
            form.position_kind,
            form.page_number,
            current_app.config["DIRECTORY_PAGE_SIZE"],
        )
        counts = row_counts(results.items)
    else:
        status = 400
    return page_or_partial(
        "hr/positions/index.html",
        "hr/positions/_results.html",
        {"form": form, "results": results, "counts": counts, "kinds": POSITION_KINDS},
        status=status,
        target="position-results",
        push_url=filter_url("hr.positions", form),
    )


@bp.get("/positions/<code>")
@role_required(Role.HR)
def position(code: str):
    """A position: its place, rank band, competency standard, requirement rows
    and the history of their changes (paged in place)."""
    position = visible_position(code)
    page = page_number()
    if wants_partial("position-history"):
        return render_template(HISTORY, **history_context(position, page))
    return position_page(position, history_page=page)


@bp.post("/positions/<code>/key")
@role_required(Role.HR)
def mark_key(code: str):
    """Mark the position as a key post for succession, or unmark it."""
    position = visible_position(code)
    form = KeyForm()

    def change():
        wanted = bool(form.key.data)
        changed = services.set_key(position, wanted, current_user)
        if not changed:
            return "position-key", _("Nothing changed.")
        if wanted:
            return "position-key", _("Marked as a key position.")
        return "position-key", _("No longer a key position.")

    return apply_change(code, form, "position-key", KEY, change)


# Requirement rows -------------------------------------------------------------------


@bp.post("/positions/<code>/requirements")
@role_required(Role.HR)
def add_requirement(code: str):
    """Add a requirement row (with its basis) to a position."""
    position = visible_position(code)
    form = RequirementForm()

    def change():
        row = services.add_requirement(position, form.fields(), current_user)
        return f"requirement-{row.id}", _("Requirement added.")

    return apply_change(code, form, "requirement-new", REQUIREMENTS, change)


@bp.get("/positions/<code>/requirements/<int:requirement_id>/edit")
@role_required(Role.HR)
def edit_requirement(code: str, requirement_id: int):
    """Show a requirement row's edit form in place."""
    position = visible_position(code)
    if services.requirement_of(position, requirement_id) is None:
        abort(404)
    return open_editor(position, f"requirement-{requirement_id}", REQUIREMENTS)


@bp.post("/positions/<code>/requirements/<int:requirement_id>")
@role_required(Role.HR)
def update_requirement(code: str, requirement_id: int):
    """Save a requirement row, if it is still as the page showed it."""
    position = visible_position(code)
    form = ChangeRequirementForm()
    key = f"requirement-{requirement_id}"

    def change():
        row = services.requirement_of(position, requirement_id)
        changed = services.change_requirement(
            position, row, form.fields(), form.seen.data, current_user
        )
        return key, _("Requirement saved.") if changed else _("Nothing changed.")

    return apply_change(code, form, key, REQUIREMENTS, change)


@bp.post("/positions/<code>/requirements/<int:requirement_id>/delete")
@role_required(Role.HR)
def remove_requirement(code: str, requirement_id: int):
    """Remove a requirement row, if it is still as the page showed it."""
    position = visible_position(code)
    form = SeenForm()

    def change():
        row = services.requirement_of(position, requirement_id)
        services.remove_requirement(position, row, form.seen.data, current_user)
        return "requirements", _("Requirement removed.")

    return apply_change(code, form, "requirements", REQUIREMENTS, change)


# The competency standard ------------------------------------------------------------


def _competency(code: str) -> Competency:
    """A competency of the dictionary; 404 for an unknown code."""
    competency = catalogue.competency_by_code(code)
    if competency is None:
        abort(404)
    return competency


@bp.post("/positions/<code>/competencies")
@role_required(Role.HR)
def add_competency(code: str):
    """Add a competency with its required level and basis to the standard."""
    position = visible_position(code)
    form = AddCompetencyForm()

    def change():
        competency = form.chosen
        services.add_competency(
            position,
            competency,
            form.required_level.data,
            form.basis.data,
            current_user,
        )
        return f"competency-{competency.code}", _("Competency added.")

    return apply_change(code, form, "competency-new", STANDARD, change)


@bp.get("/positions/<code>/competencies/<competency_code>/edit")
@role_required(Role.HR)
def edit_competency(code: str, competency_code: str):
    """Show the required level and basis of a competency for editing in place."""
    position = visible_position(code)
    competency = _competency(competency_code)
    if services.standard_of(position, competency) is None:
        abort(404)
    return open_editor(position, f"competency-{competency.code}", STANDARD)


@bp.post("/positions/<code>/competencies/<competency_code>")
@role_required(Role.HR)
def update_competency(code: str, competency_code: str):
    """Save a competency's required level and basis."""
    position = visible_position(code)
    competency = _competency(competency_code)
    form = ChangeCompetencyForm()
    key = f"competency-{competency.code}"

    def change():
        changed = services.change_competency(
            position,
            competency,
            form.required_level.data,
            form.basis.data,
            form.seen.data,
            current_user,
        )
        return key, _("Competency saved.") if changed else _("Nothing changed.")

    return apply_change(code, form, key, STANDARD, change)


@bp.post("/positions/<code>/competencies/<competency_code>/delete")
@role_required(Role.HR)
def remove_competency(code: str, competency_code: str):
    """Take a competency out of the standard."""
    position = visible_position(code)
    competency = _competency(competency_code)
    form = SeenForm()

    def change():
        services.remove_competency(position, competency, form.seen.data, current_user)
        return "standard", _("Competency removed from the standard.")

    return apply_change(code, form, "standard", STANDARD, change)
