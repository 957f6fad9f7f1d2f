"""Settings read from the environment.

Every setting has a safe development default except ``SECRET_KEY``, which must be
set outside development (``ProductionConfig.validate`` refuses to start without it).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(instance_path: Path) -> str:
    """The configured database, or an SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the driver "postgres"; SQLAlchemy wants psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url
    return f"sqlite:///{instance_path / 'jenjang.sqlite3'}"


class Config:
    """Defaults shared by every environment."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SQLALCHEMY_DATABASE_URI: str | None = None  # resolved in create_app
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE")
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE")
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")

    DIRECTORY_PAGE_SIZE = 25
    # Printed documents: the office's letterhead (kop surat), one line each, and
    # the place written before the date of the signatures.
    LETTERHEAD = ("PEMERINTAH KOTA MEDAN", "KECAMATAN MEDAN MARELAN")
    SIGNING_PLACE = "Medan"
    # Werkzeug's scrypt: a memory-hard KDF.
    PASSWORD_HASH_METHOD = "scrypt"

    @classmethod
    def validate(cls) -> None:
        """Refuse settings that are unsafe for this environment."""


class DevelopmentConfig(Config):
    """Local development: debug on, SQLite by default."""

    DEBUG = True


class ProductionConfig(Config):
    """Production: a real secret key is required."""

    ENV_NAME = "production"
    SECRET_KEY = os.environ.get("SECRET_KEY", "")

    @classmethod
    def validate(cls) -> None:
        """Refuse to start without a strong SECRET_KEY."""
        if len(cls.SECRET_KEY) < 32:
            raise RuntimeError(
                "SECRET_KEY must be set to at least 32 random characters in production"
            )


class TestingConfig(Config):
    """Tests: a throwaway database, no rate limits, fast password hashing."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret"
    RATELIMIT_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}


def config_from_env() -> type[Config]:
    """Pick the config class named by JENJANG_ENV (development by default)."""
    name = os.environ.get("JENJANG_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"JENJANG_ENV must be one of {sorted(CONFIGS)}") from None
