"""In a real browser: sign in with an NIP, then assess one's own competency.

With JavaScript the row, the summary and the history change in place from one
htmx response; without it the same form posts, redirects and shows the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import select

from app.extensions import db
from app.models import AssessmentSource, CompetencyAssessment, User
from app.nip import format_nip
from tests.e2e.helpers import fresh_session
from tests.factories import PASSWORD, make_nip

pytestmark = pytest.mark.e2e

NEW_LEVEL = "4"  # the world's T.05 requires 3: self level 4 meets it
LOGIN_ERROR = "The NIP/NI, e-mail or password is not correct."


@dataclass(frozen=True)
class Account:
    """What the browser needs to know about the world's employee, as plain values."""

    nip: str
    name: str
    user_id: int
    employee_id: int
    code: str
    competency_id: int
    competency_name: str


@pytest.fixture
def account(world) -> Account:
    """The world's employee, who has no assessment yet, and competency T.05."""
    account = Account(
        nip=world.employee.nip,
        name=world.employee.display_name,
        user_id=world.users["employee"].id,
        employee_id=world.employee.id,
        code=world.archives.code,
        competency_id=world.archives.id,
        competency_name=world.archives.name,
    )
    db.session.close()  # hold nothing while the server works (see fresh_session)
    return account


def sign_in(page: Page, nip: str, password: str) -> None:
    """Open the site, get sent to the login form, type the grouped NIP and submit."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("NIP, NI PPPK or e-mail address").fill(format_nip(nip))
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def open_own_profile(page: Page, live_server) -> None:
    """From the home page, follow the "My profile" link of the main menu."""
    expect(page).to_have_url(live_server("/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="My profile", exact=True).click()
    expect(page).to_have_url(re.compile(r"/profile(#.*)?$"))


def competency_row(page: Page, code: str):
    """The row ``#competency-<code>`` (by attribute: "#competency-T.05" is no
    valid CSS selector, the dot would start a class)."""
    return page.locator(f'[id="competency-{code}"]')


def self_assessments(account: Account) -> list[tuple[int, int | None]]:
    """(level, assessed_by_id) of the stored self-assessments of the competency."""
    with fresh_session() as session:
        rows = session.execute(
            select(
                CompetencyAssessment.level, CompetencyAssessment.assessed_by_id
            ).where(
                CompetencyAssessment.employee_id == account.employee_id,
                CompetencyAssessment.competency_id == account.competency_id,
                CompetencyAssessment.source == AssessmentSource.SELF,
            )
        ).all()
        return [tuple(row) for row in rows]


def last_login(user_id: int):
    """When the user last signed in, as stored."""
    with fresh_session() as session:
        return session.get(User, user_id).last_login_at


def page_errors(page: Page) -> list[str]:
    """Errors the page's scripts have met (see conftest.RECORD_PAGE_ERRORS)."""
    return page.evaluate("window.__pageErrors")


def saved_message(account: Account) -> re.Pattern:
    """The flash after saving; the name may be shown in either language."""
    return re.compile(rf"^Saved: {re.escape(account.competency_name)}\b")


def is_assess_post(code: str):
    """Matches the response to the row's form (for ``expect_response``)."""
    return lambda response: (
        response.request.method == "POST"
        and response.url.endswith(f"/competencies/{code}")
    )


