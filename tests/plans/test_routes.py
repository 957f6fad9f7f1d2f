"""The plan pages: page and partial answers, bad input, the review, query counts."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import local_today
from app.models import (
    ActivityStatus,
    CareerPlan,
    DevelopmentActivity,
    Education,
    PlanGoal,
    PlanStatus,
)
from tests.conftest import text_of
from tests.factories import make_plan, make_position

YEAR = local_today().year
HTMX = {"HX-Request": "true"}


def _activity(version=1, **fields):
    data = {
        "kind": "training",
        "title": "Pelatihan arsip digital",
        "planned_jp": "16",
        "due_date": f"{YEAR}-09-30",
        "status": "planned",
        "version": str(version),
    }
    data.update(fields)
    return data


def _count(model) -> int:
    return db.session.scalar(select(db.func.count(model.id)))


# Creating ---------------------------------------------------------------------


def test_creating_a_plan_proposes_goals_and_opens_it(app, world, login):
    client = login("employee")
    form = client.get("/plans/new")
    assert 'value="PENGADM" selected' in form.get_data(as_text=True)
    response = client.post("/plans/", data={"period": YEAR, "target": "PENGADM"})
    assert response.status_code == 303
    plan = db.session.scalars(select(CareerPlan)).one()
    assert response.headers["Location"] == f"/plans/{plan.id}"
    page = text_of(client.get(response.headers["Location"]))
    assert "Raise Pengelolaan Arsip (en) to level 3" in page
    assert "Your plan for" in page


def test_a_path_preselects_its_target(app, world, login):
    response = login("employee").get("/plans/new?target=LURAH-A")
    assert 'value="LURAH-A" selected' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "data, status, message",
    [
        ({"period": YEAR, "target": "NOPE"}, 422, "Choose a position from the"),
        ({"period": YEAR - 1, "target": "PENGADM"}, 422, "this year or next year"),
        ({"period": "abc", "target": "PENGADM"}, 422, "this year or next year"),
        ({"target": "PENGADM"}, 422, "Choose the period"),
    ],
)
def test_bad_new_plans_are_refused(app, world, login, data, status, message):
    response = login("employee").post("/plans/", data=data)
    assert response.status_code == status
    assert message in text_of(response)
    assert _count(CareerPlan) == 0


def test_a_second_plan_for_a_period_is_a_conflict(app, world, login, plan_of):
    plan_of()
    response = login("employee").post(
        "/plans/", data={"period": YEAR, "target": "PENGADM"}
    )
    assert response.status_code == 409
    assert f"You already have a plan for {YEAR}" in text_of(response)
    assert _count(CareerPlan) == 1


def test_my_plans_list_shows_progress_and_history(app, world, login, plan_of):
    old = plan_of(period=YEAR - 1, status=PlanStatus.APPROVED, goals=1)
    for activity in old.goals[0].activities:
        activity.status = ActivityStatus.DONE
    db.session.commit()
    plan_of(goals=1)
    page = text_of(login("employee").get("/plans/"))
    assert f"{YEAR} Pengadministrasi Perkantoran Draft 0% · 0 of 16 JP done" in page
    assert f"{YEAR - 1} (history)" in page and "100% · 16 of 16 JP done" in page
    assert "New plan" in page  # next year is still free


# The plan page and in-place edits -----------------------------------------------


def test_the_plan_page_shows_readiness_gap_goals_and_history(
    app, world, login, plan_of
):
    plan = plan_of()
    page = text_of(login("employee").get(f"/plans/{plan.id}"))
    assert "Readiness: 40% · Data incomplete" in page
    assert "2 of 5 requirements met · 3 unknown (no data yet)" in page
    assert "Pangkat/golongan II/c; required at least II/a." in page
    assert "0 of 3 required competencies met, 3 not assessed yet." in page
    assert "T.05 Pengelolaan Arsip (en) Not assessed" in page
    assert "Kegiatan 2.2" in page and "Plan created" in page
    assert "T.05 Pengelolaan Arsip (en) · target level 3" in page  # the first goal
    assert "12 JP short" not in page  # 32 JP planned meets the 20 JP right


def test_adding_an_activity_in_place_answers_with_the_goal_and_summary(
    app, world, login, plan_of
):
    plan = plan_of(goals=2, activities=1)
    goal = plan.goals[1]
    response = login("employee").post(
        f"/plans/{plan.id}/goals/{goal.id}/activities",
        data=_activity(planned_jp="10"),
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith(f'<article class="goal" id="goal-{goal.id}">')
    assert f'id="goal-{plan.goals[0].id}"' not in body  # only this goal
    summary = re.search(r'<section id="plan-summary"[^>]*>', body).group(0)
    assert 'hx-swap-oob="true"' in summary and 'data-plan-version="2"' in summary
    assert "26 JP planned" in text_of(response)
    assert "Activity added" in response.headers["HX-Trigger"]
    assert "<html" not in body


def test_without_javascript_a_change_redirects_to_the_plan(app, world, login, plan_of):
    plan = plan_of(goals=1, activities=1)
    goal = plan.goals[0]
    client = login("employee")
    response = client.post(
        f"/plans/{plan.id}/goals/{goal.id}/activities", data=_activity()
    )
    assert response.status_code == 303
    activity = db.session.scalars(
        select(DevelopmentActivity).order_by(DevelopmentActivity.id.desc())
    ).first()
    assert response.headers["Location"].endswith(
        f"/plans/{plan.id}#activity-{activity.id}"
    )
    assert "Activity added." in text_of(client.get(f"/plans/{plan.id}"))


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"planned_jp": "-4"}, "Planned JP must be from 0 to 1000."),
        ({"planned_jp": "99999"}, "Planned JP must be from 0 to 1000."),
        ({"planned_jp": "lots"}, "Planned JP must be a whole number."),
        ({"due_date": f"{YEAR - 1}-12-01"}, "must fall within the plan's period"),
        ({"due_date": "someday"}, "Enter the due date as a date"),
        ({"kind": "holiday"}, "Choose the kind of activity."),
        ({"title": ""}, "Give the activity a title."),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_bad_activities_get_their_message_and_change_nothing(
    app, world, login, plan_of, fields, message, htmx
):
    plan = plan_of(goals=1, activities=1)
    goal = plan.goals[0]
    response = login("employee").post(
        f"/plans/{plan.id}/goals/{goal.id}/activities",
        data=_activity(**fields),
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    assert message in text_of(response)
    assert ("<html" in response.get_data(as_text=True)) is not htmx
    assert _count(DevelopmentActivity) == 1
    db.session.expire_all()
    assert db.session.get(CareerPlan, plan.id).version == 1


def test_a_stale_version_is_a_conflict_and_changes_nothing(app, world, login, plan_of):
    plan = plan_of(goals=1, activities=1)
    client = login("employee")
    url = f"/plans/{plan.id}/goals"
    assert client.post(url, data={"title": "Satu", "version": "1"}).status_code == 303
    response = client.post(url, data={"title": "Dua", "version": "1"}, headers=HTMX)
    assert response.status_code == 409
    assert "changed in another window" in text_of(response)
    assert [g.title for g in db.session.scalars(select(PlanGoal))] == [
        "Sasaran 1",
        "Satu",
    ]


def test_a_missing_version_is_refused(app, world, login, plan_of):
    plan = plan_of()
    response = login("employee").post(
        f"/plans/{plan.id}/goals", data={"title": "Tanpa versi"}
    )
    assert response.status_code == 422
    assert "does not say which version" in text_of(response)
    assert _count(PlanGoal) == 2


def test_goal_changes_answer_with_the_goal_list(app, world, login, plan_of):
    plan = plan_of(goals=2, activities=1)
    client = login("employee")
    second = plan.goals[1]
    response = client.post(
        f"/plans/{plan.id}/goals/{second.id}/move",
        data={"direction": "up", "version": "1"},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="plan-goals"')
    assert body.index("Sasaran 2") < body.index("Sasaran 1")
    response = client.post(
        f"/plans/{plan.id}/goals/{second.id}/delete",
        data={"version": "2"},
        headers=HTMX,
    )
    assert "Sasaran 2" not in text_of(response)
    assert _count(PlanGoal) == 1 and _count(DevelopmentActivity) == 1


def test_a_gap_suggestion_becomes_a_goal(app, world, login, plan_of):
    plan = plan_of(goals=1)  # covers Pengelolaan Arsip only
    client = login("employee")
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert page.count("Add as goal") == 2  # Integritas and Kerja Sama
    response = client.post(
        f"/plans/{plan.id}/goals",
        data={
            "title": "Raise Integritas to level 2",
            "competency": "M.01",
            "target_level": "2",
            "version": "1",
        },
        headers=HTMX,
    )
    assert response.get_data(as_text=True).count("Add as goal") == 1
    goal = db.session.scalars(select(PlanGoal).where(PlanGoal.title.like("Raise%")))
    assert goal.one().competency.code == "M.01"


def test_an_unknown_competency_is_refused(app, world, login, plan_of):
    plan = plan_of()
    response = login("employee").post(
        f"/plans/{plan.id}/goals",
        data={"title": "X", "competency": "Z.99", "version": "1"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Choose a competency from the dictionary." in text_of(response)


def test_editing_opens_in_place_or_on_the_page(app, world, login, plan_of):
    plan = plan_of(goals=2, activities=1)
    activity = plan.goals[1].activities[0]
    client = login("employee")
    url = f"/plans/{plan.id}/activities/{activity.id}/edit"
    partial = client.get(url, headers=HTMX)
    body = partial.get_data(as_text=True)
    assert body.lstrip().startswith(
        f'<article class="goal" id="goal-{plan.goals[1].id}"'
    )
    assert "Save activity" in body and "plan-summary" not in body
    page = client.get(url).get_data(as_text=True)
    assert "<html" in page and page.count("Save activity") == 1


def test_status_changes_update_progress(app, world, login, plan_of):
    plan = plan_of(goals=1, activities=2)
    activity = plan.goals[0].activities[0]
    response = login("employee").post(
        f"/plans/{plan.id}/activities/{activity.id}/status",
        data={"status": "done", "version": "1"},
        headers=HTMX,
    )
    assert "50% · 8 of 16 JP done" in text_of(response)
    assert activity.status is ActivityStatus.DONE


def test_an_unknown_status_is_refused(app, world, login, plan_of):
    plan = plan_of(goals=1, activities=1)
    activity = plan.goals[0].activities[0]
    response = login("employee").post(
        f"/plans/{plan.id}/activities/{activity.id}/status",
        data={"status": "finished", "version": "1"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Choose a status from the list." in text_of(response)
    assert activity.status is ActivityStatus.PLANNED


def test_ids_of_another_plan_are_not_found(app, world, login, plan_of):
    mine = plan_of(goals=1, activities=1)
    theirs = make_plan(world, owner=world.colleague, goals=1, activities=1)
    goal, activity = theirs.goals[0], theirs.goals[0].activities[0]
    client = login("employee")
    assert client.get(f"/plans/{theirs.id}").status_code == 404
    assert (
        client.post(
            f"/plans/{mine.id}/goals/{goal.id}", data={"title": "X", "version": "1"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/plans/{mine.id}/activities/{activity.id}/delete", data={"version": "1"}
        ).status_code
        == 404
    )
    assert _count(DevelopmentActivity) == 2


def test_a_submitted_plan_cannot_be_restructured(app, world, login, plan_of):
    plan = plan_of(status=PlanStatus.SUBMITTED)
    client = login("employee")
    response = client.post(
        f"/plans/{plan.id}/goals", data={"title": "Baru", "version": "1"}
    )
    assert response.status_code == 409
    assert "with your supervisor for review" in text_of(response)
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Add a goal" not in page and "Edit</a>" not in page
    assert "Submitted for review; waiting for Rahmat Siregar." in text_of(
        client.get(f"/plans/{plan.id}")
    )


# The review ---------------------------------------------------------------------


def test_submit_return_resubmit_approve(app, world, login, plan_of):
    plan = plan_of()
    employee, supervisor = login("employee"), login("supervisor")
    assert (
        employee.post(f"/plans/{plan.id}/submit", data={"version": "1"}).status_code
        == 303
    )
    home = text_of(supervisor.get("/"))
    assert "1 plan of your team awaits your review." in home
    queue = text_of(supervisor.get("/plans/team?status=submitted"))
    assert "Sri Wahyuni Lubis" in queue and "Andi Nasution" not in queue
    response = supervisor.post(
        f"/plans/{plan.id}/return", data={"comment": "", "version": "2"}
    )
    assert response.status_code == 422
    assert "Say what should change" in text_of(response)
    supervisor.post(
        f"/plans/{plan.id}/return",
        data={"comment": "Tambahkan coaching.", "version": "2"},
    )
    page = text_of(employee.get(f"/plans/{plan.id}"))
    assert "Returned by Rahmat Siregar: Tambahkan coaching." in page
    employee.post(f"/plans/{plan.id}/submit", data={"version": "3"})
    response = supervisor.post(
        f"/plans/{plan.id}/approve", data={"comment": "Bagus.", "version": "4"}
    )
    assert response.status_code == 303
    page = text_of(employee.get(f"/plans/{plan.id}"))
    assert "Approved by Rahmat Siregar" in page
    history = page[page.index("Review history") :]
    steps = ["Approved", "Submitted for review", "Returned for changes"]
    positions = [history.index(step) for step in steps]
    assert positions == sorted(positions)


def test_submitting_an_empty_plan_says_why(app, world, login, plan_of):
    plan = plan_of(goals=0)
    response = login("employee").post(f"/plans/{plan.id}/submit", data={"version": "1"})
    assert response.status_code == 422
    assert "Add at least one goal before submitting the plan." in text_of(response)
    assert db.session.get(CareerPlan, plan.id).status is PlanStatus.DRAFT


def test_approving_twice_is_a_conflict(app, world, login, plan_of):
    plan = plan_of(status=PlanStatus.APPROVED)
    response = login("supervisor").post(
        f"/plans/{plan.id}/approve", data={"version": "1"}
    )
    assert response.status_code == 409
    assert "Only a submitted plan can be reviewed." in text_of(response)


def test_changes_after_approval_are_shown_to_the_supervisor(app, world, login, plan_of):
    plan = plan_of(status=PlanStatus.APPROVED)
    response = login("employee").post(
        f"/plans/{plan.id}/goals",
        data={"title": "Menulis SOP", "version": "1"},
        headers=HTMX,
    )
    assert 'id="plan-history" aria-labelledby="history-title" hx-swap-oob="true"' in (
        response.get_data(as_text=True)
    )
    supervisor = login("supervisor")
    assert "1 change since approval" in text_of(supervisor.get("/plans/team"))
    page = text_of(supervisor.get(f"/plans/{plan.id}"))
    assert "Goal added after approval: Menulis SOP" in page


def test_the_team_list_filters_and_answers_partially(app, world, login, plan_of):
    plan_of(status=PlanStatus.RETURNED)
    client = login("supervisor")
    page = text_of(client.get(f"/plans/team?period={YEAR}"))
    assert "Andi Nasution" in page and f"No plan for {YEAR} yet." in page
    assert "Returned" in page
    partial = client.get(
        "/plans/team?status=approved", headers={**HTMX, "HX-Target": "team-plans"}
    )
    assert (
        partial.get_data(as_text=True).lstrip().startswith('<section id="team-plans"')
    )
    assert "Nobody matches." in text_of(partial)


def test_the_team_list_keeps_the_chosen_status(app, world, login, plan_of):
    plan_of(status=PlanStatus.SUBMITTED)
    response = login("supervisor").get("/plans/team?status=submitted")
    assert response.status_code == 200
    assert '<option value="submitted" selected>' in response.get_data(as_text=True)
    assert "Sri Wahyuni Lubis" in text_of(response)


@pytest.mark.parametrize("query", ["period=soon", "period=1800", "status=lost"])
def test_bad_team_filters_are_refused(app, world, login, query):
    response = login("supervisor").get(f"/plans/team?{query}")
    assert response.status_code == 400


# Print and paths --------------------------------------------------------------------


def test_the_print_view_is_indonesian_by_default(app, world, login, plan_of):
    plan = plan_of()
    client = login("employee")  # reads the interface in English
    indonesian = client.get(f"/plans/{plan.id}/print")
    assert '<html lang="id">' in indonesian.get_data(as_text=True)
    assert f"Rencana Pengembangan Karier {YEAR}" in text_of(indonesian)
    english = client.get(f"/plans/{plan.id}/print?lang=en")
    assert f"Career plan {YEAR}" in text_of(english)
    assert client.get(f"/plans/{plan.id}/print?lang=fr").status_code == 400


MONTHS = {  # month names, space-separated
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober "
    "November Desember",
    "en": "January February March April May June July August September October "
    "November December",
}


def _signed_on(language: str) -> str:
    """Today as the signature line writes it: long form, the language's order."""
    today = local_today()
    month = MONTHS[language].split()[today.month - 1]
    if language == "id":
        return f"Medan, {today.day} {month} {today.year}"
    return f"Medan, {month} {today.day}, {today.year}"


def _nip(employee) -> str:
    nip = employee.nip
    return f"NIP. {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


@pytest.mark.parametrize(
    ("query", "language", "employee_role", "supervisor_role"),
    [
        ("", "id", "Pegawai yang bersangkutan", "Atasan langsung"),
        ("?lang=en", "en", "Employee concerned", "Direct supervisor"),
    ],
)
def test_the_print_view_is_an_official_document(
    app, world, login, plan_of, query, language, employee_role, supervisor_role
):
    plan = plan_of()
    page = text_of(login("employee").get(f"/plans/{plan.id}/print{query}"))
    assert "PEMERINTAH KOTA MEDAN KECAMATAN MEDAN MARELAN" in page  # kop surat
    signatures = " ".join(
        [
            _signed_on(language),
            employee_role,
            supervisor_role,
            f"{world.employee.name} {_nip(world.employee)}",
            f"{world.supervisor.name} {_nip(world.supervisor)}",
        ]
    )
    assert signatures in page


def test_the_print_view_signs_without_a_supervisor(app, world, login, plan_of):
    world.employee.supervisor = None
    db.session.commit()
    plan = plan_of()
    page = text_of(login("employee").get(f"/plans/{plan.id}/print"))
    assert f"{world.employee.name} {_nip(world.employee)} NIP. " in page


