"""HR cohort matching: the preview's assignment, adjusting it, and confirming it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.hr.cohorts.services import MAX_COHORT, proposal
from app.models import (
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Notification,
    NotificationKind,
    PlanStatus,
    RequestOrigin,
    RequestStatus,
)
from tests.conftest import text_of
from tests.factories import make_position
from tests.hr.cohorts.helpers import build_cohort, make_mentee, make_mentor

URL = "/mentoring/cohort"
PREVIEW = URL + "?mentees=approved"
HTMX = {"HX-Request": "true", "HX-Target": "cohort-preview"}


@pytest.fixture
def cohort(world):
    """Three mentors and six mentees; see ``Cohort`` for the expected pairs."""
    return build_cohort(world, logins=True)


def proposed(response) -> dict[int, int]:
    """{mentee id: mentor id selected} of the proposed pairs table."""
    body = response.get_data(as_text=True)
    rows = re.findall(r'<tr id="pair-(\d+)">(.*?)</tr>', body, re.S)
    return {
        int(mentee): int(re.search(r'<option value="(\d+)" selected>', row)[1])
        for mentee, row in rows
    }


def unassigned(response) -> list[int]:
    body = response.get_data(as_text=True)
    return [int(i) for i in re.findall(r'<tr id="unassigned-(\d+)">', body)]


def options(response, mentee_id: int) -> list[int]:
    """The mentor ids offered in one mentee's select, in order ("" left out)."""
    body = response.get_data(as_text=True)
    select_html = re.search(
        rf'<select name="mentor_{mentee_id}"[^>]*>(.*?)</select>', body, re.S
    )[1]
    return [int(i) for i in re.findall(r'<option value="(\d+)"', select_html)]


def pairs_data(pairs: dict[int, int | str], **extra) -> dict:
    """Form data ticking each mentee with its chosen mentor ("" for none)."""
    data = {"mentee_id": [str(mentee) for mentee in pairs]}
    data.update({f"mentor_{mentee}": str(mentor) for mentee, mentor in pairs.items()})
    data.update(extra)
    return data


def requests_made() -> list[MentorshipRequest]:
    return db.session.scalars(
        select(MentorshipRequest).order_by(MentorshipRequest.id)
    ).all()


def notification_count() -> int:
    return db.session.scalar(select(func.count(Notification.id)))


# Who may --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "admin"])
def test_only_hr_may_match_cohorts(login, role):
    client = login(role)
    assert client.get(URL).status_code == 403
    assert client.get(PREVIEW).status_code == 403
    assert client.post(URL, data={"mentee_id": "1", "mentor_1": ""}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, world):
    for response in (client.get(PREVIEW), client.post(URL, data={})):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


# The form and the preview ------------------------------------------------------


def test_the_form_has_sensible_defaults_and_no_preview(login, cohort):
    response = login("hr").get(URL)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'value="approved" checked' in body
    assert "All open mentors" in body
    assert "Choose the mentees and mentors, then show the proposal." in text_of(
        response
    )
    assert "cohort-pairs" not in body


def test_the_preview_assigns_the_best_fits_within_capacity(login, cohort):
    response = login("hr").get(PREVIEW)
    assert response.status_code == 200
    assert proposed(response) == cohort.expected
    load = {}
    for mentor in proposed(response).values():
        load[mentor] = load.get(mentor, 0) + 1
    capacity = {
        p.employee_id: p.capacity for p in db.session.scalars(select(MentorProfile))
    }
    assert all(load[mentor] <= capacity[mentor] for mentor in load)
    page = text_of(response)
    assert "Mentees chosen 6 Mentors 4 Free places 7 Pairs proposed 4" in page
    assert (
        "Level 5 in Pengelolaan Arsip (en), 1 above the mentee&#39;s target of 4."
        in (page)
    )
    assert "Cakra Sinaga (65%)" in page


