"""The outcome rows as CSV: one line per taught competency (one line for a
mentorship that named none).

The headings and words are Indonesian whatever the reader's language: the file
goes into BKPSDM's own records and spreadsheets, which keep one set of columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.exports import csv_text
from app.hr.outcomes.rules import CompetencyOutcome, MentorshipOutcome
from app.hr.outcomes.words import NO_COMPETENCY, outcome_word, source_word
from app.i18n import WIB
from app.models import Competency, Employee

HEADINGS = (
    _l("Mentor"),
    _l("NIP of the mentor"),
    _l("Unit of the mentor"),
    _l("Mentee"),
    _l("NIP of the mentee"),
    _l("Started"),
    _l("Closed"),
    _l("Competency code"),
    _l("Competency"),
    _l("Level before"),
    _l("Source of the level before"),
    _l("Level after"),
    _l("Source of the level after"),
    _l("Date of the level after"),
    _l("Outcome"),
    _l("Confirmed rise"),
    _l("Rating from the mentee"),
    _l("Rating from the mentor"),
)


def outcome_csv(
    outcomes: Sequence[MentorshipOutcome],
    people: dict[int, Employee],
    competencies: dict[int, Competency],
) -> str:
    """The CSV text, with a byte-order mark so that spreadsheets read UTF-8."""
    with force_locale("id"):
        return csv_text(
            [str(heading) for heading in HEADINGS],
            (
                line
                for outcome in outcomes
                for line in _lines(outcome, people, competencies)
            ),
        )


def _lines(
    outcome: MentorshipOutcome,
    people: dict[int, Employee],
    competencies: dict[int, Competency],
) -> Iterator[list]:
    mentor, mentee = people[outcome.mentor_id], people[outcome.mentee_id]
    shared = [
        mentor.display_name,
        mentor.nip_display,
        mentor.unit.name,
        mentee.display_name,
        mentee.nip_display,
        _day(outcome.started_at),
        _day(outcome.closed_at),
    ]
    ratings = [outcome.mentee_rating or "", outcome.mentor_rating or ""]
    if not outcome.competencies:
        yield [*shared, "", "", "", "", "", "", "", str(NO_COMPETENCY), "", *ratings]
    for taught in outcome.competencies:
        competency = competencies[taught.competency_id]
        yield [
            *shared,
            competency.code,
            competency.name,
            *_reading(taught.before),
            *_reading(taught.after),
            _day(taught.after.assessed_at) if taught.after else "",
            outcome_word(taught),
            _yes_no(taught),
            *ratings,
        ]


def _reading(reading) -> list:
    return [reading.level, source_word(reading.source)] if reading else ["", ""]


def _yes_no(taught: CompetencyOutcome) -> str:
    return str(_l("yes")) if taught.confirmed_rise else str(_l("no"))


def _day(moment: datetime | None) -> str:
    return moment.astimezone(WIB).date().isoformat() if moment else ""
