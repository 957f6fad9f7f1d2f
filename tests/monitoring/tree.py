"""A three-level supervisor tree over three levels of units, for the
foundation's tests.

Units: Kecamatan Uji > Kelurahan Alpha > Seksi Alpha Satu, and Kelurahan Beta.
People: the Camat (Kecamatan) over the Lurah (world.supervisor, Alpha) and the
Lurah of Beta; the Lurah over Sri (world.employee) and Andi (world.colleague);
Sri over Joko and Lina in Seksi Alpha Satu; the Lurah of Beta over Tono.
Budi (world.outsider, Beta), Dewi (the mentor) and Maya (HR) stand outside.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import Employee, EmploymentType, PositionKind, Unit, User
from app.monitoring.figures import FIGURES, Figure, register
from tests.factories import make_employee, make_ni, make_position, make_unit, make_user


@dataclass
class Tree:
    world: object
    seksi: Unit
    camat: Employee
    beta_head: Employee
    joko: Employee
    lina: Employee
    tono: Employee
    users: dict[str, User]

    @property
    def everyone(self) -> list[Employee]:
        return list(db.session.scalars(select(Employee)))


def build_tree(world) -> Tree:
    ranks = world.ranks
    seksi = make_unit("SEK-A1", "Seksi Alpha Satu", parent=world.kel)
    camat_position = make_position(
        "CAMAT", {}, name="Camat Uji", level="administrator", unit=world.kec
    )
    teacher = make_position(
        "GURU", {}, name="Guru Ahli Pertama", kind=PositionKind.FUNGSIONAL
    )
    camat = make_employee(
        "Hendra Ginting", world.kec, position=camat_position, rank=ranks["IV/b"]
    )
    world.supervisor.supervisor = camat
    beta_head = make_employee(
        "Yusuf Purba",
        world.kel_b,
        position=world.lurah_position,
        rank=ranks["III/d"],
        supervisor=camat,
    )
    joko = make_employee(
        "Joko Saragih",
        seksi,
        position=world.staff_position,
        rank=ranks["II/c"],
        supervisor=world.employee,
    )
    lina = make_employee(
        "Lina Pasaribu",
        seksi,
        gender=2,
        nip=make_ni(),
        employment_type=EmploymentType.PPPK,
        position=teacher,
        rank=ranks["IX"],
        supervisor=world.employee,
    )
    tono = make_employee(
        "Tono Sinaga",
        world.kel_b,
        position=world.staff_position,
        rank=ranks["II/c"],
        supervisor=beta_head,
    )
    users = {
        "camat": make_user(camat, "hendra@uji.example.id"),
        "beta_head": make_user(beta_head, "yusuf@uji.example.id"),
    }
    db.session.commit()
    return Tree(world, seksi, camat, beta_head, joko, lina, tono, users)


def ids(people) -> set[int]:
    return {person.id for person in people}


def rank_figure() -> Figure:
    """A figure of the test's own: the people of a rank, valued by their rank's
    id (a section's figure is not needed to test the list and its exports)."""

    def people(view, params):
        stmt = select(
            Employee.id.label("employee_id"), Employee.rank_id.label("value")
        ).where(Employee.rank_id == params["grade"])
        return view.restrict(stmt)

    def parse(text):
        return int(text) if text.isdigit() and len(text) < 9 else None

    return Figure(
        key="test-rank",
        title=lambda params: f"Rank {params['grade']}",
        people=people,
        params={"grade": parse},
        value_label="Rank id",
        section="test",
    )


@contextmanager
def registered_figure():
    """The test's figure, registered for the test and removed afterwards."""
    registered = register(rank_figure())
    try:
        yield registered
    finally:
        FIGURES.pop(registered.key, None)
