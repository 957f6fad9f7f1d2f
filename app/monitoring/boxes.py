"""HR numbers and names the boxes of the 9-box, and marks the talent pool.

Numbering and names vary by agency (DOMAIN.md: check), so they are data: the
nine boxes are saved together (a renumbering swaps numbers, which one box at a
time could not), from the version the page showed, and recorded in the audit
trail. ``catalogue.talent_boxes`` reads them on the next page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import and_, delete, inspect, or_
from wtforms import StringField

from app import audit, catalogue
from app.errors import Conflict, DomainError, fail, moved_on
from app.extensions import db
from app.forms import whole_number
from app.models import TalentBox, TalentLevel, User
from app.monitoring import bp

SUBJECT = "talent_boxes"
NAME_MAX = 120  # the columns' lengths
STALE = _l(
    "The boxes have changed since the page was opened. Reload the page to see "
    "them as they are now, then try again."
)
PAGE = "monitoring/boxes.html"
NUL = _l("The text contains a character that cannot be used.")


@dataclass(frozen=True)
class BoxFields:
    """What HR sets for one box; the axes never change."""

    performance: TalentLevel
    potential: TalentLevel
    number: str
    name: str
    name_en: str
    in_pool: bool


def field_name(name: str, key: tuple[TalentLevel, TalentLevel]) -> str:
    """The form field of one box, e.g. ``number-high-medium`` (performance first)."""
    return f"{name}-{key[0].value}-{key[1].value}"


def _values(box: TalentBox) -> dict:
    return {
        "number": box.number,
        "name": box.name,
        "name_en": box.name_en or "",
        "in_pool": bool(box.in_pool),
    }


def snapshot(boxes: Mapping) -> dict:
    """The boxes as the audit trail and the page's version see them."""
    return {field_name("box", key): _values(box) for key, box in boxes.items()}


def boxes_version() -> str:
    return audit.version_of(snapshot(catalogue.talent_boxes()))


def _text(value: str, field: str, required: bool) -> str:
    value = " ".join((value or "").split())
    if "\x00" in value:
        raise DomainError(
            _l("The text contains a character that cannot be used."), field
        )
    if required and not value:
        raise DomainError(_l("Name the box."), field)
    if len(value) > NAME_MAX:
        raise DomainError(_l("Keep this to %(most)s characters.", most=NAME_MAX), field)
    return value


def _checked(fields: list[BoxFields]) -> dict[tuple, dict]:
    """Each box's values, or the first refusal beside its field."""
    after: dict[tuple, dict] = {}
    seen: dict[int, tuple] = {}
    for box in fields:
        key = (box.performance, box.potential)
        number = whole_number(box.number, 9)
        if number is None or number < 1:
            raise DomainError(
                _l("Give the box a number from 1 to 9."), field_name("number", key)
            )
        if number in seen:
            raise DomainError(
                _l(
                    "Box number %(number)d is given twice: each number once.",
                    number=number,
                ),
                field_name("number", key),
            )
        seen[number] = key
        after[key] = {
            "number": number,
            "name": _text(box.name, field_name("name", key), True),
            "name_en": _text(box.name_en, field_name("name_en", key), False),
            "in_pool": box.in_pool,
        }
    if set(after) != set(catalogue.default_talent_boxes()):
        raise DomainError(_l("Every one of the nine boxes needs its values."))
    return after


def save_boxes(fields: list[BoxFields], seen: str | None, actor: User) -> bool:
    """Save the nine boxes from the version the page showed; False when unchanged."""
    current = catalogue.talent_boxes()
    if boxes_version() != seen:
        raise Conflict(STALE)
    after = _checked(fields)
    before = {
        key: snapshot({key: box})[field_name("box", key)]
        for key, box in current.items()
    }
    if after == before:
        return False
    # The saved rows go only while they still hold what the page showed: a
    # save that raced this one leaves fewer rows to delete, and loses.
    persisted = [key for key, box in current.items() if inspect(box).persistent]
    if persisted:
        matching = or_(
            *(
                and_(
                    TalentBox.performance == key[0],
                    TalentBox.potential == key[1],
                    TalentBox.number == before[key]["number"],
                    TalentBox.name == before[key]["name"],
                    TalentBox.in_pool == before[key]["in_pool"],
                )
                for key in persisted
            )
        )
        result = db.session.execute(
            delete(TalentBox)
            .where(matching)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != len(persisted):
            db.session.rollback()
            raise Conflict(STALE)
        for key in persisted:
            db.session.expunge(current[key])
    db.session.add_all(
        TalentBox(
            performance=key[0],
            potential=key[1],
            basis=current[key].basis or "",
            **values,
        )
        for key, values in after.items()
    )
    changed = [key for key in after if after[key] != before[key]]
    audit.record(
        actor,
        "talent_boxes.changed",
        SUBJECT,
        1,
        {
            "before": {field_name("box", k): before[k] for k in changed},
            "after": {field_name("box", k): after[k] for k in changed},
        },
    )
    with moved_on(Conflict(STALE)):
        db.session.commit()
    return True


class BoxesForm(FlaskForm):
    """The nine boxes' form: the CSRF token and the version the page showed;
    each box's fields are read by ``box_fields``."""

    seen = StringField()


def box_fields(form: Mapping[str, str]) -> list[BoxFields]:
    """Each box's values as posted (missing ones empty, refused by the service)."""
    return [
        BoxFields(
            performance=key[0],
            potential=key[1],
            number=form.get(field_name("number", key), ""),
            name=form.get(field_name("name", key), ""),
            name_en=form.get(field_name("name_en", key), ""),
            in_pool=bool(form.get(field_name("in_pool", key))),
        )
        for key in catalogue.default_talent_boxes()
    ]


def _hr_only() -> None:
    """Only HR numbers the boxes; anyone else finds nothing here."""
    if not current_user.is_hr:
        abort(404)


def _page(status: int = 200, posted=None, errors=None):
    boxes = catalogue.talent_boxes()
    rows = sorted(boxes.items(), key=lambda item: item[1].number)
    context = {
        "rows": rows,
        "version": boxes_version(),
        "field_name": field_name,
        "posted": posted,
        "errors": errors or {},
        "history": audit.events_of(SUBJECT, 1),
        "actor_name": audit.actor_name,
    }
    return render_template(PAGE, **context), status


@bp.get("/talent/boxes")
@login_required
def talent_boxes():
    """Show the nine boxes' numbers, names and pool marks, for HR to change."""
    _hr_only()
    return _page()


@bp.post("/talent/boxes")
@login_required
def update_talent_boxes():
    """Save the nine boxes' numbers, names and pool marks."""
    _hr_only()
    form = BoxesForm()
    if not form.validate_on_submit():
        fail(400, _("Reload the page and try again."))
    try:
        changed = save_boxes(box_fields(request.form), form.seen.data, current_user)
    except Conflict as error:
        fail(error.status, error.message)
    except DomainError as error:
        db.session.rollback()  # nothing of a refused change is kept
        return _page(422, request.form, {error.field: error.message})
    flash(_("The boxes are saved.") if changed else _("Nothing changed."), "success")
    return redirect(url_for("monitoring.talent_boxes"), 303)
