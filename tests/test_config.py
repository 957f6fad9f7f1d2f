"""Settings from the environment, and the SQLite tuning."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text, update

from app import create_app
from app.config import ProductionConfig, database_url
from app.extensions import db
from app.models import CareerPlan, PlanStatus
from tests.factories import make_plan


@pytest.mark.parametrize("secret", ["", "short"])
def test_production_refuses_a_missing_or_weak_secret_key(monkeypatch, secret):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_starts_with_a_strong_secret_key(monkeypatch, tmp_path):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    app = create_app(ProductionConfig)
    assert not app.debug
    assert app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (None, "sqlite:////srv/instance/jenjang.sqlite3"),
        ("postgres://u:p@db/jenjang", "postgresql+psycopg://u:p@db/jenjang"),
        ("postgresql://u:p@db/jenjang", "postgresql+psycopg://u:p@db/jenjang"),
        ("postgresql+psycopg://db/j", "postgresql+psycopg://db/j"),
    ],
)
def test_database_url_from_the_environment(monkeypatch, env, expected):
    if env is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", env)
    assert database_url(Path("/srv/instance")) == expected


def test_environment_switches_secure_cookies_and_shared_rate_limits(monkeypatch):
    import importlib

    import app.config as config

    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    reloaded = importlib.reload(config)
    try:
        assert reloaded.Config.SESSION_COOKIE_SECURE is True
        assert reloaded.Config.REMEMBER_COOKIE_SECURE is True
        assert reloaded.Config.RATELIMIT_STORAGE_URI == "redis://cache:6379/0"
    finally:
        monkeypatch.delenv("SESSION_COOKIE_SECURE")
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(config)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite tuning only applies to SQLite")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_a_pooled_connection_holds_no_old_snapshot(app, world, login):
    """A request leaves its connection in the pool with no transaction or
    unfinished statement, which on SQLite in WAL mode would keep the snapshot of
    its first read: the next request on it sees what was committed meanwhile."""
    plan_id = make_plan(world).id
    db.session.close()
    client = login("employee")
    assert "plan-status-draft" in client.get(f"/plans/{plan_id}").text
    assert db.engine.pool.checkedout() == 0

    elsewhere = create_engine(db.engine.url)  # another process, say
    with elsewhere.begin() as connection:
        connection.execute(
            update(CareerPlan)
            .where(CareerPlan.id == plan_id)
            .values(status=PlanStatus.SUBMITTED, version=CareerPlan.version + 1)
        )
    elsewhere.dispose()

    assert db.engine.pool.checkedin() == 1  # the next request takes that one
    assert "plan-status-submitted" in client.get(f"/plans/{plan_id}").text
