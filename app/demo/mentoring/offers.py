"""Step 1 of the demo mentoring: mentor profiles and what they offer.

Every new mentor gets a profile offering two to four competencies of their
position, an Indonesian expertise text and availability; about one in twelve is
paused. An offered competency is always assessed at the teaching level (4) or
more by an external source, as the profile form demands: where the supervisor's
level is lower (or missing) an assessment-centre result recorded by HR is added,
newer than the supervisor's, and the levels the plans are drawn from follow it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from app.demo import catalogue
from app.demo.mentoring.texts import (
    AVAILABILITY,
    EXPERIENCE,
    EXPERTISE,
    PERSONA_AVAILABILITY,
    PERSONA_EXPERTISE,
)
from app.demo.people import Batch, PersonPlan
from app.extensions import db
from app.matching.features import TEACHING_LEVEL
from app.models import (
    AssessmentSource,
    Competency,
    CompetencyAssessment,
    MentorCompetency,
    MentorProfile,
)

OFFER_COUNTS = (2, 3, 3, 4)
PAUSED_SHARE = 0.08
PERSONA_OFFER = ("T.11", "T.03", "M.04")


def insert_mentors(batch: Batch) -> int:
    """Profiles and offers of the new mentors; returns the assessments added.

    ``batch.levels`` (per NIP, the level each gap is computed from) is updated in
    place where an assessment-centre result is added.
    """
    ids, positions, levels = batch.ids, batch.positions, batch.levels
    mentors = [p for p in batch.new if p.mentor_capacity is not None]
    if not mentors:
        return 0
    codes = {c.id: c.code for c in db.session.scalars(select(Competency))}
    by_code = {code: cid for cid, code in codes.items()}
    offers: dict[str, list[int]] = {}
    rows = []
    for person in mentors:
        rng = random.Random(f"{batch.seed}:mentor:{person.nip}")
        required = {
            r.competency_id: r.required_level
            for r in positions[person.position].requirements
        }
        own = levels.get(person.nip, {})
        if person.role == "mentor":
            offered = [by_code[code] for code in PERSONA_OFFER]
            expertise, availability, paused = (
                PERSONA_EXPERTISE,
                PERSONA_AVAILABILITY,
                False,
            )
        else:
            offered = _offer(rng, required, own, codes)
            unit = catalogue.unit(person.unit).name
            expertise = _expertise(rng, offered, codes, unit)
            availability = rng.choice(AVAILABILITY)
            paused = rng.random() < PAUSED_SHARE
        offers[person.nip] = offered
        joined = batch.now - timedelta(days=rng.randint(30, 400))
        rows.append(
            {
                "employee_id": ids[person.nip],
                "capacity": person.mentor_capacity,
                "active_mentees": 0,
                "expertise": expertise,
                "availability": availability,
                "is_active": True,
                "is_paused": paused,
                "created_at": joined,
                "updated_at": joined + timedelta(days=rng.randint(0, 20)),
            }
        )
    _pause_one(rows, mentors)
    db.session.execute(insert(MentorProfile.__table__), rows)
    profile_ids = dict(
        db.session.execute(select(MentorProfile.employee_id, MentorProfile.id)).all()
    )
    db.session.execute(
        insert(MentorCompetency.__table__),
        [
            {"profile_id": profile_ids[ids[p.nip]], "competency_id": cid}
            for p in mentors
            for cid in offers[p.nip]
        ],
    )
    return _assess_offers(batch, mentors, offers)


def _offer(rng, required: dict[int, int], own: dict[int, int], codes) -> list[int]:
    """Two to four competencies of the position: a technical one or two first,
    then the best held; already held at the teaching level wins over the rest."""
    count = min(rng.choice(OFFER_COUNTS), len(required))

    def rank(cid: int) -> tuple:
        return (own.get(cid, 0) < TEACHING_LEVEL, -own.get(cid, 0), rng.random())

    technical = sorted((c for c in required if codes[c].startswith("T.")), key=rank)
    others = sorted((c for c in required if not codes[c].startswith("T.")), key=rank)
    chosen = technical[: rng.choice((1, 1, 2))]
    chosen += others[: count - len(chosen)]
    return sorted(chosen)


def _expertise(rng, offered: list[int], codes, unit: str) -> str:
    phrases = [
        rng.choice(EXPERTISE[codes[cid]])
        for cid in sorted(offered, key=lambda c: (not codes[c].startswith("T."), c))
    ]
    text = "; ".join(phrases[:3])
    experience = rng.choice(EXPERIENCE).format(years=rng.randint(6, 25), unit=unit)
    return experience + text[0].upper() + text[1:]


def _pause_one(rows: list[dict], mentors: Sequence[PersonPlan]) -> None:
    """At least one paused mentor in a demo with a few of them."""
    generic = [
        (row, person)
        for row, person in zip(rows, mentors, strict=True)
        if person.role is None
    ]
    if len(generic) >= 4 and not any(row["is_paused"] for row, _ in generic):
        row, _ = max(generic, key=lambda pair: pair[1].nip)
        row["is_paused"] = True


def _assess_offers(
    batch: Batch, mentors: Sequence[PersonPlan], offers: dict[str, list[int]]
) -> int:
    """Assessment-centre levels where no external level of at least the teaching
    level backs an offer."""
    ids, levels, seed, now = batch.ids, batch.levels, batch.seed, batch.now
    wanted = {ids[p.nip] for p in mentors}
    latest: dict[tuple[int, int], tuple[datetime, int]] = {}
    external = db.session.execute(
        select(
            CompetencyAssessment.employee_id,
            CompetencyAssessment.competency_id,
            CompetencyAssessment.assessed_at,
            CompetencyAssessment.level,
        )
        .join(
            MentorProfile, MentorProfile.employee_id == CompetencyAssessment.employee_id
        )
        .where(CompetencyAssessment.source != AssessmentSource.SELF)
    )
    for employee_id, competency_id, at, level in external:
        key = (employee_id, competency_id)
        if employee_id in wanted and (key not in latest or at > latest[key][0]):
            latest[key] = (at, level)
    recorder = batch.logins.get(ids.get(catalogue.persona_nip("hr")))
    rows = []
    for person in mentors:
        rng = random.Random(f"{seed}:assessment-centre:{person.nip}")
        employee_id = ids[person.nip]
        own = levels.setdefault(person.nip, {})
        held_day = now - timedelta(days=rng.randint(20, 90))
        for cid in offers[person.nip]:
            at, level = latest.get((employee_id, cid), (None, 0))
            if level >= TEACHING_LEVEL:
                continue
            start = max(TEACHING_LEVEL, own.get(cid, 0))
            new_level = min(5, start + rng.choice((0, 0, 1)))
            when = held_day if at is None else max(held_day, at + timedelta(days=3))
            when = min(when, now - timedelta(hours=1))
            if at is not None and when <= at:
                when = at + timedelta(minutes=1)
            own[cid] = new_level
            rows.append(
                {
                    "employee_id": employee_id,
                    "competency_id": cid,
                    "level": new_level,
                    "source": AssessmentSource.ASSESSMENT,
                    "assessed_by_id": recorder,
                    "note": "Hasil assessment center BKPSDM Kota Medan",
                    "assessed_at": when,
                }
            )
    if rows:
        db.session.execute(insert(CompetencyAssessment.__table__), rows)
    return len(rows)
