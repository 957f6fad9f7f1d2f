"""In a real browser: HR drafts and publishes a training; an ASN finds it among
the opportunities by filtering and searching (the address follows, the back
button returns), sees it recommended for their plan and opens it. The same
works without JavaScript."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from app.extensions import db
from app.i18n import local_today
from app.models import OpportunityKind
from tests.e2e.helpers import fresh_session, sign_in
from tests.factories import make_plan
from tests.opportunities.publish_helpers import make_opportunity


def _day(n: int) -> str:
    return (local_today() + timedelta(days=n)).isoformat()


def _draft_training(page) -> None:
    """HR fills in a new training and saves it as a draft."""
    page.get_by_role("button", name="New: Training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New opportunity")
    page.get_by_label("Title").fill("Pelatihan Arsip Digital")
    page.get_by_label("Description").fill("Pengelolaan arsip elektronik.")
    page.get_by_label("Opens on").fill(_day(0))
    page.get_by_label("Closes on").fill(_day(-1))  # refused: before opening
    page.get_by_label("Who it is for").fill("Pelaksana kelurahan")
    page.get_by_label("Provider").fill("BKPSDM Kota Medan")
    page.get_by_label("Mode").select_option(label="Blended")
    page.get_by_label("Starts on").fill(_day(20))
    page.get_by_label("Ends on").fill(_day(22))
    page.get_by_label("JP", exact=True).fill("24")
    page.get_by_label("Quota").fill("30")
    page.get_by_label("Competencies it develops").select_option("T.05")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".field-error")).to_contain_text(
        "The closing date cannot lie before the opening."
    )
    page.get_by_label("Closes on").fill(_day(14))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pelatihan Arsip Digital")
    expect(page.locator("#flash")).to_contain_text("Draft saved.")


def _hr_publishes(page, world) -> None:
    sign_in(page, world.users["hr"].email)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Manage opportunities"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage opportunities")
    _draft_training(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#flash")).to_contain_text("Published.")
    expect(page.locator("#opportunity-history")).to_contain_text(
        "Opportunity published"
    )


def _setting(world) -> str:
    """A vacancy already open, and Sri's plan for this year (Arsip to level 3)."""
    make_opportunity(world, OpportunityKind.VACANCY, title="Seleksi Lurah Alpha")
    make_plan(world)
    email = world.users["employee"].email
    db.session.close()  # hold nothing while the server works
    return email


def test_hr_publishes_and_an_asn_finds_it(new_page, world, live_server):
    email = _setting(world)
    hr = new_page()
    hr.on("dialog", lambda dialog: dialog.accept())
    _hr_publishes(hr, world)
    assert hr.evaluate("window.__pageErrors") == []

    page = new_page()
    sign_in(page, email)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Opportunities"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opportunities")
    recommended = page.locator("#recommended")
    expect(recommended).to_contain_text("Pelatihan Arsip Digital")
    expect(recommended).to_contain_text(
        "Develops Pengelolaan Arsip (en): not assessed yet → target 3"
    )
    results = page.locator("#opportunity-results")
    expect(results).to_contain_text("2 opportunities found")
    page.evaluate("window.__marker = 1")

    page.get_by_label("Search").press_sequentially("arsip", delay=30)
    expect(results).to_contain_text("1 opportunity found")
    expect(page).to_have_url(re.compile(r"/opportunities\?q=arsip$"))
    page.get_by_label("Kind").select_option(label="Vacancy")
    expect(results).to_contain_text("0 opportunities found")
    expect(page).to_have_url(re.compile(r"/opportunities\?q=arsip&kind=vacancy$"))
    assert page.evaluate("window.__marker") == 1  # never reloaded

    page.go_back()
    expect(page).to_have_url(re.compile(r"/opportunities\?q=arsip$"))
    expect(results).to_contain_text("1 opportunity found")
    results.get_by_role("link", name="Pelatihan Arsip Digital").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pelatihan Arsip Digital")
    expect(page.locator("main")).to_contain_text("Pengelolaan arsip elektronik.")
    expect(page.locator("main")).to_contain_text("Pelaksana kelurahan")
    assert page.locator("#opportunity-panel").count() == 1
    assert page.get_by_role("button", name="Publish").count() == 0
    assert page.evaluate("window.__pageErrors") == []

    with fresh_session() as session:
        from app.models import Notification

        assert session.query(Notification).count() >= 1


def test_publishing_and_browsing_without_javascript(new_page, world, live_server):
    email = _setting(world)
    hr = new_page(javascript=False)
    _hr_publishes(hr, world)

    page = new_page(javascript=False)
    sign_in(page, email)
    page.goto("/opportunities")
    page.get_by_label("Search").fill("lurah")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/opportunities\?q=lurah"))
    results = page.locator("#opportunity-results")
    expect(results).to_contain_text("1 opportunity found")
    results.get_by_role("link", name="Seleksi Lurah Alpha").click()
    expect(page.locator("main")).to_contain_text("Performance 40% · Competency fit 30%")
