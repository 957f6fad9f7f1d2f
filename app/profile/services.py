"""Competency standing of an employee against their position, and assessments."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app.errors import DomainError
from app.extensions import db
from app.models import (
    AssessmentSource,
    Competency,
    CompetencyAssessment,
    CompetencyCategory,
    CompetencyLevel,
    Employee,
    PositionCompetency,
    User,
)
from app.models.types import level_precedence, utcnow

LEVELS = range(1, 6)
HISTORY_PAGE_SIZE = 10
TEAM_PAGE_SIZE = 20
_CATEGORY_ORDER = {
    CompetencyCategory.MANAJERIAL: 0,
    CompetencyCategory.SOSIAL_KULTURAL: 1,
    CompetencyCategory.TEKNIS: 2,
}


class AssessmentError(DomainError):
    """An assessment that breaks a rule; the message is shown beside the level."""

    def __init__(self, message, field: str | None = "level") -> None:
        super().__init__(message, field)


@dataclass
class CompetencyStanding:
    """One competency of an employee: required level, latest level per source."""

    competency: Competency
    required: int | None
    latest: dict[AssessmentSource, CompetencyAssessment] = field(default_factory=dict)

    def level(self, source: AssessmentSource) -> int | None:
        """The latest level from one source, if any."""
        assessment = self.latest.get(source)
        return assessment.level if assessment else None

    @property
    def effective(self) -> CompetencyAssessment | None:
        """The assessment the gap is computed from.

        The newer of the supervisor's and the assessment centre's levels wins;
        the self-assessment counts only where neither exists.
        """
        return max(
            self.latest.values(),
            key=lambda a: level_precedence(a.source, a.assessed_at, a.id),
            default=None,
        )

    @property
    def effective_level(self) -> int | None:
        effective = self.effective
        return effective.level if effective else None

    @property
    def gap(self) -> int | None:
        """Levels still missing to the requirement (0 when met), None if unknown."""
        if self.required is None:
            return None
        return max(self.required - (self.effective_level or 0), 0)

    @property
    def status(self) -> str:
        """ "met", "gap", "unassessed" (required, no level yet) or "extra"."""
        if self.required is None:
            return "extra"
        if self.effective is None:
            return "unassessed"
        return "met" if self.gap == 0 else "gap"


@dataclass
class StandingSummary:
    """Counts shown above the competency list."""

    required: int
    met: int
    gaps: int
    unassessed: int
    total_gap: int


def load_employee(employee_id: int) -> Employee | None:
    """An employee with rank, position, unit and supervisor, in one query."""
    return db.session.scalars(
        select(Employee)
        .where(Employee.id == employee_id)
        .options(
            joinedload(Employee.rank),
            joinedload(Employee.position),
            joinedload(Employee.unit),
            joinedload(Employee.supervisor),
        )
    ).first()


def direct_subordinates(supervisor_id: int, page: int = 1) -> Pagination:
    """The employees reporting directly to a supervisor, by name, a page at a time."""
    query = (
        select(Employee)
        .where(Employee.supervisor_id == supervisor_id)
        .options(joinedload(Employee.rank), joinedload(Employee.position))
        .order_by(Employee.name, Employee.id)
    )
    return db.paginate(query, page=page, per_page=TEAM_PAGE_SIZE, error_out=False)


def newest_first():
    """Numbers each person's assessments of a competency by source, newest as 1."""
    return (
        func.row_number()
        .over(
            partition_by=(
                CompetencyAssessment.employee_id,
                CompetencyAssessment.competency_id,
                CompetencyAssessment.source,
            ),
            order_by=(
                CompetencyAssessment.assessed_at.desc(),
                CompetencyAssessment.id.desc(),
            ),
        )
        .label("position")
    )


def _latest_assessments(employee_id: int) -> Sequence[CompetencyAssessment]:
    """The newest assessment per competency and source, with competencies loaded."""
    ranked = (
        select(CompetencyAssessment.id, newest_first())
        .where(CompetencyAssessment.employee_id == employee_id)
        .subquery()
    )
    return db.session.scalars(
        select(CompetencyAssessment)
        .join(ranked, ranked.c.id == CompetencyAssessment.id)
        .where(ranked.c.position == 1)
        .options(joinedload(CompetencyAssessment.competency))
    ).all()


def _load_levels(competencies: Sequence[Competency]) -> None:
    """Fill each competency's level descriptors with one query for them all."""
    pending = [c for c in competencies if "levels" not in inspect(c).dict]
    if not pending:
        return
    by_competency: dict[int, list[CompetencyLevel]] = {c.id: [] for c in pending}
    levels = db.session.scalars(
        select(CompetencyLevel)
        .where(CompetencyLevel.competency_id.in_(by_competency))
        .order_by(CompetencyLevel.competency_id, CompetencyLevel.level)
    )
    for level in levels:
        by_competency[level.competency_id].append(level)
    for competency in pending:
        set_committed_value(competency, "levels", by_competency[competency.id])


