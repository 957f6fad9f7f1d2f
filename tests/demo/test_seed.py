"""``flask seed-demo``: realistic, valid, idempotent, scalable demo data."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AssessmentSource,
    Competency,
    CompetencyAssessment,
    Employee,
    MentorProfile,
    Position,
    Rank,
    Unit,
    User,
)
from app.nip import parse_number


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed-demo", "--employees", "120"])
    assert result.exit_code == 0, result.output
    return result


def test_seeds_the_marelan_organisation(seeded):
    assert _count(Unit) == 23
    names = set(db.session.scalars(select(Unit.name)))
    for kelurahan in (
        "Labuhan Deli",
        "Paya Pasir",
        "Rengas Pulau",
        "Tanah Enam Ratus",
        "Terjun",
    ):
        assert f"Kelurahan {kelurahan}" in names
    assert _count(Rank) == 34  # 17 PNS pangkat/golongan, 17 PPPK golongan
    assert _count(Competency) == 20
    assert _count(Position) == 83
    assert _count(Employee) == 120
    assert _count(User) == 120


def test_every_generated_nip_is_valid_and_unique(seeded):
    nips = db.session.scalars(select(Employee.nip)).all()
    assert len(set(nips)) == len(nips)
    for nip in nips:
        parse_number(nip)  # an NIP, or the NI of a PPPK, valid today


def test_people_have_supervisors_and_assessments(seeded):
    employees = db.session.scalars(select(Employee)).all()
    with_supervisor = [e for e in employees if e.supervisor_id is not None]
    assert len(with_supervisor) > 0.8 * len(employees)
    assert all(e.supervisor_id != e.id for e in employees)
    sources = set(db.session.scalars(select(CompetencyAssessment.source).distinct()))
    # Assessment-centre levels back the competencies mentors offer (demo/mentoring).
    assert sources == set(AssessmentSource)
    # Every employee has a self-assessment for each competency of the position.
    for employee in employees[:20]:
        required = {r.competency_id for r in employee.position.requirements}
        assessed = set(
            db.session.scalars(
                select(CompetencyAssessment.competency_id).where(
                    CompetencyAssessment.employee_id == employee.id,
                    CompetencyAssessment.source == AssessmentSource.SELF,
                )
            )
        )
        assert assessed == required


def test_demo_logins_are_printed_and_hold_their_roles(seeded):
    output = seeded.output
    for role in ("employee", "pppk", "mentor", "supervisor", "hr", "admin"):
        assert f"  {role} " in output
    by_email = {u.email: u for u in db.session.scalars(select(User))}
    employee = by_email["nadia.harahap@marelan.example.id"].employee
    supervisor = by_email["fauzi.nasution@marelan.example.id"].employee
    assert employee.supervisor_id == supervisor.id
    assert supervisor.position.name == "Lurah Labuhan Deli"
    assert by_email["dedi.tarigan@marelan.example.id"].is_hr
    assert by_email["fitri.sembiring@marelan.example.id"].is_admin
    mentor = by_email["rosmawati.simanjuntak@marelan.example.id"].employee
    assert db.session.scalar(
        select(MentorProfile).where(MentorProfile.employee_id == mentor.id)
    ).is_active


def test_demo_password_signs_in(seeded, app):
    from app.demo.seed import DEMO_PASSWORD

    client = app.test_client()
    response = client.post(
        "/login",
        data={"identifier": "19960412 202003 2 004", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 303
    pppk = app.test_client().post(
        "/login",
        data={
            "identifier": "rina.siregar@marelan.example.id",
            "password": DEMO_PASSWORD,
        },
    )
    assert pppk.status_code == 303


def test_seeding_again_changes_nothing(seeded, runner):
    before = (_count(Employee), _count(User), _count(CompetencyAssessment))
    again = runner.invoke(args=["seed-demo", "--employees", "120"])
    assert again.exit_code == 0
    assert "(0 new)" in again.output
    assert (_count(Employee), _count(User), _count(CompetencyAssessment)) == before


def test_asking_for_more_adds_only_the_new_people(seeded, runner):
    first = set(db.session.scalars(select(Employee.nip)))
    result = runner.invoke(args=["seed-demo", "--employees", "150"])
    assert result.exit_code == 0
    assert "(30 new)" in result.output
    assert first < set(db.session.scalars(select(Employee.nip)))
    assert _count(Employee) == 150


def test_rejects_a_size_below_the_minimum(runner):
    result = runner.invoke(args=["seed-demo", "--employees", "3"])
    assert result.exit_code != 0
    assert _count(Employee) == 0


def test_supervisor_levels_are_signed_by_the_supervisor(seeded):
    row = db.session.scalars(
        select(CompetencyAssessment).where(
            CompetencyAssessment.source == AssessmentSource.SUPERVISOR
        )
    ).first()
    assert row.assessed_by.employee_id == row.employee.supervisor_id
