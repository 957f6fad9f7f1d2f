"""Safe redirects, shareable filter URLs and page numbers from the query string."""

from urllib.parse import unquote, urlsplit

from flask import request, url_for
from flask_babel import gettext as _

from app.errors import fail
from app.forms import whole_number


def safe_next(target: str | None, default_endpoint: str = "main.index") -> str:
    """``target`` if it is a path on this site, else the default page.

    Refusing absolute and scheme-relative URLs stops open redirects; refusing
    control characters (CR, LF, tab...), written or percent-encoded, stops header
    injection and paths that browsers would read differently.
    """
    if target and not _has_control_character(target):
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not target.startswith("//")
            and "\\" not in target
        ):
            return target
    return url_for(default_endpoint)


def _has_control_character(text: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in text + unquote(text))


def filter_url(endpoint: str, form) -> str:
    """The clean, shareable URL of a filtered page: the form's filters that are set.

    Only the form's own fields are taken, never the query string as such: keys like
    ``_external``, ``_anchor``, ``_scheme`` or ``_method`` would become options of
    ``url_for`` (a wrong address, or an error).
    """
    return url_for(endpoint, **{field.name: field.data for field in form if field.data})


def page_number() -> int:
    """The ``page`` query argument, 1 by default; anything else is a 400."""
    page = whole_number(request.args.get("page", "1"))
    if page is None or page < 1:
        fail(400, _("The page number must be a whole number from 1."))
    return page
