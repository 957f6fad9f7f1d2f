"""The seeded demo as the career rules see it: each employee's facts and each
position's rows, read by the app's own readers (app.plans.readiness)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Employee
from app.plans.readiness import catalogue_candidates, person_of, rank_catalogue
from app.rules import CompetencyRule, Person, Post, RankFact, Rule


@dataclass(frozen=True)
class Demo:
    """Everyone's facts, every position with its rows, the rank catalogue."""

    people: dict[int, Person]  # by employee id
    posts: dict[int, Post]  # by position id
    rules: dict[int, tuple[Rule, ...]]
    standards: dict[int, tuple[CompetencyRule, ...]]
    ranks: dict[str, RankFact]


def load_demo() -> Demo:
    candidates = catalogue_candidates()
    employees = db.session.scalars(
        select(Employee).options(
            joinedload(Employee.rank), joinedload(Employee.position)
        )
    ).all()
    return Demo(
        people={employee.id: person_of(employee) for employee in employees},
        posts={c.post.id: c.post for c in candidates},
        rules={c.post.id: tuple(c.rules) for c in candidates},
        standards={c.post.id: tuple(c.standard) for c in candidates},
        ranks=rank_catalogue(),
    )
