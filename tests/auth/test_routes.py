"""Sign-in with NIP or e-mail, one generic failure message, POST-only sign-out."""

import pytest
from sqlalchemy import select

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import User
from app.nip import format_nip
from tests.conftest import Client, text_of
from tests.factories import PASSWORD

GENERIC = "The NIP/NI, e-mail or password is not correct."


def _login(client, identifier, password=PASSWORD, **extra):
    return client.post(
        "/login", data={"identifier": identifier, "password": password, **extra}
    )


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="identifier"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "identifier",
    [
        lambda w: w.employee.nip,
        lambda w: format_nip(w.employee.nip),
        lambda w: "SRI@uji.example.id",
        lambda w: " sri@uji.example.id ",
    ],
    ids=["nip", "nip-with-spaces", "email-any-case", "email-padded"],
)
def test_signs_in_with_nip_or_email(client, world, identifier):
    response = _login(client, identifier(world))
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "Sri Wahyuni Lubis" in client.get("/").get_data(as_text=True)
    user = db.session.get(User, world.users["employee"].id)
    assert user.last_login_at is not None


@pytest.mark.parametrize(
    ("identifier", "password"),
    [
        ("sri@uji.example.id", "wrong-password"),
        ("nobody@uji.example.id", PASSWORD),
        ("199001012015011999", PASSWORD),  # a well-formed NIP without an account
    ],
    ids=["wrong-password", "unknown-email", "unknown-nip"],
)
def test_wrong_credentials_get_one_generic_message(client, world, identifier, password):
    response = _login(client, identifier, password)
    assert response.status_code == 422
    assert GENERIC in text_of(response)
    assert client.get("/").status_code == 302  # still signed out


def test_inactive_user_cannot_sign_in(client, world):
    world.users["employee"].active = False
    db.session.commit()
    response = _login(client, "sri@uji.example.id")
    assert response.status_code == 422
    assert GENERIC in text_of(response)


def test_malformed_nip_is_a_form_error(client, world):
    response = _login(client, "198602302015051001")
    assert response.status_code == 422
    assert "not a real birth date" in text_of(response)
    assert GENERIC not in text_of(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"identifier": "", "password": "x"},
            "Enter your NIP, NI PPPK or e-mail address.",
        ),
        ({"identifier": "sri@uji.example.id", "password": ""}, "Enter your password."),
        ({"identifier": "a" * 300, "password": "x"}, "too long"),
    ],
)
def test_missing_or_oversized_fields_are_named(client, world, data, message):
    response = client.post("/login", data=data)
    assert response.status_code == 422
    assert message in text_of(response)


def test_next_parameter_is_followed_within_the_site(client, world):
    response = client.post(
        "/login?next=/profile",
        data={"identifier": "sri@uji.example.id", "password": PASSWORD},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/profile"


@pytest.mark.parametrize(
    "target", ["https://evil.example/x", "//evil.example/x", "/\\evil.example"]
)
def test_next_parameter_cannot_redirect_off_site(client, world, target):
    response = client.post(
        f"/login?next={target}",
        data={"identifier": "sri@uji.example.id", "password": PASSWORD},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_protected_page_sends_anonymous_users_to_sign_in(client):
    response = client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_sign_out_is_post_only(login):
    client = login("employee")
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.status_code == 303
    assert client.get("/profile").status_code == 302


def test_sign_out_needs_a_csrf_token(login):
    client = login("employee")
    assert client.post("/logout", csrf=False).status_code == 400
    assert client.get("/profile").status_code == 200  # still signed in


def test_login_needs_a_csrf_token(client, world):
    response = client.post(
        "/login",
        data={"identifier": "sri@uji.example.id", "password": PASSWORD},
        csrf=False,
    )
    assert response.status_code == 400
    assert "Reload the page" in text_of(response)


def test_signed_in_user_visiting_login_goes_home(login):
    assert login("employee").get("/login").headers["Location"] == "/"


def test_session_cookie_is_httponly_and_lax(client, world):
    _login(client, "sri@uji.example.id")
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_changed_user_agent_drops_the_session(client, world):
    # Strong session protection: a stolen cookie used from another browser fails.
    _login(client, "sri@uji.example.id")
    assert client.get("/profile").status_code == 200
    stolen = client.get("/profile", headers={"User-Agent": "Other/1.0"})
    assert stolen.status_code == 302


def test_passwords_are_stored_hashed(app, world):
    from app.auth.services import hash_password

    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    hashed = hash_password("geheim-sekali-2026")
    assert hashed.startswith("scrypt:")
    assert "geheim" not in hashed
    stored = db.session.scalars(select(User.password_hash)).all()
    assert all(PASSWORD not in value for value in stored)


def test_repeated_failed_sign_ins_are_rate_limited(database_url, world):
    limited = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        RATELIMIT_ENABLED=True,
        LOGIN_RATE_LIMIT="5 per minute",
    )
    limited.test_client_class = Client
    client = limited.test_client()
    try:
        statuses = [
            _login(client, "sri@uji.example.id", "wrong").status_code for _ in range(6)
        ]
        right = _login(client, "sri@uji.example.id")  # even the right password waits
    finally:
        with limited.app_context():
            db.engine.dispose()
    assert statuses == [422] * 5 + [429]
    assert right.status_code == 429
    assert "Please wait a minute" in text_of(right)
