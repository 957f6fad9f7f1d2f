"""Mentoring rules, one module per sub-area: mentor profiles, requests, mentorships.

Every change goes through these services; they validate, commit and raise a
``MentoringError`` (a refusal, 422) or ``MentoringConflict`` (the state moved
on, 409), which the views show beside their forms or the app answers once.
"""

from __future__ import annotations

from app.errors import Conflict, DomainError

MESSAGE_LIMIT = 2000  # characters of a message, comment or note


class MentoringError(DomainError):
    """A mentoring change the rules refuse."""


class MentoringConflict(MentoringError, Conflict):
    """The state does not allow it now (full, paused, already answered)."""
