"""Read models of the position catalogue pages: the searchable list and one
position with everything its page shows. Nothing here changes data."""

from __future__ import annotations

from collections.abc import Sequence

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import (
    Position,
    PositionCompetency,
    PositionKind,
    PositionRequirement,
)


def _escape_like(text: str) -> str:
    """Make % and _ in user input match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_positions(
    query: str = "",
    kind: PositionKind | None = None,
    page: int = 1,
    per_page: int = 25,
) -> Pagination:
    """Positions whose name or code contains ``query``, of one kind, by name."""
    statement = select(Position).options(
        joinedload(Position.min_rank), joinedload(Position.max_rank)
    )
    query = query.strip()
    if query:
        pattern = f"%{_escape_like(query)}%"
        statement = statement.where(
            or_(
                Position.name.ilike(pattern, escape="\\"),
                Position.code.ilike(pattern, escape="\\"),
            )
        )
    if kind is not None:
        statement = statement.where(Position.kind == kind)
    statement = statement.order_by(Position.name, Position.id)
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def row_counts(positions: Sequence[Position]) -> dict[int, tuple[int, int]]:
    """(requirement rows, competencies of the standard) per position, one query."""
    ids = [p.id for p in positions]
    if not ids:
        return {}
    rules = (
        select(func.count(PositionRequirement.id))
        .where(PositionRequirement.position_id == Position.id)
        .correlate(Position)
        .scalar_subquery()
    )
    standard = (
        select(func.count(PositionCompetency.competency_id))
        .where(PositionCompetency.position_id == Position.id)
        .correlate(Position)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Position.id, rules, standard).where(Position.id.in_(ids))
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def load_position(code: str) -> Position | None:
    """A position with its rank band, unit, requirement rows and standard."""
    return db.session.scalars(
        select(Position)
        .where(Position.code == code)
        .options(
            joinedload(Position.min_rank),
            joinedload(Position.max_rank),
            joinedload(Position.unit),
            selectinload(Position.rules),
            selectinload(Position.requirements).joinedload(
                PositionCompetency.competency
            ),
        )
        .execution_options(populate_existing=True)
    ).first()


def standard_by_code(position: Position) -> list[PositionCompetency]:
    """The position's competency standard, by competency code."""
    return sorted(position.requirements, key=lambda r: r.competency.code)
