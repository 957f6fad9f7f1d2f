"""Input that no view could answer well is refused where it enters, with a 4xx
and a translated message, never a 500, and nothing is written.

Each attack runs with realistic data present: several units, a plan with goals
and activities, a running mentorship with notifications.
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.forms import MAX_INTEGER
from app.i18n import local_today
from app.models import (
    CareerPlan,
    DevelopmentActivity,
    MentoringSession,
    Mentorship,
    MentorshipRequest,
    Notification,
    PlanGoal,
    User,
)
from tests.conftest import text_of
from tests.factories import PASSWORD, make_plan
from tests.mentoring.helpers import start_mentorship

BEYOND = {"postgresql": 2**31, "sqlite": 2**63, "far beyond": 10**20}


@pytest.fixture
def data(world):
    """Sri's plan (two goals of two activities), Andi mentored by Dewi."""
    plan = make_plan(world)
    mentorship = start_mentorship(
        world, mentee=world.colleague, actor=world.users["hr"]
    )
    return {"plan": plan, "mentorship": mentorship}


def _state() -> tuple:
    """Everything these attacks could write."""
    counts = tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (
            CareerPlan,
            PlanGoal,
            DevelopmentActivity,
            MentorshipRequest,
            Mentorship,
            MentoringSession,
            Notification,
        )
    )
    versions = db.session.scalars(select(CareerPlan.version)).all()
    logins = db.session.scalars(select(User.last_login_at).order_by(User.id)).all()
    return counts, versions, logins


def _refused(response, status: int, message: str) -> None:
    assert response.status_code == status, response.status_code
    page = text_of(response)
    assert message in page
    assert "Something went wrong on our side" not in page


# Ids beyond what the database holds -------------------------------------------


def _id_routes() -> list[tuple[str, str]]:
    """(method, rule) of every route taking an ``<int:...>``, read from the app."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if any(name == "int" for name in _converter_names(rule))
        for method in rule.methods - {"HEAD", "OPTIONS"}
    )


def _converter_names(rule) -> list[str]:
    return [converter for converter, _, _ in _parts(rule.rule)]


def _parts(rule: str) -> list[tuple[str, str, str]]:
    """(converter, arguments, name) of each ``<...>`` in a rule."""
    import re

    return re.findall(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>", rule)


def _fill(rule: str, number: int) -> str:
    """The rule with ``number`` for each id and a real code for anything else."""
    import re

    def value(match: re.Match) -> str:
        return str(number) if match.group(1) == "int" else "M.01"

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", value, rule)


ID_ROUTES = _id_routes()


def test_every_id_route_is_covered():
    assert len(ID_ROUTES) >= 25  # plans, profiles, mentoring, notifications
    assert ("GET", "/plans/<int:plan_id>") in ID_ROUTES


@pytest.mark.parametrize(
    ("method", "rule"), ID_ROUTES, ids=[" ".join(route) for route in ID_ROUTES]
)
def test_an_id_beyond_the_database_is_a_404(app, world, data, login, method, rule):
    client = login("employee")
    before = _state()
    for number in BEYOND.values():
        response = client.open(_fill(rule, number), method=method)
        _refused(response, 404, "Page not found")
    # The largest id the database holds reaches the view, which finds nothing.
    response = client.open(_fill(rule, MAX_INTEGER), method=method)
    assert 400 <= response.status_code < 500, response.status_code
    assert _state() == before


def test_the_int_converter_stops_at_the_database_integer(app):
    urls = app.url_map.bind("localhost")
    assert urls.match(f"/plans/{MAX_INTEGER}") == (
        "plans.detail",
        {"plan_id": MAX_INTEGER},
    )
    for number in BEYOND.values():
        with pytest.raises(NotFound):
            urls.match(f"/plans/{number}")


def _plan_cases(data, world) -> list[tuple[str, str, str, dict, str]]:
    plan = data["plan"]
    goal, activity = plan.goals[0], plan.goals[0].activities[0]
    big = str(2**31)
    return [
        (
            "employee",
            "POST",
            f"/plans/{plan.id}/goals",
            {"title": "Arsip digital", "version": big},
            "does not say which version of the plan it saw",
        ),
        (
            "employee",
            "POST",
            f"/plans/{plan.id}/goals",
            {"title": "Arsip digital", "version": "1", "target_level": big},
            "Choose a level from 1 to 5.",
        ),
        (
            "employee",
            "POST",
            f"/plans/{plan.id}/goals/{goal.id}/activities",
            {
                "version": "1",
                "kind": "training",
                "title": "Diklat arsip",
                "planned_jp": big,
                "due_date": f"{plan.period}-06-01",
            },
            "Planned JP must be",
        ),
        (
            "employee",
            "POST",
            f"/plans/{plan.id}/activities/{activity.id}",
            {
                "version": "-" + big,
                "kind": "training",
                "title": "Diklat arsip",
                "planned_jp": "8",
                "due_date": f"{plan.period}-06-01",
            },
            "does not say which version of the plan it saw",
        ),
        (
            "employee",
            "POST",
            "/plans/",
            {"period": big, "target": "PENGADM"},
            "Choose this year or next year as the period.",
        ),
        (
            "supervisor",
            "GET",
            f"/plans/team?period={big}",
            None,
            "The period must be a year.",
        ),
    ]


def _mentoring_cases(data, world) -> list[tuple[str, str, str, dict, str]]:
    mentorship = data["mentorship"]
    big = str(2**31)
    return [
        (
            "mentor",
            "POST",
            f"/mentoring/{mentorship.id}/sessions",
            {
                "held_on": local_today().isoformat(),
                "minutes": "60",
                "topic": "Klasifikasi arsip",
                "activity_id": big,
            },
            "Choose a mentoring activity from the mentee",
        ),
        (
            "mentor",
            "POST",
            f"/mentoring/{mentorship.id}/close",
            {"rating": big},
            "Give a rating from 1 to 5.",
        ),
        (
            "employee",
            "POST",
            f"/mentoring/mentors/{world.mentor.id}/request",
            {"message": "Mohon bimbingan.", "goals": big},
            "Choose goals from your own plan.",
        ),
        (
            "mentor",
            "POST",
            "/mentoring/profile",
            {"capacity": "2", "competencies": big},
            "Choose competencies from the list.",
        ),
        (
            "hr",
            "POST",
            "/mentoring/cohort",
            {"mentee_id": big, f"mentor_{big}": str(world.mentor.id)},
            "The chosen pairs could not be read.",
        ),
        ("hr", "GET", f"/mentoring/cohort?unit={big}", None, "There is no such unit."),
        ("employee", "GET", f"/mentoring/find?unit={big}", None, "no such unit"),
        ("hr", "GET", f"/hr/employees?rank={big}", None, "There is no such rank."),
        (
            "employee",
            "GET",
            f"/notifications/?page={big}",
            None,
            "The page number must be a whole number from 1.",
        ),
    ]


@pytest.mark.parametrize("area", ["plans", "mentoring"])
def test_a_number_beyond_the_database_in_a_form_is_refused_with_its_message(
    app, world, data, login, area
):
    cases = (_plan_cases if area == "plans" else _mentoring_cases)(data, world)
    before = _state()
    for who, method, url, form, message in cases:
        response = login(who).open(url, method=method, data=form)
        assert 400 <= response.status_code < 500, (url, form, response.status_code)
        page = text_of(response)
        assert message in page, (url, form)
        assert "Something went wrong on our side" not in page
    assert _state() == before


# A NUL character, and files where none are taken --------------------------------

NUL_REFUSED = "The input or link contains a character that cannot be used."
FILES_REFUSED = "This page does not take files."


def _sign_in(identifier: str = "sri@uji.example.id", password: str = PASSWORD):
    return {"identifier": identifier, "password": password}


def _input_cases(data, world, value) -> list[tuple[str | None, str, dict]]:
    """(who, url, form) of a form of each kind, ``value`` in one text field."""
    plan, mentorship = data["plan"], data["mentorship"]
    goal = plan.goals[0]
    return [
        (None, "/login", _sign_in(identifier=value)),
        (None, "/login", _sign_in(password=value)),
        (
            "employee",
            f"/plans/{plan.id}/goals",
            {"title": "Arsip digital", "note": value, "version": "1"},
        ),
        (
            "employee",
            f"/plans/{plan.id}/goals/{goal.id}/activities",
            {
                "version": "1",
                "kind": "training",
                "title": value,
                "planned_jp": "8",
                "due_date": f"{plan.period}-06-01",
            },
        ),
        (
            "mentor",
            f"/mentoring/{mentorship.id}/sessions",
            {
                "held_on": local_today().isoformat(),
                "minutes": "60",
                "topic": "Klasifikasi arsip",
                "notes": value,
            },
        ),
        (
            "employee",
            f"/mentoring/mentors/{world.mentor.id}/request",
            {"message": value},
        ),
    ]


def _client(app, login, who):
    return app.test_client() if who is None else login(who)


@pytest.mark.parametrize("value", ["Arsip\x00digital", "\x00"])
def test_a_nul_character_in_a_form_is_refused(app, world, data, login, value):
    before = _state()
    for who, url, form in _input_cases(data, world, value):
        response = _client(app, login, who).post(url, data=form)
        _refused(response, 400, NUL_REFUSED)
    assert _state() == before


@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "/login?next=/plans/%00"),
        ("hr", "/hr/employees?q=Sri%00"),
        ("hr", "/hr/employees?q%00=Sri"),
        ("employee", "/mentoring/find?q=arsip%00"),
        ("employee", "/employees/{employee}/competencies/M.01%00"),
        ("employee", "/plans/%00"),
    ],
)
def test_a_nul_character_in_a_link_is_refused(app, world, data, login, who, url):
    url = url.format(employee=world.employee.id)
    response = _client(app, login, who).get(url)
    _refused(response, 400, NUL_REFUSED)


def test_a_nul_character_is_refused_in_indonesian_too(app, world):
    response = app.test_client(locale="id").post(
        "/login", data=_sign_in(identifier="sri\x00@uji.example.id")
    )
    _refused(response, 400, "Isian atau tautan berisi karakter yang tidak dapat")


def test_a_file_where_text_is_expected_is_refused(app, world, data, login):
    before = _state()
    for who, url, form in _input_cases(data, world, "x"):
        for name in form:
            sent = {**form, name: (io.BytesIO(b"Arsip digital"), "catatan.txt")}
            response = _client(app, login, who).post(url, data=sent)
            _refused(response, 400, FILES_REFUSED)
    # Beside the form's own fields, too.
    plan = data["plan"]
    response = login("employee").post(
        f"/plans/{plan.id}/goals",
        data={
            "title": "Arsip digital",
            "version": "1",
            "lampiran": (io.BytesIO(b"%PDF-1.4"), "sk.pdf"),
        },
    )
    _refused(response, 400, FILES_REFUSED)
    assert _state() == before


# Shareable filter URLs and the sign-in redirect ----------------------------------

URL_OPTIONS = [
    {"_method": "POST"},
    {"_anchor": "x"},
    {"_external": "1"},
    {"_external": "1", "_scheme": "javascript"},
    {"_scheme": "javascript"},
    {"endpoint": "auth.logout"},
    {"lampiran": "1"},
]


@pytest.mark.parametrize("extra", URL_OPTIONS)
@pytest.mark.parametrize(
    ("who", "path", "target", "query"),
    [
        ("hr", "/hr/employees", "directory-results", {"q": "Sri", "unit": ""}),
        ("employee", "/mentoring/find", "mentor-suggestions", {"q": "arsip"}),
    ],
)
def test_a_shared_filter_url_holds_only_the_filters(
    app, world, data, login, who, path, target, query, extra
):
    response = login(who).get(
        path,
        query_string={**query, **extra},
        headers={"HX-Request": "true", "HX-Target": target},
    )
    assert response.status_code == 200
    filters = "&".join(f"{k}={v}" for k, v in query.items() if v)
    assert response.headers["HX-Push-Url"] == f"{path}?{filters}"


NEXT_ATTACKS = [
    "/\r\nSet-Cookie: session=forged",
    "/plans/\nSet-Cookie:session=forged",
    "/%0d%0aSet-Cookie:%20session=forged",
    "/%0D%0ALocation:%20https://evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/plans\x7f",
]


@pytest.mark.parametrize("identifier", ["1988051720120311²1", "19880517201203²001"])
def test_an_nip_with_odd_digits_is_refused_at_sign_in(app, world, identifier):
    before = _state()
    response = app.test_client().post("/login", data=_sign_in(identifier=identifier))
    _refused(response, 422, "An NIP or NI has exactly 18 digits.")
    assert _state() == before


@pytest.mark.parametrize("target", NEXT_ATTACKS)
def test_a_next_with_control_characters_goes_to_the_home_page(app, world, target):
    response = app.test_client().post(
        "/login", query_string={"next": target}, data=_sign_in()
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert all("forged" not in c for c in response.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("target", NEXT_ATTACKS)
def test_the_language_switch_refuses_such_a_next_too(app, world, target):
    response = app.test_client().post("/locale", data={"locale": "id", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_a_plain_next_still_leads_back(app, world, data):
    url = f"/plans/{data['plan'].id}?tab=goals"
    response = app.test_client().post(
        "/login", query_string={"next": url}, data=_sign_in()
    )
    assert response.headers["Location"] == url


# The database's own limits (PostgreSQL) -------------------------------------------


@pytest.mark.postgres
def test_postgresql_limits_are_met_by_the_guards(app, world, data, login):
    """What the guards stand in front of: PostgreSQL refuses these outright."""
    from sqlalchemy.exc import DBAPIError

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's own limits")
    with pytest.raises(DBAPIError):  # integer out of range
        db.session.get(CareerPlan, 2**31)
    db.session.rollback()
    with pytest.raises(DBAPIError):  # NUL in text
        db.session.scalars(select(User).where(User.email == "sri\x00")).all()
    db.session.rollback()

    plan = data["plan"]
    before = _state()
    client = login("employee")
    _refused(client.get(f"/plans/{2**31}"), 404, "Page not found")
    _refused(client.get(f"/employees/{2**31}"), 404, "Page not found")
    response = app.test_client().post(
        "/login", data=_sign_in(identifier="sri\x00@uji.example.id")
    )
    _refused(response, 400, NUL_REFUSED)
    response = client.post(
        f"/plans/{plan.id}/goals", data={"title": "Arsip\x00", "version": "1"}
    )
    _refused(response, 400, NUL_REFUSED)
    response = login("mentor").post(
        f"/mentoring/{data['mentorship'].id}/sessions",
        data={
            "held_on": local_today().isoformat(),
            "minutes": "60",
            "topic": "Arsip",
            "activity_id": str(2**31),
        },
    )
    assert response.status_code == 422
    assert _state() == before
