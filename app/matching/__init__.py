"""Mentor matching: pure scikit-learn and SciPy, no Flask (DESIGN.md section 5).

The mentoring service turns database rows into ``MenteeProfile`` and
``MentorCandidate`` records, fits a ``MatchModel`` on them and asks it for
suggestions with reasons; ``propose`` assigns many mentees at once (HR's cohort).
"""

from __future__ import annotations

from app.matching.cohort import CohortResult, Pair, assign, propose
from app.matching.evaluate import (
    Dataset,
    Evaluation,
    Metrics,
    Run,
    format_report,
    generate,
    run_evaluation,
)
from app.matching.features import MenteeProfile, MentorCandidate
from app.matching.model import MatchModel, Reason, ReasonKind, Suggestion

__all__ = [
    "CohortResult",
    "Dataset",
    "Evaluation",
    "MatchModel",
    "MenteeProfile",
    "MentorCandidate",
    "Metrics",
    "Pair",
    "Reason",
    "ReasonKind",
    "Run",
    "Suggestion",
    "assign",
    "format_report",
    "generate",
    "propose",
    "run_evaluation",
]
