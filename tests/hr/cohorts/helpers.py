"""Data for the cohort tests: mentors who teach, mentees whose plans aim higher.

A mentee's need is the target position's requirement minus their levels (none
assessed here, so the whole requirement); a mentor teaches the competencies
offered at the level their supervisor assessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.extensions import db
from app.i18n import local_today
from app.models import (
    AssessmentSource,
    CareerPlan,
    Competency,
    CompetencyAssessment,
    Employee,
    MentorCompetency,
    MentorProfile,
    PlanStatus,
    Position,
)
from tests.factories import make_employee, make_position, make_user


def make_mentor(
    world,
    name: str,
    levels: dict[Competency, int],
    capacity: int,
    unit=None,
    login: bool = True,
) -> Employee:
    """A mentor assessed by a supervisor at ``levels``, offering all of them."""
    employee = make_employee(name, unit or world.kec, position=world.lurah_position)
    if login:
        make_user(employee)
    for competency, level in levels.items():
        db.session.add(
            CompetencyAssessment(
                employee=employee,
                competency=competency,
                level=level,
                source=AssessmentSource.SUPERVISOR,
                assessed_by_id=world.users["supervisor"].id,
            )
        )
    db.session.add(
        MentorProfile(
            employee=employee,
            capacity=capacity,
            active_mentees=0,
            competencies=[MentorCompetency(competency=c) for c in levels],
        )
    )
    db.session.commit()
    return employee


def make_mentee(
    world,
    name: str,
    target: Position,
    status: PlanStatus = PlanStatus.APPROVED,
    unit=None,
    login: bool = False,
) -> Employee:
    """An employee with a plan for this year aimed at ``target`` (no goals)."""
    employee = make_employee(name, unit or world.kel, position=world.staff_position)
    if login:
        make_user(employee)
    db.session.add(
        CareerPlan(
            employee=employee,
            period=local_today().year,
            target_position=target,
            status=status,
        )
    )
    db.session.commit()
    return employee


@dataclass
class Cohort:
    """Three mentors with different strengths and places, six mentees.

    Scores (the share of the need covered: 0.6 at the target, 0.8 one level
    above; times 0.95, as no text is anywhere):
      archives_4  -> Arsip .76
      both_4      -> Arsip .38, Cakra .29   (archives 4 + integrity 4)
      team_4      -> Bima .76, Cakra .57
      team_int    -> Bima .43, Cakra .65    (teamwork 4 + integrity 3)
      integrity_5 -> nobody holds level 5
      arch_int_5  -> Arsip .34 only         (archives 4 + integrity 5)
    With Arsip 1 place, Bima 1 and Cakra 2 the one best assignment is
    archives_4/Arsip, team_4/Bima, team_int/Cakra, both_4/Cakra; integrity_5 has
    no eligible mentor, arch_int_5 loses Arsip's only place.
    """

    arsip: Employee
    bima: Employee
    cakra: Employee
    archives_4: Employee
    both_4: Employee
    team_4: Employee
    team_int: Employee
    integrity_5: Employee
    arch_int_5: Employee

    @property
    def expected(self) -> dict[int, int]:
        return {
            self.archives_4.id: self.arsip.id,
            self.both_4.id: self.cakra.id,
            self.team_4.id: self.bima.id,
            self.team_int.id: self.cakra.id,
        }


def build_cohort(world, logins: bool = False) -> Cohort:
    """The scenario of ``Cohort``; ``logins`` gives the mentees logins too."""
    integrity, teamwork, archives = world.integrity, world.teamwork, world.archives
    positions = {
        name: make_position(code, requirements)
        for name, code, requirements in [
            ("archives", "T-ARS", {archives: 4}),
            ("both", "T-ARS-INT", {archives: 4, integrity: 4}),
            ("team", "T-TIM", {teamwork: 4}),
            ("team_int", "T-TIM-INT", {teamwork: 4, integrity: 3}),
            ("integrity", "T-INT", {integrity: 5}),
            ("arch_int", "T-ARS-INT5", {archives: 4, integrity: 5}),
        ]
    }
    db.session.commit()
    return Cohort(
        arsip=make_mentor(world, "Arsip Ginting", {archives: 5}, capacity=1),
        bima=make_mentor(world, "Bima Purba", {teamwork: 5}, capacity=1),
        cakra=make_mentor(
            world, "Cakra Sinaga", {integrity: 4, teamwork: 4}, capacity=2
        ),
        archives_4=make_mentee(world, "Ani Arsip", positions["archives"], login=logins),
        both_4=make_mentee(world, "Bayu Dua", positions["both"], login=logins),
        team_4=make_mentee(world, "Citra Tim", positions["team"], login=logins),
        team_int=make_mentee(world, "Dodi Tim", positions["team_int"], login=logins),
        integrity_5=make_mentee(world, "Eka Lima", positions["integrity"]),
        arch_int_5=make_mentee(world, "Fajar Penuh", positions["arch_int"]),
    )
