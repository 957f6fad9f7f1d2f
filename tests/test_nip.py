"""NIP parsing: every part is validated, and birth date and gender follow from it."""

from datetime import date

import pytest

from app.nip import InvalidNip, format_nip, looks_like_nip, normalize_nip, parse_nip

TODAY = date(2026, 11, 28)


def test_parses_a_valid_nip_with_spaces():
    info = parse_nip("19860926 201505 2 001", today=TODAY)
    assert info.nip == "198609262015052001"
    assert info.birth_date == date(1986, 9, 26)
    assert info.cpns_start == date(2015, 5, 1)
    assert info.gender == "F"
    assert info.sequence == 1


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("19860926201505100", "exactly 18 digits"),  # 17 digits
        ("1986092620150510011", "exactly 18 digits"),  # 19 digits
        ("19860926201505100A", "exactly 18 digits"),
        ("1986092620150510²1", "exactly 18 digits"),  # isdigit yes, int() no
        ("19860926201505²001", "exactly 18 digits"),
        ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "exactly 18 digits"),  # Arabic-Indic digits
        ("", "exactly 18 digits"),
        ("198602302015051001", "birth date"),  # 30 February
        ("198613012015051001", "birth date"),  # month 13
        ("202712012045011001", "birth date in the NIP lies in the future"),
        ("198609262015131001", "CPNS start month"),  # month 13
        ("198609262015001001", "CPNS start month"),  # month 00
        ("198609262004091001", "before the 18th birthday"),  # aged 17
        ("198609262027011001", "CPNS start month in the NIP lies in the future"),
        ("198609262015053001", "must be 1 (male) or 2 (female)"),
        ("198609262015051000", "cannot be 000"),
    ],
)
def test_rejects_each_invalid_part_with_its_reason(nip, reason):
    with pytest.raises(InvalidNip) as error:
        parse_nip(nip, today=TODAY)
    assert reason in str(error.value)


def test_start_month_must_be_on_or_after_the_18th_birthday():
    assert parse_nip("198609012004091001", today=TODAY).cpns_start == date(2004, 9, 1)
    with pytest.raises(InvalidNip):
        parse_nip("198609022004091001", today=TODAY)  # 18 only on 2 September


def test_leap_day_births_turn_18_on_the_first_of_march():
    parse_nip("200002292018031001", today=TODAY)
    with pytest.raises(InvalidNip):
        parse_nip("200002292018021001", today=TODAY)


def test_format_groups_the_parts():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("19860926 201505 1 001", True), ("1986.0926-2015", True), ("nadia@x.id", False)],
)
def test_recognises_typed_nips(raw, expected):
    assert looks_like_nip(raw) is expected
    assert normalize_nip("1986 09.26-1") == "198609261"
