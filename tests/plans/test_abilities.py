"""What each kind of user may do with a plan in each state: the whole matrix."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.i18n import local_today
from app.models import Mentorship, MentorshipRequest, PlanStatus, RequestStatus
from app.plans.abilities import plan_abilities

COLUMNS = ("can_read", "can_edit", "can_edit_content", "can_submit", "can_review")
# role -> state -> the COLUMNS, 1 for yes. "past" is last year's submitted plan.
MATRIX = {
    "owner": {
        "draft": (1, 1, 1, 1, 0),
        "submitted": (1, 1, 0, 0, 0),
        "approved": (1, 1, 1, 0, 0),
        "past": (1, 0, 0, 0, 0),
    },
    "reviewer": {
        "draft": (1, 0, 0, 0, 0),
        "submitted": (1, 0, 0, 0, 1),
        "approved": (1, 0, 0, 0, 0),
        "past": (1, 0, 0, 0, 0),
    },
    "hr": dict.fromkeys(("draft", "submitted", "approved", "past"), (1, 0, 0, 0, 0)),
    "mentor": dict.fromkeys(
        ("draft", "submitted", "approved", "past"), (1, 0, 0, 0, 0)
    ),
    "other": dict.fromkeys(("draft", "submitted", "approved", "past"), (0, 0, 0, 0, 0)),
}
USERS = {
    "owner": "employee",
    "reviewer": "supervisor",
    "hr": "hr",
    "mentor": "mentor",
    "other": "outsider",
}
STATES = {
    "draft": (PlanStatus.DRAFT, 0),
    "submitted": (PlanStatus.SUBMITTED, 0),
    "approved": (PlanStatus.APPROVED, 0),
    "past": (PlanStatus.SUBMITTED, -1),
}


def _mentor_the_owner(world) -> None:
    accepted = MentorshipRequest(
        mentee=world.employee, mentor=world.mentor, status=RequestStatus.ACCEPTED
    )
    mentorship = Mentorship(
        request=accepted, mentee=world.employee, mentor=world.mentor
    )
    db.session.add_all([accepted, mentorship])
    db.session.commit()


@pytest.mark.parametrize("state", list(STATES))
def test_the_abilities_of_each_role_in_each_state(app, world, plan_of, state):
    status, years_back = STATES[state]
    today = local_today()
    plan = plan_of(status=status, period=today.year + years_back)
    _mentor_the_owner(world)
    found = {}
    for role, user in USERS.items():
        abilities = plan_abilities(plan, world.users[user], today)
        found[role] = tuple(int(getattr(abilities, column)) for column in COLUMNS)
    assert found == {role: states[state] for role, states in MATRIX.items()}


def test_the_owner_and_reviewer_are_named(app, world, plan_of):
    plan = plan_of()
    today = local_today()
    owner = plan_abilities(plan, world.users["employee"], today)
    reviewer = plan_abilities(plan, world.users["supervisor"], today)
    assert (owner.is_owner, owner.is_reviewer) == (True, False)
    assert (reviewer.is_owner, reviewer.is_reviewer) == (False, True)
    assert owner.can_change_target and not reviewer.can_change_target


def test_a_past_plan_is_closed_for_everyone(app, world, plan_of):
    plan = plan_of(status=PlanStatus.APPROVED, period=local_today().year - 1)
    abilities = plan_abilities(plan, world.users["employee"], local_today())
    assert not abilities.is_open and not abilities.can_change_target
