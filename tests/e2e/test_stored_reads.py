"""The browser tests' own reads see what the live server committed.

The server writes through connections of its own; the test then reads through
its session, which still holds the objects its factories made, loaded (a commit
keeps them, and a rollback with no transaction open expires nothing). A read
answered from them instead of the database sees the state before the server's
change: ``get`` does not ask the database at all, and a query does not
overwrite what a loaded object holds.

No browser here: another connection stands in for the server's request.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from app.extensions import db
from app.models import CareerPlan, PlanStatus, User
from tests.e2e.test_plans import plan_ids, plan_state
from tests.e2e.test_self_assessment import last_login


def server_commits(statement) -> None:
    """What a request of the live server does: change rows and commit."""
    with db.engine.begin() as connection:
        connection.execute(statement)


def test_plan_state_reads_what_the_server_committed(app, world):
    plan = plan_ids(world)
    # The plan loaded in the test's session, as the factory used to leave it
    # until the garbage collector freed it (its objects refer to one another, so
    # that happened when the collector liked: a browser test read the draft).
    made = db.session.get(CareerPlan, plan.plan_id)
    assert made.status is PlanStatus.DRAFT
    version = made.version

    server_commits(
        update(CareerPlan)
        .where(CareerPlan.id == plan.plan_id)
        .values(status=PlanStatus.SUBMITTED, version=CareerPlan.version + 1)
    )

    assert plan_state(plan)[:2] == (PlanStatus.SUBMITTED, version + 1)


def test_last_login_reads_what_the_server_committed(app, world):
    user = world.users["employee"]  # the world keeps its users loaded
    assert user in db.session and user.last_login_at is None
    signed_in = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)

    server_commits(
        update(User).where(User.id == user.id).values(last_login_at=signed_in)
    )

    assert last_login(user.id) == signed_in