def test_inline_self_assessment_updates_row_summary_and_history(
    new_page, live_server, account
):
    page = new_page()
    sign_in(page, account.nip, PASSWORD)
    open_own_profile(page, live_server)
    row = competency_row(page, account.code)
    summary = page.locator("#competency-summary")
    history = page.locator("#assessment-history")
    expect(row.locator('dd[data-source="self"]')).to_have_text("\N{EN DASH}")
    expect(summary).to_contain_text("0 of 3 required competencies met")
    expect(history).to_contain_text("No assessments yet.")

    page.evaluate("window.__marker = 1")
    requests = []

    def record(request) -> None:
        if request.resource_type in {"document", "xhr", "fetch"}:
            requests.append(request)

    page.on("request", record)
    row.locator('select[name="level"]').select_option(NEW_LEVEL)
    try:
        with page.expect_response(is_assess_post(account.code)) as answer:
            row.get_by_role("button", name="Save").click()
    except PlaywrightTimeoutError:
        pytest.fail(f"Save sent no request; the page met {page_errors(page)}")

    response = answer.value
    assert response.status == 200
    assert response.request.headers.get("hx-request") == "true"
    # One response carries the row and, out of band, the summary and history.
    body = response.text()
    assert re.search(r'id="competency-summary"[^>]* hx-swap-oob="true"', body)
    assert re.search(r'id="assessment-history"[^>]* hx-swap-oob="true"', body)

    expect(row.locator('dd[data-source="self"]')).to_have_text(NEW_LEVEL)
    expect(row).to_have_class(re.compile(r"\bstatus-met\b"))
    expect(summary).to_contain_text("1 of 3 required competencies met")
    expect(summary).to_contain_text("2 not assessed yet")
    history_rows = history.locator("tbody tr")
    expect(history_rows).to_have_count(1)
    cells = history_rows.first.locator("td")
    expect(cells.nth(1)).to_contain_text(account.code)
    expect(cells.nth(2)).to_have_text(NEW_LEVEL)
    expect(cells.nth(3)).to_have_text("self-assessment")
    expect(cells.nth(4)).to_have_text(account.name)
    expect(page.locator("#flash")).to_have_text(saved_message(account))

    # A second change adds only its own row on top of the history table.
    row.locator('select[name="level"]').select_option("2")
    with page.expect_response(is_assess_post(account.code)) as second:
        row.get_by_role("button", name="Save").click()
    assert 'hx-swap-oob="afterbegin:#history-rows"' in second.value.text()
    expect(history_rows).to_have_count(2)
    expect(history_rows.first.locator("td").nth(2)).to_have_text("2")
    expect(history_rows.nth(1).locator("td").nth(2)).to_have_text(NEW_LEVEL)
    expect(row.locator('dd[data-source="self"]')).to_have_text("2")
    expect(summary).to_contain_text("0 of 3 required competencies met")

    assert page.evaluate("window.__marker") == 1, "the page reloaded"
    assert page_errors(page) == []
    assert [(r.method, r.resource_type) for r in requests] == [("POST", "xhr")] * 2
    assert self_assessments(account) == [
        (int(NEW_LEVEL), account.user_id),
        (2, account.user_id),
    ]


def test_self_assessment_without_javascript_redirects_to_the_profile(
    new_page, live_server, account
):
    page = new_page(javascript=False)
    sign_in(page, account.nip, PASSWORD)
    open_own_profile(page, live_server)
    row = competency_row(page, account.code)
    row.locator('select[name="level"]').select_option(NEW_LEVEL)
    with page.expect_response(is_assess_post(account.code)) as answer:
        row.get_by_role("button", name="Save").click()

    assert answer.value.status == 303
    assert answer.value.request.headers.get("hx-request") is None
    expect(page).to_have_url(
        re.compile(rf"/profile#competency-{re.escape(account.code)}$")
    )
    expect(row.locator('dd[data-source="self"]')).to_have_text(NEW_LEVEL)
    expect(page.locator("#competency-summary")).to_contain_text(
        "1 of 3 required competencies met"
    )
    expect(page.locator("#flash .flash-success")).to_have_text(saved_message(account))
    assert self_assessments(account) == [(int(NEW_LEVEL), account.user_id)]


@pytest.mark.parametrize("case", ["wrong password", "unknown NIP"])
def test_failed_sign_in_shows_one_generic_message(new_page, live_server, account, case):
    page = new_page()
    nip, password = (
        (account.nip, PASSWORD + "x")
        if case == "wrong password"
        else (make_nip(), PASSWORD)
    )
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/login" in r.url
    ) as answer:
        sign_in(page, nip, password)

    assert answer.value.status == 422
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_role("alert")).to_have_text([LOGIN_ERROR])
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    assert last_login(account.user_id) is None
