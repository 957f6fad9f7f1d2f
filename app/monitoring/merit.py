"""The merit evidence report: the figures of a period that show how the merit
system works (career development, promotion and transfer, performance
management, mentoring, the information system), each with how it is computed;
what HR brings to a merit-system assessment (BKN and KemenPANRB since 2024).

HR's alone. A printable page, and the same figures as CSV and XLSX. Every
figure is an aggregate the database computes: three statements of scalar
subqueries and one GROUP BY, whatever the number of employees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import abort, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import Select, and_, exists, func, or_, select
from werkzeug.datastructures import MultiDict

from app.exports import XLSX_TYPE, attachment, csv_text, xlsx_bytes
from app.extensions import db
from app.i18n import WIB, local_today
from app.models import (
    Application,
    ApplicationStatus,
    CareerPlan,
    Employee,
    Mentorship,
    MentorshipStatus,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PerformanceRating,
    PlanStatus,
    PositionCompetency,
    PositionRequirement,
    PotentialRating,
    Predikat,
)
from app.monitoring import bp
from app.monitoring.filters import DashboardFilterForm
from app.monitoring.scope import Scope
from app.monitoring.view import View
from app.opportunities.ledger import below_target

# The aspects of the merit system the figures speak to, in the report's order.
CAREER = _l("Career development")
PROMOTION = _l("Promotion and transfer")
PERFORMANCE = _l("Performance management")
MENTORING = _l("Mentoring")
INFORMATION = _l("Information system")

PREDIKAT_NAMES = {
    Predikat.SANGAT_BAIK: _l("Sangat Baik"),
    Predikat.BAIK: _l("Baik"),
    Predikat.BUTUH_PERBAIKAN: _l("Butuh Perbaikan"),
    Predikat.KURANG: _l("Kurang/Misconduct"),
    Predikat.SANGAT_KURANG: _l("Sangat Kurang"),
}


@dataclass(frozen=True)
class MeritFigure:
    """One line of the report: ``count`` of ``of`` (None: a plain count), and
    how it is computed."""

    aspect: object
    label: object
    count: int
    of: int | None
    how: object

    @property
    def percent(self) -> int | None:
        """The share, 0..100 (None for a plain count or an empty base)."""
        if self.of is None or not self.of:
            return None
        return round(100 * self.count / self.of)


def _bounds(period: int) -> tuple[datetime, datetime]:
    """The period's first moment and the next period's, in WIB, as UTC."""
    return (
        datetime(period, 1, 1, tzinfo=WIB).astimezone(UTC),
        datetime(period + 1, 1, 1, tzinfo=WIB).astimezone(UTC),
    )


def _count(stmt: Select):
    return select(func.count()).select_from(stmt.subquery()).scalar_subquery()


def _people_counts(view: View) -> dict[str, int]:
    """The figures about people in view, in one statement."""
    period, people = view.period, view.people()
    checked_since = min(view.today, date(period, 12, 31)) - timedelta(days=365)
    plans = select(CareerPlan.id).where(
        CareerPlan.period == period, CareerPlan.employee_id.in_(people)
    )
    columns = {
        "asn": _count(people),
        "plans": _count(plans),
        "approved": _count(plans.where(CareerPlan.status == PlanStatus.APPROVED)),
        "below_jp": _count(view.restrict(below_target(period))),
        "skp": _count(
            select(PerformanceRating.id).where(
                PerformanceRating.year == period - 1,
                PerformanceRating.employee_id.in_(people),
            )
        ),
        "mentored": _count(
            select(Mentorship.mentee_id)
            .where(
                Mentorship.status == MentorshipStatus.ACTIVE,
                Mentorship.mentee_id.in_(people),
            )
            .distinct()
        ),
        "checked": _count(
            view.restrict(
                select(Employee.id).where(Employee.records_checked_on >= checked_since)
            )
        ),
        "potential": _count(
            select(PotentialRating.employee_id)
            .where(
                PotentialRating.year <= period,
                PotentialRating.employee_id.in_(people),
            )
            .distinct()
        ),
    }
    row = db.session.execute(select(*(c.label(k) for k, c in columns.items()))).one()
    return {key: value or 0 for key, value in row._mapping.items()}


def _predikat_counts(view: View) -> dict[Predikat, int]:
    rows = db.session.execute(
        select(PerformanceRating.predikat, func.count())
        .where(
            PerformanceRating.year == view.period - 1,
            PerformanceRating.employee_id.in_(view.people()),
        )
        .group_by(PerformanceRating.predikat)
    )
    return {Predikat(predikat): count for predikat, count in rows}


def _selection_counts(view: View) -> dict[str, int]:
    """The vacancies and decisions of the period, in one statement (all of
    the organisation: a vacancy belongs to no one unit)."""
    start, end = _bounds(view.period)
    vacancies = select(Opportunity.id).where(
        Opportunity.kind == OpportunityKind.VACANCY,
        Opportunity.status != OpportunityStatus.DRAFT,
        Opportunity.published_at >= start,
        Opportunity.published_at < end,
    )
    criteria = and_(
        Opportunity.weight_performance.is_not(None),
        or_(
            exists().where(PositionRequirement.position_id == Opportunity.position_id),
            exists().where(PositionCompetency.position_id == Opportunity.position_id),
        ),
    )
    decided = select(Application.id).where(
        Application.status.in_(
            (ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED)
        ),
        Application.decided_at >= start,
        Application.decided_at < end,
    )
    closed = select(Opportunity.id).where(
        Opportunity.selection_closed_at >= start, Opportunity.selection_closed_at < end
    )
    columns = {
        "vacancies": _count(vacancies),
        "criteria": _count(vacancies.where(criteria)),
        "decided": _count(decided),
        "reasoned": _count(decided.where(func.trim(Application.reason) != "")),
        "closed": _count(closed),
    }
    row = db.session.execute(select(*(c.label(k) for k, c in columns.items()))).one()
    return {key: value or 0 for key, value in row._mapping.items()}


def merit_figures(view: View) -> list[MeritFigure]:
    """Every figure of the report for the view's period, in order."""
    people = _people_counts(view)
    predikat = _predikat_counts(view)
    selection = _selection_counts(view)
    asn = people["asn"]
    figures = [
        MeritFigure(
            CAREER,
            _l("ASN with a career plan for the period"),
            people["plans"],
            asn,
            _l("Employees with a plan of the period, of all employees."),
        ),
        MeritFigure(
            CAREER,
            _l("Career plans approved"),
            people["approved"],
            people["plans"],
            _l("Plans of the period the direct supervisor approved, of all plans."),
        ),
        MeritFigure(
            CAREER,
            _l("ASN at or above their JP target"),
            asn - people["below_jp"],
            asn,
            _l(
                "Verified training, certificates and mentoring (45 minutes to the "
                "JP) in the period, against the yearly JP target of the employment "
                "type (UU 20/2023)."
            ),
        ),
        MeritFigure(
            PROMOTION,
            _l("Vacancies published with their criteria"),
            selection["criteria"],
            selection["vacancies"],
            _l(
                "Vacancies published in the period whose position has requirement "
                "rows or a competency standard and whose merit weights were "
                "published, of all vacancies published in the period."
            ),
        ),
        MeritFigure(
            PROMOTION,
            _l("Decisions on applications with a reason"),
            selection["reasoned"],
            selection["decided"],
            _l(
                "Applications selected or not selected in the period with a "
                "written reason, of all decided."
            ),
        ),
        MeritFigure(
            PROMOTION,
            _l("Selections closed"),
            selection["closed"],
            None,
            _l("Vacancies whose selection HR closed in the period."),
        ),
        MeritFigure(
            PERFORMANCE,
            _l("ASN with the previous year's SKP recorded"),
            people["skp"],
            asn,
            _l(
                "Employees with an SKP predikat for the year before the period: a "
                "year's SKP is rated early in the next (PermenPANRB 6/2022)."
            ),
        ),
    ]
    figures += [
        MeritFigure(
            PERFORMANCE,
            _l("SKP predikat %(predikat)s", predikat=name),
            predikat.get(value, 0),
            people["skp"],
            _l("SKP of the previous year with this predikat, of all recorded."),
        )
        for value, name in PREDIKAT_NAMES.items()
    ]
    figures += [
        MeritFigure(
            MENTORING,
            _l("ASN with an active mentor"),
            people["mentored"],
            asn,
            _l("Employees who are mentee in an active mentorship now."),
        ),
        MeritFigure(
            INFORMATION,
            _l("Employees whose records HR checked in the last 12 months"),
            people["checked"],
            asn,
            _l(
                "Records checked within the 12 months up to the report's date (the "
                "period's last day for a past period)."
            ),
        ),
        MeritFigure(
            INFORMATION,
            _l("Employees with a potential rating"),
            people["potential"],
            asn,
            _l("A potential rating of the period or earlier, as the 9-box reads it."),
        ),
    ]
    return figures


