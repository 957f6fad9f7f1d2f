"""In a real browser: the career plan page, edited in place and reviewed.

With JavaScript a change swaps its goal (or the goal list) and, out of band, the
progress summary, which carries the plan version the next change sends; a page
left open on an older version gets a conflict message instead of overwriting.
Without JavaScript the same forms post and redirect back to the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    PlanGoal,
    PlanStatus,
)
from tests.e2e.helpers import fresh_session, page_errors, post_and_wait, sign_in
from tests.factories import make_plan

pytestmark = pytest.mark.e2e

CONFLICT = (
    "This plan was changed in another window or by someone else. "
    "Reload the page to see the latest version, then try again."
)
RETURN_COMMENT = "Tambahkan pelatihan arsip digital di BPSDM."


@dataclass(frozen=True)
class PlanIds:
    """The plan made for a test, as plain values (no session needed)."""

    plan_id: int
    period: int
    goal_ids: tuple[int, ...]
    activity_ids: tuple[tuple[int, ...], ...]  # per goal, in order
    employee_email: str
    supervisor_email: str


def plan_ids(world, **kwargs) -> PlanIds:
    """Make a plan of the world's employee (see ``make_plan``); its ids."""
    made = make_plan(world, **kwargs)
    ids = PlanIds(
        plan_id=made.id,
        period=made.period,
        goal_ids=tuple(goal.id for goal in made.goals),
        activity_ids=tuple(tuple(a.id for a in goal.activities) for goal in made.goals),
        employee_email=world.users["employee"].email,
        supervisor_email=world.users["supervisor"].email,
    )
    db.session.close()  # hold nothing while the server works (see fresh_session)
    return ids


@pytest.fixture
def plan(world) -> PlanIds:
    """A draft plan of the world's employee: 2 goals of 2 activities of 8 JP."""
    return plan_ids(world)


# Helpers ----------------------------------------------------------------------


def open_plan(page: Page, plan: PlanIds) -> None:
    page.goto(f"/plans/{plan.plan_id}")
    expect(page.locator("#plan-summary")).to_be_visible()


def goal(page: Page, goal_id: int):
    return page.locator(f"#goal-{goal_id}")


def activity(page: Page, activity_id: int):
    return page.locator(f"#activity-{activity_id}")


def statuses(activity_ids) -> dict[int, ActivityStatus]:
    with fresh_session() as session:
        rows = session.execute(
            select(DevelopmentActivity.id, DevelopmentActivity.status).where(
                DevelopmentActivity.id.in_(list(activity_ids))
            )
        ).all()
        return dict(rows)


def activity_titles(goal_id: int) -> list[str]:
    with fresh_session() as session:
        titles = session.scalars(
            select(DevelopmentActivity.title)
            .where(DevelopmentActivity.goal_id == goal_id)
            .order_by(DevelopmentActivity.position, DevelopmentActivity.id)
        ).all()
        return list(titles)


def plan_state(plan: PlanIds) -> tuple[PlanStatus, int, int]:
    """(status, version, number of goals) as stored."""
    with fresh_session() as session:
        stored = session.get(CareerPlan, plan.plan_id)
        goals = session.scalar(
            select(func.count(PlanGoal.id)).where(PlanGoal.plan_id == plan.plan_id)
        )
        return stored.status, stored.version, goals


def add_activity(page: Page, plan: PlanIds, goal_id: int, title: str, jp: int):
    """Open the goal's "Add an activity" form, fill it in and send it."""
    article = goal(page, goal_id)
    details = article.locator("details.add-activity")
    details.locator("summary").click()
    form = details.locator("form")
    form.get_by_label("Kind").select_option("training")
    form.get_by_label("Planned JP").fill(str(jp))
    form.get_by_label("Due date").fill(f"{plan.period}-09-15")
    form.get_by_label("Activity", exact=True).fill(title)
    return post_and_wait(
        page,
        f"/plans/{plan.plan_id}/goals/{goal_id}/activities",
        lambda: form.get_by_role("button", name="Add activity").click(),
    )


