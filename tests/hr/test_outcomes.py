"""HR's mentoring outcomes page: before and after levels of what was taught,
ratings, the figures per mentor, the unit filter, the CSV, and bad input."""

from __future__ import annotations

import csv
import io
import re

import pytest

from app.extensions import db
from app.hr.outcomes import report as outcome_report
from app.models import Mentorship, MentorshipStatus
from tests.conftest import text_of
from tests.factories import make_employee, make_unit
from tests.hr.outcome_data import (
    CENTRE,
    DASH,
    SELF,
    SUPERVISOR,
    assess,
    closed_mentorship,
    from_start,
    two_mentors,
)

URL = "/hr/mentoring/outcomes"
CSV_URL = "/hr/mentoring/outcomes.csv"
HTMX = {"HX-Request": "true", "HX-Target": "outcome-results"}


def row_text(response, mentorship: Mentorship) -> str:
    body = response.get_data(as_text=True)
    found = re.search(rf'<tr id="mentorship-{mentorship.id}">(.*?)</tr>', body, re.S)
    assert found, f"mentorship {mentorship.id} not listed"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1]))


def listed(response) -> list[int]:
    body = response.get_data(as_text=True)
    return [int(i) for i in re.findall(r'<tr id="mentorship-(\d+)">', body)]


def mentor_row(response, mentor) -> dict[str, str]:
    body = response.get_data(as_text=True)
    row = re.search(rf'<tr data-mentor="{mentor.id}">(.*?)</tr>', body, re.S)[1]
    return {
        name: re.search(rf'<td class="{name}">(.*?)</td>', row, re.S)[1].strip()
        for name in ("mentorships", "rating", "rises")
    }


@pytest.fixture
def hr(login):
    return login("hr")


# The before/after rule on real histories --------------------------------------


def test_levels_before_and_after_the_start_with_their_sources(hr, world):
    sri = world.employee
    # Integrity (a goal of the request): supervisor 2 and a newer self 4 before
    # the start, the supervisor's 3 after it: a confirmed rise from 2.
    assess(sri, world.integrity, 2, SUPERVISOR, from_start(-120))
    assess(sri, world.integrity, 4, SELF, from_start(-5))
    assess(sri, world.integrity, 3, SUPERVISOR, from_start(70))
    # Archives (an activity the sessions counted toward): the assessment
    # centre's 3 before, only the mentee's own 4 after: shown, not counted.
    assess(sri, world.archives, 3, CENTRE, from_start(-200))
    assess(sri, world.archives, 4, SELF, from_start(60))
    # Teamwork rose too, but the mentor did not teach it.
    assess(sri, world.teamwork, 1, SUPERVISOR, from_start(-10))
    assess(sri, world.teamwork, 3, SUPERVISOR, from_start(30))
    mentorship = closed_mentorship(
        world.mentor,
        sri,
        goals=[world.integrity],
        sessions=[world.archives],
        mentee_rating=5,
        mentor_rating=4,
    )
    response = hr.get(URL)
    assert response.status_code == 200
    row = row_text(response, mentorship)
    assert "M.01 Integritas (en): level 2 to 3 (supervisor), rose" in row
    assert (
        "T.05 Pengelolaan Arsip (en): level 3 to 4 (self-assessment), "
        "rose, self-assessed" in row
    )
    assert "M.02" not in row
    assert "★ 5" in row and "★ 4" in row
    page = text_of(response)
    assert "1 of 2 (50%)" in page  # confirmed rises of the reassessed
    assert "and 1 rise by self-assessment only, not counted" in page


def test_not_reassessed_no_earlier_level_and_no_competency(hr, world):
    sri, andi = world.employee, world.colleague
    assess(sri, world.integrity, 2, SUPERVISOR, from_start(-30))
    assess(sri, world.teamwork, 3, SUPERVISOR, from_start(40))  # after only
    unread = closed_mentorship(
        world.mentor, sri, goals=[world.integrity, world.teamwork], mentee_rating=3
    )
    nothing = closed_mentorship(world.mentor, andi, mentee_rating=4)
    response = hr.get(URL)
    row = row_text(response, unread)
    assert f"level 2 to {DASH}, not reassessed" in row
    assert f"level {DASH} to 3 (supervisor), no earlier level" in row
    assert "no competency named" in row_text(response, nothing)
    page = text_of(response)
    assert "Closed mentorships 2 (1 names no competency)" in page
    # Neither is comparable: nothing reassessed, no share shown.
    assert f"Taught competencies reassessed 0 Confirmed rises {DASH}" in page
    assert "★ 3.5 (2 ratings)" in page


def test_an_active_mentorship_is_not_listed(hr, world):
    mentorship = closed_mentorship(world.mentor, world.employee, mentee_rating=4)
    mentorship.status = MentorshipStatus.ACTIVE
    db.session.commit()
    response = hr.get(URL)
    assert listed(response) == []
    assert "No closed mentorships yet." in text_of(response)


# Figures per mentor -----------------------------------------------------------


