"""The NIP of a PNS and the NI of a PPPK: parsing, validation and display.

An NIP has 18 digits: birth date (YYYYMMDD), the month the person became CPNS
(YYYYMM, TMT CPNS), a gender digit (1 male, 2 female) and a three-digit
sequence. It is issued before the TMT, so a TMT up to 12 months ahead is valid.

An NI (nomor induk PPPK) has 18 digits too: birth date (8), the appointment
year (4), the type digit 2, the contract number (1-9), the gender digit and a
three-digit sequence: ``19900101 2022 2 1 2 001``. Digit 13 tells the two
apart: a month of an NIP starts with 0 or 1, an NI has 2 there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidNip(ValueError):
    """An NIP or NI that is not 18 digits or whose parts make no sense."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


# How far ahead of today a TMT CPNS (or a PPPK's appointment year) may lie:
# the number is issued before it.
TMT_AHEAD_MONTHS = 12

# The first PPPK were appointed under PP 49/2018; an earlier NI year is a typo.
FIRST_PPPK_YEAR = 2019

# "Today" for numbers read back from the database (dates checked on entry).
_NO_DATE_CHECK = date(9998, 12, 31)


@dataclass(frozen=True)
class NipInfo:
    """What an NIP or NI says about its holder.

    ``cpns_start`` is the TMT CPNS of a PNS or 1 January of the appointment year
    of a PPPK; ``contract`` is the PPPK contract number (None for a PNS).
    """

    nip: str
    birth_date: date
    cpns_start: date
    gender: str  # "M" or "F"
    sequence: int
    pppk: bool = False
    contract: int | None = None

    @property
    def service_start(self) -> date:
        """The first day of service (masa kerja counts from it)."""
        return self.cpns_start


def is_ni(raw: str) -> bool:
    """True for a number that has the NI type digit (2) as its 13th digit."""
    number = normalize_nip(raw)
    return len(number) == 18 and number[12] == "2"


def normalize_nip(raw: str) -> str:
    """Drop the spaces, dots and dashes people type between the groups."""
    return _SEPARATORS.sub("", raw or "")


def looks_like_nip(raw: str) -> bool:
    """True when the input is digits (with separators), so meant as an NIP."""
    cleaned = normalize_nip(raw)
    return bool(cleaned) and cleaned.isdigit()


def _eighteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        return date(born.year + 18, 3, 1)


def _months_ahead(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _digits(raw: str, message) -> str:
    number = normalize_nip(raw)
    # Plain digits only: str.isdigit also accepts "²", which int() refuses.
    if not (number.isascii() and number.isdigit()) or len(number) != 18:
        raise InvalidNip(message)
    return number


def _birth_date(number: str, today: date, *, pppk: bool) -> date:
    try:
        born = date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
    except ValueError:
        raise InvalidNip(
            _l("The first 8 digits of the NI are not a real birth date.")
            if pppk
            else _l("The first 8 digits of the NIP are not a real birth date.")
        ) from None
    if born > today:
        raise InvalidNip(
            _l("The birth date in the NI lies in the future.")
            if pppk
            else _l("The birth date in the NIP lies in the future.")
        )
    return born


def parse_nip(raw: str, *, today: date | None = None) -> NipInfo:
    """Validate an NIP and return its parts; raise InvalidNip saying what is wrong."""
    nip = _digits(raw, _l("An NIP has exactly 18 digits."))
    today = today or date.today()
    born = _birth_date(nip, today, pppk=False)
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1900:
        raise InvalidNip(
            _l("Digits 9 to 14 of the NIP are not a real CPNS start month.")
        )
    cpns_start = date(year, month, 1)
    if cpns_start < _eighteenth_birthday(born):
        raise InvalidNip(
            _l("The CPNS start month in the NIP is before the 18th birthday.")
        )
    if cpns_start > _months_ahead(today, TMT_AHEAD_MONTHS):
        raise InvalidNip(
            _l("The TMT CPNS in the NIP lies more than a year in the future.")
        )
    if nip[14] not in "12":
        raise InvalidNip(_l("Digit 15 of the NIP must be 1 (male) or 2 (female)."))
    sequence = int(nip[15:18])
    if sequence == 0:
        raise InvalidNip(_l("The last three digits of the NIP cannot be 000."))
    return NipInfo(
        nip=nip,
        birth_date=born,
        cpns_start=cpns_start,
        gender="M" if nip[14] == "1" else "F",
        sequence=sequence,
    )


def parse_ni(raw: str, *, today: date | None = None) -> NipInfo:
    """Validate the NI of a PPPK; raise InvalidNip saying what is wrong.

    The type digit is checked first: an NIP given where an NI is expected is
    told so, not that its TMT is no appointment year.
    """
    ni = _digits(raw, _l("An NI has exactly 18 digits."))
    if ni[12] != "2":
        raise InvalidNip(_l("Digit 13 of an NI is the PPPK type digit and must be 2."))
    today = today or date.today()
    born = _birth_date(ni, today, pppk=True)
    year = int(ni[8:12])
    if year < FIRST_PPPK_YEAR:
        raise InvalidNip(
            _l(
                "Digits 9 to 12 of the NI are not a real appointment year: "
                "PPPK are appointed from %(year)s on.",
                year=FIRST_PPPK_YEAR,
            )
        )
    if date(year, 1, 1) > _months_ahead(today, TMT_AHEAD_MONTHS):
        raise InvalidNip(
            _l("The appointment year in the NI lies more than a year in the future.")
        )
    if year < born.year + 18:
        raise InvalidNip(
            _l("The appointment year in the NI is before the 18th birthday.")
        )
    if ni[13] == "0":
        raise InvalidNip(
            _l("Digit 14 of the NI is the contract number and cannot be 0.")
        )
    if ni[14] not in "12":
        raise InvalidNip(_l("Digit 15 of the NI must be 1 (male) or 2 (female)."))
    sequence = int(ni[15:18])
    if sequence == 0:
        raise InvalidNip(_l("The last three digits of the NI cannot be 000."))
    return NipInfo(
        nip=ni,
        birth_date=born,
        cpns_start=date(year, 1, 1),
        gender="M" if ni[14] == "1" else "F",
        sequence=sequence,
        pppk=True,
        contract=int(ni[13]),
    )


def parse_number(
    raw: str,
    *,
    pppk: bool | None = None,
    today: date | None = None,
    check_dates: bool = True,
) -> NipInfo:
    """Parse an NIP or an NI.

    ``pppk`` says which one is expected (True: an NI, False: an NIP); None lets
    the 13th digit decide, as at sign-in: 0 or 1 starts the month of an NIP,
    anything else is read as an NI (so a wrong type digit gets the NI's
    message). ``check_dates=False`` reads a stored number without judging its
    dates against today (they were checked on entry).
    """
    if pppk is None:
        number = _digits(raw, _l("An NIP or NI has exactly 18 digits."))
        pppk = number[12] not in "01"
    if not check_dates:
        today = _NO_DATE_CHECK
    parse = parse_ni if pppk else parse_nip
    return parse(raw, today=today)


def format_nip(nip: str) -> str:
    """Group an NIP as printed: ``19860926 201505 1 001``."""
    if len(nip) != 18:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def format_ni(ni: str) -> str:
    """Group an NI as printed: ``19900101 2022 2 1 2 001``."""
    if len(ni) != 18:
        return ni
    return f"{ni[:8]} {ni[8:12]} {ni[12]} {ni[13]} {ni[14]} {ni[15:]}"


def format_number(number: str) -> str:
    """Group an NIP or an NI as printed, by the 13th digit."""
    return format_ni(number) if is_ni(number) else format_nip(number)
