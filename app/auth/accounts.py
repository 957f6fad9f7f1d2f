"""Creating logins (used by ``flask create-user`` and the admin later)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale
from sqlalchemy import func, select

from app import catalogue
from app.auth.services import hash_password
from app.errors import DomainError
from app.extensions import db
from app.models import Employee, EmploymentType, Rank, User
from app.nip import InvalidNip, NipInfo, format_number, is_ni, parse_number

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
    rank_code: str | None = None,
    pppk: bool | None = None,
    is_hr: bool = False,
    is_admin: bool = False,
) -> User:
    """Create a login; with a number, for that employee (created if new).

    ``nip`` is the NIP of a PNS or the NI of a PPPK; ``pppk`` says which is
    expected (None: the number decides). A new employee needs ``name`` and
    ``unit_code``; ``rank_code`` must be a rank of their employment type.
    """
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
        info = _parse_number(nip, pppk)
        employee = db.session.scalar(select(Employee).where(Employee.nip == info.nip))
        if employee is None:
            employee = _new_employee(info, name, unit_code, rank_code)
        elif employee.user is not None:
            raise AccountError(f"Employee {info.nip} has a login already.")
        elif rank_code:
            raise AccountError(
                f"Employee {info.nip} exists already; --rank is only for a new one "
                "(HR records rank changes)."
            )
    elif name or unit_code or rank_code or pppk is not None:
        raise AccountError(
            "--name, --unit, --rank and --pppk/--pns describe a new employee; "
            "give --nip too."
        )
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


def _parse_number(raw: str, pppk: bool | None) -> NipInfo:
    """The NIP or NI, of the kind asked for; the reason in English if invalid."""
    if pppk is False and is_ni(raw):
        raise AccountError(
            f"{format_number(raw.strip())} is the NI of a PPPK (digit 13 is 2), "
            "not an NIP: leave out --pns or give --pppk."
        )
    try:
        return parse_number(raw, pppk=pppk)
    except InvalidNip as error:
        what = {True: "NI", False: "NIP", None: "NIP or NI"}[pppk]
        with force_locale("en"):
            reason = str(error.message)
        raise AccountError(f"Invalid {what}: {reason}") from None


def _new_employee(
    info: NipInfo, name: str | None, unit_code: str | None, rank_code: str | None
) -> Employee:
    """The new employee, checked whole before anything is added."""
    if not name or not name.strip():
        raise AccountError("A new employee needs --name.")
    if len(name) > 120:
        raise AccountError("The name can be at most 120 characters.")
    unit = catalogue.unit_by_code(unit_code)
    if unit is None:
        raise AccountError(f"Unknown unit code: {unit_code!r}.")
    kind = EmploymentType.PPPK if info.pppk else EmploymentType.PNS
    rank = _rank_for(kind, rank_code, info) if rank_code else None
    employee = Employee(
        nip=info.nip, name=name.strip(), unit=unit, employment_type=kind, rank=rank
    )
    db.session.add(employee)
    return employee


def _rank_for(kind: EmploymentType, code: str, info: NipInfo) -> Rank:
    """The rank with this code, which must be one of the employment type's."""
    ranks = catalogue.ranks()
    rank = next((r for r in ranks if r.code == code.strip()), None)
    if rank is None:
        raise AccountError(f"Unknown rank code: {code!r}.")
    if rank.employment_type is not kind:
        own = [r.code for r in ranks if r.employment_type is kind]
        what = {
            EmploymentType.PNS: "a PNS pangkat/golongan",
            EmploymentType.PPPK: "a PPPK golongan",
        }
        number = "NI" if info.pppk else "NIP"
        span = f", {own[0]} to {own[-1]}" if own else ""
        raise AccountError(
            f"Rank {rank.code} is {what[rank.employment_type]}, but "
            f"{format_number(info.nip)} is the {number} of a {kind}, who holds "
            f"{what[kind]}{span}."
        )
    return rank
