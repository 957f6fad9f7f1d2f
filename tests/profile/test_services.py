"""Which level a gap is computed from, and the summary counts."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import AssessmentSource, CompetencyAssessment
from app.profile.services import (
    AssessmentError,
    competency_standings,
    record_assessment,
    summarize,
)

SELF, SUPERVISOR, CENTRE = (
    AssessmentSource.SELF,
    AssessmentSource.SUPERVISOR,
    AssessmentSource.ASSESSMENT,
)
START = datetime(2026, 1, 1, tzinfo=UTC)


def _assess(world, competency, level, source, days):
    db.session.add(
        CompetencyAssessment(
            employee=world.employee,
            competency=competency,
            level=level,
            source=source,
            assessed_at=START + timedelta(days=days),
        )
    )
    db.session.commit()


def _standing(world, competency):
    standings = competency_standings(world.employee)
    return next(s for s in standings if s.competency.id == competency.id)


def test_required_competencies_without_levels_count_whole_requirement(world):
    standings = competency_standings(world.employee)
    assert [s.competency.code for s in standings] == ["M.01", "M.02", "T.05"]
    assert [s.required for s in standings] == [2, 2, 3]
    assert all(s.status == "unassessed" for s in standings)
    assert [s.gap for s in standings] == [2, 2, 3]


@pytest.mark.parametrize(
    ("history", "used_source", "used_level"),
    [
        ([(SELF, 3, 0)], SELF, 3),
        ([(SELF, 3, 0), (SUPERVISOR, 1, 5)], SUPERVISOR, 1),
        # A later self-assessment does not override the supervisor.
        ([(SUPERVISOR, 1, 0), (SELF, 4, 5)], SUPERVISOR, 1),
        # The newer of supervisor and assessment centre wins.
        ([(SUPERVISOR, 1, 0), (CENTRE, 3, 5)], CENTRE, 3),
        ([(CENTRE, 3, 0), (SUPERVISOR, 2, 5)], SUPERVISOR, 2),
        # Only the latest level of each source counts.
        ([(SELF, 1, 0), (SELF, 2, 3), (SELF, 4, 9)], SELF, 4),
    ],
)
def test_gap_uses_supervisor_or_centre_before_self(
    world, history, used_source, used_level
):
    for source, level, day in history:
        _assess(world, world.archives, level, source, day)
    standing = _standing(world, world.archives)
    assert standing.effective.source == used_source
    assert standing.effective_level == used_level
    assert standing.gap == max(3 - used_level, 0)


def test_self_and_supervisor_levels_are_kept_side_by_side(world):
    _assess(world, world.integrity, 3, SELF, 0)
    _assess(world, world.integrity, 1, SUPERVISOR, 1)
    standing = _standing(world, world.integrity)
    assert standing.level(SELF) == 3
    assert standing.level(SUPERVISOR) == 1
    assert standing.level(CENTRE) is None
    assert standing.status == "gap"


def test_assessed_competency_outside_the_standard_is_listed_last(world):
    from tests.factories import make_competency

    extra = make_competency("T.06", "Teknologi Informasi")
    db.session.commit()
    _assess(world, extra, 4, SELF, 0)
    standings = competency_standings(world.employee)
    assert standings[-1].competency.code == "T.06"
    assert standings[-1].status == "extra"
    assert standings[-1].gap is None


def test_summary_counts_met_gaps_and_unassessed(world):
    _assess(world, world.integrity, 2, SUPERVISOR, 0)  # met
    _assess(world, world.teamwork, 1, SELF, 0)  # gap of 1
    summary = summarize(competency_standings(world.employee))
    assert (summary.required, summary.met, summary.gaps, summary.unassessed) == (
        3,
        1,
        1,
        1,
    )
    assert summary.total_gap == 0 + 1 + 3


def test_employee_without_position_has_no_requirements(world):
    world.employee.position = None
    db.session.commit()
    assert competency_standings(world.employee) == []


@pytest.mark.parametrize(("level", "note"), [(0, ""), (6, ""), (3, "x" * 501)])
def test_record_assessment_refuses_out_of_range_input(world, level, note):
    with pytest.raises(AssessmentError):
        record_assessment(
            world.employee, world.integrity, level, SELF, world.users["employee"], note
        )
    assert db.session.query(CompetencyAssessment).count() == 0