def test_figures_per_mentor_differ(hr, world):
    bima, _ = two_mentors(world)
    response = hr.get(URL)
    assert mentor_row(response, world.mentor) == {
        "mentorships": "2",
        "rating": "4.5",
        "rises": "3 / 4",
    }
    assert mentor_row(response, bima) == {
        "mentorships": "2",
        "rating": "2.0",
        "rises": "0 / 2",
    }
    body = response.get_data(as_text=True)
    bars = dict(
        re.findall(
            r'<g class="outcome-bar" data-mentor="(\d+)" data-confirmed="(\d+)"', body
        )
    )
    assert bars == {str(world.mentor.id): "3", str(bima.id): "0"}
    # The most reassessed first.
    assert body.index(f'data-mentor="{world.mentor.id}"') < body.index(
        f'data-mentor="{bima.id}"'
    )
    page = text_of(response)
    assert "Closed mentorships 4" in page
    assert "3 of 6 (50%)" in page
    assert "★ 3.7 (3 ratings)" in page


# The unit filter ----------------------------------------------------------------


def test_the_unit_filter_takes_the_mentors_unit_and_the_units_below(hr, world):
    _, (dewi_sri, dewi_andi, bima_budi, bima_andi) = two_mentors(world)
    lingkungan = make_unit("LING-B", "Lingkungan Beta", parent=world.kel_b)
    cici = make_employee("Cici Lubis", lingkungan, position=world.lurah_position)
    lone = make_employee("Dodi Sinaga", world.kel, position=world.staff_position)
    cici_lone = closed_mentorship(cici, lone, mentee_rating=1)
    everyone = hr.get(URL)
    assert sorted(listed(everyone)) == sorted(
        m.id for m in (dewi_sri, dewi_andi, bima_budi, bima_andi, cici_lone)
    )
    beta = hr.get(f"{URL}?unit={world.kel_b.id}")
    in_beta = (bima_budi, bima_andi, cici_lone)
    assert sorted(listed(beta)) == sorted(m.id for m in in_beta)
    assert f'data-mentor="{world.mentor.id}"' not in beta.get_data(as_text=True)
    assert "Closed mentorships 3" in text_of(beta)
    only_below = hr.get(f"{URL}?unit={lingkungan.id}")
    assert listed(only_below) == [cici_lone.id]
    kecamatan = hr.get(f"{URL}?unit={world.kec.id}")  # Dewi's unit and all below
    assert len(listed(kecamatan)) == 5
    alpha = hr.get(f"{URL}?unit={world.kel.id}")  # no mentor there
    assert listed(alpha) == []
    assert "Closed mentorships 0" in text_of(alpha)


def test_the_filter_answers_htmx_with_the_results_only(hr, world):
    two_mentors(world)
    partial = hr.get(f"{URL}?unit={world.kel_b.id}", headers=HTMX)
    body = partial.get_data(as_text=True)
    assert partial.status_code == 200
    assert body.lstrip().startswith('<section id="outcome-results"')
    assert "<html" not in body
    assert partial.headers["HX-Push-Url"] == f"{URL}?unit={world.kel_b.id}"
    full = hr.get(f"{URL}?unit={world.kel_b.id}")
    assert "<html" in full.get_data(as_text=True)
    assert "Vary" in full.headers and "HX-Request" in full.headers["Vary"]


def test_the_list_is_paged(hr, world, monkeypatch):
    monkeypatch.setattr(outcome_report, "PAGE_SIZE", 2)
    mentees = [
        make_employee(f"Pegawai {n}", world.kel, position=world.staff_position)
        for n in range(5)
    ]
    made = [
        closed_mentorship(world.mentor, m, started=from_start(n), mentee_rating=4)
        for n, m in enumerate(mentees)
    ]
    newest_first = [m.id for m in reversed(made)]
    first = hr.get(URL)
    assert listed(first) == newest_first[:2]
    assert "Page 1 of 3" in text_of(first)
    assert f'href="{URL}?page=2"' in first.get_data(as_text=True)
    assert listed(hr.get(f"{URL}?page=2")) == newest_first[2:4]
    assert listed(hr.get(f"{URL}?page=3", headers=HTMX)) == newest_first[4:]
    # Beyond the last page: the last page.
    assert listed(hr.get(f"{URL}?page=40")) == newest_first[4:]
    # The figures cover every page.
    assert "Closed mentorships 5" in text_of(first)


