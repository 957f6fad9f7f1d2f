"""The mentoring story: who meets whom among the new people.

The personas' story first (the mentor Rosmawati's inbox, mentorships and closed
mentorship; Nadia's active mentor), then every other new mentor's: active
mentorships within capacity, pending requests when open, closed mentorships, now
and then a declined or withdrawn request (the first mentors always have one of
each). A closed mentorship begins, where it can, after the mentee's plan was
made and their last assessment was given, so that its request names goals and
the levels after it (see ``mentorships.close``) compare with those before.
Mentees are drawn from pools by the competencies of their plan goals. ``Story``
casts the scenes; ``requests`` and ``mentorships`` draw them into its
``Ledger``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.demo.mentoring.ledger import Ledger
from app.demo.mentoring.mentorships import (
    CONFIRMED_RISE,
    NOT_REASSESSED,
    SELF_ASSESSED_RISE,
    After,
    Schedule,
    activate,
    activity_for,
    close,
    run,
)
from app.demo.mentoring.records import Goal, Mentee, Mentor, RequestSpec
from app.demo.mentoring.requests import ask
from app.i18n import WIB
from app.models import (
    AssessmentSource,
    FeedbackSide,
    PlanStatus,
    RequestOrigin,
    RequestStatus,
)

FULL_SHARE = 0.1  # mentors drawn full, besides the one always full
ACTIVE_DRAW = (0, 1, 1, 2)  # active mentorships of a mentor that is not full
PENDING_DRAW = (0, 0, 1, 1, 2)
CLOSED_DRAW = (0, 0, 1, 1, 2)
DECLINED_SHARE = 0.2
WITHDRAWN_SHARE = 0.1
COHORT_SHARE = 0.15  # pending requests proposed by HR's cohort matching
TRIES = 12  # draws of a mentee before a mentor does without
CLOSED_AGO = (130, 300)  # days since a closed mentorship was asked for
# The longest a pending request may have waited, drawn per mentee: most are
# days old, some weeks (what monitoring shows as the age of waiting requests).
PENDING_WAIT = (12, 12, 12, 30, 45, 70)
# The least time a closed mentorship needs from its request until today: an
# answer, 45 days or more together, and some weeks for the levels after it.
CLOSED_ROOM = timedelta(days=75)
# The first closed mentorships that can show them show each of these; what
# follows the others is drawn.
SHOWN_FIRST = (SELF_ASSESSED_RISE, NOT_REASSESSED, CONFIRMED_RISE)


@dataclass
class Pools:
    """Mentees by the competencies of their plan goals, to draw from quickly."""

    mentees: list[Mentee]
    active: dict[int, list[Mentee]] = field(default_factory=dict)  # approved, submitted
    any: dict[int, list[Mentee]] = field(default_factory=dict)
    past: dict[int, list[Mentee]] = field(default_factory=dict)  # this or last year

    def __post_init__(self) -> None:
        active, anyone, past = defaultdict(list), defaultdict(list), defaultdict(list)
        for mentee in self.mentees:
            planned = set()
            for plan in (mentee.plan, mentee.earlier):
                planned |= plan.competencies() if plan is not None else set()
            for cid in sorted(planned):
                past[cid].append(mentee)
            if mentee.plan is None:
                continue
            for cid in sorted(mentee.plan.competencies()):
                anyone[cid].append(mentee)
                if mentee.plan.status in (PlanStatus.APPROVED, PlanStatus.SUBMITTED):
                    active[cid].append(mentee)
        self.active, self.any, self.past = dict(active), dict(anyone), dict(past)


class Story:
    """Draws the mentoring of the new people into ``ledger``; no database."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.answered: set[RequestStatus] = set()  # declined or withdrawn, so far
        self.shown: set[After] = set()  # what followed a closed mentorship, so far
        # Mentees of a closed mentorship: one each, so that the levels given
        # after one never read as the outcome of another.
        self.closed: set[int] = set()

    def tell(
        self, mentors: list[Mentor], mentees: list[Mentee], nadia: Mentee | None
    ) -> None:
        """The personas' story first, then every other new mentor's."""
        pools = Pools(mentees)
        generic = [m for m in mentors if m.person.role is None]
        persona = next((m for m in mentors if m.person.role == "mentor"), None)
        if persona is not None:
            self._persona_mentor(persona, pools, nadia)
        nadias = None
        if nadia is not None and nadia.plan is not None:
            nadias = self._nadias_mentor(nadia, generic)
        full = next(
            (
                m
                for m in sorted(generic, key=lambda m: (m.capacity, m.person.nip))
                if m.is_open and m is not nadias
            ),
            None,
        )
        for mentor in generic:
            self._mentor(mentor, pools, full=mentor is full)

    def _persona_mentor(
        self, mentor: Mentor, pools: Pools, nadia: Mentee | None
    ) -> None:
        """Two active mentorships (one activity done, one in progress), a closed
        one with feedback from both sides, and three requests in the inbox."""
        ledger = self.ledger
        rng = random.Random(f"{ledger.seed}:mentoring:persona")
        today = ledger.today
        offered = set(mentor.offered)
        with_plan = [
            m
            for m in pools.mentees
            if m.plan is not None
            and m.plan.status is PlanStatus.APPROVED
            and self._may_meet(m, mentor)
        ]

        def fit(mentee: Mentee) -> tuple:
            """Planned long enough ago, with a mentoring activity of some JP for
            a goal she covers."""
            link = activity_for(ledger, mentee, mentor)
            return (
                link is None,
                mentee.plan.created > today - timedelta(days=66),
                link is None or link.competency_id not in offered,
                -min(link.planned_jp, 8) if link else 0,
                mentee.person.nip,
            )

        with_plan.sort(key=fit)
        # The first one's activity gets done, the second one's stays in progress.
        scripts = ((66, True), (30, False))
        for mentee, (days_ago, done) in zip(with_plan, scripts, strict=False):
            run(
                ledger,
                rng,
                mentee,
                mentor,
                days_ago,
                3,
                want_done=done,
                mentee_logs_last=True,
            )
        others = [m for m in pools.mentees if self._may_meet(m, mentor)]
        # Her former mentee had a goal she covers in a competency they held
        # below level 5, and was assessed before they began; the supervisor saw
        # the level rise afterwards.
        asked_on: dict[int, tuple[date, list[Goal]]] = {}
        for mentee in others:
            window = self._closing_window(mentee, offered)
            if window is None or mentee.person.supervisor_id not in ledger.logins:
                continue
            day = min(max(today - timedelta(days=215), window[0]), window[1])
            held = ledger.levels.get(mentee.person.employee_id, {})
            goals = [
                goal
                for goal in mentee.plan_on(day).goals
                if goal.competency_id in offered and held.get(goal.competency_id, 5) < 5
            ]
            if goals:
                asked_on[mentee.person.employee_id] = (day, goals[:2])
        taught = [m for m in others if m.person.employee_id in asked_on]
        if taught or others:
            past = rng.choice(taught[:20] or others[:20])
            self.closed.add(past.person.employee_id)
            asked, goals = asked_on.get(
                past.person.employee_id, (today - timedelta(days=215), None)
            )
            request = ask(
                ledger,
                rng,
                past,
                mentor,
                RequestStatus.ACCEPTED,
                asked,
                decided=asked + timedelta(days=3),
                goals=goals,
            )
            close(
                ledger,
                rng,
                request,
                past,
                mentor,
                max(today - timedelta(days=75), asked + timedelta(days=60)),
                5,
                side=FeedbackSide.MENTEE,
                ratings=(5, 4),
                after=self._after(past, request, (CONFIRMED_RISE,)),
            )
        asking = [
            m
            for m in pools.mentees
            if m.plan is not None
            and m.plan.competencies() & offered
            and self._may_ask(m, mentor)
        ]
        if nadia is not None and nadia.plan is not None:
            goals = [g for g in nadia.plan.goals if g.competency_id in offered][:2]
            day = max(today - timedelta(days=2), nadia.plan.created)
            ask(ledger, rng, nadia, mentor, RequestStatus.PENDING, day, goals=goals)
        chosen = rng.sample(asking, min(2, len(asking)))
        for mentee, days in zip(chosen, (5, 1)[: len(chosen)], strict=True):
            day = max(today - timedelta(days=days), mentee.plan.created)
            ask(ledger, rng, mentee, mentor, RequestStatus.PENDING, day)

    def _nadias_mentor(self, nadia: Mentee, mentors: list[Mentor]) -> Mentor | None:
        """An active mentor for Nadia, who logged two sessions lately."""
        ledger = self.ledger
        rng = random.Random(f"{ledger.seed}:mentoring:employee")
        needs = nadia.plan.competencies()
        eligible = [
            m
            for m in mentors
            if m.is_open and set(m.offered) & needs and self._may_meet(nadia, m)
        ]
        if not eligible:
            return None
        mentor = min(
            eligible,
            key=lambda m: (
                not m.person.office,
                -len(set(m.offered) & needs),
                m.person.nip,
            ),
        )
        today = ledger.today
        request = ask(
            ledger,
            rng,
            nadia,
            mentor,
            RequestStatus.ACCEPTED,
            today - timedelta(days=30),
            decided=today - timedelta(days=28),
        )
        days = [today - timedelta(days=20), today - timedelta(days=3)]
        schedule = Schedule(days, by=[mentor.person] * len(days))
        activate(ledger, rng, request, nadia, mentor, schedule)
        return mentor

    def _mentor(self, mentor: Mentor, pools: Pools, full: bool) -> None:
        """A generic mentor's mentees: active, pending, closed, declined, withdrawn."""
        ledger = self.ledger
        rng = random.Random(f"{ledger.seed}:mentoring:{mentor.person.nip}")
        today = ledger.today
        if full or rng.random() < FULL_SHARE:
            active = mentor.places
        else:
            active = min(max(mentor.places - 1, 0), rng.choice(ACTIVE_DRAW))
        for _ in range(active):
            mentee = self._pick(rng, mentor, pools.active, self._may_mentor)
            if mentee is None:
                break
            run(ledger, rng, mentee, mentor, rng.randint(12, 110), rng.randint(1, 4))
        if mentor.is_open:
            for _ in range(rng.choice(PENDING_DRAW)):
                mentee = self._pick(rng, mentor, pools.any, self._may_ask)
                if mentee is None:
                    break
                # Drawn apart from the mentor's generator: the rest stays as it was.
                wait = random.Random(f"{ledger.seed}:waiting:{mentee.person.nip}")
                waited = timedelta(days=wait.choice(PENDING_WAIT))
                first = max(mentee.plan.created, today - waited)
                cohort = ledger.hr is not None and rng.random() < COHORT_SHARE
                ask(
                    ledger,
                    rng,
                    mentee,
                    mentor,
                    RequestStatus.PENDING,
                    _between(rng, first, today),
                    origin=RequestOrigin.COHORT if cohort else RequestOrigin.MENTEE,
                )
        for _ in range(rng.choice(CLOSED_DRAW)):
            mentee = self._pick(rng, mentor, pools.past, self._may_close) or self._pick(
                rng, mentor, pools.any, self._may_have_closed, pools.mentees
            )
            if mentee is None:
                break
            self.closed.add(mentee.person.employee_id)
            first = today - timedelta(days=CLOSED_AGO[1])
            last = today - timedelta(days=CLOSED_AGO[0])
            window = self._closing_window(mentee, mentor.offered)
            if window is not None:  # while the plan was theirs, after assessing
                first, last = max(first, window[0]), window[1]
                if first > last:
                    first = window[0]
            asked = _between(rng, first, last)
            accepted = asked + timedelta(days=rng.randint(1, 4))
            request = ask(
                ledger,
                rng,
                mentee,
                mentor,
                RequestStatus.ACCEPTED,
                asked,
                decided=accepted,
            )
            end = min(
                accepted + timedelta(days=rng.randint(45, 110)),
                today - timedelta(days=7),
            )
            after = self._after(mentee, request, SHOWN_FIRST)
            sessions = rng.randint(2, 5)
            close(ledger, rng, request, mentee, mentor, end, sessions, after=after)
        for status, share in (
            (RequestStatus.DECLINED, DECLINED_SHARE),
            (RequestStatus.WITHDRAWN, WITHDRAWN_SHARE),
        ):
            # The first mentors always have one, so that every demo shows both.
            if rng.random() >= share and status in self.answered:
                continue
            mentee = self._pick(rng, mentor, pools.any, self._may_meet, pools.mentees)
            if mentee is None:
                continue
            self.answered.add(status)
            asked = today - timedelta(days=rng.randint(10, 150))
            answered = min(
                asked + timedelta(days=rng.randint(1, 5)), today - timedelta(days=1)
            )
            ask(ledger, rng, mentee, mentor, status, asked, decided=answered)

    # -- who may be drawn -------------------------------------------------------

    def _pick(
        self,
        rng: random.Random,
        mentor: Mentor,
        pool: dict[int, list[Mentee]],
        accept: Callable[[Mentee, Mentor], bool],
        fallback: Sequence[Mentee] = (),
    ) -> Mentee | None:
        """A mentee whose goals the mentor covers (else anyone of ``fallback``)."""
        for _ in range(TRIES):
            candidates = pool.get(rng.choice(mentor.offered))
            if candidates:
                mentee = candidates[rng.randrange(len(candidates))]
                if accept(mentee, mentor):
                    return mentee
        for _ in range(TRIES if fallback else 0):
            mentee = fallback[rng.randrange(len(fallback))]
            if accept(mentee, mentor):
                return mentee
        return None

    def _may_meet(self, mentee: Mentee, mentor: Mentor) -> bool:
        """A new pair, neither the other's direct supervisor."""
        one, other = mentee.person, mentor.person
        return (
            one.employee_id != other.employee_id
            and (one.employee_id, other.employee_id) not in self.ledger.pairs
            and one.supervisor_id != other.employee_id
            and other.supervisor_id != one.employee_id
        )

    def _after(
        self, mentee: Mentee, request: RequestSpec, wanted: Sequence[After]
    ) -> After | None:
        """The first of ``wanted`` not shown yet that this closed mentorship can
        show (the mentee was last assessed before it began; its request names a
        goal whose competency the mentee holds below level 5; a supervisor with
        a login for the supervisor's level); None to draw what follows."""
        ledger = self.ledger
        assessed = ledger.assessed.get(mentee.person.employee_id)
        if assessed is not None and assessed >= request.decided_at:
            return None
        goals = mentee.goal_competencies()
        taught = [goals[g] for g in request.goal_ids if goals.get(g) is not None]
        if not taught:
            return None
        held = ledger.levels.get(mentee.person.employee_id, {})
        can_rise = any(held.get(c) is not None and held[c] < 5 for c in taught)
        has_supervisor = mentee.person.supervisor_id in ledger.logins
        for after in wanted:
            if after in self.shown or (after.by is not None and not can_rise):
                continue
            if after.by is AssessmentSource.SUPERVISOR and not has_supervisor:
                continue
            self.shown.add(after)
            return after
        return None

    def _closing_window(
        self, mentee: Mentee, offered: Collection[int]
    ) -> tuple[date, date] | None:
        """The days a closed mentorship of the mentee may have been asked for:
        while a plan of theirs with a goal in ``offered`` was their plan (this
        year's from its making, last year's until then), after their last
        assessment, and early enough to have run and been followed by new
        levels. None if there are none."""
        ledger = self.ledger
        assessed = ledger.assessed.get(mentee.person.employee_id)
        next_day = assessed.astimezone(WIB).date() + timedelta(1) if assessed else None
        last = ledger.today - CLOSED_ROOM
        current, earlier = mentee.plan, mentee.earlier
        spans = []
        if current is not None:
            spans.append((current, current.created, last))
        if earlier is not None:
            until = current.created - timedelta(1) if current is not None else last
            spans.append((earlier, earlier.created, min(until, last)))
        for plan, first, end in spans:
            first = max(first, next_day) if next_day else first
            if first <= end and plan.competencies() & set(offered):
                return first, end
        return None

    def _may_have_closed(self, mentee: Mentee, mentor: Mentor) -> bool:
        """No closed mentorship yet, and a new pair."""
        return mentee.person.employee_id not in self.closed and self._may_meet(
            mentee, mentor
        )

    def _may_close(self, mentee: Mentee, mentor: Mentor) -> bool:
        """As ``_may_have_closed``, with days it can have begun on (see
        ``_closing_window``)."""
        window = self._closing_window(mentee, mentor.offered)
        return window is not None and self._may_have_closed(mentee, mentor)

    def _may_ask(self, mentee: Mentee, mentor: Mentor) -> bool:
        return (
            mentee.plan is not None
            and mentee.person.employee_id not in self.ledger.asking
            and self._may_meet(mentee, mentor)
        )

    def _may_mentor(self, mentee: Mentee, mentor: Mentor) -> bool:
        return (
            mentee.plan is not None
            and mentee.person.employee_id not in self.ledger.with_mentor
            and mentee.plan.created < self.ledger.today - timedelta(days=12)
            and self._may_meet(mentee, mentor)
        )


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))
