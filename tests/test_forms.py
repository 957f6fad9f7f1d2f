"""Whole numbers from user input: digits other than 0-9 are not numbers here, and
none is larger than the database's integer."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from app.forms import MAX_INTEGER, WholeNumberField, whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        ("0", 0),
        ("", None),
        (None, None),
        ("-3", None),
        ("4.5", None),
        ("²", None),  # str.isdigit says yes, int() says no
        ("١٢", None),  # Arabic-Indic digits: int() would accept, ids never look so
        ("9" * 13, None),
        (str(2**31 - 1), 2**31 - 1),  # PostgreSQL's largest integer
        (str(2**31), None),
        ("0" * 10 + "1", None),  # longer than any id is written
        (str(2**63), None),  # beyond SQLite's integer
        ("9" * 5000, None),  # beyond what int() converts
    ],
)
def test_whole_number(text, expected):
    assert whole_number(text) == expected


def test_whole_number_up_to_a_smaller_bound():
    assert whole_number("5", largest=5) == 5
    assert whole_number("6", largest=5) is None


class _Numbers(Form):
    count = WholeNumberField(invalid="Enter a count.")


@pytest.mark.parametrize(
    ("text", "data", "errors"),
    [
        ("42", 42, []),
        ("-7", -7, []),
        (str(MAX_INTEGER), MAX_INTEGER, []),
        (str(-MAX_INTEGER), -MAX_INTEGER, []),
        (str(MAX_INTEGER + 1), None, ["Enter a count."]),
        (str(-MAX_INTEGER - 1), None, ["Enter a count."]),
        ("9" * 25, None, ["Enter a count."]),
        ("9" * 5000, None, ["Enter a count."]),
        ("abc", None, ["Enter a count."]),
    ],
)
def test_whole_number_field_refuses_what_the_database_cannot_hold(text, data, errors):
    form = _Numbers(MultiDict({"count": text}))
    form.validate()
    assert form.count.data == data
    assert form.count.errors == errors


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("employee", "/notifications/?page=²"),
        ("hr", "/hr/employees?unit=²"),
        ("hr", "/hr/employees?page=²"),
        ("employee", "/mentoring/find?unit=²"),
        ("hr", "/mentoring/cohort?unit=²"),
    ],
)
def test_odd_digits_in_a_url_are_a_400_not_an_error(world, login, role, url):
    assert login(role).get(url).status_code == 400
