"""The bridge to the matching model: mentee features, caching, reasons in words."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.i18n import LOCALE_COOKIE, local_today
from app.mentoring import fitting, queries, suggest
from app.mentoring.services import mentorships, profiles, requests
from app.mentoring.suggest import Filters
from app.models import AssessmentSource, MentorCompetency, MentorProfile, Mentorship
from tests.factories import make_assessment, make_employee, make_plan, make_user


def _mentor(world, name, levels: dict, unit=None, capacity=2, expertise=""):
    """A mentor offering each competency of ``levels``, assessed at that level.

    Stored as data rather than through the profile form, so that a level below
    the teaching level is an offer saved under an older rule: a namesake.
    """
    person = make_employee(name, unit or world.kel_b)
    make_user(person)
    for competency, level in levels.items():
        make_assessment(person, competency, level)
    db.session.add(
        MentorProfile(
            employee=person,
            capacity=capacity,
            expertise=expertise,
            competencies=[MentorCompetency(competency=c) for c in levels],
        )
    )
    db.session.commit()
    return person


@pytest.fixture
def mentee(world):
    """Sri: archives 1 (needs 3), teamwork 2 (met), integrity unassessed (needs 2)."""
    make_assessment(world.employee, world.archives, 1)
    make_assessment(world.employee, world.teamwork, 2)
    db.session.commit()
    return world.employee


def test_the_mentee_profile_reads_the_plan_target_and_goal_levels(world, mentee):
    plan = make_plan(world, goals=2)  # goal 1: archives to level 3
    plan.goals[1].competency = world.teamwork
    plan.goals[1].target_level = 4  # above the position's 2
    db.session.commit()
    (profile,), plans = fitting.mentee_profiles([mentee], local_today().year)
    assert plans[mentee.id].id == plan.id
    assert profile.target == {
        world.integrity.id: 2,
        world.teamwork.id: 4,
        world.archives.id: 3,
    }
    assert profile.current == {world.archives.id: 1, world.teamwork.id: 2}
    assert profile.goal_competencies == {world.archives.id, world.teamwork.id}
    assert "Sasaran 1" in profile.text and "Pengadministrasi" in profile.text


def test_suggestions_rank_the_mentor_who_covers_the_gap_first(app, world, mentee):
    archivist = _mentor(world, "Lina Arsip", {world.archives: 4})
    _mentor(world, "Tono Tim", {world.teamwork: 5, world.integrity: 3})
    _mentor(world, "Rudi Rendah", {world.archives: 3} | {world.teamwork: 3})
    with app.test_request_context(headers={"Cookie": f"{LOCALE_COOKIE}=en"}):
        found, _ = suggest.suggest_for(mentee, local_today(), Filters())
    # Tono holds integrity at 3 and Rudi archives at 3: neither teaches them.
    assert [s.mentor.id for s in found] == [archivist.id]
    assert found[0].reasons[0] == (
        "Level 4 in Pengelolaan Arsip (en), 1 above your target of 3."
    )
    assert all(0 < s.score <= 1 for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_a_mentor_teaches_from_levels_others_gave_never_their_own(app, world, mentee):
    # Both offer archives (Sri's target 3). Lina's 5 is her own word; Yuni's 4
    # is her supervisor's, under a later self-assessed 5.
    lina = _mentor(world, "Lina Arsip", {})
    make_assessment(lina, world.archives, 5, AssessmentSource.SELF)
    yuni = _mentor(world, "Yuni Arsip", {world.archives: 4})
    make_assessment(yuni, world.archives, 5, AssessmentSource.SELF)
    for person in (lina, yuni):
        profile = queries.profile_of(person.id)
        profile.competencies = [MentorCompetency(competency_id=world.archives.id)]
    db.session.commit()
    with app.test_request_context(headers={"Cookie": f"{LOCALE_COOKIE}=en"}):
        found, _ = suggest.suggest_for(mentee, local_today(), Filters())
    assert [s.mentor.id for s in found] == [yuni.id]
    assert found[0].reasons[0] == (
        "Level 4 in Pengelolaan Arsip (en), 1 above your target of 3."
    )


def test_the_model_is_refitted_when_mentors_or_their_assessments_change(
    app, world, mentee
):
    _mentor(world, "Lina Arsip", {world.archives: 4})
    first = fitting.current_model()
    assert fitting.current_model() is first  # nothing changed: the cached fit
    late = _mentor(world, "Yuni Baru", {world.archives: 5})
    second = fitting.current_model()
    assert second is not first and late.id in second.mentor_ids
    make_assessment(mentee, world.integrity, 1)  # a mentee's levels are read fresh
    db.session.commit()
    assert fitting.current_model() is second
    make_assessment(late, world.integrity, 4)
    db.session.commit()
    assert fitting.current_model() is not second


def test_places_and_pauses_apply_without_a_refit(app, world, mentee):
    lina = _mentor(world, "Lina Arsip", {world.archives: 4}, capacity=1)
    model = fitting.current_model()
    with app.test_request_context():
        assert [
            s.mentor.id
            for s in suggest.suggest_for(mentee, local_today(), Filters())[0]
        ] == [lina.id]
        profiles.set_paused(queries.profile_of(lina.id), True)
        assert suggest.suggest_for(mentee, local_today(), Filters())[0] == []
        profiles.set_paused(queries.profile_of(lina.id), False)
        assert len(suggest.suggest_for(mentee, local_today(), Filters())[0]) == 1
        # Her one place taken by someone else: she leaves the list, unrefitted.
        requests.accept_request(
            requests.send_request(
                world.colleague, lina.id, "", [], world.users["hr"], local_today()
            )
        )
        assert suggest.suggest_for(mentee, local_today(), Filters())[0] == []
    assert fitting.current_model() is model


def test_suggestions_take_a_fixed_number_of_queries(app, world, mentee, count_queries):
    def measure():
        fitting.forget_models()
        fitting.current_model()  # the fit is paid once per data change
        with app.test_request_context(), count_queries() as counter:
            suggest.suggest_for(mentee, local_today(), Filters())
        return counter.count

    _mentor(world, "Lina Arsip", {world.archives: 4})
    few = measure()
    for n in range(12):
        _mentor(world, f"Mentor {n}", {world.archives: 4 + n % 2, world.teamwork: 4})
    assert measure() == few


def test_suggestions_carry_the_ratings_former_mentees_gave(app, world, mentee, login):
    lina = _mentor(world, "Lina Arsip", {world.archives: 4}, capacity=3)
    for person, stars in ((world.colleague, 5), (world.outsider, 4)):
        mentorship = requests.accept_request(
            requests.send_request(
                person, lina.id, "", [], world.users["hr"], local_today()
            )
        )
        user = person.user or make_user(person)
        db.session.commit()
        mentorships.close_mentorship(
            db.session.get(Mentorship, mentorship.id), user, stars, ""
        )
    with app.test_request_context(headers={"Cookie": f"{LOCALE_COOKIE}=en"}):
        (found,), _ = suggest.suggest_for(mentee, local_today(), Filters())
    assert (found.rating, found.ratings) == (4.5, 2)
    page = login("employee").get("/mentoring/find").get_data(as_text=True)
    assert "★ 4.5" in page and "(2 mentees)" in page


def _rated(world, mentor, stars: list[int]) -> None:
    """Close one mentorship per rating, each rated by its mentee on closing."""
    for n, given in enumerate(stars):
        person = make_employee(f"Mentee {mentor.id}-{n}", world.kel)
        user = make_user(person)
        db.session.commit()
        mentorship = requests.accept_request(
            requests.send_request(
                person, mentor.id, "", [], world.users["hr"], local_today()
            )
        )
        mentorships.close_mentorship(
            db.session.get(Mentorship, mentorship.id), user, given, "Bagus."
        )


def test_each_mentor_card_shows_the_mentors_own_rating(app, world, mentee, login):
    lina = _mentor(
        world, "Lina Arsip", {world.archives: 4}, capacity=3, expertise="Arsip dinamis"
    )
    budi = _mentor(
        world, "Budi Tim", {world.archives: 5, world.teamwork: 4}, unit=world.kel
    )
    tono = _mentor(world, "Tono Baru", {world.archives: 4, world.integrity: 4})
    _rated(world, lina, [5, 4])
    _rated(world, budi, [2])
    with app.test_request_context(headers={"Cookie": f"{LOCALE_COOKIE}=en"}):
        found, _ = suggest.suggest_for(mentee, local_today(), Filters())
    ratings = {s.mentor.id: (s.rating, s.ratings) for s in found}
    assert ratings == {lina.id: (4.5, 2), budi.id: (2.0, 1), tono.id: (None, 0)}
    client = login("employee")
    page = client.get("/mentoring/find").get_data(as_text=True)
    cards = {
        name: card
        for card in page.split('<article class="mentor-card">')[1:]
        for name in ("Lina Arsip", "Budi Tim", "Tono Baru")
        if name in card
    }
    assert "★ 4.5" in cards["Lina Arsip"] and "(2 mentees)" in cards["Lina Arsip"]
    assert "★ 2.0" in cards["Budi Tim"] and "(1 mentee)" in cards["Budi Tim"]
    assert "★" not in cards["Tono Baru"]
    for mentor, shown in ((lina, "★ 4.5"), (budi, "★ 2.0"), (tono, None)):
        asked = client.get(f"/mentoring/mentors/{mentor.id}/request")
        body = asked.get_data(as_text=True)
        assert asked.status_code == 200
        assert (shown in body) if shown else ("★" not in body)
