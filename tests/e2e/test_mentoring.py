"""In a real browser: finding a mentor, requests, the inbox, sessions, cohorts.

With JavaScript the search narrows the mentors as one types, a request sends
itself and moves on to the overview, an answer changes its inbox item and the
navigation badge in place, and a logged session swaps the session list and, out
of band, the mentee's plan. Without JavaScript the same forms post and redirect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.mentoring.services.requests import send_request
from app.models import (
    ActivityStatus,
    AssessmentSource,
    DevelopmentActivity,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    RequestOrigin,
    RequestStatus,
)
from tests.e2e.helpers import fresh_session, page_errors, post_and_wait, sign_in
from tests.hr.cohorts.helpers import build_cohort, make_mentor
from tests.mentoring.conftest import MENTEE_LEVELS, MENTOR_LEVELS, assess, offer
from tests.mentoring.helpers import (
    add_sessions,
    mentor_profile,
    plan_with_mentoring,
    start_mentorship,
)

pytestmark = pytest.mark.e2e

ACCEPT_MESSAGE = "Senang membantu. Kita mulai Selasa pukul 14.00."
REQUEST_MESSAGE = "Saya ingin belajar pengelolaan arsip digital."


@dataclass(frozen=True)
class Scene:
    """The data of a test, as plain values (no session needed).

    Dewi mentors (4/4/4, offering all three competencies, 3 places), Lina
    Sitorus too (archives 4, in KEL-B); Sri has gaps and a plan whose one goal
    holds a training (8 JP) and a mentoring activity (2 JP).
    """

    mentor_id: int
    mentor_email: str
    mentee_id: int
    mentee_email: str
    goal_id: int
    activity_id: int


def make_scene(world) -> Scene:
    assess(world, world.mentor, MENTOR_LEVELS)
    profile = mentor_profile(world)
    profile.expertise = "Kearsipan digital dan tata naskah dinas"
    profile.availability = "Selasa dan Kamis, 14.00-16.00"
    offer(profile, world, MENTOR_LEVELS)
    assess(world, world.employee, MENTEE_LEVELS, AssessmentSource.SUPERVISOR)
    make_mentor(
        world, "Lina Sitorus", {world.archives: 4}, capacity=2, unit=world.kel_b
    )
    plan, activity = plan_with_mentoring(world, planned_jp=2)
    scene = Scene(
        mentor_id=world.mentor.id,
        mentor_email=world.users["mentor"].email,
        mentee_id=world.employee.id,
        mentee_email=world.users["employee"].email,
        goal_id=plan.goals[0].id,
        activity_id=activity.id,
    )
    db.session.close()  # hold nothing while the server works (see fresh_session)
    return scene


@pytest.fixture
def scene(world) -> Scene:
    return make_scene(world)


# Helpers ----------------------------------------------------------------------


def nav(page: Page):
    return page.get_by_role("navigation", name="Main menu")


def watch_reloads(page: Page) -> list[str]:
    """Mark the window and collect whole-page loads from now on.

    A swap in place keeps ``window.__marker``; a document load would lose it.
    """
    page.evaluate("window.__marker = 1")
    documents: list[str] = []
    page.on(
        "request",
        lambda r: documents.append(r.url) if r.resource_type == "document" else None,
    )
    return documents


def assert_not_reloaded(page: Page, documents: list[str]) -> None:
    assert page.evaluate("window.__marker") == 1, "the page reloaded"
    assert documents == [], "a change loaded a whole page"
    assert page_errors(page) == []


def fetch(statement, values=lambda found: found) -> list:
    """``values`` of each thing ``statement`` finds in the database now."""
    with fresh_session() as session:
        return [values(found) for found in session.scalars(statement)]


def requests_of(mentee_id: int) -> list[tuple]:
    return fetch(
        select(MentorshipRequest)
        .where(MentorshipRequest.mentee_id == mentee_id)
        .order_by(MentorshipRequest.id),
        lambda r: (
            r.mentor_id,
            r.status,
            r.message,
            r.response,
            sorted(g.id for g in r.goals),
        ),
    )


def places_taken(employee_id: int) -> int:
    return fetch(
        select(MentorProfile.active_mentees).where(
            MentorProfile.employee_id == employee_id
        )
    )[0]


def sessions_of(mentorship_id: int) -> list[tuple]:
    return fetch(
        select(MentoringSession)
        .where(MentoringSession.mentorship_id == mentorship_id)
        .order_by(MentoringSession.id),
        lambda s: (s.topic, s.minutes, s.activity_id),
    )


def activity_status(activity_id: int) -> ActivityStatus:
    return fetch(
        select(DevelopmentActivity.status).where(DevelopmentActivity.id == activity_id)
    )[0]


# 1. With JavaScript: find, ask, accept, log a session -----------------------------


def test_find_request_accept_and_log_a_session_in_place(new_page, scene):
    # The mentee looks for a mentor: typing narrows the cards in place.
    mentee = new_page()
    sign_in(mentee, scene.mentee_email)
    nav(mentee).get_by_role("link", name="Mentoring").click()
    expect(mentee.get_by_role("heading", level=1)).to_have_text("Mentoring")
    mentee.get_by_role("button", name="Find a mentor").click()
    expect(mentee.get_by_role("heading", level=1)).to_have_text("Find a mentor")
    cards = mentee.locator("#mentor-suggestions article.mentor-card")
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text="Dewi Harahap")).to_have_count(1)
    expect(cards.filter(has_text="Lina Sitorus")).to_have_count(1)
    documents = watch_reloads(mentee)

    search = mentee.get_by_label("Name or expertise")
    with mentee.expect_response(re.compile(r"/mentoring/find\?.*q=harahap")) as found:
        search.press_sequentially("harahap", delay=20)
    assert found.value.request.headers.get("hx-request") == "true"
    assert found.value.request.headers.get("hx-boosted") is None
    expect(cards.locator("h3")).to_have_text(["Dewi Harahap"])
    expect(cards).to_contain_text("Level 4 in Pengelolaan Arsip (en)")
    expect(mentee).to_have_url(re.compile(r"/mentoring/find\?q=harahap$"))
    expect(search).to_have_value("harahap")  # the box was not swapped away
    assert_not_reloaded(mentee, documents)

    # Asks Dewi, with a message and the plan goal ticked.
    cards.get_by_role("button", name="Request mentoring").click()
    expect(mentee.get_by_role("heading", level=1)).to_have_text(
        "Ask Dewi Harahap for mentoring"
    )
    form = mentee.locator("#mentor-request form")
    form.get_by_label("Sasaran 1").check()
    form.get_by_label("Message").fill(REQUEST_MESSAGE)
    response = post_and_wait(
        mentee,
        f"/mentoring/mentors/{scene.mentor_id}/request",
        lambda: form.get_by_role("button", name="Send request").click(),
    )
    assert response.status == 200
    assert response.headers.get("hx-location", "").startswith("/mentoring/")
    # htmx follows the answer to the overview, which shows the request pending.
    expect(mentee).to_have_url(re.compile(r"/mentoring/$"))
    expect(mentee.locator("#flash")).to_have_text("Request sent to Dewi Harahap.")
    sent = mentee.locator("#requests-sent tbody tr")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text("Dewi Harahap")
    expect(sent).to_contain_text("Sasaran 1")
    expect(sent).to_contain_text("Waiting for an answer")
    expect(sent.get_by_role("button", name="Withdraw")).to_be_visible()
    assert_not_reloaded(mentee, documents)
    assert requests_of(scene.mentee_id) == [
        (
            scene.mentor_id,
            RequestStatus.PENDING,
            REQUEST_MESSAGE,
            "",
            [scene.goal_id],
        )
    ]

    # The mentor sees the request counted in the navigation.
    mentor = new_page()
    sign_in(mentor, scene.mentor_email)
    badge = mentor.locator("#inbox-badge")
    expect(badge).to_have_text("1")
    expect(badge).to_have_attribute("aria-label", "1 request awaits your answer")
    expect(mentor.locator("#notifications-badge")).to_have_text("1")
    nav(mentor).get_by_role("link", name=re.compile(r"^Requests")).click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Mentoring requests")
    items = mentor.locator("#inbox-items article.inbox-item")
    expect(items).to_have_count(1)
    item = items.first
    expect(item).to_contain_text("Sri Wahyuni Lubis")
    expect(item).to_contain_text(f"“{REQUEST_MESSAGE}”")
    expect(item).to_contain_text("Sasaran 1")
    expect(mentor.locator("#mentor-capacity")).to_have_text("0 of 3 places taken")
    documents = watch_reloads(mentor)

    # Accepts with a message: the item, the places and the badge change in place.
    item.get_by_label("Message to Sri Wahyuni Lubis (optional)").fill(ACCEPT_MESSAGE)
    with mentor.expect_response(re.compile(r"/mentoring/inbox/badge$")) as refreshed:
        response = post_and_wait(
            mentor,
            "/accept",
            lambda: item.get_by_role("button", name="Accept").click(),
        )
    assert response.status == 200
    assert "inbox-changed" in response.headers.get("hx-trigger", "")
    assert refreshed.value.status == 200
    expect(item).to_contain_text("You now mentor Sri Wahyuni Lubis.")
    expect(item.get_by_role("button", name="Accept")).to_have_count(0)
    expect(items).to_have_count(1)  # the same item, answered
    expect(mentor.locator("#mentor-capacity")).to_have_text("1 of 3 places taken")
    expect(badge).to_have_class(re.compile(r"\bempty\b"))
    expect(badge).to_have_text("")
    expect(badge).not_to_have_attribute("aria-label", re.compile("."))
    assert_not_reloaded(mentor, documents)
    assert requests_of(scene.mentee_id)[0][1:4] == (
        RequestStatus.ACCEPTED,
        REQUEST_MESSAGE,
        ACCEPT_MESSAGE,
    )
    (mentorship_id,) = fetch(select(Mentorship.id))
    assert places_taken(scene.mentor_id) == 1

    # The mentorship page, from the link in the answered item.
    item.get_by_role("link", name="Open the mentorship").click()
    expect(mentor).to_have_url(re.compile(rf"/mentoring/{mentorship_id}$"))
    expect(mentor.get_by_role("heading", level=1)).to_have_text(
        "Mentorship: Sri Wahyuni Lubis with Dewi Harahap"
    )
    plan_part = mentor.locator("#mentee-plan")
    planned = mentor.locator(f"#mentee-activity-{scene.activity_id}")
    expect(planned).to_have_class(re.compile(r"\bactivity-planned\b"))
    expect(planned.locator(".status-tag")).to_have_text("Planned")
    expect(plan_part).to_contain_text("0% · 0 of 10 JP done")
    sessions = mentor.locator("#sessions")
    expect(sessions).to_contain_text("No sessions logged yet.")

    # Logs a session of 90 minutes (2 JP) toward the mentoring activity.
    mentor.get_by_text("Log a session", exact=True).click()
    form = sessions.locator("form")
    expect(form.get_by_label("Date")).to_have_value(local_today().isoformat())
    form.get_by_label("Duration (minutes)").fill("90")
    form.get_by_label("Topic").fill("Klasifikasi arsip dinamis")
    form.get_by_label("Notes (optional)").fill("Membahas jadwal retensi arsip.")
    choice = form.get_by_label("Counts toward a plan activity (optional)")
    expect(choice.locator(f"option[value='{scene.activity_id}']")).to_contain_text(
        "Sasaran 1: Bimbingan arsip digital (0 of 2 JP logged)"
    )
    choice.select_option(str(scene.activity_id))
    response = post_and_wait(
        mentor,
        f"/mentoring/{mentorship_id}/sessions",
        lambda: form.get_by_role("button", name="Log session").click(),
    )
    assert response.status == 200
    assert re.search(r'id="mentee-plan"[^>]*hx-swap-oob="true"', response.text())
    logged = sessions.locator("article.session")
    expect(logged).to_have_count(1)
    expect(logged).to_contain_text("Klasifikasi arsip dinamis")
    expect(logged).to_contain_text("90 minutes (2 JP)")
    expect(logged).to_contain_text(
        "Counts toward the plan activity “Bimbingan arsip digital”."
    )
    expect(logged).to_contain_text("Logged by Dewi Harahap.")
    expect(sessions).to_contain_text("1 session · 90 minutes in all")
    expect(mentor.locator("#flash")).to_have_text("The session is logged.")
    # The plan part, swapped out of band: the activity is done, 2 JP more.
    expect(planned).to_have_class(re.compile(r"\bactivity-done\b"))
    expect(planned.locator(".status-tag")).to_have_text("Done")
    expect(plan_part).to_contain_text("20% · 2 of 10 JP done")
    # The form, closed again and fresh, counts the logged JP.
    expect(sessions.locator("details.log-session")).not_to_have_attribute("open", "")
    expect(
        sessions.locator(
            f"select[name=activity_id] option[value='{scene.activity_id}']"
        )
    ).to_contain_text("(2 of 2 JP logged)")
    assert_not_reloaded(mentor, documents)
    assert sessions_of(mentorship_id) == [
        ("Klasifikasi arsip dinamis", 90, scene.activity_id)
    ]
    assert activity_status(scene.activity_id) is ActivityStatus.DONE
    assert page_errors(mentee) == []


# 2. Without JavaScript: the same journeys by full page posts ---------------------


def test_requests_answers_and_closing_work_without_javascript(
    new_page, live_server, world
):
    scene = make_scene(world)
    budi = send_request(
        world.outsider,
        world.mentor.id,
        "Mohon bimbingan tata naskah dinas.",
        [],
        world.users["outsider"],
        local_today(),
    )
    budi_request, budi_id = budi.id, world.outsider.id
    andi = start_mentorship(world, mentee=world.colleague, actor=world.users["hr"])
    andi_mentorship = andi.id
    db.session.close()  # hold nothing while the server works

    # The mentee searches with the Search button, asks Dewi, then withdraws.
    mentee = new_page(javascript=False)
    sign_in(mentee, scene.mentee_email)
    mentee.goto("/mentoring/find")
    mentee.get_by_label("Name or expertise").fill("harahap")
    mentee.get_by_role("button", name="Search").click()
    expect(mentee).to_have_url(re.compile(r"/mentoring/find\?(.*&)?q=harahap(&|$)"))
    cards = mentee.locator("#mentor-suggestions article.mentor-card")
    expect(cards.locator("h3")).to_have_text(["Dewi Harahap"])
    cards.get_by_role("button", name="Request mentoring").click()
    form = mentee.locator("#mentor-request form")
    form.get_by_label("Sasaran 1").check()
    form.get_by_label("Message").fill(REQUEST_MESSAGE)
    response = post_and_wait(
        mentee,
        f"/mentoring/mentors/{scene.mentor_id}/request",
        lambda: form.get_by_role("button", name="Send request").click(),
    )
    assert response.status == 303
    assert response.request.headers.get("hx-request") is None
    expect(mentee).to_have_url(live_server("/mentoring/"))
    expect(mentee.locator("#flash .flash-success")).to_have_text(
        "Request sent to Dewi Harahap."
    )
    row = mentee.locator("#requests-sent tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Waiting for an answer")
    assert [r[1] for r in requests_of(scene.mentee_id)] == [RequestStatus.PENDING]

    response = post_and_wait(
        mentee,
        "/withdraw",
        lambda: row.get_by_role("button", name="Withdraw").click(),
    )
    assert response.status == 303
    expect(mentee).to_have_url(live_server("/mentoring/"))
    expect(mentee.locator("#flash .flash-success")).to_have_text(
        "Your request to Dewi Harahap is withdrawn."
    )
    expect(row).to_contain_text("Withdrawn")
    expect(row.get_by_role("button", name="Withdraw")).to_have_count(0)
    assert [r[1] for r in requests_of(scene.mentee_id)] == [RequestStatus.WITHDRAWN]

    # The mentor declines Budi's request with a reason.
    mentor = new_page(javascript=False)
    sign_in(mentor, scene.mentor_email)
    expect(mentor.locator("#inbox-badge")).to_have_text("1")  # Sri's is withdrawn
    nav(mentor).get_by_role("link", name=re.compile(r"^Requests")).click()
    item = mentor.locator(f"#request-{budi_request}")
    expect(item).to_contain_text("Budi Tarigan")
    expect(mentor.locator("#inbox-items article.inbox-item")).to_have_count(1)
    item.get_by_label("Message to Budi Tarigan (optional)").fill(
        "Maaf, tempat saya penuh bulan ini."
    )
    response = post_and_wait(
        mentor,
        f"/mentoring/requests/{budi_request}/decline",
        lambda: item.get_by_role("button", name="Decline").click(),
    )
    assert response.status == 303
    expect(mentor).to_have_url(live_server("/mentoring/inbox"))
    expect(mentor.locator("#flash .flash-success")).to_have_text(
        "You declined the request of Budi Tarigan."
    )
    expect(mentor.locator("#inbox-items")).to_have_text(
        "No request waits for your answer."
    )
    expect(mentor.locator("#inbox-badge")).to_have_text("")
    [(_, status, _, answer, _)] = requests_of(budi_id)
    assert (status, answer) == (
        RequestStatus.DECLINED,
        "Maaf, tempat saya penuh bulan ini.",
    )

    # The mentor closes the mentorship with Andi with a rating of 4.
    nav(mentor).get_by_role("link", name="Mentoring").click()
    expect(mentor.locator("#mentor-capacity")).to_have_text("1 of 3 places taken")
    mentor.get_by_role("link", name="Andi Nasution").click()
    expect(mentor).to_have_url(live_server(f"/mentoring/{andi_mentorship}"))
    closing = mentor.locator("#closing")
    closing.get_by_text("Close the mentorship and rate it").click()
    closing.get_by_label("4", exact=True).check()
    closing.get_by_label("Comment (optional)").fill("Andi cepat belajar.")
    response = post_and_wait(
        mentor,
        f"/mentoring/{andi_mentorship}/close",
        lambda: closing.get_by_role("button", name="Close mentorship").click(),
    )
    assert response.status == 303
    expect(mentor).to_have_url(live_server(f"/mentoring/{andi_mentorship}"))
    expect(mentor.locator("#flash .flash-success")).to_have_text(
        "The mentorship is closed. Thank you for your feedback."
    )
    expect(mentor.locator("hgroup .plan-status")).to_have_text("Closed")
    expect(closing).to_contain_text("Closed by Dewi Harahap.")
    expect(closing).to_contain_text("Your feedback: 4 of 5: Andi cepat belajar.")
    expect(closing).to_contain_text("Feedback of Andi Nasution: not given yet")
    expect(mentor.locator("#sessions form")).to_have_count(0)

    (closed,) = fetch(select(Mentorship.status).where(Mentorship.id == andi_mentorship))
    assert closed is MentorshipStatus.CLOSED
    feedback = fetch(select(MentorshipFeedback), lambda f: (f.rating, f.comment))
    assert feedback == [(4, "Andi cepat belajar.")]
    assert places_taken(scene.mentor_id) == 0


# 3. HR cohort matching ------------------------------------------------------------


def test_hr_previews_adjusts_and_confirms_a_cohort(new_page, world):
    cohort = build_cohort(world, logins=True)
    ids = {
        name: getattr(cohort, name).id
        for name in ("arsip", "bima", "cakra", "both_4", "team_4", "team_int")
    }
    arsip_email = cohort.arsip.user.email
    hr_email = world.users["hr"].email
    db.session.close()  # hold nothing while the server works

    page = new_page()
    sign_in(page, hr_email)
    nav(page).get_by_role("link", name="Cohort matching").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort matching")
    preview = page.locator("#cohort-preview")
    expect(preview).to_contain_text(
        "Choose the mentees and mentors, then show the proposal."
    )
    documents = watch_reloads(page)

    with page.expect_response(re.compile(r"/mentoring/cohort\?")) as shown:
        page.get_by_role("button", name="Show the proposal").click()
    assert shown.value.request.headers.get("hx-target") == "cohort-preview"
    expect(preview.get_by_role("heading", name="Proposal")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/mentoring/cohort\?mentees=approved$"))
    chart = preview.locator("#load-chart svg")
    expect(chart).to_be_visible()
    expect(chart.locator("g.load-bar")).not_to_have_count(0)
    expect(preview.locator("#count-mentees")).to_have_text("6")
    expect(preview.locator("#count-pairs")).to_have_text("4")
    bayu = page.get_by_label("Mentor for Bayu Dua")
    expect(bayu).to_have_value(str(ids["cakra"]))
    assert_not_reloaded(page, documents)

    # Bayu goes to Arsip instead; Ani, whom the proposal gave Arsip's only place,
    # is left out.
    bayu.select_option(str(ids["arsip"]))
    page.get_by_label("Include Ani Arsip").uncheck()
    response = post_and_wait(
        page,
        "/mentoring/cohort",
        lambda: preview.get_by_role("button", name="Send the requests").click(),
    )
    assert response.status == 303
    flash = page.locator("#flash .flash-success")
    expect(flash).to_have_text("3 requests created, 0 skipped.")
    expect(page).to_have_url(re.compile(r"/mentoring/cohort\?mentees=approved$"))
    # The proposal is made again: the three asked now have a pending request.
    expect(preview.locator("#count-mentees")).to_have_text("3")
    assert page_errors(page) == []

    made = fetch(
        select(MentorshipRequest).order_by(MentorshipRequest.id),
        lambda r: (r.mentee_id, r.mentor_id, r.origin, r.status),
    )
    assert {(mentee, mentor) for mentee, mentor, _, _ in made} == {
        (ids["both_4"], ids["arsip"]),
        (ids["team_4"], ids["bima"]),
        (ids["team_int"], ids["cakra"]),
    }
    assert {(origin, status) for _, _, origin, status in made} == {
        (RequestOrigin.COHORT, RequestStatus.PENDING)
    }

    # Arsip finds Bayu's request in the inbox.
    mentor = new_page()
    sign_in(mentor, arsip_email)
    expect(mentor.locator("#inbox-badge")).to_have_text("1")
    nav(mentor).get_by_role("link", name=re.compile(r"^Requests")).click()
    items = mentor.locator("#inbox-items article.inbox-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Bayu Dua")


# 4. A refused session ---------------------------------------------------------------


def test_a_session_two_weeks_ahead_is_refused_beside_the_date(new_page, world):
    scene = make_scene(world)
    mentorship = start_mentorship(world)
    mentorship_id = mentorship.id
    add_sessions(mentorship, 1, logged_by=world.users["employee"])
    db.session.close()  # hold nothing while the server works

    page = new_page()
    sign_in(page, scene.mentor_email)
    page.goto(f"/mentoring/{mentorship_id}")
    sessions = page.locator("#sessions")
    expect(sessions.locator("article.session")).to_have_count(1)
    before = sessions.locator("article.session").inner_text()
    documents = watch_reloads(page)

    page.get_by_text("Log a session", exact=True).click()
    form = sessions.locator("form")
    ahead = (local_today() + timedelta(days=14)).isoformat()
    date = form.get_by_label("Date")
    date.fill(ahead)
    form.get_by_label("Duration (minutes)").fill("60")
    form.get_by_label("Topic").fill("Rencana bulan depan")
    form.get_by_label("Counts toward a plan activity (optional)").select_option(
        str(scene.activity_id)
    )
    # The browser knows the limit (the field's max) and would not send it...
    assert date.evaluate("input => input.validity.rangeOverflow") is True
    # ...so send it as a browser without date checks would: the server refuses.
    form.evaluate("form => { form.noValidate = true; }")
    response = post_and_wait(
        page,
        f"/mentoring/{mentorship_id}/sessions",
        lambda: form.get_by_role("button", name="Log session").click(),
    )
    assert response.status == 422
    assert "hx-swap-oob" not in response.text()  # the plan is not touched

    date_field = sessions.locator("label", has=page.locator("input[name=held_on]"))
    expect(date_field.locator(".field-error")).to_have_text(
        "A session can be logged at most a week ahead."
    )
    expect(sessions.locator(".field-error")).to_have_count(1)
    expect(sessions.locator("details.log-session")).to_have_attribute("open", "")
    expect(sessions.locator("input[name=held_on]")).to_have_value(ahead)
    expect(sessions.locator("input[name=held_on]")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(sessions.locator("input[name=topic]")).to_have_value("Rencana bulan depan")
    expect(sessions.locator("article.session")).to_have_count(1)
    assert sessions.locator("article.session").inner_text() == before
    expect(
        page.locator(f"#mentee-activity-{scene.activity_id} .status-tag")
    ).to_have_text("Planned")
    assert_not_reloaded(page, documents)
    assert len(sessions_of(mentorship_id)) == 1
    assert activity_status(scene.activity_id) is ActivityStatus.PLANNED