def set_status_in_place(page: Page, plan: PlanIds, activity_id: int, status: str):
    """Choose a status; the select sends its form by itself (htmx)."""
    return post_and_wait(
        page,
        f"/plans/{plan.plan_id}/activities/{activity_id}/status",
        lambda: page.locator(f"#status-{activity_id}").select_option(status),
    )


# Tests ------------------------------------------------------------------------


def test_in_place_edits_update_goal_and_summary_without_reload(new_page, plan):
    page = new_page()
    sign_in(page, plan.employee_email)
    open_plan(page, plan)
    summary = page.locator("#plan-summary")
    expect(summary).to_contain_text(f"32 JP planned in {plan.period}")
    expect(summary.locator("strong").first).to_have_text("0%")
    first_version = summary.get_attribute("data-plan-version")

    page.evaluate("window.__marker = 1")
    documents = []
    page.on(
        "request",
        lambda r: documents.append(r.url) if r.resource_type == "document" else None,
    )

    # 1. Add an activity to the first goal: the goal and the summary change.
    first, second = plan.goal_ids
    response = add_activity(page, plan, first, "Bimtek Arsip Digital", 4)
    assert response.status == 200
    assert response.request.headers.get("hx-request") == "true"
    assert re.search(r'id="plan-summary"[^>]*hx-swap-oob="true"', response.text())
    items = goal(page, first).locator("li.activity")
    expect(items).to_have_count(3)
    expect(items.last).to_contain_text("Bimtek Arsip Digital")
    expect(items.last).to_contain_text("4 JP")
    expect(summary).to_contain_text(f"36 JP planned in {plan.period}")
    expect(summary).not_to_have_attribute("data-plan-version", first_version)
    expect(page.locator("#flash")).to_have_text("Activity added.")

    # 2. Mark an activity of the same goal done: 8 of 36 JP.
    done_first = plan.activity_ids[0][0]
    response = set_status_in_place(page, plan, done_first, "done")
    assert response.status == 200
    expect(activity(page, done_first)).to_have_class(re.compile(r"\bactivity-done\b"))
    expect(summary.locator("strong").first).to_have_text("22%")
    expect(summary).to_contain_text("8 of 36 JP done")
    expect(page.locator("#flash")).to_have_text("Status saved.")

    # 3. Then one in the other goal, whose forms still hold the first version:
    # jenjang.js sends the summary's current version instead, so it succeeds.
    stale = page.locator(f"#goal-{second} input[name=version]").first
    assert stale.get_attribute("value") == first_version
    done_second = plan.activity_ids[1][1]
    response = set_status_in_place(page, plan, done_second, "done")
    assert response.status == 200, response.text()
    expect(activity(page, done_second)).to_have_class(re.compile(r"\bactivity-done\b"))
    expect(summary.locator("strong").first).to_have_text("44%")
    expect(summary).to_contain_text("16 of 36 JP done")

    assert page.evaluate("window.__marker") == 1, "the page reloaded"
    assert documents == [], "a change loaded a whole page"
    assert page_errors(page) == []
    assert activity_titles(first)[-1] == "Bimtek Arsip Digital"
    assert statuses([done_first, done_second]) == {
        done_first: ActivityStatus.DONE,
        done_second: ActivityStatus.DONE,
    }


