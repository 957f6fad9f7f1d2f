"""Demo data for monitoring: what the dashboard needs beside what the other demo
steps already give (plans in every state, assessments by self and supervisor,
mentoring, JP records).

- potential ratings, this year and last, recorded by the HR persona, for most
  people: drawn by the level of their post and a lean per unit, so that every
  box of the 9-box holds people and the units differ; the talent pool
  (boxes 7-9) holds candidates for each key position;
- last year's SKP for most people who started before its July and have none
  (seeding early in the year finds it not yet recorded);
- the key positions HR plans successors for (``Position.is_key``): the Camat,
  the Sekretaris Camat, the Lurah and a Kepala Seksi;
- assessment-centre levels older than their validity (three years) for a few
  people, beneath a newer level of their direct supervisor, so that the gap
  map shows all three sources and the rules an expired result;
- a few mentorships of the months before the mentoring story begins, closed
  with their sessions, feedback and notifications, so that sessions per month
  cover the last twelve months.

Read from ``app/data/demo/monitoring.json``; added once (a run that finds any
potential rating adds nothing, so HR's own marks and ratings stay). Everything
is drawn from generators seeded by the run's seed and each person's number, and
dated relative to the day of seeding: the same seed and day give the same data.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import exists, insert, select, update

from app.demo.mentoring.texts import (
    ACCEPTED,
    FEEDBACK,
    GENERIC_TOPICS,
    NEXT_STEPS,
    NOTES,
    TOPICS,
)
from app.demo.people import Batch, PersonPlan
from app.demo.records import AXES, HASIL_WEIGHTS, PERILAKU_WEIGHTS
from app.extensions import db
from app.i18n import WIB
from app.models import (
    PERFORMANCE_OF_PREDIKAT,
    AssessmentSource,
    CareerPlan,
    Competency,
    CompetencyAssessment,
    Employee,
    FeedbackSide,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    Notification,
    NotificationKind,
    PerformanceRating,
    PlanGoal,
    Position,
    PotentialRating,
    RequestOrigin,
    RequestStatus,
    TalentLevel,
    User,
)
from app.models.mentoring import request_goals
from app.models.records import predikat_of
from app.nip import parse_number
from app.rules.evaluate import ASSESSMENT_VALID_YEARS

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "monitoring.json"

RATED_SHARE = 0.88  # of the people: a potential rating this year
EARLIER_SHARE = 0.75  # of those who served last year: one for last year too
GREW_SHARE = 0.3  # of those rated both years: a step lower last year
SKP_ADDED_SHARE = 0.75  # of those without last year's SKP: recorded now
EXPIRED_SHARE = 0.05  # of those with a supervisor's level: an old AC result
EXPIRED_AT_LEAST = 5
LOW, MEDIUM, HIGH = TalentLevel.LOW, TalentLevel.MEDIUM, TalentLevel.HIGH
# Potential (low, medium, high) by the level of the post held.
POTENTIAL_WEIGHTS = {
    "administrator": (10, 45, 45),
    "pengawas": (15, 45, 40),
    "kepala_sekolah": (15, 45, 40),
    "ahli_madya": (20, 45, 35),
    "ahli_muda": (25, 45, 30),
    "ahli_pertama": (30, 45, 25),
    "penyelia": (30, 50, 20),
}
OTHER_WEIGHTS = (40, 45, 15)
# A unit leans one way or the other: the units' 9-boxes differ.
UNIT_LEANS = ((8, 0, -8), (0, 0, 0), (0, 0, 0), (-10, 0, 10))


@dataclass
class MonitoringCounts:
    """What the step added, for the seeding report."""

    key_positions: int = 0
    potential: int = 0
    skp: int = 0
    expired: int = 0
    earlier_mentorships: int = 0

    @property
    def line(self) -> str:
        return (
            f"Monitoring: {self.key_positions} key positions, {self.potential}"
            f" potential ratings, {self.skp} SKP ratings added,"
            f" {self.expired} expired assessment-centre levels,"
            f" {self.earlier_mentorships} earlier mentorships"
        )


def _spec() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def insert_monitoring(batch: Batch, hr_user: int | None) -> MonitoringCounts:
    """Add the monitoring demo data once (nothing when potential ratings exist)."""
    if db.session.scalar(select(exists().where(PotentialRating.id.is_not(None)))):
        return MonitoringCounts()
    spec = _spec()
    today = batch.now.astimezone(WIB).date()
    people = [p for p in batch.people if p.nip in batch.ids]
    counts = MonitoringCounts()
    counts.key_positions = _mark_key_positions(spec["key_positions"])
    counts.skp = _fill_skp(batch, people, hr_user, today)
    counts.potential = _potential(batch, people, hr_user, today, spec)
    counts.expired = _expired_assessments(batch, people, hr_user, spec)
    counts.earlier_mentorships = _earlier_mentorships(batch, people, today)
    db.session.flush()
    return counts


def _mark_key_positions(codes) -> int:
    result = db.session.execute(
        update(Position).where(Position.code.in_(list(codes))).values(is_key=True)
    )
    return result.rowcount or 0


def _start(person: PersonPlan) -> date:
    return parse_number(person.nip, check_dates=False).service_start


def _moment(day: date, hour: int, minute: int) -> datetime:
    """``day`` at an office hour (WIB), as stored (UTC)."""
    return datetime.combine(day, time(hour, minute), tzinfo=WIB).astimezone(UTC)


def _recorded_this_year(rng: random.Random, now: datetime, today: date) -> datetime:
    """A moment this year before ``now`` (in office hours when there is room)."""
    first = date(today.year, 1, 2)
    if today - first < timedelta(days=2):
        new_year = datetime.combine(date(today.year, 1, 1), time(), tzinfo=WIB)
        earliest = (new_year + (now - new_year) / 2).astimezone(UTC)
        return max(now - timedelta(hours=rng.randint(1, 12)), earliest)
    day = first + timedelta(days=rng.randint(0, (today - first).days - 1))
    return _moment(day, rng.randint(8, 15), rng.randint(0, 59))


def _fill_skp(batch: Batch, people, hr_user, today: date) -> int:
    """Last year's SKP for most who served by its July and have none yet
    (the personas' records tell their own story and stay as they are)."""
    year = today.year - 1
    rated = set(
        db.session.scalars(
            select(PerformanceRating.employee_id).where(PerformanceRating.year == year)
        )
    )
    rows = []
    for person in people:
        employee_id = batch.ids[person.nip]
        if person.role or employee_id in rated or _start(person) > date(year, 6, 30):
            continue
        rng = random.Random(f"{batch.seed}:monitoring:skp:{person.nip}")
        if rng.random() >= SKP_ADDED_SHARE:
            continue  # still not recorded
        hasil = rng.choices(AXES, HASIL_WEIGHTS)[0]
        perilaku = rng.choices(AXES, PERILAKU_WEIGHTS)[0]
        rows.append(
            {
                "employee_id": employee_id,
                "year": year,
                "hasil_kerja": hasil,
                "perilaku": perilaku,
                "predikat": predikat_of(hasil, perilaku),
                "recorded_by_id": hr_user,
                "recorded_at": _recorded_this_year(rng, batch.now, today),
            }
        )
    if rows:
        db.session.execute(insert(PerformanceRating.__table__), rows)
    return len(rows)


def _potential(batch: Batch, people, hr_user, today: date, spec) -> int:
    """This year's and last year's potential ratings, every 9-box box held and
    candidates for each key position in the talent pool."""
    year = today.year
    hr_employee = db.session.scalar(select(User.employee_id).where(User.id == hr_user))
    performance = {
        employee_id: PERFORMANCE_OF_PREDIKAT[predikat]
        for employee_id, predikat in db.session.execute(
            select(PerformanceRating.employee_id, PerformanceRating.predikat).where(
                PerformanceRating.year == year - 1
            )
        )
    }
    levels = {code: p.level for code, p in batch.positions.items()}
    current: dict[int, TalentLevel] = {}
    earlier: dict[int, TalentLevel] = {}
    for person in people:
        employee_id = batch.ids[person.nip]
        if employee_id == hr_employee:
            continue  # never rated by oneself
        rng = random.Random(f"{batch.seed}:monitoring:potential:{person.nip}")
        if rng.random() >= RATED_SHARE:
            continue
        lean = random.Random(f"{batch.seed}:monitoring:unit:{person.unit}")
        weights = [
            max(w + d, 1)
            for w, d in zip(
                POTENTIAL_WEIGHTS.get(levels.get(person.position), OTHER_WEIGHTS),
                lean.choice(UNIT_LEANS),
                strict=True,
            )
        ]
        level = rng.choices((LOW, MEDIUM, HIGH), weights)[0]
        current[employee_id] = level
        if _start(person) < date(year - 1, 7, 1) and rng.random() < EARLIER_SHARE:
            grew = level is not LOW and rng.random() < GREW_SHARE
            earlier[employee_id] = (LOW, MEDIUM)[level.rank - 2] if grew else level
    pool = _pool_candidates(batch, people, current, performance, spec)
    _fill_boxes(current, performance, keep=pool)
    basis = spec["potential_basis"]
    rows = []
    for person in people:
        employee_id = batch.ids[person.nip]
        rng = random.Random(f"{batch.seed}:monitoring:rated:{person.nip}")
        if employee_id in earlier:
            day = date(year - 1, rng.randint(8, 11), rng.randint(1, 28))
            rows.append(
                _rating(employee_id, year - 1, earlier[employee_id], basis, hr_user)
                | {"recorded_at": _moment(day, rng.randint(8, 15), rng.randint(0, 59))}
            )
        if employee_id in current:
            rows.append(
                _rating(employee_id, year, current[employee_id], basis, hr_user)
                | {"recorded_at": _recorded_this_year(rng, batch.now, today)}
            )
    if rows:
        db.session.execute(insert(PotentialRating.__table__), rows)
    return len(rows)


def _rating(employee_id, year, level, basis, hr_user) -> dict:
    return {
        "employee_id": employee_id,
        "year": year,
        "level": level,
        "basis": basis.format(year=year),
        "note": "",
        "recorded_by_id": hr_user,
    }


def _fill_boxes(current: dict[int, TalentLevel], performance, keep: set[int]) -> None:
    """Move a person into each box left empty, from the fullest box of the
    same performance (a small demo could leave one empty); the key positions'
    candidates (``keep``) stay where they are."""
    for perf in TalentLevel:
        rated = sorted(e for e in current if performance.get(e) is perf)
        for potential in TalentLevel:
            held = [e for e in rated if current[e] is potential]
            if held:
                continue
            boxes = [[e for e in rated if current[e] is level] for level in TalentLevel]
            fullest = max(boxes, key=len)
            movable = [e for e in fullest if e not in keep]
            if len(fullest) > 1 and movable:
                current[movable[0]] = potential


def _pool_candidates(batch, people, current, performance, spec) -> set[int]:
    """For each key position, a few holders of the posts below it with an SKP
    as expected or better rated high potential: the pool (boxes 8 and 9)."""
    wanted = spec["candidates_per_key_position"]
    taken: set[int] = set()
    for code, feeders in spec["key_positions"].items():
        holders = sorted(
            batch.ids[p.nip]
            for p in people
            if p.position != code
            and p.position.startswith(tuple(feeders))
            and batch.ids[p.nip] in current
            and performance.get(batch.ids[p.nip]) in (MEDIUM, HIGH)
        )
        rng = random.Random(f"{batch.seed}:monitoring:pool:{code}")
        rng.shuffle(holders)
        chosen = [e for e in holders if current[e] is HIGH][:wanted]
        for employee_id in holders:
            if len(chosen) >= wanted:
                break
            if employee_id not in taken and employee_id not in chosen:
                chosen.append(employee_id)
        for employee_id in chosen:
            current[employee_id] = HIGH
            taken.add(employee_id)
    return taken


def _expired_assessments(batch: Batch, people, hr_user, spec) -> int:
    """Assessment-centre levels older than their validity, for a few people
    whose supervisor has since given a newer level of the same competency (that
    level stays the one that counts)."""
    ids = {batch.ids[p.nip] for p in people if not p.role}
    assessed: dict[int, list[tuple[int, int]]] = {}
    for employee_id, competency_id, level in db.session.execute(
        select(
            CompetencyAssessment.employee_id,
            CompetencyAssessment.competency_id,
            CompetencyAssessment.level,
        )
        .where(CompetencyAssessment.source == AssessmentSource.SUPERVISOR)
        .order_by(CompetencyAssessment.employee_id, CompetencyAssessment.competency_id)
    ):
        if employee_id in ids:
            assessed.setdefault(employee_id, []).append((competency_id, level))
    rng = random.Random(f"{batch.seed}:monitoring:expired")
    candidates = sorted(assessed)
    count = min(
        len(candidates), max(EXPIRED_AT_LEAST, round(len(candidates) * EXPIRED_SHARE))
    )
    rows = []
    for employee_id in sorted(rng.sample(candidates, count)):
        levels = assessed[employee_id]
        years = rng.uniform(ASSESSMENT_VALID_YEARS + 0.2, ASSESSMENT_VALID_YEARS + 2)
        at = batch.now - timedelta(days=round(years * 365))
        local = at.astimezone(WIB)
        at = _moment(local.date(), rng.randint(8, 15), rng.randint(0, 59))
        for competency_id, level in rng.sample(levels, min(2, len(levels))):
            rows.append(
                {
                    "employee_id": employee_id,
                    "competency_id": competency_id,
                    "level": max(1, min(5, level + rng.choice((-1, 0, 0, 1)))),
                    "source": AssessmentSource.ASSESSMENT,
                    "assessed_by_id": hr_user,
                    "note": spec["assessment_note"].format(year=local.year),
                    "assessed_at": at,
                }
            )
    if rows:
        db.session.execute(insert(CompetencyAssessment.__table__), rows)
    return len(rows)


EARLIER_MENTORSHIPS = 6
EARLIER_SESSIONS = (3, 4, 4, 5)
EARLIER_AGO = (250, 365)  # days since an earlier mentorship was asked for
EARLIER_END = 120  # the last of its sessions at least this many days ago


def _earlier_mentorships(batch: Batch, people, today: date) -> int:
    """Closed mentorships between mentors and mentees outside the personas'
    stories, in the year before: request, sessions about three weeks apart,
    feedback from both sides and the notifications each step sends. A fixed
    number of statements, whatever the number of people."""
    personas = {batch.ids[p.nip] for p in people if p.role}
    wanted = [batch.ids[p.nip] for p in people]
    persons = {
        e.id: e
        for e in db.session.scalars(select(Employee).where(Employee.id.in_(wanted)))
    }
    busy: set[int] = set()
    for pair in db.session.execute(
        select(MentorshipRequest.mentee_id, MentorshipRequest.mentor_id)
    ):
        busy.update(pair)
    profiles = [
        (profile_id, employee_id, created_at)
        for profile_id, employee_id, created_at in db.session.execute(
            select(
                MentorProfile.id, MentorProfile.employee_id, MentorProfile.created_at
            )
            .where(MentorProfile.is_active.is_(True))
            .order_by(MentorProfile.employee_id)
        )
    ]
    offering = {employee_id for _id, employee_id, _at in profiles}
    eligible = [
        p
        for p in profiles
        if p[1] in persons and p[1] not in personas and p[1] in batch.logins
    ]
    rng = random.Random(f"{batch.seed}:monitoring:earlier")
    mentors = sorted(rng.sample(eligible, min(EARLIER_MENTORSHIPS, len(eligible))))
    mentors.sort(key=lambda p: p[1])
    history = _history_plans(list(persons))
    mentees = sorted(
        e
        for e in persons
        if e not in personas
        and e not in busy
        and e not in offering
        and e in batch.logins
        and e in history
    )
    rng.shuffle(mentees)
    stories = []
    span = EARLIER_AGO[1] - EARLIER_AGO[0]
    for number, (profile_id, mentor_id, created_at) in enumerate(mentors):
        mentor = persons[mentor_id]
        # Spread over the window, the first the longest ago.
        ago = EARLIER_AGO[1] - span * number // len(mentors) - rng.randint(0, 9)
        asked_day = today - timedelta(days=ago)
        asked = _moment(asked_day, rng.randint(8, 15), rng.randint(0, 59))
        for mentee_id in mentees:
            if persons[mentee_id].supervisor_id == mentor.id:
                continue
            # The goals are of the plan the mentee had then.
            earlier = [(at, goals) for at, goals in history[mentee_id] if at < asked]
            if earlier:
                mentees.remove(mentee_id)
                stories.append(
                    _one_earlier(
                        rng,
                        batch,
                        mentor,
                        persons[mentee_id],
                        earlier[-1][1],
                        asked,
                        today,
                    )
                    | {"profile": (profile_id, created_at)}
                )
                break
    if stories:
        _write_earlier(rng, stories)
    return len(stories)


def _history_plans(employee_ids) -> dict[int, list[tuple[datetime, list[int]]]]:
    """Per employee, their plans in the order made: when, and the ids of up to
    two goals with a competency."""
    result: dict[int, list[tuple[datetime, list[int]]]] = {}
    rows = db.session.execute(
        select(CareerPlan.employee_id, CareerPlan.id, CareerPlan.created_at)
        .where(CareerPlan.employee_id.in_(employee_ids))
        .order_by(CareerPlan.created_at, CareerPlan.id)
    ).all()
    goals: dict[int, list[tuple[int, str]]] = {}
    for plan_id, goal_id, code in db.session.execute(
        select(PlanGoal.plan_id, PlanGoal.id, Competency.code)
        .join(Competency, Competency.id == PlanGoal.competency_id)
        .where(PlanGoal.plan_id.in_([row.id for row in rows]))
        .order_by(PlanGoal.plan_id, PlanGoal.position)
    ):
        goals.setdefault(plan_id, []).append((goal_id, code))
    for employee_id, plan_id, created_at in rows:
        result.setdefault(employee_id, []).append(
            (_aware(created_at), goals.get(plan_id, [])[:2])
        )
    return result


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _one_earlier(rng, batch, mentor, mentee, goals, asked, today) -> dict:
    """One earlier mentorship as rows (ids are given when written)."""
    mentor_user, mentee_user = batch.logins[mentor.id], batch.logins[mentee.id]
    decided = asked + timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 3))
    request = {
        "mentee_id": mentee.id,
        "mentor_id": mentor.id,
        "status": RequestStatus.ACCEPTED,
        "origin": RequestOrigin.MENTEE,
        "message": (
            f"Selamat pagi, {mentor.name}. Saya {mentee.name}; saya ingin belajar "
            "dari pengalaman Bapak/Ibu sesuai rencana pengembangan saya."
        ),
        "response": rng.choice(ACCEPTED) or "Baik, saya bersedia.",
        "created_by_id": mentee_user,
        "created_at": asked,
        "decided_at": decided,
    }
    day = decided.astimezone(WIB).date()
    last_day = today - timedelta(days=EARLIER_END)
    topics = [*GENERIC_TOPICS, *(t for _g, code in goals for t in TOPICS.get(code, ()))]
    sessions = []
    for n in range(rng.choice(EARLIER_SESSIONS)):
        next_day = day + timedelta(
            days=rng.randint(14, 28) if n else rng.randint(3, 10)
        )
        if next_day > last_day:
            break
        day = next_day
        sessions.append(
            {
                "held_on": day,
                "minutes": rng.choice((60, 90, 90, 120)),
                "topic": topics[n % len(topics)],
                "notes": rng.choice(NOTES),
                "next_steps": rng.choice(NEXT_STEPS),
                "logged_by_id": rng.choice((mentor_user, mentee_user)),
                "created_at": _moment(day, rng.randint(14, 16), rng.randint(0, 59)),
            }
        )
    closed = _moment(day + timedelta(days=rng.randint(2, 7)), 10, rng.randint(0, 59))
    feedback = []
    for side in FeedbackSide:
        rating = rng.choice((4, 5, 5))
        feedback.append(
            {
                "side": side,
                "rating": rating,
                "comment": rng.choice(FEEDBACK[side][rating]),
                "created_at": closed + timedelta(hours=rng.randint(1, 30)),
            }
        )
    mentorship = {
        "mentee_id": mentee.id,
        "mentor_id": mentor.id,
        "status": MentorshipStatus.CLOSED,
        "started_at": decided,
        "closed_at": closed,
        "closed_by_id": mentor_user,
    }
    return {
        "request": request,
        "goals": [goal_id for goal_id, _code in goals],
        "mentorship": mentorship,
        "sessions": sessions,
        "feedback": feedback,
        "people": (mentor, mentee, mentor_user, mentee_user),
    }