# The CSV --------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_has_a_line_per_taught_competency(hr, world):
    two_mentors(world)
    response = hr.get(CSV_URL)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.content_type == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    heading, *lines = _csv(response)
    # Indonesian headings, whatever the reader's language (English here).
    assert heading[:3] == ["Mentor", "NIP mentor", "Unit kerja mentor"]
    assert "Level sebelum" in heading and "Kenaikan terkonfirmasi" in heading
    assert len(lines) == 2 + 2 + 2 + 1  # three with two competencies, one none
    column = {name: heading.index(name) for name in heading}
    sri = [line for line in lines if line[column["Mentee"]] == "Sri Wahyuni Lubis"]
    assert [
        (
            line[column["Kode kompetensi"]],
            line[column["Level sebelum"]],
            line[column["Level sesudah"]],
            line[column["Sumber level sesudah"]],
            line[column["Hasil"]],
            line[column["Kenaikan terkonfirmasi"]],
            line[column["Nilai dari mentee"]],
        )
        for line in sri
    ] == [
        ("M.01", "2", "3", "penilaian atasan", "naik", "ya", "5"),
        ("M.02", "2", "4", "asesmen", "naik", "ya", "5"),
    ]
    budi = [line for line in lines if line[column["Mentee"]] == "Budi Tarigan"]
    assert [line[column["Hasil"]] for line in budi] == [
        "level tetap",
        "naik (penilaian diri)",
    ]
    none = [line for line in lines if not line[column["Kode kompetensi"]]]
    assert [line[column["Hasil"]] for line in none] == [
        "tidak ada kompetensi yang disebut"
    ]
    assert none[0][column["Nilai dari mentor"]] == "3"
    assert none[0][column["NIP mentee"]] == world.colleague.nip_display
    filtered = _csv(hr.get(f"{CSV_URL}?unit={world.kel_b.id}"))
    assert {line[0] for line in filtered[1:]} == {"Bima Purba"}


def test_the_csv_never_starts_a_cell_with_a_formula(hr, world):
    world.mentor.name = "=HYPERLINK(1)"
    world.mentor.front_title = ""
    world.mentor.back_title = ""
    closed_mentorship(world.mentor, world.employee, mentee_rating=4)
    _, line = _csv(hr.get(CSV_URL))
    assert line[0] == "'=HYPERLINK(1)"


# Query count ----------------------------------------------------------------------


def _taught_mentorships(world, mentor, count: int, offset: int) -> None:
    for n in range(count):
        mentee = make_employee(
            f"Pegawai {offset + n}", world.kel, position=world.staff_position
        )
        assess(mentee, world.integrity, 2, SUPERVISOR, from_start(-20))
        assess(mentee, world.integrity, 3, SUPERVISOR, from_start(40))
        assess(mentee, world.archives, 3, SELF, from_start(40))
        closed_mentorship(
            mentor,
            mentee,
            goals=[world.integrity],
            sessions=[world.archives],
            mentee_rating=1 + n % 5,
            mentor_rating=4,
        )


def test_the_page_and_the_csv_keep_their_query_count(hr, world, count_queries):
    bima = make_employee("Bima Purba", world.kel_b, position=world.lurah_position)
    _taught_mentorships(world, world.mentor, 1, 0)
    _taught_mentorships(world, bima, 1, 10)
    hr.get(URL)  # the first request of a client loads what every later one reuses
    with count_queries() as few:
        small = hr.get(URL)
    with count_queries() as few_csv:
        hr.get(CSV_URL)
    others = [
        make_employee(f"Mentor {n}", world.kel_b, position=world.lurah_position)
        for n in range(14)
    ]
    for number, mentor in enumerate([world.mentor, bima, *others]):
        _taught_mentorships(world, mentor, 3, 100 + 10 * number)
    with count_queries() as many:
        large = hr.get(URL)
    with count_queries() as many_csv:
        hr.get(CSV_URL)
    assert len(listed(small)) == 2 and len(listed(large)) == 50
    assert few.count == many.count <= 10, many.statements
    assert few_csv.count == many_csv.count


# Who may, and bad input ------------------------------------------------------------


@pytest.mark.parametrize("role", ["employee", "supervisor", "mentor", "admin"])
def test_only_hr_opens_the_outcomes(login, world, role):
    client = login(role)
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403
    assert "Mentoring outcomes" not in text_of(client.get("/"))


def test_hr_finds_the_page_in_the_menu_and_on_the_home_page(hr):
    body = hr.get("/").get_data(as_text=True)
    assert body.count(f'href="{URL}"') == 2
    assert "Mentoring outcomes See whether mentees" in text_of(hr.get("/"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", "The page number must be a whole number from 1."),
        ("page=0", "The page number must be a whole number from 1."),
        ("page=99999999999999999999", "The page number must be a whole number from 1."),
        ("page=%C2%B2", "The page number must be a whole number from 1."),
        ("unit=%00", "The input or link contains a character that cannot be used."),
        ("unit=99999999", "There is no such unit."),
        ("unit=99999999999999999999", "There is no such unit."),
        ("unit=abc", "There is no such unit."),
    ],
)
def test_bad_filters_are_refused_with_a_message(hr, world, query, message):
    closed_mentorship(world.mentor, world.employee, mentee_rating=4)
    page = hr.get(f"{URL}?{query}")
    assert page.status_code == 400
    assert message in text_of(page)
    partial = hr.get(f"{URL}?{query}", headers=HTMX)
    assert partial.status_code == 400
    assert message in text_of(partial)
    exported = hr.get(f"{CSV_URL}?{query}")
    assert exported.status_code == 400
    assert message in text_of(exported)


def test_unknown_parameters_are_ignored(hr, world):
    closed_mentorship(world.mentor, world.employee, mentee_rating=4)
    response = hr.get(f"{URL}?_external=1&sort=name&page=")
    assert response.status_code == 200
    assert len(listed(response)) == 1
