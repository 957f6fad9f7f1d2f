"""Settings read from the environment.

Every setting has a safe development default except ``SECRET_KEY``: production
refuses to start without it (``ProductionConfig.validate``); development without it
generates a random key once and keeps it in the instance folder
(``instance_secret_key``), so that no key published in the repository signs cookies.
"""

from __future__ import annotations

import os
import secrets
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


SECRET_KEY_FILE = "secret_key"
MIN_SECRET_KEY = 32


def instance_secret_key(instance_path: Path) -> tuple[str, Path, bool]:
    """The key kept in ``instance_path/secret_key``, generated on first use.

    Returns the key, its file and whether it was created just now. The file is
    readable by its owner only, and appears whole or not at all: the key is written
    to a private temporary file that is then hard-linked to its name, which fails
    if another process got there first, so workers starting at once agree.
    """
    path = instance_path / SECRET_KEY_FILE
    created = False
    if not path.exists():
        created = _create_key_file(path, secrets.token_urlsafe(48))
    key = path.read_text(encoding="ascii").strip()
    if len(key) < MIN_SECRET_KEY:
        raise RuntimeError(
            f"{path} holds no usable key (fewer than {MIN_SECRET_KEY} characters): "
            "delete it to generate a new one, or set SECRET_KEY"
        )
    return key, path, created


def _create_key_file(path: Path, key: str) -> bool:
    """Write ``key`` to ``path`` unless it exists; True if this call wrote it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as stream:
            stream.write(key + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        temporary.unlink(missing_ok=True)
    return True


class Config:
    """Defaults shared by every environment."""

    ENV_NAME = "development"
    # None: development keeps a generated key in the instance folder (create_app).
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY") or None
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
        if len(cls.SECRET_KEY) < MIN_SECRET_KEY:
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
