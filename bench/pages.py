"""Page benchmark: figures for the pages that exist, against DESIGN.md section 6.

Run from the repository root::

    .venv/bin/python bench/pages.py [--employees 20000] [--clients 50] [--seconds 15]
        [--saturation-seconds 5] [--saturation-pages home,plans,...|all|none]
        [--saturation-clients 8] [--only-saturation]

What it does, in order:

1. Builds a throwaway instance in a temporary folder (an SQLite file there, or the
   PostgreSQL database named by ``--database-url``), migrates it and loads the
   Marelan demo data with ``flask seed-demo --employees N``.
2. In-process checks with the Flask test client: SQL queries per request (counted
   with a ``before_cursor_execute`` listener), response bytes, and the size of each
   htmx partial against the full page it updates; then "server time": N
   sequential requests per page, which is pure server time (no network, no
   queueing).
3. First page load weight: the sign-in page and every stylesheet and script it
   links, gzip-compressed at level 6.
4. Load: gunicorn (``gunicorn.conf.py``, production settings) and ``--clients``
   threads of signed-in browsers for ``--seconds`` seconds over a realistic mix of
   pages, a few inline assessments and plan status changes, after one request of
   each kind and a find a mentor in every worker (see Mentoring). Latency is
   reported as the client saw it (it includes queueing in the socket backlog and
   the load generator's own GIL, so it over-states server time) and as gunicorn
   logged it (``%(D)s``, from the parsed request to the sent response: the server
   time the budget means).
5. Memory: the resident set (VmRSS) of each gunicorn worker after the load.
6. Saturation, the main figure of DESIGN.md section 6: a fresh gunicorn, run as
   ``gunicorn.conf.py`` alone runs it (no access log), driven by
   ``--saturation-clients`` load processes (spawned, so that the load
   generator's GIL is neither the server's nor shared between clients), each
   with one keep-alive connection and one request in flight: a closed loop.
   For ``/healthz``, then each page of ``--saturation-pages``, then ``/healthz``
   again, the 200 answers completed in a window of ``--saturation-seconds`` are
   counted. The window opens once every process has had its first answers and
   one more second has passed (each worker holding a connection has served the
   page: templates compiled, matching model fitted) and the load goes on until
   it closes. A page's figure is its rate over /healthz's, the mean of the two
   /healthz runs: what share of the server's bare request rate the page keeps,
   on the same machine in the same minutes, so that the other work on a shared
   machine cancels out as far as it can. Budget: every page >= 10%, geometric
   mean >= 25%. The table also shows the workers' CPU per answer, how many
   workers were busy, any worker recycled in the window (``max_requests``) and
   the load processes' own CPU; answers other than 200 are counted, and the
   first one's status and body are printed. The default pages are the main
   pages of each persona (15, about 2.5 minutes at 5 s); ``--help`` lists the
   names, ``all`` adds the other homes, the worst cases, partials and the cohort
   preview, ``none`` or ``--saturation-seconds 0`` skips the section, and
   ``--only-saturation`` skips sections 2 to 5 (the instance is still seeded).

Budgets that are missed are marked ``OVER BUDGET``; the exit code is 0 all the
same (1 only when the benchmark itself could not run). gunicorn is always stopped
and the temporary folder removed. Traffic goes to 127.0.0.1 only.

Besides the demo personas (employee, mentor, supervisor, HR), the in-process
checks sign in as the supervisor with the most direct reports, whose home page
lists them all: the worst case of a page whose size grows with the data.

Career plans: the employee's plan list, career paths and current plan (the demo
draft), the supervisor's team plans, and a change of an activity's status in
place (htmx). A change must name the plan version the page showed, so each one
reads ``data-plan-version`` first: in-process from the previous answer, under
load from a GET of the plan page just before (counted as a view of that page).
The clients signed in as the demo employee share her plan, so they take turns
from that read to the answer (one person does not race herself); a 409 Conflict
(a change from a stale version) would still be counted, apart from the errors.

Mentoring: the employee's mentoring overview, find a mentor (suggestions for the
gaps of her plan), a search of it by a word of the mentors' expertise as a full
page and as the htmx partial that replaces ``#mentor-suggestions``, the request
form of an open mentor the page suggests, and her notifications; the mentor's
home, inbox, the inbox badge her navigation polls (``#inbox-badge``, compared with
the inbox) and one of her active mentorships. Under load the searches also filter
by a competency. Only reads: accepting or declining would drain the demo inbox.
Each process fits the matching model on the first request that needs it (find a
mentor, a request form) and again once a mentor profile or any assessment has
changed, so each assessment posted under load costs the next such request in
every worker a refit; the time of a fit is shown apart. Before the load, find a
mentor is sent until every worker has served it (its pid in the access log), so
that no worker makes its first fit under the clock.

HR's cohort preview (``/mentoring/cohort?mentees=approved&unit=...``: every
mentee with an approved plan in the demo employee's unit matched against every
open mentor; a preview holds at most 1,000 mentees) is measured in-process only and
with fewer samples. It is heavy by nature: its time is reported and marked as not
held to the 50 ms page budget (not counted as over budget), with the in-process
app's peak memory while serving it; under load it would hold a worker's thread for
seconds and say little about the other pages.

``support.py`` holds the generic helpers (output, HTML parsing, the stdlib HTTP
client, gunicorn, the closed-loop load processes, /proc).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import math
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from support import (
    ROOT,
    USER_AGENT,
    Browser,
    Gunicorn,
    Saturation,
    cpu_seconds,
    csrf_header,
    csrf_token,
    heading,
    htmx_headers,
    memory,
    ms,
    percentile,
    reset_peak,
    saturate,
    say,
    start_tags,
    table,
)

# DESIGN.md section 6.
MAX_QUERIES = 12
MAX_PARTIAL_RATIO = 0.10
MAX_P95_MS = 50.0
MAX_RSS_MB = 150.0
MAX_FIRST_LOAD_KB = 100.0  # 1 KB = 1,000 bytes here, the stricter reading
MIN_PAGE_RATIO = 0.10  # a page's saturation throughput vs /healthz
MIN_MEAN_RATIO = 0.25  # the geometric mean of those ratios

OVER = "OVER BUDGET"
CONFLICT = 409  # a change from a stale plan version: counted, not an error
PERSONAS = ("employee", "mentor", "supervisor", "hr")
# Words of the demo mentors' expertise (app/demo/mentoring.py): the in-process
# search uses the first that finds a mentor for the demo employee.
MENTOR_SEARCHES = ("kelurahan", "pelayanan", "kinerja", "perencanaan", "arsip", "data")
HEAVY_SAMPLES = 5  # timed samples of a heavy page (the cohort preview)

# Saturation (section 6): the pages ``--saturation-pages`` can name, by a short
# name, with the label of the in-process page (its persona and path) they load.
SATURATION_PAGES = {
    "home": "home (employee)",
    "profile": "own profile",
    "history": "own history",
    "plans": "own plans",
    "paths": "career paths",
    "plan": "own plan",
    "team-plans": "team plans",
    "mentoring": "mentoring overview",
    "find-mentor": "find a mentor",
    "inbox": "mentor inbox",
    "mentorship": "mentorship (mentor)",
    "notifications": "notifications",
    "subordinate": "subordinate profile",
    "directory": "directory",
    "directory-search": "directory search",
    # Not in the default list: other homes, worst cases, partials, forms.
    "home-mentor": "home (mentor)",
    "home-supervisor": "home (supervisor)",
    "home-hr": "home (HR)",
    "home-largest-team": "home (largest team)",
    "team-plans-largest": "team plans (largest team)",
    "subordinate-history": "subordinate history",
    "directory-partial": "directory partial",
    "mentor-search": "mentor search",
    "mentor-search-partial": "mentor search partial",
    "mentor-request": "mentor request form",
    "inbox-badge": "inbox badge",
    "cohort": "cohort preview",
    "outcomes": "mentoring outcomes",
    "opportunities": "opportunities",
    "training": "training",
    "vacancy": "vacancy",
    "applicants": "applicants",
    "training-records": "own training records",
    "below-jp": "below the JP target",
    "monitoring": "monitoring overview",
    "monitoring-plans": "monitoring: plans",
    "monitoring-gaps": "monitoring: gap map",
    "monitoring-development": "monitoring: development",
    "monitoring-mentoring": "monitoring: mentoring",
    "monitoring-talent": "monitoring: 9-box",
    "monitoring-people": "monitoring: people",
    "monitoring-supervisor": "monitoring overview (supervisor)",
    "succession": "succession",
    "merit": "merit evidence",
}
DEFAULT_SATURATION_PAGES = (
    "home",
    "profile",
    "history",
    "plans",
    "paths",
    "plan",
    "team-plans",
    "mentoring",
    "find-mentor",
    "inbox",
    "mentorship",
    "notifications",
    "subordinate",
    "directory",
    "directory-search",
    "opportunities",
    "vacancy",
)


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------


@dataclass
class Figure:
    """A figure that is not per page: first load, worker memory, throughput."""

    what: str
    value: str
    budget: str
    over: bool


@dataclass
class Report:
    """Collects the figures for the summary table at the end.

    Per-page figures go in one row per page (``page``); the rest are ``other``.
    """

    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # e.g. why no budget
    others: list[Figure] = field(default_factory=list)

    def page(self, label: str, column: str, value: str, over: bool = False) -> str:
        """Record a page's figure; return the flag to print beside it."""
        self.pages.setdefault(label, {})[column] = value
        if over:
            self.missed.setdefault(label, []).append(column)
        return flag(over)

    def other(self, what: str, value: str, budget: str, over: bool = False) -> str:
        """Record a figure that is not per page; return its flag."""
        self.others.append(Figure(what, value, budget, over))
        return flag(over)

    @property
    def over_count(self) -> int:
        """How many figures missed their budget."""
        return sum(map(len, self.missed.values())) + sum(
            1 for f in self.others if f.over
        )