def test_the_paths_page_does_not_grow_with_the_catalogue(
    app, world, login, count_queries
):
    client = login("employee")
    client.get("/plans/paths")
    with count_queries() as before:
        assert client.get("/plans/paths").status_code == 200
    for n in range(8):  # more posts, each with its standard and rows
        make_position(
            f"KASI-{n}",
            {world.integrity: 3, world.teamwork: 2},
            name=f"Kepala Seksi {n}",
            level="pengawas",
            eselon="IVb",
            min_rank=world.ranks["III/a"],
            min_education=Education.S1,
            unit=world.kel,
        )
    db.session.commit()
    with count_queries() as after:
        page = client.get("/plans/paths")
    assert "Kepala Seksi 7" in text_of(page) or "Kepala Seksi 0" in text_of(page)
    assert before.count == after.count <= 12


def test_the_paths_page_lists_steps_with_readiness(app, world, login):
    page = text_of(login("employee").get("/plans/paths"))
    assert "Promotion to a managerial post" in page and "Lurah Alpha" in page
    assert "Plan towards this" in page


# Queries ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["employee", "supervisor"])
def test_the_plan_page_does_not_grow_with_goals_and_activities(
    app, world, login, count_queries, role
):
    small = make_plan(world, goals=1, activities=1)
    large = make_plan(world, owner=world.colleague, goals=6, activities=5)
    client = login(role)
    counts = []
    for plan in (small, large):
        if role == "employee" and plan is large:
            plan = small  # the employee may see only their own
        url = f"/plans/{plan.id}"  # read before counting: only the app's queries
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    # 13: one of them is the owner's JP this year (three sums in one query).
    assert counts[0] == counts[1] <= 13


