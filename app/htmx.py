"""The response helpers every area uses: page or partial, "saved" events, moving on.

One URL serves both: an htmx request that asks for a part of the page gets the
partial, anything else (a boosted navigation, no JavaScript) the whole page that
includes the same partial, so markup exists once (DESIGN.md section 4).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template
from flask_htmx import make_response

from app.extensions import htmx

SAVED = "jenjang:saved"  # the event jenjang.js shows as a "saved" message


def wants_partial(target: str | None = None) -> bool:
    """True when htmx asked for a part of the page rather than a whole page.

    A boosted navigation wants the page. With ``target``, only a request aimed
    at that element (a filter or pager updating its results) wants the partial.
    """
    if not htmx or htmx.boosted:
        return False
    return target is None or htmx.target == target


def page_or_partial(
    page: str,
    partial: str,
    status: int = 200,
    *,
    target: str | None = None,
    **context: Any,
) -> tuple[str, int]:
    """Render ``partial`` for htmx (see ``wants_partial``), else the full ``page``."""
    template = partial if wants_partial(target) else page
    return render_template(template, **context), status


def saved_trigger(message: str | None) -> dict[str, str] | None:
    """The HX-Trigger that makes the page show ``message`` as saved, if any."""
    return {SAVED: str(message)} if message else None


def saved_part(body: str, message: str | None, status: int = 200):
    """A partial answering a saved change; the page shows ``message``."""
    return make_response(body, status, trigger=saved_trigger(message))


def go_to(url: str, message: str):
    """After a change that leaves the page: flash ``message`` and go to ``url``.

    htmx follows the ``HX-Location`` itself; without JavaScript a 303 redirect.
    """
    flash(message, "success")
    if wants_partial():
        return make_response("", 200, location=url)
    return redirect(url, 303)
