"""The position page and its parts, and the one way a change of it is answered.

A change answers htmx with the section it changed (requirement rows or the
competency standard) plus the change history out of band; without JavaScript
it redirects to the position (303). A refused change answers with its form and
messages (422), a stale one with 409.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from app import audit, catalogue
from app.errors import DomainError, refusal_on_form
from app.extensions import db
from app.hr.positions.queries import load_position, standard_by_code
from app.hr.positions.requirements import GRADES
from app.hr.positions.services import (
    SUBJECT,
    requirement_fields,
    requirement_version,
    standard_version,
)
from app.htmx import saved_part, wants_partial
from app.models import Position, RequirementKind

REQUIREMENTS = "hr/positions/_requirements.html"  # requirement rows answer with it
STANDARD = "hr/positions/_standard.html"  # competency changes answer with it
HISTORY = "hr/positions/_history.html"
KEY = "hr/positions/_key.html"  # marking a key position answers with it


def visible_position(code: str) -> Position:
    """The position with this code and all its page shows; 404 for none."""
    position = load_position(code)
    if position is None:
        abort(404)
    return position


def history_context(position: Position, page: int = 1) -> dict:
    """What the change history shows: one page of the position's audit events."""
    return {
        "position": position,
        "history": audit.events_of(SUBJECT, position.id, page),
        "changes": audit.changes,
        "actor_name": audit.actor_name,
        "competency_names": {c.code: c for c in catalogue.competencies()},
    }


def position_context(position: Position, history_page: int = 1, **state) -> dict:
    """Everything the position page and its sections show."""
    standard = standard_by_code(position)
    in_standard = {row.competency_id for row in standard}
    context = history_context(position, history_page)
    context.update(
        rules=position.rules,
        standard=standard,
        addable=[c for c in catalogue.competencies() if c.id not in in_standard],
        ranks=catalogue.ranks(),
        certificate_types=catalogue.certificate_types(),
        certificates={t.code: t for t in catalogue.certificate_types()},
        grades=GRADES,
        kinds=list(RequirementKind),
        requirement_fields=requirement_fields,
        requirement_version=requirement_version,
        standard_version=standard_version,
        edit=None,
        form=None,
        form_key=None,
    )
    context.update(state)
    return context


def position_page(position: Position, status: int = 200, **state):
    """The whole position page; ``state`` names an open editor or a refused form."""
    context = position_context(position, **state)
    return render_template("hr/positions/detail.html", **context), status


def open_editor(position: Position, key: str, fragment: str):
    """Open a requirement row or a competency for editing: its section or the page."""
    if wants_partial():
        context = position_context(position, edit=key)
        return render_template(fragment, **context)
    return position_page(position, edit=key)


def invalid(code: str, form, form_key: str, fragment: str):
    """A form that did not validate or was refused: its section again, or the
    page, 422; the position is read again as it is saved."""
    position = visible_position(code)
    if wants_partial():
        context = position_context(position, form=form, form_key=form_key)
        return render_template(fragment, **context), 422
    return position_page(position, 422, form=form, form_key=form_key)


def answer_change(code: str, fragment: str, anchor: str, message: str):
    """The answer to a saved change: the section and history (htmx) or a 303."""
    if wants_partial():
        context = position_context(visible_position(code))
        body = render_template(
            "hr/positions/_changed.html", fragment=fragment, **context
        )
        return saved_part(body, message)
    flash(message, "success")
    return redirect(url_for("hr.position", code=code, _anchor=anchor), 303)


def apply_change(code: str, form, form_key: str, fragment: str, change):
    """Validate ``form``, run ``change()`` and answer with what it changed.

    ``change`` returns the anchor to show after a redirect and the message.
    """
    if not form.validate_on_submit():
        return invalid(code, form, form_key, fragment)
    try:
        anchor, message = change()
    except DomainError as error:
        db.session.rollback()  # nothing of a refused change is kept
        refusal_on_form(form, error)  # a conflict stops here with 409
        return invalid(code, form, form_key, fragment)
    return answer_change(code, fragment, anchor, message)
