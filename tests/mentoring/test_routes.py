"""The mentee and mentor pages: overview, mentor profile, finding, requests, inbox."""

import pytest
from flask import url_for
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import local_today
from app.mentoring import queries
from app.mentoring.services import requests
from app.models import (
    AssessmentSource,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Notification,
    NotificationKind,
    RequestOrigin,
    RequestStatus,
)
from tests.conftest import text_of
from tests.factories import make_employee, make_plan, make_user
from tests.mentoring.conftest import assess, offer

HTMX = {"HX-Request": "true"}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _profile(employee) -> MentorProfile | None:
    return db.session.scalars(
        select(MentorProfile).where(MentorProfile.employee_id == employee.id)
    ).first()


def _url(app, endpoint: str, **values) -> str:
    with app.test_request_context():
        return url_for(endpoint, **values)


def _ask(world, mentee, mentor_id, goals=(), message="Mohon bimbingan."):
    """A pending request sent through the service (Andi has no login: HR sends)."""
    actor = mentee.user or world.users["hr"]
    return requests.send_request(
        mentee, mentor_id, message, goals, actor, local_today()
    )


def _mentee(world, name: str):
    """Another staff member of KEL-A with a login and low levels."""
    employee = make_employee(
        name, world.kel, position=world.staff_position, supervisor=world.supervisor
    )
    make_user(employee)
    db.session.commit()
    assess(world, employee, {"archives": 1}, AssessmentSource.SUPERVISOR)
    return employee


# Overview ---------------------------------------------------------------------


