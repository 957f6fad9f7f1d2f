"""The mentoring pages, one module per sub-area; importing them registers the views."""

from app.mentoring.routes import (  # noqa: F401
    find,
    inbox,
    mentorships,
    overview,
    profiles,
    requests,
)