def _merit_view() -> View:
    """HR's view of every employee for the requested period; anyone else 404.

    The report is about the whole organisation: of the dashboard's filters only
    the period applies (a bad one is dropped with a notice, as on the dashboard).
    """
    if not current_user.is_hr:
        abort(404)
    today = local_today()
    asked = MultiDict({"period": request.args.get("period", "")})
    filters = DashboardFilterForm(asked, today).filters()
    return View(Scope(), filters, today)


@bp.get("/merit")
@login_required
def merit():
    """Show the merit evidence report of a period, ready to print."""
    view = _merit_view()
    sections: list[tuple[object, list[MeritFigure]]] = []
    for figure in merit_figures(view):
        if not sections or sections[-1][0] is not figure.aspect:
            sections.append((figure.aspect, []))
        sections[-1][1].append(figure)
    return render_template(
        "monitoring/merit.html",
        view=view,
        sections=sections,
        officer=current_user.employee,
        printed_on=view.today,
    )


HEADINGS = (
    _l("Aspect"),
    _l("Figure"),
    _l("Count"),
    _l("Of"),
    _l("Share (%)"),
    _l("How it is computed"),
)


@bp.get("/merit.<any(csv, xlsx):extension>")
@login_required
def merit_export(extension: str):
    """The report's figures as a file, worded in Indonesian (BKPSDM's records)."""
    view = _merit_view()
    figures = merit_figures(view)
    with force_locale("id"):
        headings = [str(h) for h in HEADINGS]
        rows = [
            [str(f.aspect), str(f.label), f.count, f.of, f.percent, str(f.how)]
            for f in figures
        ]
    name = f"bukti-sistem-merit-{view.period}"
    if extension == "csv":
        return attachment(csv_text(headings, rows), f"{name}.csv", "text/csv")
    return attachment(xlsx_bytes(name, headings, rows), f"{name}.xlsx", XLSX_TYPE)
