"""Fixtures: the app on a throwaway database, clients signed in per role, data.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL
names one (script/test does both when PostgreSQL is installed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login import login_manager as flask_login_manager
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, text

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.i18n import LOCALE_COOKIE
from app.mentoring.fitting import forget_models
from tests.factories import World

CSRF_RAW = "0123456789abcdef0123456789abcdef01234567"


class Client(FlaskClient):
    """A test client that can be signed in, sends a valid CSRF token, reads English.

    ``csrf=False`` on a request sends none, to test the protection itself.
    """

    def __init__(self, *args, user=None, locale: str | None = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        app = self.application
        if locale:  # tests read English; tests/test_i18n.py covers the default
            self.set_cookie(LOCALE_COOKIE, locale)
        with self.session_transaction() as session:
            session["csrf_token"] = CSRF_RAW
            if user is not None:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
                # Strong session protection compares this hash of address and agent.
                with app.test_request_context(environ_base=self.environ_base):
                    session["_id"] = flask_login_manager._create_identifier()

    @property
    def csrf_token(self) -> str:
        serializer = URLSafeTimedSerializer(
            self.application.secret_key, salt="wtf-csrf-token"
        )
        return serializer.dumps(CSRF_RAW)

    def open(self, *args, csrf: bool = True, **kwargs):
        if csrf:
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token)
            kwargs["headers"] = headers
        # Each request gets its own app context, hence its own ``g`` and database
        # session, as in production; the test's context is only reused otherwise.
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()  # the test's session sees what the request wrote
        return response


def _database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database with the models' schema, created once per test session."""
    url = _database_url(tmp_path_factory)
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.drop_all()
        _drop_alembic_version()
        db.create_all()
        db.engine.dispose()
    return url


def _drop_alembic_version() -> None:
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def serve_test_app(database_url: str) -> Iterator[Flask]:
    """The application on ``database_url``, emptied again when the test ends.

    The matching model cached in this process goes too: it describes rows that
    the next test does not have.
    """
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        SQLALCHEMY_ENGINE_OPTIONS={},
    )
    app.test_client_class = Client
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()
        forget_models()


@pytest.fixture
def app(database_url):
    """The application with a clean database for each test."""
    yield from serve_test_app(database_url)


def _empty_tables() -> None:
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(table.name for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app) -> Client:
    """An anonymous client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for ``flask`` commands."""
    return app.test_cli_runner()


@pytest.fixture
def world(app) -> World:
    """A small organisation with one person in each role."""
    return World()


@pytest.fixture
def login(app, world):
    """``login("supervisor")`` gives a client signed in as that person."""

    def make(role: str) -> Client:
        return app.test_client(user=world.users[role])

    return make


class QueryCounter:
    """Counts the SQL statements the app sends while active."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, *args) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """``with count_queries() as counter: ...`` then ``counter.count``."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


def text_of(response) -> str:
    """The response body as text with tags removed and spaces folded."""
    body = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