def test_change_from_a_stale_tab_is_refused_with_a_message(new_page, plan):
    first_tab = new_page()
    sign_in(first_tab, plan.employee_email)
    second_tab = first_tab.context.new_page()  # the same session, another tab
    open_plan(first_tab, plan)
    open_plan(second_tab, plan)

    seen = second_tab.locator("#plan-summary").get_attribute("data-plan-version")

    changed = plan.activity_ids[0][0]
    response = set_status_in_place(first_tab, plan, changed, "in_progress")
    assert response.status == 200
    expect(first_tab.locator("#plan-summary")).not_to_have_attribute(
        "data-plan-version", seen
    )
    # The version the first tab now shows: the stored one after its change.
    version_after_first = int(
        first_tab.locator("#plan-summary").get_attribute("data-plan-version")
    )

    # The second tab still shows the first version: its change is refused.
    second_goal = plan.goal_ids[1]
    response = add_activity(second_tab, plan, second_goal, "Kegiatan dari tab lama", 6)
    assert response.status == 409
    flash = second_tab.locator("#flash .flash-error")
    expect(flash).to_have_text(CONFLICT)
    # Nothing was swapped: the form keeps what was typed, the list is unchanged.
    expect(goal(second_tab, second_goal).locator("li.activity")).to_have_count(2)
    # The recorder logs the refusal as an htmx error event, and nothing else.
    assert [e.split(":")[1] for e in page_errors(second_tab)] == ["responseError"]
    assert page_errors(first_tab) == []

    assert activity_titles(second_goal) == ["Kegiatan 2.1", "Kegiatan 2.2"]
    assert plan_state(plan)[1] == version_after_first
    assert statuses([changed]) == {changed: ActivityStatus.IN_PROGRESS}

    # Reloaded, the second tab shows the first tab's change and can go on.
    second_tab.reload()
    expect(second_tab.locator(f"#status-{changed}")).to_have_value("in_progress")
    response = add_activity(second_tab, plan, second_goal, "Kegiatan setelah muat", 6)
    assert response.status == 200
    expect(goal(second_tab, second_goal).locator("li.activity")).to_have_count(3)


def test_plan_forms_work_without_javascript(new_page, live_server, plan):
    page = new_page(javascript=False)
    sign_in(page, plan.employee_email)
    open_plan(page, plan)

    # Add a goal with the full-page form.
    details = page.locator("details.add-goal")
    details.locator("summary").click()
    form = details.locator("form")
    form.get_by_label("Goal", exact=True).fill("Menguasai aplikasi SRIKANDI")
    form.get_by_label("Note (optional)").fill("Aplikasi arsip dinamis nasional.")
    response = post_and_wait(
        page,
        f"/plans/{plan.plan_id}/goals",
        lambda: form.get_by_role("button", name="Add goal").click(),
    )
    assert response.status == 303
    assert response.request.headers.get("hx-request") is None
    expect(page).to_have_url(
        re.compile(rf"/plans/{plan.plan_id}#goal-\d+$"),
    )
    expect(page.locator("#flash .flash-success")).to_have_text("Goal added.")
    goals = page.locator("#plan-goals article.goal")
    expect(goals).to_have_count(3)
    expect(goals.last.get_by_role("heading", level=3)).to_have_text(
        "Menguasai aplikasi SRIKANDI"
    )
    assert plan_state(plan)[2] == 3

    # Change an activity's status with the Save button.
    target = plan.activity_ids[1][0]
    row = activity(page, target)
    row.locator("select[name=status]").select_option("in_progress")
    response = post_and_wait(
        page,
        f"/plans/{plan.plan_id}/activities/{target}/status",
        lambda: row.get_by_role("button", name="Save", exact=True).click(),
    )
    assert response.status == 303
    expect(page).to_have_url(live_server(f"/plans/{plan.plan_id}#activity-{target}"))
    expect(page.locator("#flash .flash-success")).to_have_text("Status saved.")
    expect(row).to_have_class(re.compile(r"\bactivity-in_progress\b"))
    expect(row.locator("select[name=status]")).to_have_value("in_progress")
    assert statuses([target]) == {target: ActivityStatus.IN_PROGRESS}


