"""The outcome page's content: the figures, the mentors compared, a page of rows.

Everything is computed from all the closed mentorships in the filter (a few
queries, see ``queries``); only the names on the page are read for it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from app import catalogue
from app.hr.outcomes import queries
from app.hr.outcomes.rules import (
    Figures,
    MentorshipOutcome,
    figures,
    figures_by_mentor,
)
from app.models import Competency, Employee
from app.pagination import PagerFields

PAGE_SIZE = 50
MENTORS_SHOWN = 12  # in the table and the chart; the CSV has every mentorship


@dataclass(frozen=True)
class Page(PagerFields):
    """One page of rows, with what the pager macro asks of a pagination."""

    items: Sequence[MentorshipOutcome]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(-(-self.total // self.per_page), 1)


@dataclass(frozen=True)
class MentorFigures:
    mentor_id: int
    figures: Figures


@dataclass(frozen=True)
class Report:
    overall: Figures
    no_competency: int  # closed mentorships that named no competency
    self_assessed_rises: int  # shown, not counted
    mentors: list[MentorFigures]  # the most reassessed first, MENTORS_SHOWN at most
    mentor_count: int
    rows: Page
    people: dict[int, Employee]
    competencies: dict[int, Competency]


def outcome_report(
    mentor_unit_ids: Collection[int] | None, page: int, per_page: int | None = None
) -> Report:
    """The figures of the closed mentorships in the filter and page ``page`` of
    them (the last page if ``page`` lies beyond it)."""
    per_page = per_page or PAGE_SIZE
    outcomes = queries.closed_outcomes(mentor_unit_ids)
    by_mentor = figures_by_mentor(outcomes)
    ranked = sorted(
        by_mentor.items(),
        key=lambda item: (-item[1].compared, -item[1].mentorships, item[0]),
    )
    shown = [MentorFigures(mentor_id, f) for mentor_id, f in ranked[:MENTORS_SHOWN]]
    total = len(outcomes)
    page = min(page, max(-(-total // per_page), 1))
    items = outcomes[(page - 1) * per_page : page * per_page]
    named = {m.mentor_id for m in shown}
    named |= {o.mentor_id for o in items} | {o.mentee_id for o in items}
    return Report(
        overall=figures(outcomes),
        no_competency=sum(not o.names_competency for o in outcomes),
        self_assessed_rises=sum(
            c.self_assessed_rise for o in outcomes for c in o.competencies
        ),
        mentors=shown,
        mentor_count=len(by_mentor),
        rows=Page(items, page, per_page, total),
        people=queries.people(named),
        competencies=_competencies(items),
    )


def export_rows(
    mentor_unit_ids: Collection[int] | None,
) -> tuple[list[MentorshipOutcome], dict[int, Employee], dict[int, Competency]]:
    """Every closed mentorship in the filter, with the people and competencies
    they name (for the CSV)."""
    outcomes = queries.closed_outcomes(mentor_unit_ids)
    return (
        outcomes,
        queries.people_in_closed(mentor_unit_ids),
        _competencies(outcomes),
    )


def _competencies(outcomes: Sequence[MentorshipOutcome]) -> dict[int, Competency]:
    return catalogue.competencies_by_id(
        {c.competency_id for o in outcomes for c in o.competencies}
    )
