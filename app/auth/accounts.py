"""Creating logins (used by ``flask create-user`` and the admin later)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from app import catalogue
from app.auth.services import hash_password
from app.errors import DomainError
from app.extensions import db
from app.models import Employee, User
from app.nip import InvalidNip, parse_nip

MIN_PASSWORD_LENGTH = 10


class AccountError(DomainError):
    """An account that cannot be created as asked (operator tools: English)."""


def create_user(
    *,
    email: str,
    password: str,
    nip: str | None = None,
    name: str | None = None,
    unit_code: str | None = None,
    is_hr: bool = False,
    is_admin: bool = False,
) -> User:
    """Create a login; with an NIP, for that employee (created from name and unit)."""
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise AccountError(f"Invalid e-mail address: {error}") from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters."
        )
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise AccountError(f"A user with e-mail {email} exists already.")
    employee = None
    if nip:
        try:
            info = parse_nip(nip)
        except InvalidNip as error:
            raise AccountError(f"Invalid NIP: {error}") from None
        employee = db.session.scalar(select(Employee).where(Employee.nip == info.nip))
        if employee is None:
            employee = _new_employee(info.nip, name, unit_code)
        elif employee.user is not None:
            raise AccountError(f"Employee {info.nip} has a login already.")
    elif name or unit_code:
        raise AccountError("--name and --unit describe a new employee; give --nip too.")
    user = User(
        email=email,
        password_hash=hash_password(password),
        employee=employee,
        is_hr=is_hr,
        is_admin=is_admin,
    )
    db.session.add(user)
    db.session.commit()
    return user


def _new_employee(nip: str, name: str | None, unit_code: str | None) -> Employee:
    if not name or not name.strip():
        raise AccountError("A new employee needs --name.")
    if len(name) > 120:
        raise AccountError("The name can be at most 120 characters.")
    unit = catalogue.unit_by_code(unit_code)
    if unit is None:
        raise AccountError(f"Unknown unit code: {unit_code!r}.")
    employee = Employee(nip=nip, name=name.strip(), unit=unit)
    db.session.add(employee)
    return employee
