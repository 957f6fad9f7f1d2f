"""Demo mentoring: mentor offers, requests, mentorships, sessions and notifications.

Two steps of ``flask seed-demo``, both for the new people only (so a re-run adds
nothing and a larger ``--employees`` adds the mentoring of the added people):

1. ``insert_mentors`` (after the assessments, before the plans): every new mentor
   gets a profile offering two to four competencies of their position, an
   Indonesian expertise text and availability; about one in twelve is paused.
   An offered competency is always assessed at the teaching level (4) or more by
   an external source: where the supervisor's level is lower (or missing) an
   assessment-centre result recorded by HR is added, newer than the supervisor's,
   and the levels the plans are drawn from follow it.
2. ``insert_mentoring`` (after the plans): mentees with a plan for this year are
   matched to the new mentors by the competencies of their goals. A mentor gets
   active mentorships within capacity (one in ten is full, and one always is),
   pending requests when open, closed mentorships with feedback from both sides
   (mostly) followed by the mentee's levels in the competencies of the goals the
   request named (mostly the supervisor's, sometimes only the mentee's own,
   sometimes none; rising more often where the mentee rated the mentorship
   well), and now and then a declined or withdrawn request. Sessions lie in
   the past; those of an active mentorship count toward the mentee's mentoring
   activity at the mentoring's JP per minutes, which then moves by the plans'
   rule (``mentoring_progress``): in progress, or done once the JP planned are
   logged. Each step leaves the notifications the services would have sent,
   read unless recent; plan reviews do the same (``plan_submitted`` for the
   supervisor, ...). ``active_mentees`` is the places the story took, one per
   active mentorship.

The demo personas tell the story: the mentor Rosmawati has three requests in her
inbox (Nadia's among them), two active mentorships with sessions (one mentee's
mentoring activity done, the other's in progress) and a closed one with feedback
from both sides, after which the mentee's supervisor saw a level rise; Nadia has
an active mentor (two sessions logged) besides her pending request, and open
mentors who cover the gaps of her plan.

Everything is drawn from random generators seeded per person; rows go in with
Core ``executemany`` and the new ids are read back above the highest id before.

The package:

- ``offers``: step 1, mentor profiles, offered competencies and the
  assessment-centre levels that back them;
- ``records``: the plain records the story works on (people, plans, mentors)
  and draws (requests, mentorships, sessions, feedback, notifications), and
  loading the first ones;
- ``ledger``: ``Ledger``, what the story has drawn so far (requests,
  notifications, activity progress, who met whom) and its clock (moments in
  office hours, working days); the notifications of plan reviews;
- ``requests``: asking and answering, into a ledger;
- ``mentorships``: active and closed mentorships, sessions, feedback and the
  progress of mentoring activities, into a ledger;
- ``story``: ``Story``, who meets whom, the personas first, then the crowd of
  generic mentors; it holds the ledger and casts the scenes ``requests`` and
  ``mentorships`` draw;
- ``writing``: a ledger into the database in bulk (the levels given after
  closed mentorships too);
- ``texts``: the Indonesian phrases everything above draws from.

This module holds step 2 (``insert_mentoring``) and the totals for the report.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from sqlalchemy import func, select

from app.demo import catalogue
from app.demo.mentoring.ledger import Ledger, note_plan_reviews
from app.demo.mentoring.offers import insert_mentors
from app.demo.mentoring.records import (
    Mentee,
    load_current_plans,
    load_last_assessed,
    load_mentors,
    load_persons,
    load_review_steps,
)
from app.demo.mentoring.story import Story
from app.demo.mentoring.writing import insert_story
from app.demo.people import Batch
from app.extensions import db
from app.i18n import WIB
from app.models import (
    Competency,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
)

__all__ = ["MentoringTotals", "insert_mentoring", "insert_mentors", "mentoring_totals"]


@dataclass
class MentoringTotals:
    """The mentoring in the database after seeding (for the report)."""

    mentors: int = 0
    open_mentors: int = 0
    pending: int = 0
    active: int = 0
    sessions: int = 0

    @property
    def line(self) -> str:
        return (
            f"Mentoring: {self.mentors} mentors ({self.open_mentors} open), "
            f"{self.pending} pending requests, {self.active} active mentorships, "
            f"{self.sessions} sessions"
        )


def mentoring_totals() -> MentoringTotals:
    """Count mentors, open mentors, pending requests, active mentorships, sessions."""

    def count(model, *where) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where))

    mentors = db.session.scalars(
        select(MentorProfile).where(MentorProfile.is_active.is_(True))
    ).all()
    return MentoringTotals(
        mentors=len(mentors),
        open_mentors=sum(profile.is_open for profile in mentors),
        pending=count(
            MentorshipRequest, MentorshipRequest.status == RequestStatus.PENDING
        ),
        active=count(Mentorship, Mentorship.status == MentorshipStatus.ACTIVE),
        sessions=count(MentoringSession),
    )


def insert_mentoring(batch: Batch) -> None:
    """Requests, mentorships, sessions and notifications among the new people."""
    if not batch.new:
        return
    # The story allocates many small objects next to a session that holds many;
    # collecting garbage meanwhile would double the time (20,000 employees).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _insert_mentoring(batch)
    finally:
        if collecting:
            gc.enable()


def _insert_mentoring(batch: Batch) -> None:
    new, ids = batch.new, batch.ids
    today = batch.now.astimezone(WIB).date()
    persons = load_persons(batch.people, ids, batch.logins)
    new_ids = {ids[p.nip] for p in new}
    names = {c.id: (c.code, c.name) for c in db.session.scalars(select(Competency))}
    plans = load_current_plans(new_ids, today.year)
    earlier = load_current_plans(new_ids, today.year - 1)
    mentors = load_mentors(new_ids, persons)
    hr = persons.get(ids.get(catalogue.persona_nip("hr")))
    levels = {ids[nip]: held for nip, held in batch.levels.items() if nip in ids}
    ledger = Ledger(
        batch.seed,
        batch.now,
        names,
        hr,
        levels=levels,
        assessed=load_last_assessed(new_ids),
        logins=batch.logins,
    )
    mentees = [
        Mentee(persons[ids[p.nip]], plans.get(ids[p.nip]), earlier.get(ids[p.nip]))
        for p in new
        if p.role is None
    ]
    nadia = next(
        (
            Mentee(persons[ids[p.nip]], plans.get(ids[p.nip]))
            for p in new
            if p.role == "employee"
        ),
        None,
    )
    Story(ledger).tell(mentors, mentees, nadia)
    batch.say(f"  mentoring for {len(mentors)} mentors")
    note_plan_reviews(ledger, load_review_steps(today.year), plans, persons)
    insert_story(ledger, mentors)
