"""The people a monitoring view is about: the viewer's scope narrowed by the
filters. Every figure restricts its own aggregate query with ``restrict`` so
that the database does the counting, whatever the number of employees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select

from app.models import Employee, Position
from app.monitoring.filters import Filters
from app.monitoring.scope import Scope, people_under


@dataclass(frozen=True)
class View:
    """Who looks (their scope), at what (the filters), on which day."""

    scope: Scope
    filters: Filters
    today: date

    @property
    def period(self) -> int:
        return self.filters.period

    def restrict(self, stmt: Select, employee=Employee) -> Select:
        """``stmt`` limited to the employees in view; ``employee`` is the
        Employee entity (or an alias of it) the statement selects from."""
        filters = self.filters
        if not self.scope.everyone:
            stmt = stmt.where(employee.id.in_(people_under(self.scope.head_id)))
        if filters.unit_id is not None:
            stmt = stmt.where(employee.unit_id.in_(filters.unit_ids))
        if filters.rank_id is not None:
            stmt = stmt.where(employee.rank_id == filters.rank_id)
        if filters.employment_type is not None:
            stmt = stmt.where(employee.employment_type == filters.employment_type)
        if filters.kind is not None:
            stmt = stmt.where(
                employee.position_id.in_(
                    select(Position.id).where(Position.kind == filters.kind)
                )
            )
        return stmt

    def people(self) -> Select:
        """A SELECT of the ids of the employees in view."""
        return self.restrict(select(Employee.id))