def test_the_large_plan_page_keeps_its_query_count(app, world, login, count_queries):
    small = make_plan(world, goals=1, activities=1)
    client = login("employee")
    url = f"/plans/{small.id}"
    with count_queries() as before:
        client.get(url)
    for index in range(5):
        goal = PlanGoal(position=index + 1, title=f"Tambahan {index}")
        goal.activities = [
            DevelopmentActivity(
                kind=small.goals[0].activities[0].kind,
                title=f"K{index}.{n}",
                planned_jp=4,
                due_date=small.goals[0].activities[0].due_date,
            )
            for n in range(6)
        ]
        small.goals.append(goal)
    db.session.commit()
    with count_queries() as after:
        page = client.get(url)
    assert "K4.5" in text_of(page)
    assert before.count == after.count <= 13  # 13: JP this year, one query


def test_the_team_list_does_not_grow_with_the_team(app, world, login, count_queries):
    make_plan(world, status=PlanStatus.APPROVED)
    client = login("supervisor")
    with count_queries() as before:
        client.get("/plans/team")
    make_plan(world, owner=world.colleague, status=PlanStatus.SUBMITTED)
    with count_queries() as after:
        client.get("/plans/team")
    assert before.count == after.count <= 12


@pytest.mark.parametrize(
    "role, listed",
    [("employee", True), ("supervisor", True), ("hr", True), ("admin", False)],
)
def test_the_profile_lists_the_plans_to_those_who_may_read_them(
    app, world, login, plan_of, role, listed
):
    plan = plan_of(status=PlanStatus.SUBMITTED)
    page = login(role).get(f"/employees/{world.employee.id}").get_data(as_text=True)
    assert (f'href="/plans/{plan.id}"' in page) is listed
