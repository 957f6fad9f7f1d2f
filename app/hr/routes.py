"""HR and admin: the employee directory with search-as-you-type."""

from flask import Blueprint, current_app, request

from app import catalogue
from app.access import Role, role_required
from app.hr.forms import DirectoryFilterForm
from app.hr.services import search_employees
from app.htmx import page_or_partial
from app.main.urls import filter_url

bp = Blueprint("hr", __name__, url_prefix="/hr")


@bp.get("/employees")
@role_required(Role.HR, Role.ADMIN)
def employees():
    """List employees, filtered by name/NIP, unit (with sub-units) and rank."""
    units, ranks = catalogue.units(), catalogue.ranks()
    form = DirectoryFilterForm(
        request.args, {u.id for u in units}, {r.id for r in ranks}
    )
    status, results = 200, None
    if form.validate():
        unit_ids = (
            catalogue.unit_with_descendants(form.unit_id) if form.unit_id else None
        )
        results = search_employees(
            form.q.data or "",
            unit_ids,
            form.rank_id,
            form.page_number,
            current_app.config["DIRECTORY_PAGE_SIZE"],
        )
    else:
        status = 400
    context = {"form": form, "results": results, "units": units, "ranks": ranks}
    return page_or_partial(
        "hr/employees.html",
        "hr/_results.html",
        context,
        status=status,
        target="directory-results",
        push_url=filter_url("hr.employees", form),  # only the filters that are set
    )
