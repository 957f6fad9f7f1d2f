"""HR's cohort matching rules: proposing pairs (``proposal``), sending them
(``confirmation``), and the refusals both raise."""

from __future__ import annotations

from app.errors import DomainError

MAX_COHORT = 1000  # mentees in one proposal (a page HR can review), pairs per confirm


class CohortError(DomainError):
    """Criteria or pairs the cohort cannot work with."""


class CohortUnreadable(CohortError):
    """Pairs that no page of ours sends: too many, or malformed."""

    status = 400