def test_alternatives_are_the_other_eligible_mentors_best_first(login, cohort):
    response = login("hr").get(PREVIEW)
    # Bayu is proposed Cakra; Arsip (57%) also fits; Bima teaches nothing he needs.
    assert options(response, cohort.both_4.id) == [cohort.cakra.id, cohort.arsip.id]
    assert options(response, cohort.team_int.id) == [cohort.cakra.id, cohort.bima.id]


def test_mentees_left_over_are_listed_with_the_reason(login, cohort):
    response = login("hr").get(PREVIEW)
    assert unassigned(response) == [cohort.integrity_5.id, cohort.arch_int_5.id]
    page = text_of(response)
    assert "Eka Lima Kelurahan Alpha · target: Jabatan T-INT No chosen mentor" in page
    assert (
        "Fajar Penuh Kelurahan Alpha · target: Jabatan T-ARS-INT5 The mentors who"
        in (page)
    )
    # Fajar may still be given Arsip's place by hand; Eka has nobody to choose.
    assert options(response, cohort.arch_int_5.id) == [cohort.arsip.id]
    assert f'name="mentor_{cohort.integrity_5.id}" value=""' in response.get_data(
        as_text=True
    )


def test_the_load_chart_counts_mentors_by_mentees_proposed(login, cohort):
    body = login("hr").get(PREVIEW).get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body
    # Dewi teaches nothing (0), Arsip and Bima 1 each, Cakra 2.
    bars = re.findall(r'data-load="(\d+)" data-mentors="(\d+)"', body)
    assert bars == [("0", "1"), ("1", "2"), ("2", "1")]
    assert f'data-mentor="{cohort.cakra.id}"' in body
    assert 'max="2" value="2"' in body  # Cakra's meter: 2 of 2 places


def test_the_preview_is_a_partial_for_htmx_and_a_page_otherwise(login, cohort):
    client = login("hr")
    partial = client.get(PREVIEW + "&unit=&mentor_unit=", headers=HTMX)
    body = partial.get_data(as_text=True)
    assert partial.status_code == 200
    assert body.lstrip().startswith('<section id="cohort-preview"')
    assert "<html" not in body and "Show the proposal" not in body
    assert partial.headers["HX-Push-Url"] == PREVIEW  # only the criteria set
    assert proposed(partial) == cohort.expected
    page = client.get(PREVIEW)
    assert "<html" in page.get_data(as_text=True)
    assert 'hx-target="#cohort-preview"' in page.get_data(as_text=True)
    assert proposed(page) == cohort.expected
    assert "HX-Request" in page.headers["Vary"]


def test_units_narrow_mentees_with_their_sub_units_and_mentors(login, world, cohort):
    client = login("hr")
    other = make_mentee(world, "Gita Beta", world.staff_position, unit=world.kel_b)
    response = client.get(f"{PREVIEW}&unit={world.kel_b.id}")
    assert set(proposed(response)) | set(unassigned(response)) == {other.id}
    # The kecamatan holds both kelurahan: everyone.
    response = client.get(f"{PREVIEW}&unit={world.kec.id}")
    assert len(proposed(response)) + len(unassigned(response)) == 7
    # No open mentor works in Kelurahan Beta: nobody gets one.
    response = client.get(f"{PREVIEW}&mentor_unit={world.kel_b.id}")
    assert proposed(response) == {}
    assert "Mentors 0 Free places 0 Pairs proposed 0" in text_of(response)


