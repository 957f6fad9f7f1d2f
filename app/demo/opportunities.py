"""Demo opportunities: trainings with registrations and a waiting list, a held
training with its attendance, vacancies with applicants and one decided
selection, an announcement, and external certificates waiting for HR.

The opportunities are read from ``app/data/demo/opportunities.json`` (days
relative to the day of seeding) and added once: a run that finds any
opportunity adds none. People are drawn from everyone seeded, by a generator
seeded with the run's seed, so the same seed gives the same demo. The personas
are placed so the story shows every step: Nadia sees trainings with places and
one with a waiting list, a vacancy her plan targets (for which she is not yet
eligible, with the goals that would close the gap), her JP this year below the
target (a verified webinar, her mentoring, and a course HR has yet to verify).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import exists, select

from app import audit
from app.demo import catalogue
from app.demo.people import Batch
from app.extensions import db
from app.i18n import WIB
from app.models import (
    Competency,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    RecordSource,
    RecordStatus,
    Registration,
    RegistrationStatus,
    TrainingMode,
    TrainingRecord,
    User,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "opportunities.json"
EXTERNAL_SHARE = 0.08  # of the people: a verified external course this year
PENDING_EXTERNAL = 5  # courses waiting for HR's verification, besides Nadia's
ABSENT_SHARE = 0.15  # of those registered for a training already held


@dataclass
class OpportunityCounts:
    """What the step added, for the seeding report."""

    trainings: int = 0
    vacancies: int = 0
    registrations: int = 0
    waiting: int = 0
    records: int = 0
    applications: int = 0

    @property
    def line(self) -> str:
        return (
            f"Opportunities: {self.trainings} trainings ({self.registrations}"
            f" registrations, {self.waiting} waiting), {self.vacancies} vacancies"
            f" ({self.applications} applications), {self.records} JP records"
        )


def _spec() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _moment(today: date, days: int, hour: int = 9) -> datetime:
    """A moment in office hours ``days`` from ``today`` (WIB), as stored (UTC)."""
    local = datetime.combine(today + timedelta(days=days), datetime.min.time())
    return local.replace(hour=hour, tzinfo=WIB)


def _opportunity(
    kind: OpportunityKind,
    spec: dict,
    today: date,
    hr: User | None,
    competencies: dict[str, Competency],
    status: OpportunityStatus,
) -> Opportunity:
    opens = today + timedelta(days=spec["opens"])
    opportunity = Opportunity(
        kind=kind,
        status=status,
        title=spec["title"],
        description=spec["description"],
        audience=spec.get("audience", ""),
        opens_on=opens,
        closes_on=today + timedelta(days=spec["closes"]),
        created_by_id=hr.id if hr else None,
        created_at=_moment(today, spec["opens"] - 3),
    )
    if kind is OpportunityKind.TRAINING:
        opportunity.provider = spec["provider"]
        opportunity.mode = TrainingMode(spec["mode"])
        opportunity.starts_on = today + timedelta(days=spec["starts"])
        opportunity.ends_on = today + timedelta(days=spec["ends"])
        opportunity.jp = spec["jp"]
        opportunity.quota = spec["quota"]
        opportunity.competencies = [competencies[c] for c in spec["competencies"]]
    if status is not OpportunityStatus.DRAFT:
        opportunity.published_at = _moment(today, spec["opens"], 8)
    if status is OpportunityStatus.CLOSED:
        opportunity.closed_at = _moment(today, spec["closes"] + 1, 8)
    db.session.add(opportunity)
    return opportunity


def _published(opportunity: Opportunity, hr: User | None) -> None:
    """The audit events HR's publishing (and closing) left."""
    steps = [("opportunity.published", opportunity.published_at)]
    if opportunity.closed_at is not None:
        steps.append(("opportunity.closed", opportunity.closed_at))
    for action, at in steps:
        event = audit.record(
            hr, action, "opportunity", opportunity.id, {"title": opportunity.title}
        )
        event.at = at


