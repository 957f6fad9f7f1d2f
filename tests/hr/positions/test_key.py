"""Marking a position as key for succession: HR only, audited, idempotent; an
htmx answer swaps the part, without JavaScript a 303 back to the position."""

from app.extensions import db
from app.models import Position
from tests.conftest import text_of
from tests.hr.positions.helpers import HX, events

URL = "/hr/positions/LURAH-A/key"


def _is_key(world) -> bool:
    db.session.expire_all()
    return db.session.get(Position, world.lurah_position.id).is_key


def test_hr_marks_and_unmarks_a_key_position(login, world):
    hr = login("hr")
    response = hr.post(URL, data={"key": "y"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/hr/positions/LURAH-A#position-key")
    assert _is_key(world)
    page = hr.get("/hr/positions/LURAH-A")
    assert "Unmark as key position" in text_of(page)
    assert "Key position changed" in text_of(page)  # in the change history
    assert hr.post(URL, data={}).status_code == 303
    assert not _is_key(world)
    changes = [e.details for e in events() if e.action == "position.key_changed"]
    assert changes == [
        {"before": {"is_key": False}, "after": {"is_key": True}},
        {"before": {"is_key": True}, "after": {"is_key": False}},
    ]
    assert all(e.actor_id == world.users["hr"].id for e in events())


def test_marking_twice_records_one_change(login, world):
    hr = login("hr")
    hr.post(URL, data={"key": "y"})
    response = hr.post(URL, data={"key": "y"}, headers=HX)
    assert response.status_code == 200
    assert "Nothing changed" in response.headers.get("HX-Trigger", "")
    assert len(events()) == 1


def test_htmx_gets_the_part_and_the_history(login, world):
    response = login("hr").post(URL, data={"key": "y"}, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="position-key"' in body
    assert 'id="position-history"' in body and 'hx-swap-oob="true"' in body
    assert "Unmark as key position" in body
    assert "<nav" not in body
    # the catalogue list shows the mark
    listing = login("hr").get("/hr/positions")
    assert "Key position" in text_of(listing)


def test_others_cannot_mark(login, world):
    for role in ("employee", "supervisor", "mentor", "admin"):
        assert login(role).post(URL, data={"key": "y"}).status_code == 403
    assert not _is_key(world)
    assert events() == []


def test_without_a_csrf_token_nothing_changes(login, world):
    response = login("hr").post(URL, data={"key": "y"}, csrf=False)
    assert response.status_code in (400, 422)
    assert not _is_key(world)


def test_an_unknown_position_is_404(login):
    assert (
        login("hr").post("/hr/positions/NOPE/key", data={"key": "y"}).status_code == 404
    )
