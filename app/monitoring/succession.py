"""Succession: for each key position, the talent-pool candidates ranked by
readiness against the position's requirements, with the reasons.

The key positions are those HR marks in the position catalogue (all positions
while none is marked). The candidates are the people in view whose 9-box box is
in the talent pool (``pool.py``), best box first, the position's holders left
out, at most ``CANDIDATES`` of them: their records are read in one query for
all (``persons_of``) and each is judged by the one readiness function, so a
page costs the same few queries however many people there are. A supervisor
sees candidates among their own people only.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import login_required
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from app import catalogue
from app.extensions import db
from app.main.urls import page_number
from app.models import (
    CareerPlan,
    Employee,
    PlanStatus,
    Position,
    PositionCompetency,
    TalentBox,
)
from app.models.types import PERFORMANCE_OF_PREDIKAT, Predikat, TalentLevel
from app.monitoring import bp
from app.monitoring.pool import pool_boxes
from app.monitoring.routes import _render, current_view
from app.monitoring.view import View
from app.opportunities.eligibility import REQUIREMENT_NAMES
from app.pagination import PagerFields
from app.plans.readiness import (
    PositionReadiness,
    candidate_of,
    certificate_names,
    persons_of,
    rank_catalogue,
    readiness_for,
)
from app.rules import Readiness, State, evaluate
from app.rules.evaluate import Item

CANDIDATES = 20  # the best boxes first; readiness is judged for these only
POSITIONS_PER_PAGE = 25


@dataclass(frozen=True)
class Member:
    """Someone in the talent pool: their box and this period's plan."""

    employee: Employee
    predikat: Predikat
    potential: TalentLevel
    order: int
    plan_id: int | None
    plan_status: PlanStatus | None

    @property
    def box(self) -> TalentBox:
        performance = PERFORMANCE_OF_PREDIKAT[Predikat(self.predikat)]
        return catalogue.talent_boxes()[(performance, TalentLevel(self.potential))]


def pool(
    view: View, limit: int, leave_out: int | None = None
) -> tuple[list[Member], int]:
    """The best ``limit`` people of the talent pool in view (without the
    holders of position ``leave_out``), and how many the pool holds; one query."""
    skp, potential, order = pool_boxes(view.period)
    plan = CareerPlan.__table__
    stmt = (
        select(
            Employee,
            skp.c.value,
            potential.c.value,
            order,
            plan.c.id,
            plan.c.status,
            func.count().over(),
        )
        .join(skp, skp.c.employee_id == Employee.id)
        .join(potential, potential.c.employee_id == Employee.id)
        .outerjoin(
            plan,
            and_(plan.c.employee_id == Employee.id, plan.c.period == view.period),
        )
        .options(
            joinedload(Employee.unit),
            joinedload(Employee.rank),
            joinedload(Employee.position),
        )
        .where(order.is_not(None))
    )
    if leave_out is not None:
        stmt = stmt.where(
            or_(Employee.position_id.is_(None), Employee.position_id != leave_out)
        )
    rows = db.session.execute(
        view.restrict(stmt)
        .order_by(order.desc(), Employee.name, Employee.id)
        .limit(limit)
    ).all()
    members = [
        Member(
            employee,
            Predikat(predikat),
            TalentLevel(level),
            box,
            plan_id,
            PlanStatus(status) if status else None,
        )
        for employee, predikat, level, box, plan_id, status, _total in rows
    ]
    return members, rows[0][-1] if rows else 0


@dataclass(frozen=True)
class Candidate:
    """A pool member judged against the position, with the reasons."""

    member: Member
    readiness: PositionReadiness

    def named(self, state: State) -> list[str]:
        """The deciding requirements in ``state``, by name."""
        return [
            requirement_label(item, self.readiness.certificate_names)
            for item in self.readiness.counted
            if item.state is state
        ]


def requirement_label(item: Item, names) -> str:
    """A requirement's short name: a competency by its code, a certificate by
    its name, any other kind by the name the vacancy page uses."""
    words = []
    for verdict in item.verdicts:
        if verdict.kind == "competency":
            word = str(verdict.data.get("code", ""))
        elif verdict.kind in ("certificate", "training"):
            code = str(verdict.data.get("code", ""))
            word = names.get(code, code)
        else:
            word = str(REQUIREMENT_NAMES.get(verdict.kind, verdict.kind))
        if word not in words:
            words.append(word)
    return " / ".join(words)


def _rank_key(candidate: Candidate):
    """Ready first, then the share of requirements met, fewer not met, fewer
    unknown, the better box, the name."""
    readiness = candidate.readiness
    return (
        not readiness.ready,
        -readiness.percent,
        readiness.not_met,
        readiness.unknown,
        -candidate.member.order,
        candidate.member.employee.name,
        candidate.member.employee.id,
    )


