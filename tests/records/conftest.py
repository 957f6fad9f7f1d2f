"""Fixtures for the personnel records: HR's client, a PPPK, a functional post,
and a snapshot of everything the records' forms could write."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AuditEvent,
    Certificate,
    CreditPointRecord,
    DisciplinaryPenalty,
    Employee,
    PerformanceRating,
    PositionKind,
)
from tests.factories import make_position, make_pppk, make_user

HTMX = {"HX-Request": "true"}


def records_url(employee, part: str = "") -> str:
    """The address of an employee's records page, or of one of its forms."""
    return f"/hr/employees/{employee.id}/records{'/' + part if part else ''}"


@pytest.fixture
def hr(login):
    """A client signed in as the HR officer (Maya)."""
    return login("hr")


@pytest.fixture
def pppk(world):
    """Rina, a PPPK with golongan IX, who can sign in."""
    employee = make_pppk(world)
    world.users["pppk"] = make_user(employee, "rina@uji.example.id")
    db.session.commit()
    return employee


@pytest.fixture
def functional(world):
    """A functional position a competency test can be for."""
    position = make_position(
        "ARSIPARIS-AP",
        {world.archives: 3},
        name="Arsiparis Ahli Pertama",
        kind=PositionKind.FUNGSIONAL,
        level="ahli_pertama",
        family="Arsiparis",
    )
    db.session.commit()
    return position


def snapshot() -> tuple:
    """Everything the records' forms could write: rows per table, and each
    employee's employment data."""
    counts = tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (
            PerformanceRating,
            DisciplinaryPenalty,
            CreditPointRecord,
            Certificate,
            AuditEvent,
        )
    )
    people = db.session.execute(
        select(
            Employee.id,
            Employee.employment_type,
            Employee.rank_id,
            Employee.service_status,
            Employee.education,
            Employee.education_field,
            Employee.position_since,
            Employee.records_checked_on,
        ).order_by(Employee.id)
    ).all()
    return counts, people
