"""Loading the Marelan demo organisation into the database (``flask seed-demo``).

Idempotent: units and positions are upserted by code (a position's requirement
rows are replaced when they differ from the catalogue's), people are inserted
only when their NIP is new, so the command can be re-run or asked for more
people. A CPNS whose NIP follows the day of seeding keeps their row: a later
run moves the number. Positions an older demo had and this one does not are
retired: their holders and plans move to the post that takes their place. New
people also get their HR records (``app/demo/records.py``), career plans
(``app/demo/plans.py``) and mentoring (``app/demo/mentoring/``); the first run
adds the opportunities (``app/demo/opportunities.py``) and what monitoring
shows besides (``app/demo/monitoring.py``). Bulk inserts
keep 20,000 employees to seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, update

from app.auth.services import hash_password
from app.demo import catalogue
from app.demo.mentoring import (
    MentoringTotals,
    insert_mentoring,
    insert_mentors,
    mentoring_totals,
)
from app.demo.monitoring import MonitoringCounts, insert_monitoring
from app.demo.opportunities import OpportunityCounts, insert_opportunities
from app.demo.people import Batch, PersonPlan, plan_people
from app.demo.plans import insert_plans
from app.demo.records import RecordCounts, insert_records
from app.extensions import db
from app.i18n import WIB
from app.models import (
    AssessmentSource,
    Competency,
    CompetencyAssessment,
    Education,
    Employee,
    EmploymentType,
    Position,
    PositionCompetency,
    PositionKind,
    PositionRequirement,
    Rank,
    RequirementKind,
    ServiceStatus,
    Unit,
    User,
)
from app.nip import format_number

DEMO_PASSWORD = "marelan-2026"
_CHUNK = 2000


@dataclass
class DemoAccount:
    """A demo login to print."""

    role: str
    name: str
    nip_display: str
    email: str


@dataclass
class SeedReport:
    """What the seeding did."""

    units: int = 0
    positions: int = 0
    employees: int = 0
    added_employees: int = 0
    added_assessments: int = 0
    # New career plans per status value (draft, submitted, approved, returned),
    # and how many of them are last year's (approved) history.
    added_plans: dict[str, int] = field(default_factory=dict)
    added_history_plans: int = 0
    accounts: list[DemoAccount] = field(default_factory=list)
    mentoring: MentoringTotals = field(default_factory=MentoringTotals)
    records: RecordCounts = field(default_factory=RecordCounts)
    opportunities: OpportunityCounts = field(default_factory=OpportunityCounts)
    monitoring: MonitoringCounts = field(default_factory=MonitoringCounts)

    @property
    def plans_line(self) -> str:
        """E.g. "Plans 180 new (draft 30, ...; 60 of them for last year)"."""
        total = sum(self.added_plans.values())
        states = ", ".join(f"{state} {n}" for state, n in self.added_plans.items())
        history = f"; {self.added_history_plans} of them for last year" if total else ""
        return f"Plans {total} new ({states or 'none'}{history})"

    @property
    def records_line(self) -> str:
        """E.g. "Records: 560 SKP ratings, 16 penalties (7 in force), ..." (new)."""
        return self.records.line

    @property
    def mentoring_line(self) -> str:
        """E.g. "Mentoring: 13 mentors (10 open), 5 pending requests, ..." (totals)."""
        return self.mentoring.line


def seed_demo(
    employees: int = 300,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> SeedReport:
    """Upsert the demo catalogue and insert the missing demo people."""
    say = progress or (lambda message: None)
    now = now or datetime.now(UTC)
    report = SeedReport()
    units = _upsert_units()
    positions = _upsert_positions(units)
    _retire_positions(positions)
    report.units, report.positions = len(units), len(positions)

    people = plan_people(employees, seed, now.astimezone(WIB).date())
    _move_numbers(people)
    existing = set(db.session.scalars(select(Employee.nip)))
    new = [person for person in people if person.nip not in existing]
    ranks = {rank.code: rank.id for rank in db.session.scalars(select(Rank))}
    for start in range(0, len(new), _CHUNK):
        chunk = new[start : start + _CHUNK]
        db.session.execute(
            insert(Employee), [_employee_row(p, units, positions, ranks) for p in chunk]
        )
        say(f"  employees {start + len(chunk)}/{len(new)}")
    ids = dict(db.session.execute(select(Employee.nip, Employee.id)).all())
    links = [
        {"id": ids[p.nip], "supervisor_id": ids[p.supervisor_nip]}
        for p in new
        if p.supervisor_nip in ids
    ]
    if links:
        db.session.execute(update(Employee), links)
    _insert_users(new, ids, now)
    logins = dict(db.session.execute(select(User.employee_id, User.id)).all())
    batch = Batch(people, new, ids, logins, positions, seed, now, say)
    hr = logins.get(ids.get(catalogue.persona_nip("hr")))
    report.records = insert_records(batch, hr)
    report.added_assessments = _insert_assessments(batch)
    # Mentors' offers may add assessment-centre levels the plans then start from.
    report.added_assessments += insert_mentors(batch)
    plans = insert_plans(batch)
    report.added_plans, report.added_history_plans = plans.by_status, plans.history
    insert_mentoring(batch)
    report.opportunities = insert_opportunities(batch, hr)
    report.monitoring = insert_monitoring(batch, hr)
    db.session.commit()
    report.mentoring = mentoring_totals()

    report.added_employees = len(new)
    report.employees = len(ids)
    report.accounts = [
        DemoAccount(p.role, f"{p.name}, {p.back_title}", format_number(p.nip), p.email)
        for p in people
        if p.role
    ]
    report.accounts.sort(key=lambda a: _ROLE_ORDER.index(a.role))
    return report


_ROLE_ORDER = ["employee", "pppk", "mentor", "supervisor", "hr", "admin"]


def _upsert_units() -> dict[str, Unit]:
    units = {unit.code: unit for unit in db.session.scalars(select(Unit))}
    for spec in catalogue.units():
        unit = units.get(spec.code) or Unit(code=spec.code)
        unit.name, unit.kind, unit.area = spec.name, spec.kind, spec.area
        unit.parent = units[spec.parent] if spec.parent else None
        units[spec.code] = unit
        db.session.add(unit)
    db.session.flush()
    return units


def _upsert_positions(units: dict[str, Unit]) -> dict[str, Position]:
    ranks = {rank.code: rank for rank in db.session.scalars(select(Rank))}
    competencies = {c.code: c for c in db.session.scalars(select(Competency))}
    positions = {p.code: p for p in db.session.scalars(select(Position))}
    for spec in catalogue.positions():
        position = positions.get(spec.code) or Position(code=spec.code)
        position.name = spec.name
        position.kind = PositionKind(spec.kind)
        position.level = spec.level
        position.family = spec.family
        position.eselon = spec.eselon
        position.kelas_jabatan = spec.kelas_jabatan
        position.unit = units[spec.unit] if spec.unit else None
        position.min_rank = ranks.get(spec.min_rank)
        position.max_rank = ranks.get(spec.max_rank)
        wanted = [r.as_tuple() for r in spec.requirements]
        if [_rule_tuple(r) for r in position.rules] != wanted:
            position.rules = [
                PositionRequirement(
                    kind=RequirementKind(r.kind),
                    value=r.value,
                    value_max=r.value_max,
                    param=r.param,
                    basis=r.basis,
                    blocking=r.blocking,
                    alternative=r.alternative,
                    note=r.note,
                )
                for r in spec.requirements
            ]
        current = {r.competency.code: r for r in position.requirements}
        for code, level in spec.competencies.items():
            if code in current:
                current[code].required_level = level
            else:
                position.requirements.append(
                    PositionCompetency(
                        competency=competencies[code], required_level=level
                    )
                )
        for code, requirement in current.items():
            if code not in spec.competencies:
                position.requirements.remove(requirement)
        positions[spec.code] = position
        db.session.add(position)
    db.session.flush()
    return positions


def _rule_tuple(rule: PositionRequirement) -> tuple:
    return (
        rule.kind.value,
        rule.value,
        rule.value_max,
        rule.param,
        rule.basis,
        rule.blocking,
        rule.alternative,
        rule.note,
    )


def _retire_positions(positions: dict[str, Position]) -> None:
    """Move what refers to a retired position to its successor, then drop it."""
    for old, new in catalogue.retired().items():
        retired = positions.pop(old, None)
        if retired is None:
            continue
        successor = positions[new].id
        for column in _references(Position.__table__.c.id):
            db.session.execute(
                update(column.table)
                .where(column == retired.id)
                .values({column.name: successor})
            )
        db.session.execute(delete(Position).where(Position.id == retired.id))
        db.session.expire_all()
    db.session.flush()


def _references(key) -> list:
    """Every column of every table with a foreign key to ``key``."""
    return [
        column
        for table in db.metadata.sorted_tables
        for column in table.columns
        if any(fk.column is key for fk in column.foreign_keys)
    ]


def _move_numbers(people: list[PersonPlan]) -> None:
    """A CPNS's NIP follows the day of seeding; give their row the new number."""
    moving = {p.email: p.nip for p in people if p.follows_today}
    if not moving:
        return
    rows = db.session.execute(
        select(Employee.id, Employee.nip, User.email)
        .join(User, User.employee_id == Employee.id)
        .where(User.email.in_(moving))
    ).all()
    changes = [
        {"id": id_, "nip": moving[email]}
        for id_, nip, email in rows
        if nip != moving[email]
    ]
    if changes:
        db.session.execute(update(Employee), changes)