def flag(over: bool) -> str:
    """``OVER BUDGET`` when a budget is missed, else nothing."""
    return OVER if over else ""


# --------------------------------------------------------------------------
# 1. The throwaway instance
# --------------------------------------------------------------------------


def bench_environment(args: argparse.Namespace, folder: Path) -> dict[str, str]:
    """Environment for the commands, gunicorn and the in-process app."""
    url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    return {
        "JENJANG_ENV": "production",
        "JENJANG_INSTANCE": str(folder),
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(36),  # 48 characters
        "RATELIMIT_ENABLED": "0",
        "SESSION_COOKIE_SECURE": "0",
    }


def build_database(args: argparse.Namespace, env: dict[str, str]) -> None:
    """Migrate and seed the instance with the flask commands, showing progress."""
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    steps = [
        ("migrating", [*flask, "db", "upgrade"]),
        ("seeding", [*flask, "seed-demo", "--employees", str(args.employees)]),
    ]
    for label, command in steps:
        say(f"-- {label}: {' '.join(command[2:])}")
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        say(f"-- {label} took {time.perf_counter() - started:.1f} s")


# --------------------------------------------------------------------------
# 2. In-process checks with the Flask test client
# --------------------------------------------------------------------------


@dataclass
class Page:
    """A request to measure, as one persona, optionally as an htmx partial."""

    label: str
    persona: str
    path: str
    method: str = "GET"
    target: str | None = None  # HX-Target for an htmx request
    compare: str | None = None  # label of the full page the partial updates
    form: Callable[[int], dict[str, str]] | None = None  # POST body for sample i
    seen: Callable[[str], None] | None = None  # given each answer's body
    # Why the page cannot be held to the time budget (its time is still shown);
    # such a page gets at most HEAVY_SAMPLES timed samples.
    heavy: str | None = None


@dataclass
class Measured:
    """What the in-process checks found for one page."""

    page: Page
    status: int
    queries: int
    statements: list[str]
    size: int
    body: str
    first_ms: float  # the warm-up request: cold caches, a model fit
    times_ms: list[float] = field(default_factory=list)
    # A heavy page: this process's RSS before it, and the peak RSS while serving
    # it (None when the peak could not be reset first).
    memory_mb: tuple[float, float] | None = None


@dataclass
class Targets:
    """Ids and names the load test needs, found in the seeded data."""

    employee_id: int
    subordinate_ids: list[int]
    competency_codes: list[str]
    common_surname: str
    surnames: list[str]
    largest_team: tuple[str, int]  # e-mail of the supervisor with most reports
    plan: PlanTarget  # the demo employee's plan of this year
    mentoring: MentoringTarget
    training_id: int  # the demo's full training (a waiting list)
    vacancy_id: int  # the open vacancy with the most applicants


@dataclass
class MentoringTarget:
    """What the mentoring pages need: a search, open mentors, active mentorships."""

    search: str  # a word of MENTOR_SEARCHES that finds a mentor for the employee
    mentors: list[int]  # open mentors find a mentor suggests to the employee
    mentorships: list[int]  # the demo mentor's active mentorships
    fit_ms: float  # fitting the matching model on the mentors, in-process
    unit_id: int  # the demo employee's unit: the cohort HR previews

    @property
    def search_path(self) -> str:
        return f"/mentoring/find?{urlencode({'q': self.search})}"

    @property
    def request_path(self) -> str:
        return f"/mentoring/mentors/{self.mentors[0]}/request"


_REQUEST_LINK = re.compile(r"/mentoring/mentors/(\d+)/request")


def suggested_mentors(html: str) -> list[int]:
    """Ids of the mentors a find-a-mentor page or partial offers to ask, in order."""
    return [
        int(found.group(1))
        for tag, attrs in start_tags(html)
        if tag == "a" and (found := _REQUEST_LINK.fullmatch(attrs.get("href", "")))
    ]


_PLAN_VERSION = re.compile(r'data-plan-version="(\d+)"')
STATUS_CYCLE = ("in_progress", "done", "planned")


def plan_version(html: str) -> int | None:
    """The plan version a page or htmx answer shows (``data-plan-version``)."""
    found = _PLAN_VERSION.search(html)
    return int(found.group(1)) if found else None


@dataclass
class PlanTarget:
    """The demo employee's plan, an activity of it, and its version as last seen."""

    plan_id: int
    goal_id: int
    activity_id: int
    version: int

    @property
    def path(self) -> str:
        return f"/plans/{self.plan_id}"

    @property
    def status_path(self) -> str:
        return f"/plans/{self.plan_id}/activities/{self.activity_id}/status"

    @property
    def target(self) -> str:
        return f"goal-{self.goal_id}"  # hx-target="closest .goal"

    def status_form(self, sample: int) -> dict[str, str]:
        """The next status, sent with the version last seen."""
        status = STATUS_CYCLE[sample % len(STATUS_CYCLE)]
        return {"status": status, "version": str(self.version)}

    def see(self, html: str) -> None:
        """Remember the version an answer shows (the OOB summary carries it)."""
        version = plan_version(html)
        if version is not None:
            self.version = version


