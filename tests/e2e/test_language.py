"""In a real browser: Indonesian first, English on request, and remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_reloads_the_page_and_is_remembered(new_page, javascript):
    page = new_page(javascript=javascript, locale=None)
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke Jenjang")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Jenjang")

    page.goto("/login")  # a later visit keeps the choice
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Jenjang")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke Jenjang")
