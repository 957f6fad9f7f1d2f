"""Migrations build exactly the models' schema, and downgrade/upgrade round-trips."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestingConfig
from app.extensions import db


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A new, empty database of the same kind as the suite's."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"jenjang_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        return compare_metadata(context, db.metadata)


def test_migrations_match_the_models_and_round_trip(empty_database_url):
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        assert _schema_differences() == []

        downgrade(revision="base")
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()

        upgrade()
        assert _schema_differences() == []
        db.engine.dispose()


def test_the_career_rules_migration_carries_existing_positions_over(
    empty_database_url,
):
    """Minimum rank and education become requirement rows with their basis."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="145f633353a5")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO ranks (id, code, name, ordinal)"
                    " VALUES (1, 'III/a', 'Penata Muda', 9), (2, 'III/c', 'Penata', 11)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO units (id, code, name, kind)"
                    " VALUES (1, 'KEC', 'Kec', 'k')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO positions (id, code, name, kind, level, min_rank_id,"
                    " min_education, min_years_in_rank) VALUES"
                    " (1, 'ARS-AM', 'Arsiparis Ahli Muda', 'fungsional', 'ahli_muda',"
                    "  2, 'S1', 2),"
                    " (2, 'LURAH', 'Lurah Alpha', 'administrasi', 'pengawas',"
                    "  1, 'S1', 2),"
                    " (3, 'PENGADM', 'Pengadministrasi', 'administrasi', 'pelaksana',"
                    "  NULL, NULL, NULL)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO employees (id, nip, name, front_title, back_title,"
                    " employment_type, unit_id, rank_id, position_id) VALUES"
                    " (1, '198609262015051001', 'Andi', '', '', 'PNS', 1, 1, 3)"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT p.code, r.kind, r.value, r.basis"
                    " FROM position_requirements r"
                    " JOIN positions p ON p.id = r.position_id ORDER BY p.code, r.kind"
                )
            ).all()
            families = dict(
                connection.execute(text("SELECT code, family FROM positions")).all()
            )
            employee = connection.execute(
                text("SELECT service_status, education_field FROM employees")
            ).one()
            ranks = (
                connection.execute(text("SELECT DISTINCT employment_type FROM ranks"))
                .scalars()
                .all()
            )
            targets = dict(
                connection.execute(
                    text("SELECT employment_type, jp_target FROM employment_rules")
                ).all()
            )
        db.engine.dispose()
    assert [row[:3] for row in rows] == [
        ("ARS-AM", "education", "S1"),
        ("ARS-AM", "rank", "III/c"),
        ("LURAH", "education", "S1"),
        ("LURAH", "rank", "III/a"),
    ]
    assert all(row[3] for row in rows)  # each with its regulation
    assert "PermenPANRB 1/2023" in rows[1][3] and "PP 11/2017" in rows[3][3]
    assert families == {
        "ARS-AM": "Arsiparis",
        "LURAH": "Lurah Alpha",
        "PENGADM": "Pengadministrasi",
    }
    assert tuple(employee) == ("active", "")
    assert ranks == ["PNS"]
    assert targets == {"PNS": 20, "PPPK": 24}
