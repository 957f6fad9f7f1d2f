"""The shared data model, one module per aggregate."""

from app.models.competency import Competency, CompetencyAssessment, CompetencyLevel
from app.models.mentoring import MentorProfile
from app.models.people import Employee, Position, PositionCompetency, Rank, Unit, User
from app.models.types import (
    AssessmentSource,
    CompetencyCategory,
    Education,
    EmploymentType,
    PositionKind,
)

__all__ = [
    "AssessmentSource",
    "Competency",
    "CompetencyAssessment",
    "CompetencyCategory",
    "CompetencyLevel",
    "Education",
    "Employee",
    "EmploymentType",
    "MentorProfile",
    "Position",
    "PositionCompetency",
    "PositionKind",
    "Rank",
    "Unit",
    "User",
]