def test_any_plan_takes_drafts_and_avoids_mentors_already_asked(login, world, cohort):
    target = make_position("T-ARS-2", {world.archives: 4})
    draft = make_mentee(world, "Hana Draf", target, PlanStatus.DRAFT)
    db.session.add(
        MentorshipRequest(
            mentee_id=cohort.team_4.id,
            mentor_id=cohort.bima.id,
            created_by_id=world.users["hr"].id,
        )
    )
    db.session.commit()
    client = login("hr")
    approved = client.get(PREVIEW)
    assert draft.id not in proposed(approved) and draft.id not in unassigned(approved)
    assert cohort.team_4.id not in proposed(approved)  # a request pending
    any_plan = client.get(URL + "?mentees=any")
    assert draft.id in set(proposed(any_plan)) | set(unassigned(any_plan))
    # Citra asked Bima already: Cakra is proposed instead, Bima not offered.
    assert proposed(any_plan)[cohort.team_4.id] == cohort.cakra.id
    assert cohort.bima.id not in options(any_plan, cohort.team_4.id)


@pytest.mark.parametrize(
    "query, message",
    [
        ("?mentees=all", "Choose which mentees to match."),
        ("?mentees=approved&unit=999999", "There is no such unit."),
        ("?mentees=approved&mentor_unit=abc", "There is no such unit."),
    ],
)
def test_bad_criteria_are_400_with_the_message(login, cohort, query, message):
    client = login("hr")
    page = client.get(URL + query)
    assert page.status_code == 400
    assert message in text_of(page)
    assert 'aria-invalid="true"' in page.get_data(as_text=True)
    partial = client.get(URL + query, headers=HTMX)
    assert partial.status_code == 400
    assert message in text_of(partial)


def test_too_big_a_cohort_asks_for_a_unit(login, cohort, monkeypatch):
    monkeypatch.setattr(proposal, "MAX_COHORT", 5)
    response = login("hr").get(PREVIEW)
    assert response.status_code == 422
    assert "More than 5 mentees match. Choose a unit" in text_of(response)


def test_the_preview_queries_do_not_grow_with_the_mentees(login, world, count_queries):
    make_mentor(world, "Arsip Ginting", {world.archives: 5}, capacity=20)
    make_mentor(world, "Bima Purba", {world.teamwork: 5}, capacity=4)
    targets = [
        make_position("T-ARS", {world.archives: 4}),
        make_position("T-TIM", {world.teamwork: 4, world.integrity: 2}),
        make_position("T-INT", {world.integrity: 5}),
    ]
    for number in range(3):
        make_mentee(world, f"Pegawai {number:02d}", targets[number % 3])
    client = login("hr")
    client.get(PREVIEW)  # fits the model once
    with count_queries() as few:
        small = client.get(PREVIEW)
    for number in range(3, 12):
        make_mentee(world, f"Pegawai {number:02d}", targets[number % 3])
    with count_queries() as many:
        large = client.get(PREVIEW)
    assert len(proposed(small)) + len(unassigned(small)) == 3
    assert len(proposed(large)) + len(unassigned(large)) == 12
    assert few.count == many.count <= 12


# Confirming -------------------------------------------------------------------


def test_confirming_creates_cohort_requests_and_notifies_both(login, world, cohort):
    client = login("hr")
    response = client.post(URL, data=pairs_data(cohort.expected, mentees="approved"))
    assert response.status_code == 303
    assert response.headers["Location"] == PREVIEW
    made = requests_made()
    assert {(r.mentee_id, r.mentor_id) for r in made} == set(cohort.expected.items())
    hr = world.users["hr"]
    for request in made:
        assert request.origin is RequestOrigin.COHORT
        assert request.status is RequestStatus.PENDING
        assert request.created_by_id == hr.id
    score = {r.mentee_id: r.score for r in made}
    # No text anywhere: every score carries the text share's 0.95.
    assert score[cohort.archives_4.id] == pytest.approx(0.8 * 0.95, abs=1e-4)
    assert score[cohort.both_4.id] == pytest.approx(0.3 * 0.95, abs=1e-4)
    notices = db.session.scalars(select(Notification)).all()
    assert len(notices) == 2 * len(made)
    assert {n.kind for n in notices} == {NotificationKind.COHORT_PROPOSED}
    ani = next(r for r in made if r.mentee_id == cohort.archives_4.id)
    about_ani = {
        (n.user.employee_id, n.actor_name) for n in notices if n.subject_id == ani.id
    }
    assert about_ani == {
        (cohort.arsip.id, "Ani Arsip"),
        (cohort.archives_4.id, "Maya Sembiring"),
    }
    page = client.get(response.headers["Location"])
    assert "4 requests created, 0 skipped." in text_of(page)
    # Those mentees now have a request pending: the approved cohort is smaller.
    assert set(unassigned(page)) | set(proposed(page)) == {
        cohort.integrity_5.id,
        cohort.arch_int_5.id,
    }