def competency_standings(
    employee: Employee,
    position_id: int | None = None,
    *,
    required_only: bool = False,
    describe: bool = True,
) -> list[CompetencyStanding]:
    """Every competency a position requires or that was assessed, in order.

    The position is the employee's own unless another (a plan's target) is
    given; ``required_only`` leaves out the assessed competencies it does not
    require, and ``describe`` loads the level descriptors.
    """
    position_id = position_id if position_id is not None else employee.position_id
    standings: dict[int, CompetencyStanding] = {}
    if position_id is not None:
        query = (
            select(PositionCompetency)
            .where(PositionCompetency.position_id == position_id)
            .options(joinedload(PositionCompetency.competency))
        )
        for requirement in db.session.scalars(query):
            standings[requirement.competency_id] = CompetencyStanding(
                requirement.competency, requirement.required_level
            )
    for competency_id, latest in latest_by_competency(employee.id).items():
        if competency_id not in standings:
            if required_only:
                continue
            competency = next(iter(latest.values())).competency
            standings[competency_id] = CompetencyStanding(competency, None)
        standings[competency_id].latest.update(latest)
    if describe:
        _load_levels([standing.competency for standing in standings.values()])
    return sorted(
        standings.values(),
        key=lambda s: (
            s.required is None,
            _CATEGORY_ORDER[s.competency.category],
            s.competency.code,
        ),
    )


def latest_by_competency(
    employee_id: int,
) -> dict[int, dict[AssessmentSource, CompetencyAssessment]]:
    """The newest assessment per source, keyed by competency id."""
    latest: dict[int, dict[AssessmentSource, CompetencyAssessment]] = {}
    for assessment in _latest_assessments(employee_id):
        latest.setdefault(assessment.competency_id, {})[assessment.source] = assessment
    return latest


def effective_levels(
    employee_ids: Collection[int] | None = None,
    *,
    external_only: bool = False,
) -> dict[int, dict[int, int]]:
    """Effective levels ({employee: {competency: level}}) of many employees at once.

    The same rule as ``CompetencyStanding.effective``: the newer external level
    (supervisor or assessment centre) wins, the self-assessment fills in; with
    ``external_only`` it does not (what a mentor teaches from: a level others
    gave, never one's own).
    """
    ranked = select(
        CompetencyAssessment.employee_id,
        CompetencyAssessment.competency_id,
        CompetencyAssessment.source,
        CompetencyAssessment.level,
        CompetencyAssessment.assessed_at,
        CompetencyAssessment.id,
        newest_first(),
    )
    if employee_ids is not None:
        ranked = ranked.where(CompetencyAssessment.employee_id.in_(employee_ids))
    if external_only:
        ranked = ranked.where(CompetencyAssessment.source != AssessmentSource.SELF)
    ranked = ranked.subquery()
    best: dict[tuple[int, int], tuple[tuple, int]] = {}
    rows = db.session.execute(select(ranked).where(ranked.c.position == 1))
    for employee_id, competency_id, source, level, assessed_at, row_id, _ in rows:
        rank = level_precedence(source, assessed_at, row_id)
        key = (employee_id, competency_id)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, level)
    levels: dict[int, dict[int, int]] = {}
    for (employee_id, competency_id), (_, level) in best.items():
        levels.setdefault(employee_id, {})[competency_id] = level
    return levels


def summarize(standings: Sequence[CompetencyStanding]) -> StandingSummary:
    """Count met, open and unassessed requirements."""
    required = [s for s in standings if s.required is not None]
    return StandingSummary(
        required=len(required),
        met=sum(1 for s in required if s.status == "met"),
        gaps=sum(1 for s in required if s.status == "gap"),
        unassessed=sum(1 for s in required if s.status == "unassessed"),
        total_gap=sum(s.gap or 0 for s in required),
    )


def record_assessment(
    employee: Employee,
    competency: Competency,
    level: int,
    source: AssessmentSource,
    assessed_by: User,
    note: str = "",
) -> CompetencyAssessment:
    """Store a new dated level; earlier ones stay as history."""
    if level not in LEVELS:
        raise AssessmentError(_l("Choose a level from 1 to 5."))
    note = (note or "").strip()
    if len(note) > 500:
        raise AssessmentError(_l("The note can be at most 500 characters."))
    assessment = CompetencyAssessment(
        employee_id=employee.id,
        competency_id=competency.id,
        level=level,
        source=source,
        assessed_by_id=assessed_by.id,
        note=note,
        assessed_at=utcnow(),
    )
    db.session.add(assessment)
    db.session.commit()
    return assessment


def assessment_count(employee_id: int) -> int:
    """How many assessments an employee has, all sources together."""
    return db.session.scalar(
        select(func.count()).where(CompetencyAssessment.employee_id == employee_id)
    )


def assessment_history(employee_id: int, page: int = 1) -> Pagination:
    """The employee's assessments, newest first, one page at a time."""
    query = (
        select(CompetencyAssessment)
        .where(CompetencyAssessment.employee_id == employee_id)
        .options(
            joinedload(CompetencyAssessment.competency),
            joinedload(CompetencyAssessment.assessed_by).joinedload(User.employee),
        )
        .order_by(
            CompetencyAssessment.assessed_at.desc(), CompetencyAssessment.id.desc()
        )
    )
    return db.paginate(query, page=page, per_page=HISTORY_PAGE_SIZE, error_out=False)
