"""Password hashing and credential checks."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import Employee, User
from app.models.types import utcnow
from app.nip import looks_like_nip, normalize_nip

# Checked against when no user matches, so a wrong NIP or NI costs as long as a
# wrong password and response times do not reveal which numbers have accounts.
_DUMMY_HASH: dict[str, str] = {}


def hash_password(password: str) -> str:
    """Hash a password with the configured KDF (scrypt in production)."""
    return generate_password_hash(
        password, method=current_app.config["PASSWORD_HASH_METHOD"]
    )


def find_user(identifier: str) -> User | None:
    """The user whose NIP, NI (with or without spaces) or e-mail is ``identifier``."""
    identifier = identifier.strip()
    if looks_like_nip(identifier):
        query = (
            select(User)
            .join(User.employee)
            .where(Employee.nip == normalize_nip(identifier))
        )
    else:
        query = select(User).where(func.lower(User.email) == identifier.lower())
    return db.session.scalars(query).first()


def authenticate(identifier: str, password: str) -> User | None:
    """The active user with these credentials, or None; records the sign-in time."""
    user = find_user(identifier)
    if user is None:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        if method not in _DUMMY_HASH:
            _DUMMY_HASH[method] = hash_password("not-a-password")
        check_password_hash(_DUMMY_HASH[method], password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def remember_locale(user: User, locale: str) -> None:
    """Keep the user's interface language for their next sign-in."""
    user.locale = locale
    db.session.commit()
