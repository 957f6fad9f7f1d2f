"""Who may see and do what: the one place for permission rules.

Roles mentor and supervisor are derived from data (an active mentor profile,
direct subordinates); hr and admin are flags on the user. A record that a user
may not see answers 404, so that its existence cannot be probed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps

from flask import abort, g
from flask_login import current_user, login_required
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import (
    AssessmentSource,
    CareerPlan,
    Employee,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    User,
)
from app.profile.services import load_employee


class Role(enum.StrEnum):
    """The roles of the design card."""

    EMPLOYEE = "employee"
    MENTOR = "mentor"
    SUPERVISOR = "supervisor"
    HR = "hr"
    ADMIN = "admin"


def roles_of(user: User) -> frozenset[Role]:
    """The roles a user holds now, derived in one query."""
    roles: set[Role] = set()
    if user.is_hr:
        roles.add(Role.HR)
    if user.is_admin:
        roles.add(Role.ADMIN)
    if user.employee_id is not None:
        roles.add(Role.EMPLOYEE)
        is_supervisor, is_mentor = db.session.execute(
            select(
                exists().where(Employee.supervisor_id == user.employee_id),
                exists().where(
                    MentorProfile.employee_id == user.employee_id,
                    MentorProfile.is_active.is_(True),
                ),
            )
        ).one()
        if is_supervisor:
            roles.add(Role.SUPERVISOR)
        if is_mentor:
            roles.add(Role.MENTOR)
    return frozenset(roles)


def current_roles() -> frozenset[Role]:
    """The signed-in user's roles, computed once per request."""
    if not current_user.is_authenticated:
        return frozenset()
    if "roles" not in g:
        g.roles = roles_of(current_user)
    return g.roles


def has_role(*roles: Role) -> bool:
    """True when the signed-in user holds any of the roles."""
    return bool(current_roles() & set(roles))


def role_required(*roles: Role) -> Callable:
    """Restrict a view to signed-in users holding one of the roles (else 403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def can_view_employee(user: User, employee: Employee) -> bool:
    """Self, the supervisors up the tree, HR and admin may see an employee's
    profile (and an active mentor, who reads the plans)."""
    return can_read_plans_of(user, employee) or user.is_admin


def reads_records_as_staff(user: User) -> bool:
    """HR and admin open any employee's personnel records (SKP, penalties ...).

    An employee reads their own records on their own page, never another's.
    """
    return user.is_hr or user.is_admin


def records_for(user: User, employee: Employee) -> bool:
    """HR records an employee's personnel data, but never their own: what the
    career rules judge someone by is entered by another officer."""
    return user.is_hr and user.employee_id != employee.id


def assessment_source_for(user: User, employee: Employee) -> AssessmentSource | None:
    """The kind of assessment a user may record for an employee, if any.

    The employee assesses themself, the direct supervisor gives the supervisor's
    level, and HR records assessment-centre results.
    """
    if user.employee_id is not None and user.employee_id == employee.id:
        return AssessmentSource.SELF
    if user.employee_id is not None and employee.supervisor_id == user.employee_id:
        return AssessmentSource.SUPERVISOR
    if user.is_hr:
        return AssessmentSource.ASSESSMENT
    return None


def owns_plan(user: User, plan: CareerPlan) -> bool:
    """Only the employee whose plan it is edits it."""
    return user.employee_id is not None and user.employee_id == plan.employee_id


def reviews_plan(user: User, plan: CareerPlan) -> bool:
    """The owner's direct supervisor, and only they, approve or return a plan."""
    return (
        user.employee_id is not None and plan.employee.supervisor_id == user.employee_id
    )


def mentors(user: User, employee: Employee) -> bool:
    """True while the user is the employee's mentor in an active mentorship."""
    if user.employee_id is None:
        return False
    return db.session.scalar(
        select(
            exists().where(
                Mentorship.mentor_id == user.employee_id,
                Mentorship.mentee_id == employee.id,
                Mentorship.status == MentorshipStatus.ACTIVE,
            )
        )
    )


def oversees(user: User, employee: Employee) -> bool:
    """True when the user stands above the employee's direct supervisor in the
    supervisor tree (their supervisor, and up): they monitor the employee's
    development, though only the direct supervisor reviews it."""
    if user.employee_id is None or employee.supervisor_id is None:
        return False
    chain = (
        select(Employee.supervisor_id.label("id"))
        .where(Employee.id == employee.supervisor_id)
        .cte("above", recursive=True)
    )
    upper = aliased(Employee)
    chain = chain.union(select(upper.supervisor_id).join(chain, upper.id == chain.c.id))
    return bool(
        db.session.scalar(select(exists().where(chain.c.id == user.employee_id)))
    )


def can_read_plans_of(user: User, employee: Employee) -> bool:
    """The employee, their supervisors up the tree, HR and an active mentor
    read plans.

    Only the owner edits, only the direct supervisor reviews; the mentor reads
    for as long as the mentorship runs.
    """
    return (
        user.employee_id == employee.id
        or (user.employee_id is not None and employee.supervisor_id == user.employee_id)
        or user.is_hr
        or mentors(user, employee)
        or oversees(user, employee)
    )


def can_read_plan(user: User, plan: CareerPlan) -> bool:
    """Readers of the owner's plans may open it; everyone else gets 404."""
    return can_read_plans_of(user, plan.employee)


def own_employee() -> Employee:
    """The signed-in user's employee record; 404 for staff-only logins (admin)."""
    employee = (
        load_employee(current_user.employee_id) if current_user.employee_id else None
    )
    if employee is None:
        abort(404)
    return employee
