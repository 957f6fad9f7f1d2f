"""The review steps of a career plan notify the people who must act on them."""

from sqlalchemy import select

from app.extensions import db
from app.models import Notification, NotificationKind
from tests.factories import make_plan


def _kinds(user) -> list[NotificationKind]:
    return db.session.scalars(
        select(Notification.kind)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id)
    ).all()


def test_submit_notifies_the_supervisor_and_review_the_owner(world, login):
    plan = make_plan(world)
    employee, supervisor = login("employee"), login("supervisor")
    employee.post(f"/plans/{plan.id}/submit", data={"version": "1"})
    supervisor.post(
        f"/plans/{plan.id}/return", data={"comment": "Tambah JP.", "version": "2"}
    )
    employee.post(f"/plans/{plan.id}/submit", data={"version": "3"})
    supervisor.post(f"/plans/{plan.id}/approve", data={"version": "4"})
    db.session.refresh(plan)
    assert plan.version == 5  # one step, one version: notices add no extra write
    assert _kinds(world.users["supervisor"]) == [NotificationKind.PLAN_SUBMITTED] * 2
    assert _kinds(world.users["employee"]) == [
        NotificationKind.PLAN_RETURNED,
        NotificationKind.PLAN_APPROVED,
    ]
    notice = db.session.scalars(
        select(Notification).where(Notification.user_id == world.users["employee"].id)
    ).first()
    assert notice.subject_id == plan.id and notice.actor_name == "Rahmat Siregar"
