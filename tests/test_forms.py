"""Whole numbers from user input: digits other than 0-9 are not numbers here."""

import pytest

from app.forms import whole_number


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
    ],
)
def test_whole_number(text, expected):
    assert whole_number(text) == expected


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
