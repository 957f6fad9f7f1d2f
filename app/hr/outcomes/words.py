"""How an outcome is worded, on the page and in the CSV alike."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.hr.outcomes.rules import CompetencyOutcome, Outcome
from app.models import AssessmentSource

OUTCOMES = {
    Outcome.ROSE: _l("rose"),
    Outcome.SAME: _l("same level"),
    Outcome.FELL: _l("fell"),
    Outcome.NOT_REASSESSED: _l("not reassessed"),
    Outcome.NO_EARLIER_LEVEL: _l("no earlier level"),
}
SELF_ASSESSED_RISE = _l("rose, self-assessed")
NO_COMPETENCY = _l("no competency named")
SOURCES = {
    AssessmentSource.SELF: _l("self-assessment"),
    AssessmentSource.SUPERVISOR: _l("supervisor"),
    AssessmentSource.ASSESSMENT: _l("assessment centre"),
}


def outcome_word(outcome: CompetencyOutcome) -> str:
    """The outcome in a word or two; a rise by the mentee's own assessment says so."""
    if outcome.self_assessed_rise:
        return str(SELF_ASSESSED_RISE)
    return str(OUTCOMES[outcome.outcome])


def source_word(source: AssessmentSource) -> str:
    return str(SOURCES[source])
