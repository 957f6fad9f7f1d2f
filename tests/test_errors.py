"""Error pages are translated, styled, and never show a stack trace."""

import pytest

from tests.conftest import text_of


@pytest.fixture
def broken_app(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    return app


def test_404_page_is_styled_and_in_english_on_request(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
    assert 'rel="stylesheet"' in response.get_data(as_text=True)


def test_500_hides_the_error(broken_app):
    client = broken_app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    page = text_of(response)
    assert "Something went wrong on our side" in page
    assert "secret internal detail" not in page
    assert "Traceback" not in page


def test_htmx_errors_get_a_short_partial(client):
    response = client.get("/no-such-page", headers={"HX-Request": "true"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert 'class="error-box"' in body


def test_boosted_navigation_gets_the_whole_error_page(client):
    response = client.get(
        "/no-such-page", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert response.status_code == 404
    assert "<html" in response.get_data(as_text=True)


def test_405_for_a_wrong_method(client):
    response = client.put("/login")
    assert response.status_code == 405
    assert "That action is not allowed here" in text_of(response)


def test_pages_carry_security_headers(client):
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe" not in policy
