"""The employee directory: search, unit and rank filters, paging."""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Employee
from app.nip import normalize_nip


def search_employees(
    query: str = "",
    unit_ids: set[int] | None = None,
    rank_id: int | None = None,
    page: int = 1,
    per_page: int = 25,
) -> Pagination:
    """Employees matching a name or NIP fragment, within units and a rank."""
    statement = select(Employee).options(
        joinedload(Employee.rank),
        joinedload(Employee.position),
        joinedload(Employee.unit),
    )
    query = query.strip()
    if query:
        digits = normalize_nip(query)
        conditions = [Employee.name.ilike(f"%{_escape_like(query)}%", escape="\\")]
        if digits.isdigit():
            conditions.append(Employee.nip.startswith(digits, autoescape=True))
        statement = statement.where(or_(*conditions))
    if unit_ids is not None:
        statement = statement.where(Employee.unit_id.in_(unit_ids))
    if rank_id is not None:
        statement = statement.where(Employee.rank_id == rank_id)
    statement = statement.order_by(Employee.name, Employee.id)
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def _escape_like(text: str) -> str:
    """Make % and _ in user input match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
