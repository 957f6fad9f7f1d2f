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


# Without SECRET_KEY (development) ------------------------------------------------

PUBLISHED_KEY = "dev-only-not-secret"  # the key this repository once shipped


@pytest.fixture
def development(monkeypatch, tmp_path):
    """``development(folder)`` builds a development app with no SECRET_KEY set,
    its instance folder ``folder`` (under tmp_path), on the test database."""
    import importlib

    import app.config as config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    reloaded = importlib.reload(config)

    def make(folder: str = "instance", **overrides):
        monkeypatch.setenv("JENJANG_INSTANCE", str(tmp_path / folder))
        return create_app(reloaded.DevelopmentConfig, **overrides)

    yield make
    monkeypatch.undo()
    importlib.reload(config)


def test_development_never_signs_with_a_published_key(development):
    app = development()
    assert app.secret_key
    assert app.secret_key != PUBLISHED_KEY
    assert len(app.secret_key) >= 32


def _forged_session(client, user, key: str) -> str:
    """A session cookie for ``user`` signed with ``key``, as an attacker makes it
    (with the identifier that strong session protection expects of ``client``)."""
    from flask_login import login_manager as flask_login_manager

    dev_app = client.application
    real_key = dev_app.secret_key
    dev_app.secret_key = key
    try:
        with dev_app.test_request_context(environ_base=client.environ_base):
            identifier = flask_login_manager._create_identifier()
        serializer = dev_app.session_interface.get_signing_serializer(dev_app)
        return serializer.dumps(
            {"_user_id": user.get_id(), "_fresh": True, "_id": identifier}
        )
    finally:
        dev_app.secret_key = real_key


def _forged_remember_token(user, key: str) -> str:
    import hashlib
    import hmac

    payload = user.get_id()
    digest = hmac.new(key.encode(), payload.encode(), hashlib.sha512).hexdigest()
    return f"{payload}|{digest}"


def test_a_session_forged_with_the_published_key_is_refused(
    development, database_url, world
):
    dev_app = development(SQLALCHEMY_DATABASE_URI=database_url)
    client = dev_app.test_client()
    cookie = _forged_session(client, world.users["admin"], PUBLISHED_KEY)
    client.set_cookie(dev_app.config["SESSION_COOKIE_NAME"], cookie)
    response = client.get("/hr/employees")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_remember_cookie_forged_with_the_published_key_is_refused(
    development, database_url, world
):
    dev_app = development(SQLALCHEMY_DATABASE_URI=database_url)
    client = dev_app.test_client()
    token = _forged_remember_token(world.users["admin"], PUBLISHED_KEY)
    client.set_cookie("remember_token", token)
    response = client.get("/hr/employees")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_generated_key_is_kept_in_the_instance_folder(development, tmp_path):
    first = development("one")
    again = development("one")
    other = development("two")
    assert first.secret_key == again.secret_key
    assert other.secret_key != first.secret_key
    key_file = tmp_path / "one" / "secret_key"
    assert key_file.read_text().strip() == first.secret_key
    assert key_file.stat().st_mode & 0o077 == 0  # only the owner may read it


def test_the_generated_key_is_announced_naming_its_file(development, tmp_path, caplog):
    import logging

    with caplog.at_level(logging.INFO):
        development("one")
        development("one")
    lines = [r.getMessage() for r in caplog.records if "SECRET_KEY" in r.getMessage()]
    assert len(lines) == 2  # one line per start
    assert all(str(tmp_path / "one" / "secret_key") in line for line in lines)


def test_workers_starting_at_once_agree_on_the_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from app.config import instance_secret_key

    with ThreadPoolExecutor(8) as pool:
        keys = list(pool.map(lambda _: instance_secret_key(tmp_path)[0], range(16)))
    assert len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no leftovers


def test_an_empty_key_file_stops_the_start(tmp_path):
    from app.config import instance_secret_key

    (tmp_path / "secret_key").write_text("")
    with pytest.raises(RuntimeError, match="secret_key"):
        instance_secret_key(tmp_path)


def test_an_explicit_secret_key_wins_over_the_file(development, monkeypatch, tmp_path):
    import app.config as config

    monkeypatch.setattr(config.DevelopmentConfig, "SECRET_KEY", "k" * 40)
    assert development("one").secret_key == "k" * 40
    assert not (tmp_path / "one" / "secret_key").exists()


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
