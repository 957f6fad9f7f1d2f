"""The outcome rule of a closed mentorship, on its own: levels before and after
the start, which source counts, what counts as a confirmed rise, the figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.hr.outcomes.rules import (
    Outcome,
    Reading,
    competency_outcome,
    effective,
    figures,
    figures_by_mentor,
    mentorship_outcome,
)
from app.models import AssessmentSource
from tests.hr.outcome_data import CENTRE, SELF, SUPERVISOR

START = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def day(offset: int) -> datetime:
    """A moment ``offset`` days from the start (0: the start itself)."""
    return START + timedelta(days=offset)


def read(level: int, source: AssessmentSource, offset: int, id_: int = 0) -> Reading:
    return Reading(level, source, day(offset), id_)


def test_an_external_level_outranks_a_newer_self_assessment():
    older_supervisor = read(2, SUPERVISOR, -90)
    newer_self = read(4, SELF, -10)
    assert effective([newer_self, older_supervisor]) is older_supervisor
    assert effective([newer_self]) is newer_self
    assert effective([]) is None


def test_among_external_levels_the_newest_counts_whoever_gave_it():
    centre = read(4, CENTRE, -200)
    supervisor = read(3, SUPERVISOR, -30)
    assert effective([centre, supervisor]) is supervisor
    # On the same moment the later row wins, as on the profile.
    twin = read(2, SUPERVISOR, -30, id_=9)
    assert effective([supervisor, twin]) is twin


@pytest.mark.parametrize(
    ("readings", "outcome", "confirmed", "self_only"),
    [
        # Supervisor 2 before, supervisor 3 after: a confirmed rise.
        ([(2, SUPERVISOR, -40), (3, SUPERVISOR, 60)], Outcome.ROSE, True, False),
        # The assessment centre confirms as well.
        ([(2, SUPERVISOR, -40), (4, CENTRE, 80)], Outcome.ROSE, True, False),
        # Only the mentee says so: shown as self-assessed, not confirmed.
        ([(2, SUPERVISOR, -40), (4, SELF, 50)], Outcome.ROSE, False, True),
        # A self-assessment after the start gives way to a supervisor's after it.
        (
            [(2, SELF, -40), (4, SELF, 30), (2, SUPERVISOR, 50)],
            Outcome.SAME,
            False,
            False,
        ),
        ([(3, SUPERVISOR, -5), (2, SUPERVISOR, 45)], Outcome.FELL, False, False),
        # Nothing after the start.
        ([(2, SUPERVISOR, -40), (3, SELF, -1)], Outcome.NOT_REASSESSED, False, False),
        ([], Outcome.NOT_REASSESSED, False, False),
        # A level after the start only.
        ([(3, SUPERVISOR, 20)], Outcome.NO_EARLIER_LEVEL, False, False),
        # On the day of the start counts as before it.
        ([(2, SUPERVISOR, 0), (3, SUPERVISOR, 1)], Outcome.ROSE, True, False),
    ],
)
def test_before_and_after_the_start(readings, outcome, confirmed, self_only):
    result = competency_outcome(7, [read(*r) for r in readings], START)
    assert result.outcome is outcome
    assert result.confirmed_rise is confirmed
    assert result.self_assessed_rise is self_only
    assert result.compared is (outcome in (Outcome.ROSE, Outcome.SAME, Outcome.FELL))


def test_before_uses_the_external_level_even_with_a_newer_self_assessment():
    # Before the start the supervisor said 2 and the mentee 4; after it the
    # supervisor says 3: a rise from 2, not a fall from 4.
    result = competency_outcome(
        7,
        [read(2, SUPERVISOR, -100), read(4, SELF, -3), read(3, SUPERVISOR, 70)],
        START,
    )
    assert (result.before.level, result.after.level) == (2, 3)
    assert result.confirmed_rise


def test_a_mentorship_reads_each_taught_competency_apart():
    outcome = mentorship_outcome(
        id=1,
        mentor_id=10,
        mentee_id=20,
        started_at=START,
        closed_at=day(90),
        taught=[5, 3, 5, 8],
        readings={
            3: [read(2, SUPERVISOR, -50), read(3, SUPERVISOR, 100)],
            5: [read(3, SUPERVISOR, -50), read(4, SELF, 100)],
            9: [read(1, SUPERVISOR, -50), read(5, SUPERVISOR, 100)],  # not taught
        },
        mentee_rating=5,
        mentor_rating=4,
    )
    assert [(c.competency_id, c.outcome) for c in outcome.competencies] == [
        (3, Outcome.ROSE),
        (5, Outcome.ROSE),
        (8, Outcome.NOT_REASSESSED),
    ]
    assert outcome.names_competency
    assert outcome.compared == 2
    assert outcome.confirmed_rises == 1  # competency 5 rose by self-assessment


def _mentorship(id_, mentor, rating, taught_readings):
    return mentorship_outcome(
        id=id_,
        mentor_id=mentor,
        mentee_id=100 + id_,
        started_at=START,
        closed_at=day(60),
        taught=list(taught_readings),
        readings={
            cid: [read(*r) for r in readings]
            for cid, readings in taught_readings.items()
        },
        mentee_rating=rating,
    )


def test_figures_overall_and_per_mentor():
    rose = [(2, SUPERVISOR, -30), (3, SUPERVISOR, 40)]
    same = [(3, SUPERVISOR, -30), (3, SUPERVISOR, 40)]
    self_rise = [(2, SUPERVISOR, -30), (3, SELF, 40)]
    unread = [(2, SUPERVISOR, -30)]
    outcomes = [
        _mentorship(1, mentor=10, rating=5, taught_readings={1: rose, 2: rose}),
        _mentorship(2, mentor=10, rating=4, taught_readings={1: rose, 2: same}),
        _mentorship(3, mentor=11, rating=2, taught_readings={1: same, 2: self_rise}),
        _mentorship(4, mentor=11, rating=None, taught_readings={1: unread}),
        _mentorship(5, mentor=11, rating=3, taught_readings={}),  # names none
    ]
    overall = figures(outcomes)
    assert overall.mentorships == 5
    assert (overall.confirmed, overall.compared) == (3, 6)
    assert overall.confirmed_share == pytest.approx(0.5)
    assert overall.rated == 4
    assert overall.average_rating == pytest.approx(3.5)
    by_mentor = figures_by_mentor(outcomes)
    assert set(by_mentor) == {10, 11}
    strong, weak = by_mentor[10], by_mentor[11]
    assert (strong.mentorships, strong.confirmed, strong.compared) == (2, 3, 4)
    assert strong.average_rating == pytest.approx(4.5)
    assert (weak.mentorships, weak.confirmed, weak.compared) == (3, 0, 2)
    assert weak.average_rating == pytest.approx(2.5)
    assert weak.confirmed_share == 0


def test_no_figures_without_ratings_or_reassessments():
    empty = figures([])
    assert empty.mentorships == 0
    assert empty.average_rating is None
    assert empty.confirmed_share is None