def test_an_adjusted_pair_goes_to_the_mentor_chosen(login, cohort):
    chosen = {cohort.both_4.id: cohort.arsip.id, cohort.team_4.id: ""}
    response = login("hr").post(URL, data=pairs_data(chosen))
    assert response.status_code == 303
    assert response.headers["Location"] == URL
    (request,) = requests_made()
    assert (request.mentee_id, request.mentor_id) == (cohort.both_4.id, cohort.arsip.id)
    assert request.score == pytest.approx(0.4 * 0.95, abs=1e-4)


def _full(cohort):
    db.session.get(MentorProfile, _profile_id(cohort.bima)).active_mentees = 1


def _paused(cohort):
    db.session.get(MentorProfile, _profile_id(cohort.bima)).is_paused = True


def _not_a_mentor(cohort):
    db.session.get(MentorProfile, _profile_id(cohort.bima)).is_active = False


def _pending(cohort):
    db.session.add(
        MentorshipRequest(mentee_id=cohort.team_4.id, mentor_id=cohort.bima.id)
    )


def _has_mentor(cohort):
    request = MentorshipRequest(
        mentee_id=cohort.team_4.id,
        mentor_id=cohort.cakra.id,
        status=RequestStatus.ACCEPTED,
    )
    db.session.add(
        Mentorship(
            request=request, mentee_id=cohort.team_4.id, mentor_id=cohort.cakra.id
        )
    )


def _supervisor(cohort):
    cohort.team_4.supervisor_id = cohort.bima.id


def _profile_id(employee) -> int:
    return db.session.scalar(
        select(MentorProfile.id).where(MentorProfile.employee_id == employee.id)
    )


@pytest.mark.parametrize(
    "change, reason",
    [
        (_full, "The mentor has no free place now."),
        (_paused, "The mentor has paused mentoring."),
        (_not_a_mentor, "The mentor no longer offers mentoring."),
        (_pending, "The mentee already has a pending request to this mentor."),
        (_has_mentor, "The mentee has a mentor now."),
        (_supervisor, "The mentor is the mentee's own supervisor."),
    ],
)
def test_pairs_the_state_no_longer_allows_are_skipped(login, cohort, change, reason):
    client = login("hr")
    preview = client.get(PREVIEW)
    change(cohort)
    db.session.commit()
    before = len(requests_made())
    response = client.post(URL, data=pairs_data(proposed(preview)))
    assert response.status_code == 303
    made = requests_made()[before:]
    assert {(r.mentee_id, r.mentor_id) for r in made} == {
        pair for pair in cohort.expected.items() if pair[0] != cohort.team_4.id
    }
    page = text_of(client.get(response.headers["Location"]))
    assert "3 requests created, 1 skipped." in page
    assert f"1 pair was not sent: Citra Tim with Bima Purba: {reason}" in page
    assert "pair was not sent" not in text_of(client.get(URL))  # shown once


def test_a_mentor_gets_no_more_requests_than_places_left(login, cohort):
    # Fajar takes Arsip's single place by hand, beside Ani: Ani fits better.
    chosen = {
        cohort.arch_int_5.id: cohort.arsip.id,
        cohort.archives_4.id: cohort.arsip.id,
    }
    client = login("hr")
    response = client.post(URL, data=pairs_data(chosen))
    (request,) = requests_made()
    assert request.mentee_id == cohort.archives_4.id
    page = text_of(client.get(response.headers["Location"]))
    assert "1 request created, 1 skipped." in page
    assert "Fajar Penuh with Arsip Ginting: More pairs were chosen for this mentor" in (
        page
    )


