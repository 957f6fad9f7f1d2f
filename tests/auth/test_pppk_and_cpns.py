"""A PPPK signs in with their NI, a new CPNS with an NIP whose TMT lies ahead."""

from datetime import date

import pytest

from app.extensions import db
from app.models import EmploymentType, User
from app.nip import format_ni, format_nip
from tests.conftest import text_of
from tests.factories import PASSWORD, make_employee, make_pppk, make_user

GENERIC = "The NIP/NI, e-mail or password is not correct."
NI = "199001012022212001"  # Rina: born 1 January 1990, PPPK since 2022


def _months_from_now(months: int) -> tuple[int, int]:
    today = date.today()
    month = today.month - 1 + months
    return today.year + month // 12, month % 12 + 1


def _cpns_nip(months_ahead: int) -> str:
    """The NIP of a CPNS born 15 March 2000 whose TMT is ``months_ahead`` away."""
    year, month = _months_from_now(months_ahead)
    return f"20000315{year:04d}{month:02d}1001"


@pytest.fixture
def people(world):
    """A PPPK (Golongan IX) and a new CPNS (III/a, TMT in six months) with logins."""
    rina = make_pppk(world, nip=NI)
    yusuf = make_employee(
        "Yusuf Damanik",
        world.kel,
        nip=_cpns_nip(6),
        rank=world.ranks["III/a"],
        position=world.staff_position,
        supervisor=world.supervisor,
    )
    users = {
        "pppk": make_user(rina, "rina@uji.example.id"),
        "cpns": make_user(yusuf, "yusuf@uji.example.id"),
    }
    db.session.commit()
    return {"pppk": rina, "cpns": yusuf, "users": users}


def _login(client, identifier, password=PASSWORD):
    return client.post("/login", data={"identifier": identifier, "password": password})


@pytest.mark.parametrize(
    ("who", "identifier", "name"),
    [
        ("pppk", NI, "Rina Simanjuntak"),
        ("pppk", format_ni(NI), "Rina Simanjuntak"),  # 19900101 2022 2 1 2 001
        ("pppk", "19900101.2022.2.1.2.001", "Rina Simanjuntak"),
        ("cpns", None, "Yusuf Damanik"),
        ("cpns", "spaced", "Yusuf Damanik"),
    ],
    ids=["ni", "ni-with-spaces", "ni-with-dots", "cpns-nip", "cpns-nip-with-spaces"],
)
def test_pppk_and_new_cpns_sign_in_with_their_number(
    client, people, who, identifier, name
):
    employee = people[who]
    if identifier is None:
        identifier = employee.nip
    elif identifier == "spaced":
        identifier = format_nip(employee.nip)
    response = _login(client, identifier)
    assert response.status_code == 303, text_of(response)
    assert response.headers["Location"] == "/"
    assert name in text_of(client.get("/"))
    assert text_of(client.get("/profile")).count(name) >= 1
    user = db.session.get(User, people["users"][who].id)
    assert user.last_login_at is not None


def test_the_people_are_what_they_seem(people):
    rina, yusuf = people["pppk"], people["cpns"]
    assert rina.employment_type is EmploymentType.PPPK
    assert (rina.rank.code, rina.rank.employment_type) == ("IX", EmploymentType.PPPK)
    assert yusuf.cpns_start > date.today()  # the TMT CPNS lies ahead


def test_pppk_with_a_wrong_password_gets_the_generic_message(client, people):
    response = _login(client, format_ni(NI), "salah-sekali-123")
    assert response.status_code == 422
    assert GENERIC in text_of(response)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        # An NI typed with type digit 3: the NI's own message, not an NIP's.
        ("19900101 2022 3 1 2 001", "Digit 13 of an NI is the PPPK type digit"),
        ("19900101 2022 2 0 2 001", "the contract number and cannot be 0"),
        ("19900101 2022 2 1 2 000", "last three digits of the NI cannot be 000"),
        ("19900101 2015 2 1 2 001", "not a real appointment year"),
        ("19900230 2022 2 1 2 001", "first 8 digits of the NI are not a real"),
        ("19900101 2022 2 1", "An NIP or NI has exactly 18 digits"),
    ],
    ids=["type-digit", "contract-0", "serial-000", "year", "birth-date", "short"],
)
def test_malformed_ni_gets_the_ni_message(client, people, identifier, message):
    response = _login(client, identifier)
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert GENERIC not in page
    assert client.get("/").status_code == 302


def test_nip_with_a_tmt_more_than_a_year_ahead_is_refused(client, people):
    response = _login(client, format_nip(_cpns_nip(13)))
    assert response.status_code == 422
    assert "The TMT CPNS in the NIP lies more than a year in the future." in (
        text_of(response)
    )
    assert client.get("/").status_code == 302


def test_the_ni_message_is_translated(app, people):
    client = app.test_client(locale="id")
    response = _login(client, "19900101 2022 3 1 2 001")
    assert response.status_code == 422
    assert "Digit ke-13 NI PPPK adalah kode jenis pegawai PPPK dan harus 2." in (
        text_of(response)
    )