def test_review_flow_submit_return_resubmit_approve(new_page, plan):
    employee = new_page()
    sign_in(employee, plan.employee_email)
    open_plan(employee, plan)
    workflow = employee.locator("#plan-workflow")
    badge = employee.locator("h1 .plan-status")
    expect(badge).to_have_text("Draft")

    def submit() -> None:
        response = post_and_wait(
            employee,
            f"/plans/{plan.plan_id}/submit",
            lambda: workflow.get_by_role("button", name="Submit for review").click(),
        )
        assert response.status == 303
        assert response.request.headers.get("hx-boosted") == "true"
        expect(employee.locator("#flash")).to_have_text(
            "The plan was sent to your supervisor for review."
        )
        expect(badge).to_have_text("Awaiting review")
        expect(workflow).to_contain_text("waiting for Rahmat Siregar")

    submit()
    assert plan_state(plan)[0] is PlanStatus.SUBMITTED

    # The supervisor, in a browser of their own, returns it with a comment.
    supervisor = new_page()
    sign_in(supervisor, plan.supervisor_email)
    open_plan(supervisor, plan)
    review = supervisor.locator("#plan-workflow")
    review.get_by_label("Your comment").fill(RETURN_COMMENT)
    response = post_and_wait(
        supervisor,
        f"/plans/{plan.plan_id}/return",
        lambda: review.get_by_role("button", name="Return for changes").click(),
    )
    assert response.status == 303
    expect(supervisor.locator("#flash")).to_have_text(
        "The plan was returned with your comment."
    )
    expect(supervisor.locator("h1 .plan-status")).to_have_text("Returned")
    assert plan_state(plan)[0] is PlanStatus.RETURNED

    # The employee sees it returned, with the comment, and submits again.
    employee.reload()
    expect(badge).to_have_text("Returned")
    expect(workflow).to_contain_text("Returned by Rahmat Siregar:")
    expect(workflow.locator(".comment")).to_have_text(RETURN_COMMENT)
    submit()

    # The supervisor approves.
    supervisor.reload()
    expect(supervisor.locator("h1 .plan-status")).to_have_text("Awaiting review")
    response = post_and_wait(
        supervisor,
        f"/plans/{plan.plan_id}/approve",
        lambda: review.get_by_role("button", name="Approve").click(),
    )
    assert response.status == 303
    expect(supervisor.locator("#flash")).to_have_text("The plan is approved.")
    expect(supervisor.locator("h1 .plan-status")).to_have_text("Approved")
    assert plan_state(plan)[0] is PlanStatus.APPROVED

    employee.reload()
    expect(badge).to_have_text("Approved")
    expect(workflow).to_contain_text("Approved by Rahmat Siregar")
    events = employee.locator("#plan-history li.event")
    expect(events).to_have_count(5)
    expect(events).to_have_class(
        [
            re.compile(rf"\bevent-{kind}\b")
            for kind in ("approved", "submitted", "returned", "submitted", "created")
        ]
    )
    expect(events).to_contain_text(
        [
            "Approved",
            "Submitted for review",
            "Returned for changes",
            "Submitted for review",
            "Plan created",
        ]
    )
    expect(events.nth(2).locator(".comment")).to_have_text(RETURN_COMMENT)
    expect(events.nth(2)).to_contain_text("Rahmat Siregar")
    expect(events.nth(1)).to_contain_text("Sri Wahyuni Lubis")
    assert page_errors(employee) == []
    assert page_errors(supervisor) == []


def test_change_after_approval_tops_the_history_in_place(new_page, world):
    """An approved plan records content changes; the history swapped out of band
    shows the new line first, marked as not yet reviewed, as a reload would."""
    plan = plan_ids(world, status=PlanStatus.APPROVED)
    page = new_page()
    sign_in(page, plan.employee_email)
    open_plan(page, plan)
    events = page.locator("#plan-history li.event")
    expect(events).to_have_count(3)  # approved, submitted, created

    response = add_activity(page, plan, plan.goal_ids[0], "Kursus e-Arsip", 4)
    assert response.status == 200
    assert re.search(r'id="plan-history"[^>]*hx-swap-oob="true"', response.text())
    expect(events).to_have_count(4)
    expect(events.first).to_contain_text(
        "Activity added after approval: Kursus e-Arsip"
    )
    expect(events.first).to_have_class(re.compile(r"\bunreviewed\b"))
    expect(events.nth(1)).to_have_class(re.compile(r"\bevent-approved\b"))

    # The same order as the page shows after a reload.
    in_place = events.all_inner_texts()
    page.reload()
    expect(events).to_have_count(4)
    assert events.all_inner_texts() == in_place
    assert page_errors(page) == []
