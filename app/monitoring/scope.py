"""Whose figures a viewer sees: everyone (HR), or a supervisor's people down
the tree (their subordinates, and theirs). The Camat, at the top of the
kecamatan's tree, sees the kecamatan."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from app.access import Role, current_roles
from app.models import Employee, User


@dataclass(frozen=True)
class Scope:
    """``head_id`` None: every employee; else the people under that employee."""

    head_id: int | None = None

    @property
    def everyone(self) -> bool:
        return self.head_id is None


def scope_for(user: User) -> Scope | None:
    """HR sees everyone, a supervisor their people; anyone else nothing (None)."""
    if user.is_hr:
        return Scope()
    if user.employee_id is not None and Role.SUPERVISOR in current_roles():
        return Scope(user.employee_id)
    return None


def people_under(head_id: int) -> Select:
    """A SELECT of the ids of everyone below ``head_id`` in the supervisor tree.

    A recursive query (SQLite and PostgreSQL alike); UNION, not UNION ALL, so
    that a loop in wrongly entered data ends instead of running forever.
    """
    tree = (
        select(Employee.id)
        .where(Employee.supervisor_id == head_id)
        .cte("people_under", recursive=True)
    )
    below = aliased(Employee)
    tree = tree.union(select(below.id).join(tree, below.supervisor_id == tree.c.id))
    return select(tree.c.id)
