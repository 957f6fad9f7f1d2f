"""The audit trail: events added in the caller's transaction, never changed."""

import pytest

from app import audit
from app.extensions import db
from app.models import AuditEvent


def _record(world, number: int, subject_id: int = 1):
    return audit.record(
        world.users["hr"],
        "thing.changed",
        "thing",
        subject_id,
        {"before": {"n": number - 1, "same": 1}, "after": {"n": number, "same": 1}},
        reason=f"alasan {number}",
    )


def test_an_event_is_kept_only_with_the_change(app, world):
    _record(world, 1)
    db.session.rollback()
    assert db.session.query(AuditEvent).count() == 0
    event = _record(world, 2)
    db.session.commit()
    assert (event.actor_id, event.reason) == (world.users["hr"].id, "alasan 2")
    assert event.at is not None


def test_events_of_one_subject_newest_first_by_page(app, world):
    for number in range(5):
        _record(world, number)
    _record(world, 99, subject_id=2)
    db.session.commit()
    page = audit.events_of("thing", 1, page=1, per_page=3)
    assert page.total == 5
    assert [e.details["after"]["n"] for e in page.items] == [4, 3, 2]
    assert [
        e.details["after"]["n"] for e in audit.events_of("thing", 1, 2, 3).items
    ] == [1, 0]
    assert audit.events_of("thing").total == 6  # every subject of the type


def test_events_are_never_changed_or_deleted(app, world):
    event = _record(world, 1)
    db.session.commit()
    event.reason = "diubah"
    with pytest.raises(audit.AppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(audit.AppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).reason == "alasan 1"


def test_a_reason_too_long_for_the_trail_is_a_bug(app, world):
    with pytest.raises(ValueError):
        audit.record(None, "x", "thing", 1, {}, reason="x" * 501)


def test_changes_list_what_differs():
    changed = audit.changes({"before": {"a": 1, "b": 2}, "after": {"a": 1, "b": 3}})
    assert changed == [audit.Change("b", 2, 3)]
    added = audit.changes({"before": None, "after": {"a": 1, "b": ""}})
    assert added == [audit.Change("a", None, 1), audit.Change("b", None, "")]
    removed = audit.changes({"before": {"a": 1}, "after": None})
    assert removed == [audit.Change("a", 1, None)]


def test_the_version_marker_follows_the_values():
    assert audit.version_of({"a": 1, "b": "x"}) == audit.version_of({"b": "x", "a": 1})
    assert audit.version_of({"a": 1}) != audit.version_of({"a": 2})