def _write_earlier(rng: random.Random, stories: list[dict]) -> None:
    """The rows of the earlier mentorships, a statement per table."""
    # Executemany without RETURNING (SQLite would send a row at a time); the
    # new mentees had no request before, so their requests name the new ids.
    db.session.execute(
        insert(MentorshipRequest.__table__), [story["request"] for story in stories]
    )
    mentees = [story["request"]["mentee_id"] for story in stories]
    by_mentee = dict(
        db.session.execute(
            select(MentorshipRequest.mentee_id, MentorshipRequest.id).where(
                MentorshipRequest.mentee_id.in_(mentees)
            )
        ).all()
    )
    request_ids = [by_mentee[mentee] for mentee in mentees]
    goals = [
        {"request_id": request_id, "goal_id": goal_id}
        for request_id, story in zip(request_ids, stories, strict=True)
        for goal_id in story["goals"]
    ]
    if goals:
        db.session.execute(insert(request_goals), goals)
    db.session.execute(
        insert(Mentorship.__table__),
        [
            story["mentorship"] | {"request_id": request_id}
            for request_id, story in zip(request_ids, stories, strict=True)
        ],
    )
    by_request = dict(
        db.session.execute(
            select(Mentorship.request_id, Mentorship.id).where(
                Mentorship.request_id.in_(request_ids)
            )
        ).all()
    )
    mentorship_ids = [by_request[request_id] for request_id in request_ids]
    sessions, feedback, notes, profiles = [], [], [], []
    for request_id, mentorship_id, story in zip(
        request_ids, mentorship_ids, stories, strict=True
    ):
        mentor, mentee, mentor_user, mentee_user = story["people"]
        request, mentorship = story["request"], story["mentorship"]

        def note(reader, kind, actor, subject, at) -> None:
            notes.append(
                {
                    "user_id": reader,
                    "kind": kind,
                    "actor_name": actor.display_name,
                    "subject_id": subject,
                    "created_at": at,
                    "read_at": at + timedelta(hours=rng.randint(1, 20)),
                }
            )

        note(
            mentor_user,
            NotificationKind.REQUEST_RECEIVED,
            mentee,
            request_id,
            request["created_at"],
        )
        note(
            mentee_user,
            NotificationKind.REQUEST_ACCEPTED,
            mentor,
            mentorship_id,
            request["decided_at"],
        )
        for session in story["sessions"]:
            sessions.append(session | {"mentorship_id": mentorship_id})
            by_mentor = session["logged_by_id"] == mentor_user
            note(
                mentee_user if by_mentor else mentor_user,
                NotificationKind.SESSION_LOGGED,
                mentor if by_mentor else mentee,
                mentorship_id,
                session["created_at"],
            )
        note(
            mentee_user,
            NotificationKind.MENTORSHIP_CLOSED,
            mentor,
            mentorship_id,
            mentorship["closed_at"],
        )
        feedback += [
            row | {"mentorship_id": mentorship_id} for row in story["feedback"]
        ]
        profile_id, created_at = story["profile"]
        offered_since = request["created_at"] - timedelta(days=rng.randint(7, 30))
        if _aware(created_at) > offered_since:  # offered before it was asked
            profiles.append({"id": profile_id, "created_at": offered_since})
    if sessions:
        db.session.execute(insert(MentoringSession.__table__), sessions)
    db.session.execute(insert(MentorshipFeedback.__table__), feedback)
    db.session.execute(insert(Notification.__table__), notes)
    if profiles:
        db.session.execute(update(MentorProfile), profiles)
