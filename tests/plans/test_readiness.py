"""Readiness read from the database: the records HR keeps reach the rules."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import (
    AssessmentSource,
    Certificate,
    CertificateType,
    CompetencyAssessment,
    CreditPointRecord,
    DisciplinaryPenalty,
    EmploymentType,
    Expectation,
    PenaltySeverity,
    PerformanceRating,
    PositionKind,
    PositionRequirement,
    Rank,
    RequirementKind,
    ServiceStatus,
    predikat_of,
)
from app.plans.readiness import paths_for, person_of, readiness_for
from app.rules import Move, State
from tests.factories import make_position

TODAY = date(2026, 11, 28)
JF = "PermenPANRB 1/2023"


def rule(kind, value="", value_max="", **fields):
    return PositionRequirement(
        kind=RequirementKind(kind), value=value, value_max=value_max,
        basis=fields.pop("basis", JF), **fields,
    )  # fmt: skip


def states(readiness):
    return {v.kind: v.state for v in readiness.verdicts if v.kind != "competency"}


@pytest.fixture
def ahli_muda(world):
    """Arsiparis Ahli Muda: the next jenjang of an Ahli Pertama at III/b."""
    pertama = make_position(
        "ARS-AP", {world.archives: 2}, name="Arsiparis Ahli Pertama",
        kind=PositionKind.FUNGSIONAL, level="ahli_pertama", family="Arsiparis",
    )  # fmt: skip
    muda = make_position(
        "ARS-AM",
        {world.archives: 3, world.integrity: 3},
        name="Arsiparis Ahli Muda",
        kind=PositionKind.FUNGSIONAL,
        level="ahli_muda",
        family="Arsiparis",
        rules=[
            rule("rank", "III/b", "III/d"),
            rule("credit_points", "100"),
            rule("competency_test"),
            rule("skp", "baik", param="1"),
            rule("discipline", "ringan", basis="PP 94/2021"),
            rule("status", basis="PP 11/2017 ps. 54"),
        ],
    )
    world.employee.position = pertama
    world.employee.rank = world.ranks["III/b"]
    db.session.commit()
    return muda


def test_records_reach_each_requirement(app, world, ahli_muda):
    employee, hr = world.employee, world.users["hr"]
    muda_test = db.session.scalar(
        select(CertificateType).where(CertificateType.code == "UJI-KOMPETENSI")
    )
    db.session.add_all([
        PerformanceRating(
            employee=employee, year=2025, hasil_kerja=Expectation.AS_EXPECTED,
            perilaku=Expectation.ABOVE,
            predikat=predikat_of(Expectation.AS_EXPECTED, Expectation.ABOVE),
            recorded_by_id=hr.id,
        ),
        CreditPointRecord(employee=employee, total=Decimal("80"),
                          as_of=date(2024, 1, 1)),
        CreditPointRecord(employee=employee, total=Decimal("112.5"),
                          as_of=date(2026, 1, 1)),
        Certificate(employee=employee, type=muda_test, position=ahli_muda,
                    issued_on=date(2026, 3, 1)),
        DisciplinaryPenalty(employee=employee, severity=PenaltySeverity.RINGAN,
                            starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31)),
    ])  # fmt: skip
    employee.records_checked_on = date(2026, 10, 1)
    db.session.commit()
    readiness = readiness_for(employee, ahli_muda, TODAY)
    assert states(readiness) == {
        "rank": State.MET,  # III/b, the top of Ahli Pertama, within III/b-III/d
        "credit_points": State.MET,  # the newest record counts: 112.5
        "competency_test": State.MET,
        "skp": State.MET,  # 2025: Baik
        "discipline": State.MET,  # the penalty ended in 2023
        "status": State.MET,
    }
    points = next(v for v in readiness.verdicts if v.kind == "credit_points")
    assert points.data["actual"] == Decimal("112.5")


def test_without_records_the_verdicts_are_unknown_not_met(app, world, ahli_muda):
    readiness = readiness_for(world.employee, ahli_muda, TODAY)
    assert states(readiness) == {
        "rank": State.MET,
        "credit_points": State.UNKNOWN,
        "competency_test": State.UNKNOWN,
        "skp": State.UNKNOWN,
        "discipline": State.UNKNOWN,
        "status": State.MET,
    }
    assert readiness.status == "incomplete" and not readiness.ready


def test_a_study_leave_and_a_penalty_in_force_fail(app, world, ahli_muda):
    employee = world.employee
    employee.service_status = ServiceStatus.STUDY_LEAVE
    db.session.add(
        DisciplinaryPenalty(employee=employee, severity=PenaltySeverity.SEDANG,
                            starts_on=date(2026, 6, 1), ends_on=date(2027, 5, 31))
    )  # fmt: skip
    db.session.commit()
    found = states(readiness_for(employee, ahli_muda, TODAY))
    assert (found["status"], found["discipline"]) == (State.NOT_MET, State.NOT_MET)


def test_an_assessment_centre_level_counts_for_three_years(app, world, ahli_muda):
    employee = world.employee
    db.session.add_all([
        CompetencyAssessment(
            employee=employee, competency=world.archives, level=3,
            source=AssessmentSource.ASSESSMENT,
            assessed_at=datetime(2024, 2, 1, 3, tzinfo=UTC),
        ),
        CompetencyAssessment(
            employee=employee, competency=world.integrity, level=4,
            source=AssessmentSource.ASSESSMENT,
            assessed_at=datetime(2023, 2, 1, 3, tzinfo=UTC),  # expired in 2026
        ),
        CompetencyAssessment(
            employee=employee, competency=world.integrity, level=3,
            source=AssessmentSource.SELF,
            assessed_at=datetime(2026, 2, 1, 3, tzinfo=UTC),
        ),
    ])  # fmt: skip
    db.session.commit()
    readiness = readiness_for(employee, ahli_muda, TODAY)
    lines = {line.competency.code: line for line in readiness.competencies}
    archives, integrity = lines["T.05"], lines["M.01"]
    assert (archives.status, archives.verdict.indicative) == ("met", False)
    assert archives.verdict.data["valid_until"] == date(2027, 2, 1)
    assert (integrity.status, integrity.verdict.indicative) == ("met", True)
    assert integrity.verdict.data["source"] == "self"
    assert integrity.verdict.data["expired_on"] == date(2026, 2, 1)
    assert readiness.indicative


def test_a_pppk_is_judged_by_pppk_golongan_rows(app, world, ahli_muda):
    golongan = db.session.scalar(
        select(Rank).where(Rank.code == "X", Rank.employment_type == "PPPK")
    )
    ahli_muda.rules.append(rule("rank", "X", "X", basis="Perpres 98/2020"))
    employee = world.colleague
    employee.employment_type = EmploymentType.PPPK
    employee.rank = golongan
    db.session.commit()
    ranks = [v for v in readiness_for(employee, ahli_muda, TODAY).verdicts
             if v.kind == "rank"]  # fmt: skip
    assert [(v.state, v.data["low"], v.data["pppk"]) for v in ranks] == [
        (State.MET, "X", True)
    ]
    assert person_of(employee).pppk


def test_no_requirement_is_ready_and_complete(app, world):
    readiness = readiness_for(world.employee, make_position("Y", {}), TODAY)
    assert (readiness.ready, readiness.percent, readiness.status) == (
        True, 100, "ready",
    )  # fmt: skip


def test_career_paths_from_the_database(app, world, ahli_muda):
    lurah = world.lurah_position
    lurah.eselon = "IVa"
    seklur = make_position(
        "SEKLUR-A", {}, name="Sekretaris Lurah Alpha", level="pengawas",
        eselon="IVb", unit=world.kel,
        rules=[rule("employment_type", "PNS", basis="UU 20/2023 ps. 19")],
    )  # fmt: skip
    world.employee.position = seklur
    world.employee.rank = world.ranks["III/c"]
    db.session.commit()
    found = paths_for(world.employee, TODAY)
    assert [r.position.code for r in found.paths[Move.PROMOTION]] == ["LURAH-A"]
    horizontal = {r.position.code for r in found.paths[Move.HORIZONTAL]}
    assert "ARS-AM" in horizontal  # pengawas ~ Ahli Muda
    # A PPPK sees no managerial post at all.
    world.colleague.employment_type = EmploymentType.PPPK
    world.colleague.position = world.staff_position
    lurah.rules.append(rule("employment_type", "PNS", basis="UU 20/2023 ps. 19"))
    db.session.commit()
    found = paths_for(world.colleague, TODAY)
    assert found.counts[Move.PROMOTION] == 0
