"""A few more people around the test world, for the dashboard's sections.

Kecamatan Uji (Dewi, Maya)
  Kelurahan Alpha: Rahmat (the supervisor) -> Sri, Andi; Sri -> Lina
    Lingkungan I (below Alpha): Lina
  Kelurahan Beta: Tono (PPPK) -> Budi

The supervisor sees Sri, Andi and Lina (two levels down), nobody else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extensions import db
from app.models import Employee, EmploymentType, Unit
from app.monitoring.figures import FIGURES
from app.monitoring.filters import Filters
from app.monitoring.scope import Scope
from app.monitoring.view import View
from tests.factories import make_employee, make_ni, make_unit


@dataclass
class Org:
    ling: Unit
    lina: Employee
    tono: Employee


def grow(world) -> Org:
    """Add Lingkungan I with Lina (under Sri) and Tono (PPPK, Budi's supervisor)."""
    ling = make_unit("KEL-A-1", "Lingkungan I", parent=world.kel)
    lina = make_employee(
        "Lina Purba",
        ling,
        gender=2,
        supervisor=world.employee,
        rank=world.ranks["II/a"],
    )
    tono = make_employee(
        "Tono Ginting",
        world.kel_b,
        nip=make_ni(),
        employment_type=EmploymentType.PPPK,
        rank=world.ranks["IX"],
    )
    world.outsider.supervisor = tono
    db.session.commit()
    return Org(ling, lina, tono)


def hr_view(today, **filters) -> View:
    filters.setdefault("period", today.year)
    return View(Scope(), Filters(**filters), today)


def supervisor_view(world, today, **filters) -> View:
    filters.setdefault("period", today.year)
    return View(Scope(world.supervisor.id), Filters(**filters), today)


def figure_people(key: str, view: View, **params) -> dict[int, object]:
    """``{employee_id: value}`` of a drill-down figure."""
    stmt = FIGURES[key].people(view, params)
    return dict(db.session.execute(stmt).all())


def listed(response) -> set[int]:
    """The employee ids of a people list page."""
    return {int(i) for i in re.findall(r'data-employee="(\d+)"', response.text)}


def cell(response, table: str, unit: str, attribute: str, value: str) -> str:
    """The text of the cell ``[attribute=value]`` in the row ``data-unit=unit``
    of the table ``id=table``."""
    body = response.get_data(as_text=True)
    start = body.index(f'id="{table}"')
    body = body[start : body.index("</table>", start)]
    row = body[body.index(f'data-unit="{unit}"') :]
    row = row[: row.index("</tr>")]
    match = re.search(rf'{attribute}="{re.escape(value)}"[^>]*>(.*?)</td>', row, re.S)
    assert match, (table, unit, attribute, value)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
