"""Shared pieces of the publishing, browsing and trail tests: opportunities as
HR's form posts them, and stored ones made directly."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    AuditEvent,
    Notification,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    TrainingMode,
)


def days(n: int) -> date:
    return local_today() + timedelta(days=n)


def training_form(**fields) -> dict:
    """A training as HR's form posts it."""
    data = {
        "title": "Pelatihan Arsip Digital",
        "description": "Pengelolaan arsip elektronik.",
        "audience": "Pelaksana kelurahan",
        "provider": "BKPSDM Kota Medan",
        "mode": "classroom",
        "opens_on": days(0).isoformat(),
        "closes_on": days(14).isoformat(),
        "starts_on": days(20).isoformat(),
        "ends_on": days(22).isoformat(),
        "jp": "24",
        "quota": "30",
        "competencies": ["T.05"],
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def vacancy_form(**fields) -> dict:
    """A vacancy for Lurah Alpha as HR's form posts it."""
    data = {
        "title": "Lowongan Lurah Alpha",
        "description": "Pengisian jabatan Lurah.",
        "opens_on": days(0).isoformat(),
        "closes_on": days(10).isoformat(),
        "position": "LURAH-A",
        "posts": "1",
        "weight_performance": "40",
        "weight_competency": "30",
        "weight_development": "15",
        "weight_experience": "15",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def announcement_form(**fields) -> dict:
    data = {
        "title": "Pengumuman seleksi",
        "description": "Jadwal seleksi terbuka.",
        "opens_on": days(0).isoformat(),
        "closes_on": days(5).isoformat(),
    }
    data.update(fields)
    return data


def make_opportunity(
    world,
    kind: OpportunityKind = OpportunityKind.TRAINING,
    status: OpportunityStatus = OpportunityStatus.PUBLISHED,
    **fields,
) -> Opportunity:
    """A stored opportunity (committed), open from today for two weeks."""
    values = {
        "title": f"Peluang {kind.value}",
        "opens_on": days(0),
        "closes_on": days(14),
    }
    competencies = fields.pop("competencies", None)
    if kind is OpportunityKind.TRAINING:
        values.update(
            provider="BKPSDM",
            mode=TrainingMode.CLASSROOM,
            starts_on=days(20),
            ends_on=days(21),
            jp=16,
            quota=20,
        )
        if competencies is None:
            competencies = [world.archives]
    elif kind is OpportunityKind.VACANCY:
        values.update(
            position=world.lurah_position,
            posts=1,
            weight_performance=40,
            weight_competency=30,
            weight_development=15,
            weight_experience=15,
        )
    values.update(fields)
    opportunity = Opportunity(kind=kind, status=status, **values)
    opportunity.competencies = list(competencies or [])
    db.session.add(opportunity)
    db.session.commit()
    return opportunity


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> tuple[int, int, int]:
    """(opportunities, audit events, notifications): what a refusal keeps."""
    return count(Opportunity), count(AuditEvent), count(Notification)


def reread(opportunity: Opportunity) -> Opportunity:
    return db.session.get(Opportunity, opportunity.id, populate_existing=True)
