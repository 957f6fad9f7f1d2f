"""Development (JP) on the dashboard: who reached the yearly JP target, per
unit, who is below it, and the JP by kind (verified training records, HR's
certificates, mentoring as mentee).

The JP of a person is the ledger's (``app.opportunities.ledger``): its three
per-employee subqueries of the period, outer-joined to the people in view, the
mentoring minutes turned into whole JP per person. The target is the one HR
set for the person's employment type (``catalogue.jp_target``). One query per
unit for the page, one for the overview's tile.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from app import catalogue
from app.extensions import db
from app.mentoring.services.mentorships import JP_MINUTES
from app.models import Employee, EmploymentType
from app.monitoring.breakdown import UnitRow, rollup, total
from app.monitoring.figures import Figure, register
from app.monitoring.sections import Section, add
from app.monitoring.view import View
from app.opportunities.ledger import _per_employee_jp, target_of, year_bounds

KEY = "development"

# The values of a unit's row, in this order.
PEOPLE, AT_TARGET, TRAINING, CERTIFICATES, MENTORING = range(5)


def _standing(view: View, columns, condition=None):
    """A SELECT over the people in view joined to their JP of the period by
    kind; ``columns`` (and the optional WHERE ``condition``) are functions of
    the JP and target columns (``jp["training"]``, ..., ``jp["target"]``)."""
    training, certificates, mentoring = _per_employee_jp(*year_bounds(view.period))
    jp = {
        "training": func.coalesce(training.c.amount, 0),
        "certificates": func.coalesce(certificates.c.amount, 0),
        "mentoring": func.coalesce(mentoring.c.amount, 0) // JP_MINUTES,
    }
    jp["total"] = jp["training"] + jp["certificates"] + jp["mentoring"]
    jp["target"] = target_of(Employee)
    stmt = (
        select(*columns(jp))
        .select_from(Employee)
        .outerjoin(training, training.c.employee_id == Employee.id)
        .outerjoin(certificates, certificates.c.employee_id == Employee.id)
        .outerjoin(mentoring, mentoring.c.employee_id == Employee.id)
    )
    if condition is not None:
        stmt = stmt.where(condition(jp))
    return view.restrict(stmt)


def _met(jp) -> Any:
    return case((jp["total"] >= jp["target"], 1), else_=0)


# Reading the figures ---------------------------------------------------------


def per_unit(view: View) -> dict[int, tuple[int, ...]]:
    """Per unit id: people in view, those at or above their target, and the
    JP of training records, certificates and mentoring."""
    stmt = _standing(
        view,
        lambda jp: (
            Employee.unit_id,
            func.count(Employee.id),
            func.sum(_met(jp)),
            func.sum(jp["training"]),
            func.sum(jp["certificates"]),
            func.sum(jp["mentoring"]),
        ),
    ).group_by(Employee.unit_id)
    return {
        unit_id: tuple(int(v or 0) for v in values)
        for unit_id, *values in db.session.execute(stmt)
    }


def totals(view: View) -> tuple[int, int]:
    """People in view and those at or above their JP target (the tile's query)."""
    stmt = _standing(view, lambda jp: (func.count(Employee.id), func.sum(_met(jp))))
    people, met = db.session.execute(stmt).one()
    return int(people or 0), int(met or 0)


# What the templates show -------------------------------------------------------


def _percent(part: float, whole: float) -> int | None:
    """``part`` of ``whole`` in whole percent; None of nothing."""
    return round(100 * part / whole) if whole else None


def people_url(view: View, figure: str, unit_id: int | None = None) -> str:
    """The people behind a figure, in the view (or in ``unit_id``)."""
    args = view.filters.args(unit=unit_id) if unit_id else view.filters.args()
    return url_for("monitoring.people", figure=figure, **args)


def unit_url(view: View, row: UnitRow) -> str | None:
    """The section narrowed to a row's unit; None for the focus's own row."""
    if not row.drillable:
        return None
    return url_for("monitoring.section", key=KEY, **view.filters.args(unit=row.unit.id))


def _line(view: View, row: UnitRow | None, values) -> dict[str, Any]:
    people, met, training, certificates, mentoring = (int(v) for v in values)
    return {
        "unit": row.unit if row else None,
        "href": unit_url(view, row) if row else None,
        "drillable": row.drillable if row else True,
        "people": people,
        "at": met,
        "below": people - met,
        "percent": _percent(met, people),
        "training": training,
        "certificates": certificates,
        "mentoring": mentoring,
        "jp": training + certificates + mentoring,
    }


def figures(view: View) -> dict[str, Any]:
    """The section page: share at the JP target and JP by kind, per unit."""
    rows = rollup(view.filters.unit_id, per_unit(view))
    lines = [_line(view, row, row.values) for row in rows]
    whole = _line(view, None, total(rows) or (0,) * 5)
    return {
        "lines": lines,
        "whole": whole,
        "targets": [(kind, catalogue.jp_target(kind)) for kind in EmploymentType],
        "jp_kinds": [_("Training records"), _("Certificates"), _("Mentoring")],
        "share_chart": [
            {
                "label": line["unit"].name,
                "value": line["percent"] or 0,
                "text": _(
                    "%(percent)d%% (%(met)d of %(people)d)",
                    percent=line["percent"] or 0,
                    met=line["at"],
                    people=line["people"],
                ),
                "href": line["href"],
            }
            for line in lines
        ],
        "kind_chart": [
            {
                "label": line["unit"].name,
                "parts": [line["training"], line["certificates"], line["mentoring"]],
                "href": line["href"],
            }
            for line in lines
        ],
        "people_url": people_url,
    }


def headline(view: View) -> dict[str, Any]:
    """The overview's tile: the share at the JP target and the people below."""
    people, met = totals(view)
    return {
        "people": people,
        "at": met,
        "below": people - met,
        "percent": _percent(met, people),
        "people_url": people_url,
    }


add(
    Section(
        key=KEY,
        title=_l("Development (JP)"),
        template="monitoring/_development.html",
        tile="monitoring/_development_tile.html",
        figures=figures,
        headline=headline,
    )
)


# Drill-down: the people at or below their target, each with the JP reached.


def _people(met: bool):
    def people(view: View, params: Mapping[str, Any]):
        return _standing(
            view,
            lambda jp: (
                Employee.id.label("employee_id"),
                jp["total"].label("value"),
            ),
            (lambda jp: jp["total"] >= jp["target"])
            if met
            else (lambda jp: jp["total"] < jp["target"]),
        )

    return people


register(
    Figure(
        key="below-jp",
        title=lambda params: _("Below the JP target"),
        people=_people(met=False),
        value_label=_l("JP reached"),
        section=KEY,
    )
)
register(
    Figure(
        key="at-jp",
        title=lambda params: _("At or above the JP target"),
        people=_people(met=True),
        value_label=_l("JP reached"),
        section=KEY,
    )
)
