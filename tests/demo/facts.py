"""The seeded demo as the career rules see it: each employee's facts and each
position's rows, read from the database in a few queries (for the tests)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.i18n import WIB
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
    Rank,
)
from app.rules import CompetencyRule, Held, Level, Penalty, Person, Post, RankFact, Rule


@dataclass(frozen=True)
class Demo:
    """Everyone's facts, every position with its rows, the rank catalogue."""

    people: dict[int, Person]  # by employee id
    posts: dict[int, Post]  # by position id
    rules: dict[int, tuple[Rule, ...]]
    standards: dict[int, tuple[CompetencyRule, ...]]
    ranks: dict[str, RankFact]


def load_demo() -> Demo:
    ranks = {
        r.code: RankFact(r.code, r.ordinal, r.employment_type is EmploymentType.PPPK)
        for r in db.session.scalars(select(Rank))
    }
    by_id = {fact.code: fact for fact in ranks.values()}
    rank_codes = dict(db.session.execute(select(Rank.id, Rank.code)).all())
    posts = {
        p.id: Post(
            id=p.id,
            code=p.code,
            kind=p.kind.value,
            level=p.level,
            family=p.family,
            eselon=p.eselon,
            kelas=p.kelas_jabatan,
            name=p.name,
        )
        for p in db.session.scalars(select(Position))
    }
    rules: dict[int, list[Rule]] = defaultdict(list)
    for r in db.session.scalars(
        select(PositionRequirement).order_by(PositionRequirement.id)
    ):
        rules[r.position_id].append(
            Rule(
                kind=r.kind.value,
                value=r.value,
                value_max=r.value_max,
                param=r.param,
                basis=r.basis,
                blocking=r.blocking,
                alternative=r.alternative,
                note=r.note,
                id=r.id,
            )
        )
    codes = dict(db.session.execute(select(Competency.id, Competency.code)).all())
    standards: dict[int, list[CompetencyRule]] = defaultdict(list)
    for c in db.session.scalars(select(PositionCompetency)):
        standards[c.position_id].append(
            CompetencyRule(c.competency_id, codes[c.competency_id], c.required_level)
        )

    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for r in db.session.scalars(select(PerformanceRating)):
        ratings[r.employee_id][r.year] = r.predikat.value
    penalties: dict[int, list[Penalty]] = defaultdict(list)
    for p in db.session.scalars(select(DisciplinaryPenalty)):
        penalties[p.employee_id].append(
            Penalty(p.severity.value, p.starts_on, p.ends_on)
        )
    points: dict[int, tuple[date, object]] = {}
    for p in db.session.scalars(select(CreditPointRecord)):
        if p.employee_id not in points or points[p.employee_id][0] < p.as_of:
            points[p.employee_id] = (p.as_of, p.total)
    type_codes = dict(
        db.session.execute(select(CertificateType.id, CertificateType.code)).all()
    )
    held: dict[int, list[Held]] = defaultdict(list)
    for c in db.session.scalars(select(Certificate)):
        held[c.employee_id].append(
            Held(type_codes[c.type_id], c.issued_on, c.valid_until, c.position_id)
        )
    levels: dict[int, dict[int, list[Level]]] = defaultdict(lambda: defaultdict(list))
    for a in db.session.scalars(select(CompetencyAssessment)):
        on = a.assessed_at.astimezone(WIB).date()
        levels[a.employee_id][a.competency_id].append(
            Level(a.level, a.source.value, on)
        )

    people = {}
    for e in db.session.scalars(select(Employee)):
        people[e.id] = Person(
            birth_date=e.birth_date,
            service_start=e.cpns_start,
            pppk=e.employment_type is EmploymentType.PPPK,
            rank=by_id[rank_codes[e.rank_id]] if e.rank_id else None,
            post=posts.get(e.position_id),
            post_since=e.position_since,
            education=e.education.value if e.education else None,
            education_field=e.education_field,
            status=e.service_status.value,
            ratings=dict(ratings[e.id]),
            penalties=tuple(penalties[e.id]),
            credit_points=points[e.id][1] if e.id in points else None,
            certificates=tuple(held[e.id]),
            records_checked_on=e.records_checked_on,
            levels={cid: tuple(lv) for cid, lv in levels[e.id].items()},
        )
    return Demo(
        people=people,
        posts=posts,
        rules={k: tuple(v) for k, v in rules.items()},
        standards={k: tuple(v) for k, v in standards.items()},
        ranks=ranks,
    )
