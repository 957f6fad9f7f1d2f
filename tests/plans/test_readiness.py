"""Readiness against published requirements, and the career paths."""

from datetime import date

import pytest

from app import catalogue
from app.extensions import db
from app.models import AssessmentSource, Education, PositionKind
from app.plans.readiness import (
    PathKind,
    career_paths,
    classify,
    full_years,
    readiness_for,
)
from app.profile.services import latest_by_competency, record_assessment
from tests.factories import make_position

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    "since, years",
    [(date(2024, 11, 28), 2), (date(2024, 11, 29), 1), (date(2026, 1, 1), 0)],
)
def test_full_years(since, years):
    assert full_years(since, TODAY) == years


def _checks(readiness):
    return {c.kind: (c.met, c.required, c.actual) for c in readiness.checks}


def test_readiness_checks_rank_years_education_and_competencies(app, world):
    target = make_position(
        "KASI",
        {world.integrity: 3, world.teamwork: 2},
        name="Kepala Seksi",
        level="pengawas",
        min_rank=world.ranks["III/b"],
        min_years_in_rank=2,
        min_education=Education.S1,
    )
    world.employee.rank_since = date(2025, 4, 1)
    db.session.commit()
    record_assessment(
        world.employee,
        world.teamwork,
        2,
        AssessmentSource.SUPERVISOR,
        world.users["supervisor"],
    )
    readiness = readiness_for(
        world.employee, target, latest_by_competency(world.employee.id), TODAY
    )
    assert _checks(readiness) == {
        "rank": (False, "III/b", "II/c"),
        "years": (False, "2", "1"),
        "education": (True, "S1", "S1"),
    }
    assert (readiness.competencies_met, readiness.total_gap) == (1, 3)
    assert (readiness.met, readiness.total, readiness.percent) == (2, 5, 40)
    assert [s.competency.code for s in readiness.gaps] == ["M.01"]
    assert not readiness.ready


def test_missing_records_fail_their_checks(app, world):
    world.employee.rank = None
    world.employee.education = None
    target = make_position("X", {}, min_rank=world.ranks["II/a"], min_years_in_rank=1)
    db.session.commit()
    readiness = readiness_for(world.employee, target, {}, TODAY)
    assert {kind: met for kind, (met, _, actual) in _checks(readiness).items()} == {
        "rank": False,
        "years": False,
    }
    assert all(c.actual is None for c in readiness.checks)


def test_nothing_required_is_ready(app, world):
    readiness = readiness_for(world.employee, make_position("Y", {}), {}, TODAY)
    assert (readiness.ready, readiness.percent) == (True, 100)


@pytest.fixture
def ladder(world):
    """Arsiparis at three levels, a structural ladder and a lateral move."""

    def functional(code, level, rank):
        return make_position(
            code,
            {world.archives: 3},
            name=f"Arsiparis {level.replace('_', ' ').title()}",
            kind=PositionKind.FUNGSIONAL,
            level=level,
            min_rank=world.ranks[rank],
        )

    positions = {
        "terampil": functional("ARS-T", "terampil", "II/c"),
        "mahir": functional("ARS-M", "mahir", "III/a"),
        "pertama": functional("ARS-AP", "ahli_pertama", "III/a"),
        "muda": functional("ARS-AM", "ahli_muda", "III/c"),
        "pengawas": make_position("KASI", {}, level="pengawas"),
        "administrator": make_position("SEKCAM", {}, level="administrator"),
        "pranata": make_position(
            "PRAKOM-T", {}, kind=PositionKind.FUNGSIONAL, level="terampil"
        ),
    }
    db.session.commit()
    return positions


def test_the_family_of_a_functional_position(app, ladder):
    assert ladder["muda"].family == "Arsiparis"
    assert ladder["pengawas"].family == ladder["pengawas"].name


@pytest.mark.parametrize(
    "current, candidate, kind",
    [
        ("terampil", "mahir", PathKind.FUNCTIONAL),
        ("terampil", "pertama", PathKind.FUNCTIONAL),  # to the expertise track
        ("mahir", "terampil", None),  # never down
        ("terampil", "terampil", None),  # not the own position
        ("terampil", "pengawas", PathKind.STRUCTURAL),
        ("pertama", "administrator", PathKind.STRUCTURAL),
        ("terampil", "pranata", PathKind.LATERAL),
        ("pengawas", "muda", PathKind.LATERAL),  # ahli muda ~ pengawas
    ],
)
def test_classify(app, ladder, current, candidate, kind):
    assert classify(ladder[current], ladder[candidate]) is kind


def test_career_paths_take_the_nearest_structural_level_readiest_first(
    app, world, ladder
):
    world.employee.position = ladder["terampil"]
    db.session.commit()
    record_assessment(
        world.employee,
        world.archives,
        3,
        AssessmentSource.SUPERVISOR,
        world.users["supervisor"],
    )
    found = career_paths(
        world.employee,
        catalogue.positions(standards=True),
        latest_by_competency(world.employee.id),
        TODAY,
    )
    functional = [r.position.code for r in found.paths[PathKind.FUNCTIONAL]]
    # One jenjang up on either track; Ahli Muda is two steps away.
    assert set(functional) == {"ARS-M", "ARS-AP"}
    structural = {r.position.code for r in found.paths[PathKind.STRUCTURAL]}
    assert structural == {"KASI", "LURAH-A"}  # pengawas, not the administrator
    lateral = {r.position.code for r in found.paths[PathKind.LATERAL]}
    assert "PRAKOM-T" in lateral and "ARS-T" not in lateral
    assert found.counts[PathKind.STRUCTURAL] == 2


def test_career_paths_are_limited(app, world, ladder):
    world.employee.position = ladder["terampil"]
    db.session.commit()
    found = career_paths(
        world.employee, catalogue.positions(standards=True), {}, TODAY, limit=1
    )
    # The readiest first: KASI requires nothing, LURAH-A two competencies.
    assert [r.position.code for r in found.paths[PathKind.STRUCTURAL]] == ["KASI"]
    assert found.counts[PathKind.STRUCTURAL] == 2
