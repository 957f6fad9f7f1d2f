"""Each person's number and rank in their own words: NIP and pangkat/golongan for
a PNS, NI PPPK and golongan for a PPPK (DOMAIN.md, "People" and "Rank")."""

import pytest

from app.extensions import db
from tests.conftest import text_of
from tests.factories import make_plan, make_pppk, make_user

NI = "199001012022212001"


@pytest.fixture
def rina(world):
    """A PPPK, Golongan IX, in the supervisor's team, with a login."""
    rina = make_pppk(world, nip=NI)
    make_user(rina, "rina@uji.example.id")
    db.session.commit()
    return rina


def _identity(response) -> str:
    body = response.get_data(as_text=True)
    block = body[body.index('<article class="identity">') :]
    return text_of_html(block[: block.index("</article>")])


def text_of_html(html: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_a_pppk_profile_shows_the_ni_and_the_golongan(app, world, rina):
    client = app.test_client(user=rina.user)
    identity = _identity(client.get("/profile"))
    assert "NI PPPK 19900101 2022 2 1 2 001" in identity
    assert "Employment PPPK" in identity
    assert "PPPK golongan Golongan IX" in identity
    assert "PPPK appointment year 2022" in identity
    assert "NIP" not in identity
    assert "CPNS" not in identity and "pangkat" not in identity
    assert "Date of birth January 1, 1990" in identity


def test_a_pns_profile_shows_the_nip_and_the_pangkat(login, world):
    identity = _identity(login("employee").get("/profile"))
    nip = world.employee.nip
    assert f"NIP {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" in identity
    assert "Rank (pangkat/golongan) Pengatur (II/c)" in identity
    assert "CPNS since March 2012" in identity  # the TMT CPNS of the NIP
    assert "NI PPPK" not in identity and "Golongan" not in identity


def test_the_indonesian_profile_speaks_the_domain_words(app, world, rina):
    pppk = _identity(app.test_client(user=rina.user, locale="id").get("/profile"))
    assert "NI PPPK 19900101 2022 2 1 2 001" in pppk
    assert "Golongan PPPK Golongan IX" in pppk
    assert "Tahun pengangkatan PPPK 2022" in pppk
    pns = _identity(
        app.test_client(user=world.users["employee"], locale="id").get("/profile")
    )
    assert "Pangkat/golongan Pengatur (II/c)" in pns
    assert "TMT CPNS Maret 2012" in pns


def test_the_supervisor_sees_each_subordinate_by_their_number_and_rank(
    login, world, rina
):
    page = text_of(login("supervisor").get("/"))
    assert "NIP / NI PPPK" in page
    assert "Rina Simanjuntak 19900101 2022 2 1 2 001 Pengadministrasi Perkantoran " in (
        page
    )
    assert "Golongan IX" in page
    assert f"{world.employee.nip_display} Pengadministrasi Perkantoran II/c" in page
    other = text_of(login("supervisor").get(f"/employees/{rina.id}"))
    assert "PPPK golongan Golongan IX" in other


def test_the_printed_plan_of_a_pppk_names_the_ni_and_golongan(login, world, rina):
    plan = make_plan(world, owner=rina)
    page = text_of(login("supervisor").get(f"/plans/{plan.id}/print?lang=en"))
    assert "NI PPPK 19900101 2022 2 1 2 001" in page
    assert "PPPK golongan Golongan IX" in page
    assert "Rina Simanjuntak NI PPPK. 19900101 2022 2 1 2 001" in page
    assert f"Rahmat Siregar NIP. {world.supervisor.nip_display}" in page
    indonesian = text_of(login("supervisor").get(f"/plans/{plan.id}/print"))
    assert "Golongan PPPK Golongan IX" in indonesian


def test_the_printed_plan_of_a_pns_names_the_nip_and_pangkat(login, world):
    plan = make_plan(world)
    page = text_of(login("employee").get(f"/plans/{plan.id}/print"))
    assert f"NIP {world.employee.nip_display}" in page
    assert "Pangkat/golongan Pengatur (II/c)" in page


@pytest.mark.parametrize(
    ("locale", "words"),
    [("en", "(Rank II/c)"), ("id", "(Pangkat/golongan II/c)")],
)
def test_the_career_paths_name_the_rank_in_full(app, world, locale, words):
    client = app.test_client(user=world.users["employee"], locale=locale)
    assert words in text_of(client.get("/plans/paths"))


def test_the_career_paths_of_a_pppk_name_the_golongan(app, world, rina):
    page = text_of(app.test_client(user=rina.user).get("/plans/paths"))
    assert "(Golongan IX)" in page
