"""Mentoring: mentor profiles, suggestions, requests and mentorships.

HR's cohort matching lives with HR (``app.hr.cohorts``); its pages keep their
place under /mentoring on this blueprint.
"""

from flask import Blueprint

from app.matching.features import TEACHING_LEVEL
from app.mentoring.abilities import mentorship_abilities, request_abilities

bp = Blueprint("mentoring", __name__, url_prefix="/mentoring")


@bp.context_processor
def _abilities() -> dict:
    # The templates show only the actions these allow; the views guard the same.
    return {
        "mentorship_abilities": mentorship_abilities,
        "request_abilities": request_abilities,
        "teaching_level": TEACHING_LEVEL,  # the pages say where mentoring starts
    }


from app.mentoring import routes  # noqa: E402, F401
