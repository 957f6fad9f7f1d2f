"""The career plans section: status counts and progress per unit, the plans
waiting longest for review, the overview's tile, each checked against values
computed by hand, for HR and for a supervisor, with filters and drill-down."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.i18n import local_today
from app.models import ActivityStatus, PlanEvent, PlanEventKind, PlanStatus
from app.models.types import utcnow
from app.monitoring.sections import plans as section
from tests.conftest import text_of
from tests.factories import make_employee, make_plan
from tests.monitoring.org import (
    cell,
    figure_people,
    grow,
    hr_view,
    listed,
    supervisor_view,
)

DONE, DROPPED = ActivityStatus.DONE, ActivityStatus.DROPPED
HTMX = {"HX-Request": "true", "HX-Target": "monitoring-figures"}


def _statuses(plan, *statuses):
    activities = [a for goal in plan.goals for a in goal.activities]
    for activity, status in zip(activities, statuses, strict=False):
        activity.status = status


def _submitted(plan, *days_ago):
    """Submission events ``days_ago`` (the last one counts)."""
    for event in plan.events:
        if event.kind is PlanEventKind.SUBMITTED:
            db.session.delete(event)
    for days in days_ago:
        plan.events.append(
            PlanEvent(
                kind=PlanEventKind.SUBMITTED, created_at=utcnow() - timedelta(days)
            )
        )


@pytest.fixture
def org(world):
    """This year's plans (progress in brackets):

    - Kelurahan Alpha: Rahmat none; Sri approved (1 of 2 active activities
      done, 8 of 16 JP: 50%, a dropped one left out); Andi submitted 5 days
      ago after an earlier return (8 of 32 JP: 25%).
      Lingkungan I (below Alpha): Lina draft, no JP planned (1 of 2 active
      activities done: 50%).
    - Kelurahan Beta: Budi submitted 10 days ago (0%); Tono approved (100%).
    - Kecamatan itself: Dewi returned (0%); Maya none.
    Rahmat's approved plan of last year counts only for last year.
    """
    org = grow(world)
    year = local_today().year
    sri = make_plan(world, PlanStatus.APPROVED, goals=1, activities=3)
    _statuses(sri, DONE, ActivityStatus.IN_PROGRESS, DROPPED)
    andi = make_plan(world, PlanStatus.SUBMITTED, owner=world.colleague)
    _statuses(andi, DONE)
    _submitted(andi, 20, 5)
    lina = make_plan(world, owner=org.lina, goals=1, activities=3)
    _statuses(lina, DONE, ActivityStatus.PLANNED, DROPPED)
    for activity in lina.goals[0].activities:
        activity.planned_jp = 0
    budi = make_plan(world, PlanStatus.SUBMITTED, owner=world.outsider)
    _submitted(budi, 10)
    tono = make_plan(world, PlanStatus.APPROVED, owner=org.tono)
    _statuses(tono, DONE, DONE, DONE, DONE)
    make_plan(world, PlanStatus.RETURNED, owner=world.mentor)
    make_plan(world, PlanStatus.APPROVED, owner=world.supervisor, period=year - 1)
    db.session.commit()
    org.plans = {"sri": sri, "andi": andi, "lina": lina, "budi": budi}
    return org


def _rows(rows):
    return {row.unit.code: tuple(int(v) for v in row.values) for row in rows}


def test_status_counts_per_unit_for_hr(app, world, org):
    today = local_today()
    rows = section.rollup(None, section.status_per_unit(hr_view(today)))
    #                none draft submitted returned approved
    assert _rows(rows) == {
        "KEC": (1, 0, 0, 1, 0),
        "KEL-A": (1, 1, 1, 0, 1),
        "KEL-B": (0, 0, 1, 0, 1),
    }
    assert section.status_totals(hr_view(today)) == {
        "none": 2,
        "draft": 1,
        "submitted": 2,
        "returned": 1,
        "approved": 2,
    }


def test_status_counts_for_a_supervisor_reach_two_levels_down(app, world, org):
    view = supervisor_view(world, local_today())
    rows = section.rollup(None, section.status_per_unit(view))
    assert _rows(rows) == {"KEL-A": (0, 0, 1, 0, 1), "KEL-A-1": (0, 1, 0, 0, 0)}
    assert [row.own for row in rows] == [True, False]


def test_progress_per_unit_is_the_mean_of_the_plans(app, world, org):
    today = local_today()
    rows = section.rollup(None, section.progress_per_unit(hr_view(today)))
    means = {
        row.unit.code: (row.values[0] / row.values[1], row.values[1]) for row in rows
    }
    assert means == {
        "KEC": (pytest.approx(0), 1),
        "KEL-A": (pytest.approx((50 + 25 + 50) / 3), 3),
        "KEL-B": (pytest.approx(50), 2),
    }
    mine = section.rollup(
        None, section.progress_per_unit(supervisor_view(world, today))
    )
    assert {r.unit.code: r.values for r in mine} == {
        "KEL-A": (pytest.approx(75), 2),
        "KEL-A-1": (pytest.approx(50), 1),
    }


def test_waiting_longest_first_with_the_reviewer(app, world, org):
    today = local_today()
    waiting = section.waiting_longest(hr_view(today))
    assert [(w.owner.id, w.days) for w in waiting] == [
        (world.outsider.id, 10),
        (world.colleague.id, 5),
    ]
    assert [w.reviewer.id for w in waiting] == [org.tono.id, world.supervisor.id]
    assert waiting[0].submitted_on == today - timedelta(10)
    assert [w.plan_id for w in section.waiting_longest(hr_view(today), limit=1)] == [
        org.plans["budi"].id
    ]
    mine = section.waiting_longest(supervisor_view(world, today))
    assert [w.owner.id for w in mine] == [world.colleague.id]


def test_drill_down_names_exactly_the_people(app, world, org):
    today = local_today()
    view = hr_view(today)
    assert figure_people("plan-status", view, status="none") == {
        world.supervisor.id: None,
        world.hr_employee.id: None,
    }
    assert set(figure_people("plan-status", view, status="approved")) == {
        world.employee.id,
        org.tono.id,
    }
    assert figure_people("waiting-review", view) == {
        world.outsider.id: 10,
        world.colleague.id: 5,
    }
    assert figure_people("plan-progress", view) == {
        world.employee.id: 50,
        world.colleague.id: 25,
        org.lina.id: 50,
        world.outsider.id: 0,
        org.tono.id: 100,
        world.mentor.id: 0,
    }
    mine = supervisor_view(world, today)
    assert set(figure_people("plan-status", mine, status="approved")) == {
        world.employee.id
    }
    beta = hr_view(today, unit_id=world.kel_b.id)
    assert set(figure_people("plan-status", beta, status="submitted")) == {
        world.outsider.id
    }


def test_filters_change_the_figures(app, world, org):
    today = local_today()
    # A unit includes the units below it; its rows are its sub-units.
    alpha = hr_view(today, unit_id=world.kel.id)
    assert _rows(section.rollup(world.kel.id, section.status_per_unit(alpha))) == {
        "KEL-A": (1, 0, 1, 0, 1),
        "KEL-A-1": (0, 1, 0, 0, 0),
    }
    # Employment type: Tono is the only PPPK.
    from app.models import EmploymentType

    pppk = hr_view(today, employment_type=EmploymentType.PPPK)
    assert section.status_totals(pppk)["approved"] == 1
    assert sum(section.status_totals(pppk).values()) == 1
    # Last year: only Rahmat had a plan.
    last = hr_view(today, period=today.year - 1)
    assert section.status_totals(last) == {
        "none": 7,
        "draft": 0,
        "submitted": 0,
        "returned": 0,
        "approved": 1,
    }
    assert section.waiting_longest(last) == []


def test_hr_page_shows_the_figures_and_links_to_the_people(world, org, login):
    client = login("hr")
    page = client.get("/monitoring/plans")
    assert page.status_code == 200
    assert (
        cell(page, "plan-status-table", str(world.kel.id), "data-status", "none") == "1"
    )
    assert cell(page, "plan-status-table", "total", "data-status", "submitted") == "2"
    assert (
        cell(page, "plan-progress-table", str(world.kel.id), "data-percent", "42")
        == "42%"
    )
    assert cell(page, "plan-progress-table", "total", "data-percent", "38") == "38%"
    body = page.get_data(as_text=True)
    assert (
        f"/monitoring/people?figure=plan-status&amp;status=approved&amp;"
        f"unit={world.kel_b.id}&amp;period={local_today().year}" in body
    )
    assert 'id="plan-status-chart"' in body and 'id="plan-progress-chart"' in body
    waiting = body[body.index('id="plan-waiting-table"') :]
    assert waiting.index(world.outsider.name) < waiting.index(world.colleague.name)
    assert f"/plans/{org.plans['budi'].id}" in waiting
    assert "Tono Ginting" in text_of(page)

    listing = client.get(
        f"/monitoring/people?figure=plan-status&status=approved&unit={world.kel_b.id}"
    )
    assert listed(listing) == {org.tono.id}
    waiting_list = client.get("/monitoring/people?figure=waiting-review")
    assert listed(waiting_list) == {world.outsider.id, world.colleague.id}
    assert "Days waiting" in text_of(waiting_list)


def test_supervisor_page_sees_only_their_people(world, org, login):
    page = login("supervisor").get("/monitoring/plans")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    region = body[body.index('id="monitoring-figures"') :]
    assert "Lingkungan I" in region
    assert world.outsider.name not in region
    assert "Kelurahan Beta" not in region
    assert cell(page, "plan-status-table", "total", "data-status", "draft") == "1"
    listing = login("supervisor").get(
        "/monitoring/people?figure=plan-status&status=none"
    )
    assert listed(listing) == set()


def test_overview_tile_headline(world, org, login):
    page = login("hr").get("/monitoring/")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    tile = body[body.index('id="tile-plans"') :]
    tile = tile[: tile.index("</article>")]
    assert 'data-approved="25"' in tile  # 2 of 8 people
    assert "figure=plan-status&amp;status=none" in tile


def test_htmx_gets_the_region_and_a_browser_the_page(world, org, login):
    client = login("hr")
    partial = client.get(f"/monitoring/plans?unit={world.kel_b.id}", headers=HTMX)
    body = partial.get_data(as_text=True)
    assert partial.status_code == 200
    assert body.lstrip().startswith('<div id="monitoring-figures"')
    assert "<html" not in body and "dash-tabs" not in body
    assert "Kelurahan Alpha" not in body
    page = client.get(f"/monitoring/plans?unit={world.kel_b.id}")
    assert "<html" in page.get_data(as_text=True)


def test_a_bad_filter_is_dropped_with_a_notice(world, org, login):
    page = login("hr").get("/monitoring/plans?unit=abc&period=1800&employment=x")
    assert page.status_code == 200
    assert 'id="dash-ignored"' in page.get_data(as_text=True)
    assert cell(page, "plan-status-table", "total", "data-status", "approved") == "2"
    bad = login("hr").get("/monitoring/people?figure=plan-status&status=lost")
    assert bad.status_code == 200
    assert "not valid" in text_of(bad)


def _more(world, count: int) -> None:
    """``count`` more people per kelurahan, each with a submitted plan."""
    for n in range(count):
        for unit in (world.kel, world.kel_b):
            person = make_employee(f"Tambahan {unit.code} {n}", unit)
            db.session.commit()
            make_plan(world, PlanStatus.SUBMITTED, owner=person)


@pytest.mark.parametrize("path", ["/monitoring/plans", "/monitoring/"])
def test_query_count_is_constant(world, org, login, count_queries, path):
    client = login("hr")
    client.get(path)  # warm
    with count_queries() as small:
        assert client.get(path).status_code == 200
    _more(world, 3)
    with count_queries() as large:
        assert client.get(path).status_code == 200
    assert small.count == large.count
    if path == "/monitoring/plans":
        assert large.count <= 12


def test_a_review_shows_on_the_next_load(world, login):
    """Live figures: the supervisor approves a submitted plan, and HR's next
    load of the dashboard counts it (no nightly job, nothing cached)."""
    plan = make_plan(world, PlanStatus.SUBMITTED, owner=world.employee)
    plan_id, version = plan.id, plan.version
    hr = login("hr")

    def approved() -> str:
        response = hr.get("/monitoring/plans")
        return cell(response, "plan-status-table", "total", "data-status", "approved")

    assert approved() == "0"
    answer = login("supervisor").post(
        f"/plans/{plan_id}/approve", data={"comment": "", "version": str(version)}
    )
    assert answer.status_code == 303
    assert approved() == "1"
