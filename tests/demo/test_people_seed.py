"""``flask seed-demo``: PNS and PPPK, CPNS and study leave, and every kind of HR
record, so that each requirement can show met, not met and unknown."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from app.demo import catalogue
from app.demo.catalogue import MANAGERIAL_LEVELS, persona_nip
from app.demo.seed import seed_demo
from app.extensions import db
from app.hr.catalogues import load_certificate_types, load_competencies, load_ranks
from app.i18n import WIB, local_today
from app.models import (
    Certificate,
    CreditPointRecord,
    DisciplinaryPenalty,
    Employee,
    EmploymentType,
    PerformanceRating,
    Position,
    PositionKind,
    Predikat,
    ServiceStatus,
    Unit,
    User,
    predikat_of,
)
from app.nip import parse_number


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert result.exit_code == 0, result.output
    return result


def _employees() -> list[Employee]:
    return db.session.scalars(select(Employee)).all()


def _employee(role: str) -> Employee:
    return db.session.scalar(select(Employee).where(Employee.nip == persona_nip(role)))


def test_units_hold_their_area_and_organisation(seeded):
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    assert units["KEC"].parent.code == "PEMKOT"
    assert units["PKM-RP"].parent.code == "DINKES"
    assert units["SD-060930"].parent.code == "DISDIK"
    assert units["POLPP-MRL"].parent.code == "SATPOL"
    assert units["KEL-TJ"].area == "Kelurahan Terjun"
    assert units["POLPP-MRL"].area == "Kecamatan Medan Marelan"
    assert all(unit.area for unit in units.values())
    polpp = [e for e in _employees() if e.unit.code == "POLPP-MRL"]
    assert polpp and all(e.position.family in _polpp_posts() for e in polpp)


def _polpp_posts() -> set[str]:
    return {"Polisi Pamong Praja", "Pengadministrasi Perkantoran"}


def test_positions_and_their_rules_are_in_the_database(seeded):
    positions = db.session.scalars(select(Position)).all()
    assert not any("APBD" in p.name or "Pranata Keuangan" in p.name for p in positions)
    for position in positions:
        spec = catalogue.position(position.code)
        assert position.family == spec.family
        assert position.eselon == spec.eselon
        assert position.kelas_jabatan == spec.kelas_jabatan
        assert (position.min_rank.code, position.max_rank.code) == (
            spec.min_rank,
            spec.max_rank,
        )
        assert len(position.rules) == len(spec.requirements)
        assert all(rule.basis for rule in position.rules)
    kasek = next(p for p in positions if p.code == "KASEK-060925")
    assert kasek.kind is PositionKind.TUGAS_TAMBAHAN


def test_pppk_hold_an_ni_a_pppk_golongan_and_no_managerial_post(seeded):
    pppk = [e for e in _employees() if e.employment_type is EmploymentType.PPPK]
    assert len(pppk) >= 5
    for employee in pppk:
        assert parse_number(employee.nip).pppk
        assert employee.rank.employment_type is EmploymentType.PPPK
        assert employee.position.level not in MANAGERIAL_LEVELS
        assert employee.position.kind is not PositionKind.TUGAS_TAMBAHAN
        assert employee.service_status is ServiceStatus.ACTIVE
    families = {e.position.family for e in pppk}
    assert "Guru" in families
    rina = _employee("pppk")
    assert (
        rina.is_pppk
        and rina.rank.code == "IX"
        and rina.nip_display == ("19950314 2022 2 1 2 001")
    )
    for employee in _employees():
        if not employee.is_pppk and employee.rank is not None:
            assert employee.rank.employment_type is EmploymentType.PNS


def test_some_are_cpns_one_starting_soon_and_some_on_study_leave(seeded):
    today = local_today()
    by_status = Counter(e.service_status for e in _employees())
    assert by_status[ServiceStatus.CPNS] >= 2
    assert by_status[ServiceStatus.STUDY_LEAVE] >= 1
    cpns = [e for e in _employees() if e.service_status is ServiceStatus.CPNS]
    ahead = [e for e in cpns if e.cpns_start > today]
    assert len(ahead) == 1
    assert ahead[0].cpns_start <= today + timedelta(days=130)
    assert ahead[0].position_since is None and ahead[0].records_checked_on is None
    assert all(e.cpns_start > today - timedelta(days=366) for e in cpns)


def test_the_data_has_gaps_a_rule_must_call_unknown(seeded):
    employees = _employees()
    assert sum(e.education_field != "" for e in employees) > 0.7 * len(employees)
    for attribute in ("rank", "education", "position_since", "records_checked_on"):
        missing = [e for e in employees if getattr(e, attribute) is None]
        assert 0 < len(missing) < 0.25 * len(employees), attribute
    assert any(e.education and not e.education_field for e in employees)


def test_skp_of_the_last_two_years_mostly_good_some_missing(seeded):
    year = local_today().year
    ratings = db.session.scalars(select(PerformanceRating)).all()
    assert {r.year for r in ratings} == {year - 2, year - 1}
    for rating in ratings:
        assert rating.predikat is predikat_of(rating.hasil_kerja, rating.perilaku)
    predikat = Counter(r.predikat for r in ratings)
    good = predikat[Predikat.BAIK] + predikat[Predikat.SANGAT_BAIK]
    assert good > 0.8 * len(ratings)
    assert predikat[Predikat.SANGAT_BAIK] and predikat[Predikat.BUTUH_PERBAIKAN]
    rated = Counter(r.employee_id for r in ratings)
    employees = _employees()
    assert sum(rated[e.id] == 2 for e in employees) > 0.6 * len(employees)
    assert any(rated[e.id] < 2 and e.records_checked_on for e in employees)


def test_penalties_some_in_force_some_ended(seeded):
    today = local_today()
    penalties = db.session.scalars(select(DisciplinaryPenalty)).all()
    assert 0 < len(penalties) < 0.15 * len(_employees())
    in_force = [p for p in penalties if p.active_on(today)]
    assert in_force and len(in_force) < len(penalties)
    assert all(p.decree and p.description for p in penalties)


def test_credit_points_enough_for_some_short_for_others(seeded):
    enough = short = 0
    records = db.session.scalars(select(CreditPointRecord)).all()
    with_points = {r.employee_id for r in records}
    functional = [e for e in _employees() if e.position.kind is PositionKind.FUNGSIONAL]
    assert {r.employee.position.kind for r in records} == {PositionKind.FUNGSIONAL}
    assert any(e.id not in with_points for e in functional)
    for record in records:
        following = catalogue.next_jenjang(record.employee.position.code)
        if following is None:
            continue
        need = Decimal(following.rule("credit_points").value)
        enough += record.total >= need
        short += record.total < need
    assert enough and short


def test_certificates_of_every_kind_the_rules_name(seeded):
    certificates = db.session.scalars(select(Certificate)).all()
    kinds = Counter(c.type.code for c in certificates)
    for code in (
        "STR",
        "SERTIFIKAT-PENDIDIK",
        "UJI-KOMPETENSI",
        "PKP",
        "DIKLAT-POLPP",
        "LATSAR",
    ):
        assert kinds[code], code
    today = local_today()
    for certificate in certificates:
        assert certificate.issued_on <= today
        if certificate.type.code == "UJI-KOMPETENSI":
            following = catalogue.next_jenjang(certificate.employee.position.code)
            assert certificate.position.code == following.code
        else:
            assert certificate.position is None


def test_nadias_records_leave_something_met_unmet_and_unknown(seeded):
    nadia = _employee("employee")
    today = local_today()
    ratings = {r.year: r.predikat for r in _of(PerformanceRating, nadia)}
    # Last year's SKP is not in and HR checked before that year ended: unknown.
    assert ratings == {today.year - 2: Predikat.SANGAT_BAIK}
    assert nadia.records_checked_on < date(today.year - 1, 12, 31)
    # Under four years as pelaksana (a pengawas post asks four): not met.
    assert nadia.position_since > date(today.year - 4, today.month, 1)
    held = {c.type.code for c in _of(Certificate, nadia)}
    assert "PKP" not in held  # a gap to plan for
    assert not _of(DisciplinaryPenalty, nadia)
    fitri = _employee("admin")
    points = _of(CreditPointRecord, fitri)
    assert points and points[0].total < 100  # short of Ahli Muda's 100


def _of(model, employee: Employee) -> list:
    return db.session.scalars(
        select(model).where(model.employee_id == employee.id)
    ).all()


def _fresh_catalogues() -> None:
    load_ranks()
    load_competencies()
    load_certificate_types()


def _dump() -> dict[str, list[tuple]]:
    """Every table's rows in key order; a password hash differs by its salt."""
    dump = {}
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if c.name != "password_hash"]
        rows = db.session.execute(select(*columns).order_by(*table.primary_key))
        dump[table.name] = [tuple(row) for row in rows]
    return dump


def _empty() -> None:
    """Every table emptied, and on PostgreSQL its ids started again from 1 (as
    SQLite does for an empty table), so that two seeds can be compared row by row."""
    db.session.remove()
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(t.name for t in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


def test_the_same_seed_gives_the_same_rows(app):
    now = datetime(2027, 3, 10, 4, 0, tzinfo=UTC)
    _fresh_catalogues()
    seed_demo(employees=80, now=now)
    first = _dump()
    assert first["certificates"] and first["performance_ratings"]
    _empty()
    _fresh_catalogues()
    seed_demo(employees=80, now=now)
    assert _dump() == first


def test_seeding_a_month_later_moves_the_cpns_number_and_adds_nobody(app):
    now = datetime(2027, 3, 10, 4, 0, tzinfo=UTC)
    _fresh_catalogues()
    seed_demo(employees=80, now=now)
    before = dict(
        db.session.execute(select(User.email, Employee.nip).join(Employee)).all()
    )
    later = now + timedelta(days=45)
    report = seed_demo(employees=80, now=later)
    assert report.added_employees == 0
    after = dict(
        db.session.execute(select(User.email, Employee.nip).join(Employee)).all()
    )
    moved = {email for email in before if before[email] != after[email]}
    assert moved
    today = later.astimezone(WIB).date()
    for email in moved:
        number = after[email]
        employee = db.session.scalar(select(Employee).where(Employee.nip == number))
        assert employee.service_status is ServiceStatus.CPNS
        parse_number(employee.nip, today=today)
    assert db.session.scalar(select(func.count()).select_from(Employee)) == len(before)


def test_a_retired_position_hands_its_holders_to_its_successor(app):
    _fresh_catalogues()
    seed_demo(employees=60)
    unit = db.session.scalar(select(Unit).where(Unit.code == "KEC-SEK"))
    old = Position(
        code="PRANATA-KEU-APBD-MAHIR",
        name="An older demo's post",
        kind=PositionKind.FUNGSIONAL,
        level="mahir",
        unit=unit,
    )
    db.session.add(old)
    db.session.flush()
    holder = db.session.scalar(
        select(Employee).where(Employee.nip == persona_nip("hr"))
    )
    holder.position_id = old.id
    db.session.commit()

    seed_demo(employees=60)
    codes = set(db.session.scalars(select(Position.code)))
    assert "PRANATA-KEU-APBD-MAHIR" not in codes
    db.session.refresh(holder)
    assert holder.position.code == "PENGELOLA-LAYANAN-OPS"
