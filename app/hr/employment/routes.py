"""HR's rules per employment type: the yearly JP target (on the ``hr`` blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import audit, catalogue
from app.access import Role, role_required
from app.errors import DomainError, refusal_on_form
from app.extensions import db
from app.hr.employment.forms import JpTargetForm
from app.hr.employment.services import SUBJECT, rule_version, set_jp_target
from app.hr.routes import bp
from app.htmx import page_or_partial, saved_part, wants_partial
from app.main.urls import page_number
from app.models import EmploymentType

PAGE = "hr/employment/index.html"


def _context(page: int = 1, **state) -> dict:
    return {
        "rules": catalogue.employment_rules(),
        "rule_version": rule_version,
        "history": audit.events_of(SUBJECT, None, page),
        "changes": audit.changes,
        "actor_name": audit.actor_name,
        "form": None,
        "form_key": None,
        **state,
    }


@bp.get("/rules")
@role_required(Role.HR)
def employment_rules():
    """The yearly JP target of each employment type, and their history."""
    context = _context(page_number())
    return page_or_partial(
        PAGE, "hr/employment/_history.html", context, target="rule-history"
    )


@bp.post("/rules/<employment_type>")
@role_required(Role.HR)
def update_employment_rule(employment_type: str):
    """Set the yearly JP target of PNS or PPPK, from the version the page showed."""
    if employment_type not in {t.value for t in EmploymentType}:
        abort(404)
    kind, form = EmploymentType(employment_type), JpTargetForm()
    if not form.validate_on_submit():
        return _refused(kind, form)
    try:
        changed = set_jp_target(
            kind, form.jp_target.data, form.jp_basis.data, form.seen.data, current_user
        )
    except DomainError as error:
        db.session.rollback()  # nothing of a refused change is kept
        refusal_on_form(form, error)  # a conflict stops here with 409
        return _refused(kind, form)
    return _saved(kind, _("JP target saved.") if changed else _("Nothing changed."))


def _saved(kind: EmploymentType, message: str):
    """The rule and the history (htmx), or back to the page (303)."""
    if wants_partial():
        body = render_template("hr/employment/_changed.html", kind=kind, **_context())
        return saved_part(body, message)
    flash(message, "success")
    return redirect(url_for("hr.employment_rules", _anchor=f"rule-{kind}"), 303)


def _refused(kind: EmploymentType, form: JpTargetForm):
    """The rule's form with its messages (htmx) or the page, 422."""
    context = _context(form=form, form_key=kind.value)
    if wants_partial():
        return render_template("hr/employment/_rule.html", kind=kind, **context), 422
    return render_template(PAGE, **context), 422
