"""The vacancy panel of an opportunity's page
(templates/opportunities/vacancy/_panel.html).

For an employee: the eligibility check (every requirement met, not met or
unknown, with their own figure and its basis), the application form when they
may apply, why not when they may not and the plan goals that would close the
gaps; once applied, their own score with its components and weights, their rank
among the applicants and, when the selection has closed, the decision and its
reason. Never another applicant's score or name. HR gets the way to the
applicants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.errors import DomainError
from app.models import (
    Application,
    ApplicationStatus,
    CareerPlan,
    Employee,
    Opportunity,
    User,
)
from app.opportunities.eligibility import (
    Eligibility,
    GoalProposal,
    eligibility_of,
    proposed_goals,
)
from app.opportunities.ranking import Ranked, rank_applicants
from app.opportunities.services.applications import (
    NO_PLAN,
    application_of,
    window_refusal,
)
from app.opportunities.vacancy_forms import ApplyForm
from app.plans.queries import current_plans
from app.plans.services.changes import check_content_editable
from app.profile.services import load_employee


@dataclass
class VacancyPanel:
    """What the vacancy's panel shows to one user today."""

    vacancy: Opportunity
    today: date
    is_hr: bool
    employee: Employee | None = None
    eligibility: Eligibility | None = None
    application: Application | None = None
    mine: Ranked | None = None
    applicants: int = 0
    closed_refusal: object = None  # why no application is taken today
    form: ApplyForm | None = None
    plan: CareerPlan | None = None
    proposals: list[GoalProposal] = field(default_factory=list)
    plan_refusal: object = None  # why the goals cannot go to the plan now

    @property
    def active(self) -> bool:
        """An application that is not withdrawn."""
        return (
            self.application is not None
            and self.application.status is not ApplicationStatus.WITHDRAWN
        )

    @property
    def can_apply(self) -> bool:
        return (
            self.employee is not None
            and not self.active
            and self.closed_refusal is None
            and self.eligibility is not None
            and self.eligibility.eligible
        )

    @property
    def can_withdraw(self) -> bool:
        return (
            self.active
            and self.application.status is ApplicationStatus.APPLIED
            and self.closed_refusal is None
        )

    @property
    def decided(self) -> bool:
        """The decision is shown once the selection has closed."""
        return (
            self.mine is not None
            and self.vacancy.selection_closed_at is not None
            and self.application.status
            in (ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED)
        )


def vacancy_panel(
    opportunity: Opportunity,
    user: User,
    today: date,
    form: ApplyForm | None = None,
) -> dict:
    """The context of the vacancy's panel for ``user`` (``form``: a refused one)."""
    panel = VacancyPanel(opportunity, today, bool(user.is_hr))
    panel.closed_refusal = window_refusal(opportunity, today)
    employee = load_employee(user.employee_id) if user.employee_id else None
    if employee is None or opportunity.position is None:
        return {"vacancy_panel": panel}
    panel.employee = employee
    panel.eligibility = eligibility_of(employee, opportunity.position, today)
    panel.application = application_of(opportunity.id, employee.id)
    if panel.active:
        ranking = rank_applicants(opportunity, today)
        panel.mine, panel.applicants = ranking.of(employee.id), len(ranking)
    panel.form = form or ApplyForm(formdata=None)
    if not panel.eligibility.eligible:
        panel.plan = current_plans([employee.id], today.year).get(employee.id)
        panel.proposals = proposed_goals(panel.eligibility, panel.plan)
        panel.plan_refusal = _plan_refusal(panel.plan, today)
    return {"vacancy_panel": panel}


def _plan_refusal(plan: CareerPlan | None, today: date):
    """Why goals cannot be added to the plan now, if they cannot."""
    if plan is None:
        return NO_PLAN
    try:
        check_content_editable(plan, plan.version, today)
    except DomainError as error:
        return error.message
    return None
