"""NIP and NI parsing: every part is validated; birth date and gender follow from it."""

from datetime import date

import pytest

from app.nip import (
    InvalidNip,
    format_ni,
    format_nip,
    format_number,
    is_ni,
    looks_like_nip,
    normalize_nip,
    parse_ni,
    parse_nip,
    parse_number,
)

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
        ("198609262028011001", "TMT CPNS in the NIP lies more than a year"),
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


# The NIP is issued before the TMT CPNS: up to 12 months ahead is valid.
@pytest.mark.parametrize(
    ("nip", "valid"),
    [
        ("199805142027101001", True),  # 11 months ahead (October 2027)
        ("199805142027111001", True),  # 12 months ahead, the last valid month
        ("199805142027121001", False),  # 13 months ahead
    ],
    ids=["11-months-ahead", "12-months-ahead", "13-months-ahead"],
)
def test_tmt_cpns_may_lie_up_to_a_year_ahead(nip, valid):
    if valid:
        assert parse_nip(nip, today=TODAY).cpns_start > TODAY
    else:
        with pytest.raises(InvalidNip) as error:
            parse_nip(nip, today=TODAY)
        assert "more than a year in the future" in str(error.value)


# NI of a PPPK: birth date, appointment year, type digit 2, contract, sex, serial.
NI = "19900101 2022 2 1 2 001"


def test_parses_a_valid_ni_with_spaces():
    info = parse_ni(NI, today=TODAY)
    assert info.nip == "199001012022212001"
    assert info.pppk
    assert info.birth_date == date(1990, 1, 1)
    assert info.cpns_start == info.service_start == date(2022, 1, 1)
    assert info.contract == 1
    assert info.gender == "F"
    assert info.sequence == 1


@pytest.mark.parametrize(
    ("ni", "reason"),
    [
        ("19900101202221200", "An NI has exactly 18 digits"),
        ("199001012022312001", "Digit 13 of an NI is the PPPK type digit"),
        ("199001012022112001", "Digit 13 of an NI is the PPPK type digit"),
        ("199001012022202001", "contract number and cannot be 0"),
        ("199001012028212001", "appointment year in the NI lies more than a year"),
        ("200506012022212001", "appointment year in the NI is before the 18th"),
        ("199001012015212001", "not a real appointment year"),
        ("199002302022212001", "first 8 digits of the NI are not a real birth"),
        ("199013012022212001", "first 8 digits of the NI are not a real birth"),
        ("202712012027212001", "birth date in the NI lies in the future"),
        ("199001012022213001", "Digit 15 of the NI must be 1 (male) or 2"),
        ("199001012022210001", "Digit 15 of the NI must be 1 (male) or 2"),
        ("199001012022212000", "last three digits of the NI cannot be 000"),
    ],
    ids=[
        "17-digits",
        "type-digit-3",
        "type-digit-1",
        "contract-0",
        "year-in-the-future",
        "year-before-18th-birthday",
        "year-before-pppk-existed",
        "30-february",
        "month-13",
        "born-in-the-future",
        "sex-digit-3",
        "sex-digit-0",
        "serial-000",
    ],
)
def test_rejects_each_invalid_part_of_an_ni_with_its_reason(ni, reason):
    with pytest.raises(InvalidNip) as error:
        parse_ni(ni, today=TODAY)
    assert reason in str(error.value)


def test_an_appointment_year_ahead_is_valid_within_a_year():
    assert parse_ni("199001012027212001", today=TODAY).cpns_start == date(2027, 1, 1)
    # 18 in the appointment year is enough: the NI gives no month.
    assert parse_ni("200412312022212001", today=TODAY).pppk


@pytest.mark.parametrize(
    ("raw", "pppk"),
    [(NI, True), ("19860926 201505 2 001", False)],
    ids=["ni", "nip"],
)
def test_parse_number_tells_an_ni_from_an_nip(raw, pppk):
    assert parse_number(raw, today=TODAY).pppk is pppk
    assert is_ni(raw) is pppk


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        # Digit 13 can start no month: the number was meant as an NI.
        ("199001012022312001", "Digit 13 of an NI is the PPPK type digit"),
        ("199001012022912001", "Digit 13 of an NI is the PPPK type digit"),
        ("19900101 2022", "An NIP or NI has exactly 18 digits"),
        ("", "An NIP or NI has exactly 18 digits"),
    ],
)
def test_parse_number_gives_the_reason_of_the_number_meant(raw, reason):
    with pytest.raises(InvalidNip) as error:
        parse_number(raw, today=TODAY)
    assert reason in str(error.value)


def test_parse_number_checks_the_kind_asked_for():
    with pytest.raises(InvalidNip) as error:
        parse_number("19860926 201505 2 001", pppk=True, today=TODAY)
    assert "Digit 13 of an NI is the PPPK type digit" in str(error.value)
    with pytest.raises(InvalidNip) as error:
        parse_number(NI, pppk=False, today=TODAY)
    assert "of the NIP" in str(error.value)


def test_stored_numbers_are_read_without_judging_their_dates():
    far = "199805142030011001"  # TMT 2030: refused on entry, readable once stored
    with pytest.raises(InvalidNip):
        parse_number(far, today=TODAY)
    assert parse_number(far, check_dates=False).cpns_start == date(2030, 1, 1)


def test_format_groups_an_ni_and_picks_the_grouping_by_number():
    assert format_ni("199001012022212001") == "19900101 2022 2 1 2 001"
    assert format_number("199001012022212001") == "19900101 2022 2 1 2 001"
    assert format_number("198609262015051001") == "19860926 201505 1 001"
    assert format_number("12345") == "12345"
