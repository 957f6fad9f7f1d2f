"""Trainings for the tests, made directly with the models."""

from __future__ import annotations

from datetime import date, timedelta

from app.extensions import db
from app.i18n import local_today
from app.models import (
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    RecordSource,
    RecordStatus,
    TrainingMode,
    TrainingRecord,
)
from tests.factories import make_employee, make_user


def make_training(
    title: str = "Pelatihan Kearsipan Digital",
    *,
    quota: int | None = 5,
    status: OpportunityStatus = OpportunityStatus.PUBLISHED,
    kind: OpportunityKind = OpportunityKind.TRAINING,
    opens_on: date | None = None,
    closes_on: date | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    jp: int | None = 24,
    competencies=(),
) -> Opportunity:
    """A training open today (from a week ago to a week ahead), held after closing."""
    today = local_today()
    opens_on = opens_on or today - timedelta(days=7)
    closes_on = closes_on or today + timedelta(days=7)
    is_training = kind is OpportunityKind.TRAINING
    training = Opportunity(
        kind=kind,
        status=status,
        title=title,
        description="Tata kelola arsip dinamis dan aplikasi SRIKANDI.",
        audience="Pengadministrasi di kelurahan",
        opens_on=opens_on,
        closes_on=closes_on,
        provider="BPSDM Provinsi Sumatera Utara"
        if kind is OpportunityKind.TRAINING
        else "",
        mode=TrainingMode.CLASSROOM if is_training else None,
        starts_on=starts_on or (closes_on + timedelta(days=3)),
        ends_on=ends_on or (closes_on + timedelta(days=5)),
        jp=jp if is_training else None,
        quota=quota if is_training else None,
        competencies=list(competencies),
    )
    db.session.add(training)
    db.session.commit()
    return training


def make_record(
    employee,
    jp: int = 10,
    *,
    status: RecordStatus = RecordStatus.SUBMITTED,
    completed_on: date | None = None,
    title: str = "Diklat Pelayanan Prima",
) -> TrainingRecord:
    """An external certificate the employee entered."""
    record = TrainingRecord(
        employee_id=employee.id,
        source=RecordSource.CERTIFICATE,
        status=status,
        title=title,
        provider="LAN RI",
        certificate_number="123/LAN/2026",
        completed_on=completed_on or local_today(),
        jp=jp,
    )
    db.session.add(record)
    db.session.commit()
    return record


def people(world, count: int, unit=None):
    """``count`` employees with logins in Kelurahan Beta (or ``unit``)."""
    made = [make_employee(f"Peserta {n}", unit or world.kel_b) for n in range(count)]
    for employee in made:
        make_user(employee)
    db.session.commit()
    return made
