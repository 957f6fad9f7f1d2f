"""Publishing notifies, in the same transaction, the employees an opportunity
matches: a training those whose plan for this year has a goal in one of its
competencies; a vacancy those whose plan targets its position or whose rank lies
within its rank requirement; an announcement nobody."""

from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    CareerPlan,
    Notification,
    NotificationKind,
    OpportunityKind,
    OpportunityStatus,
    PlanGoal,
    PositionRequirement,
    RequirementKind,
)
from tests.conftest import text_of
from tests.factories import make_employee, make_plan, make_user
from tests.opportunities.publish_helpers import make_opportunity


def _notified(world) -> set[str]:
    names = {user.id: role for role, user in world.users.items()}
    rows = db.session.scalars(
        select(Notification.user_id).where(
            Notification.kind == NotificationKind.OPPORTUNITY_OPENED
        )
    )
    return {names.get(user_id, user_id) for user_id in rows}


def _publish(login, opportunity):
    response = login("hr").post(
        f"/hr/opportunities/{opportunity.id}/publish", data={"version": "1"}
    )
    assert response.status_code == 303
    return response


def _plan(world, owner, competency=None, target=None, period=None):
    plan = make_plan(world, owner=owner, goals=1, period=period)
    goal = plan.goals[0]
    goal.competency = competency
    goal.target_level = 4 if competency else None
    if target is not None:
        plan.target_position = target
    db.session.commit()
    return plan


def test_a_training_notifies_those_whose_plan_develops_its_competencies(login, world):
    _plan(world, world.employee, world.archives)  # matches
    _plan(world, world.colleague, world.teamwork)  # another competency
    _plan(world, world.outsider, world.archives, period=local_today().year - 1)
    training = make_opportunity(
        world,
        status=OpportunityStatus.DRAFT,
        competencies=[world.archives, world.integrity],
    )
    _publish(login, training)
    assert _notified(world) == {"employee"}


def test_a_vacancy_notifies_plan_targets_and_ranks_within_its_requirement(login, world):
    # Lurah Alpha asks for III/c..III/d (a PNS rank row).
    world.lurah_position.rules.append(
        PositionRequirement(
            kind=RequirementKind.RANK,
            value="III/c",
            value_max="III/d",
            basis="PermenPANRB 1/2023",
        )
    )
    # Sri (II/c) targets the position; Andi (III/a) neither targets nor holds
    # the rank; Budi's plan targets another position.
    _plan(world, world.employee, target=world.lurah_position)
    _plan(world, world.outsider, target=world.staff_position)
    # Rahmat (III/d) holds the post already; Dewi (IV/a) is above the band.
    third = make_employee("Rizki Hasibuan", world.kel, rank=world.ranks["III/c"])
    rizki = make_user(third, "rizki@uji.example.id")
    db.session.commit()
    vacancy = make_opportunity(
        world, OpportunityKind.VACANCY, status=OpportunityStatus.DRAFT
    )
    _publish(login, vacancy)
    notified = _notified(world)
    assert notified == {"employee", rizki.id}


def test_an_announcement_notifies_nobody(login, world):
    _plan(world, world.employee, world.archives, target=world.lurah_position)
    announcement = make_opportunity(
        world, OpportunityKind.ANNOUNCEMENT, status=OpportunityStatus.DRAFT
    )
    _publish(login, announcement)
    assert _notified(world) == set()


def test_the_notification_reads_and_leads_to_the_opportunity(login, world):
    _plan(world, world.employee, world.archives)
    training = make_opportunity(world, status=OpportunityStatus.DRAFT)
    _publish(login, training)
    page = login("employee").get("/notifications/")
    text = text_of(page)
    assert (
        "Maya Sembiring published an opportunity that matches your plan or rank."
        in text
    )
    notification = db.session.scalars(select(Notification)).one()
    opened = login("employee").get(f"/notifications/{notification.id}")
    assert opened.headers["Location"] == f"/opportunities/{training.id}"


def test_notifying_takes_a_fixed_number_of_queries(login, world, count_queries):
    def publish_with(plans: int) -> int:
        for n in range(plans):
            person = make_employee(f"Pegawai {n}", world.kel, rank=world.ranks["II/a"])
            make_user(person, f"p{n}-{plans}@uji.example.id")
            db.session.flush()
            plan = CareerPlan(
                employee=person,
                period=local_today().year,
                target_position=world.staff_position,
                version=1,
            )
            plan.goals.append(
                PlanGoal(title="Arsip", competency=world.archives, target_level=4)
            )
            db.session.add(plan)
        db.session.commit()
        training = make_opportunity(world, status=OpportunityStatus.DRAFT)
        hr = login("hr")
        with count_queries() as counter:
            response = hr.post(
                f"/hr/opportunities/{training.id}/publish", data={"version": "1"}
            )
        assert response.status_code == 303
        # notify() adds one row per person; finding them is a fixed number.
        return sum(
            not s.startswith("INSERT INTO notifications") for s in counter.statements
        )

    assert publish_with(2) == publish_with(12)
    assert len(_notified(world)) == 14
