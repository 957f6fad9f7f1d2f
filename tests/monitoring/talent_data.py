"""Records for the succession and merit tests: SKP predikat and potential
ratings, written the way HR records them."""

from __future__ import annotations

from app.extensions import db
from app.models import (
    AssessmentSource,
    PerformanceRating,
    PotentialRating,
    Predikat,
    TalentLevel,
)
from app.models.records import PREDIKAT_MATRIX
from tests.factories import make_assessment

_AXES = {predikat: axes for axes, predikat in PREDIKAT_MATRIX.items()}


def rate(employee, year: int, predikat: Predikat) -> PerformanceRating:
    """A year's SKP with ``predikat`` (its two axes chosen to give it)."""
    hasil, perilaku = _AXES[predikat]
    rating = PerformanceRating(
        employee=employee,
        year=year,
        hasil_kerja=hasil,
        perilaku=perilaku,
        predikat=predikat,
    )
    db.session.add(rating)
    return rating


def potential(employee, year: int, level: TalentLevel) -> PotentialRating:
    rating = PotentialRating(
        employee=employee, year=year, level=level, basis="Asesmen uji"
    )
    db.session.add(rating)
    return rating


def assessed(employee, levels: dict) -> None:
    """Assessment-centre levels, ``{competency: level}``."""
    for competency, level in levels.items():
        make_assessment(employee, competency, level, AssessmentSource.ASSESSMENT)
