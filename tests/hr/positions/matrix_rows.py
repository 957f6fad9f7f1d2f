"""Permission-matrix rows of the position catalogue and the JP targets (merged
into tests/test_permissions.py).

Only HR changes the catalogue. "{requirement}" is PENGADM's rank row (II/a);
each change sends the version of the row as the page shows it, so HR's answer
is the real one: the change saved (303).
"""

from app import audit
from app.catalogue import DEFAULT_JP_TARGETS
from app.hr.positions.requirements import RequirementFields
from app.models import EmploymentType, PlanStatus, RequirementKind

BASIS = "PP 11/2017 jo. PP 17/2020 ps. 54"
RANK_ROW = audit.version_of(
    RequirementFields(kind=RequirementKind.RANK, value="II/a", basis=BASIS).snapshot()
)
M01 = audit.version_of({"required_level": 2, "basis": "PermenPANRB 38/2017"})
_TARGET, _BASIS = DEFAULT_JP_TARGETS[EmploymentType.PPPK]
PPPK = audit.version_of({"jp_target": _TARGET, "jp_basis": _BASIS})


def _hr_only(method, url, data=None, hr=200):
    """Anonymous signs in, HR gets ``hr``, everyone else 403."""
    statuses = {
        "anonymous": 302,
        "employee": 403,
        "supervisor": 403,
        "mentor": 403,
        "hr": hr,
        "admin": 403,
    }
    return method, url, data, PlanStatus.DRAFT, statuses


POSITION = "/hr/positions/PENGADM"
REQUIREMENT = f"{POSITION}/requirements/{{requirement}}"
ROWS = {
    "hr.positions": _hr_only("GET", "/hr/positions?q=peng"),
    "hr.position": _hr_only("GET", POSITION),
    "hr.add_requirement": _hr_only(
        "POST",
        f"{POSITION}/requirements",
        {"kind": "age_max", "value": "56", "basis": "Permendikdasmen 7/2025"},
        hr=303,
    ),
    "hr.edit_requirement": _hr_only("GET", f"{REQUIREMENT}/edit"),
    "hr.update_requirement": _hr_only(
        "POST",
        REQUIREMENT,
        {
            "kind": "rank",
            "value": "II/b",
            "value_max": "III/a",
            "basis": BASIS,
            "blocking": "y",
            "seen": RANK_ROW,
        },
        hr=303,
    ),
    "hr.remove_requirement": _hr_only(
        "POST", f"{REQUIREMENT}/delete", {"seen": RANK_ROW}, hr=303
    ),
    "hr.add_competency": _hr_only(
        "POST",
        "/hr/positions/LURAH-A/competencies",
        {"competency": "T.05", "required_level": "3", "basis": "PermenPANRB 38/2017"},
        hr=303,
    ),
    "hr.edit_competency": _hr_only("GET", f"{POSITION}/competencies/M.01/edit"),
    "hr.update_competency": _hr_only(
        "POST",
        f"{POSITION}/competencies/M.01",
        {"required_level": "3", "basis": "PermenPANRB 38/2017", "seen": M01},
        hr=303,
    ),
    "hr.remove_competency": _hr_only(
        "POST", f"{POSITION}/competencies/M.01/delete", {"seen": M01}, hr=303
    ),
    "hr.employment_rules": _hr_only("GET", "/hr/rules"),
    "hr.update_employment_rule": _hr_only(
        "POST",
        "/hr/rules/PPPK",
        {"jp_target": "30", "jp_basis": "PP 49/2018 ps. 39", "seen": PPPK},
        hr=303,
    ),
}
