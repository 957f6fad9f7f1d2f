"""Whose figures a viewer sees: ``people_under`` down the supervisor tree, and
the profiles and plans a supervisor up the tree reads (never reviews)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.access import oversees
from app.extensions import db
from app.models import CareerPlan, PlanStatus
from app.monitoring.scope import Scope, people_under, scope_for
from tests.conftest import text_of
from tests.factories import make_plan
from tests.monitoring.tree import Tree, build_tree, ids


@pytest.fixture
def tree(app, world) -> Tree:
    return build_tree(world)


def under(head) -> set[int]:
    return set(db.session.scalars(people_under(head.id)))


def test_people_under_go_down_the_whole_tree(tree):
    world = tree.world
    assert under(tree.camat) == ids(
        [
            world.supervisor,
            world.employee,
            world.colleague,
            tree.joko,
            tree.lina,
            tree.beta_head,
            tree.tono,
        ]
    )
    assert under(world.supervisor) == ids(
        [world.employee, world.colleague, tree.joko, tree.lina]
    )
    assert under(world.employee) == ids([tree.joko, tree.lina])
    assert under(tree.beta_head) == ids([tree.tono])
    assert under(tree.joko) == set()
    assert under(world.outsider) == set()


def test_a_loop_of_supervisors_in_bad_data_ends(tree):
    world = tree.world
    # Wrongly entered: the Camat reports to Joko, who is below him.
    tree.camat.supervisor = tree.joko
    db.session.commit()
    everyone_in_loop = ids(
        [
            tree.camat,
            world.supervisor,
            world.employee,
            world.colleague,
            tree.joko,
            tree.lina,
            tree.beta_head,
            tree.tono,
        ]
    )
    assert under(tree.camat) == everyone_in_loop
    assert under(tree.joko) == everyone_in_loop
    # The access rule's walk up the tree ends too.
    assert not oversees(tree.users["beta_head"], world.employee)


def test_scope_is_everyone_for_hr_and_the_tree_for_a_supervisor(app, tree, login):
    world = tree.world
    with app.test_request_context():
        assert scope_for(world.users["hr"]) == Scope()
    # Roles are read per request; a plain employee and the mentor get none.
    assert login("hr").get("/monitoring/people").status_code == 200
    assert login("supervisor").get("/monitoring/people").status_code == 200
    assert login("employee").get("/monitoring/people").status_code == 200  # Sri leads
    assert login("mentor").get("/monitoring/people").status_code == 404
    assert login("outsider").get("/monitoring/people").status_code == 404
    assert login("admin").get("/monitoring/people").status_code == 404


def test_oversees_is_true_above_the_direct_supervisor_only(tree):
    world = tree.world
    camat, lurah = tree.users["camat"], world.users["supervisor"]
    assert oversees(camat, tree.joko)  # two levels down
    assert oversees(camat, world.employee)  # one level above the Lurah
    assert oversees(lurah, tree.joko)
    # The direct supervisor reviews; oversight is the levels above.
    assert not oversees(world.users["employee"], tree.joko)
    assert not oversees(camat, world.supervisor)
    assert not oversees(tree.users["beta_head"], tree.joko)
    assert not oversees(world.users["hr"], tree.joko)  # HR reads as HR, not so
    assert not oversees(world.users["employee"], world.supervisor)


def _client(app, people: Tree, who):
    users = {**people.world.users, **people.users}
    return app.test_client(user=users[who])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("camat", 200),
        ("supervisor", 200),
        ("employee", 200),
        ("hr", 200),
        ("beta_head", 404),
        ("outsider", 404),
        ("colleague", 404),
    ],
)
def test_a_profile_and_plan_two_levels_down_open_to_those_above(app, tree, who, status):
    world = tree.world
    if who == "colleague":
        world.users["colleague"] = _colleague_login(world)
    plan = make_plan(world, status=PlanStatus.SUBMITTED, owner=tree.joko)
    client = _client(app, tree, who)
    assert client.get(f"/employees/{tree.joko.id}").status_code == status
    assert client.get(f"/plans/{plan.id}").status_code == status


def _colleague_login(world):
    from tests.factories import make_user

    user = make_user(world.colleague, "andi@uji.example.id")
    db.session.commit()
    return user


@pytest.mark.parametrize("who", ["camat", "supervisor"])
def test_a_supervisor_up_the_tree_cannot_review(app, tree, who):
    plan = make_plan(tree.world, status=PlanStatus.SUBMITTED, owner=tree.joko)
    client = _client(app, tree, who)
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert "Approve" not in page
    for action in ("approve", "return"):
        response = client.post(
            f"/plans/{plan.id}/{action}", data={"comment": "Bagus.", "version": "1"}
        )
        assert response.status_code == 403
    assert db.session.get(CareerPlan, plan.id).status is PlanStatus.SUBMITTED


def test_only_the_direct_supervisor_approves(app, tree):
    plan = make_plan(tree.world, status=PlanStatus.SUBMITTED, owner=tree.joko)
    sri = _client(app, tree, "employee")
    assert "Approve" in text_of(sri.get(f"/plans/{plan.id}"))
    response = sri.post(
        f"/plans/{plan.id}/approve", data={"comment": "Bagus.", "version": "1"}
    )
    assert response.status_code == 303
    status = db.session.scalar(
        select(CareerPlan.status).where(CareerPlan.id == plan.id)
    )
    assert status is PlanStatus.APPROVED
