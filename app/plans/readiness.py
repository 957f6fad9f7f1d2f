"""Readiness for a position and the career paths open from one's post.

The rules themselves are pure (``app.rules``); this module reads the facts they
need from the database (a bounded number of queries per person, whatever the
catalogue's size) and hands the rules the requirement rows of the catalogue.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date
from decimal import Decimal

from sqlalchemy import (
    Date,
    Integer,
    Numeric,
    String,
    cast,
    inspect,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)

from app import catalogue
from app.extensions import db
from app.i18n import WIB, localized
from app.models import (
    Certificate,
    CertificateType,
    Competency,
    CompetencyAssessment,
    CreditPointRecord,
    DisciplinaryPenalty,
    Employee,
    EmploymentType,
    PerformanceRating,
    Position,
    PositionCompetency,
    PositionRequirement,
)
from app.models.types import UTCDateTime
from app.profile.services import newest_first
from app.rules import (
    Candidate,
    CompetencyRule,
    Held,
    Level,
    Move,
    Paths,
    Penalty,
    Person,
    Post,
    RankFact,
    Readiness,
    Rule,
    State,
    Verdict,
    career_paths,
    evaluate,
)

PATH_LIMIT = 4  # cards per kind of move, the nearest first


@dataclass(frozen=True)
class CompetencyLine:
    """A required competency with the level that counts, for the gap table."""

    competency: Competency
    verdict: Verdict

    @property
    def required(self) -> int:
        return int(self.verdict.data["required"])

    @property
    def effective_level(self) -> int | None:
        return self.verdict.data.get("level")

    @property
    def gap(self) -> int:
        """Levels missing to the requirement; all of them when unassessed."""
        return max(self.required - (self.effective_level or 0), 0)

    @property
    def status(self) -> str:
        """met, gap or unassessed (the words of the profile's standings)."""
        if self.verdict.state is State.UNKNOWN:
            return "unassessed"
        return "met" if self.verdict.met else "gap"


@dataclass(frozen=True)
class PositionReadiness:
    """The readiness of one person for one position, with its competency lines."""

    position: Position
    readiness: Readiness
    competencies: tuple[CompetencyLine, ...]
    certificate_names: dict[str, str]

    def __getattr__(self, name: str):  # percent, met, total, status, items ...
        return getattr(self.readiness, name)

    @property
    def gaps(self) -> list[CompetencyLine]:
        """Required competencies below their level or unassessed, largest first."""
        open_ = [line for line in self.competencies if line.status != "met"]
        return sorted(open_, key=lambda line: (-line.gap, line.competency.code))

    @property
    def competencies_met(self) -> int:
        return sum(1 for line in self.competencies if line.status == "met")


def rank_catalogue() -> dict[str, RankFact]:
    """The PNS pangkat and PPPK golongan by code, as the rules see them."""
    return {
        term.code: RankFact(term.code, term.ordinal, term.pppk)
        for term in catalogue.rule_terms()
        if term.kind == "rank"
    }


def post_of(position: Position) -> Post:
    return Post(
        id=position.id,
        code=position.code,
        kind=position.kind.value,
        level=position.level,
        family=position.family,
        eselon=position.eselon,
        kelas=position.kelas_jabatan,
        name=position.name,
    )


def candidate_of(position: Position) -> Candidate:
    """A position's requirement rows and competency standard for the rules."""
    rules = tuple(
        Rule(
            kind=row.kind.value,
            value=row.value,
            value_max=row.value_max,
            param=row.param,
            basis=row.basis,
            blocking=row.blocking,
            alternative=row.alternative,
            note=row.note,
            id=row.id,
        )
        for row in position.rules
    )
    found = competencies_of(position)
    standard = tuple(
        CompetencyRule(
            need.competency_id,
            found[need.competency_id].code,
            need.required_level,
            need.basis,
        )
        for need in sorted(
            position.requirements, key=lambda n: found[n.competency_id].code
        )
    )
    return Candidate(post_of(position), rules, standard, position.unit_id)


def competencies_of(position: Position) -> dict[int, Competency]:
    """The competencies of the position's standard, by id: those loaded with it,
    else the catalogue's (one cached query, never one per competency)."""
    needs = position.requirements
    if all("competency" not in inspect(need).unloaded for need in needs):
        return {need.competency_id: need.competency for need in needs}
    return catalogue.competencies_by_id({need.competency_id for need in needs})


def _typed(value, type_):
    """A column of the union with the type of its result. A NULL is cast, so
    that PostgreSQL can match the union's columns; a date is not (SQLite would
    make it a number); an enumeration is read as text."""
    if value is None:
        return cast(null(), type_)
    if isinstance(type_, String):
        return cast(value, type_)
    return type_coerce(value, type_)


def _record_rows(employee_ids: Collection[int]):
    """The records the rules read, in one query for all of ``employee_ids``: SKP
    ratings, penalties, credit points, certificates and the newest competency
    level per source.

    Each row: (employee id, kind, number, text, day, until, amount, other id,
    moment).
    """
    columns = (Integer(), String(30), Date(), Date(), Numeric(8, 3), Integer())

    def row(
        owner,
        kind,
        number=None,
        text=None,
        day=None,
        until=None,
        amount=None,
        other=None,
        moment=None,
    ):
        values = (number, text, day, until, amount, other)
        return [
            owner.label("owner"),
            literal(kind, String(1)).label("kind"),
            *(
                _typed(value, type_).label(f"c{n}")
                for n, (value, type_) in enumerate(zip(values, columns, strict=True))
            ),
            _typed(moment, UTCDateTime()).label("moment"),
        ]

    ids = list(employee_ids)
    ranked = (
        select(
            CompetencyAssessment.employee_id,
            CompetencyAssessment.competency_id,
            CompetencyAssessment.source,
            CompetencyAssessment.level,
            CompetencyAssessment.assessed_at,
            newest_first(),
        )
        .where(CompetencyAssessment.employee_id.in_(ids))
        .subquery()
    )
    return db.session.execute(
        union_all(
            select(
                *row(
                    PerformanceRating.employee_id,
                    "r",
                    PerformanceRating.year,
                    PerformanceRating.predikat,
                )
            ).where(PerformanceRating.employee_id.in_(ids)),
            select(
                *row(
                    DisciplinaryPenalty.employee_id,
                    "p",
                    text=DisciplinaryPenalty.severity,
                    day=DisciplinaryPenalty.starts_on,
                    until=DisciplinaryPenalty.ends_on,
                )
            ).where(DisciplinaryPenalty.employee_id.in_(ids)),
            select(
                *row(
                    CreditPointRecord.employee_id,
                    "k",
                    number=CreditPointRecord.id,
                    day=CreditPointRecord.as_of,
                    amount=CreditPointRecord.total,
                )
            ).where(CreditPointRecord.employee_id.in_(ids)),
            select(
                *row(
                    Certificate.employee_id,
                    "c",
                    text=CertificateType.code,
                    day=Certificate.issued_on,
                    until=Certificate.valid_until,
                    other=Certificate.position_id,
                )
            )
            .join(CertificateType, Certificate.type_id == CertificateType.id)
            .where(Certificate.employee_id.in_(ids)),
            select(
                *row(
                    ranked.c.employee_id,
                    "a",
                    number=ranked.c.level,
                    text=ranked.c.source,
                    other=ranked.c.competency_id,
                    moment=ranked.c.assessed_at,
                )
            ).where(ranked.c.position == 1),
        )
    ).all()


@dataclass
class _Records:
    """One employee's records as the rules read them, gathered row by row."""

    ratings: dict[int, str] = field(default_factory=dict)
    penalties: list[Penalty] = field(default_factory=list)
    points: list[tuple[date, int, Decimal]] = field(default_factory=list)
    certificates: list[Held] = field(default_factory=list)
    levels: dict[int, list[Level]] = field(default_factory=dict)


def persons_of(employees: Collection[Employee]) -> dict[int, Person]:
    """Everything the rules need about each of ``employees``, in one query for
    them all (their rank and position loaded)."""
    found = {employee.id: _Records() for employee in employees}
    if not found:
        return {}
    for owner, kind, number, text, day, until, amount, other, moment in _record_rows(
        found
    ):
        records = found[owner]
        if kind == "r":
            records.ratings[number] = text
        elif kind == "p":
            records.penalties.append(Penalty(text, day, until))
        elif kind == "k":
            records.points.append((day, number, Decimal(amount)))
        elif kind == "c":
            records.certificates.append(Held(text, day, until, other))
        else:
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            records.levels.setdefault(other, []).append(
                Level(number, text, moment.astimezone(WIB).date())
            )
    return {
        employee.id: _person(employee, found[employee.id]) for employee in employees
    }


def person_of(employee: Employee) -> Person:
    """Everything the rules need about ``employee``, in one query."""
    return persons_of([employee])[employee.id]


def _person(employee: Employee, records: _Records) -> Person:
    rank = employee.rank
    return Person(
        birth_date=employee.birth_date,
        service_start=employee.cpns_start,
        pppk=employee.employment_type is EmploymentType.PPPK,
        rank=rank_catalogue().get(rank.code) if rank else None,
        post=post_of(employee.position) if employee.position else None,
        post_since=employee.position_since,
        education=employee.education.value if employee.education else None,
        education_field=employee.education_field or "",
        status=employee.service_status.value,
        ratings=records.ratings,
        penalties=tuple(records.penalties),
        # the newest record
        credit_points=max(records.points)[2] if records.points else None,
        certificates=tuple(records.certificates),
        records_checked_on=employee.records_checked_on,
        levels={
            competency: tuple(levels) for competency, levels in records.levels.items()
        },
    )


def certificate_names() -> dict[str, str]:
    """The certificate and training types' names by code, in the UI language."""
    return {
        term.code: localized(term, "name")
        for term in catalogue.rule_terms()
        if term.kind == "certificate"
    }


def _lines(
    position: Position | None, readiness: Readiness
) -> tuple[CompetencyLine, ...]:
    """The competency verdicts with their competencies (from the position when
    its standard came with them, else from the catalogue: never one query per
    competency)."""
    verdicts = [v for v in readiness.verdicts if v.kind == "competency"]
    if position is not None:
        found = competencies_of(position)
    else:
        found = catalogue.competencies_by_id(
            {v.data["competency_id"] for v in verdicts}
        )
    return tuple(
        CompetencyLine(found[v.data["competency_id"]], v)
        for v in verdicts
        if v.data["competency_id"] in found
    )


def readiness_for(
    employee: Employee, position: Position, today: date, person: Person | None = None
) -> PositionReadiness:
    """Judge ``employee`` against every requirement of ``position``."""
    person = person or person_of(employee)
    candidate = candidate_of(position)
    readiness = evaluate(
        person,
        candidate.rules,
        candidate.standard,
        today,
        ranks=rank_catalogue(),
        candidate=candidate.post,
    )
    return PositionReadiness(
        position, readiness, _lines(position, readiness), certificate_names()
    )


@dataclass(frozen=True)
class CareerPaths:
    """The paths of each kind as position readinesses, and their counts."""

    paths: dict[Move, list[PositionReadiness]]
    counts: dict[Move, int]


def catalogue_candidates() -> list[Candidate]:
    """Every position as the rules see it, read as plain rows (two queries, no
    ORM objects for the thousands of requirement rows), once per transaction."""

    def load() -> list[Candidate]:
        rules: dict[int, list[Rule]] = {}
        for row in db.session.execute(
            select(
                PositionRequirement.position_id,
                PositionRequirement.kind,
                PositionRequirement.value,
                PositionRequirement.value_max,
                PositionRequirement.param,
                PositionRequirement.basis,
                PositionRequirement.blocking,
                PositionRequirement.alternative,
                PositionRequirement.note,
                PositionRequirement.id,
            ).order_by(PositionRequirement.id)
        ):
            rules.setdefault(row[0], []).append(Rule(row[1].value, *row[2:]))
        standards: dict[int, list[CompetencyRule]] = {}
        for position_id, competency_id, code, level, basis in db.session.execute(
            select(
                PositionCompetency.position_id,
                PositionCompetency.competency_id,
                Competency.code,
                PositionCompetency.required_level,
                PositionCompetency.basis,
            )
            .join(Competency, Competency.id == PositionCompetency.competency_id)
            .order_by(PositionCompetency.position_id, Competency.code)
        ):
            standards.setdefault(position_id, []).append(
                CompetencyRule(competency_id, code, level, basis)
            )
        return [
            Candidate(
                post_of(position),
                tuple(rules.get(position.id, ())),
                tuple(standards.get(position.id, ())),
                position.unit_id,
            )
            for position in catalogue.positions()
        ]

    return catalogue.cached("candidates", load)


def paths_for(employee: Employee, today: date, limit: int = PATH_LIMIT) -> CareerPaths:
    """The positions ``employee`` could move to next, by kind of move."""
    by_id = {position.id: position for position in catalogue.positions()}
    names = certificate_names()
    found: Paths = career_paths(
        person_of(employee),
        catalogue_candidates(),
        today,
        ranks=rank_catalogue(),
        unit_id=employee.unit_id,
        limit=limit,
    )
    return CareerPaths(
        paths={
            move: [
                PositionReadiness(
                    by_id[path.candidate.post.id],
                    path.readiness,
                    _lines(None, path.readiness),
                    names,
                )
                for path in items
            ]
            for move, items in found.paths.items()
        },
        counts=dict(found.counts),
    )
