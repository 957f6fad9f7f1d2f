"""Jenjang: a career portal for the ASN of Kecamatan Medan Marelan."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app import extensions
from app.config import (
    PROJECT_ROOT,
    Config,
    config_from_env,
    database_url,
    instance_secret_key,
)
from app.extensions import csrf, db, limiter, login_manager, migrate


def create_app(config_class: type[Config] | None = None, **overrides) -> Flask:
    """Build the application: settings, extensions, blueprints, CLI and error pages."""
    config_class = config_class or config_from_env()
    config_class.validate()
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=os.environ.get(
            "JENJANG_INSTANCE", str(PROJECT_ROOT / "instance")
        ),
    )
    app.config.from_object(config_class)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url(Path(app.instance_path))
    if not app.config.get("SECRET_KEY"):
        _use_instance_secret_key(app)

    from app import input_guards

    input_guards.init_app(app)
    _init_extensions(app)
    _register_blueprints(app)

    from app import cli, errors, i18n, templating

    i18n.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def _use_instance_secret_key(app: Flask) -> None:
    """Sign cookies with the instance folder's own key; say which file holds it."""
    key, path, created = instance_secret_key(Path(app.instance_path))
    app.config["SECRET_KEY"] = key
    if created:
        app.logger.warning(
            "SECRET_KEY is not set: generated a random key and saved it in %s", path
        )
    else:
        app.logger.info("SECRET_KEY is not set: using the key saved in %s", path)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(PROJECT_ROOT / "migrations"),
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        render_item=_render_migration_item,
    )
    csrf.init_app(app)
    # Not a bare ``htmx``: in this package that name is the module app/htmx.py.
    extensions.htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from app import auth  # noqa: F401  (registers the user loader)


def _render_migration_item(type_, obj, autogen_context):
    """Write our column types as plain SQLAlchemy types in migration files."""
    from app.models.types import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _register_blueprints(app: Flask) -> None:
    from app.auth.routes import bp as auth_bp
    from app.hr.cohorts import routes as _cohorts  # noqa: F401  (on the mentoring bp)
    from app.hr.employment import routes as _employment  # noqa: F401  (on the hr bp)
    from app.hr.outcomes import routes as _outcomes  # noqa: F401  (on the hr bp)
    from app.hr.positions import routes as _positions  # noqa: F401  (on the hr bp)
    from app.hr.routes import bp as hr_bp
    from app.main.routes import bp as main_bp
    from app.mentoring import bp as mentoring_bp
    from app.monitoring import bp as monitoring_bp
    from app.notifications import bp as notifications_bp
    from app.opportunities import bp as opportunities_bp
    from app.plans import bp as plans_bp
    from app.profile.routes import bp as profile_bp
    from app.records import bp as records_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(profile_bp)
    app.register_blueprint(plans_bp)
    app.register_blueprint(hr_bp)
    app.register_blueprint(mentoring_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(records_bp)
    app.register_blueprint(opportunities_bp)
    app.register_blueprint(monitoring_bp)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record) -> None:
    """WAL lets readers and a writer work at once; the busy timeout waits for locks."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the database and spares an fsync per commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
