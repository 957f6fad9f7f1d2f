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

from sqlalchemy import exists, select, update
from sqlalchemy.orm import joinedload

from app import audit
from app.demo import catalogue
from app.demo.people import Batch
from app.extensions import db
from app.i18n import WIB
from app.models import (
    Application,
    ApplicationStatus,
    AssessmentSource,
    AuditEvent,
    Competency,
    CompetencyAssessment,
    Employee,
    Notification,
    NotificationKind,
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
from app.notifications.services import notify
from app.opportunities.eligibility import eligibility_of
from app.opportunities.ranking import rank_applicants
from app.opportunities.services import applications, selection
from app.opportunities.services.publishing import matching_employee_ids
from app.plans.readiness import persons_of
from app.profile.services import effective_levels

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "opportunities.json"
EXTERNAL_SHARE = 0.45  # of the people: an external course entered this year
CROWD_JP = (4, 8, 12, 16, 20, 24, 32)
PENDING_EXTERNAL = 5  # courses waiting for HR's verification, besides Nadia's
ABSENT_SHARE = 0.15  # of those registered for a training already held
COURSE_SHARE = 0.6  # of applicants: a verified course in the months before
SCAN_LIMIT = 2000  # people judged at most when looking for eligible applicants
_SCAN_CHUNK = 200
MOTIVATIONS = (
    "Saya ingin mengembangkan pengalaman saya di bidang ini dan siap bekerja "
    "dengan target kinerja yang jelas.",
    "Selama bertugas di kelurahan saya menangani layanan yang sama; penempatan "
    "ini sejalan dengan rencana pengembangan karier saya.",
    "Saya telah mengikuti pelatihan terkait tahun ini dan ingin menerapkannya "
    "untuk meningkatkan pelayanan kepada masyarakat.",
    "Saya berminat pada tugas koordinasi dan siap belajar dari atasan langsung "
    "serta rekan kerja.",
)


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
    positions: dict | None = None,
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
    if kind is OpportunityKind.VACANCY:
        opportunity.position = positions[spec["position"]]
        opportunity.posts = spec["posts"]
        weights = spec["weights"]
        opportunity.weight_performance = weights["performance"]
        opportunity.weight_competency = weights["competency"]
        opportunity.weight_development = weights["development"]
        opportunity.weight_experience = weights["experience"]
    if status is not OpportunityStatus.DRAFT:
        opportunity.published_at = _moment(today, spec["opens"], 8)
    if status is OpportunityStatus.CLOSED:
        opportunity.closed_at = _moment(today, spec["closes"] + 1, 8)
    db.session.add(opportunity)
    return opportunity


def _published(opportunity: Opportunity, hr: User | None, today: date) -> None:
    """The audit events HR's publishing (and closing) left, and the notices an
    opening still open sent to the people it matches."""
    steps = [("opportunity.published", opportunity.published_at)]
    if opportunity.closed_at is not None:
        steps.append(("opportunity.closed", opportunity.closed_at))
    for action, at in steps:
        event = audit.record(
            hr, action, "opportunity", opportunity.id, {"title": opportunity.title}
        )
        event.at = at
    if opportunity.status is OpportunityStatus.PUBLISHED:
        notify(
            matching_employee_ids(opportunity, today.year),
            NotificationKind.OPPORTUNITY_OPENED,
            opportunity.id,
            hr.employee if hr is not None else None,
        )
        db.session.execute(
            update(Notification)
            .where(
                Notification.kind == NotificationKind.OPPORTUNITY_OPENED,
                Notification.subject_id == opportunity.id,
            )
            .values(created_at=opportunity.published_at)
        )


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


def _eligible_people(
    position, day: date, order: Sequence[int], wanted: int
) -> list[Employee]:
    """The first ``wanted`` people of ``order`` eligible for ``position`` on
    ``day`` (not its holders), judged a chunk at a time."""
    found: list[Employee] = []
    for start in range(0, min(len(order), SCAN_LIMIT), _SCAN_CHUNK):
        ids = order[start : start + _SCAN_CHUNK]
        chunk = db.session.scalars(
            select(Employee)
            .where(Employee.id.in_(ids), Employee.position_id != position.id)
            .options(joinedload(Employee.rank), joinedload(Employee.position))
        ).all()
        by_id = {e.id: e for e in chunk}
        persons = persons_of(chunk)
        for employee_id in ids:
            employee = by_id.get(employee_id)
            if employee is None:
                continue
            if eligibility_of(employee, position, day, persons[employee_id]).eligible:
                found.append(employee)
                if len(found) == wanted:
                    return found
    return found


def _prepare(
    people: Sequence[Employee],
    position,
    day: date,
    rng: random.Random,
    hr: User | None,
) -> int:
    """Before applying, the direct supervisor confirmed some of each applicant's
    levels in the position's standard (as they stood: eligibility holds), and
    some finished a course this year: the merit figures differ as they would."""
    levels = effective_levels([p.id for p in people])
    standard = [need.competency_id for need in position.requirements]
    assessed = _moment(day, -30, 10)
    courses = []
    for person in people:
        own = levels.get(person.id, {})
        confirmed = [c for c in standard if c in own]
        rng.shuffle(confirmed)
        keep = rng.randint(len(confirmed) // 2, len(confirmed)) if confirmed else 0
        db.session.add_all(
            CompetencyAssessment(
                employee_id=person.id,
                competency_id=competency_id,
                level=own[competency_id],
                source=AssessmentSource.SUPERVISOR,
                note="Dikonfirmasi atasan langsung sebelum seleksi.",
                assessed_at=assessed,
            )
            for competency_id in confirmed[:keep]
        )
        if rng.random() < COURSE_SHARE:
            completed = day - timedelta(days=rng.randint(20, 150))
            courses.append(
                TrainingRecord(
                    employee_id=person.id,
                    source=RecordSource.CERTIFICATE,
                    status=RecordStatus.VERIFIED,
                    title="Pelatihan Kepemimpinan Pelayanan Publik",
                    provider="BPSDM Provinsi Sumatera Utara",
                    certificate_number=f"BPSDM-SU-{person.id:05d}",
                    completed_on=completed,
                    jp=rng.choice((8, 12, 16, 24, 32)),
                    submitted_at=_moment(completed, 2, 14),
                    verified_at=_moment(completed, 4, 10),
                    verified_by_id=hr.id if hr else None,
                )
            )
    db.session.add_all(courses)
    db.session.flush()
    for course in courses:
        _decided_external(course, hr)
    db.session.commit()
    return len(courses)


def _apply_all(
    vacancy: Opportunity,
    people: Sequence[Employee],
    today: date,
    rng: random.Random,
) -> None:
    """Each person applies through the service, on a day of the window (each
    call commits, as an application does)."""
    last = min(today, vacancy.closes_on)
    span = max((last - vacancy.opens_on).days, 0)
    days = sorted(rng.randint(0, span) for _ in people)
    for person, offset in zip(people, days, strict=True):
        day = vacancy.opens_on + timedelta(days=offset)
        application = applications.apply(vacancy, person, rng.choice(MOTIVATIONS), day)
        moment = _moment(day, 0, 8 + offset % 8)
        db.session.execute(
            update(Application)
            .where(Application.id == application.id)
            .values(created_at=moment, updated_at=moment)
        )


def _decide_all(vacancy: Opportunity, spec: dict, hr: User, today: date) -> None:
    """HR decides on every applicant by the merit ranking (the best within the
    posts selected), closes the selection, and the times move to the days after
    the closing."""
    reasons = spec["reasons"]
    for ranked in rank_applicants(vacancy, today):
        chosen = ranked.rank <= vacancy.posts
        selection.decide(
            vacancy,
            ranked.application,
            ApplicationStatus.SELECTED if chosen else ApplicationStatus.NOT_SELECTED,
            reasons["selected" if chosen else "not_selected"],
            hr,
            today,
        )
    selection.close_selection(vacancy, hr, today)
    decided = _moment(vacancy.closes_on, 3, 10)
    closed = _moment(vacancy.closes_on, 5, 14)
    db.session.execute(
        update(Application)
        .where(Application.opportunity_id == vacancy.id)
        .values(decided_at=decided, updated_at=decided)
    )
    db.session.execute(
        update(Opportunity)
        .where(Opportunity.id == vacancy.id)
        .values(selection_closed_at=closed)
    )
    ids = select(Application.id).where(Application.opportunity_id == vacancy.id)
    for subject_type, subject_ids, at in (
        ("application", ids, decided),
        ("opportunity", [vacancy.id], closed),
    ):
        db.session.execute(
            update(AuditEvent)
            .where(
                AuditEvent.subject_type == subject_type,
                AuditEvent.subject_id.in_(subject_ids),
                AuditEvent.action.in_(["application.decided", "selection.closed"]),
            )
            .values(at=at)
        )
    db.session.execute(
        update(Notification)
        .where(
            Notification.kind == NotificationKind.APPLICATION_DECIDED,
            Notification.subject_id == vacancy.id,
        )
        .values(created_at=closed)
    )


def _vacancies(
    batch: Batch,
    spec: list[dict],
    today: date,
    hr: User | None,
    order: Sequence[int],
    rng: random.Random,
    counts: OpportunityCounts,
) -> None:
    """The vacancies, their applicants (eligible on the day they applied) and,
    for a decided one, HR's decisions and the closed selection."""
    made = []
    for vacancy_spec in spec:
        decided = vacancy_spec.get("decided", False)
        status = OpportunityStatus.CLOSED if decided else OpportunityStatus.PUBLISHED
        vacancy = _opportunity(
            OpportunityKind.VACANCY,
            vacancy_spec,
            today,
            hr,
            {},
            status,
            batch.positions,
        )
        db.session.flush()
        _published(vacancy, hr, today)
        made.append((vacancy, vacancy_spec))
        counts.vacancies += 1
    db.session.commit()
    for vacancy, vacancy_spec in made:
        window_day = min(today, vacancy.closes_on)
        people = _eligible_people(
            vacancy.position, window_day, order, vacancy_spec["applicants"]
        )
        counts.records += _prepare(people, vacancy.position, window_day, rng, hr)
        if vacancy.status is OpportunityStatus.CLOSED:
            # Applications came while it was open; it closed afterwards.
            vacancy.status = OpportunityStatus.PUBLISHED
            db.session.commit()
            _apply_all(vacancy, people, today, rng)
            vacancy.status = OpportunityStatus.CLOSED
            db.session.commit()
        else:
            _apply_all(vacancy, people, today, rng)
        counts.applications += len(people)
        if vacancy_spec.get("decided") and people and hr is not None:
            _decide_all(vacancy, vacancy_spec, hr, today)


def _quiet_openings(personas: set[int | None]) -> None:
    """Opening notices were read long ago, except the personas' (to try)."""
    readers = select(User.id).where(User.employee_id.in_(personas - {None}))
    db.session.execute(
        update(Notification)
        .where(
            Notification.kind == NotificationKind.OPPORTUNITY_OPENED,
            Notification.user_id.not_in(readers),
        )
        .values(read_at=Notification.created_at)
    )


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
        _published(opportunity, hr, today)
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
    _published(announcement, hr, today)

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
        if kind is verified:  # a course of the crowd's, of any length
            kind = {
                **rng.choice(spec["crowd_courses"]),
                "jp": rng.choice(CROWD_JP),
                "days": -rng.randint(10, 300),
                "status": "verified",
            }
        records.append(_external(employee_id, kind, today, hr, f"DEMO-{n + 1:04d}"))
    db.session.flush()
    for record in records:
        _decided_external(record, hr)
    counts.records += len(records)

    order = list(crowd)
    rng.shuffle(order)
    _vacancies(batch, spec["vacancies"], today, hr, order, rng, counts)
    _quiet_openings(personas)
    return counts
