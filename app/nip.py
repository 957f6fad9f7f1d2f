"""The NIP (Nomor Induk Pegawai): parsing, validation and display.

An NIP has 18 digits: birth date (YYYYMMDD), the month the person became CPNS
(YYYYMM), a gender digit (1 male, 2 female) and a three-digit sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidNip(ValueError):
    """An NIP that is not 18 digits or whose parts make no sense."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class NipInfo:
    """What an NIP says about its holder."""

    nip: str
    birth_date: date
    cpns_start: date
    gender: str  # "M" or "F"
    sequence: int


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


def parse_nip(raw: str, *, today: date | None = None) -> NipInfo:
    """Validate an NIP and return its parts; raise InvalidNip saying what is wrong."""
    nip = normalize_nip(raw)
    # Plain digits only: str.isdigit also accepts "²", which int() refuses.
    if not (nip.isascii() and nip.isdigit()) or len(nip) != 18:
        raise InvalidNip(_l("An NIP has exactly 18 digits."))
    today = today or date.today()
    try:
        born = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise InvalidNip(
            _l("The first 8 digits of the NIP are not a real birth date.")
        ) from None
    if born > today:
        raise InvalidNip(_l("The birth date in the NIP lies in the future."))
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
    if cpns_start > today:
        raise InvalidNip(_l("The CPNS start month in the NIP lies in the future."))
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


def format_nip(nip: str) -> str:
    """Group an NIP as printed: ``19860926 201505 1 001``."""
    if len(nip) != 18:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