def ranked(view: View, position: Position) -> tuple[list[Candidate], int]:
    """The pool's best candidates for ``position`` (holders left out), most
    ready first, and the pool's size without the holders."""
    members, total = pool(view, CANDIDATES, leave_out=position.id)
    persons = persons_of([member.employee for member in members])
    candidates = [
        Candidate(
            member,
            readiness_for(
                member.employee, position, view.today, persons[member.employee.id]
            ),
        )
        for member in members
    ]
    return sorted(candidates, key=_rank_key), total


@dataclass(frozen=True)
class KeyRow:
    """A key position on the list: holders, candidates judged, ready ones."""

    position: Position
    holders: int
    candidates: int
    ready: int


@dataclass(frozen=True)
class KeyPage(PagerFields):
    rows: list[KeyRow]
    marked: bool  # False: no position is marked key, all are listed
    pool_size: int
    page: int
    pages: int
    total: int


def key_positions(view: View, page: int) -> KeyPage:
    """One page of the key positions (all while none is marked), each with its
    holders and how many of the pool's best candidates are ready for it."""
    other = aliased(Position)
    marked = select(other.id).where(other.is_key).exists()
    rows = db.session.execute(
        select(Position, _holders(), marked, func.count().over())
        .options(*_rules_loaded())
        .where(or_(Position.is_key, ~marked))
        .order_by(Position.name, Position.id)
        .limit(POSITIONS_PER_PAGE)
        .offset((page - 1) * POSITIONS_PER_PAGE)
    ).all()
    total = rows[0][3] if rows else 0
    # Enough of the pool that each position keeps CANDIDATES after its holders.
    members, pool_size = pool(view, 2 * CANDIDATES) if rows else ([], 0)
    persons = persons_of([member.employee for member in members])
    ranks = rank_catalogue()
    found = []
    for position, holding, _marked, _total in rows:
        own = [m for m in members if m.employee.position_id != position.id]
        own = own[:CANDIDATES]
        post = candidate_of(position)
        ready = sum(
            _judge(persons[m.employee.id], post, view, ranks).ready for m in own
        )
        found.append(KeyRow(position, holding, len(own), ready))
    pages = max((total + POSITIONS_PER_PAGE - 1) // POSITIONS_PER_PAGE, 1)
    return KeyPage(
        found,
        marked=bool(rows[0][2]) if rows else False,
        pool_size=pool_size,
        page=page,
        pages=pages,
        total=total,
    )


def _judge(person, post, view: View, ranks) -> Readiness:
    return evaluate(
        person, post.rules, post.standard, view.today, ranks=ranks, candidate=post.post
    )


def _holders():
    """The number of employees holding the position (all, in view or not)."""
    return (
        select(func.count(Employee.id))
        .where(Employee.position_id == Position.id)
        .correlate(Position)
        .scalar_subquery()
    )


def _rules_loaded():
    """What readiness reads of a position: its rows and competency standard."""
    return (
        joinedload(Position.unit),
        selectinload(Position.rules),
        selectinload(Position.requirements).joinedload(PositionCompetency.competency),
    )


def position_with_holders(code: str) -> tuple[Position, int] | None:
    """The position with this code, ready to judge, and its holders (None for
    an unknown code)."""
    row = db.session.execute(
        select(Position, _holders())
        .options(*_rules_loaded())
        .where(Position.code == code)
        .execution_options(populate_existing=True)
    ).first()
    return (row[0], row[1]) if row else None


@bp.get("/succession")
@login_required
def succession():
    """List the key positions with their holders and ready candidates."""
    view, form = current_view()
    listing = key_positions(view, page_number())
    context = {
        "view": view,
        "form": form,
        "listing": listing,
        "cap": CANDIDATES,
    }
    return _render("monitoring.succession", "monitoring/_succession.html", context)


@bp.get("/succession/<code>")
@login_required
def succession_detail(code: str):
    """Rank the talent pool's candidates for one position, with the reasons."""
    view, form = current_view()
    found = position_with_holders(code)
    if found is None:
        abort(404)
    position, holders = found
    candidates, pool_size = ranked(view, position)
    context = {
        "view": view,
        "form": form,
        "position": position,
        "candidates": candidates,
        "pool_size": pool_size,
        "holders": holders,
        "cap": CANDIDATES,
        "names": certificate_names(),
        "State": State,
    }
    return _render(
        "monitoring.succession_detail",
        "monitoring/_succession_detail.html",
        context,
        code=code,
    )
