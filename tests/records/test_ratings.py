"""The yearly SKP: the predikat from the PermenPANRB 6/2022 matrix, one rating a
year, never a year to come, and removing a wrong one."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.errors import Conflict
from app.extensions import db
from app.i18n import local_today
from app.models import (
    AuditEvent,
    Expectation,
    PerformanceRating,
    Predikat,
    predikat_of,
)
from app.models.records import PREDIKAT_MATRIX
from app.records import queries
from app.records.services.entries import RatingFields, add_rating
from tests.conftest import text_of
from tests.records.conftest import HTMX, records_url, snapshot

BELOW, AS, ABOVE = Expectation.BELOW, Expectation.AS_EXPECTED, Expectation.ABOVE

# Every cell of the matrix in DOMAIN.md, written out by hand:
# (hasil kerja, perilaku kerja) -> predikat.
CELLS = [
    (ABOVE, BELOW, Predikat.KURANG),
    (ABOVE, AS, Predikat.BAIK),
    (ABOVE, ABOVE, Predikat.SANGAT_BAIK),
    (AS, BELOW, Predikat.KURANG),
    (AS, AS, Predikat.BAIK),
    (AS, ABOVE, Predikat.BAIK),
    (BELOW, BELOW, Predikat.SANGAT_KURANG),
    (BELOW, AS, Predikat.BUTUH_PERBAIKAN),
    (BELOW, ABOVE, Predikat.BUTUH_PERBAIKAN),
]
LABELS = {
    Predikat.SANGAT_BAIK: "Sangat Baik",
    Predikat.BAIK: "Baik",
    Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.KURANG: "Kurang/Misconduct",
    Predikat.SANGAT_KURANG: "Sangat Kurang",
}


def _ratings(employee) -> list[PerformanceRating]:
    return db.session.scalars(
        select(PerformanceRating)
        .where(PerformanceRating.employee_id == employee.id)
        .order_by(PerformanceRating.year)
    ).all()


def _rate(client, employee, year, hasil="as_expected", perilaku="as_expected", **kw):
    data = {"year": str(year), "hasil_kerja": hasil, "perilaku": perilaku}
    return client.post(records_url(employee, "ratings"), data=data, **kw)


def test_the_matrix_covers_all_nine_cells():
    assert len(PREDIKAT_MATRIX) == 9
    assert {(h, p) for h, p, _ in CELLS} == set(PREDIKAT_MATRIX)


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), CELLS)
def test_predikat_of_each_cell(hasil, perilaku, expected):
    assert predikat_of(hasil, perilaku) is expected


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), CELLS)
def test_a_recorded_year_shows_its_predikat(hr, world, hasil, perilaku, expected):
    response = _rate(
        hr, world.employee, 2023, hasil.value, perilaku.value, headers=HTMX
    )
    assert response.status_code == 200
    assert (
        response.get_data(as_text=True)
        .lstrip()
        .startswith('<section id="records-ratings"')
    )
    (rating,) = _ratings(world.employee)
    assert (rating.year, rating.predikat) == (2023, expected)
    assert rating.recorded_by_id == world.users["hr"].id
    row = response.get_data(as_text=True)
    row = row[row.index(f'id="rating-{rating.id}"') :]
    row = row[: row.index("</tr>")]
    assert LABELS[expected] in row


def test_years_show_newest_first_and_the_form_posts_back_without_javascript(hr, world):
    for year in (2021, 2023, 2022):
        response = _rate(hr, world.employee, year, "above", "above")
        assert response.status_code == 303
        assert response.headers["Location"].endswith("#records-ratings")
    response = hr.get(records_url(world.employee))
    assert "The SKP rating is recorded." in text_of(response)
    page = response.get_data(as_text=True)
    assert page.index(">2023<") < page.index(">2022<") < page.index(">2021<")


def test_this_year_may_be_rated(hr, world):
    assert _rate(hr, world.employee, local_today().year).status_code == 303


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("{next_year}", "A year that has not come yet cannot be rated."),
        ("2999", "A year that has not come yet cannot be rated."),
        ("1949", "Enter a year from 1950 on."),
        ("-2023", "Enter a year from 1950 on."),
        ("20x3", "Enter the year as a whole number, e.g. 2024."),
        ("9" * 30, "Enter the year as a whole number, e.g. 2024."),
        ("", "Enter the year of the SKP."),
    ],
)
def test_an_impossible_year_is_refused(hr, world, year, message):
    before = snapshot()
    year = year.format(next_year=local_today().year + 1)
    response = _rate(hr, world.employee, year, headers=HTMX)
    assert response.status_code == 422
    assert message in text_of(response)
    assert snapshot() == before


@pytest.mark.parametrize("axis", ["hasil_kerja", "perilaku"])
def test_an_unknown_expectation_is_refused(hr, world, axis):
    data = {"year": "2023", "hasil_kerja": "above", "perilaku": "above", axis: "great"}
    response = hr.post(records_url(world.employee, "ratings"), data=data)
    assert response.status_code == 422
    assert "Choose below, as or above expectations." in text_of(response)
    assert _ratings(world.employee) == []


def test_a_second_rating_for_a_year_is_refused(hr, world):
    assert _rate(hr, world.employee, 2023, "above", "above").status_code == 303
    before = snapshot()
    response = _rate(hr, world.employee, 2023, "below", "below", headers=HTMX)
    assert response.status_code == 422
    assert (
        "The SKP of 2023 is recorded already. Remove it first to correct it."
        in text_of(response)
    )
    assert snapshot() == before
    assert [r.predikat for r in _ratings(world.employee)] == [Predikat.SANGAT_BAIK]
    # Another employee's same year is theirs to have.
    assert _rate(hr, world.colleague, 2023).status_code == 303


def test_the_database_decides_a_race_for_the_same_year(world, monkeypatch):
    """The other request saved the year after this one looked: the unique index
    refuses it, nothing of it is kept, and the officer is told to reload."""
    add_rating(
        world.employee,
        RatingFields(2023, ABOVE, ABOVE),
        world.users["hr"],
        local_today(),
    )
    monkeypatch.setattr(queries, "rating_year_taken", lambda *args: False)
    with pytest.raises(Conflict) as refused:
        add_rating(
            world.employee,
            RatingFields(2023, BELOW, BELOW),
            world.users["hr"],
            local_today(),
        )
    # Worded in the default language outside a request.
    assert "sudah berubah sejak halaman dibuka" in str(refused.value.message)
    assert [r.predikat for r in _ratings(world.employee)] == [Predikat.SANGAT_BAIK]


def test_a_lost_race_answers_409_over_http(hr, world, monkeypatch):
    assert _rate(hr, world.employee, 2023).status_code == 303
    monkeypatch.setattr(queries, "rating_year_taken", lambda *args: False)
    response = _rate(hr, world.employee, 2023, "below", "below", headers=HTMX)
    assert response.status_code == 409
    assert "Reload the page." in text_of(response)
    assert len(_ratings(world.employee)) == 1


def test_simultaneous_ratings_for_one_year_save_one(app, world):
    """Six officers' requests for the same year arrive at once: one is saved,
    the others are refused (422 or 409, by when they looked), nothing doubles."""
    clients = [app.test_client(user=world.users["hr"]) for _ in range(6)]
    start = threading.Barrier(len(clients))
    answers: list[int] = []
    url = records_url(world.employee, "ratings")

    def rate(client) -> None:
        with app.app_context():  # each thread is its own worker
            start.wait()
            response = client.post(
                url, data={"year": "2023", "hasil_kerja": "above", "perilaku": "above"}
            )
            answers.append(response.status_code)
            db.session.remove()

    threads = [threading.Thread(target=rate, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers)[0] == 303 and answers.count(303) == 1
    assert set(answers) <= {303, 409, 422}
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PerformanceRating)) == 1


def test_hr_removes_a_wrong_year(hr, world):
    assert _rate(hr, world.employee, 2022).status_code == 303
    (rating,) = _ratings(world.employee)
    response = hr.post(
        records_url(world.employee, f"ratings/{rating.id}/delete"), headers=HTMX
    )
    assert response.status_code == 200
    assert "No SKP rating is recorded." in text_of(response)
    assert "The record is removed." in response.headers["HX-Trigger"]
    assert _ratings(world.employee) == []
    (event,) = db.session.scalars(select(AuditEvent)).all()
    assert event.action == "performance_rating.removed"
    assert event.details == {
        "year": 2022,
        "hasil_kerja": "as_expected",
        "perilaku": "as_expected",
        "predikat": "baik",
    }
    # Entered again, right this time.
    assert _rate(hr, world.employee, 2022, "above", "above").status_code == 303


def test_removing_another_employees_row_or_none_is_404(hr, world):
    assert _rate(hr, world.colleague, 2022).status_code == 303
    (rating,) = _ratings(world.colleague)
    for url in (
        records_url(world.employee, f"ratings/{rating.id}/delete"),
        records_url(world.colleague, "ratings/99999/delete"),
        records_url(world.colleague, f"penalties/{rating.id}/delete"),
        records_url(world.colleague, f"salaries/{rating.id}/delete"),
    ):
        assert hr.post(url).status_code == 404, url
    assert len(_ratings(world.colleague)) == 1
