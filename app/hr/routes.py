"""HR and admin: the employee directory with search-as-you-type."""

from flask import Blueprint, current_app, render_template, request
from flask_htmx import make_response

from app import catalogue
from app.access import Role, role_required
from app.hr.forms import DirectoryFilterForm
from app.hr.services import search_employees
from app.htmx import wants_partial
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
    if wants_partial("directory-results"):
        # Push a clean, shareable URL: only the filters that are set.
        shared = filter_url("hr.employees", form)
        body = render_template("hr/_results.html", **context)
        return make_response(body, status, push_url=shared)
    return render_template("hr/employees.html", **context), status