def test_a_person_cannot_be_paired_with_themself(login, cohort):
    chosen = {cohort.cakra.id: cohort.cakra.id}
    client = login("hr")
    response = client.post(URL, data=pairs_data(chosen))
    assert requests_made() == []
    page = text_of(client.get(response.headers["Location"]))
    assert "0 requests created, 1 skipped." in page
    assert "A person cannot mentor themself." in page


@pytest.mark.parametrize(
    "data, status, message",
    [
        ({}, 422, "Tick at least one pair to send requests."),
        ({"mentee_id": "abc", "mentor_abc": "1"}, 400, "could not be read"),
        ({"mentee_id": "{ani}"}, 400, "could not be read"),
        ({"mentee_id": "{ani}", "mentor_{ani}": "x1"}, 400, "could not be read"),
        ({"mentee_id": ["{ani}", "{ani}"], "mentor_{ani}": "{arsip}"}, 400, "read"),
        ({"mentee_id": "999999", "mentor_999999": "{arsip}"}, 422, "not in the portal"),
        ({"mentee_id": "{ani}", "mentor_{ani}": "999999"}, 422, "not in the portal"),
        (
            {
                "mentee_id": ["{ani}", "{bayu}"],
                "mentor_{ani}": "{arsip}",
                "mentor_{bayu}": "Cakra",
            },
            400,
            "could not be read",
        ),
    ],
)
def test_malformed_confirmations_change_nothing(login, cohort, data, status, message):
    ids = {
        "ani": cohort.archives_4.id,
        "bayu": cohort.both_4.id,
        "arsip": cohort.arsip.id,
    }

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value.format(**ids)

    form = {fill(key): fill(value) for key, value in data.items()}
    response = login("hr").post(URL, data=form)
    assert response.status_code == status
    assert message in text_of(response)
    assert requests_made() == []
    assert notification_count() == 0


def test_more_pairs_than_a_cohort_holds_are_refused(login, cohort):
    ids = [str(n) for n in range(1, MAX_COHORT + 2)]
    data = {"mentee_id": ids, **{f"mentor_{i}": "" for i in ids}}
    response = login("hr").post(URL, data=data)
    assert response.status_code == 400
    assert f"Confirm at most {MAX_COHORT} pairs at once." in text_of(response)
    assert requests_made() == []


def test_confirming_needs_the_csrf_token(login, cohort):
    data = pairs_data({cohort.archives_4.id: cohort.arsip.id})
    response = login("hr").post(URL, data=data, csrf=False)
    assert response.status_code == 400
    assert requests_made() == []


def test_no_pair_to_propose_with_expertise_texts_is_a_page(login, world, cohort):
    # Texts make the model fit TF-IDF; mentees in two kelurahan, mentors in the
    # kecamatan only, so Kelurahan Beta has no open mentor to propose.
    for mentor, text in (
        (cohort.arsip, "Arsip dinamis dan retensi arsip"),
        (cohort.cakra, "Integritas pelayanan, kerja sama tim"),
    ):
        db.session.scalar(
            select(MentorProfile).where(MentorProfile.employee_id == mentor.id)
        ).expertise = text
    make_mentee(world, "Gita Beta", world.staff_position, unit=world.kel_b)
    db.session.commit()
    client = login("hr")
    for headers in ({}, HTMX):
        response = client.get(
            f"{PREVIEW}&mentor_unit={world.kel_b.id}", headers=headers
        )
        assert response.status_code == 200
        assert proposed(response) == {}
        assert len(unassigned(response)) == 7
        text = text_of(response)
        assert "Mentors 0 Free places 0 Pairs proposed 0" in text
        assert "No chosen mentor teaches what this mentee needs." in text
