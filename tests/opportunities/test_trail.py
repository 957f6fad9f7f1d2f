"""The audit trail about oneself (/profile/audit): the events that concern the
signed-in employee, newest first, paged, worded; nobody sees another's."""

from datetime import timedelta

from app import audit
from app.extensions import db
from app.models import AuditEvent
from app.models.types import utcnow
from tests.conftest import text_of


def _record(world, action, employee, reason="", minutes=0):
    event = audit.record(
        world.users["hr"],
        action,
        "employee",
        employee.id,
        {},
        reason,
        concerns=employee.id,
    )
    event.at = utcnow() - timedelta(minutes=minutes)
    return event


def test_each_sees_only_the_entries_about_them(login, world):
    _record(world, "records.checked", world.employee, minutes=10)
    _record(world, "penalty.removed", world.employee, "Salah input", minutes=5)
    _record(world, "employment.updated", world.supervisor, "Kenaikan pangkat")
    audit.record(world.users["hr"], "opportunity.published", "opportunity", 1, {})
    db.session.commit()

    page = text_of(login("employee").get("/profile/audit"))
    assert "Audit trail about me" in page
    assert "Disciplinary penalty removed" in page and "Salah input" in page
    assert "Personnel records checked" in page
    assert page.index("Disciplinary penalty removed") < page.index(
        "Personnel records checked"
    )  # newest first
    assert "Maya Sembiring" in page and "WIB" in page
    assert "Employment data changed" not in page and "Kenaikan pangkat" not in page
    assert "Opportunity published" not in page

    other = text_of(login("supervisor").get("/profile/audit"))
    assert "Employment data changed" in other and "Kenaikan pangkat" in other
    assert "Salah input" not in other and "Personnel records checked" not in other

    assert "Nothing has been recorded about you yet." in text_of(
        login("mentor").get("/profile/audit")
    )
    assert login("admin").get("/profile/audit").status_code == 404


def test_unknown_actions_show_their_name_and_wording_is_translated(app, world):
    _record(world, "something.new", world.employee)
    _record(world, "jp_target.changed", world.employee)
    db.session.commit()
    page = text_of(app.test_client(user=world.users["employee"]).get("/profile/audit"))
    assert "something.new" in page and "Yearly JP target changed" in page
    page = text_of(
        app.test_client(user=world.users["employee"], locale="id").get("/profile/audit")
    )
    assert "Jejak audit tentang saya" in page
    assert "Target JP tahunan diubah" in page


def test_the_trail_pages_in_place_with_a_fixed_query_count(login, world, count_queries):
    client = login("employee")

    def queries(count: int) -> int:
        for n in range(count):
            _record(world, "records.checked", world.employee, f"Cek {n}", minutes=n)
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/profile/audit").status_code == 200
        return counter.count

    assert queries(2) == queries(30)
    response = client.get(
        "/profile/audit?page=2",
        headers={"HX-Request": "true", "HX-Target": "audit-trail"},
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="audit-trail"')
    assert "Page 2 of 2" in text_of(response)
    assert db.session.query(AuditEvent).count() == 32


def test_the_profile_links_to_the_trail(login, world):
    body = login("employee").get("/profile").get_data(as_text=True)
    assert 'href="/profile/audit"' in body


def _recorded_actions() -> set[str]:
    """The action names the services pass to the audit trail: string constants
    like "requirement.changed" in the modules that record events."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app"
    actions = set()
    for path in root.rglob("*.py"):
        source = path.read_text()
        if "audit" not in source or "record" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                parts = value.split(".")
                if (
                    len(parts) == 2
                    and all(p.replace("_", "").isalpha() and p.islower() for p in parts)
                    and parts[1].endswith("ed")
                ):
                    actions.add(value)
    return actions


def test_every_recorded_action_is_worded():
    from pathlib import Path

    labels = (
        Path(__file__).resolve().parents[2] / "templates/profile/_audit_labels.html"
    ).read_text()
    actions = _recorded_actions()
    assert {"opportunity.published", "requirement.changed"} <= actions
    assert {a for a in actions if f"action == '{a}'" not in labels} == set()
