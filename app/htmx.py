"""The response helpers every area uses: page or partial, "saved" events, moving on.

One URL serves both: an htmx request that asks for a part of the page gets the
partial, anything else (a boosted navigation, no JavaScript) the whole page that
includes the same partial, so markup exists once (DESIGN.md section 4).
"""

from __future__ import annotations

from collections.abc import Mapping
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
    context: Mapping[str, Any],
    *,
    status: int = 200,
    target: str | None = None,
    push_url: str | None = None,
):
    """Render ``partial`` for htmx (see ``wants_partial``), else the full ``page``.

    ``context`` is a mapping of its own, so that a page's ``status`` filter can
    never be taken for the response's status. ``push_url`` is the clean,
    shareable address a search or filter puts in the address bar with its results.
    """
    if wants_partial(target):
        body = render_template(partial, **context)
        return make_response(body, status, push_url=push_url)
    return render_template(page, **context), status


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
