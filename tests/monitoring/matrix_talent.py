"""Permission-matrix rows of the 9-box (merged into tests/test_permissions.py).

HR records potential ratings (admin reads the records page but may not change
it: 403; everyone else 404). Only HR numbers and names the boxes; anyone else
gets 404. The form posted is the defaults as they stand: "nothing changed".
"""

from app import audit
from app.catalogue import default_talent_boxes
from app.models import PlanStatus

HIDDEN = {"anonymous": 302, "employee": 404, "supervisor": 404, "mentor": 404}


def _boxes_form() -> dict[str, str]:
    """The nine default boxes as the page posts them, with their version."""
    data, snapshot = {}, {}
    for (performance, potential), box in default_talent_boxes().items():
        suffix = f"{performance.value}-{potential.value}"
        data[f"number-{suffix}"] = str(box["number"])
        data[f"name-{suffix}"] = box["name"]
        data[f"name_en-{suffix}"] = box["name_en"]
        if box["in_pool"]:
            data[f"in_pool-{suffix}"] = "1"
        snapshot[f"box-{suffix}"] = {
            "number": box["number"],
            "name": box["name"],
            "name_en": box["name_en"],
            "in_pool": box["in_pool"],
        }
    data["seen"] = audit.version_of(snapshot)
    return data


ROWS = {
    "records.add_potential": (
        "POST",
        "/hr/employees/{employee}/records/potentials",
        {"year": "2024", "level": "high", "basis": "Asesmen BKN Regional VI 2024"},
        PlanStatus.DRAFT,
        {**HIDDEN, "hr": 303, "admin": 403},
    ),
    "monitoring.talent_boxes": (
        "GET",
        "/monitoring/talent/boxes",
        None,
        PlanStatus.DRAFT,
        {**HIDDEN, "hr": 200, "admin": 404},
    ),
    "monitoring.update_talent_boxes": (
        "POST",
        "/monitoring/talent/boxes",
        _boxes_form(),
        PlanStatus.DRAFT,
        {**HIDDEN, "hr": 303, "admin": 404},
    ),
}
