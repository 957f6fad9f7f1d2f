"""The shared data model, one module per aggregate."""

from app.models.competency import Competency, CompetencyAssessment, CompetencyLevel
from app.models.mentoring import (
    FeedbackSide,
    MentorCompetency,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    RequestOrigin,
    RequestStatus,
)
from app.models.notifications import Notification, NotificationKind
from app.models.people import Employee, Position, PositionCompetency, Rank, Unit, User
from app.models.plans import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
)
from app.models.types import (
    AssessmentSource,
    CompetencyCategory,
    Education,
    EmploymentType,
    PositionKind,
)

__all__ = [
    "ActivityKind",
    "ActivityStatus",
    "AssessmentSource",
    "CareerPlan",
    "Competency",
    "CompetencyAssessment",
    "CompetencyCategory",
    "CompetencyLevel",
    "DevelopmentActivity",
    "Education",
    "Employee",
    "EmploymentType",
    "FeedbackSide",
    "MentorCompetency",
    "MentorProfile",
    "MentoringSession",
    "Mentorship",
    "MentorshipFeedback",
    "MentorshipRequest",
    "MentorshipStatus",
    "Notification",
    "NotificationKind",
    "PlanEvent",
    "PlanEventKind",
    "PlanGoal",
    "PlanStatus",
    "Position",
    "PositionCompetency",
    "PositionKind",
    "Rank",
    "RequestOrigin",
    "RequestStatus",
    "Unit",
    "User",
]