def _employee_row(person: PersonPlan, units, positions, ranks) -> dict:
    return {
        "nip": person.nip,
        "name": person.name,
        "front_title": person.front_title,
        "back_title": person.back_title,
        "employment_type": EmploymentType(person.employment_type),
        "education": Education(person.education) if person.education else None,
        "education_field": person.education_field,
        "service_status": ServiceStatus(person.service_status),
        "records_checked_on": person.records_checked_on,
        "unit_id": units[person.unit].id,
        "rank_id": ranks[person.rank] if person.rank else None,
        "position_id": positions[person.position].id,
        "rank_since": person.rank_since,
        "position_since": person.position_since,
    }


def _insert_users(new: list[PersonPlan], ids: dict[str, int], now: datetime) -> None:
    # One hash for every demo login keeps seeding 20,000 people fast.
    password_hash = hash_password(DEMO_PASSWORD)
    rows = [
        {
            "employee_id": ids[p.nip],
            "email": p.email,
            "password_hash": password_hash,
            "is_hr": p.role == "hr",
            "is_admin": p.role == "admin",
            "active": True,
            "created_at": now,
        }
        for p in new
    ]
    for start in range(0, len(rows), _CHUNK):
        db.session.execute(insert(User), rows[start : start + _CHUNK])


def _insert_assessments(batch: Batch) -> int:
    """Self-assessments for everyone, supervisor levels for about two in three.

    Returns how many were inserted; ``batch.levels`` gets, per NIP, the level
    each competency's gap is computed from (the supervisor's where there is one,
    as on the profile).
    """
    new, ids, logins, now = batch.new, batch.ids, batch.logins, batch.now
    requirements = {
        code: [(r.competency_id, r.required_level) for r in position.requirements]
        for code, position in batch.positions.items()
    }
    rows: list[dict] = []
    total = 0
    levels = batch.levels
    for number, person in enumerate(new, 1):
        rng = random.Random(person.assessment_seed)
        employee_id = ids[person.nip]
        own_login = logins.get(employee_id)
        supervisor_login = logins.get(ids.get(person.supervisor_nip))
        self_day = now - timedelta(days=rng.randint(60, 300))
        has_supervisor_level = person.supervisor_nip is not None and rng.random() < 0.65
        effective = levels[person.nip] = {}
        for competency_id, required in requirements[person.position]:
            self_level = _clip(required + rng.choice((-1, 0, 0, 1, 1)))
            effective[competency_id] = self_level
            rows.append(
                _assessment(
                    employee_id,
                    competency_id,
                    self_level,
                    AssessmentSource.SELF,
                    self_day,
                    own_login,
                )
            )
            if has_supervisor_level:
                level = _clip(required + rng.choice((-2, -1, -1, 0, 0, 1)))
                effective[competency_id] = level
                day = self_day + timedelta(days=rng.randint(5, 50))
                rows.append(
                    _assessment(
                        employee_id,
                        competency_id,
                        level,
                        AssessmentSource.SUPERVISOR,
                        day,
                        supervisor_login,
                    )
                )
        if len(rows) >= _CHUNK * 5 or number == len(new):
            if rows:
                # Core executemany: the ORM bulk path costs seconds here.
                db.session.execute(insert(CompetencyAssessment.__table__), rows)
            total += len(rows)
            rows = []
            batch.say(f"  assessments for {number}/{len(new)} employees")
    return total


def _assessment(employee_id, competency_id, level, source, when, user_id) -> dict:
    return {
        "employee_id": employee_id,
        "competency_id": competency_id,
        "level": level,
        "source": source,
        "assessed_by_id": user_id,
        "note": "",
        "assessed_at": when,
    }


def _clip(level: int) -> int:
    return max(1, min(5, level))
