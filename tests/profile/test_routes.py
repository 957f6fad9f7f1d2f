"""Profiles and inline assessments, as an htmx partial and as a full page."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AssessmentSource, CompetencyAssessment
from tests.conftest import text_of

HTMX = {"HX-Request": "true", "HX-Target": "competency-M.01"}


def _assessments(world, employee=None):
    employee = employee or world.employee
    return db.session.scalars(
        select(CompetencyAssessment)
        .where(CompetencyAssessment.employee_id == employee.id)
        .order_by(CompetencyAssessment.id)
    ).all()


def test_own_profile_shows_identity_and_competencies(login, world):
    response = login("employee").get("/profile")
    assert response.status_code == 200
    page = text_of(response)
    for expected in (
        "Sri Wahyuni Lubis",
        world.employee.nip_display,
        "Pengatur (II/c)",
        "Pengadministrasi Perkantoran",
        "Kelurahan Alpha",
        "Rahmat Siregar",
        "May 17, 1988",  # birth date read from the NIP
        "Integritas",
        "Pengelolaan Arsip",
        "0 of 3 required competencies met",
    ):
        assert expected in page, expected


def test_profile_bars_mark_level_gap_and_requirement(login, world):
    client = login("employee")
    client.post(
        f"/employees/{world.employee.id}/competencies/T.05", data={"level": "1"}
    )
    body = client.get("/profile").get_data(as_text=True)
    row = body[body.index('id="competency-T.05"') :]
    row = row[: row.index("</article>")]
    start = row.index('class="level-bar"')
    bar = row[start : row.index("</div>", start)]
    assert bar.count("cell filled") == 1
    assert bar.count(" gap") == 2
    assert "required" in bar.split("<span")[3]  # the third cell is the requirement
    assert "Gap of 2 levels" in text_of_html(row)


def text_of_html(html):
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_inline_self_assessment_returns_the_row_and_updates_summary(login, world):
    client = login("employee")
    response = client.post(
        f"/employees/{world.employee.id}/competencies/M.01",
        data={"level": "2", "note": "Sudah ikut pelatihan"},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert body.lstrip().startswith('<article class="competency status-met"')
    assert 'id="competency-summary" class="summary" hx-swap-oob="true"' in body
    assert 'id="assessment-history" hx-swap-oob="true"' in body
    assert "1 of 3 required competencies met" in text_of(response)
    assert "Saved: Integritas (en)." in response.headers["HX-Trigger"]
    assert response.vary.find("HX-Request") >= 0
    (saved,) = _assessments(world)
    assert (saved.level, saved.source, saved.note) == (
        2,
        AssessmentSource.SELF,
        "Sudah ikut pelatihan",
    )
    assert saved.assessed_by_id == world.users["employee"].id


def test_self_assessment_without_javascript_redirects_back(login, world):
    client = login("employee")
    response = client.post(
        f"/employees/{world.employee.id}/competencies/M.01", data={"level": "3"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/profile#competency-M.01"
    page = client.get("/profile")
    assert "Saved: Integritas (en)." in text_of(page)
    assert len(_assessments(world)) == 1


def test_every_change_is_kept_as_dated_history(login, world):
    client = login("employee")
    url = f"/employees/{world.employee.id}/competencies/M.01"
    for level in ("1", "2", "3"):
        client.post(url, data={"level": level})
    assert [a.level for a in _assessments(world)] == [1, 2, 3]
    body = client.get("/profile").get_data(as_text=True)
    history = body[body.index('id="assessment-history"') :]
    assert history.count("<td>M.01 Integritas (en)</td>") == 3
    assert history.count("<td>self-assessment</td>") == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level": "7"}, "Choose a level from 1 to 5."),
        ({"level": "0"}, "Choose a level from 1 to 5."),
        ({"level": "abc"}, "Choose a level from 1 to 5."),
        ({"level": ""}, "Choose a level from 1 to 5."),
        ({}, "Choose a level from 1 to 5."),
        ({"level": "3", "note": "x" * 501}, "at most 500 characters"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "page"])
def test_invalid_assessment_is_refused_with_a_message(
    login, world, data, message, htmx
):
    response = login("employee").post(
        f"/employees/{world.employee.id}/competencies/M.01",
        data=data,
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    assert message in text_of(response)
    body = response.get_data(as_text=True)
    assert ("<html" in body) is not htmx
    assert 'aria-invalid="true"' in body
    assert _assessments(world) == []


def test_unknown_competency_is_404(login, world):
    response = login("employee").post(
        f"/employees/{world.employee.id}/competencies/X.99", data={"level": "2"}
    )
    assert response.status_code == 404
    assert _assessments(world) == []


def test_forged_csrf_token_changes_nothing(login, world):
    response = login("employee").post(
        f"/employees/{world.employee.id}/competencies/M.01",
        data={"level": "2"},
        headers={"X-CSRFToken": "forged"},
    )
    assert response.status_code == 400
    assert _assessments(world) == []


def test_supervisor_assesses_a_subordinate(login, world):
    client = login("supervisor")
    page = client.get(f"/employees/{world.employee.id}")
    assert page.status_code == 200
    assert "You assess as direct supervisor" in text_of(page)
    client.post(
        f"/employees/{world.employee.id}/competencies/T.05",
        data={"level": "2"},
        headers={"HX-Request": "true"},
    )
    (saved,) = _assessments(world)
    assert saved.source == AssessmentSource.SUPERVISOR
    assert saved.assessed_by_id == world.users["supervisor"].id
    own_view = text_of(login("employee").get("/profile"))
    assert "Gap computed from the supervisor level" in own_view


def test_hr_records_assessment_centre_levels(login, world):
    login("hr").post(
        f"/employees/{world.employee.id}/competencies/M.02", data={"level": "4"}
    )
    (saved,) = _assessments(world)
    assert saved.source == AssessmentSource.ASSESSMENT


def test_admin_may_read_but_not_assess(login, world):
    client = login("admin")
    page = client.get(f"/employees/{world.employee.id}")
    assert page.status_code == 200
    assert 'name="level"' not in page.get_data(as_text=True)
    response = client.post(
        f"/employees/{world.employee.id}/competencies/M.01", data={"level": "2"}
    )
    assert response.status_code == 403
    assert _assessments(world) == []


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("employee", "colleague"),
        ("employee", "supervisor"),
        ("outsider", "employee"),
        ("mentor", "employee"),
        ("supervisor", "outsider"),
    ],
)
def test_other_peoples_profiles_are_404(login, world, role, target):
    employee = getattr(world, target)
    client = login(role)
    assert client.get(f"/employees/{employee.id}").status_code == 404
    assert client.get(f"/employees/{employee.id}/history").status_code == 404
    response = client.post(
        f"/employees/{employee.id}/competencies/M.01", data={"level": "5"}
    )
    assert response.status_code == 404
    assert _assessments(world, employee) == []


def test_missing_employee_is_404(login, world):
    assert login("hr").get("/employees/999999").status_code == 404


def test_login_without_employee_record_has_no_own_profile(login, world):
    assert login("admin").get("/profile").status_code == 404


def _many_assessments(world, count):
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 1, 1, tzinfo=UTC)
    db.session.add_all(
        CompetencyAssessment(
            employee=world.employee,
            competency=world.integrity,
            level=1 + n % 5,
            source=AssessmentSource.SELF,
            assessed_at=start + timedelta(hours=n),
        )
        for n in range(count)
    )
    db.session.commit()


def test_history_pages_as_partial_and_page(login, world):
    _many_assessments(world, 25)
    client = login("employee")
    partial = client.get(
        f"/employees/{world.employee.id}/history?page=3",
        headers={"HX-Request": "true", "HX-Target": "assessment-history"},
    )
    assert partial.status_code == 200
    body = partial.get_data(as_text=True)
    assert "<html" not in body
    assert body.count("<tr>") == 1 + 5  # header and the last five of 25
    assert "Page 3 of 3" in text_of(partial)
    page = client.get(f"/employees/{world.employee.id}/history?page=2")
    assert "<html" in page.get_data(as_text=True)
    assert "Page 2 of 3" in text_of(page)


@pytest.mark.parametrize("page", ["0", "-1", "abc"])
def test_bad_history_page_is_400(login, world, page):
    response = login("employee").get(
        f"/employees/{world.employee.id}/history?page={page}"
    )
    assert response.status_code == 400
    assert "whole number" in text_of(response)


def test_profile_queries_do_not_grow_with_assessments(login, world, count_queries):
    client = login("employee")
    _many_assessments(world, 5)
    with count_queries() as few:
        client.get("/profile")
    _many_assessments(world, 200)
    with count_queries() as many:
        client.get("/profile")
    assert few.count == many.count
    assert many.count <= 12


def test_supervisor_home_lists_direct_subordinates(login, world):
    page = text_of(login("supervisor").get("/"))
    assert "My direct subordinates" in page
    assert "Sri Wahyuni Lubis" in page and "Andi Nasution" in page
    assert "Budi Tarigan" not in page


def test_invalid_input_for_a_competency_outside_the_standard_is_422(login, world):
    from tests.factories import make_competency

    make_competency("T.06", "Teknologi Informasi")
    db.session.commit()
    response = login("employee").post(
        f"/employees/{world.employee.id}/competencies/T.06",
        data={"level": "9"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert 'id="competency-T.06"' in response.get_data(as_text=True)


def test_supervisor_home_pages_a_large_team(login, world, count_queries):
    from tests.factories import make_employee

    for number in range(45):
        make_employee(f"Anggota {number:02d}", world.kel, supervisor=world.supervisor)
    db.session.commit()
    client = login("supervisor")
    with count_queries() as counter:
        home = client.get("/")
    assert counter.count <= 12
    assert home.get_data(as_text=True).count('<td><a href="/employees/') == 20
    assert "Page 1 of 3" in text_of(home)
    partial = client.get(
        "/?page=3", headers={"HX-Request": "true", "HX-Target": "subordinates"}
    )
    body = partial.get_data(as_text=True)
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="subordinates">')
    assert "Page 3 of 3" in text_of(partial)
    assert login("supervisor").get("/?page=x").status_code == 400


def test_later_assessments_send_only_the_new_history_row(login, world):
    client = login("employee")
    url = f"/employees/{world.employee.id}/competencies/M.01"
    client.post(url, data={"level": "1"}, headers=HTMX)
    response = client.post(url, data={"level": "2", "note": "naik"}, headers=HTMX)
    body = response.get_data(as_text=True)
    assert 'id="assessment-history"' not in body
    assert '<template><tbody hx-swap-oob="afterbegin:#history-rows">' in body
    assert body.count("<tr>") == 1
    assert "<td>naik</td>" in body