def _register(
    opportunity: Opportunity,
    people: Sequence[int],
    today: date,
    counts: OpportunityCounts,
) -> list[Registration]:
    """Registrations in order: within the quota registered, beyond it waiting."""
    registrations = []
    for n, employee_id in enumerate(people):
        within = opportunity.quota is None or n < opportunity.quota
        at = _moment(today, (opportunity.opens_on - today).days + n // 4, 8 + n % 8)
        registrations.append(
            Registration(
                opportunity=opportunity,
                employee_id=employee_id,
                status=RegistrationStatus.REGISTERED
                if within
                else RegistrationStatus.WAITING,
                queued_at=at,
                created_at=at,
                updated_at=at,
            )
        )
    opportunity.booked = sum(
        1 for r in registrations if r.status is RegistrationStatus.REGISTERED
    )
    counts.registrations += len(registrations)
    counts.waiting += len(registrations) - opportunity.booked
    db.session.add_all(registrations)
    return registrations


def _attendance(
    opportunity: Opportunity,
    registrations: list[Registration],
    hr: User | None,
    rng: random.Random,
    counts: OpportunityCounts,
) -> None:
    """HR marked a held training: present (a verified JP record) or absent."""
    marked = _moment(opportunity.ends_on, 1, 10)
    for registration in registrations:
        present = rng.random() >= ABSENT_SHARE
        registration.status = (
            RegistrationStatus.ATTENDED if present else RegistrationStatus.ABSENT
        )
        registration.updated_at = marked
        if present:
            db.session.add(
                TrainingRecord(
                    employee_id=registration.employee_id,
                    source=RecordSource.ATTENDANCE,
                    status=RecordStatus.VERIFIED,
                    opportunity=opportunity,
                    title=opportunity.title,
                    provider=opportunity.provider,
                    completed_on=opportunity.ends_on,
                    jp=opportunity.jp,
                    submitted_at=marked,
                    verified_at=marked,
                    verified_by_id=hr.id if hr else None,
                )
            )
            counts.records += 1
    db.session.flush()
    for registration in registrations:
        event = audit.record(
            hr,
            "attendance.marked",
            "registration",
            registration.id,
            {"training": opportunity.title, "status": registration.status.value},
            concerns=registration.employee_id,
        )
        event.at = marked


def _external(
    employee_id: int,
    spec: dict,
    today: date,
    hr: User | None,
    number: str,
) -> TrainingRecord:
    """A course the employee entered, and what HR decided on it (if anything)."""
    completed = today + timedelta(days=spec["days"])
    status = RecordStatus(spec["status"])
    record = TrainingRecord(
        employee_id=employee_id,
        source=RecordSource.CERTIFICATE,
        status=status,
        title=spec["title"],
        provider=spec["provider"],
        certificate_number=number,
        completed_on=completed,
        jp=spec["jp"],
        reason=spec.get("reason", ""),
        submitted_at=_moment(completed, 2, 14),
    )
    if status is not RecordStatus.SUBMITTED:
        record.verified_at = _moment(completed, 5, 10)
        record.verified_by_id = hr.id if hr else None
    db.session.add(record)
    return record


def _decided_external(record: TrainingRecord, hr: User | None) -> None:
    if record.status is RecordStatus.SUBMITTED:
        return
    action = "jp.verified" if record.status is RecordStatus.VERIFIED else "jp.rejected"
    event = audit.record(
        hr,
        action,
        "training_record",
        record.id,
        {"title": record.title, "jp": record.jp},
        reason=record.reason,
        concerns=record.employee_id,
    )
    event.at = record.verified_at


def insert_opportunities(batch: Batch, hr_user_id: int | None) -> OpportunityCounts:
    """Add the demo's opportunities, registrations and JP records (once)."""
    counts = OpportunityCounts()
    if db.session.scalar(select(exists().where(Opportunity.id.is_not(None)))):
        return counts
    spec = _spec()
    today = batch.now.astimezone(WIB).date()
    rng = random.Random(f"{batch.seed}-opportunities")
    hr = db.session.get(User, hr_user_id) if hr_user_id else None
    competencies = {c.code: c for c in db.session.scalars(select(Competency))}
    nadia = batch.ids.get(catalogue.persona_nip("employee"))
    personas = {batch.ids.get(a.nip) for a in catalogue.accounts()}
    crowd = sorted(
        i for p in batch.people if (i := batch.ids.get(p.nip)) not in personas
    )

    for training in spec["trainings"]:
        held = training.get("attended", False)
        status = OpportunityStatus.CLOSED if held else OpportunityStatus.PUBLISHED
        opportunity = _opportunity(
            OpportunityKind.TRAINING, training, today, hr, competencies, status
        )
        people = rng.sample(crowd, min(training["registered"], len(crowd)))
        registrations = _register(opportunity, people, today, counts)
        db.session.flush()
        _published(opportunity, hr)
        if held:
            _attendance(opportunity, registrations, hr, rng, counts)
        counts.trainings += 1
    _opportunity(
        OpportunityKind.TRAINING,
        spec["draft_training"],
        today,
        hr,
        competencies,
        OpportunityStatus.DRAFT,
    )
    announcement = _opportunity(
        OpportunityKind.ANNOUNCEMENT,
        spec["announcement"],
        today,
        hr,
        competencies,
        OpportunityStatus.PUBLISHED,
    )
    db.session.flush()
    _published(announcement, hr)

    records = []
    verified, pending, rejected = spec["external"]
    if nadia is not None:
        records.append(_external(nadia, verified, today, hr, "OMB/SU/2026/0412"))
        records.append(_external(nadia, pending, today, hr, "BPS-LD-2026-17731"))
    for n, employee_id in enumerate(
        rng.sample(crowd, int(len(crowd) * EXTERNAL_SHARE))
    ):
        kind = pending if n < PENDING_EXTERNAL else verified
        if n == PENDING_EXTERNAL:
            kind = rejected
        records.append(_external(employee_id, kind, today, hr, f"DEMO-{n + 1:04d}"))
    db.session.flush()
    for record in records:
        _decided_external(record, hr)
    counts.records += len(records)
    return counts
