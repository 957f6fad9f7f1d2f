"""Training certificates: the ASN enters them, HR verifies or rejects them, and
only a verified one counts toward JP this year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    AuditEvent,
    Notification,
    NotificationKind,
    RecordStatus,
    TrainingRecord,
)
from app.opportunities import ledger
from tests.conftest import text_of
from tests.opportunities.factories_training import make_record

GOOD = {
    "title": "Diklat Pelayanan Prima",
    "provider": "LAN RI",
    "certificate_number": "123/LAN/2026",
    "completed_on": "{today}",
    "jp": "12",
}


def form(**changes) -> dict:
    data = {**GOOD, **changes}
    data["completed_on"] = data["completed_on"].format(today=local_today())
    return data


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(TrainingRecord))


def test_a_certificate_is_submitted_and_does_not_count_yet(world, login):
    client = login("employee")
    response = client.post("/profile/training", data=form())
    assert response.status_code == 303
    record = db.session.scalars(select(TrainingRecord)).one()
    assert record.status is RecordStatus.SUBMITTED and record.jp == 12
    page = text_of(client.get("/profile/training"))
    assert "Diklat Pelayanan Prima" in page and "Awaiting verification" in page
    assert ledger.year_standing(world.employee, local_today()).total == 0
    assert "0 of 20 JP" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"jp": "0"}, "JP must be a whole number from 1 to 1000"),
        ({"jp": "-4"}, "JP must be a whole number from 1 to 1000"),
        ({"jp": "1001"}, "JP must be a whole number from 1 to 1000"),
        ({"jp": "99999999999999999999"}, "JP must be a whole number from 1 to 1000"),
        ({"jp": "2.5"}, "JP must be a whole number from 1 to 1000"),
        ({"jp": ""}, "JP must be a whole number from 1 to 1000"),
        ({"title": ""}, "Enter the name of the training"),
        ({"title": "x" * 201}, "Keep this to 200 characters"),
        ({"completed_on": "1949-12-31"}, "Enter a date from 1950 on"),
        ({"completed_on": "2999-01-01"}, "cannot lie in the future"),
        ({"completed_on": "kemarin"}, "Enter the date as a date"),
    ],
)
def test_bad_certificates_are_refused_with_a_message(world, login, changes, message):
    response = login("employee").post("/profile/training", data=form(**changes))
    assert response.status_code == 422
    assert message in text_of(response)
    assert count() == 0


def test_nul_bytes_are_refused(world, login):
    response = login("employee").post(
        "/profile/training", data=form(title="Diklat\x00")
    )
    assert response.status_code == 400
    assert count() == 0


def test_a_staff_only_login_has_no_records(world, login):
    assert login("admin").get("/profile/training").status_code == 404
    assert login("admin").post("/profile/training", data=form()).status_code == 404


def test_hr_verifies_and_the_jp_counts(world, login):
    record = make_record(world.employee, jp=14)
    client = login("hr")
    queue = text_of(client.get("/hr/training-records"))
    assert "Diklat Pelayanan Prima" in queue and world.employee.name in queue
    response = client.post(f"/hr/training-records/{record.id}/verify")
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(TrainingRecord, record.id).status is RecordStatus.VERIFIED
    assert ledger.year_standing(world.employee, local_today()).tally.training == 14
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.action, event.concerns_id) == ("jp.verified", world.employee.id)
    notice = db.session.scalars(select(Notification)).one()
    assert (notice.user_id, notice.kind) == (
        world.users["employee"].id,
        NotificationKind.RECORD_VERIFIED,
    )
    again = client.post(f"/hr/training-records/{record.id}/verify")
    assert again.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_hr_rejects_with_a_reason_the_owner_reads(world, login):
    record = make_record(world.employee)
    client = login("hr")
    missing = client.post(
        f"/hr/training-records/{record.id}/reject",
        data={"reason": "  "},
        headers={"HX-Request": "true", "HX-Target": "record-queue"},
    )
    assert missing.status_code == 422
    assert "Say why the record is rejected" in text_of(missing)
    too_long = client.post(
        f"/hr/training-records/{record.id}/reject", data={"reason": "x" * 501}
    )
    assert too_long.status_code == 422
    db.session.expire_all()
    assert db.session.get(TrainingRecord, record.id).status is RecordStatus.SUBMITTED
    response = client.post(
        f"/hr/training-records/{record.id}/reject",
        data={"reason": "Sertifikat tidak terbaca."},
    )
    assert response.status_code == 303
    page = text_of(login("employee").get("/profile/training"))
    assert "Rejected" in page and "Sertifikat tidak terbaca." in page
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.action, event.reason) == ("jp.rejected", "Sertifikat tidak terbaca.")
    assert db.session.scalars(select(Notification)).one().kind is (
        NotificationKind.RECORD_REJECTED
    )
    assert ledger.year_standing(world.employee, local_today()).total == 0


def test_hr_never_verifies_their_own_record(world, login):
    record = make_record(world.hr_employee)
    client = login("hr")
    assert "another HR officer verifies it" in text_of(
        client.get("/hr/training-records")
    )
    response = client.post(f"/hr/training-records/{record.id}/verify")
    assert response.status_code == 403
    assert "your own training record" in text_of(response)
    reject = client.post(
        f"/hr/training-records/{record.id}/reject", data={"reason": "Saya sendiri"}
    )
    assert reject.status_code == 403
    db.session.expire_all()
    assert db.session.get(TrainingRecord, record.id).status is RecordStatus.SUBMITTED


def test_an_asn_cannot_decide_on_a_record(world, login):
    record = make_record(world.colleague)
    client = login("employee")
    assert client.post(f"/hr/training-records/{record.id}/verify").status_code == 403
    assert login("hr").post("/hr/training-records/99999/verify").status_code == 404
    db.session.expire_all()
    assert db.session.get(TrainingRecord, record.id).status is RecordStatus.SUBMITTED


def test_only_verified_records_of_this_year_count(world):
    today = local_today()
    make_record(world.employee, 5, status=RecordStatus.VERIFIED)
    make_record(world.employee, 7, status=RecordStatus.SUBMITTED)
    make_record(world.employee, 9, status=RecordStatus.REJECTED)
    make_record(
        world.employee,
        11,
        status=RecordStatus.VERIFIED,
        completed_on=date(today.year - 1, 12, 31),
    )
    standing = ledger.year_standing(world.employee, today)
    assert standing.total == 5 and standing.missing == 15 and standing.percent == 25


def test_the_queue_query_count_does_not_grow(world, login, count_queries):
    client = login("hr")
    counts = []
    for people in ((world.employee,), (world.colleague, world.outsider, world.mentor)):
        for person in people:
            make_record(person, completed_on=local_today() - timedelta(days=1))
        with count_queries() as counter:
            assert client.get("/hr/training-records").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