def test_overview_invites_to_find_a_mentor_and_to_mentor(app, world, login):
    response = login("employee").get("/mentoring/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Find a mentor" in page and 'href="/mentoring/find"' in response.text
    assert "You have no active mentorship." in page
    assert "You have not asked anyone for mentoring yet." in page
    assert "Become a mentor" in page


def test_overview_shows_requests_mentorships_and_mentor_status(
    app, world, login, sri_request
):
    mentor_page = text_of(login("mentor").get("/mentoring/"))
    assert "0 of 3 places taken" in mentor_page and "Open for requests" in mentor_page
    assert "1 request waits for you" in mentor_page
    assert "Edit my mentor profile" in mentor_page and "Pause mentoring" in mentor_page

    response = login("employee").get("/mentoring/")
    page = text_of(response)
    assert "Dewi Harahap Lurah Alpha" in page and "Waiting for an answer" in page
    withdraw = _url(app, "mentoring.withdraw", request_id=sri_request.id)
    assert f'action="{withdraw}"' in response.text

    mentorship = requests.accept_request(queries.load_request(sri_request.id))
    link = _url(app, "mentoring.mentorship", mentorship_id=mentorship.id)
    mentee_side = login("employee").get("/mentoring/")
    assert f'href="{link}"' in mentee_side.text
    assert "My mentor" in text_of(mentee_side) and "Accepted" in text_of(mentee_side)
    assert f'action="{withdraw}"' not in mentee_side.text
    mentor_side = login("mentor").get("/mentoring/")
    assert f'href="{link}"' in mentor_side.text
    assert "1 of 3 places taken" in text_of(mentor_side)


def test_overview_needs_an_employee_record(app, world, login):
    assert login("admin").get("/mentoring/").status_code == 404


def test_overview_queries_do_not_grow_with_requests(
    app, world, login, mentor_ready, make_mentor, count_queries
):
    others = [make_mentor(f"Mentor {n}", {"archives": 4}) for n in range(4)]
    client = login("employee")
    _ask(world, world.employee, world.mentor.id)
    client.get("/mentoring/")
    with count_queries() as one:
        client.get("/mentoring/")
    for other in others:  # HR's cohort proposals: a mentee may ask only three
        requests.send_request(
            world.employee,
            other.employee_id,
            "",
            (),
            world.users["hr"],
            local_today(),
            origin=RequestOrigin.COHORT,
        )
    with count_queries() as five:
        client.get("/mentoring/")
    assert one.count == five.count <= 12


# Mentor profile ---------------------------------------------------------------


def test_opting_in_is_bounded_by_assessed_levels(app, world, login):
    assess(world, world.employee, {"archives": 4, "integrity": 3})
    client = login("employee")
    page = text_of(client.get("/mentoring/profile"))
    assert "T.05 Pengelolaan Arsip (en) level 4" in page
    assert "Integritas" not in page  # level 3: guiding others starts at 4
    assert (
        "Only competencies assessed at level 4 or higher: from level 4 one guides "
        "and develops others (PermenPANRB 38/2017). You are suggested for a "
        "competency only to mentees whose target level in it you hold" in page
    )

    response = client.post(
        "/mentoring/profile",
        data={
            "competencies": [str(world.archives.id)],
            "expertise": "Arsip dinamis dan inaktif",
            "capacity": "2",
            "availability": "Selasa dan Kamis, 14.00-16.00",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/mentoring/"
    profile = _profile(world.employee)
    assert [c.competency_id for c in profile.competencies] == [world.archives.id]
    assert (profile.capacity, profile.availability) == (
        2,
        "Selasa dan Kamis, 14.00-16.00",
    )
    after = client.get("/mentoring/")
    assert "Your mentor profile is saved." in text_of(after)
    assert "0 of 2 places taken" in text_of(after)
    assert client.get("/mentoring/inbox").status_code == 200  # a mentor now


@pytest.mark.parametrize(
    "htmx, locale, message",
    [
        (False, "en", "mentor only in competencies assessed at level 4 or higher."),
        (True, "en", "mentor only in competencies assessed at level 4 or higher."),
        (
            True,
            "id",
            "untuk kompetensi dengan hasil penilaian level 4 atau lebih tinggi.",
        ),
    ],
)
def test_a_competency_assessed_at_3_is_refused(
    app, world, login, htmx, locale, message
):
    assess(world, world.employee, {"archives": 4, "integrity": 3})
    client = app.test_client(user=world.users["employee"], locale=locale)
    response = client.post(
        "/mentoring/profile",
        data={
            "competencies": [str(world.archives.id), str(world.integrity.id)],
            "capacity": "2",
        },
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    assert message in text_of(response)
    assert ("<html" in response.text) is not htmx
    assert 'id="mentor-profile-form"' in response.text
    assert _profile(world.employee) is None


@pytest.mark.parametrize(
    "data, message",
    [
        ({"capacity": "2"}, "Choose at least one competency you can mentor in."),
        ({"competencies": "x", "capacity": "2"}, "Choose competencies from the list."),
        ({"competencies": "{archives}", "capacity": "abc"}, "Capacity must be from 1"),
        ({"competencies": "{archives}", "capacity": "21"}, "Capacity must be from 1"),
        ({"competencies": "{archives}", "capacity": "0"}, "Capacity must be from 1"),
        (
            {"competencies": "{archives}", "capacity": "2", "availability": "x" * 201},
            "Keep the availability to 200 characters.",
        ),
    ],
)
def test_bad_mentor_profiles_are_refused(app, world, login, data, message):
    assess(world, world.employee, {"archives": 4})
    data = {k: v.format(archives=world.archives.id) for k, v in data.items()}
    response = login("employee").post("/mentoring/profile", data=data)
    assert response.status_code == 422
    assert message in text_of(response)
    assert _profile(world.employee) is None


def test_capacity_cannot_fall_below_the_active_mentees(
    app, world, login, mentor_ready, mentee_gaps
):
    for mentee in (world.employee, world.colleague):
        requests.accept_request(_ask(world, mentee, world.mentor.id))
    response = login("mentor").post(
        "/mentoring/profile",
        data={"competencies": [str(world.archives.id)], "capacity": "1"},
    )
    assert response.status_code == 422
    assert "You mentor 2 people now; capacity cannot be lower than that." in (
        text_of(response)
    )
    profile = _profile(world.mentor)
    assert profile.capacity == 3 and len(profile.competencies) == 3


def test_a_saved_profile_answers_htmx_with_a_location(app, world, login, mentor_ready):
    response = login("mentor").post(
        "/mentoring/profile",
        data={"competencies": [str(world.archives.id)], "capacity": "5"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.headers["HX-Location"] == "/mentoring/"
    assert _profile(world.mentor).capacity == 5


def test_the_profile_form_is_filled_with_the_current_offer(
    app, world, login, mentor_ready
):
    response = login("mentor").get("/mentoring/profile")
    assert f'value="{world.archives.id}" checked' in response.text
    assert 'value="3"' in response.text  # capacity
    assert "Kearsipan digital dan tata naskah dinas" in response.text


def test_without_teachable_competencies_the_profile_page_explains(app, world, login):
    assess(world, world.mentor, {"archives": 3})  # not yet enough to guide others
    response = login("mentor").get("/mentoring/profile")
    assert response.status_code == 200
    assert (
        "assesses you at level 4 or higher in it: from level 4 one guides and "
        "develops others (PermenPANRB 38/2017)" in text_of(response)
    )
    assert 'href="/profile"' in response.text
    assert 'name="competencies"' not in response.text
    refused = login("mentor").post("/mentoring/profile", data={"capacity": "3"})
    assert refused.status_code == 422
    assert "Choose at least one competency you can mentor in." in text_of(refused)


def _offered(employee) -> set[int]:
    db.session.expire_all()
    return {c.competency_id for c in _profile(employee).competencies}


def test_an_offer_below_level_4_is_shown_as_not_counting_and_dropped_on_save(
    app, world, login, make_mentor
):
    """Dewi offers archives (4), teamwork (3, saved under the old rule) and
    integrity (never assessed); other mentors in two units hold offers of their own."""
    assess(world, world.mentor, {"archives": 4, "teamwork": 3})
    offer(_profile(world.mentor), world, ["archives", "teamwork", "integrity"])
    make_mentor("Lina Sitorus", {"archives": 5}, unit=world.kel)
    yusuf = make_mentor("Yusuf Lubis", {"teamwork": 4, "integrity": 3})
    # Hendra's level fell: the newer supervisor level of 3 outranks the centre's 4.
    hendra = make_mentor("Hendra Sinaga", {"archives": 4}, unit=world.kel)
    assess(world, hendra.employee, {"archives": 3}, AssessmentSource.SUPERVISOR)
    client = login("mentor")

    form = client.get("/mentoring/profile")
    page = text_of(form)
    assert f'value="{world.archives.id}" checked' in form.text
    for stale in (world.teamwork, world.integrity):  # no box to tick: not offered
        assert f'value="{stale.id}"' not in form.text
    assert "Your offer still names these, but saving removes them:" in page
    assert (
        "M.02 Kerja Sama (en): not shown to mentees: level 3, mentoring starts at "
        "level 4." in page
    )
    assert (
        "M.01 Integritas (en): not shown to mentees: not assessed, mentoring starts "
        "at level 4." in page
    )
    overview = text_of(client.get("/mentoring/"))
    assert "You mentor in: Pengelolaan Arsip (en)" in overview
    assert (
        "Not shown to mentees, as mentoring starts at level 4: Integritas (en) "
        "Kerja Sama (en)" in overview
    )
    indonesian = app.test_client(user=world.users["mentor"], locale="id")
    assert (
        "M.02 Kerja Sama: tidak ditampilkan kepada mentee: level 3, mentoring "
        "dimulai dari level 4." in text_of(indonesian.get("/mentoring/profile"))
    )

    # Each mentor sees their own: Yusuf his integrity at 3, Hendra his archives.
    yusuf_page = text_of(
        app.test_client(user=yusuf.employee.user).get("/mentoring/profile")
    )
    assert "M.01 Integritas (en): not shown to mentees: level 3" in yusuf_page
    assert "Kerja Sama (en): not shown" not in yusuf_page
    hendra_page = text_of(
        app.test_client(user=hendra.employee.user).get("/mentoring/profile")
    )
    assert "None of your competencies is there yet." in hendra_page
    assert "Your offer still names these:" in hendra_page
    assert "T.05 Pengelolaan Arsip (en): not shown to mentees: level 3" in hendra_page

    # A form from before (teamwork ticked) is refused and changes nothing.
    refused = client.post(
        "/mentoring/profile",
        data={
            "competencies": [str(world.archives.id), str(world.teamwork.id)],
            "capacity": "3",
        },
        headers=HTMX,
    )
    assert refused.status_code == 422
    assert "You can mentor only in competencies assessed at level 4 or higher." in (
        text_of(refused)
    )
    assert "not shown to mentees: level 3" in text_of(refused)
    assert _offered(world.mentor) == {
        world.archives.id,
        world.teamwork.id,
        world.integrity.id,
    }

    saved = client.post(
        "/mentoring/profile",
        data={"competencies": [str(world.archives.id)], "capacity": "3"},
    )
    assert saved.status_code == 303
    after = text_of(client.get("/mentoring/"))
    assert (
        "Your mentor profile is saved. No longer offered, as mentoring starts at "
        "level 4: Integritas (en), Kerja Sama (en)." in after
    )
    assert "Not shown to mentees" not in after
    assert _offered(world.mentor) == {world.archives.id}
    assert _offered(yusuf.employee) == {world.teamwork.id, world.integrity.id}
    assert _offered(hendra.employee) == {world.archives.id}
    assert "Your offer still names these" not in text_of(
        client.get("/mentoring/profile")
    )


def test_the_profile_needs_an_employee_record(app, world, login):
    admin = login("admin")
    assert admin.get("/mentoring/profile").status_code == 404
    assert admin.post("/mentoring/profile", data={"capacity": "2"}).status_code == 404


# Pausing ----------------------------------------------------------------------


def test_pausing_hides_the_mentor_and_refuses_requests(
    app, world, login, mentor_ready, mentee_gaps
):
    response = login("mentor").post("/mentoring/profile/pause", data={"paused": "1"})
    assert response.status_code == 303
    assert _profile(world.mentor).is_paused
    client = login("employee")
    assert "Dewi Harahap" not in text_of(client.get("/mentoring/find"))
    url = f"/mentoring/mentors/{world.mentor.id}/request"
    assert client.get(url).status_code == 409
    refused = client.post(url, data={"message": "Mohon bimbingan."})
    assert refused.status_code == 409
    assert "This mentor has paused mentoring" in text_of(refused)
    assert _count(MentorshipRequest) == 0

    login("mentor").post("/mentoring/profile/pause", data={"paused": "0"})
    assert "Dewi Harahap" in text_of(client.get("/mentoring/find"))


def test_pausing_in_place_answers_with_the_mentor_status(
    app, world, login, mentor_ready
):
    response = login("mentor").post(
        "/mentoring/profile/pause", data={"paused": "1"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="mentor-status"')
    assert "Paused" in text_of(response) and "Resume mentoring" in text_of(response)
    assert "Mentoring is paused" in response.headers["HX-Trigger"]


def test_pausing_needs_a_mentor_and_a_clear_answer(app, world, login, mentor_ready):
    employee = login("employee").post("/mentoring/profile/pause", data={"paused": "1"})
    assert employee.status_code == 403
    bad = login("mentor").post("/mentoring/profile/pause", data={"paused": "maybe"})
    assert bad.status_code == 400
    assert "Say whether to pause or resume." in text_of(bad)
    assert not _profile(world.mentor).is_paused


# Finding a mentor -------------------------------------------------------------


def test_the_better_fitting_mentor_comes_first_with_reasons(
    app, world, login, mentor_ready, mentee_gaps, make_mentor
):
    make_mentor("Lina Sitorus", {"archives": 3}, expertise="Tata naskah dinas")
    response = login("employee").get("/mentoring/find")
    assert response.status_code == 200
    page = text_of(response)
    assert "Dewi Harahap" in page
    # Lina holds archives at 3: she names it, but does not teach it.
    assert "Lina Sitorus" not in page
    assert "Level 4 in Pengelolaan Arsip (en), 1 above your target of 3." in page
    assert "Available: Selasa dan Kamis, 14.00-16.00" in page
    assert "3 places left" in page and "% fit" in page
    assert f'href="/mentoring/mentors/{world.mentor.id}/request"' in response.text
    assert "How the matching works" in page
    assert "Your gaps: Integritas (en) +1 Kerja Sama (en) +1" in page


def test_find_answers_htmx_with_the_results_only(
    app, world, login, mentor_ready, mentee_gaps
):
    client = login("employee")
    full = client.get("/mentoring/find")
    assert "<html" in full.text
    assert 'hx-trigger="input changed delay:300ms from:find input[type=search]' in (
        full.text
    )
    part = client.get("/mentoring/find?q=dewi&competency=&unit=&scope=", headers=HTMX)
    assert part.status_code == 200
    assert part.headers["HX-Push-Url"] == "/mentoring/find?q=dewi"  # shareable
    assert "<html" not in part.text and 'name="competency"' not in part.text
    assert part.text.lstrip().startswith('<section id="mentor-suggestions"')
    assert "Dewi Harahap" in part.text


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("competency=M.01", ["Dewi Harahap"], ["Lina Sitorus", "Yusuf Lubis"]),
        ("scope=same", ["Yusuf Lubis"], ["Dewi Harahap", "Lina Sitorus"]),
        ("scope=other", ["Dewi Harahap", "Lina Sitorus"], ["Yusuf Lubis"]),
        ("unit={kel_b}", ["Lina Sitorus"], ["Dewi Harahap", "Yusuf Lubis"]),
        ("q=surat", ["Lina Sitorus"], ["Dewi Harahap", "Yusuf Lubis"]),
        ("q=yusuf", ["Yusuf Lubis"], ["Dewi Harahap", "Lina Sitorus"]),
        ("q=", ["Dewi Harahap", "Lina Sitorus", "Yusuf Lubis"], []),
    ],
)
def test_filters_and_search_narrow_the_list(
    app, world, login, mentor_ready, mentee_gaps, make_mentor, query, shown, hidden
):
    make_mentor("Lina Sitorus", {"archives": 4}, expertise="Surat menyurat")
    make_mentor("Yusuf Lubis", {"archives": 4}, unit=world.kel)
    url = "/mentoring/find?" + query.format(kel_b=world.kel_b.id)
    for headers in ({}, HTMX):
        response = login("employee").get(url, headers=headers)
        assert response.status_code == 200
        for name in shown:
            assert name in response.text, (query, name)
        for name in hidden:
            assert name not in response.text, (query, name)


@pytest.mark.parametrize(
    "query, message",
    [
        ("competency=NOPE", "Choose a competency from the list."),
        ("unit=abc", "There is no such unit."),
        ("unit=99999", "There is no such unit."),
        ("scope=far", "Choose my unit, other units or everywhere."),
        ("q=" + "x" * 101, "Search for at most 100 characters."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_filters_are_a_400(
    app, world, login, mentor_ready, mentee_gaps, query, message, htmx
):
    response = login("employee").get(
        f"/mentoring/find?{query}", headers=HTMX if htmx else {}
    )
    assert response.status_code == 400
    assert message in text_of(response)
    assert ("<html" in response.text) is not htmx
    assert "Dewi Harahap" not in response.text


def test_without_gaps_find_says_so(app, world, login, mentor_ready):
    assess(world, world.employee, {"integrity": 3, "teamwork": 3, "archives": 3})
    page = text_of(login("employee").get("/mentoring/find"))
    assert "You have no competency gap to your target" in page
    assert "Your gaps:" not in page


def test_find_works_before_any_mentor_offers_anything(app, world, login):
    client = login("employee")
    page = client.get("/mentoring/find")  # Dewi opted in but offers nothing yet
    assert page.status_code == 200
    assert "No mentor fits these filters now." in text_of(page)
    db.session.delete(_profile(world.mentor))
    db.session.commit()
    assert client.get("/mentoring/find").status_code == 200  # nobody at all
    assert client.get("/mentoring/find?q=arsip", headers=HTMX).status_code == 200


def test_a_mentor_offering_nothing_can_still_be_asked(app, world, login):
    response = login("employee").get(f"/mentoring/mentors/{world.mentor.id}/request")
    assert response.status_code == 200
    assert "does not cover a gap to your target" in text_of(response)


def test_mentors_already_asked_are_left_out(app, world, login, sri_request):
    page = text_of(login("employee").get("/mentoring/find"))
    assert "Dewi Harahap" not in page
    assert "No mentor fits these filters now." in page


def test_find_queries_do_not_grow_with_the_mentors(
    app, world, login, mentor_ready, mentee_gaps, make_mentor, count_queries
):
    make_plan(world)  # goals weigh in: the plan is read too
    client = login("employee")
    for n in range(2):
        make_mentor(f"Mentor {n}", {"archives": 4 + n % 2}, expertise="arsip")
    client.get("/mentoring/find")  # fits the model
    with count_queries() as few:
        assert client.get("/mentoring/find").status_code == 200
    for n in range(2, 14):
        make_mentor(f"Mentor {n}", {"archives": 4 + n % 2}, expertise="arsip")
    client.get("/mentoring/find")
    with count_queries() as many:
        page = client.get("/mentoring/find")
    assert text_of(page).count("Request mentoring") == 10
    assert few.count == many.count <= 12


def test_find_needs_an_employee_record(app, world, login):
    assert login("admin").get("/mentoring/find").status_code == 404


# Requesting -------------------------------------------------------------------


def test_the_request_form_shows_the_fit_and_the_plan_goals(
    app, world, login, mentor_ready, mentee_gaps
):
    plan = make_plan(world)
    response = login("employee").get(f"/mentoring/mentors/{world.mentor.id}/request")
    assert response.status_code == 200
    page = text_of(response)
    assert "Ask Dewi Harahap for mentoring" in page
    assert "Level 4 in Pengelolaan Arsip (en), 1 above your target of 3." in page
    assert "Sasaran 1 to level 3" in page and "Sasaran 2" in page
    for goal in plan.goals:
        assert f'name="goals" value="{goal.id}"' in response.text


def test_the_request_form_says_why_a_mentor_below_the_need_does_not_fit(
    app, world, login, mentor_ready, mentee_gaps, make_mentor
):
    make_plan(world)
    # Archives at 3 (an offer saved under an older rule): named, not taught.
    lina = make_mentor("Lina Sitorus", {"archives": 3}, expertise="Tata naskah dinas")
    response = login("employee").get(f"/mentoring/mentors/{lina.employee_id}/request")
    assert response.status_code == 200
    page = text_of(response)
    assert (
        "Level 3 in Pengelolaan Arsip (en): a mentor teaches a competency from "
        "level 4." in page
    )
    assert "does not cover a gap to your target at the level you need" in page
    assert "0% fit" in page


def test_a_request_is_sent_with_goals_and_the_mentor_told(
    app, world, login, mentor_ready, mentee_gaps
):
    plan = make_plan(world)
    client = login("employee")
    response = client.post(
        f"/mentoring/mentors/{world.mentor.id}/request",
        data={"message": "Mohon bimbingan arsip.", "goals": [str(plan.goals[0].id)]},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/mentoring/"
    assert "Request sent to Dewi Harahap." in text_of(client.get("/mentoring/"))
    sent = db.session.scalars(select(MentorshipRequest)).one()
    assert (sent.mentee_id, sent.mentor_id) == (world.employee.id, world.mentor.id)
    assert sent.message == "Mohon bimbingan arsip."
    assert [g.id for g in sent.goals] == [plan.goals[0].id]
    told = db.session.scalars(select(Notification)).one()
    assert told.user_id == world.users["mentor"].id
    assert told.kind is NotificationKind.REQUEST_RECEIVED


def test_a_request_in_place_answers_htmx(app, world, login, mentor_ready):
    url = f"/mentoring/mentors/{world.mentor.id}/request"
    client = login("employee")
    refused = client.post(url, data={"message": "x" * 2001}, headers=HTMX)
    assert refused.status_code == 422
    assert refused.text.lstrip().startswith('<section id="mentor-request"')
    assert "Keep the message to 2000 characters." in text_of(refused)
    sent = client.post(url, data={"message": "Mohon."}, headers=HTMX)
    assert sent.headers["HX-Location"] == "/mentoring/"
    assert _count(MentorshipRequest) == 1


def test_a_second_pending_request_is_a_conflict(app, world, login, sri_request):
    url = f"/mentoring/mentors/{world.mentor.id}/request"
    client = login("employee")
    shown = client.get(url)
    assert shown.status_code == 409
    assert "You already have a pending request to this mentor." in text_of(shown)
    response = client.post(url, data={"message": "Sekali lagi."})
    assert response.status_code == 409
    assert "You already have a pending request to this mentor." in text_of(response)
    assert _count(MentorshipRequest) == 1


@pytest.mark.parametrize(
    "who, message",
    [
        ("employee", "You cannot ask yourself to be your mentor."),
        ("colleague", "This person does not offer mentoring."),
    ],
)
def test_asking_oneself_or_a_non_mentor_is_refused(
    app, world, login, mentor_ready, who, message
):
    url = f"/mentoring/mentors/{getattr(world, who).id}/request"
    client = login("employee")
    shown = client.get(url)
    assert shown.status_code == 422 and message in text_of(shown)
    response = client.post(url, data={"message": "Mohon."})
    assert response.status_code == 422 and message in text_of(response)
    assert _count(MentorshipRequest) == 0


def test_asking_ones_own_supervisor_is_refused(app, world, login, mentor_ready):
    world.employee.supervisor = world.mentor  # Dewi mentors, and leads Sri
    db.session.commit()
    url = f"/mentoring/mentors/{world.mentor.id}/request"
    client = login("employee")
    shown = client.get(url)
    assert shown.status_code == 422
    assert "ask a mentor outside your reporting line" in text_of(shown)
    assert client.post(url, data={"message": "Mohon."}).status_code == 422
    assert _count(MentorshipRequest) == 0


def test_a_mentee_waits_for_answers_before_asking_a_fourth_mentor(
    app, world, login, mentor_ready, make_mentor
):
    others = [make_mentor(f"Mentor {n}", {"archives": 4}) for n in range(4)]
    client = login("employee")
    for other in others[:3]:
        url = f"/mentoring/mentors/{other.employee_id}/request"
        assert client.post(url, data={"message": "Mohon."}).status_code == 303
    url = f"/mentoring/mentors/{others[3].employee_id}/request"
    refusal = "3 of your requests are waiting for an answer."
    shown = client.get(url)
    assert shown.status_code == 409 and refusal in text_of(shown)
    response = client.post(url, data={"message": "Mohon."})
    assert response.status_code == 409 and refusal in text_of(response)
    assert _count(MentorshipRequest) == 3
    withdrawn = db.session.scalars(select(MentorshipRequest)).first()
    client.post(f"/mentoring/requests/{withdrawn.id}/withdraw")
    assert client.post(url, data={"message": "Mohon."}).status_code == 303


def test_an_unknown_mentor_is_not_found(app, world, login):
    client = login("employee")
    assert client.get("/mentoring/mentors/99999/request").status_code == 404
    assert client.post("/mentoring/mentors/99999/request").status_code == 404


def test_a_full_mentor_takes_no_request(app, world, login, mentor_ready, mentee_gaps):
    mentor_ready.capacity = 1
    db.session.commit()
    requests.accept_request(_ask(world, world.colleague, world.mentor.id))
    url = f"/mentoring/mentors/{world.mentor.id}/request"
    response = login("employee").post(url, data={"message": "Mohon."})
    assert response.status_code == 409
    assert "This mentor has no free place now." in text_of(response)
    assert _count(MentorshipRequest) == 1


@pytest.mark.parametrize("goals", [["x"], ["{other}"]])
def test_goals_must_be_from_the_own_plan(
    app, world, login, mentor_ready, mentee_gaps, goals
):
    make_plan(world)
    other = make_plan(world, owner=world.colleague)
    data = {
        "message": "Mohon.",
        "goals": [g.format(other=other.goals[0].id) for g in goals],
    }
    response = login("employee").post(
        f"/mentoring/mentors/{world.mentor.id}/request", data=data
    )
    assert response.status_code == 422
    assert "Choose goals from your own plan." in text_of(response)
    assert _count(MentorshipRequest) == 0


def test_the_request_page_queries_stay_few(
    app, world, login, mentor_ready, mentee_gaps, make_mentor, count_queries
):
    plan = make_plan(world, goals=1)
    client = login("employee")
    url = f"/mentoring/mentors/{world.mentor.id}/request"
    client.get(url)
    with count_queries() as few:
        client.get(url)
    for n in range(5):
        make_mentor(f"Mentor {n}", {"archives": 4})
        plan.goals.append(plan.goals[0].__class__(position=n + 1, title=f"Tujuan {n}"))
    db.session.commit()
    client.get(url)
    with count_queries() as many:
        client.get(url)
    assert few.count == many.count <= 12


# Withdrawing ------------------------------------------------------------------


def test_the_mentee_withdraws_a_pending_request(app, world, login, sri_request):
    client = login("employee")
    url = f"/mentoring/requests/{sri_request.id}/withdraw"
    response = client.post(url)
    assert response.status_code == 303
    assert response.headers["Location"] == "/mentoring/"
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.WITHDRAWN
    assert "Withdrawn" in text_of(client.get("/mentoring/"))
    again = client.post(url)
    assert again.status_code == 409
    assert "This request has already been answered." in text_of(again)


def test_withdrawing_in_place_answers_with_the_requests(app, world, login, sri_request):
    response = login("employee").post(
        f"/mentoring/requests/{sri_request.id}/withdraw", headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="requests-sent"')
    assert "Withdrawn" in text_of(response) and "<html" not in response.text


@pytest.mark.parametrize("role", ["mentor", "supervisor", "outsider", "admin"])
def test_only_the_mentee_withdraws(app, world, login, sri_request, role):
    response = login(role).post(f"/mentoring/requests/{sri_request.id}/withdraw")
    assert response.status_code == 404
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.PENDING


# The inbox ----------------------------------------------------------------------


def test_the_inbox_lists_pending_requests_oldest_first(
    app, world, login, mentor_ready, mentee_gaps
):
    plan = make_plan(world)
    _ask(world, world.employee, world.mentor.id, [plan.goals[0].id], "Arsip, mohon.")
    _ask(world, world.colleague, world.mentor.id, message="Saya juga.")
    _ask(world, world.outsider, world.mentor.id).status = RequestStatus.DECLINED
    db.session.commit()
    response = login("mentor").get("/mentoring/inbox")
    assert response.status_code == 200
    page = text_of(response)
    assert page.index("Sri Wahyuni Lubis") < page.index("Andi Nasution")
    assert "Budi Tarigan" not in page
    assert "Pengadministrasi Perkantoran · Kelurahan Alpha" in page
    assert "“Arsip, mohon.”" in page
    assert "Sasaran 1 Pengelolaan Arsip (en) · to level 3" in page
    assert "0 of 3 places taken" in page
    # Before accepting, the mentor sees only what the request shows.
    assert f"/employees/{world.employee.id}" not in response.text
    assert "Accept" in page and "Decline" in page


def test_the_inbox_is_for_mentors(app, world, login):
    assert login("employee").get("/mentoring/inbox").status_code == 403
    assert login("admin").get("/mentoring/inbox").status_code == 403


def test_accepting_starts_a_mentorship_and_takes_a_place(
    app, world, login, sri_request
):
    response = login("mentor").post(
        f"/mentoring/requests/{sri_request.id}/accept",
        data={"response": "Mari mulai Selasa."},
    )
    assert response.status_code == 303
    mentorship = db.session.scalars(select(Mentorship)).one()
    assert response.headers["Location"] == _url(
        app, "mentoring.mentorship", mentorship_id=mentorship.id
    )
    assert (mentorship.mentee_id, mentorship.mentor_id) == (
        world.employee.id,
        world.mentor.id,
    )
    assert _profile(world.mentor).active_mentees == 1
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.ACCEPTED
    assert sri_request.response == "Mari mulai Selasa."


def test_accepting_in_place_updates_the_item_capacity_and_badge(
    app, world, login, sri_request
):
    response = login("mentor").post(
        f"/mentoring/requests/{sri_request.id}/accept", headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article id="request-{sri_request.id}"')
    assert "You now mentor Sri Wahyuni Lubis." in text_of(response)
    assert "Open the mentorship" in text_of(response)
    assert "inbox-changed" in response.headers["HX-Trigger"]
    assert 'id="mentor-capacity" hx-swap-oob="true"' in response.text
    assert "1 of 3 places taken" in text_of(response)


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_only_the_requests_mentor_answers(
    app, world, login, sri_request, make_mentor, answer
):
    other = make_mentor("Lina Sitorus", {"archives": 4})
    url = f"/mentoring/requests/{sri_request.id}/{answer}"
    assert app.test_client(user=other.employee.user).post(url).status_code == 404
    assert login("employee").post(url).status_code == 404
    assert login("admin").post(url).status_code == 404
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.PENDING
    assert _count(Mentorship) == 0


def test_declining_keeps_the_message_and_tells_the_mentee(
    app, world, login, sri_request
):
    client = login("mentor")
    response = client.post(
        f"/mentoring/requests/{sri_request.id}/decline",
        data={"response": "Maaf, jadwal saya penuh bulan ini."},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/mentoring/inbox"
    assert "You declined the request of Sri Wahyuni Lubis." in text_of(
        client.get("/mentoring/inbox")
    )
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.DECLINED
    assert sri_request.response == "Maaf, jadwal saya penuh bulan ini."
    assert _profile(world.mentor).active_mentees == 0
    told = db.session.scalars(
        select(Notification).where(Notification.user_id == world.users["employee"].id)
    ).one()
    assert told.kind is NotificationKind.REQUEST_DECLINED
    mentee_page = text_of(login("employee").get("/mentoring/"))
    assert "Declined" in mentee_page and "Maaf, jadwal saya penuh" in mentee_page


def test_declining_in_place_answers_with_the_item(app, world, login, sri_request):
    response = login("mentor").post(
        f"/mentoring/requests/{sri_request.id}/decline", headers=HTMX
    )
    assert response.status_code == 200
    assert "You declined the request of Sri Wahyuni Lubis." in text_of(response)
    assert "inbox-changed" in response.headers["HX-Trigger"]
    assert 'name="response"' not in response.text


@pytest.mark.parametrize("htmx", [False, True])
def test_a_too_long_answer_is_refused_beside_the_field(
    app, world, login, sri_request, htmx
):
    response = login("mentor").post(
        f"/mentoring/requests/{sri_request.id}/decline",
        data={"response": "x" * 2001},
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    assert "Keep the message to 2000 characters." in text_of(response)
    assert ("<html" in response.text) is not htmx
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.PENDING


def test_a_full_mentor_cannot_accept(app, world, login, sri_request):
    profile = _profile(world.mentor)
    profile.capacity = 1
    db.session.commit()
    requests.accept_request(_ask(world, world.colleague, world.mentor.id))
    response = login("mentor").post(f"/mentoring/requests/{sri_request.id}/accept")
    assert response.status_code == 409
    assert "All your places are taken." in text_of(response)
    db.session.refresh(sri_request)
    assert sri_request.status is RequestStatus.PENDING
    assert _profile(world.mentor).active_mentees == 1
    assert _count(Mentorship) == 1


def test_an_answered_request_cannot_be_answered_again(app, world, login, sri_request):
    client = login("mentor")
    client.post(f"/mentoring/requests/{sri_request.id}/decline")
    response = client.post(f"/mentoring/requests/{sri_request.id}/accept")
    assert response.status_code == 409
    assert "This request has already been answered." in text_of(response)
    assert _count(Mentorship) == 0


def test_the_badge_counts_the_pending_requests(app, world, login, sri_request):
    client = login("mentor")
    badge = client.get("/mentoring/inbox/badge")
    assert badge.status_code == 200
    assert ">1</span>" in badge.text and "1 request awaits your answer" in badge.text
    assert "<html" not in badge.text
    client.post(f"/mentoring/requests/{sri_request.id}/decline")
    emptied = client.get("/mentoring/inbox/badge")
    assert 'class="badge empty"' in emptied.text
    assert login("admin").get("/mentoring/inbox/badge").status_code == 200


def test_inbox_queries_do_not_grow_with_the_requests(
    app, world, login, mentor_ready, count_queries
):
    plan = make_plan(world)
    _ask(world, world.employee, world.mentor.id, [g.id for g in plan.goals])
    client = login("mentor")
    client.get("/mentoring/inbox")
    with count_queries() as one:
        client.get("/mentoring/inbox")
    for n in range(4):
        mentee = _mentee(world, f"Pegawai {n}")
        other = make_plan(world, owner=mentee)
        _ask(world, mentee, world.mentor.id, [g.id for g in other.goals])
    with count_queries() as five:
        page = client.get("/mentoring/inbox")
    assert page.text.count('class="inbox-item"') == 5
    assert one.count == five.count <= 12
