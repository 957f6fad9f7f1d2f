"""Small factories for test data: valid NIPs, an organisation, people and logins."""

from __future__ import annotations

import itertools
from datetime import date

from werkzeug.security import generate_password_hash

from app.extensions import db
from app.hr.catalogues import load_certificate_types, load_ranks
from app.i18n import local_today
from app.models import (
    ActivityKind,
    ActivityStatus,
    AssessmentSource,
    CareerPlan,
    Competency,
    CompetencyAssessment,
    CompetencyCategory,
    CompetencyLevel,
    DevelopmentActivity,
    Education,
    Employee,
    EmploymentType,
    MentorProfile,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
    PositionCompetency,
    PositionKind,
    PositionRequirement,
    Rank,
    RequirementKind,
    Unit,
    User,
)

PASSWORD = "rahasia-uji-123"
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
_sequence = itertools.count(1)


def make_nip(
    born: date = date(1988, 5, 17), start: tuple[int, int] = (2012, 3), gender: int = 1
) -> str:
    """A valid NIP with a fresh sequence number."""
    sequence = next(_sequence) % 999 + 1
    return f"{born:%Y%m%d}{start[0]:04d}{start[1]:02d}{gender}{sequence:03d}"


def make_ni(
    born: date = date(1990, 1, 1), year: int = 2022, contract: int = 1, gender: int = 2
) -> str:
    """A valid NI of a PPPK (type digit 2) with a fresh sequence number."""
    sequence = next(_sequence) % 999 + 1
    return f"{born:%Y%m%d}{year:04d}2{contract}{gender}{sequence:03d}"


def make_unit(code: str, name: str | None = None, parent: Unit | None = None) -> Unit:
    unit = Unit(code=code, name=name or f"Unit {code}", kind="seksi", parent=parent)
    db.session.add(unit)
    return unit


def make_competency(code: str, name: str, category=CompetencyCategory.MANAJERIAL):
    competency = Competency(
        code=code, category=category, name=name, name_en=f"{name} (en)"
    )
    competency.levels = [
        CompetencyLevel(
            level=n, descriptor=f"{name} tingkat {n}", descriptor_en=f"{name} level {n}"
        )
        for n in range(1, 6)
    ]
    db.session.add(competency)
    return competency


def make_position(code: str, requirements: dict[Competency, int], **fields) -> Position:
    fields.setdefault("kind", PositionKind.ADMINISTRASI)
    fields.setdefault("level", "pelaksana")
    rules = list(fields.pop("rules", ()))
    education = fields.pop("min_education", None)
    if fields.get("min_rank") is not None:
        rules.insert(
            0,
            PositionRequirement(
                kind=RequirementKind.RANK,
                value=fields["min_rank"].code,
                basis="PP 11/2017 jo. PP 17/2020 ps. 54",
            ),
        )
    if education is not None:
        rules.append(
            PositionRequirement(
                kind=RequirementKind.EDUCATION,
                value=education.value,
                basis="PP 11/2017 jo. PP 17/2020 ps. 54",
            )
        )
    name = fields.pop("name", f"Jabatan {code}")
    fields.setdefault("family", name)
    position = Position(code=code, name=name, rules=rules, **fields)
    position.requirements = [
        PositionCompetency(competency=c, required_level=level)
        for c, level in requirements.items()
    ]
    db.session.add(position)
    return position


def make_employee(name: str, unit: Unit, **fields) -> Employee:
    fields.setdefault("nip", make_nip(gender=fields.pop("gender", 1)))
    fields.setdefault("education", Education.S1)
    employee = Employee(name=name, unit=unit, **fields)
    db.session.add(employee)
    return employee


def make_pppk(world: World, name: str = "Rina Simanjuntak", **fields) -> Employee:
    """A PPPK in the world's Kelurahan Alpha, Golongan IX unless said otherwise."""
    fields.setdefault("nip", make_ni())
    fields.setdefault("rank", world.ranks["IX"])
    fields.setdefault("supervisor", world.supervisor)
    fields.setdefault("position", world.staff_position)
    return make_employee(name, world.kel, employment_type=EmploymentType.PPPK, **fields)


def make_assessment(
    employee: Employee,
    competency: Competency,
    level: int,
    source: AssessmentSource = AssessmentSource.SUPERVISOR,
) -> CompetencyAssessment:
    """One assessed level (by the supervisor unless said otherwise), not committed."""
    assessment = CompetencyAssessment(
        employee=employee, competency=competency, level=level, source=source
    )
    db.session.add(assessment)
    return assessment


def make_user(
    employee: Employee | None = None, email: str | None = None, **flags
) -> User:
    if email is None:
        email = f"{employee.name.split()[0].lower()}{next(_sequence)}@uji.example.id"
    user = User(email=email, password_hash=_PASSWORD_HASH, employee=employee, **flags)
    db.session.add(user)
    return user


