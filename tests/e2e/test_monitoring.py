"""In a real browser: HR opens the monitoring dashboard, narrows it to a unit
(in place with JavaScript, by a plain form without; the address follows),
drills down from a count to the people behind it and downloads that list as
CSV and XLSX with the same filters."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from app.extensions import db
from app.models import PlanStatus
from tests.e2e.helpers import page_errors, sign_in
from tests.factories import make_plan


def _plans(world) -> None:
    """Kelurahan Alpha: Sri approved, Andi submitted; Kelurahan Beta: Budi a
    draft; the kecamatan's own people have none."""
    make_plan(world, PlanStatus.APPROVED, owner=world.employee)
    make_plan(world, PlanStatus.SUBMITTED, owner=world.colleague)
    make_plan(world, PlanStatus.DRAFT, owner=world.outsider)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hr_filters_drills_down_and_exports(new_page, world, javascript):
    _plans(world)
    email, beta = world.users["hr"].email, world.kel_b.id
    budi, sri = world.outsider.name, world.employee.name
    db.session.close()  # hold nothing while the server works
    page = new_page(javascript=javascript)
    sign_in(page, email)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Monitoring"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring")
    page.get_by_role("navigation", name="Monitoring sections").get_by_role(
        "link", name="Career plans"
    ).first.click()
    table = page.locator("#plan-status-table")
    expect(table.locator("tbody tr")).to_have_count(3)  # Alpha, Beta, the kecamatan
    total = table.locator('tfoot td[data-status="approved"]')
    expect(total).to_have_text("1")
    if javascript:
        page.evaluate("window.__marker = 1")

    page.locator("select[name=unit]").select_option(label="Kelurahan Beta")
    if not javascript:
        page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(rf"/monitoring/plans\?unit={beta}&period=\d+"))
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(total).to_have_text("0")
    draft = table.locator('tfoot td[data-status="draft"] a')
    expect(draft).to_have_text("1")
    if javascript:
        assert page.evaluate("window.__marker") == 1  # swapped in place
        assert page_errors(page) == []

    draft.click()
    expect(page).to_have_url(re.compile(r"/monitoring/people\?.*figure=plan-status"))
    rows = page.locator("#people-list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(budi)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Nama"  # the files keep BKPSDM's Indonesian columns
    assert [line[0] for line in lines[1:]] == [budi]
    assert sri not in text

    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    names = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == [budi]
