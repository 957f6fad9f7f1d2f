"""Bahasa Indonesia by default, English on request, and complete catalogs."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.extensions import db
from app.i18n import LOCALE_COOKIE
from app.models import User
from tests.conftest import text_of

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"


def test_interface_is_indonesian_by_default(app):
    client = app.test_client(locale=None)
    response = client.get("/login")
    body = response.get_data(as_text=True)
    assert '<html lang="id">' in body
    assert "Masuk ke Jenjang" in text_of(response)


def test_switching_to_english_is_remembered_in_a_cookie(app):
    client = app.test_client(locale=None)
    response = client.post("/locale", data={"locale": "en", "next": "/login"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"
    cookie = client.get_cookie(LOCALE_COOKIE)
    assert cookie.value == "en"
    assert "Max-Age=31536000" in response.headers["Set-Cookie"]
    page = client.get("/login")
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "Sign in to Jenjang" in text_of(page)


def test_signed_in_choice_is_stored_on_the_account(app, world):
    client = app.test_client(user=world.users["employee"], locale=None)
    client.post("/locale", data={"locale": "en"})
    assert db.session.get(User, world.users["employee"].id).locale == "en"
    # On another device without the cookie the account's choice applies.
    other = app.test_client(user=world.users["employee"], locale=None)
    assert '<html lang="en">' in other.get("/profile").get_data(as_text=True)


@pytest.mark.parametrize("locale", ["fr", "", "<script>"])
def test_unknown_language_is_400(client, locale):
    response = client.post("/locale", data={"locale": locale})
    assert response.status_code == 400
    assert "Choose Bahasa Indonesia or English." in text_of(response)


def test_language_switch_only_returns_within_the_site(client):
    response = client.post(
        "/locale", data={"locale": "id", "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_catalog_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            ".",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    extracted = {
        m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(fresh) if m.id
    }
    committed = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in _catalog(TRANSLATIONS / "messages.pot")
        if m.id
    }
    assert extracted - committed == set(), "run script/translations to update"
    assert committed - extracted == set(), "run script/translations to update"


@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_message_is_translated(locale):
    template = _catalog(TRANSLATIONS / "messages.pot")
    catalog = _catalog(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        strings = (
            list(translated.string)
            if translated and isinstance(translated.string, tuple)
            else [translated.string if translated else ""]
        )
        if not translated or translated.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []
