"""The mentoring section, checked against values worked out by hand.

Kelurahan Alpha: the Lurah Rahmat, Sri, Andi, A1, A2 (the last four under him);
Kelurahan Beta: Budi, B1, B2, B3; the kecamatan itself: Dewi and Maya.

Active mentorships: Sri, Andi and B2 with Dewi, A1 with Rahmat; B3's with Dewi
is closed. Coverage: Alpha 3 of 5, Beta 1 of 4, the kecamatan 0 of 2: 4 of 11.
Mentors: Dewi 3 of 4 (room), A2 0 of 2 (room), Rahmat 1 of 1 (full), B1 paused.
Pending requests: A2 3 days, Budi 10 and 45 days, B3 20 days.
Sessions in the year before this one: March Sri 2 and B3 1, December B2 1; the
December before it Sri 1 (outside the twelve months).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import (
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
)
from app.monitoring.filters import Filters
from app.monitoring.scope import Scope
from app.monitoring.sections.mentoring import months_of
from app.monitoring.view import View
from tests.factories import make_employee

HTMX = {"HX-Request": "true", "HX-Target": "monitoring-figures"}
YEAR = date.today().year - 1


def _mentorship(mentee, mentor, status=MentorshipStatus.ACTIVE):
    request = MentorshipRequest(
        mentee=mentee, mentor=mentor, status=RequestStatus.ACCEPTED
    )
    mentorship = Mentorship(
        request=request, mentee=mentee, mentor=mentor, status=status
    )
    db.session.add(mentorship)
    return mentorship


def _waiting(mentee, mentor, days):
    db.session.add(
        MentorshipRequest(
            mentee=mentee,
            mentor=mentor,
            created_at=datetime.now(UTC) - timedelta(days=days, hours=1),
        )
    )


def _session(mentorship, held_on):
    db.session.add(
        MentoringSession(
            mentorship=mentorship, held_on=held_on, minutes=60, topic="Sesi"
        )
    )


def _person(world, name, unit, supervisor=None):
    return make_employee(
        name, unit, position=world.staff_position, supervisor=supervisor
    )


@pytest.fixture
def people(world):
    w = world
    a1, a2 = (_person(w, f"Alpha {n}", w.kel, w.supervisor) for n in "12")
    b1, b2, b3 = (_person(w, f"Beta {n}", w.kel_b) for n in "123")
    dewi = db.session.query(MentorProfile).filter_by(employee=w.mentor).one()
    dewi.capacity, dewi.active_mentees = 4, 3
    db.session.add_all(
        [
            MentorProfile(employee=w.supervisor, capacity=1, active_mentees=1),
            MentorProfile(employee=a2, capacity=2),
            MentorProfile(employee=b1, capacity=2, is_paused=True),
            MentorProfile(employee=b3, capacity=2, is_active=False),  # opted out
        ]
    )
    sri = _mentorship(w.employee, w.mentor)
    _mentorship(w.colleague, w.mentor)
    beta = _mentorship(b2, w.mentor)
    _mentorship(a1, w.supervisor)
    closed = _mentorship(b3, w.mentor, MentorshipStatus.CLOSED)
    _waiting(a2, w.mentor, 3)
    _waiting(w.outsider, w.mentor, 10)
    _waiting(w.outsider, w.supervisor, 45)
    _waiting(b3, a2, 20)
    _session(sri, date(YEAR, 3, 4))
    _session(sri, date(YEAR, 3, 18))
    _session(closed, date(YEAR, 3, 25))
    _session(beta, date(YEAR, 12, 5))
    _session(sri, date(YEAR - 1, 12, 20))
    db.session.commit()
    return {"a1": a1, "a2": a2, "b1": b1, "b2": b2, "b3": b3}


@pytest.fixture
def hr(login):
    return login("hr")


def _rows(body, table, key):
    part = re.search(rf'id="{table}">(.*?)</table>', body, re.S).group(1)
    return {
        match.group(1): dict(re.findall(r'data-(\w+)="([^"]*)"', match.group(2)))
        for match in re.finditer(rf'<tr data-{key}="([^"]+)"([^>]*)>', part)
    }


def _listed(client, query):
    body = client.get(f"/monitoring/people?{query}").get_data(as_text=True)
    found = re.findall(
        r'<tr data-employee="(\d+)">.*?<td>([^<]*)</td>\s*<td>(?:<a|<span)', body, re.S
    )
    return {int(person): value for person, value in found}


def _ids(client, query):
    body = client.get(f"/monitoring/people?{query}").get_data(as_text=True)
    return set(map(int, re.findall(r'<tr data-employee="(\d+)">', body)))


def test_coverage_per_unit_as_hr(hr, world, people):
    body = hr.get(f"/monitoring/mentoring?period={YEAR}").get_data(as_text=True)
    rows = _rows(body, "coverage-table", "unit")
    assert rows == {
        str(world.kec.id): {"people": "2", "mentored": "0"},
        str(world.kel.id): {"people": "5", "mentored": "3"},
        str(world.kel_b.id): {"people": "4", "mentored": "1"},
    }
    share = re.search(r'id="coverage-share">([^<]+)<', body).group(1)
    assert share == "36%"  # 4 of 11


def test_mentor_load_waiting_and_sessions_as_hr(hr, world, people):
    body = hr.get(f"/monitoring/mentoring?period={YEAR}").get_data(as_text=True)
    states = _rows(body, "mentors-table", "state")
    assert {k: v["count"] for k, v in states.items()} == {
        "full": "1", "room": "2", "paused": "1"
    }  # fmt: skip
    assert "4 mentees in a quota of 9 places." in body
    ages = _rows(body, "waiting-table", "age")
    assert {k: v["count"] for k, v in ages.items()} == {
        "week": "1", "month": "2", "older": "1"
    }  # fmt: skip
    assert "4 requests waiting" in body and "from 3 people" in body
    assert "The oldest has waited 45 days." in body
    months = dict(re.findall(r'<td data-month="([\d-]+)">(\d+)</td>', body))
    assert list(months) == [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    assert months[f"{YEAR}-03"] == "3" and months[f"{YEAR}-12"] == "1"
    assert sum(map(int, months.values())) == 4
    assert f"4 sessions in {YEAR}." in body


def test_a_supervisor_sees_only_their_people(login, world, people):
    client = login("supervisor")
    body = client.get(f"/monitoring/mentoring?period={YEAR}").get_data(as_text=True)
    rows = _rows(body, "coverage-table", "unit")
    assert rows == {str(world.kel.id): {"people": "4", "mentored": "3"}}
    states = _rows(body, "mentors-table", "state")
    assert {k: v["count"] for k, v in states.items()} == {
        "full": "0", "room": "1", "paused": "0"
    }  # fmt: skip
    ages = _rows(body, "waiting-table", "age")
    assert {k: v["count"] for k, v in ages.items()} == {
        "week": "1", "month": "0", "older": "0"
    }  # fmt: skip
    months = dict(re.findall(r'<td data-month="([\d-]+)">(\d+)</td>', body))
    assert months[f"{YEAR}-03"] == "2" and months[f"{YEAR}-12"] == "0"


def test_the_headline(hr, login, world, people):
    body = hr.get(f"/monitoring/?period={YEAR}").get_data(as_text=True)
    tile = re.search(r'id="tile-mentoring">(.*?)</article>', body, re.S).group(1)
    assert 'id="tile-mentoring-share">36%<' in tile
    assert "4 of 11 people have an active mentor." in tile
    assert "4 requests waiting" in tile and f"4 sessions in {YEAR}" in tile
    body = login("supervisor").get(f"/monitoring/?period={YEAR}").get_data(True)
    tile = re.search(r'id="tile-mentoring">(.*?)</article>', body, re.S).group(1)
    assert 'id="tile-mentoring-share">75%<' in tile
    assert "1 request waiting" in tile and f"2 sessions in {YEAR}" in tile


def test_the_drill_downs_name_the_right_people(hr, login, world, people):
    p = people
    assert _listed(hr, f"figure=mentored&unit={world.kel_b.id}") == {
        p["b2"].id: "Dewi Harahap"
    }
    assert _ids(hr, "figure=mentored") == {
        world.employee.id, world.colleague.id, p["a1"].id, p["b2"].id
    }  # fmt: skip
    assert _ids(login("supervisor"), "figure=not-mentored") == {p["a2"].id}
    assert _listed(hr, "figure=mentors&state=full") == {world.supervisor.id: "1 / 1"}
    assert _listed(hr, "figure=mentors&state=room") == {
        world.mentor.id: "3 / 4", p["a2"].id: "0 / 2"
    }  # fmt: skip
    assert _ids(hr, "figure=mentors&state=paused") == {p["b1"].id}
    assert _listed(hr, "figure=waiting-mentor&age=month") == {
        world.outsider.id: "10", p["b3"].id: "20"
    }  # fmt: skip
    assert _listed(hr, "figure=waiting-mentor&age=older") == {world.outsider.id: "45"}
    assert _listed(hr, "figure=waiting-mentor") == {
        p["a2"].id: "3", world.outsider.id: "45", p["b3"].id: "20"
    }  # fmt: skip
    assert _ids(login("supervisor"), "figure=waiting-mentor") == {p["a2"].id}


def test_the_links_carry_the_filters(hr, world, people):
    body = hr.get(f"/monitoring/mentoring?period={YEAR}").get_data(as_text=True)
    assert f"figure=not-mentored&amp;unit={world.kel_b.id}&amp;period={YEAR}" in body
    assert f"figure=waiting-mentor&amp;age=older&amp;period={YEAR}" in body


def test_a_bad_figure_choice_lists_everyone_with_a_notice(hr, people):
    response = hr.get("/monitoring/people?figure=waiting-mentor&age=forever")
    assert response.status_code == 200
    assert 'id="dash-ignored"' in response.get_data(as_text=True)


def test_filters_change_the_figures(hr, world, people):
    url = f"/monitoring/mentoring?period={YEAR}&unit={world.kel_b.id}"
    body = hr.get(url).get_data(as_text=True)
    assert re.search(r'id="coverage-share">([^<]+)<', body).group(1) == "25%"
    ages = _rows(body, "waiting-table", "age")
    assert {k: v["count"] for k, v in ages.items()} == {
        "week": "0", "month": "2", "older": "1"
    }  # fmt: skip
    body = hr.get(f"/monitoring/mentoring?period={YEAR}&employment=PPPK").get_data(
        as_text=True
    )
    assert "0 of 0 people in view" in body and 'id="waiting-table"' not in body


def test_a_bad_filter_is_dropped_with_a_notice(hr, people):
    response = hr.get("/monitoring/mentoring?unit=abc&rank=0")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="dash-ignored"' in body
    assert re.search(r'id="coverage-share">([^<]+)<', body).group(1) == "36%"


def test_htmx_gets_the_region_and_a_browser_the_page(hr, people):
    partial = hr.get("/monitoring/mentoring", headers=HTMX).get_data(as_text=True)
    assert "<html" not in partial and 'id="coverage-table"' in partial
    page = hr.get("/monitoring/mentoring").get_data(as_text=True)
    assert "<html" in page and 'id="coverage-table"' in page


def test_the_months_end_with_the_period_or_this_month():
    def months(period, today):
        view = View(Scope(), Filters(period=period), today)
        return months_of(view)

    past = months(2024, date(2026, 6, 15))
    assert past[0] == date(2024, 1, 1) and past[-1] == date(2024, 12, 1)
    current = months(2026, date(2026, 6, 15))
    assert current[0] == date(2025, 7, 1) and current[-1] == date(2026, 6, 1)
    assert len(current) == 12


@pytest.mark.parametrize("url", ["/monitoring/mentoring", "/monitoring/"])
def test_the_queries_do_not_grow_with_the_data(hr, world, people, count_queries, url):
    with count_queries() as few:
        assert hr.get(f"{url}?period={YEAR}").status_code == 200
    for n in range(10):
        mentee = _person(world, f"Gamma {n}", world.kel_b)
        mentorship = _mentorship(mentee, people["a2"])
        _session(mentorship, date(YEAR, 1 + n, 2))
        _waiting(mentee, world.supervisor, n * 7)
    db.session.commit()
    with count_queries() as many:
        assert hr.get(f"{url}?period={YEAR}").status_code == 200
    assert few.count == many.count <= 12
