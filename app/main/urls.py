"""Safe redirects."""

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None, default_endpoint: str = "main.index") -> str:
    """``target`` if it is a path on this site, else the default page.

    Refusing absolute and scheme-relative URLs stops open redirects.
    """
    if target:
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
