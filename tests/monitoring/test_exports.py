"""The people list as CSV and XLSX: exactly the people of the list with the
current filters, headings in Indonesian, formula-like text made harmless."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from app.exports import csv_text, safe_cell, xlsx_bytes
from app.extensions import db
from app.models import PlanStatus
from tests.factories import make_plan
from tests.monitoring.tree import Tree, build_tree, registered_figure


@pytest.fixture
def tree(app, world) -> Tree:
    return build_tree(world)


@pytest.fixture
def figure(app):
    with registered_figure() as registered:
        yield registered


HEADINGS = [
    "Nama",
    "NIP/NI PPPK",
    "Jenis kepegawaian",
    "Unit kerja",
    "Pangkat/golongan",
    "Jabatan",
    "Status rencana",
]


def read_csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response) -> list[list]:
    book = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    sheet = book.worksheets[0]
    return [[("" if v is None else v) for v in row] for row in sheet.values]


def rows(response, extension):
    return read_csv(response) if extension == "csv" else read_xlsx(response)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_hr_exports_exactly_the_filtered_people(tree, login, extension):
    world = tree.world
    make_plan(world, status=PlanStatus.SUBMITTED)  # Sri's, this year
    response = login("hr").get(
        f"/monitoring/people.{extension}",
        query_string={"unit": world.kel.id, "employment": "PNS"},
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert f'.{extension}"' in response.headers["Content-Disposition"]
    table = rows(response, extension)
    assert table[0] == HEADINGS
    names = [line[0] for line in table[1:]]
    assert names == [
        "Andi Nasution",
        "Rahmat Siregar",
        "Sri Wahyuni Lubis",
        "Joko Saragih",
    ]
    sri = table[1 + names.index("Sri Wahyuni Lubis")]
    assert sri[2:] == [
        "PNS",
        "Kelurahan Alpha",
        world.ranks["II/c"].label,
        "Pengadministrasi Perkantoran",
        "Menunggu reviu",
    ]
    assert table[1][6] == "Belum ada rencana"


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_supervisor_exports_only_their_people(tree, login, extension):
    response = login("supervisor").get(f"/monitoring/people.{extension}")
    names = [line[0] for line in rows(response, extension)[1:]]
    assert names == [
        "Andi Nasution",
        "Sri Wahyuni Lubis",
        "Joko Saragih",
        "Lina Pasaribu",
    ]
    # Filtered to a unit none of them is in: headings only.
    response = login("supervisor").get(
        f"/monitoring/people.{extension}", query_string={"unit": tree.world.kel_b.id}
    )
    assert rows(response, extension) == [HEADINGS]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["hr", "supervisor"])
def test_a_figure_exports_its_people_and_value(tree, login, figure, extension, who):
    rank = tree.world.ranks["II/c"]
    response = login(who).get(
        f"/monitoring/people.{extension}",
        query_string={"figure": "test-rank", "grade": rank.id},
    )
    assert "pegawai-test-rank-" in response.headers["Content-Disposition"]
    table = rows(response, extension)
    assert table[0] == [*HEADINGS, "Rank id"]
    names = [line[0] for line in table[1:]]
    expected = ["Sri Wahyuni Lubis", "Joko Saragih"]
    if who == "hr":
        expected.insert(1, "Tono Sinaga")
    assert names == expected
    assert {str(line[7]) for line in table[1:]} == {str(rank.id)}


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["hr", "supervisor"])
def test_a_formula_like_name_is_written_as_text(tree, login, extension, who):
    tree.joko.name = '=HYPERLINK("http://jahat.example","Joko")'
    tree.lina.name = "@SUM(1+1)"
    db.session.commit()
    response = login(who).get(
        f"/monitoring/people.{extension}", query_string={"unit": tree.seksi.id}
    )
    table = rows(response, extension)
    names = sorted(line[0] for line in table[1:])
    assert names == ['\'=HYPERLINK("http://jahat.example","Joko")', "'@SUM(1+1)"]
    if extension == "xlsx":
        book = load_workbook(io.BytesIO(response.get_data()))
        for row in book.worksheets[0].iter_rows(min_row=2):
            assert row[0].data_type == "s"


@pytest.mark.parametrize("who", ["employee", "mentor", "admin"])
def test_someone_who_monitors_no_one_gets_no_file(app, world, login, who):
    for extension in ("csv", "xlsx"):
        response = login(who).get(f"/monitoring/people.{extension}")
        assert response.status_code == 404


def test_a_file_of_any_other_type_is_not_found(tree, login):
    assert login("hr").get("/monitoring/people.pdf").status_code == 404


def test_the_cells_helpers():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("-2") == "'-2"
    assert safe_cell("+62 812") == "'+62 812"
    assert safe_cell("\tx") == "'\tx"
    assert safe_cell(-2) == -2  # numbers stay numbers
    assert safe_cell(None) == ""
    text = csv_text(["A"], [["=x"], [3]])
    assert text == "\ufeffA\r\n'=x\r\n3\r\n"
    body = xlsx_bytes("Daftar [uji]: a/b", ["A", "B"], [["=x", 3]])
    book = load_workbook(io.BytesIO(body))
    sheet = book.worksheets[0]
    assert sheet.title == "Daftar  uji   a b"
    assert [c.value for c in sheet[2]] == ["'=x", 3]
    assert sheet["A1"].font.bold