class World:
    """A small organisation with one person in each role.

    supervisor (Lurah) -> employee, colleague; mentor elsewhere; an outsider in
    another unit; hr (with an employee record); admin (a login only).
    """

    def __init__(self) -> None:
        load_ranks()
        load_certificate_types()
        self.ranks = {r.code: r for r in db.session.query(Rank)}
        self.kec = make_unit("KEC", "Kecamatan Uji")
        self.kel = make_unit("KEL-A", "Kelurahan Alpha", parent=self.kec)
        self.kel_b = make_unit("KEL-B", "Kelurahan Beta", parent=self.kec)
        self.integrity = make_competency("M.01", "Integritas")
        self.teamwork = make_competency("M.02", "Kerja Sama")
        self.archives = make_competency(
            "T.05", "Pengelolaan Arsip", CompetencyCategory.TEKNIS
        )
        self.staff_position = make_position(
            "PENGADM",
            {self.integrity: 2, self.teamwork: 2, self.archives: 3},
            name="Pengadministrasi Perkantoran",
            min_rank=self.ranks["II/a"],
            min_education=Education.SMA,
        )
        self.lurah_position = make_position(
            "LURAH-A",
            {self.integrity: 3, self.teamwork: 3},
            name="Lurah Alpha",
            level="pengawas",
            unit=self.kel,
        )
        self.supervisor = make_employee(
            "Rahmat Siregar",
            self.kel,
            position=self.lurah_position,
            rank=self.ranks["III/d"],
        )
        self.employee = make_employee(
            "Sri Wahyuni Lubis",
            self.kel,
            gender=2,
            position=self.staff_position,
            rank=self.ranks["II/c"],
            supervisor=self.supervisor,
        )
        self.colleague = make_employee(
            "Andi Nasution",
            self.kel,
            position=self.staff_position,
            rank=self.ranks["III/a"],
            supervisor=self.supervisor,
        )
        self.mentor = make_employee(
            "Dewi Harahap",
            self.kec,
            gender=2,
            position=self.lurah_position,
            rank=self.ranks["IV/a"],
        )
        self.outsider = make_employee(
            "Budi Tarigan",
            self.kel_b,
            position=self.staff_position,
            rank=self.ranks["II/b"],
        )
        self.hr_employee = make_employee("Maya Sembiring", self.kec, gender=2)
        db.session.add(MentorProfile(employee=self.mentor, capacity=3))
        self.users = {
            "employee": make_user(self.employee, "sri@uji.example.id"),
            "supervisor": make_user(self.supervisor, "rahmat@uji.example.id"),
            "mentor": make_user(self.mentor, "dewi@uji.example.id"),
            "outsider": make_user(self.outsider, "budi@uji.example.id"),
            "hr": make_user(self.hr_employee, "maya@uji.example.id", is_hr=True),
            "admin": make_user(None, "admin@uji.example.id", is_admin=True),
        }
        db.session.commit()


def make_plan(
    world,
    status: PlanStatus = PlanStatus.DRAFT,
    period: int | None = None,
    goals: int = 2,
    activities: int = 2,
    owner=None,
) -> CareerPlan:
    """A plan with ``goals`` goals of ``activities`` activities each (8 JP apiece)."""
    owner = owner or world.employee
    period = period or local_today().year
    plan = CareerPlan(
        employee=owner,
        period=period,
        target_position=world.staff_position,
        status=status,
    )
    for g in range(goals):
        goal = PlanGoal(
            position=g,
            title=f"Sasaran {g + 1}",
            competency=world.archives if g == 0 else None,
            target_level=3 if g == 0 else None,
        )
        goal.activities = [
            DevelopmentActivity(
                position=a,
                kind=ActivityKind.TRAINING,
                title=f"Kegiatan {g + 1}.{a + 1}",
                planned_jp=8,
                due_date=date(period, 6, 1 + a),
                status=ActivityStatus.PLANNED,
            )
            for a in range(activities)
        ]
        plan.goals.append(goal)
    plan.events.append(
        PlanEvent(kind=PlanEventKind.CREATED, actor=world.users["employee"])
    )
    if status is not PlanStatus.DRAFT:
        plan.events.append(
            PlanEvent(kind=PlanEventKind.SUBMITTED, actor=world.users["employee"])
        )
    if status in (PlanStatus.APPROVED, PlanStatus.RETURNED):
        plan.events.append(
            PlanEvent(
                kind=PlanEventKind(status.value),
                actor=world.users["supervisor"],
                comment="Tambahkan pelatihan arsip digital.",
            )
        )
    db.session.add(plan)
    db.session.commit()
    return plan