class InProcess:
    """The app built in this process on the benchmark database."""

    def __init__(self) -> None:
        # Imported here: app.config reads the environment at import time.
        from sqlalchemy import event

        from app import create_app
        from app.extensions import db

        self.app = create_app()
        self.db = db
        self.statements: list[str] = []
        with self.app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._count)
        self.clients: dict[str, object] = {}
        self.tokens: dict[str, str] = {}

    def _count(self, conn, cursor, statement, *args) -> None:
        self.statements.append(statement)

    def close(self) -> None:
        """Detach the listener and close the database connections."""
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)
        self.engine.dispose()

    def request(self, client, method: str, path: str, **kwargs):
        """One request in its own app context, as in production (fresh ``g``)."""
        headers = {"User-Agent": USER_AGENT, **kwargs.pop("headers", {})}
        with self.app.app_context():
            response = client.open(path, method=method, headers=headers, **kwargs)
            self.db.session.remove()
        return response

    def sign_in(self, persona: str, email: str, password: str):
        """A test client signed in through the login form, CSRF token included."""
        client = self.app.test_client()
        page = self.request(client, "GET", "/login")
        token = csrf_token(page.get_data(as_text=True))
        response = self.request(
            client,
            "POST",
            "/login",
            data={"identifier": email, "password": password, "csrf_token": token},
        )
        if response.status_code != 303:
            raise RuntimeError(f"{persona} could not sign in: {response.status}")
        self.clients[persona] = client
        return client

    def measure(self, page: Page, samples: int) -> Measured:
        """Queries and bytes of one request (after a warm-up), then timings."""
        client = self.clients[page.persona]
        rss = memory(os.getpid())["VmRSS"]
        peak_reset = bool(page.heavy) and reset_peak(os.getpid())
        started = time.perf_counter()
        self._send(client, page, 0)  # warm-up: caches, first connection
        first_ms = (time.perf_counter() - started) * 1000
        self.statements = []
        response = self._send(client, page, 1)
        measured = Measured(
            page,
            response.status_code,
            len(self.statements),
            list(self.statements),
            len(response.get_data()),
            response.get_data(as_text=True),
            first_ms,
        )
        if page.heavy:
            samples = min(samples, HEAVY_SAMPLES)
        for sample in range(samples):
            started = time.perf_counter()
            self._send(client, page, sample + 2)
            measured.times_ms.append((time.perf_counter() - started) * 1000)
        if peak_reset:
            measured.memory_mb = (rss, memory(os.getpid())["VmHWM"])
        return measured

    def _send(self, client, page: Page, sample: int):
        headers = htmx_headers(page.target) if page.target else {}
        data = None
        if page.form is not None:
            data = page.form(sample)
            headers["X-CSRFToken"] = self.header_token(page.persona)
        response = self.request(
            client, page.method, page.path, headers=headers, data=data
        )
        if page.seen is not None:
            page.seen(response.get_data(as_text=True))
        response.close()
        return response

    def header_token(self, persona: str) -> str:
        """The token htmx would send: <body hx-headers> of the persona's home."""
        if persona not in self.tokens:
            home = self.request(self.clients[persona], "GET", "/")
            self.tokens[persona] = csrf_header(home.get_data(as_text=True))
        return self.tokens[persona]

    def find_targets(self, accounts: dict) -> Targets:
        """The demo employee, their supervisor's team, common surnames, mentoring."""
        from sqlalchemy import func, select

        from app.demo import catalogue
        from app.i18n import local_today
        from app.models import (
            CareerPlan,
            DevelopmentActivity,
            Employee,
            Opportunity,
            OpportunityKind,
            OpportunityStatus,
            PlanGoal,
            User,
        )

        with self.app.app_context():
            session = self.db.session
            ids = dict(
                session.execute(
                    select(Employee.nip, Employee.id).where(
                        Employee.nip.in_([a.nip for a in accounts.values()])
                    )
                ).all()
            )
            team = session.scalars(
                select(Employee.id)
                .where(Employee.supervisor_id == ids[accounts["supervisor"].nip])
                .order_by(Employee.id)
                .limit(500)
            ).all()
            counts = {
                name: session.scalar(
                    select(func.count()).where(Employee.name.like(f"% {name}"))
                )
                for name in catalogue.names().family
            }
            boss, size = session.execute(
                select(Employee.supervisor_id, func.count())
                .where(Employee.supervisor_id.is_not(None))
                .group_by(Employee.supervisor_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            boss_email = session.scalar(
                select(User.email).where(User.employee_id == boss)
            )
            training_id, vacancy_id = (
                session.scalar(
                    select(Opportunity.id)
                    .where(
                        Opportunity.kind == kind,
                        Opportunity.status == OpportunityStatus.PUBLISHED,
                    )
                    .order_by(order.desc(), Opportunity.id)
                    .limit(1)
                )
                for kind, order in (
                    (OpportunityKind.TRAINING, Opportunity.booked),
                    (OpportunityKind.VACANCY, Opportunity.applicants),
                )
            )
            plan_row = session.execute(
                select(CareerPlan.id, PlanGoal.id, DevelopmentActivity.id)
                .join(PlanGoal, PlanGoal.plan_id == CareerPlan.id)
                .join(DevelopmentActivity, DevelopmentActivity.goal_id == PlanGoal.id)
                .where(
                    CareerPlan.employee_id == ids[accounts["employee"].nip],
                    CareerPlan.period == local_today().year,
                )
                .order_by(PlanGoal.position, DevelopmentActivity.position)
                .limit(1)
            ).first()
            session.remove()
        if plan_row is None:
            raise RuntimeError("the demo employee has no plan with an activity")
        surnames = sorted(counts, key=counts.get, reverse=True)
        employee_id = ids[accounts["employee"].nip]
        profile = self.request(self.clients["employee"], "GET", "/profile")
        codes = [
            attrs["hx-post"].rsplit("/", 1)[1]
            for tag, attrs in start_tags(profile.get_data(as_text=True))
            if tag == "form" and "/competencies/" in attrs.get("hx-post", "")
        ]
        if not codes:
            raise RuntimeError("the demo employee's profile has no assessment forms")
        plan_page = self.request(
            self.clients["employee"], "GET", f"/plans/{plan_row[0]}"
        )
        version = plan_version(plan_page.get_data(as_text=True))
        if plan_page.status_code != 200 or version is None:
            raise RuntimeError("the demo employee's plan page shows no plan version")
        plan = PlanTarget(*plan_row, version=version)
        mentoring = self.find_mentoring(
            ids[accounts["mentor"].nip], ids[accounts["employee"].nip]
        )
        say(
            f"demo employee id {employee_id}; supervisor's direct reports "
            f"{len(team)}{'+' if len(team) == 500 else ''}; competencies on the "
            f"profile {len(codes)}; most common surname {surnames[0]} "
            f"({counts[surnames[0]]} people); largest team {size} direct reports "
            f"({boss_email}); demo employee's plan {plan.plan_id} (version "
            f"{plan.version}), activity {plan.activity_id}; mentor search "
            f"{mentoring.search!r}, open mentors suggested {len(mentoring.mentors)}, "
            f"the mentor's active mentorships {mentoring.mentorships}"
        )
        return Targets(
            employee_id,
            list(team),
            codes,
            surnames[0],
            surnames[:30],
            (boss_email, size),
            plan,
            mentoring,
            training_id,
            vacancy_id,
        )

    def find_mentoring(self, mentor_id: int, employee_id: int) -> MentoringTarget:
        """The mentor's active mentorships (one query); mentors and a search word
        from the employee's find-a-mentor page, as she would pick them."""
        from sqlalchemy import select

        from app.models import Employee, Mentorship, MentorshipStatus

        with self.app.app_context():
            unit_id = self.db.session.scalar(
                select(Employee.unit_id).where(Employee.id == employee_id)
            )
            mentorships = self.db.session.scalars(
                select(Mentorship.id)
                .where(
                    Mentorship.mentor_id == mentor_id,
                    Mentorship.status == MentorshipStatus.ACTIVE,
                )
                .order_by(Mentorship.id)
            ).all()
            self.db.session.remove()
        if not mentorships:
            raise RuntimeError("the demo mentor has no active mentorship")
        client = self.clients["employee"]
        page = self.request(client, "GET", "/mentoring/find")
        mentors = suggested_mentors(page.get_data(as_text=True))
        if page.status_code != 200 or not mentors:
            raise RuntimeError("find a mentor suggests no mentor to the demo employee")
        for word in MENTOR_SEARCHES:
            path = f"/mentoring/find?{urlencode({'q': word})}"
            found = self.request(
                client, "GET", path, headers=htmx_headers("mentor-suggestions")
            )
            if suggested_mentors(found.get_data(as_text=True)):
                return MentoringTarget(
                    word, mentors, list(mentorships), self.fit(), unit_id
                )
        raise RuntimeError(f"no search of {MENTOR_SEARCHES} finds a mentor")

    def fit(self) -> float:
        """Milliseconds to fit the matching model afresh, as a worker does on its
        first use and again after any change of a mentor profile or assessment."""
        from app.mentoring import fitting

        with self.app.app_context():
            fitting.forget_models()
            started = time.perf_counter()
            fitting.current_model()
            elapsed = (time.perf_counter() - started) * 1000
            self.db.session.remove()
        return elapsed


def in_process_pages(targets: Targets) -> list[Page]:
    """The pages that exist now, each as the persona that would open it.

    The labels are the same as in the load test, so that the summary has one
    row per page.
    """
    employee = targets.employee_id
    code = targets.competency_codes[0]
    search = f"/hr/employees?q={targets.common_surname}"
    plan = targets.plan
    mentoring = targets.mentoring
    return [
        Page("home (employee)", "employee", "/"),
        Page("home (mentor)", "mentor", "/"),
        Page("home (supervisor)", "supervisor", "/"),
        Page("home (HR)", "hr", "/"),
        Page("home (largest team)", "largest team", "/"),
        Page("own profile", "employee", "/profile"),
        Page("own history", "employee", f"/employees/{employee}/history"),
        Page("subordinate profile", "supervisor", f"/employees/{employee}"),
        Page("subordinate history", "supervisor", f"/employees/{employee}/history"),
        Page("directory", "hr", "/hr/employees"),
        Page("directory search", "hr", search),
        Page(
            "directory partial",
            "hr",
            search,
            target="directory-results",
            compare="directory search",
        ),
        Page(
            "assessment POST",
            "employee",
            f"/employees/{employee}/competencies/{code}",
            method="POST",
            target=f"competency-{code}",
            compare="own profile",
            form=lambda i: {"level": str(i % 5 + 1), "note": "bench"},
        ),
        Page("own plans", "employee", "/plans/"),
        Page("own plan", "employee", plan.path),
        Page("career paths", "employee", "/plans/paths"),
        Page("team plans", "supervisor", "/plans/team"),
        Page("team plans (largest team)", "largest team", "/plans/team"),
        Page(
            "activity status POST",
            "employee",
            plan.status_path,
            method="POST",
            target=plan.target,
            compare="own plan",
            form=plan.status_form,
            seen=plan.see,
        ),
        Page("mentoring overview", "employee", "/mentoring/"),
        Page("find a mentor", "employee", "/mentoring/find"),
        Page("mentor search", "employee", mentoring.search_path),
        Page(
            "mentor search partial",
            "employee",
            mentoring.search_path,
            target="mentor-suggestions",
            compare="mentor search",
        ),
        Page("mentor request form", "employee", mentoring.request_path),
        Page("notifications", "employee", "/notifications/"),
        Page("mentor inbox", "mentor", "/mentoring/inbox"),
        Page(
            "inbox badge",
            "mentor",
            "/mentoring/inbox/badge",
            target="inbox-badge",
            compare="mentor inbox",
        ),
        Page("mentorship (mentor)", "mentor", f"/mentoring/{mentoring.mentorships[0]}"),
        Page("mentoring outcomes", "hr", "/hr/mentoring/outcomes"),
        Page("opportunities", "employee", "/opportunities"),
        Page("training", "employee", f"/opportunities/{targets.training_id}"),
        Page("vacancy", "employee", f"/opportunities/{targets.vacancy_id}"),
        Page(
            "applicants",
            "hr",
            f"/hr/opportunities/{targets.vacancy_id}/applicants",
        ),
        Page("own training records", "employee", "/profile/training"),
        Page("below the JP target", "hr", "/hr/jp"),
        Page("monitoring overview", "hr", "/monitoring/"),
        Page("monitoring: plans", "hr", "/monitoring/plans"),
        Page("monitoring: gap map", "hr", "/monitoring/gaps"),
        Page("monitoring: development", "hr", "/monitoring/development"),
        Page("monitoring: mentoring", "hr", "/monitoring/mentoring"),
        Page("monitoring: 9-box", "hr", "/monitoring/talent"),
        Page(
            "monitoring: people",
            "hr",
            "/monitoring/people?figure=plan-status&status=draft",
        ),
        Page("monitoring overview (supervisor)", "largest team", "/monitoring/"),
        Page("succession", "hr", "/monitoring/succession"),
        Page("merit evidence", "hr", "/monitoring/merit"),
        Page(
            "cohort preview",
            "hr",
            f"/mentoring/cohort?mentees=approved&unit={mentoring.unit_id}",
            heavy="a whole unit's cohort at once: no 50 ms budget",
        ),
    ]


def run_in_process(args: argparse.Namespace, report: Report) -> Targets:
    """Sections 2 and 3: queries, bytes, partial ratios, server time, page weight."""
    from app.demo import catalogue
    from app.demo.seed import DEMO_PASSWORD

    accounts = {a.role: a for a in catalogue.accounts()}
    bench = InProcess()
    try:
        for persona in PERSONAS:
            bench.sign_in(persona, accounts[persona].email, DEMO_PASSWORD)
        targets = bench.find_targets(accounts)
        if args.only_saturation:
            return targets
        bench.sign_in("largest team", targets.largest_team[0], DEMO_PASSWORD)
        results = {}
        for page in in_process_pages(targets):
            results[page.label] = bench.measure(page, args.samples)
        report_queries(results, targets, report)
        report_server_time(results, args.samples, report)
        report_heavy(results, targets, report)
        first_page_load(bench, report)
    finally:
        bench.close()
    return targets


def split_oob(body: str) -> tuple[int, int]:
    """Bytes of an htmx answer before and from its first out-of-band element."""
    marker = body.find("hx-swap-oob")
    if marker < 0:
        return len(body.encode()), 0
    start = body.rfind("<", 0, marker)
    return len(body[:start].encode()), len(body[start:].encode())


def report_queries(
    results: dict[str, Measured], targets: Targets, report: Report
) -> None:
    """Print queries, bytes and partial ratios per page."""
    heading("Queries and bytes per request (in-process, after one warm-up)")
    rows = []
    for label, result in results.items():
        page = result.page
        flags = []
        if report.page(
            label,
            "queries",
            str(result.queries),
            result.queries > MAX_QUERIES,
        ):
            flags.append(f"{OVER} (queries)")
        report.page(label, "bytes", str(result.size))
        ratio = ""
        if page.compare:
            full = results[page.compare].size
            value = result.size / full if full else math.inf
            ratio = f"{value:.1%}"
            if report.page(label, "partial", ratio, value > MAX_PARTIAL_RATIO):
                flags.append(f"{OVER} (partial)")
        if result.status != 200:
            flags.append(f"status {result.status}")
        rows.append(
            [
                label,
                page.method,
                page.path,
                result.queries,
                result.size,
                ratio,
                ", ".join(flags),
            ]
        )
    headers = ["page", "method", "path", "queries", "bytes", "partial/full", ""]
    table(headers, rows)
    post = results["assessment POST"]
    row, oob = split_oob(post.body)
    change = results["activity status POST"]
    goal, summary = split_oob(change.body)
    say(
        f"Budgets: queries <= {MAX_QUERIES} (and the same at any data size), "
        f"partial/full <= {MAX_PARTIAL_RATIO:.0%}. Headers of the htmx requests: "
        "HX-Request: true and HX-Target (directory-results, competency-<code>, "
        "goal-<id>, mentor-suggestions, inbox-badge).\n"
        "partial/full compares the directory partial with the directory page for "
        f"the same q ({targets.common_surname}), and the assessment answer with "
        f"the own-profile page; that answer is the row ({row} bytes) plus the "
        f"out-of-band summary and history ({oob} bytes). The activity status "
        f"answer (plan {targets.plan.plan_id}, sent with the version the previous "
        "answer showed) is compared with the own-plan page; it is the goal "
        f"({goal} bytes) plus the out-of-band progress summary ({summary} bytes). "
        "The mentor search partial is compared with the find-a-mentor page for "
        f"the same q ({targets.mentoring.search}), the inbox badge with the inbox."
    )
    for result in results.values():
        if result.queries > MAX_QUERIES:
            say(f"\nSQL of {result.page.label} ({result.queries} statements):")
            for statement in result.statements:
                say("  " + " ".join(statement.split())[:120])


def report_server_time(
    results: dict[str, Measured], samples: int, report: Report
) -> None:
    """Print the in-process (pure server) time per page."""
    heading(f"Server time in-process ({samples} sequential requests per page)")
    rows = []
    for label, result in results.items():
        p95 = percentile(result.times_ms, 0.95)
        heavy = result.page.heavy
        note = report.page(
            label, "in-proc p95", ms(p95), not heavy and p95 > MAX_P95_MS
        )
        if heavy:
            note = report.notes[label] = heavy
        rows.append(
            [
                label,
                len(result.times_ms),
                ms(result.first_ms),
                ms(percentile(result.times_ms, 0.5)),
                ms(p95),
                ms(max(result.times_ms)),
                note,
            ]
        )
    table(["page", "samples", "first ms", "p50 ms", "p95 ms", "max ms", ""], rows)
    say(
        "One request at a time through the WSGI app with the test client: pure "
        f"server time, no network, no queueing. Budget p95 <= {MAX_P95_MS:.0f} ms. "
        "first: the warm-up request before the samples (cold template and query "
        f"caches). Heavy pages get at most {HEAVY_SAMPLES} samples; their time is "
        "shown, not held to the budget."
    )


def report_heavy(
    results: dict[str, Measured], targets: Targets, report: Report
) -> None:
    """The matching model's fit and the heavy pages' peak memory."""
    report.other(
        "in-process: fitting the matching model (a worker's first use, a refit)",
        f"{ms(targets.mentoring.fit_ms)} ms",
        "(info)",
    )
    for label, result in results.items():
        if result.memory_mb is not None:
            before, peak = result.memory_mb
            report.other(
                f"in-process: peak RSS serving {label} (RSS before)",
                f"{peak:.1f} MB ({before:.1f})",
                f"(info; a worker <= {MAX_RSS_MB:.0f} MB)",
            )


def first_page_load(bench: InProcess, report: Report) -> None:
    """Section 3: the sign-in page and every CSS/JS it links, gzip level 6."""
    heading("First page load: the sign-in page and what it links (gzip -6)")
    client = bench.app.test_client()
    login = bench.request(client, "GET", "/login")
    assets = ["/login"] + [
        attrs.get("href") or attrs.get("src")
        for tag, attrs in start_tags(login.get_data(as_text=True))
        if (tag == "link" and "stylesheet" in attrs.get("rel", "").split())
        or (tag == "script" and attrs.get("src"))
    ]
    rows, total_raw, total_gzip = [], 0, 0
    for url in assets:
        response = login if url == "/login" else bench.request(client, "GET", url)
        body = response.get_data()
        response.close()
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status}")
        packed = len(gzip.compress(body, compresslevel=6, mtime=0))
        total_raw, total_gzip = total_raw + len(body), total_gzip + packed
        rows.append([urlsplit(url).path, len(body), packed])
    kb = total_gzip / 1000
    note = report.other(
        f"first load: sign-in page + {len(assets) - 1} CSS/JS, gzip -6",
        f"{kb:.1f} KB",
        f"<= {MAX_FIRST_LOAD_KB:.0f} KB",
        kb > MAX_FIRST_LOAD_KB,
    )
    rows.append(["total", total_raw, total_gzip])
    table(["resource", "bytes", "gzip bytes"], rows)
    say(f"Total {kb:.1f} KB (1 KB = 1,000 bytes) vs {MAX_FIRST_LOAD_KB:.0f} KB {note}")


# --------------------------------------------------------------------------
# 4. gunicorn under load, with stdlib HTTP clients
# --------------------------------------------------------------------------


@dataclass
class Action:
    """One kind of request in the traffic mix."""

    label: str
    weight: int
    make: Callable[[random.Random], tuple[str, str, dict | None, dict]]
    # (label, path) of a page to GET first: the request then sends the plan
    # version that page shows, as a browser's form would.
    versioned: tuple[str, str] | None = None
    # Held from that GET to the answer, so that the clients sharing one plan do
    # not change it under each other (one person does not race herself).
    serial: threading.Lock | None = None


def traffic_mix(targets: Targets) -> dict[str, list[Action]]:
    """What each persona's browsers do, with relative weights."""
    employee = targets.employee_id
    team = targets.subordinate_ids or [employee]
    prefixes = sorted({name[:3] for name in targets.surnames})
    searches = [*targets.surnames, *prefixes, "1985", "1990", "19960412"]

    def get(path: str, target: str | None = None):
        return ("GET", path, None, htmx_headers(target) if target else {})

    def assess(rng: random.Random):
        code = rng.choice(targets.competency_codes)
        return (
            "POST",
            f"/employees/{employee}/competencies/{code}",
            {"level": str(rng.randint(1, 5)), "note": "bench"},
            htmx_headers(f"competency-{code}"),
        )

    def directory(rng: random.Random, target: str | None = None):
        return get(f"/hr/employees?{urlencode({'q': rng.choice(searches)})}", target)

    def subordinate(suffix: str = ""):
        return lambda rng: get(f"/employees/{rng.choice(team)}{suffix}")

    plan = targets.plan

    def status_change(rng: random.Random):
        form = {"status": rng.choice(STATUS_CYCLE)}  # the version is added later
        return ("POST", plan.status_path, form, htmx_headers(plan.target))

    mentoring = targets.mentoring

    def mentor_search(rng: random.Random, target: str | None = None):
        """A word of the mentors' expertise, or one competency of the employee's."""
        if rng.random() < 0.5:
            query = {"q": rng.choice(MENTOR_SEARCHES)}
        else:
            query = {"competency": rng.choice(targets.competency_codes)}
        return get(f"/mentoring/find?{urlencode(query)}", target)

    def mentor_request(rng: random.Random):
        return get(f"/mentoring/mentors/{rng.choice(mentoring.mentors)}/request")

    def mentorship(rng: random.Random):
        return get(f"/mentoring/{rng.choice(mentoring.mentorships)}")

    return {
        "employee": [
            Action("own profile", 10, lambda rng: get("/profile")),
            Action("own history", 3, lambda rng: get(f"/employees/{employee}/history")),
            Action("home (employee)", 2, lambda rng: get("/")),
            Action("assessment POST", 1, assess),
            Action("own plan", 3, lambda rng: get(plan.path)),
            Action("own plans", 2, lambda rng: get("/plans/")),
            Action("career paths", 2, lambda rng: get("/plans/paths")),
            Action(
                "activity status POST",
                2,
                status_change,
                versioned=("own plan", plan.path),
                serial=threading.Lock(),
            ),
            Action("mentoring overview", 2, lambda rng: get("/mentoring/")),
            Action("find a mentor", 1, lambda rng: get("/mentoring/find")),
            Action("mentor search", 1, mentor_search),
            Action(
                "mentor search partial",
                3,
                lambda rng: mentor_search(rng, "mentor-suggestions"),
            ),
            Action("mentor request form", 1, mentor_request),
            Action("notifications", 2, lambda rng: get("/notifications/")),
        ],
        "mentor": [
            Action("home (mentor)", 2, lambda rng: get("/")),
            Action("mentor inbox", 4, lambda rng: get("/mentoring/inbox")),
            Action(
                "inbox badge",
                6,
                lambda rng: get("/mentoring/inbox/badge", "inbox-badge"),
            ),
            Action("mentorship (mentor)", 3, mentorship),
        ],
        "supervisor": [
            Action("subordinate profile", 10, subordinate()),
            Action("subordinate history", 3, subordinate("/history")),
            Action("home (supervisor)", 1, lambda rng: get("/")),
            Action("team plans", 3, lambda rng: get("/plans/team")),
        ],
        "hr": [
            Action("directory search", 4, directory),
            Action(
                "directory partial", 8, lambda rng: directory(rng, "directory-results")
            ),
            Action("directory", 1, lambda rng: get("/hr/employees")),
            Action("home (HR)", 1, lambda rng: get("/")),
        ],
    }


@dataclass
class Sample:
    """One request of the load test as the client saw it."""

    label: str
    ms: float
    status: int


def perform(browser: Browser, action: Action, rng: random.Random) -> list[Sample]:
    """One action: its request, after a GET of the page it reads a version from."""
    if action.serial is not None:
        with action.serial:
            return _perform(browser, action, rng)
    return _perform(browser, action, rng)


def _perform(browser: Browser, action: Action, rng: random.Random) -> list[Sample]:
    samples: list[Sample] = []
    method, path, form, headers = action.make(rng)
    if action.versioned is not None:
        label, page = action.versioned
        status, body = _timed(browser, samples, label, "GET", page)
        version = plan_version(body.decode()) if status == 200 else None
        if version is None:
            return samples  # that page failed; its sample says so
        form = {**(form or {}), "version": str(version)}
    _timed(browser, samples, action.label, method, path, form, headers)
    return samples


def _timed(
    browser: Browser,
    samples: list[Sample],
    label: str,
    method: str,
    path: str,
    form: dict | None = None,
    headers: dict | None = None,
) -> tuple[int, bytes]:
    """Send one request labelled for gunicorn's log; record what the client saw."""
    headers = {**(headers or {}), "X-Bench-Label": label}
    if method == "POST":
        headers["X-CSRFToken"] = browser.token
    started = time.perf_counter()
    try:
        status, body = browser.request(method, path, form=form, headers=headers)
    except (OSError, http.client.HTTPException):
        status, body = 0, b""
    samples.append(Sample(label, (time.perf_counter() - started) * 1000, status))
    return status, body


def browse(
    index: int,
    browser: Browser,
    actions: list[Action],
    until: tuple[float, int],
    think_ms: float,
    samples: list[Sample],
) -> None:
    """One client thread: requests from the mix until the time or quota is up."""
    deadline, quota = until
    rng = random.Random(index)
    weights = [a.weight for a in actions]
    for _ in range(quota):
        if time.perf_counter() >= deadline:
            break
        action = rng.choices(actions, weights)[0]
        samples.extend(perform(browser, action, rng))
        if think_ms:  # a pause, but never past the deadline
            pause = rng.expovariate(1000 / think_ms)
            time.sleep(max(0.0, min(pause, deadline - time.perf_counter())))
    browser.close()


def run_load(
    args: argparse.Namespace,
    env: dict[str, str],
    folder: Path,
    targets: Targets,
    report: Report,
) -> None:
    """Sections 4 and 5: gunicorn under ``--clients`` browsers, then worker RSS."""
    from app.demo import catalogue
    from app.demo.seed import DEMO_PASSWORD

    accounts = {a.role: a for a in catalogue.accounts()}
    server = Gunicorn(env, folder)
    try:
        server.wait_ready()
        pool: dict[str, list[Browser]] = {}
        for persona in PERSONAS:
            pool[persona] = []
            for _ in range(2):
                browser = Browser(server.port)
                browser.sign_in(accounts[persona].email, DEMO_PASSWORD)
                browser.close()
                pool[persona].append(browser)
        say(f"-- signed in {sum(map(len, pool.values()))} sessions over HTTP")
        mix = traffic_mix(targets)
        warm_workers(server, pool["employee"][0], "/mentoring/find")
        warm_up(server.port, pool, mix)
        workers = server.workers()
        rss_before = {pid: memory(pid) for pid in workers}
        cpu_before = {pid: cpu_seconds(pid) for pid in workers}

        samples: list[Sample] = []
        quota = max(1, args.max_requests // args.clients)
        say(
            f"-- {args.clients} clients for {args.seconds:g} s "
            f"(at most {quota} requests each, think time {args.think_ms:g} ms)"
        )
        own_cpu = time.process_time()
        started = time.perf_counter()
        until = (started + args.seconds, quota)
        threads = []
        for index in range(args.clients):
            persona = PERSONAS[index % len(PERSONAS)]
            sessions = pool[persona]
            browser = sessions[index // len(PERSONAS) % len(sessions)].clone()
            thread = threading.Thread(
                target=browse,
                args=(index, browser, mix[persona], until, args.think_ms, samples),
                daemon=True,
            )
            threads.append(thread)
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        cpu = {
            "server": sum(cpu_seconds(p) - cpu_before[p] for p in workers),
            "client": time.process_time() - own_cpu,
        }
        report_load(samples, server.server_times(), elapsed, cpu, args, report)
        report_memory(server, rss_before, report)
    finally:
        say("-- stopping gunicorn")
        server.stop()


WARM_UP = "warm-up"  # the label of requests sent only to warm the workers


def warm_workers(server: Gunicorn, browser: Browser, path: str) -> None:
    """GET ``path`` until every worker has served it: bursts of concurrent
    connections, each worker known by its pid in the access log.

    For the matching model, which each worker fits on its first use: a worker
    that did so under the clock would count a cold start against the page.
    """
    workers = set(server.workers())
    statuses: list[int] = []

    def fetch() -> None:
        twin = browser.clone()
        try:
            status, _ = twin.request("GET", path, headers={"X-Bench-Label": WARM_UP})
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            twin.close()
        statuses.append(status)

    for burst in range(1, 11):
        threads = [threading.Thread(target=fetch) for _ in range(2 * len(workers))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if any(status != 200 for status in statuses):
            raise RuntimeError(f"{path} answered {statuses} when warming the workers")
        served = server.served_by(WARM_UP) & workers
        if served == workers:
            say(f"-- {path} served by all {len(workers)} workers ({burst} bursts)")
            return
    say(f"-- {path} served by {len(served)} of {len(workers)} workers only")


def warm_up(port: int, pool: dict[str, list[Browser]], mix) -> None:
    """One request of every kind before the clock starts; each must answer 200."""
    warm = Browser(port)
    for persona, actions in mix.items():
        warm.cookies = dict(pool[persona][0].cookies)
        warm.token = pool[persona][0].token
        for action in actions:
            for sample in perform(warm, action, random.Random(0)):
                if sample.status != 200:
                    raise RuntimeError(f"{sample.label} answered {sample.status}")
    warm.close()


def report_load(
    samples: list[Sample],
    server_times: dict[str, list[float]],
    elapsed: float,
    cpu: dict[str, float],
    args: argparse.Namespace,
    report: Report,
) -> None:
    """Print per-page latency (client and server side) and throughput."""
    heading(
        f"Load: gunicorn (gunicorn.conf.py), {args.clients} clients, {elapsed:.1f} s"
    )
    by_label: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_label[sample.label].append(sample)
    rows = []
    for label in sorted(by_label, key=lambda name: -len(by_label[name])):
        done = by_label[label]
        times = [s.ms for s in done]
        errors = sum(1 for s in done if s.status not in (200, CONFLICT))
        conflicts = sum(1 for s in done if s.status == CONFLICT)
        server = server_times.get(label, [])
        server_p95 = percentile(server, 0.95)
        note = report.page(label, "server p95", ms(server_p95), server_p95 > MAX_P95_MS)
        report.page(label, "client p95", ms(percentile(times, 0.95)))
        rows.append(
            [
                label,
                len(done),
                errors,
                conflicts,
                ms(percentile(times, 0.5)),
                ms(percentile(times, 0.95)),
                ms(max(times)),
                ms(percentile(server, 0.5)),
                ms(server_p95),
                note,
            ]
        )
    headers = ["page", "requests", "errors", "409", "client p50", "client p95"]
    headers += ["client max", "server p50", "server p95", ""]
    table(headers, rows)
    total = len(samples)
    errors = sum(1 for s in samples if s.status not in (200, CONFLICT))
    conflicts = sum(1 for s in samples if s.status == CONFLICT)
    all_times = [s.ms for s in samples]
    rate = total / elapsed
    report.other("load: throughput, all pages", f"{rate:.0f} req/s", "-")
    report.other(
        "load: requests that answered neither 200 nor 409", str(errors), "0", errors > 0
    )
    report.other(
        "load: 409 Conflict (plan changed since its page was read)",
        str(conflicts),
        "(info)",
    )
    cores = os.cpu_count() or 1
    say(
        f"{total} requests ({errors} errors, {conflicts} conflicts), "
        f"{rate:.0f} requests/s; all pages: "
        f"client p50 {ms(percentile(all_times, 0.5))} ms, "
        f"p95 {ms(percentile(all_times, 0.95))} ms. Latencies in ms.\n"
        f"CPU: the gunicorn workers used {cpu['server']:.1f} s "
        f"({cpu['server'] / elapsed / cores:.0%} of {cores} cores, "
        f"{cpu['server'] / max(total, 1) * 1000:.1f} ms per request); this load "
        f"generator used {cpu['client']:.1f} s on the same machine.\n"
        "Client latency includes queueing (more clients than server threads) "
        "and the load generator's own CPU and GIL, so it over-states "
        "server time. Server p50/p95 come from gunicorn's access log (%(D)s, from "
        "the parsed request to the sent response), the time the budget "
        f"(p95 <= {MAX_P95_MS:.0f} ms) means; it still includes waiting for the "
        "worker's GIL and for a CPU.\n"
        "409: a status change refused because the plan changed between reading "
        "its page and posting (the optimistic lock at work, not an error; the "
        "clients take turns at changing the shared plan, so expect 0). The plan "
        "page read just before each change counts under 'own plan'."
    )


def report_memory(
    server: Gunicorn, before: dict[int, dict[str, float]], report: Report
) -> None:
    """Print the RSS of each worker after the load, against the budget."""
    heading("Memory of the gunicorn workers after the load")
    rows = []
    for number, pid in enumerate(server.workers(), 1):
        now = memory(pid)
        was = before.get(pid, {}).get("VmRSS")
        note = report.other(
            f"worker {number} RSS after the load",
            f"{now['VmRSS']:.1f} MB",
            f"<= {MAX_RSS_MB:.0f} MB",
            now["VmRSS"] > MAX_RSS_MB,
        )
        rows.append(
            [
                f"worker {number}",
                pid,
                f"{was:.1f} MB" if was is not None else "-",
                f"{now['VmRSS']:.1f} MB",
                f"{now['VmHWM']:.1f} MB",
                f"{now['Pss']:.1f} MB" if "Pss" in now else "-",
                note,
            ]
        )
    table(
        ["worker", "pid", "RSS before", "RSS after", "peak RSS", "PSS after", ""],
        rows,
    )
    say(
        f"VmRSS from /proc/<pid>/status; budget {MAX_RSS_MB:.0f} MB per worker. "
        "The app is preloaded in gunicorn's master, so RSS counts the shared "
        "libraries in every worker; PSS shares them out (smaps_rollup)."
    )


# --------------------------------------------------------------------------
# 6. Saturation: each page's throughput against /healthz
# --------------------------------------------------------------------------

HEALTHZ = "/healthz"


def run_saturation(
    args: argparse.Namespace,
    env: dict[str, str],
    folder: Path,
    targets: Targets,
    report: Report,
) -> None:
    """Each page's saturation throughput as a share of /healthz's, one run.

    A gunicorn of its own, as ``gunicorn.conf.py`` alone runs it (no access
    log); /healthz before the pages and after them, the mean of the two the
    reference.
    """
    if not args.saturation_pages or args.saturation_seconds <= 0:
        return
    from app.demo import catalogue
    from app.demo.seed import DEMO_PASSWORD

    accounts = {a.role: a for a in catalogue.accounts()}
    emails = {role: account.email for role, account in accounts.items()}
    emails["largest team"] = targets.largest_team[0]
    by_label = {page.label: page for page in in_process_pages(targets)}
    pages = [by_label[SATURATION_PAGES[name]] for name in args.saturation_pages]
    seconds, clients = args.saturation_seconds, args.saturation_clients
    server = Gunicorn(env, folder, access_log=False)
    try:
        server.wait_ready()
        cookies: dict[str, dict[str, str]] = {}
        for persona in dict.fromkeys(page.persona for page in pages):
            browser = Browser(server.port)
            browser.sign_in(emails[persona], DEMO_PASSWORD)
            browser.close()
            cookies[persona] = browser.cookies
        say(
            f"-- saturation: {clients} load processes, {seconds:g} s per page, "
            f"{len(pages)} pages and {HEALTHZ} twice; load average "
            f"{load_average()}"
        )

        def measure(label: str, path: str, **kwargs) -> Saturation:
            result = saturate(server, path, clients=clients, seconds=seconds, **kwargs)
            failed = sum(result.errors.values()) + result.warm_errors
            say(
                f"   {label}: {result.rate:.0f} req/s"
                + (f", {failed} answers other than 200" if failed else "")
            )
            return result

        results: dict[str, Saturation] = {}
        results[f"{HEALTHZ} (before)"] = measure("/healthz (before)", HEALTHZ)
        for page in pages:
            results[page.label] = measure(
                page.label,
                page.path,
                cookies=cookies[page.persona],
                headers=htmx_headers(page.target) if page.target else {},
            )
        results[f"{HEALTHZ} (after)"] = measure("/healthz (after)", HEALTHZ)
        paths = {page.label: page.path for page in pages}
        report_saturation(results, paths, args, report)
    finally:
        say("-- stopping gunicorn")
        server.stop()


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages (other work on it too)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "-"


def geometric_mean(values: Sequence[float]) -> float:
    """The geometric mean; 0 when any value is 0 (a page that never answered)."""
    if not values or min(values) <= 0:
        return 0.0
    return math.exp(sum(math.log(v) for v in values) / len(values))


def report_saturation(
    results: dict[str, Saturation],
    paths: dict[str, str],
    args: argparse.Namespace,
    report: Report,
) -> None:
    """Print each page's req/s and its share of /healthz's, against the budget."""
    before = results.pop(f"{HEALTHZ} (before)")
    after = results.pop(f"{HEALTHZ} (after)")
    reference = (before.rate + after.rate) / 2
    heading(
        f"Saturation: 200 answers/s vs {HEALTHZ}, {args.saturation_clients} "
        f"closed-loop processes, {args.saturation_seconds:g} s per page"
    )
    rows = []
    ratios = []
    failures: list[tuple[str, Saturation]] = []

    def row(label: str, path: str, result: Saturation, ratio: str, note: str):
        failed = sum(result.errors.values())
        if failed or result.warm_errors:
            failures.append((label, result))
            statuses = ", ".join(
                f"{count} x {status or 'no answer'}"
                for status, count in sorted(result.errors.items())
            )
            note = "; ".join(
                filter(None, [note, f"errors: {statuses or result.warm_errors}"])
            )
        rows.append(
            [
                label,
                path,
                f"{result.rate:.0f}",
                ratio,
                failed,
                ms(result.server_cpu / max(result.ok + failed, 1) * 1000),
                f"{result.busy}/{result.workers}",
                result.recycled,
                f"{result.client_cpu / result.seconds:.0%}",
                note,
            ]
        )

    row(f"{HEALTHZ} (before)", HEALTHZ, before, "-", "")
    for label, result in results.items():
        ratio = result.rate / reference if reference else 0.0
        ratios.append(ratio)
        over = ratio < MIN_PAGE_RATIO
        note = report.page(label, "vs /healthz", f"{ratio:.1%}", over)
        row(label, paths[label], result, f"{ratio:.1%}", note)
    row(f"{HEALTHZ} (after)", HEALTHZ, after, "-", "")
    mean = geometric_mean(ratios)
    mean_over = bool(ratios) and mean < MIN_MEAN_RATIO
    rows.append(
        [
            f"geometric mean ({len(ratios)} pages)",
            "",
            "",
            f"{mean:.1%}",
            "",
            "",
            "",
            "",
            "",
            flag(mean_over),
        ]
    )
    headers = ["page", "path", "req/s", "vs /healthz", "errors", "CPU ms/req"]
    headers += ["workers busy", "recycled", "load gen CPU", ""]
    table(headers, rows)

    drift = after.rate / before.rate - 1 if before.rate else math.inf
    report.other(
        f"saturation: {HEALTHZ} req/s (mean of before and after)",
        f"{reference:.0f} ({before.rate:.0f}, {after.rate:.0f})",
        "(reference)",
    )
    report.other(
        f"saturation: geometric mean of {len(ratios)} pages vs {HEALTHZ}",
        f"{mean:.1%}",
        f">= {MIN_MEAN_RATIO:.0%}",
        mean_over,
    )
    failed = sum(sum(r.errors.values()) for _, r in failures)
    report.other(
        "saturation: answers other than 200 (in the window)",
        str(failed),
        "0",
        failed > 0,
    )
    say(
        f"req/s: 200 answers completed per second in the {args.saturation_seconds:g} "
        f"s window, {args.saturation_clients} load processes each with one "
        "keep-alive connection and one request in flight (closed loop, no pause), "
        "after every process had its first answers and one more second of load. "
        f"vs /healthz: that rate over {HEALTHZ}'s, the mean of {HEALTHZ} measured "
        f"before the pages ({before.rate:.0f}) and after them ({after.rate:.0f}; "
        f"drift {drift:+.0%}). Budget: every page >= {MIN_PAGE_RATIO:.0%}, "
        f"geometric mean >= {MIN_MEAN_RATIO:.0%}.\n"
        "CPU ms/req: the gunicorn workers' CPU in the window per answer. workers "
        "busy: workers that used >= 5% of a core (a keep-alive connection stays "
        "with the worker that accepted it). recycled: workers that exited in the "
        "window (max_requests in gunicorn.conf.py; the new one starts cold). load "
        "gen CPU: the load processes' CPU, in cores, on the same machine. Load "
        f"average at the end: {load_average()}."
    )
    for label, result in failures:
        say(
            f"\n{label}: {sum(result.errors.values())} answers other than 200 in "
            f"the window, {result.warm_errors} before it; the first: "
            f"{result.first_error}"
        )


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

SUMMARY_COLUMNS = [
    ("queries", f"<= {MAX_QUERIES}"),
    ("bytes", ""),
    ("partial", f"<= {MAX_PARTIAL_RATIO:.0%}"),
    ("in-proc p95", f"<= {MAX_P95_MS:.0f} ms"),
    ("server p95", f"<= {MAX_P95_MS:.0f} ms"),
    ("client p95", "(info)"),
    ("vs /healthz", f">= {MIN_PAGE_RATIO:.0%}"),
]


def print_summary(report: Report, args: argparse.Namespace) -> None:
    """The compact table of every figure against its budget."""
    heading(
        f"Summary against DESIGN.md section 6 ({args.employees} employees, "
        f"{args.clients} clients)"
    )
    headers = ["page"] + [name for name, _ in SUMMARY_COLUMNS] + ["over budget"]
    rows = [["(budget)"] + [budget for _, budget in SUMMARY_COLUMNS] + [""]]
    for label, values in report.pages.items():
        missed = report.missed.get(label, [])
        notes = [f"{OVER}: {', '.join(missed)}"] if missed else []
        notes += [report.notes[label]] if label in report.notes else []
        rows.append(
            [label]
            + [values.get(name, "-") for name, _ in SUMMARY_COLUMNS]
            + ["; ".join(notes)]
        )
    table(headers, rows)
    say("Times in ms; server p95 is gunicorn's own time under load.")
    say()
    table(
        ["figure", "value", "budget", ""],
        [[f.what, f.value, f.budget, flag(f.over)] for f in report.others],
    )
    missed = report.over_count
    say(f"\n{missed} figure(s) {OVER}." if missed else "\nAll within budget.")


def saturation_pages(value: str) -> list[str]:
    """``--saturation-pages``: names of SATURATION_PAGES, 'all' or 'none'."""
    if value.strip() in ("all", "none", ""):
        return list(SATURATION_PAGES) if value.strip() == "all" else []
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SATURATION_PAGES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown page(s) {', '.join(unknown)}; "
            f"known: {', '.join(SATURATION_PAGES)}"
        )
    return list(dict.fromkeys(names))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument(
        "--samples",
        type=int,
        default=40,
        help="sequential in-process requests per page for server time",
    )
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="mean pause between a client's requests (0: back to back)",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=200_000,
        help="upper bound on load-test requests, shared by the clients",
    )
    parser.add_argument(
        "--saturation-seconds",
        type=float,
        default=5.0,
        help="seconds of closed-loop load per page in the saturation section "
        "(and for /healthz before and after); 0 skips the section",
    )
    parser.add_argument(
        "--saturation-pages",
        type=saturation_pages,
        default=list(DEFAULT_SATURATION_PAGES),
        metavar="NAME,...",
        help="the pages to saturate, comma-separated, or 'all' or 'none'; "
        f"default {','.join(DEFAULT_SATURATION_PAGES)}; the others: "
        + ",".join(n for n in SATURATION_PAGES if n not in DEFAULT_SATURATION_PAGES),
    )
    parser.add_argument(
        "--saturation-clients",
        type=int,
        default=4 * (os.cpu_count() or 1),
        help="load processes in the saturation section, each with one request "
        "in flight (default: 4 per core, as many as gunicorn's threads)",
    )
    parser.add_argument(
        "--only-saturation",
        action="store_true",
        help="skip the in-process figures, the mixed load and memory: seed, "
        "then only the saturation section",
    )
    parser.add_argument(
        "--database-url",
        help="a throwaway PostgreSQL database to use instead of SQLite "
        "(it is migrated and seeded)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every section; always stop gunicorn and remove the temporary folder."""
    args = parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="jenjang-bench-"))
    report = Report()
    try:
        env = bench_environment(args, folder)
        os.environ.update(env)  # before the first import of app
        say(
            f"Jenjang page benchmark: {args.employees} employees, "
            f"{'PostgreSQL' if args.database_url else 'SQLite'}, temp dir {folder}"
        )
        build_database(args, env)
        targets = run_in_process(args, report)
        if not args.only_saturation:
            run_load(args, env, folder, targets, report)
        run_saturation(args, env, folder, targets, report)
        print_summary(report, args)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        say(f"\nbenchmark failed: {error}")
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
