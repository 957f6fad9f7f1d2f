"""The home page: one card per thing the user's roles let them do."""

from app.extensions import db
from app.models import MentorshipRequest
from tests.conftest import text_of


def test_home_shows_mentoring_to_employees_and_the_inbox_to_mentors(world, login):
    db.session.add_all(
        MentorshipRequest(mentee=mentee, mentor=world.mentor)
        for mentee in (world.employee, world.outsider)
    )
    db.session.commit()
    employee = text_of(login("employee").get("/"))
    assert "Find a mentor" in employee
    assert "Mentoring requests" not in employee
    mentor = text_of(login("mentor").get("/"))
    assert "Mentoring requests 2 requests await your answer." in mentor


def test_home_offers_hr_the_cohort_matching(world, login):
    assert "Cohort matching Propose mentors" in text_of(login("hr").get("/"))
    assert "Cohort matching" not in text_of(login("supervisor").get("/"))


def test_home_queries_stay_few(world, login, count_queries):
    client = login("mentor")
    client.get("/")
    with count_queries() as counter:
        assert client.get("/").status_code == 200
    assert counter.count <= 8
