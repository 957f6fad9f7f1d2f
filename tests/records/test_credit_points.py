"""Credit points (angka kredit): a cumulative total as of a date; the newest
counts, and a number the column cannot hold is refused."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import CreditPointRecord
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url, snapshot

RANGE = "Enter the credit points as a number from 0 to 99999.999, with at most three"


def _credit(total="112,5", as_of="2024-12-31", note="PAK 800/77/BKPSDM/2024"):
    return {"total": total, "as_of": as_of, "note": note}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("112,5", Decimal("112.5")),
        ("112.5", Decimal("112.5")),
        ("0", Decimal("0")),
        (" 99999,999 ", Decimal("99999.999")),
        ("12.125", Decimal("12.125")),
    ],
)
def test_hr_records_a_total(hr, world, typed, stored):
    response = hr.post(
        records_url(world.employee, "credit-points"),
        data=_credit(total=typed),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert (
        response.get_data(as_text=True)
        .lstrip()
        .startswith('<section id="records-credit-points"')
    )
    (record,) = db.session.scalars(select(CreditPointRecord)).all()
    assert record.total == stored
    assert record.recorded_by_id == world.users["hr"].id
    assert "The credit points are recorded." in response.headers["HX-Trigger"]


def test_the_newest_total_counts(hr, world):
    for total, as_of in (("150", "2023-12-31"), ("62,5", "2024-12-31")):
        hr.post(
            records_url(world.employee, "credit-points"),
            data=_credit(total=total, as_of=as_of),
        )
    page = text_of(hr.get(records_url(world.employee)))
    assert "Cumulative total: 62.5, as of December 31, 2024." in page


def test_totals_read_with_a_decimal_comma_in_indonesian(app, hr, world):
    hr.post(records_url(world.employee, "credit-points"), data=_credit("112,5"))
    client = app.test_client(user=world.users["employee"], locale=None)
    assert "112,5" in text_of(client.get("/profile/records"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"total": "9" * 30}, RANGE),
        ({"total": "100000"}, RANGE),
        ({"total": "1.2345"}, RANGE),
        ({"total": "-1"}, RANGE),
        ({"total": "NaN"}, RANGE),
        ({"total": "Infinity"}, RANGE),
        ({"total": "1e3"}, RANGE),
        ({"total": "1.000,5"}, RANGE),
        ({"total": ""}, RANGE),
        ({"as_of": "{tomorrow}"}, "The date cannot lie in the future."),
        ({"as_of": ""}, "Enter the date of the total."),
        ({"as_of": "1900-01-01"}, "Enter a date from 1950 on."),
        ({"note": "x" * 201}, "Keep this to 200 characters."),
    ],
)
def test_a_refused_total_changes_nothing(hr, world, changes, message):
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    changes = {key: value.format(tomorrow=tomorrow) for key, value in changes.items()}
    before = snapshot()
    response = hr.post(
        records_url(world.employee, "credit-points"),
        data=_credit(**changes),
        headers=HTMX,
    )
    assert response.status_code == 422
    assert message in text_of(response)
    assert snapshot() == before


def test_hr_removes_a_wrong_total(hr, world):
    hr.post(records_url(world.employee, "credit-points"), data=_credit())
    (record,) = db.session.scalars(select(CreditPointRecord)).all()
    response = hr.post(
        records_url(world.employee, f"credit-points/{record.id}/delete"), headers=HTMX
    )
    assert response.status_code == 200
    assert "No credit points are recorded." in text_of(response)
